"""The search's JavaScript functions, called in Chromium on the real built site: the worker's words,
typo correction, ranking and merging (workers/kennisbank-search.js, loaded into the page with a
<script>, where it defines only its functions) and the search dialog's helpers (kennisbank-search-ui.js)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

WORKER = "assets/javascripts/workers/kennisbank-search.js"


@pytest.fixture(scope="module")
def page(site_in_browser: tuple[Any, str]) -> Iterator[Any]:
    """The home page with the worker's functions as window.Kennisbank.search and the dialog's as
    window.Kennisbank.searchUi (loaded as a reader loads them: by focusing the search box)."""
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base)
    page.add_script_tag(url=base + WORKER)
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => window.Kennisbank && window.Kennisbank.search && window.Kennisbank.searchUi")
    # the names of the real content, as the worker learns them from Pagefind's folder
    page.evaluate(
        "async () => { const pages = await (await fetch('/pagefind/kennisbank-namen.json')).json();"
        " window.namesTable = Object.fromEntries(Object.entries(pages).map(([id, p]) => [id, p[3]]));"
        " window.pagesTable = pages;"
        " window.vocabulary = window.Kennisbank.search.vocabularyOf(window.namesTable) }"
    )
    yield page
    page.close()


def _call(page: Any, body: str, arg: Any = None) -> Any:
    """Evaluate `body` (an expression) with s = the worker's functions, ui = the dialog's, v = the vocabulary."""
    return page.evaluate(
        "arg => { const s = window.Kennisbank.search, ui = window.Kennisbank.searchUi, v = window.vocabulary;"
        f" return ({body}) }}",
        arg,
    )


def test_in_a_page_the_worker_file_defines_only_its_functions(page: Any) -> None:
    # the worker's wiring would replace importScripts and, once set up, postMessage
    assert _call(page, "typeof self.importScripts") == "undefined"
    assert _call(page, "String(self.postMessage).includes('[native code]')")
    assert _call(page, "typeof s.rerank === 'function' && typeof s.mergeHits === 'function'")


def test_words_are_folded_split_and_given_their_kind(page: Any) -> None:
    assert _call(page, "['casuss', 'één', 'Café', 'kantelbox', 'spell'].map(s.fold)") == [
        "casus",
        "een",
        "Cafe",
        "kantelbox",
        "spel",
    ]
    assert _call(page, "s.wordsOf('<b>Wijk&amp;Team</b>: Één-op-één')") == ["wijk", "team", "een", "op", "een"]
    assert _call(page, "s.splitQuery('+Meld-code* ~huis^2 veilig:', /[\\s\\-]+/)") == ["meld", "code", "huis", "veilig"]
    assert _call(page, "s.splitQuery('   ', /[\\s\\-]+/)") == []
    kinds = _call(
        page,
        "['methoden/ecogram/', '/kennisbronnen/x/#kop', 'resultaten-2015.html', '', 'index.html', 'team/', 'redactie/']"
        ".map(s.kindOf)",
    )
    assert kinds == ["methode", "kennisbron", "naslag", "start", "start", "", "redactie"]


def test_edit_distance_counts_a_swap_as_one_and_stops_past_the_limit(page: Any) -> None:
    distances = _call(
        page,
        "[s.distance('meldkode', 'meldcode', 2), s.distance('sonestar', 'sonestra', 2),"
        " s.distance('ecogram', 'ecogram', 1), s.distance('genogran', 'genogram', 1),"
        " s.distance('abc', 'xyzuvw', 2), s.distance('kantel', 'wandel', 1)]",
    )
    assert distances == [1, 1, 0, 1, 3, 2]


def test_a_misspelt_name_is_corrected_to_a_word_of_a_real_name(page: Any) -> None:
    fixes = _call(
        page,
        "[['meldkode'], ['sonestar'], ['ekogram'], ['kantelboks'], ['meldcode'], ['meld'], ['xq'],"
        " ['zzzzzzzz'], ['meldkode', 'veilig'], ['een', 'twee', 'drie'], []].map(w => s.correct(w, v))",
    )
    assert fixes == [
        ["Meldcode"],
        ["SoNeStra"],
        ["Ecogram"],
        ["Kantelbox"],
        None,  # a known word
        None,  # starts a known word: still being typed
        None,  # too short to guess
        None,  # nothing near
        ["Meldcode", "veilig"],
        None,  # three words: not guessed
        None,
    ]
    assert _call(page, "s.correct(['meldkode'], null)") is None  # before the names are loaded


def test_two_words_that_dutch_writes_as_one_are_joined(page: Any) -> None:
    assert _call(page, "s.joined(['team', 'reflectie'], v)") == "teamreflectie"
    assert _call(page, "s.joined(['kantel', 'box'], v)") == "kantelbox"
    assert _call(page, "s.joined(['netwerk', 'kaart'], v)") is None  # no name has "netwerkkaart"
    assert _call(page, "s.joined(['team'], v)") is None


def test_the_tier_of_a_page_is_how_well_its_names_answer_the_query(page: Any) -> None:
    sonestra = ["SoNeStra (Sociale NetwerkStrategieën)", "SNS", "SoNeStra", "netwerk in kaart brengen"]
    tiers = _call(
        page,
        "[['sns'], ['netwerk', 'in', 'kaart', 'brengen'], ['sociale', 'netwerkstrategieen'], ['netw', 'kaart'],"
        " ['ecogram'], []].map(q => s.tier(arg, q))",
        sonestra,
    )
    assert tiers == [3, 3, 2, 1, 0, 0]
    assert _call(page, "s.tier([], ['sns'])") == 0


def test_a_title_or_alias_match_comes_before_a_higher_body_score(page: Any) -> None:
    # Pagefind's answers for "sns": two pages that only mention it score higher than SoNeStra itself.
    ranked = _call(
        page,
        """(() => {
          const pages = {a: ['/leerarrangementen/a/', 'A', 'leerarrangement', ['Arrangement A']],
                         b: ['/leerarrangementen/b/', 'B', 'leerarrangement', ['Arrangement B']],
                         sns: ['/methoden/sonestra/', 'SoNeStra', 'methode', ['SoNeStra', 'SNS']]}
          const plan = s.pagefindQueries(['sns'], s.vocabularyOf({x: pages.sns[3]}))
          const searches = [{results: [{id: 'a', score: 9}, {id: 'b', score: 7}, {id: 'sns', score: 2}]}]
          return s.mergeHits(searches, plan, pages).map(e => [e.hit.id, e.tier])
        })()""",
    )
    assert ranked == [["sns", 3], ["a", 0], ["b", 0]]


def test_the_searches_of_a_query_merge_to_one_entry_per_page(page: Any) -> None:
    merged = _call(
        page,
        """(() => {
          const pages = {m: ['/methoden/meldcode/', 'Meldcode', 'methode', ['Meldcode huiselijk geweld', 'meldcode']],
                         r: ['/redactie/', 'Voor redacteuren', 'redactie', ['Voor redacteuren']],
                         k: ['/kennisbronnen/k/', 'K', 'kennisbron', ['Kode van gedrag']]}
          const plan = s.pagefindQueries(['meldkode'], s.vocabularyOf({m: pages.m[3], r: pages.r[3]}))
          // the typed word finds only the editors' page; the corrected word finds the meldcode twice over
          const searches = [{results: [{id: 'r', score: 5}, {id: 'k', score: 1}]},
                            {results: [{id: 'm', score: 3}, {id: 'r', score: 6}]}]
          return {plan, merged: s.mergeHits(searches, plan, pages).map(e => [e.hit.id, e.tier, e.score])}
        })()""",
    )
    assert merged["plan"]["queries"] == ["meldkode", "meldcode"]
    assert merged["plan"]["suggestion"] == "Meldcode"  # as the name writes it
    # the corrected name half a tier below a typed one, above a page that only has the words
    assert merged["merged"] == [["m", 2.5, 3], ["r", 0, 6], ["k", 0, 1]]


def test_pagefind_results_become_materials_groups_escaped_in_order(page: Any) -> None:
    groups = _call(
        page,
        """(() => {
          const sub = n => ({url: '/methoden/x/#k' + n, title: 'Kop ' + n, excerpt: 'k' + n,
                             locations: Array(n).fill(0)})
          const loaded = [{url: '/methoden/x/', meta: {title: 'X <script>alert(1)</script>'},
                           excerpt: 'een <mark>netwerk</mark> & <b>meer</b>',
                           sub_results: [{url: '/methoden/x/', title: 'X', locations: [1]}, sub(1), sub(2), sub(3),
                                         sub(4), sub(5), sub(6), sub(7)]}]
          const pages = {y: ['/methoden/y/', 'Y & Z', 'methode', []]}
          const shown = [{hit: {id: 'x'}}, {hit: {id: 'y'}}, {hit: {id: 'gone'}}]
          return s.pagefindItems(shown, loaded, pages, {netwerk: true})
        })()""",
    )
    first, second, third = groups
    assert first[0]["title"] == "X &lt;script&gt;alert(1)&lt;/script&gt;"
    assert first[0]["text"] == "<p>een <mark>netwerk</mark> &amp; &lt;b&gt;meer&lt;/b&gt;</p>"
    assert first[0]["location"] == "methoden/x/" and first[0]["score"] == 3
    # five sections at most, the ones with most matches first, each below the page
    assert [item["title"] for item in first[1:]] == ["Kop 7", "Kop 6", "Kop 5", "Kop 4", "Kop 3"]
    assert all(item["score"] < first[0]["score"] for item in first[1:])
    terms = {"netwerk": True}
    assert second == [{"location": "methoden/y/", "title": "Y &amp; Z", "text": "", "score": 2, "terms": terms}]
    assert third[0]["title"] == "gone" and third[0]["score"] == 1


def test_the_offline_answer_is_ranked_by_names_and_filtered_by_kind(page: Any) -> None:
    ranked = _call(
        page,
        """(() => {
          const docs = [{location: 'leerarrangementen/a/', title: 'Leerarrangement 1: Werken met SNS-kaarten'},
                        {location: 'methoden/sonestra/', title: 'SoNeStra', tags: ['SNS']},
                        {location: 'methoden/sonestra/#stappen', title: 'Stappen'},
                        {location: 'kennisbronnen/b/', title: 'Kennisbron 2: Netwerken'}]
          const names = s.namesOfDocuments(docs)
          const widened = s.widen('sns', /[\\s\\-]+/, s.vocabularyOf(names))
          const item = (location, score) => ({location, score, terms: {'sns*': true, 'extra*': true}})
          const result = {items: [[item('leerarrangementen/a/', 9)], [item('kennisbronnen/b/', 5)],
                                  [item('methoden/sonestra/', 2), item('methoden/sonestra/#stappen', 1)]]}
          const all = s.rerank(result, widened.context, names, '')
          const methods = s.rerank(result, widened.context, names, 'methode')
          return {names, search: widened.search, all, methods}
        })()""",
    )
    assert ranked["names"] == {
        "leerarrangementen/a/": ["Werken met SNS-kaarten"],
        "methoden/sonestra/": ["SoNeStra", "SNS"],
        "kennisbronnen/b/": ["Netwerken"],
    }
    assert ranked["search"] == "sns"
    everything = ranked["all"]
    assert [group[0]["location"] for group in everything["items"]] == [
        "methoden/sonestra/",  # its alias is the query
        "leerarrangementen/a/",  # a word of its name
        "kennisbronnen/b/",
    ]
    assert everything["total"] == 3 and everything["kinds"] == {"methode": 1, "leerarrangement": 1, "kennisbron": 1}
    scores = [item["score"] for group in everything["items"] for item in group]
    assert scores[0] > scores[1] and scores[0] > scores[2] > scores[3]  # the section stays below its page
    assert everything["items"][0][0]["terms"] == {"sns*": True}  # words the reader did not type are not "missing"
    methods = ranked["methods"]
    assert [group[0]["location"] for group in methods["items"]] == ["methoden/sonestra/"]
    assert methods["total"] == 3  # the count of all kinds stays for the filter's "Alle soorten"


def test_a_misspelt_offline_query_also_searches_the_correction(page: Any) -> None:
    widened = _call(page, "s.widen('meldkode', /[\\s\\-]+/, v)")
    assert widened["search"] == "meldkode Meldcode"
    assert widened["context"] == {"query": "meldkode", "words": ["meldkode"], "fixed": ["Meldcode"], "join": None}
    assert _call(page, "s.widen('team reflectie', /[\\s\\-]+/, v).search") == "team reflectie teamreflectie"


def test_the_info_counts_every_match_and_keeps_the_rest_for_meer_resultaten(page: Any) -> None:
    info = _call(
        page, "s.infoData('casus', 30, {methode: 3}, 'methode', null, Array.from({length: 23}, (_, i) => [i]))"
    )
    assert info["count"] == 23 and info["total"] == 30 and info["kind"] == "methode"
    assert info["more"] == [[i] for i in range(10, 23)]
    assert _call(page, "s.infoData('x', 0, {}, '', null, []).more") == []
    assert _call(page, "s.countKinds(['methode', 'start', 'methode', ''])") == {"methode": 2, "start": 1, "": 1}


def test_the_dialog_helpers_write_dutch_counts_and_the_kinds_filter(page: Any) -> None:
    assert _call(page, "[ui.countText(57), ui.moreText(47)]") == [
        "57 overeenkomende documenten",
        "Meer resultaten (nog 47)",
    ]
    options = _call(page, "ui.kindOptions(12, {methode: 3, naslag: 9}, 'reflector')")
    assert options == (
        '<option value="">Alle soorten (12)</option><option value="methode">Methoden (3)</option>'
        '<option value="reflector">Reflectoren (0)</option><option value="naslag">Naslag (9)</option>'
    )
    assert _call(page, "ui.kindOptions(undefined, undefined, '')") == '<option value="">Alle soorten (0)</option>'
    group = [
        {"location": "methoden/x/#k", "terms": {}},
        {"location": "methoden/x/", "terms": {"netwerk": True, "kaart*": True, "oud": False}},
    ]
    href = _call(page, "ui.resultHref(arg, new URL('http://127.0.0.1/sub/'))", group)
    assert href == "http://127.0.0.1/sub/methoden/x/?h=netwerk+kaart*"


def test_after_a_redraw_the_focus_goes_to_the_same_address_else_the_same_place(page: Any) -> None:
    targets = _call(
        page,
        """(() => {
          const links = hrefs => hrefs.map(h => {
            const a = document.createElement('a')
            a.setAttribute('href', h)
            return a
          })
          const before = links(['a', 'b', 'c', 'd'])
          const mark = ui.focusMark(before, before[2])
          const name = el => el && (el.getAttribute('href') || el.tagName)
          // a summary ("5 extra overeenkomsten") has no address: only its place counts
          const summary = document.createElement('summary'), list = [summary].concat(links(['a']))
          const summaryMark = ui.focusMark(list, summary)
          return [mark, name(ui.focusTarget(links(['x', 'c', 'y']), mark)),
                  name(ui.focusTarget(links(['x', 'y', 'z', 'w']), mark)), name(ui.focusTarget(links(['x']), mark)),
                  ui.focusTarget([], mark), ui.focusTarget(links(['x']), null),
                  name(ui.focusTarget([document.createElement('summary')].concat(links(['b'])), summaryMark))]
        })()""",
    )
    assert targets == [{"href": "c", "index": 2}, "c", "z", "x", None, None, "SUMMARY"]


def test_the_list_takes_the_focus_as_materials_arrow_keys_move_it(page: Any) -> None:
    # the sections of a closed "extra overeenkomsten" take no focus; those of an open one do
    taken = page.evaluate(
        """() => {
          const list = document.createElement('ol')
          list.innerHTML =
            '<li><a href="p1">p</a><details><summary>5 extra</summary><a href="p1#a">a</a></details></li>' +
            '<li><a href="p2">p</a><details open><summary>2 extra</summary><a href="p2#b">b</a></details></li>'
          return window.Kennisbank.searchUi.resultLinks(list).map(e => e.getAttribute('href') || e.tagName)
        }"""
    )
    assert taken == ["p1", "SUMMARY", "p2", "SUMMARY", "p2#b"]
