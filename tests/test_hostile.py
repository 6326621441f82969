"""Hostile content: nothing an editor writes can make a built page run script, fetch from another host
or cover the page. Titles, aliases and prose of every page type carry the corpus below; the built site
is opened in Chromium (on load, with every handler fired, every tooltip hovered) and read as HTML."""

from __future__ import annotations

import html.parser
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.render import Renderer
from generator.site import check
from tests.browser import serve_folder
from tests.conftest import MINI, REPO, copy_root, once_per_run, run_cli

SCRIPT = "<script>window.__pwned = 1</script>"
IMAGE = '<img src="x" onerror="window.__pwned = 2">'
# A title that closes <title> (Material's `striptags` undid the escaping there) and one that leaves an attribute.
TITLE = "X </title><script>window.__pwned = 'title'</script>"
TITLE_ATTRIBUTE = "Y \"'><img src=x onerror=\"window.__pwned = 'title-img'\">"

# Markdown tricks in prose, each once a way to run script, fetch or cover the page (issue 12).
PROSE_CASES: dict[str, str] = {
    "attr_list on a paragraph": "Klik hier.\n{: onclick=\"window.__pwned = 'attr-p'\" }",
    "attr_list on a link": "[boven](https://example.org/){: onclick=\"window.__pwned = 'attr-a'\" }",
    "attr_list href after the link filter": (
        "[naar boven](https://example.org/){: href=\"javascript:window.__pwned = 'attr-href'\" }"
    ),
    "attr_list on a heading": "#### Kop { onclick=\"window.__pwned = 'attr-h'\" }",
    "attr_list on a heading, with colon": "#### Kop {: onmouseover=\"window.__pwned = 'attr-h2'\" }",
    "attr_list style covering the page": (
        'Alles dicht.\n{: style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999;background:red" }'
    ),
    "reference definition in a blockquote": "> [citaatlink][bq]\n>\n> [bq]: javascript:window.__pwned='bq'",
    "reference definition in a nested list": (
        "- lijst\n    - [lijstlink][nl]\n\n        [nl]: javascript:window.__pwned='nl'"
    ),
    "reference definition with the URL on the next line": "[volgende][nx]\n\n[nx]:\n    javascript:window.__pwned='nx'",
    "entity-encoded link title": (
        "[tiplink](https://example.org/ \"&#60;img src=x onerror=window.__pwned='link-title'&#62;\")"
    ),
    "abbreviation defined in prose": "*[HTML]: <img src=x onerror=\"window.__pwned='abbr'\">\n\nHier staat HTML.",
    "raw HTML": f"{SCRIPT} {IMAGE} <b onmouseover=\"window.__pwned='b'\">vet</b>",
    "md_in_html": '<div markdown="1" onclick="window.__pwned=\'div\'">*binnen*</div>',
    "javascript and data links": (
        "[klik](javascript:window.__pwned=3) [ook](jav&#x61;script:x) [data](data:text/html,x) "
        "<javascript:window.__pwned=5> [spatie]( javascript:window.__pwned=6)"
    ),
    "Jinja and snippet syntax": '{{ 7 * 7 }} {% raw %}x{% endraw %}\n\n--8<-- "/etc/passwd"',
    "escaped syntax for a later Markdown pass": (
        "\\[esc\\](javascript:window.__pwned='esc') \\!\\[px\\](https://andere-host.example/px.png)\n"
        "\\{: onclick=\"window.__pwned='esc-attr'\" \\}"
    ),
}
PROSE = "\n\n".join(PROSE_CASES.values())
# Images: check refuses every one that is not a file of the site (there is none in a knowledge base
# yet), so these are rendered without a build, through MkDocs' own Markdown (test below).
IMAGE_CASES: dict[str, str] = {
    "attr_list on an image": "![plaatje](index.md){: onerror=\"window.__pwned = 'attr-img'\" }",
    "image from elsewhere": "![pixel](https://elsewhere.example/pixel.png)",
    "image by protocol-relative URL": "![pixel](//elsewhere.example/pixel.png)",
    "image with a data URL": "![pixel](data:image/svg+xml,<svg onload=alert(1)>)",
    "image by reference": "![pixel][px]\n\n[px]: https://elsewhere.example/pixel.png",
}

