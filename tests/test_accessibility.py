"""WCAG 2.1 AA in Chromium with axe-core: no serious or critical violation; keyboard alone reaches everything."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = [
    "",  # home
    "start/leercoach/",
    "methoden/",  # an overview
    "leerarrangementen/hoe-wordt-een-team-een-lerend-team/",
    "kennisbronnen/casusleren/",
    "methoden/sonestra/",
    "methoden/meldcode-huiselijk-geweld/",  # opens with "In het kort", links out to public sources
    "over-de-bronnen/",
    "modules/teamleren-casusleren/",
    "formulieren/kantelbox/",
    "reflectoren/coachen-van-leerprocessen/",  # a reflector with its printable and online form
    "reflectoren/kantelen-met-dialogen/",
    "eindtermen/",
    "resultaten-2015/",
    "bakens/",
    "kernelementen/",
    "rollen/",
    "begrippen/",  # the glossary
    "start/nieuw/",
    "redactie/",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def page(site_in_browser: tuple[Any, str]) -> Any:
    browser, base = site_in_browser
    page = browser.new_page()
    yield page, base
    page.close()


# The long pages skip the rendering of what is off screen (content-visibility: auto): axe would read the colours
# of what is not drawn (a made-up contrast of 1.15 on /resultaten-2015/) and check nothing there; drawn, all of it.
DRAW_ALL = "* { content-visibility: visible !important; }"


def _axe(page: Any) -> dict:
    page.add_style_tag(content=DRAW_ALL)
    page.add_script_tag(path=str(AXE))
    return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)


def _violations(page: Any) -> list[dict]:
    return _axe(page)["violations"]


def _serious(page: Any, path: str) -> list[str]:
    return [
        f"/{path}: {violation['id']} ({violation['impact']}) {violation['help']} — {violation['nodes'][0]['target']}"
        for violation in _violations(page)
        if violation["impact"] in ("serious", "critical")
    ]


# One test per page, so that the pages are shared out over pytest-xdist's workers.
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violations(page: tuple[Any, str], path: str) -> None:
    browser_page, base = page
    browser_page.goto(base + path)
    found = _serious(browser_page, path)
    assert not found, "\n".join(found)


def test_off_screen_parts_of_a_long_page_are_checked_as_drawn(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    desktop = browser.new_page(viewport={"width": 1366, "height": 768})
    try:
        desktop.goto(base + "resultaten-2015/")
        skipped = desktop.evaluate(
            "() => [...document.querySelectorAll('.kb-dist')]"
            ".filter(e => getComputedStyle(e).contentVisibility === 'auto').length"
        )
        assert skipped > 40  # the distributions below the fold are not drawn until scrolled to
        result = _axe(desktop)
        undecided = [
            node["target"]
            for check in result["incomplete"]
            if check["id"] == "color-contrast"
            for node in check["nodes"]
            if "resultaat-" in " ".join(node["target"])
        ]
        assert not undecided, f"contrast niet te bepalen bij {len(undecided)} elementen, o.a. {undecided[:3]}"
        serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, serious
    finally:
        desktop.close()


def _focus_path(page: Any, steps: int) -> list[str]:
    seen = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "() => { const e = document.activeElement; return (e.name || e.className || e.tagName) + '|' + "
                "(e.getAttribute('data-action') || e.value || '') }"
            )
        )
    return seen


def test_keyboard_reaches_search_and_every_form_control(page: tuple[Any, str]) -> None:
    browser_page, base = page
    browser_page.goto(base + "reflectoren/coachen-van-leerprocessen/")
    path = _focus_path(browser_page, 400)
    assert any(step.startswith("query|") for step in path), "zoekveld niet bereikbaar met Tab"
    names = browser_page.evaluate(
        "() => [...new Set([...document.querySelectorAll('.kb-online input, .kb-online button')]"
        ".map(e => e.name || e.getAttribute('data-action') || e.type))]"
    )
    reached = {step.split("|")[0] for step in path} | {step.split("|")[1] for step in path}
    missing = [name for name in names if name not in reached]
    assert not missing, f"niet bereikbaar met Tab: {missing}"


def test_search_results_have_no_serious_or_critical_violations(page: tuple[Any, str]) -> None:
    # The served site's results come from Pagefind through our worker, in Material's markup.
    browser_page, base = page
    browser_page.goto(base)
    box = browser_page.locator("input.md-search__input")
    box.click()
    box.fill("casussen")
    browser_page.keyboard.press("End")
    browser_page.wait_for_function(
        "() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000
    )
    browser_page.keyboard.press("ArrowDown")  # Material's keyboard navigation through the results
    assert "md-search-result__link" in browser_page.evaluate("() => document.activeElement.className")
    found = [
        f"{violation['id']} ({violation['impact']}) {violation['help']} — {violation['nodes'][0]['target']}"
        for violation in _violations(browser_page)
        if violation["impact"] in ("serious", "critical")
    ]
    assert not found, "\n".join(found)


DARK_PAGES = [
    "",  # home
    "start/nieuw/",  # the route's checklist
    "methoden/sonestra/",
    "reflectoren/coachen-van-leerprocessen/",  # with its printable and online form
    "resultaten-2015/",
    "reflectoren/digitale-reflector/team/",
]


@pytest.fixture(scope="module")
def dark(site_in_browser: tuple[Any, str]) -> Any:
    """A page in a browser whose system setting is dark."""
    browser, base = site_in_browser
    context = browser.new_context(color_scheme="dark")
    yield context.new_page(), base
    context.close()


@pytest.mark.parametrize("path", DARK_PAGES)
def test_dark_theme_follows_the_system_and_has_no_serious_or_critical_violations(
    dark: tuple[Any, str], path: str
) -> None:
    # Material's palette follows the system setting until the reader picks a theme.
    page, base = dark
    page.emulate_media(color_scheme="dark")
    page.goto(base + path)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    found = _serious(page, path)
    assert not found, "\n".join(found)


def test_a_light_system_gives_the_light_theme_and_the_toggle_says_so_in_dutch(dark: tuple[Any, str]) -> None:
    page, base = dark
    page.emulate_media(color_scheme="light")
    page.goto(base)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "default"
    labels = page.evaluate("() => [...document.querySelectorAll('.md-header__option label')].map(l => l.title)")
    assert set(labels) == {"Licht thema", "Donker thema", "Volg het systeem"}, labels


# The theme as the page shows it: the body's scheme, the header's colour in theme-color and the scheme in
# color-scheme (what the phone's browser bar and form controls follow), which toggle is shown.
THEME = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  themeColor: document.querySelector('meta[name=theme-color]').content,
  header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
  colorScheme: document.querySelector('meta[name=color-scheme]').content,
  shown: [...document.querySelectorAll('.md-header__option label:not([hidden])')].map(l => l.htmlFor),
})"""


