"""The search dialog as a reader uses it in Chromium: every match, the named item first, typos forgiven,
a filter by kind, the keyboard, and no search code on a first visit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# (query, pages that must all be within the first `top` results, top)
NAMED: list[tuple[str, tuple[str, ...], int]] = [
    # a title or alias is the query: that item first
    ("SNS", ("methoden/sonestra/",), 1),
    ("WNS", ("kennisbronnen/welzijn-nieuwe-stijl/",), 1),
    ("meldcode", ("methoden/meldcode-huiselijk-geweld/",), 1),
    ("ecogram", ("methoden/ecogram/",), 1),
    ("Veilig Thuis", ("methoden/meldcode-huiselijk-geweld/",), 1),
    # misspelt names
    ("meldkode", ("methoden/meldcode-huiselijk-geweld/",), 3),
    ("sonestar", ("methoden/sonestra/",), 3),
    ("ekogram", ("methoden/ecogram/",), 3),
    ("genogran", ("methoden/genogram/",), 3),
    ("kantelboks", ("methoden/kantelbox/",), 3),
    ("presentiebenadring", ("methoden/presentiebenadering/",), 3),
    # what a social worker wants to do
    ("netwerk in kaart brengen", ("methoden/ecogram/", "methoden/sociogram/", "methoden/sonestra/"), 5),
    ("gesprek voeren", ("methoden/keukentafelgesprek/",), 3),
    ("huiselijk geweld melden", ("methoden/meldcode-huiselijk-geweld/",), 3),
    ("casus bespreken", ("kennisbronnen/casusleren/", "methoden/dialoogmethode-casusleren/"), 3),
    ("veilig op huisbezoek", ("methoden/veiligheid-voorop/",), 3),
    ("samenwerking afspreken", ("methoden/partnerschapskaart/",), 3),
]
# Typed apart, written as one word in Dutch: one of these pages in the first three.
TEAM_REFLECTION = ("team reflectie", "/team/")


def _meta(page: Any) -> str:
    return page.locator(".md-search-result__meta").inner_text()


def _search(page: Any, query: str) -> list[str]:
    """Type a query as a person does; the pages of the results, in order (as served: directory URLs)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.keyboard.press("End")  # Material searches on keyup, not on fill
    page.wait_for_function("() => /Typ om/.test(document.querySelector('.md-search-result__meta').textContent)")
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_function(
        "() => /overeenkom/.test(document.querySelector('.md-search-result__meta').textContent)", timeout=30_000
    )
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    return [_page_of(href) for href in hrefs]


def _page_of(href: str) -> str:
    path = href.split("#")[0].split("?")[0]
    path = path.split("://", 1)[-1].split("/", 1)[-1] if "://" in path else path
    while path.startswith("../"):
        path = path[3:]
    path = path.removeprefix("./")
    for marker in ("kennisbank-sociale-wijkteams/",):
        path = path.split(marker, 1)[-1]
    return path.removesuffix("index.html").replace(".html", "/")


def _type_and_wait(page: Any, query: str) -> None:
    """Type a query into the focused search box; return once the list is drawn for all of it (the links
    carry the query's words as ?h=), not for a part typed so far."""
    page.keyboard.type(query)
    page.wait_for_function(
        "h => [...document.querySelectorAll('.md-search-result__item > a')].some(a => a.href.endsWith(h))",
        arg="?h=" + query.replace(" ", "+"),
        timeout=30_000,
    )


@pytest.fixture(scope="module")
def search_page(site_in_browser: tuple[Any, str]) -> Iterator[Any]:
    browser, base = site_in_browser
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(base)
    yield page
    page.close()


def test_a_first_visit_loads_no_search_code_until_the_box_is_used(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url.removeprefix(base)))
    page.goto(base + "methoden/ecogram/")
    page.wait_for_load_state("networkidle")
    before = list(requests)
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => /Typ om/.test(document.querySelector('.md-search-result__meta').textContent)")
    focused = list(requests)
    top = _search(page, "ecogram")
    page.close()
    print(f"eerste bezoek: {len(before)} verzoeken, {len([r for r in before if 'search' in r])} voor zoeken")
    assert not [r for r in before if r.startswith("pagefind/") or "workers/" in r or "kennisbank-search" in r], before
    assert not [r for r in focused if r.startswith("pagefind/")], focused  # the worker starts; Pagefind waits
    assert top[0] == "methoden/ecogram/"
    assert "pagefind/pagefind.js" in requests and "pagefind/kennisbank-namen.json" in requests


def test_named_items_come_first_and_typos_and_tasks_find_their_item(search_page: Any) -> None:
    failures = []
    for query, expected, top in NAMED:
        results = _search(search_page, query)
        missing = [target for target in expected if target not in results[:top]]
        if missing:
            failures.append(f"{query!r}: {missing} niet in de eerste {top}: {results[:5]}")
    query, marker = TEAM_REFLECTION
    results = _search(search_page, query)
    if not any(marker in result for result in results[:3]):
        failures.append(f"{query!r}: geen teamreflectie in de eerste drie: {results[:5]}")
    assert not failures, "\n".join(failures)


