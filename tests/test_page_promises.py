"""What every built page promises a reader: headings in order, one site name in the tab title, a Dutch
404 page, no Markdown escapes in sight, and counts that say what they count (issue 13)."""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import site_url
from tests.browser import serve_folder
from tests.conftest import MINI, REPO, copy_root, once_per_run, run_cli, unzip_offline_copy
from tests.pages import page_text

SITE_NAME = "Kennisbank sociale wijkteams"


def _pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.relative_to(site).parts)


class _Headings(HTMLParser):
    """The heading levels inside the page's article, in order (Material's own markup around it left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # open <article> elements, counting from Material's content article
        self.levels: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and (self.depth or "md-content__inner" in (dict(attrs).get("class") or "")):
            self.depth += 1
        elif self.depth and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1


def _heading_levels(path: Path) -> list[int]:
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.levels


def test_every_page_has_one_h1_and_skips_no_heading_level(real_site: Path) -> None:
    checked, wrong = 0, []
    for path in _pages(real_site):
        levels = _heading_levels(path)
        if not levels and '<article class="md-content__inner' not in path.read_text(encoding="utf-8"):
            continue  # not a Material page
        checked += 1
        name = "/" + path.relative_to(real_site).as_posix()
        if levels[:1] != [1] or levels.count(1) != 1:
            wrong.append(f"{name}: {levels.count(1)} h1, begint met h{levels[0] if levels else '-'}")
        skips = [f"h{a} → h{b}" for a, b in itertools.pairwise(levels) if b > a + 1]
        if skips:
            wrong.append(f"{name}: {', '.join(sorted(set(skips)))}")
    assert checked > 60, f"maar {checked} pagina's gecontroleerd"
    assert not wrong, "\n".join(wrong)


def test_gebruikt_in_is_a_heading_under_each_listed_item(real_site: Path) -> None:
    # On the list pages whose items are h2 sections, "Gebruikt in" is their h3 (in the outline and the table of
    # contents, like the item's other parts), not a bold line; the glossary's terms are paragraphs, so there it is.
    for name in ("bakens", "kernelementen", "rollen"):
        page = (real_site / name / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="kb-gebruikt-in">\s*(<[^>]*>[^<]*)', page)
        assert len(blocks) > 3, name
        wrong = [block for block in blocks if not re.fullmatch(r'<h3 id="[a-z0-9-]+-gebruikt-in">Gebruikt in', block)]
        assert not wrong, f"{name}: {wrong[:3]}"
        toc = page.split('class="md-nav md-nav--secondary"', 1)[1]
        missing = [i for i in re.findall(r'<h3 id="([a-z0-9-]+-gebruikt-in)">', page) if f'href="#{i}"' not in toc]
        assert not missing, f"{name}: niet in de inhoudsopgave: {missing}"


def test_kennisbron_body_headings_sit_under_the_title(real_site: Path) -> None:
    levels = _heading_levels(real_site / "kennisbronnen" / "casusleren" / "index.html")
    assert levels[:2] == [1, 2], levels


def _title(path: Path) -> str:
    match = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
    assert match, path
    return match.group(1).strip()


def test_tab_title_names_the_site_once(real_site: Path) -> None:
    assert _title(real_site / "index.html") == SITE_NAME
    assert _title(real_site / "methoden" / "sonestra" / "index.html") == (
        f"SoNeStra (Sociale NetwerkStrategieën) - {SITE_NAME}"
    )
    twice = [
        "/" + path.relative_to(real_site).as_posix()
        for path in _pages(real_site)
        if "<title>" in path.read_text(encoding="utf-8") and _title(path).count(SITE_NAME) != 1
    ]
    assert not twice, twice


def test_404_page_is_dutch_with_a_way_home_and_to_search(real_site: Path) -> None:
    path = real_site / "404.html"
    text = page_text(path)
    assert "Not found" not in text
    assert "Pagina niet gevonden" in text
    assert "zoekvak" in text
    assert _title(path) == f"Pagina niet gevonden - {SITE_NAME}"
    html = path.read_text(encoding="utf-8")
    # The server shows it for any missing address, at any depth: the way home is absolute.
    assert re.search(r'<a href="/">startpagina van de ' + SITE_NAME + "</a>", html)


def test_no_markdown_escape_shows_in_text_or_tooltips(real_site: Path) -> None:
    found = []
    for path in _pages(real_site):
        html = path.read_text(encoding="utf-8")
        tooltips = " ".join(re.findall(r'\s(?:title|aria-label|alt)="([^"]*)"', html))
        text = page_text(path) + " " + tooltips
        for escape in ("\\(", "\\)"):
            if escape in text:
                at = text.index(escape)
                found.append(f"/{path.relative_to(real_site).as_posix()}: …{text[max(0, at - 40) : at + 20]}…")
                break
    assert not found, "\n".join(found)


def test_reflector_eindtermen_heading_counts_what_the_list_shows(real_site: Path) -> None:
    seen = {}
    for path in sorted((real_site / "reflectoren").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<h2 id="eindtermen">Eindtermen \(([^)]*)\)<a.*?</h2>\s*<ul>(.*?)</ul>', html, re.S)
        if not match:
            continue
        heading, items = match.group(1), re.findall(r"<li>(.*?)</li>", match.group(2), re.S)
        open_ = sum("(open vraag)" in item for item in items)
        expected = str(len(items))
        if open_:
            expected += f": {len(items) - open_} met een schaal, {open_} open vra{'ag' if open_ == 1 else 'gen'}"
        seen[path.parent.name] = heading
        assert heading == expected, path
    assert seen["bakens-welzijn-nieuwe-stijl"] == "18: 17 met een schaal, 1 open vraag"
    # The page's own text counts the scored ones: the same 17.
    text = page_text(real_site / "reflectoren" / "bakens-welzijn-nieuwe-stijl" / "index.html")
    assert "17 eindtermen" in text


# --- The promises of the interface: a route to tick off, terms by keyboard, links to copy, a footer ---

ROUTE_STEPS = len(yaml.safe_load((REPO / "content" / "onboarding.yml").read_text(encoding="utf-8")))
ROUTE_KEY = "kennisbank:route:nieuw"


def _route_count(page: Any) -> str:
    return page.locator("[data-kb-count]").inner_text()


def _tick_and_reload(page: Any, url: str) -> None:
    """Tick the first step by its label (as a thumb would), reload: still ticked; start over: all open."""
    page.goto(url)
    boxes = page.locator("input[type=checkbox][data-kb-step]")
    assert boxes.count() == ROUTE_STEPS
    assert _route_count(page) == f"0 van {ROUTE_STEPS} gedaan"
    first_label = page.locator("label.kb-step__label").first
    assert first_label.inner_text() == "Leer het ritme van je team kennen"
    first_label.click()
    page.locator("label[for='gedaan-eerste-casus-inbrengen']").click()
    assert boxes.first.is_checked()
    assert _route_count(page) == f"2 van {ROUTE_STEPS} gedaan"
    page.reload()
    assert boxes.first.is_checked()
    assert page.locator("#gedaan-eerste-casus-inbrengen").is_checked()
    assert not boxes.nth(1).is_checked()
    assert _route_count(page) == f"2 van {ROUTE_STEPS} gedaan"
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", ROUTE_KEY))
    assert stored == {"ritme-van-het-team": True, "eerste-casus-inbrengen": True}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Opnieuw beginnen").click()
    assert _route_count(page) == f"0 van {ROUTE_STEPS} gedaan"
    page.reload()
    assert not any(box.is_checked() for box in boxes.all())
    assert page.evaluate("key => localStorage.getItem(key)", ROUTE_KEY) is None


def test_onboarding_route_ticks_off_and_remembers_in_this_browser_only(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.method != "GET" else None)
    try:
        _tick_and_reload(page, base + "start/nieuw/")
        # Every step's row is a tap target of a thumb's size; its box has a real label.
        for row in page.locator(".kb-step > p:first-child").all()[:3]:
            assert row.bounding_box()["height"] >= 44
        assert page.get_by_role("checkbox", name="Breng je eerste casus in").count() == 1
    finally:
        context.close()
    assert sent == []  # nothing leaves the browser


def test_onboarding_route_without_javascript_is_a_plain_list(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "start/nieuw/")
        assert page.locator("label.kb-step__label").count() == ROUTE_STEPS
        assert not page.locator("[data-kb-route]").is_visible()  # no count or reset that cannot work
        assert "Breng je eerste casus in" in page.locator("article").inner_text()
    finally:
        context.close()


def test_onboarding_route_remembers_in_the_offline_copy(site_in_browser: tuple[Any, str], offline_copy: Path) -> None:
    browser, _ = site_in_browser
    context = browser.new_context()
    page = context.new_page()
    try:
        _tick_and_reload(page, (offline_copy / "start" / "nieuw" / "index.html").as_uri())
    finally:
        context.close()


def _terms(path: Path) -> dict[str, str]:
    """Term -> meaning, as the built page's <abbr> elements give them."""
    found: dict[str, str] = {}
    for meaning, term in re.findall(r'<abbr title="([^"]*)">(.*?)</abbr>', path.read_text(encoding="utf-8")):
        found.setdefault(html.unescape(term), html.unescape(meaning))
    return found


