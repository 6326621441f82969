"""Method and kennisbron pages start with what to do; statuses are explained; no editorial notes show."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from tests.pages import article_text

REPO = Path(__file__).resolve().parents[1]
METHODS = sorted(p.stem for p in (REPO / "content" / "methoden").glob("*.yml"))
KENNISBRONNEN = sorted(p.stem for p in (REPO / "kennisbronnen").glob("*.yml"))
PAGES = [f"methoden/{key}/index.html" for key in METHODS] + [f"kennisbronnen/{key}/index.html" for key in KENNISBRONNEN]
# What comes after the point of the page: what the report found, its quotes and where it all comes from.
SOURCE_PARTS = ("Wat het rapport vond", "Uit het rapport", "Herkomst")
# Working notes of the editors: line numbers of the report's text version, seed lines, notes to editors.
EDITORIAL_NOTE = re.compile(
    r"\bregels? \d|\(r\. ?\d|\bseed\b|tekstbestand|tekstversie|redactienoot|note? (?:to|voor) (?:de )?redact",
    re.IGNORECASE,
)
BADGE = re.compile(r'<span class="kb-status kb-status--(\w+)">(.*?)</span>', re.DOTALL)


def _article(real_site: Path, page: str) -> str:
    text = (real_site / page).read_text(encoding="utf-8")
    start = text.index('<article class="md-content__inner')
    return text[start : text.index("</article>", start)]


def _headings(article: str) -> list[str]:
    found = re.findall(r"<h2[^>]*>(.*?)</h2>", article, re.DOTALL)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").split()) for h in found]


def test_all_method_and_kennisbron_pages_are_covered() -> None:
    assert len(METHODS) == 18
    assert len(KENNISBRONNEN) == 17


@pytest.mark.parametrize("page", PAGES)
def test_in_het_kort_is_the_first_section_and_comes_before_the_sources(real_site: Path, page: str) -> None:
    article = _article(real_site, page)
    headings = _headings(article)
    assert headings[0] == "In het kort", headings
    short = article.index('id="in-het-kort"')
    for part in SOURCE_PARTS:
        if part in headings:
            assert headings.index(part) > 0
    # The status and provenance line, and every quote, sit below the opening.
    assert article.index('class="kb-meta"') > short
    if "<blockquote>" in article:
        assert article.index("<blockquote>") > short
    labels = re.findall(r"<dt>(.*?)</dt>", article[short : article.index("</dl>", short)])
    expected = ["Doel", "Wanneer", "Eerste stap"] if page.startswith("methoden/") else ["De kern", "In de praktijk"]
    assert labels == expected


def test_every_status_badge_links_to_the_page_that_explains_it(real_site: Path) -> None:
    explained = (real_site / "over-de-bronnen" / "index.html").read_text(encoding="utf-8")
    assert 'id="vastgesteld"' in explained and 'id="concept"' in explained
    assert "aangevuld door de redactie; niet alles komt uit het rapport" in article_text(
        real_site / "over-de-bronnen" / "index.html"
    )
    badges = 0
    for path in sorted(real_site.rglob("*.html")):
        page = path.relative_to(real_site).as_posix()
        # The home page explains the two badges in a sentence (its own template); the explanation page is the target.
        if page in ("index.html", "over-de-bronnen/index.html"):
            continue
        for status, inner in BADGE.findall(path.read_text(encoding="utf-8")):
            badges += 1
            target = re.search(r'href="([^"]*)"', inner)
            assert target, f"{page}: badge '{status}' is no link"
            assert target.group(1).endswith(f"over-de-bronnen/#{status}"), (page, target.group(1))
    assert badges > 100
    redactie = (real_site / "redactie" / "index.html").read_text(encoding="utf-8")
    assert 'href="../over-de-bronnen/"' in redactie


def test_a_concept_page_says_in_plain_words_what_concept_means(real_site: Path) -> None:
    text = article_text(real_site / "methoden" / "ecogram" / "index.html")
    opening = text[: text.index("Wat is het?")]
    assert "concept aangevuld door de redactie; niet alles komt uit het rapport" in opening
    assert "CONCEPT" not in text
    overview = article_text(real_site / "methoden" / "index.html")
    assert "concept bij een titel: aangevuld door de redactie; niet alles komt uit het rapport." in overview


def test_no_page_shows_editorial_working_notes(real_site: Path) -> None:
    shown = []
    for path in sorted(real_site.rglob("*.html")):
        page = path.relative_to(real_site).as_posix()
        # The editors' guide describes the fields editors fill in, line numbers included; it is for editors.
        if page.startswith("redactie/") or '<article class="md-content__inner' not in path.read_text(encoding="utf-8"):
            continue
        text = article_text(path)
        shown += [f"{page}: …{text[max(0, m.start() - 60) : m.end() + 40]}…" for m in EDITORIAL_NOTE.finditer(text)]
    assert shown == []


def test_the_meldcode_page_gives_the_five_steps_and_veilig_thuis(real_site: Path) -> None:
    text = article_text(real_site / "methoden" / "meldcode-huiselijk-geweld" / "index.html")
    opening = text[: text.index("Wat is het?")]
    assert "0800-2000" in opening and "dag en nacht bereikbaar" in opening
    steps = [
        "In kaart brengen van signalen.",
        "Collegiale consultatie en zo nodig raadplegen van Veilig Thuis of een deskundige op het gebied van "
        "letselduiding.",
        "Gesprek met de cliënt.",
        "Wegen van het huiselijk geweld of de kindermishandeling, met het afwegingskader.",
        "Beslissen: hulp organiseren en/of melden.",
    ]
    at = [text.index(step) for step in steps]
    assert at == sorted(at)
    html = (real_site / "methoden" / "meldcode-huiselijk-geweld" / "index.html").read_text(encoding="utf-8")
    steps_list = html[html.index('id="zo-begin-je"') :]
    assert steps_list.index("<ol>") < steps_list.index(steps[4]) < steps_list.index("</ol>")
    assert steps_list[: steps_list.index("</ol>")].count("<li>") == 5
    # The public source is named, the page is marked concept, and the report's own words stay the report's.
    assert "Rijksoverheid" in text and "Wet verplichte meldcode huiselijk geweld en kindermishandeling" in text
    assert "concept aangevuld door de redactie" in text
    assert (
        "Uit het rapport¶ “Wettelijk kader, dat lokaal verder is uitgewerkt” — Evaluatierapport 2015, Bijlage 9" in text
    )
    assert text.index("Wat het rapport vond") > text.index("Beslissen: hulp organiseren en/of melden.")


def test_in_het_kort_is_on_the_first_phone_screen(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    below = []
    for path in PAGES:
        page.goto(base + path)
        box = page.locator("h2#in-het-kort").bounding_box()
        assert box is not None, path
        if box["y"] < 0 or box["y"] + box["height"] > 844:
            below.append(f"{path}: {box['y'] + box['height']:.0f}px")
    page.close()
    assert below == []