def test_a_misspelt_name_says_what_was_meant(search_page: Any) -> None:
    _search(search_page, "meldkode")
    suggestion = search_page.locator(".kb-search-suggest")
    suggestion.wait_for(state="visible")
    assert suggestion.inner_text() == "Bedoelde je Meldcode?"
    # Read as it is written: the question mark right after the word, one space before it, as in running text.
    gaps = search_page.evaluate("""() => {
      const button = document.querySelector('.kb-search-suggestion'), word = document.createRange()
      word.selectNodeContents(button)
      const mark = document.createRange(), after = button.nextSibling
      mark.setStart(after, 0); mark.setEnd(after, 1)
      const before = document.createRange(), lead = button.previousSibling
      before.setStart(lead, lead.length - 1); before.setEnd(lead, lead.length)
      const text = [...word.getClientRects()].pop()
      return [text.left - before.getBoundingClientRect().right, mark.getBoundingClientRect().left - text.right,
              before.getBoundingClientRect().width]
    }""")
    space = gaps[2]
    assert gaps[0] <= space + 2 and gaps[1] <= 2, f"ruimte voor/na het woord: {gaps[0]:.1f}/{gaps[1]:.1f} px"
    search_page.locator(".kb-search-suggestion").click()
    search_page.wait_for_function("() => document.querySelector('input.md-search__input').value === 'Meldcode'")
    # The list is drawn again for the chosen word: the question goes, Meldcode stays first. (Meldcode was
    # first for the typo too, so only the question's going tells the new list from the old.)
    suggestion.wait_for(state="hidden")
    first = search_page.locator(".md-search-result__item a").first.get_attribute("href")
    assert "meldcode" in first, first


def test_the_count_is_every_match_and_meer_resultaten_shows_them_all(search_page: Any) -> None:
    _search(search_page, "casus")
    count = int(_meta(search_page).split()[0])
    real = search_page.evaluate(
        "async () => { const m = await import('/pagefind/pagefind.js'); await m.options({basePath: '/pagefind/'});"
        " return (await m.search('casus')).results.length }"
    )
    assert count >= real > 10  # every page Pagefind matches, and those with a name like it
    more = search_page.locator(".kb-search-more")
    assert more.inner_text() == f"Meer resultaten (nog {count - 10})"
    while more.is_visible():
        more.click()
    results = search_page.locator(".md-search-result__item > a.md-search-result__link")
    assert results.count() == count
    assert len({_page_of(results.nth(i).get_attribute("href") or "") for i in range(count)}) == count
    assert search_page.locator(".md-search__input").is_visible()  # the search stays open


def test_the_filter_by_kind_shows_only_that_kind_with_its_count(search_page: Any) -> None:
    _search(search_page, "netwerk")
    total = int(_meta(search_page).split()[0])
    select = search_page.locator("#kb-search-soort")
    assert select.is_visible()
    assert search_page.locator("label[for=kb-search-soort]").inner_text() == "Soort"
    option = search_page.locator("#kb-search-soort option[value=methode]").inner_text()
    methods = int(option.split("(")[1].rstrip(")"))
    assert 0 < methods < total
    select.select_option("methode")
    search_page.wait_for_function(
        "n => document.querySelector('.md-search-result__meta').textContent.startsWith(n + ' ')", arg=methods
    )
    results = [
        _page_of(h)
        for h in search_page.eval_on_selector_all(
            ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
        )
    ]
    assert results and all(r.startswith("methoden/") for r in results), results
    select.select_option("")
    search_page.wait_for_function(
        "n => document.querySelector('.md-search-result__meta').textContent.startsWith(n + ' ')", arg=total
    )


def test_keyboard_only_search_filter_and_open(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base)
    page.keyboard.press("/")  # Material's shortcut to the search box
    _type_and_wait(page, "netwerk in kaart brengen")
    every_kind = page.evaluate("document.querySelector('.md-search-result__meta').textContent")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kb-search-soort"
    page.keyboard.press("ArrowDown")  # Alle soorten -> the first kind
    page.wait_for_function("() => document.querySelector('#kb-search-soort').value !== ''")
    assert page.evaluate("document.activeElement.id") == "kb-search-soort"  # the new answer keeps the focus
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")  # back to all kinds
    # Tab at once, while the list may still be drawn again for all kinds: the focus stays on a result.
    page.keyboard.press("Tab")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent === t", arg=every_kind)
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url("**/methoden/**")
    page.close()


# Holds the worker's answers (the stand-in Worker of generator/theme/main.html dispatches them) until
# released, so that a key can be pressed while an answer is on its way, as a fast reader does.
HOLD_ANSWERS = """() => {
  const worker = window.kennisbankSearch, held = []
  window.holdAnswers = true
  const deliver = event => EventTarget.prototype.dispatchEvent.call(worker, event)
  worker.dispatchEvent = event => window.holdAnswers ? !!held.push(event) : deliver(event)
  window.releaseAnswers = () => { window.holdAnswers = false; held.splice(0).forEach(e => worker.dispatchEvent(e)) }
}"""


