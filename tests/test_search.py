"""The real search box in Chromium finds what a Dutch social worker types."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

# (query, pages of which one must be among the first three results)
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    # plural and singular
    ("casussen", ("kennisbronnen/casusleren/",)),
    ("casus", ("kennisbronnen/casusleren/",)),
    ("vrijwilligers", ("leerarrangementen/vrijwilligersproof/",)),
    ("vrijwilliger", ("leerarrangementen/vrijwilligersproof/",)),
    ("leercoaches", ("rollen/", "kennisbronnen/leren-coachen/", "start/leercoach/")),
    ("logboeken", ("methoden/logboek-actie-leren/", "formulieren/logboek-actie-leren/")),
    ("facilitators", ("kennisbronnen/rolbeschrijving-facilitator/", "rollen/")),
    ("bakens", ("bakens/", "reflectoren/bakens-welzijn-nieuwe-stijl/", "kennisbronnen/welzijn-nieuwe-stijl/")),
    # abbreviations and other names
    ("SNS", ("methoden/sonestra/",)),
    ("SoNeStra", ("methoden/sonestra/",)),
    ("sociale netwerkstrategieën", ("methoden/sonestra/",)),
    ("CMO", ("methoden/cmo-analyse/", "kennisbronnen/realist-evaluation-cmo/")),
    ("WNS", ("kennisbronnen/welzijn-nieuwe-stijl/", "bakens/", "reflectoren/bakens-welzijn-nieuwe-stijl/")),
    ("drieluikmodel", ("methoden/drieluik/",)),
    # without diacritics
    ("sociale netwerkstrategieen", ("methoden/sonestra/",)),
    ("herorienteren", ("eindtermen/",)),
    ("heroriënteren", ("eindtermen/",)),
    ("rust creeren", ("kernelementen/",)),
    ("geindiceerd", ("reflectoren/kantelen-met-dialogen/", "kennisbronnen/eerst-arrangeren-dan-indiceren/")),
    # phrases and what people want to do
    ("vraag achter de vraag", ("bakens/", "eindtermen/", "leerarrangementen/kunst-van-het-vragen-stellen/")),
    ("eerst arrangeren dan indiceren", ("kennisbronnen/eerst-arrangeren-dan-indiceren/",)),
    ("netwerk in kaart brengen", ("methoden/ecogram/", "methoden/sociogram/", "methoden/sonestra/")),
    ("reflectieve integratie", ("kennisbronnen/reflectieve-integratie/",)),
    (
        "lerend team",
        ("kennisbronnen/hoe-worden-we-een-lerend-team/", "leerarrangementen/hoe-wordt-een-team-een-lerend-team/"),
    ),
    ("huiselijk geweld", ("methoden/meldcode-huiselijk-geweld/",)),
    # names of methods, forms and themes
    ("ecogram", ("methoden/ecogram/",)),
    ("genogram", ("methoden/genogram/",)),
    ("kantelbox", ("methoden/kantelbox/", "formulieren/kantelbox/")),
    ("keukentafelgesprek", ("methoden/keukentafelgesprek/",)),
    ("presentiebenadering", ("methoden/presentiebenadering/",)),
    ("effectencalculator", ("methoden/effectencalculator/",)),
    ("drieluik", ("methoden/drieluik/", "leerarrangementen/drieluik/")),
    ("hongervragen", ("kennisbronnen/ratio-en-emotie/",)),
    ("feedforward", ("leerarrangementen/evalueren-monitoren-feedforward/",)),
    ("frontlijnwerken", ("leerarrangementen/frontlijnwerken/",)),
    ("transitiepaden", ("reflectoren/transitiepaden-historische-analyse/",)),
]


@pytest.fixture(scope="module")
def search_page(site_in_browser: tuple[Any, str]) -> Iterator[tuple[Any, str]]:
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base)
    _top_results(page, "casus")  # the first query builds the index in a web worker
    yield page, base
    page.close()


def _meta_matches(page: Any, pattern: str) -> None:
    page.wait_for_function(
        "p => new RegExp(p).test(document.querySelector('.md-search-result__meta')?.textContent || '')",
        arg=pattern,
        timeout=20_000,
    )


def _top_results(page: Any, query: str) -> list[str]:
    """Type a query into the search box as a person does; the first three results' links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.press("End")  # Material searches on keyup, not on fill
    _meta_matches(page, "Typ om")
    box.fill(query)
    page.keyboard.press("End")
    _meta_matches(page, "overeenkomende")
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    return [links.nth(i).get_attribute("href") or "" for i in range(min(3, links.count()))]


def test_dutch_queries_find_their_page(search_page: Any) -> None:
    page, base = search_page
    failures = []
    for query, expected in QUERIES:
        top = [href.removeprefix(base).split("#")[0].split("?")[0] for href in _top_results(page, query)]
        if not any(target in top for target in expected):
            failures.append(f"{query!r}: verwacht {expected}, top 3 {top}")
    passed = len(QUERIES) - len(failures)
    print(f"zoeken: {passed} van {len(QUERIES)} zoekvragen vinden hun pagina in de top 3")
    for failure in failures:
        print("  niet gevonden:", failure)
    assert len(QUERIES) >= 30
    assert passed >= 0.9 * len(QUERIES), "\n".join(failures)


def test_the_served_site_searches_with_pagefind_not_the_whole_index(site_in_browser: tuple[Any, str]) -> None:
    """A first search fetches Pagefind's small files, not an index of every page, and still finds in Dutch."""
    browser, base = site_in_browser
    page = browser.new_page()
    fetched: dict[str, int] = {}

    def on_response(response: Any) -> None:
        if response.url.startswith(base):
            fetched[response.url.removeprefix(base)] = len(response.body())

    page.on("response", on_response)
    page.goto(base)
    top = [href.removeprefix(base).split("#")[0].split("?")[0] for href in _top_results(page, "casussen")]
    page.close()
    assert "kennisbronnen/casusleren/" in top, top
    pagefind = [path for path in fetched if path.startswith("pagefind/")]
    assert "pagefind/pagefind.js" in pagefind
    assert any(path.endswith(".pf_index") for path in pagefind), pagefind
    assert any(path.endswith(".pf_fragment") for path in pagefind), pagefind
    assert fetched["search/search_index.json"] < 1000  # configuration only: no page text