def test_glossary_terms_are_reached_and_explained_by_keyboard(
    site_in_browser: tuple[Any, str], real_site: Path
) -> None:
    # The glossary promises its meanings "met het toetsenbord": Tab reaches a term, Material's tooltip
    # shows the meaning and becomes the term's accessible description.
    assert "met het toetsenbord" in page_text(real_site / "begrippen" / "index.html")
    terms = _terms(real_site / "methoden" / "sonestra" / "index.html")
    assert "SNS" in terms
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(base + "methoden/sonestra/")
        # One tab stop per term, its first occurrence, not one for each of its dozens of occurrences; a term
        # that is a link's text is reached with the link (no tab stop inside a tab stop).
        stops = page.evaluate(
            "() => [...document.querySelectorAll('.md-content abbr[tabindex=\"0\"]')].map(a => a.textContent)"
        )
        outside_links = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('.md-content abbr')]"
            ".filter(a => !a.closest('a')).map(a => a.textContent))]"
        )
        assert len(stops) == len(set(stops)) == len(outside_links) >= 10, (stops, outside_links)
        assert set(stops) <= set(terms)
        reached = None
        for _ in range(300):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.tagName") == "ABBR":
                reached = page.evaluate("() => document.activeElement.textContent")
                break
        assert reached in terms, "geen begrip bereikt met Tab"
        described = page.wait_for_function(
            "() => { const id = document.activeElement.getAttribute('aria-describedby');"
            " const tip = id && document.getElementById(id);"
            " return tip && tip.classList.contains('md-tooltip2--active') && tip.textContent.trim() }"
        ).json_value()
        assert described == terms[reached]
        tooltip = page.locator(".md-tooltip2--active")
        assert tooltip.is_visible()
        shown = page.evaluate("() => document.activeElement.getAttribute('aria-describedby')")
        page.keyboard.press("Tab")  # on to the next stop: this meaning goes away again
        page.wait_for_function(
            "id => !document.getElementById(id)?.classList.contains('md-tooltip2--active')", arg=shown
        )
    finally:
        context.close()


