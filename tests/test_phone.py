"""Every page of the built site on a phone in Chromium: nothing scrolls sideways at 360 and 390 px."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

WIDTHS = (360, 390)
# Material sets `overflow-x: hidden` on <html>, which would hide a too-wide page from scrollWidth (and cut its
# right edge off), and content-visibility leaves what is off screen unmeasured: both lifted while measuring,
# so everything too wide shows as width.
UNCLIP = "html { overflow-x: visible !important; } * { content-visibility: visible !important; }"
# The outermost elements that reach past the viewport, for the failure message.
WIDEST = """width => {
  const wide = []
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect()
    if (box.right > width + 1 && box.width > 0 && !wide.some(outer => outer.contains(element))) wide.push(element)
  }
  return wide.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
}"""
# A box that scrolls sideways must take keyboard focus itself or hold something that does (axe's
# scrollable-region-focusable), or keyboard users cannot scroll it.
UNREACHABLE_SCROLLERS = """() => [...document.body.querySelectorAll('*')].filter(e => {
  const style = getComputedStyle(e)
  return ['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.clientHeight > 0
    && e.tabIndex < 0 && !e.querySelector('a[href], button, input, select, textarea, [tabindex]')
}).map(e => e.tagName.toLowerCase() + '.' + String(e.className).trim().split(/\\s+/).join('.'))"""


def site_paths(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path (`methoden/` for methoden/index.html)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.startswith(("pagefind/", "downloads/")):
            continue
        paths.append(relative.removesuffix("index.html"))
    return paths


def test_site_has_every_page(real_site: Path) -> None:
    paths = site_paths(real_site)
    assert len(paths) > 70, paths
    assert "reflectoren/digitale-reflector/" in paths and "resultaten-2015/" in paths


@pytest.fixture(scope="module")
def phone(site_in_browser: tuple[Any, str]) -> Any:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    yield page, base
    context.close()


# The pages are shared out over a few tests, so that pytest-xdist's workers can take them in parallel.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_page_scrolls_sideways(phone: tuple[Any, str], real_site: Path, shard: int) -> None:
    page, base = phone
    offenders = []
    for path in site_paths(real_site)[shard::SHARDS]:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        page.goto(base + path, wait_until="load")
        page.add_style_tag(content=UNCLIP)
        for width in WIDTHS:  # the narrowest phone first, then the same page on the next one
            page.set_viewport_size({"width": width, "height": 800})
            offenders += _sideways(page, path, width)
    assert not offenders, f"{len(offenders)} problemen op een telefoon:\n" + "\n".join(offenders)


def _sideways(page: Any, path: str, width: int) -> list[str]:
    offenders = []
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > width:
        culprits = ", ".join(page.evaluate(WIDEST, width))
        offenders.append(f"{width} px: /{path} is {scroll_width} px breed ({culprits})")
    unreachable = page.evaluate(UNREACHABLE_SCROLLERS)
    if unreachable:  # Material gives a code block tabindex once it has measured that it overflows
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(f"() => ({UNREACHABLE_SCROLLERS})().length === 0", timeout=5000)
        unreachable = page.evaluate(UNREACHABLE_SCROLLERS)
    for scroller in unreachable:
        offenders.append(f"{width} px: /{path}: {scroller} schuift maar krijgt geen toetsenbordfocus")
    return offenders