def test_a_redraw_keeps_the_focus_on_the_result_just_tabbed_to(site_in_browser: tuple[Any, str]) -> None:
    """Tab onto a result while the answer to a filter change is on its way: after the redraw the focus is
    on that result again (it is among the methods), not on nothing."""
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base)
    page.keyboard.press("/")
    _type_and_wait(page, "netwerk in kaart brengen")
    every_kind = _meta(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kb-search-soort"
    page.evaluate(HOLD_ANSWERS)
    page.keyboard.press("ArrowDown")  # Alle soorten -> Methoden; the answer is held
    page.wait_for_function("() => document.querySelector('#kb-search-soort').value === 'methode'")
    page.keyboard.press("Tab")
    tabbed_to = page.evaluate("document.activeElement.getAttribute('href')")
    assert "/methoden/" in tabbed_to
    page.evaluate("window.releaseAnswers()")
    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent !== t", arg=every_kind)
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href'),"
        " document.activeElement.isConnected, document.querySelectorAll('.md-search-result__item').length]"
    )
    if "md-search-result__link" in focused[0]:
        page.keyboard.press("Enter")  # and the keyboard goes on from there
        page.wait_for_url("**/methoden/**")
    page.close()
    assert "md-search-result__link" in focused[0] and focused[1] == tabbed_to and focused[2], focused
    assert focused[3] > 0


def test_a_redraw_after_meer_resultaten_leaves_the_focus_in_the_list(site_in_browser: tuple[Any, str]) -> None:
    """The results after "Meer resultaten" go when the list is drawn again (here the answer to the same
    query arriving again, as after the lazy load): the focus stays in the list, in their place."""
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base)
    page.keyboard.press("/")
    _type_and_wait(page, "casus")
    page.locator(".kb-search-more").click()
    assert page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    page.evaluate("window.kennisbankSearch.postMessage({type: 100, data: ''})")  # KIND: all kinds again
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 10")
    focused = page.evaluate(
        "() => { const a = document.activeElement; const items = [...document.querySelectorAll("
        "'.md-search-result__item')]; return [a.isConnected, items.indexOf(a.closest('.md-search-result__item')),"
        " items.length, a.tagName] }"
    )
    page.close()
    assert focused[0] and focused[1] == focused[2] - 1 == 9, focused  # the last of the ten, where the rest were
    assert focused[3] in {"A", "SUMMARY"}


def test_the_offline_copy_ranks_names_forgives_typos_and_filters(
    site_in_browser: tuple[Any, str], offline_copy: Path
) -> None:
    browser, _ = site_in_browser
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_copy / "index.html").as_uri())
    failures = []
    for query, expected, top in NAMED:
        results = _search(page, query)
        missing = [target for target in expected if target not in results[:top]]
        if missing:
            failures.append(f"{query!r}: {missing} niet in de eerste {top}: {results[:5]}")
    assert not failures, "\n".join(failures)
    _search(page, "sonestar")
    page.locator(".kb-search-suggest").wait_for(state="visible")
    assert page.locator(".kb-search-suggest").inner_text() == "Bedoelde je SoNeStra?"
    _search(page, "netwerk")
    page.locator("#kb-search-soort").select_option("methode")
    page.wait_for_function("() => document.querySelector('#kb-search-soort').value === 'methode'")
    page.wait_for_timeout(500)
    results = [
        _page_of(h)
        for h in page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))")
    ]
    page.close()
    assert results and all(r.startswith("methoden/") for r in results), results
    assert all(url.startswith("file://") for url in requests)


def test_the_theme_and_the_worker_name_the_same_kinds() -> None:
    """The served site filters on the theme's data-pagefind-filter, the offline copy on the worker's table."""
    import re

    repo = Path(__file__).resolve().parents[1]
    theme = (repo / "generator/theme/main.html").read_text(encoding="utf-8")
    worker = (repo / "generator/assets/javascripts/workers/kennisbank-search.js").read_text(encoding="utf-8")
    in_theme = dict(re.findall(r'"([a-z0-9-]*)": "([a-z]+)"', theme.split("set kinds = ", 1)[1].split("%}", 1)[0]))
    table = worker.split("var KINDS = {", 1)[1].split("}", 1)[0]
    in_worker = dict(re.findall(r'"?([a-z0-9-]+)"?: "([a-z]+)"', table))
    ui = (repo / "generator/assets/javascripts/kennisbank-search-ui.js").read_text(encoding="utf-8")
    labelled = set(re.findall(r'\["([a-z]+)", "', ui))
    assert {k: v for k, v in in_theme.items() if k not in ("", "index")} == in_worker
    assert set(in_worker.values()) == labelled
