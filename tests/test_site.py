"""A build of the real content: the pages, anchors and links a reader relies on."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, run_cli
from tests.pages import article_text, page_text


def _items(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((REPO / folder).glob("*.yml"))]


def _fold(text: str) -> str:
    return " ".join(text.split())


def test_the_nine_leerarrangementen_have_a_page(real_site: Path) -> None:
    items = _items("leerarrangementen")
    assert sorted(i["nummer"] for i in items) == list(range(1, 10))
    for item in items:
        text = article_text(real_site / "leerarrangementen" / item["id"] / "index.html")
        assert f"Leerarrangement {item['nummer']}: {item['titel']}" in text
        assert "Leervraag" in text and "Sessieplan" in text


def test_every_eindterm_has_its_text_and_anchor(real_site: Path) -> None:
    page = real_site / "eindtermen" / "index.html"
    html = page.read_text(encoding="utf-8")
    text = page_text(page)
    eindtermen = yaml.safe_load((REPO / "content/eindtermen.yml").read_text(encoding="utf-8"))
    assert [e["nummer"] for e in eindtermen] == list(range(1, 60))
    for eindterm in eindtermen:
        assert f'id="eindterm-{eindterm["nummer"]}"' in html
        assert _fold(eindterm["tekst"]) in text, eindterm["nummer"]
    assert sum(e["soort"] == "schaal" for e in eindtermen) == 50


def test_items_without_a_dimension_say_so(real_site: Path) -> None:
    text = article_text(real_site / "eindtermen" / "index.html")
    assert "Gescoorde items zonder dimensie" in text
    section = text.split("Gescoorde items zonder dimensie", 1)[1].split("Achtergrondvragen", 1)[0]
    for number in (35, 40, 46, 49, 53, 54, 55, 56, 57):
        assert f"Eindterm {number}¶" in section
    assert "Transitiemanagement" in text and "Geen eindtermen." in text


def test_a_differently_worded_eindterm_shows_both_wordings(real_site: Path) -> None:
    text = page_text(real_site / "eindtermen" / "index.html")
    assert "In doorvragen ben ik zeer bekwaam." in text
    assert "Andere formulering in Bijlage 7: “In doorvragen ben ik bekwaam”" in text


def test_every_method_page_shows_its_aliases(real_site: Path) -> None:
    for item in _items("content/methoden"):
        text = article_text(real_site / "methoden" / item["id"] / "index.html")
        assert item["titel"] in text
        for alias in item.get("aliassen", []):
            assert alias in text, (item["id"], alias)
    sonestra = article_text(real_site / "methoden" / "sonestra" / "index.html")
    assert "SNS" in sonestra and "Sociale NetwerkStrategieën" in sonestra


def test_a_method_used_by_a_leerarrangement_links_back(real_site: Path) -> None:
    text = article_text(real_site / "methoden" / "sonestra" / "index.html")
    used_in = text.split("Gebruikt in", 1)[1]
    assert "Leerarrangementen:" in used_in
    assert "De kunst van het vragen stellen, aansluitend op SNS" in used_in


def test_every_eindterm_link_in_the_site_resolves_to_an_anchor(real_site: Path) -> None:
    html = (real_site / "reflectoren" / "digitale-reflector" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../eindtermen/#eindterm-21"' in html


def test_search_is_dutch_with_the_stemmer(real_site: Path) -> None:
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    assert "stemmer" in index["config"]["pipeline"]
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert "workers/kennisbank-search.js?material=search." in html
    assert (real_site / "assets/javascripts/workers/kennisbank-search.js").is_file()


def test_the_served_site_searches_a_pagefind_index_of_the_articles(real_site: Path) -> None:
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []  # the reader's browser no longer downloads every page's text
    assert index["config"]["pagefind"] == "pagefind/"
    assert (real_site / "search" / "search_index.json").stat().st_size < 1000
    assert (real_site / "pagefind" / "pagefind.js").is_file()
    assert list((real_site / "pagefind" / "fragment").glob("*.pf_fragment"))
    html = (real_site / "methoden" / "ecogram" / "index.html").read_text(encoding="utf-8")
    # The article alone is indexed, and filed under its kind for the search filter.
    assert (
        '<article class="md-content__inner md-typeset" data-pagefind-body data-pagefind-filter="soort:methode">' in html
    )
    assert "data-pagefind-body" not in (real_site / "404.html").read_text(encoding="utf-8")


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for marker in ('<script src="http', '<link rel="stylesheet" href="http', "@import url(http"):
            assert marker not in html, page


def test_glossary_terms_have_tooltips_on_other_pages(real_site: Path) -> None:
    html = (real_site / "methoden" / "sonestra" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="' in html and ">SNS</abbr>" in html


def test_there_is_a_start_page_for_each_audience(real_site: Path) -> None:
    home = page_text(real_site / "index.html")
    for label in ("Ik ben sociaal werker", "Ik ben leercoach", "Ik ben trainer of facilitator", "Ik ben nieuw"):
        assert label in home
    for page in ("sociaal-werker", "leercoach", "trainer", "nieuw"):
        assert (real_site / "start" / page / "index.html").is_file()


def test_overview_pages_list_every_item(real_site: Path) -> None:
    for folder, section in [
        ("kennisbronnen", "kennisbronnen"),
        ("content/methoden", "methoden"),
        ("reflectoren", "reflectoren"),
        ("leerarrangementen", "leerarrangementen"),
    ]:
        text = article_text(real_site / section / "index.html")
        for item in _items(folder):
            assert item["titel"] in text, (section, item["id"])


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failed_validation_leaves_the_previous_site(mini_root: Path) -> None:
    assert run_cli(mini_root, "build").code == 0
    before = _snapshot(mini_root / "site")
    (mini_root / "content/methoden/ecogram.yml").write_text("id: ecogram\n", encoding="utf-8")
    result = run_cli(mini_root, "build")
    assert result.code == 1
    assert "content/methoden/ecogram.yml:1:1: verplicht veld 'titel' ontbreekt" in result.lines
    assert "de vorige site is ongewijzigd" in result.err
    assert _snapshot(mini_root / "site") == before


def test_a_failed_mkdocs_build_leaves_the_previous_site(mini_root: Path) -> None:
    assert run_cli(mini_root, "build").code == 0
    before = _snapshot(mini_root / "site")
    config = mini_root / "mkdocs.yml"
    # Valid YAML that MkDocs (strict) refuses: a navigation entry to a page that does not exist.
    text = config.read_text(encoding="utf-8").replace("\nnav:\n", "\nnav:\n  - Kapot: bestaat-niet.md\n", 1)
    config.write_text(text, encoding="utf-8")
    result = run_cli(mini_root, "build")
    assert result.code == 1
    assert "MkDocs-build mislukt" in result.err
    assert _snapshot(mini_root / "site") == before
    assert not list(mini_root.glob(".site-*"))


def test_every_item_page_ends_with_a_verwijzen_block(real_site: Path) -> None:
    for section in ("leerarrangementen", "kennisbronnen", "reflectoren", "methoden", "modules"):
        for page in (real_site / section).glob("*/index.html"):
            html = page.read_text(encoding="utf-8")
            text = article_text(page)
            assert f"Vast adres: /{section}/{page.parent.name}/" in text, page
            assert "Citeren:" in text and "Evaluatierapport sociale wijkteams Nijmegen (2015)" in text, page
            verwijzen = html.split('id="verwijzen"', 1)[1]
            for anchor in re.findall(r'href="#([\w-]+)"', verwijzen):
                assert f'id="{anchor}"' in html, (page, anchor)
    sonestra = article_text(real_site / "methoden/sonestra/index.html")
    assert "#wat-is-het (Wat is het?)" in sonestra


def test_the_editors_guide_lists_every_type_and_field(real_site: Path) -> None:
    from generator.registry import CONTENT_TYPES

    text = article_text(real_site / "redactie" / "index.html")
    for content_type in CONTENT_TYPES.values():
        assert f"({content_type.name})" in text
        for name in content_type.model.model_fields:
            assert name in text
    assert "kennisbank new methode" in text and "[[methode:sonestra]]" in text


def test_modules_bundle_items_and_items_show_their_modules(real_site: Path) -> None:
    modules = _items("content/modules")
    assert len(modules) >= 3
    for module in modules:
        text = article_text(real_site / "modules" / module["id"] / "index.html")
        assert f"Module: {module['titel']}" in text and "Programma" in text
        for kennisbron in module.get("kennisbronnen", []):
            used_in = article_text(real_site / "kennisbronnen" / kennisbron / "index.html").split("Gebruikt in", 1)
            assert len(used_in) == 2 and module["titel"] in used_in[1], (module["id"], kennisbron)


def test_the_onboarding_route_goes_week_by_week(real_site: Path) -> None:
    steps = yaml.safe_load((REPO / "content/onboarding.yml").read_text(encoding="utf-8"))
    text = article_text(real_site / "start" / "nieuw" / "index.html")
    weeks = sorted({step["week"] for step in steps})
    assert weeks[0] == 1 and len(weeks) >= 3
    for week in weeks:
        assert f"Week {week}" in text
    for step in steps:
        assert step["titel"] in text
    assert "Afdrukken als checklist" in text


def test_each_eindterm_shows_its_2015_distribution_as_text(real_site: Path) -> None:
    html = (real_site / "resultaten-2015" / "index.html").read_text(encoding="utf-8")
    text = article_text(real_site / "eindtermen" / "index.html")
    for number in [*range(8, 24), *range(25, 59)]:
        assert f'id="resultaat-{number}"' in html
    section_21 = text.split("Eindterm 21¶", 1)[1].split("Eindterm 22¶", 1)[0]
    assert "Uitkomst 2015 (Bijlage 7), N = 46" in section_21
    assert "huidig 6,5% 37,0% 45,7% 10,9% 0,0% gewenst 2,2% 0,0% 24,4% 44,4% 28,9%" in section_21


def test_the_2015_data_is_downloadable_as_csv(real_site: Path) -> None:
    import csv

    downloads = list((real_site / "downloads").glob("*2015*.csv"))
    assert len(downloads) == 1
    # For Dutch Excel (tests/test_results_page.py checks the bytes): ';', BOM, decimal comma, the text.
    with downloads[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:13] == [
        "eindterm",
        "tekst",
        "n",
        *[f"huidig_{i}" for i in range(1, 6)],
        *[f"gewenst_{i}" for i in range(1, 6)],
    ]
    by_item = {row[0]: row for row in rows[1:]}
    assert len(by_item) == 50
    assert by_item["21"][:1] + by_item["21"][2:13] == [
        *["21", "46", "6,5", "37,0", "45,7", "10,9", "0,0"],
        *["2,2", "0,0", "24,4", "44,4", "28,9"],
    ]
    assert by_item["13"][7] == "" and by_item["58"][2] == ""
    page = article_text(real_site / "resultaten-2015" / "index.html")
    assert "Download de gegevens als CSV" in page
    for concept in ("Welzijn Nieuwe Stijl", "Transitie", "Actie-leren"):
        assert concept in page


def test_a_failed_search_index_leaves_the_previous_site(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import site

    site.build(mini_root)
    before = _snapshot(mini_root / "site")

    def failing(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 1, "", "Error: index kapot")

    monkeypatch.setattr(site.subprocess, "run", failing)
    with pytest.raises(site.BuildFailed, match=r"Zoekindex \(Pagefind\) mislukt \(exitcode 1\): Error: index kapot"):
        site.build(mini_root)
    assert _snapshot(mini_root / "site") == before
    assert not list(mini_root.glob(".site-*"))


def test_a_failed_render_leaves_the_previous_site(mini_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import site
    from generator.render import Renderer

    site.build(mini_root)
    before = _snapshot(mini_root / "site")

    def broken(self: Renderer) -> dict[str, str]:
        raise RuntimeError("sjabloon kapot")

    monkeypatch.setattr(Renderer, "pages", broken)
    with pytest.raises(RuntimeError):
        site.build(mini_root)
    assert _snapshot(mini_root / "site") == before