def test_copy_link_gives_the_page_and_eindterm_address(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    _check_copy_links(browser, base, base, "/methoden/sonestra/")


def _check_copy_links(
    browser: Any, base: str, expected_root: str, shown: str, item: str = "methoden/sonestra/"
) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(base + item)
        # The clipboard is the browser's, shared by its contexts: start from a known value, so a copy that
        # does not reach it cannot pass on what an earlier test put there.
        page.bring_to_front()
        page.evaluate("() => navigator.clipboard.writeText('nog niets gekopieerd')")
        assert page.evaluate("() => navigator.clipboard.readText()") == "nog niets gekopieerd"
        assert page.locator("#verwijzen ~ .kb-cite code").first.inner_text() == shown
        button = page.get_by_role("button", name="Kopieer link naar deze pagina", exact=True)
        button.click()
        # The clipboard is written asynchronously; the page says so once it is done, and only then it is read.
        page.wait_for_function("() => document.querySelector('[role=status]')?.textContent === 'Link gekopieerd'")
        assert page.locator("#verwijzen ~ .kb-cite .kb-copy-link__label").inner_text() == "Link gekopieerd"
        assert page.evaluate("() => navigator.clipboard.readText()") == expected_root + item
        page.goto(base + "eindtermen/")
        page.get_by_role("button", name="Kopieer link naar eindterm 21", exact=True).click()
        page.wait_for_function("() => document.querySelector('[role=status]')?.textContent === 'Link gekopieerd'")
        assert page.evaluate("() => navigator.clipboard.readText()") == expected_root + "eindtermen/#eindterm-21"
        terms = page.locator("h3[id^='eindterm-'], h4[id^='eindterm-']").count()
        # Shown (not hidden, not display: none), though the browser may not have drawn those off screen yet.
        shown_buttons = "[...document.querySelectorAll('.kb-copy-link')].filter(e => e.checkVisibility()).length"
        assert page.evaluate(shown_buttons) == terms > 0
        assert page.locator("h2 .headerlink").first.get_attribute("title") in (None, "Link naar dit kopje")
    finally:
        context.close()


# A reader who follows a heading in the table of contents, or a shared link to an eindterm, lands on it once
# the page has settled: nothing above it that the browser left undrawn (content-visibility: auto) may push it
# down when drawn. Near the end of a page the heading may sit lower, with the rest of the page below it.
LANDINGS = {
    "methoden/sonestra/": (),  # () = every heading in the page's table of contents
    "kennisbronnen/casusleren/": (),
    "reflectoren/coachen-van-leerprocessen/": (),  # the printable form and the online items above "Verwijzen"
    "leerarrangementen/hoe-wordt-een-team-een-lerend-team/": (),
    "eindtermen/": ("eindterm-8", "eindterm-21", "eindterm-55", "eindterm-59"),  # the first and the last
    "resultaten-2015/": ("resultaat-8", "resultaat-21", "resultaat-55", "resultaat-57"),
}
LAND = """async ids => {
    const landings = [];
    for (const id of ids) {  // bottom up: each jump passes over what no earlier jump has drawn
        location.hash = id;
        const target = document.getElementById(id), first = target.getBoundingClientRect().top;
        for (let frame = 0; frame < 8; frame++) await new Promise(next => requestAnimationFrame(next));
        const atEnd = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 1;
        landings.push({id, first: Math.round(first), top: Math.round(target.getBoundingClientRect().top), atEnd});
    }
    return landings;
}"""


@pytest.mark.parametrize("path", LANDINGS)
def test_a_link_to_a_heading_lands_on_it(site_in_browser: tuple[Any, str], path: str) -> None:
    browser, base = site_in_browser
    page = browser.new_page()
    try:
        wrong = []
        for width, height in ((390, 844), (1366, 768)):
            page.set_viewport_size({"width": width, "height": height})
            page.goto(base + path)
            ids = LANDINGS[path] or page.eval_on_selector_all(
                ".md-nav--secondary a.md-nav__link", "links => links.map(a => a.hash.slice(1))"
            )
            assert len(ids) >= 4, ids
            for landing in page.evaluate(LAND, list(reversed(ids))):
                top = landing["top"]
                if not (0 <= top <= 120 or (landing["atEnd"] and 0 <= top <= height - 100)):
                    wrong.append(f"{width}px #{landing['id']}: eerst op {landing['first']} px, daarna op {top} px")
        assert not wrong, "\n".join(wrong)
    finally:
        page.close()


def test_permalinks_are_titled_in_dutch(real_site: Path) -> None:
    html_text = (real_site / "methoden" / "sonestra" / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink" href="#wat-is-het" title="Link naar dit kopje"' in html_text
    assert "Permanent link" not in html_text


def test_footer_without_repository_or_contact_offers_neither(real_site: Path) -> None:
    # This repository's mkdocs.yml sets no repo_url and no extra.contact.
    text = page_text(real_site / "methoden" / "sonestra" / "index.html")
    assert "Meld een fout" not in text
    assert "Contact:" not in text


def test_eindtermen_is_in_the_top_navigation(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(base + "methoden/sonestra/")
        top = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link").all_inner_texts()
        top = [" ".join(label.split()) for label in top]
        assert "Eindtermen" in top, top
        naslag = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item", has_text="Naslag")
        assert "Resultaten 2015" in naslag.inner_text() and "Begrippenlijst" in naslag.inner_text()
        page.locator(".md-nav--primary a", has_text="Eindtermen").first.click()
        assert page.url == base + "eindtermen/"
    finally:
        context.close()


# --- mkdocs.yml as the editor writes it: site_url, repo_url, edit_uri and extra.contact are read ---

CONFIGURED = """site_url: https://kennisbank.example.nl/wijkteams/
repo_url: https://github.com/voorbeeld/kennisbank
edit_uri: edit/main/
"""
CONTACT = """extra:
  contact:
    naam: Redactie kennisbank
    email: redactie@kennisbank.example.nl
"""


def _git(root: Path, *args: str, date: str) -> None:
    identity = {"GIT_AUTHOR_NAME": "Redactie", "GIT_AUTHOR_EMAIL": "redactie@example.org"}
    identity |= {"GIT_COMMITTER_NAME": "Redactie", "GIT_COMMITTER_EMAIL": "redactie@example.org"}
    dates = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=os.environ | identity | dates)


@pytest.fixture(scope="module")
def configured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini knowledge base in git (all of it committed on 3 March 2025, one method again on
    14 October 2025), with a public address, a repository and a contact in its mkdocs.yml."""

    def build(folder: Path) -> Path:
        root = copy_root(MINI, folder / "kb")
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "!ENV" in text  # the tag that made the old reader give up
        config.write_text(CONFIGURED + text.replace("extra:\n", CONTACT, 1), encoding="utf-8")
        _git(root, "init", "-q", "-b", "main", date="2025-03-03T10:00:00+01:00")
        _git(root, "add", "-A", date="2025-03-03T10:00:00+01:00")
        _git(root, "commit", "-q", "-m", "Eerste versie", date="2025-03-03T10:00:00+01:00")
        method = root / "content" / "methoden" / "ecogram.yml"
        method.write_text(method.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _git(root, "commit", "-q", "-am", "Ecogram bijgewerkt", date="2025-10-14T10:00:00+02:00")
        result = run_cli(root, "build")
        assert result.code == 0, result.err
        return root / "site"

    return once_per_run(tmp_path_factory, "configured", build)


def test_site_url_is_read_despite_the_env_tag(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    config.write_text(CONFIGURED + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert site_url(mini_root) == "https://kennisbank.example.nl/wijkteams/"


def test_site_url_is_read_beside_materials_python_tags(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    emoji = (
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n"
    )
    text = config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n" + emoji, 1)
    assert emoji in text
    config.write_text(CONFIGURED + text, encoding="utf-8")
    assert site_url(mini_root) == "https://kennisbank.example.nl/wijkteams/"


def test_an_unreadable_mkdocs_yml_is_one_error_line_not_a_silent_default(mini_root: Path) -> None:
    config = mini_root / "mkdocs.yml"
    config.write_text(
        "site_url: [https://kennisbank.example.nl/\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run_cli(mini_root, "build")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert re.search(r"^mkdocs\.yml:\d+:\d+: ", result.out + result.err, re.M), result.out + result.err


def test_with_site_url_the_copied_links_are_full_addresses(
    site_in_browser: tuple[Any, str], configured_site: Path
) -> None:
    browser, _ = site_in_browser
    public = "https://kennisbank.example.nl/wijkteams/"
    assert f"Vast adres: {public}methoden/sonestra/" in page_text(
        configured_site / "methoden" / "sonestra" / "index.html"
    )
    with serve_folder(configured_site) as base:
        _check_copy_links(browser, base, public, f"{public}methoden/sonestra/")


def test_footer_says_when_the_content_last_changed(configured_site: Path) -> None:
    # The date of the page's content in git, as "Laatst gewijzigd" under the title has it.
    ecogram = page_text(configured_site / "methoden" / "ecogram" / "index.html")
    assert "Laatst bijgewerkt: 14 oktober 2025" in ecogram
    assert "Laatst gewijzigd: 14 oktober 2025" in ecogram
    assert "Laatst bijgewerkt: 3 maart 2025" in page_text(configured_site / "methoden" / "sonestra" / "index.html")
    assert "Laatst bijgewerkt: 3 maart 2025" in page_text(configured_site / "eindtermen" / "index.html")
    # A page that shows many items: the latest of them.
    for page in ("index.html", "methoden/index.html"):
        assert "Laatst bijgewerkt: 14 oktober 2025" in page_text(configured_site / page), page


def test_search_excerpts_show_the_content_not_the_page_date(
    site_in_browser: tuple[Any, str], configured_site: Path, tmp_path: Path
) -> None:
    # "Laatst gewijzigd: … · wat is er nieuw" sits above each item's content: indexed, it opened the excerpts.
    from tests.test_search_ui import _search

    browser, _ = site_in_browser
    offline = (unzip_offline_copy(configured_site, tmp_path) / "index.html").as_uri()
    page = browser.new_page()
    try:
        with serve_folder(configured_site) as base:
            for start in (base, offline):  # Pagefind on the served site, Material's index in the offline copy
                page.goto(start)
                assert _search(page, "ecogram")[0] == "methoden/ecogram/"
                shown = page.locator(".md-search-result__item").first.inner_text()
                assert "Ecogram" in shown and "gewijzigd" not in shown and "nieuw" not in shown, shown
    finally:
        page.close()


def test_footer_links_to_the_source_file_and_names_the_contact(
    site_in_browser: tuple[Any, str], configured_site: Path
) -> None:
    browser, _ = site_in_browser
    with serve_folder(configured_site) as base:
        page = browser.new_page()
        elsewhere: list[str] = []
        page.on(
            "request",
            lambda request: None if request.url.startswith((base, "data:")) else elsewhere.append(request.url),
        )
        try:
            page.goto(base + "methoden/sonestra/")
            footer = page.locator("footer .kb-footer")
            text = " ".join(footer.inner_text().split())
            assert re.search(r"Laatst bijgewerkt: \d{1,2} [a-z]+ \d{4}", text), text
            assert "Contact: Redactie kennisbank · redactie@kennisbank.example.nl" in text
            edit = footer.get_by_role("link", name="Meld een fout / Bewerk deze pagina")
            assert edit.get_attribute("href") == (
                "https://github.com/voorbeeld/kennisbank/edit/main/content/methoden/sonestra.yml"
            )
            mail = footer.get_by_role("link", name="redactie@kennisbank.example.nl")
            assert mail.get_attribute("href") == "mailto:redactie@kennisbank.example.nl"
            page.goto(base + "eindtermen/")
            assert (
                footer.get_by_role("link", name="Meld een fout / Bewerk deze pagina")
                .get_attribute("href")
                .endswith("/edit/main/content/eindtermen.yml")
            )
            page.wait_for_load_state("networkidle")
        finally:
            page.close()
    # The repository link in the header asks github.com's API for nothing (theme/partials/source.html).
    assert elsewhere == []