# Pages of every type, each showing a hostile title and the corpus.
PAGES = (
    "methoden/ecogram/",
    "kennisbronnen/casusleren/",
    "leerarrangementen/lerend-team/",
    "reflectoren/digitale-reflector/",
    "modules/vijandig/",
    "modules/",
    "formulieren/vijandig/",
    "formulieren/",
    "reflectoren/digitale-reflector/team/",
    "start/nieuw/",  # the route's steps stand inside a <div markdown>, which MkDocs reads again
    "begrippen/",
    "rollen/",
    "kernelementen/",
    "methoden/",
    "methoden/sonestra/",
    "",
)
ALLOWED_HANDLERS = {("button", "onclick", "window.print()")}  # the site's own print buttons
SITE_DIALOGS = {"Alle vinkjes van deze route weghalen en opnieuw beginnen?"}  # the route's own reset button


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def hostile_root(target: Path) -> Path:
    """The mini knowledge base with a hostile title and the prose corpus on every page type."""
    root = copy_root(MINI, target)

    def methode(d: dict) -> None:
        d.update(titel=f"Ecogram {SCRIPT}", aliassen=[IMAGE, TITLE], wat=f"{PROSE}\n\nEen ecogram laat")
        d.update(stappen=[PROSE, "Tweede stap met SNS."], aandachtspunten=[PROSE])
        d.update(eigenaar=TITLE, website="https://example.org/`x`{:onclick=window.__pwned=9}")

    _edit(root / "content/methoden/ecogram.yml", methode)
    _edit(root / "kennisbronnen/casusleren.yml", lambda d: d.update(titel=TITLE, tekst=d["tekst"] + "\n" + PROSE))

    def arrangement(d: dict) -> None:
        d.update(titel=TITLE_ATTRIBUTE, leervraag=PROSE, voorbereiding=[PROSE])
        d["sessieplan"][0].update(titel=TITLE, beschrijving=PROSE)

    _edit(root / "leerarrangementen/lerend-team.yml", arrangement)
    _edit(root / "reflectoren/digitale-reflector.yml", lambda d: d.update(titel=TITLE, doel=PROSE, tekst=PROSE))
    term = {"id": "vijandig", "term": TITLE, "afkorting": None}
    _edit(root / "content/begrippen.yml", lambda d: d.append({**d[0], **term}))
    _edit(root / "content/rollen.yml", lambda d: d[0].update(titel=TITLE_ATTRIBUTE, taken=PROSE))
    _edit(root / "content/kernelementen.yml", lambda d: d[0].update(titel=TITLE, toelichting=PROSE))
    item = {"status": "concept", "statusnoot": TITLE, "herkomst": TITLE}
    module = {
        "id": "vijandig",
        "titel": TITLE,
        "aliassen": [TITLE_ATTRIBUTE],
        "samenvatting": TITLE,
        "doelgroep": ["leercoach"],
        "leerdoelen": [PROSE],
        "sessieplan": [{"titel": TITLE, "minuten": 10, "beschrijving": PROSE}],
        "reflectoren": ["digitale-reflector"],
        "methoden": ["ecogram"],
        **item,
    }
    (root / "content/modules").mkdir()
    (root / "content/modules/vijandig.yml").write_text(yaml.safe_dump(module, allow_unicode=True), encoding="utf-8")
    formulier = {
        "id": "vijandig",
        "titel": TITLE,
        "methode": "ecogram",
        "samenvatting": TITLE,
        "instructie": PROSE,
        "velden": [{"label": TITLE, "toelichting": TITLE_ATTRIBUTE}],
        **item,
    }
    (root / "content/formulieren.yml").write_text(yaml.safe_dump([formulier], allow_unicode=True), encoding="utf-8")
    step = {"id": "vijandig", "week": 1, "titel": TITLE, "waarom": PROSE, "doen": PROSE, "links": ["methode:ecogram"]}
    route = yaml.safe_dump([{**step, **item}], allow_unicode=True)
    (root / "content/onboarding.yml").write_text(route, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> Path:
        root = hostile_root(folder / "kb")
        result = run_cli(root, "build")
        assert result.code == 0, result.out + result.err
        return root / "site"

    return once_per_run(tmp_path_factory, "hostile", build)


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _dangers(page: str) -> list[str]:
    """Handlers, script URLs and requests to elsewhere in the attributes of one built page."""
    parser = _Tags()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and (tag, name, value) not in ALLOWED_HANDLERS:
                found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"):
                url = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if url.startswith(("javascript:", "vbscript:", "data:")):
                    found.append(f"<{tag} {name}={value!r}>")
                if name != "href" and url.startswith(("http:", "https:", "//")):
                    found.append(f"<{tag} {name}={value!r}>")
            if name == "style" and "fixed" in value:
                found.append(f"<{tag} style={value!r}>")
    return found


def test_no_built_page_has_a_handler_script_url_or_outside_source_from_content(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        assert _dangers(path.read_text(encoding="utf-8")) == [], path
    ecogram = (hostile_site / "methoden/ecogram/index.html").read_text(encoding="utf-8")
    assert "<title>Ecogram &lt;script&gt;window.__pwned = 1&lt;/script&gt; - " in ecogram
    assert "<script>window.__pwned" not in ecogram and '<img src="x"' not in ecogram
    assert "<strong>Citeren:</strong> Ecogram &lt;script&gt;window.__pwned = 1&lt;/script&gt;. In:" in ecogram
    casus = (hostile_site / "kennisbronnen/casusleren/index.html").read_text(encoding="utf-8")
    assert "<title>Kennisbron 5: X &lt;/title&gt;&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt; - " in (
        casus
    )
    for search_index in ("search/search_index.json",):
        text = (hostile_site / search_index).read_text(encoding="utf-8")
        assert "<script" not in text and "<img" not in text


def _fire_everything(page: Any) -> None:
    """Every element gets the events a reader's browser would send; links do not navigate away."""
    page.evaluate(
        r"""() => {
            // Links do not navigate away, except javascript: ones, which must run if there are any.
            window.addEventListener('click', event => {
                const link = event.target.closest && event.target.closest('a[href]');
                if (!link || !/^\s*javascript:/i.test(link.getAttribute('href'))) event.preventDefault();
            }, true);
            window.addEventListener('submit', e => e.preventDefault(), true);
            for (const element of document.querySelectorAll('*')) {
                for (const type of ['click', 'dblclick', 'mouseover', 'mouseenter', 'mousedown', 'focus',
                                    'error', 'load', 'animationstart', 'transitionend', 'pointerover']) {
                    const init = {bubbles: true, cancelable: true};
                    const mouse = /click|mouse|pointer/.test(type);
                    element.dispatchEvent(mouse ? new MouseEvent(type, init) : new Event(type, init));
                }
            }
        }"""
    )


def _hover_tooltips(page: Any) -> int:
    """Hover every element with a tooltip (a title) in the article; returns how many."""
    tooltips = page.locator("article [title]")
    count = tooltips.count()
    for index in range(min(count, 60)):
        element = tooltips.nth(index)
        if element.is_visible():
            element.hover()
            page.wait_for_timeout(50)
    return count


def _assert_not_covered(page: Any, path: str) -> None:
    # The header (top left) and the article stay what a reader's pointer finds.
    inside = page.evaluate(
        """() => [[20, 20], [200, 300], [370, 600]].map(([x, y]) => {
            const element = document.elementFromPoint(x, y);
            return !!element && !!element.closest('header.md-header, main, nav, footer, .md-container');
        })"""
    )
    assert all(inside), (path, inside)
    fixed = page.evaluate(
        """() => [...document.querySelectorAll('article *')]
            .filter(element => ['fixed', 'sticky'].includes(getComputedStyle(element).position))
            .map(element => element.outerHTML.slice(0, 80))"""
    )
    assert fixed == [], (path, fixed)


def _watch(page: Any, allowed: tuple[str, ...]) -> tuple[list[str], list[str]]:
    dialogs: list[str] = []
    elsewhere: list[str] = []
    page.on(
        "dialog",
        lambda dialog: (None if dialog.message in SITE_DIALOGS else dialogs.append(dialog.message), dialog.dismiss()),
    )
    page.on("request", lambda request: None if request.url.startswith(allowed) else elsewhere.append(request.url))
    return dialogs, elsewhere


def test_no_page_of_any_type_runs_script_from_content(hostile_site: Path, site_in_browser: tuple[Any, str]) -> None:
    browser, _ = site_in_browser  # one Playwright per session; this test serves its own site
    with serve_folder(hostile_site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        dialogs, elsewhere = _watch(page, (base, "data:", "blob:"))
        hovered = 0
        for path in PAGES:
            page.goto(base + path, wait_until="networkidle")
            assert page.evaluate("() => window.__pwned") is None, path
            _assert_not_covered(page, path)
            hovered += _hover_tooltips(page)
            _fire_everything(page)
            page.wait_for_timeout(100)
            assert page.evaluate("() => window.__pwned") is None, path
        assert hovered > 0  # the glossary's tooltips were there to hover
        page.goto(base + "methoden/ecogram/")
        article = page.locator("article").inner_text()
        assert "Ecogram <script>window.__pwned = 1</script>" in article
        assert '<img src="x" onerror="window.__pwned = 2">' in article
        hrefs = page.eval_on_selector_all("article a", "links => links.map(a => a.getAttribute('href'))")
        assert not [
            h for h in hrefs if h and (h.strip().lower().startswith(("javascript", "data", "jav")) or "&#" in h)
        ]
        assert page.locator("article a:has-text('klik'), article a:has-text('lijstlink')").count() == 0  # text now
        for link in page.locator("article .kb-prose a[href^='#']").all():
            link.click()
        assert page.evaluate("() => window.__pwned") is None
        box = page.locator("input.md-search__input")
        page.locator("label.md-header__button[for='__search']").click()
        box.fill("pwned")
        page.keyboard.press("End")
        page.wait_for_timeout(3000)
        results = page.locator(".md-search-result__item")
        assert results.count() > 0
        assert "<script>window.__pwned" in page.locator(".md-search-result").inner_text()  # titles as text
        for result in results.all()[:10]:
            result.hover()
        assert page.evaluate("() => window.__pwned") is None
        assert dialogs == []
        assert elsewhere == []
        page.close()


def test_the_offline_copy_runs_nothing_and_its_prose_links_work(
    hostile_site: Path, site_in_browser: tuple[Any, str], tmp_path: Path
) -> None:
    browser, _ = site_in_browser
    with zipfile.ZipFile(hostile_site / "downloads" / "kennisbank-offline.zip") as archive:
        archive.extractall(tmp_path)
    offline = tmp_path / "kennisbank-sociale-wijkteams"
    page = browser.new_page()
    dialogs, elsewhere = _watch(page, ("file://",))
    for path in ("methoden/ecogram.html", "kennisbronnen/casusleren.html", "modules/vijandig.html", "index.html"):
        page.goto((offline / path).as_uri())
        _hover_tooltips(page)
        _fire_everything(page)
        assert page.evaluate("() => window.__pwned") is None, path
    page.goto((offline / "kennisbronnen/casusleren.html").as_uri())
    page.click("article a:has-text('de netwerkstrategie')")
    assert page.url.endswith("/methoden/sonestra.html")
    assert "SoNeStra" in page.locator("article h1").inner_text()
    # The offline copy searches its full lunr index, titles and tags included: shown as text.
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("pwned")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=30_000)
    assert "<script>window.__pwned" in page.locator(".md-search-result").inner_text()
    for result in page.locator(".md-search-result__item").all()[:10]:
        result.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == [] and elsewhere == []
    page.close()


def test_every_case_rendered_and_built_by_mkdocs_markdown_has_no_handler_or_outside_source(tmp_path: Path) -> None:
    # The whole corpus, images too, through the renderer and then through the Markdown of mkdocs.yml.
    import markdown

    root = copy_root(MINI, tmp_path / "kb")
    cases = {**PROSE_CASES, **IMAGE_CASES}
    _edit(root / "content/methoden/ecogram.yml", lambda d: d.update(wat="\n\n".join(cases.values())))
    linked, _ = check(root)
    page = Renderer(linked).pages()["methoden/ecogram.md"]
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    built = markdown.markdown(page.split("---", 2)[-1], extensions=extensions)
    assert _dangers(built) == []
    assert "elsewhere.example" not in built and "<img" not in built
    assert "<abbr" not in built.split("Hier staat", 1)[1].split("</p>", 1)[0]  # no abbreviation of content's own


def test_script_in_content_is_shown_as_text_in_every_title(hostile_site: Path) -> None:
    # Text in the tab, the h1, the citation and the links to an item: the title as written, never markup.
    casus = (hostile_site / "kennisbronnen/casusleren/index.html").read_text(encoding="utf-8")
    assert "<h1" in casus and "X &lt;/title&gt;&lt;script&gt;" in casus.split("<h1", 1)[1].split("</h1>", 1)[0]
    module = (hostile_site / "modules/vijandig/index.html").read_text(encoding="utf-8")
    assert "<title>Module: X &lt;/title&gt;&lt;script&gt;" in module
    overview = (hostile_site / "modules/index.html").read_text(encoding="utf-8")
    assert ">X &lt;/title&gt;&lt;script&gt;window.__pwned = 'title'&lt;/script&gt;</a>" in overview


def test_a_hostile_title_is_text_in_the_pdfs(hostile_site: Path) -> None:
    from pypdf import PdfReader

    for name in ("formulier-vijandig.pdf", "digitale-reflector.pdf"):
        reader = PdfReader(hostile_site / "pdf" / name)
        assert reader.metadata is not None and reader.metadata.title is not None
        assert reader.metadata.title.endswith("X </title><script>window.__pwned = 'title'</script>"), name
        assert "window.__pwned = 'title'" in reader.pages[0].extract_text(), name


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


def _with_prose(root: Path, prose: str) -> None:
    path = root / "content/methoden/ecogram.yml"
    text = path.read_text(encoding="utf-8").replace("  Een ecogram laat", f"  Een ecogram laat\n  {prose}")
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("prose", "column", "message"),
    [
        (
            "Zie [de strategie](../methoden/bestaat-niet.md).",
            22,
            "link naar '../methoden/bestaat-niet.md' wijst naar een bestand dat niet bestaat. "
            "Verwijs naar een item met [[soort:id]]",
        ),
        (
            "![pixel](https://elsewhere.example/pixel.png)",
            12,
            "afbeelding 'https://elsewhere.example/pixel.png' staat niet in de kennisbank; "
            "een afbeelding moet een bestand van de site zelf zijn",
        ),
        (
            "![schema](schema.png)",
            13,
            "afbeelding 'schema.png' staat niet in de kennisbank; een afbeelding moet een "
            "bestand van de site zelf zijn",
        ),
        (
            "[methoden](/methoden/)",
            14,
            "link naar '/methoden/' is een absoluut pad; dat werkt niet in de offline versie. Verwijs met [[soort:id]]",
        ),
    ],
)
def test_check_finds_links_and_images_the_build_cannot_show(
    mini_root: Path, prose: str, column: int, message: str
) -> None:
    # Before, check passed and MkDocs then stopped the build with an English warning about the .md it wrote.
    _with_prose(mini_root, prose)
    result = run_cli(mini_root, "check")
    assert result.code == 1, result.out
    assert f"content/methoden/ecogram.yml:10:{column}: veld 'wat': {message}" in result.lines, result.out


def test_relative_links_an_editor_writes_work_in_both_builds(mini_root: Path) -> None:
    _with_prose(
        mini_root, "Zie [SNS](sonestra.md), [casussen](../kennisbronnen/casusleren.md#werkwijze) en [top](#wat-is-het)."
    )
    result = run_cli(mini_root, "build")
    assert result.code == 0, result.out + result.err
    page = (mini_root / "site/methoden/ecogram/index.html").read_text(encoding="utf-8")
    assert 'href="../sonestra/"' in page and 'href="../../kennisbronnen/casusleren/#werkwijze"' in page
    assert 'href="#wat-is-het"' in page
    with zipfile.ZipFile(mini_root / "site/downloads/kennisbank-offline.zip") as archive:
        offline = archive.read("kennisbank-sociale-wijkteams/methoden/ecogram.html").decode("utf-8")
    assert 'href="sonestra.html"' in offline and 'href="../kennisbronnen/casusleren.html#werkwijze"' in offline


def test_an_image_from_elsewhere_never_reaches_a_page(mini_root: Path) -> None:
    _with_prose(mini_root, "![pixel](https://elsewhere.example/pixel.png) en ![x](index.md)")
    linked, problems = check(mini_root)
    assert problems.errors  # refused; and were it rendered anyway, only its alt text would show
    pages = Renderer(linked).pages()
    assert "elsewhere.example" not in pages["methoden/ecogram.md"]
    assert "<img" not in pages["methoden/ecogram.md"]
    assert "pixel en x" in pages["methoden/ecogram.md"]


def test_a_hostile_term_in_the_heading_of_a_long_glossary_letter_is_text(mini_root: Path) -> None:
    # Past 40 terms the glossary gets a heading per part of a letter, named after its first and last term.
    terms = [{"id": f"x-{n:02}", "term": f"X{n:02}", "betekenis": "Testterm."} for n in range(60)]
    terms[0]["term"] = IMAGE
    terms[-1]["term"] = f"X {SCRIPT}"
    _edit(mini_root / "content/begrippen.yml", lambda d: d.extend({**d[0], **t, "afkorting": None} for t in terms))
    linked, problems = check(mini_root)
    assert problems.errors == []
    page = Renderer(linked).pages()["begrippen/index.md"]
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(headings) > 2
    assert not [line for line in headings if "<img" in line or "<script" in line], headings
