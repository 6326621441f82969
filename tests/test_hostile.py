"""Hostile content: HTML and script in titles, aliases and prose show as text and never run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import serve_folder
from tests.conftest import run_cli

SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src="x" onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import MINI, copy_root

    root = copy_root(MINI, tmp_path_factory.mktemp("hostile") / "kb")
    path = root / "content/methoden/ecogram.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("titel: Ecogram", f"titel: 'Ecogram {SCRIPT}'")
    text = text.replace("samenvatting:", f"aliassen: ['{IMAGE}']\nsamenvatting:")
    text = (
        text.replace(
            "Een ecogram laat",
            f"{SCRIPT} {IMAGE} [klik](javascript:window.__pwned=3) [ook](jav&#x61;script:x) [ref][r] Een ecogram laat",
        )
        + "\n  [r]: javascript:window.__pwned=4\n"
    )
    path.write_text(text, encoding="utf-8")
    result = run_cli(root, "build")
    assert result.code == 0, result.out + result.err
    return root / "site"


def test_script_in_content_is_shown_as_text_and_never_runs(
    hostile_site: Path, site_in_browser: tuple[Any, str]
) -> None:
    browser, _ = site_in_browser  # one Playwright per session; this test serves its own site
    with serve_folder(hostile_site) as base:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("methoden/ecogram/", "methoden/", "methoden/sonestra/", "begrippen/"):
            page.goto(base + path, wait_until="networkidle")
            assert page.evaluate("() => window.__pwned") is None, path
        page.goto(base + "methoden/ecogram/")
        article = page.locator("article").inner_text()
        assert "Ecogram <script>window.__pwned = 1</script>" in article
        assert '<img src="x" onerror="window.__pwned = 2">' in article
        hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.getAttribute('href'))")
        assert not [
            h for h in hrefs if h and (h.strip().lower().startswith(("javascript", "data", "jav")) or "&#" in h)
        ]
        for link in page.locator(
            "article a:has-text('klik'), article a:has-text('ook'), article a:has-text('ref')"
        ).all():
            link.click()
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("onerror")
        page.keyboard.press("End")
        page.wait_for_timeout(3000)
        assert page.evaluate("() => window.__pwned") is None
        assert dialogs == []
        page.close()


def test_markup_in_a_glossary_meaning_is_refused(mini_root: Path) -> None:
    # Material's tooltips would insert the meaning as HTML, so check refuses markup there.
    glossary = mini_root / "content/begrippen.yml"
    text = glossary.read_text(encoding="utf-8").replace("Werkwijze waarin", "Werkwijze &lt;img src=x&gt; waarin")
    glossary.write_text(text, encoding="utf-8")
    result = run_cli(mini_root, "check")
    assert result.code == 1
    assert (
        "content/begrippen.yml:5:14: veld 'betekenis': gebruik gewone tekst, zonder <, > of HTML-codes zoals &amp;"
        in result.lines
    )