def test_theme_toggle_switches_remembers_and_is_right_before_the_content_is_drawn(
    site_in_browser: tuple[Any, str],
) -> None:
    browser, base = site_in_browser
    context = browser.new_context(color_scheme="dark")
    # The scheme the body has when the article is first parsed: no light flash on a dark phone.
    context.add_init_script(
        "new MutationObserver((_, observer) => { const main = document.querySelector('.md-main');"
        " if (main) { window.schemeAtMain = document.body.getAttribute('data-md-color-scheme');"
        " observer.disconnect() } }).observe(document, { childList: true, subtree: true })"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(base + "eindtermen/")
        theme = page.evaluate(THEME)
        assert page.evaluate("() => window.schemeAtMain") == "slate"
        assert (theme["scheme"], theme["colorScheme"], theme["shown"]) == ("slate", "dark", ["__palette_1"])
        red, green, blue = (int(part) for part in theme["header"][4:-1].split(","))
        assert theme["themeColor"] == f"#{red:02x}{green:02x}{blue:02x}"
        assert page.evaluate("() => Object.keys(localStorage).length") == 0  # nothing kept before a choice

        page.click(".md-header__option label:not([hidden])")  # "Licht thema"
        assert page.evaluate(THEME)["scheme"] == "default"
        assert page.evaluate(THEME)["colorScheme"] == "light"
        page.goto(base + "methoden/sonestra/")  # remembered on another page, before its content is drawn
        assert page.evaluate("() => window.schemeAtMain") == "default"
        assert page.evaluate(THEME)["shown"] == ["__palette_2"]  # "Donker thema" next

        page.focus("#__palette_1")  # the keyboard: Enter moves on to the next theme, as a click does
        page.keyboard.press("Enter")
        assert page.evaluate(THEME)["scheme"] == "slate"
        page.keyboard.press("Enter")  # "Volg het systeem": the system is dark
        assert (page.evaluate(THEME)["scheme"], page.evaluate(THEME)["shown"]) == ("slate", ["__palette_1"])
        page.emulate_media(color_scheme="light")  # the system changes: the page follows
        page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
        assert page.evaluate(THEME)["colorScheme"] == "light"
        page.reload()
        assert page.evaluate(THEME)["scheme"] == "default"
        assert not errors, errors
    finally:
        context.close()
