"""The registry's promise: a new content type is a registry entry, a model and a template.

A throwaway type, `werkvorm`, is added the way a developer would: in a copy of the repository, with
generator/registry.py, generator/models.py (its model, and a reference field on Methode) and
generator/templates/werkvorm.md.j2 edited as text, then the copy's own CLI is run on it. The one thing
that is configured by hand is its line in the menu of mkdocs.yml (plain MkDocs configuration, no plugin
of ours, so nothing can derive it): `kennisbank check` names that line, and passes once it is there.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINI, REPO, Run, copy_root

REGISTRY_ENTRY = """\
        ContentType("werkvorm", models.Werkvorm, "content/werkvormen", "werkvormen", "Werkvormen", "pages"),
"""
MODEL = '''

class Werkvorm(Item):
    """A working form for a team session."""

    id: Slug = field(ID)
    titel: Line = field(TITLE)
    tekst: Prose = field("Hoe de werkvorm gaat")
    methoden: list[MethodeRef] = field("Methoden waarbij de werkvorm past (id's)", [])
'''
REFERENCE_FIELD = """
    werkvormen: list[Annotated[Slug, Ref("werkvorm")]] = field("Werkvormen die erbij horen (id's)", [])"""
TEMPLATE = """{% import "_macros.md.j2" as m with context %}
{{ m.front_matter(item) }}# {{ item.titel | text }}

{{ m.meta(item) }}

{{ item.tekst | md }}
{{ m.backlinks(entry) }}
"""
ITEM = """id: vissenkom
titel: Vissenkom
status: concept
statusnoot: Een werkvorm om de registry te testen, niet uit het rapport
herkomst: Testinhoud
tekst: |
  Vier collega's bespreken een casus in het midden; de anderen luisteren mee in een grote kring
  en schuiven aan wanneer ze iets willen inbrengen.
methoden: [ecogram]
"""
NAV_LINE = "  - Werkvormen: werkvormen/index.md\n"
REFERRING = "content/methoden/sonestra.yml"


def add_werkvorm(root: Path) -> None:
    """The three files of the promise, edited in the copy's own generator, plus an item and a reference."""
    package = root / "generator"
    registry = package / "registry.py"
    text = registry.read_text(encoding="utf-8")
    end = text.rindex("    ]\n}")  # the end of the CONTENT_TYPES list
    registry.write_text(text[:end] + REGISTRY_ENTRY + text[end:], encoding="utf-8")

    models = package / "models.py"
    text = models.read_text(encoding="utf-8")
    methode = text.index("\nclass Methode(Item):")
    end = text.index("\n\n\nclass ", methode)  # the end of Methode's body
    models.write_text(text[:end] + REFERENCE_FIELD + text[end:] + MODEL, encoding="utf-8")

    (package / "templates" / "werkvorm.md.j2").write_text(TEMPLATE, encoding="utf-8")

    (root / "content" / "werkvormen").mkdir()
    (root / "content" / "werkvormen" / "vissenkom.yml").write_text(ITEM, encoding="utf-8")
    with (root / REFERRING).open("a", encoding="utf-8") as referring:
        referring.write("werkvormen: [vissenkom]\n")


def copy_repo(target: Path) -> Path:
    """The mini knowledge base with a copy of this repository's generator beside it."""
    root = copy_root(MINI, target)
    shutil.copytree(
        REPO / "generator", root / "generator", dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


def run_copy(root: Path, *args: str) -> Run:
    """`python -m generator` from the copy, so that it runs the copy's edited generator, not this one."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@dataclass
class Added:
    root: Path
    before_nav: Run
    with_nav: Run
    build: Run

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Added:
    root = copy_repo(tmp_path_factory.mktemp("registry") / "kb")
    add_werkvorm(root)
    before_nav = run_copy(root, "check")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nnav:\n", "\nnav:\n" + NAV_LINE, 1), encoding="utf-8")
    with_nav = run_copy(root, "check")
    return Added(root, before_nav, with_nav, run_copy(root, "build"))


def errors(run: Run) -> list[str]:
    return [line for line in run.lines if ": waarschuwing: " not in line]


def test_check_names_the_menu_line_a_new_type_needs_and_then_passes(added: Added) -> None:
    nav = next(
        number
        for number, line in enumerate((REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1)
        if line == "nav:"
    )
    assert added.before_nav.code == 1, added.before_nav.out + added.before_nav.err
    assert errors(added.before_nav) == [
        f"mkdocs.yml:{nav}:1: het menu (nav) noemt de pagina van soort 'werkvorm' (werkvormen/index.md) niet, "
        "dus die soort staat nergens in het menu; zet onder nav een regel als '- Werkvormen: werkvormen/index.md'"
    ]
    assert "Traceback" not in added.before_nav.err
    assert added.with_nav.code == 0, added.with_nav.out + added.with_nav.err
    assert errors(added.with_nav) == []
    assert added.build.code == 0, added.build.out + added.build.err


def test_the_build_makes_its_overview_and_its_pages(added: Added) -> None:
    overview = added.html("werkvormen/index.html")
    assert '<h1 id="werkvormen">Werkvormen' in overview
    # A small model: no samenvatting, no aliassen; the overview shows a dash where the summary would be.
    assert re.search(r'<a href="vissenkom/">Vissenkom</a>.*?</td>\s*<td>–</td>', overview, re.DOTALL)
    assert "1 items." in overview
    page = added.html("werkvormen/vissenkom/index.html")
    assert '<h1 id="vissenkom">Vissenkom' in page
    assert "Vier collega's bespreken een casus in het midden" in page
    assert "Een werkvorm om de registry te testen, niet uit het rapport" in page
    # Derived from the registry and the model as for every type: the start page's count, the editor's guide.
    assert re.search(r'<a href="werkvormen/">Werkvormen</a></td>\s*<td>1</td>', added.html("index.html"))
    guide = added.html("redactie/index.html")
    assert 'id="soort-werkvorm"' in guide
    assert "Hoe de werkvorm gaat" in guide


def test_another_type_refers_to_it_by_a_field_without_a_template_edit(added: Added) -> None:
    methode = added.html("methoden/sonestra/index.html")
    see_also = methode[methode.index('id="zie-ook"') :]
    assert re.search(r'<h3 id="werkvormen">Werkvormen', see_also), see_also[:2000]
    assert '<a href="../../werkvormen/vissenkom/">Vissenkom</a>' in see_also
    # ... and the werkvorm says where it is used, as every item does.
    page = added.html("werkvormen/vissenkom/index.html")
    used_in = page[page.index('id="gebruikt-in"') :]
    assert '<a href="../../methoden/sonestra/">' in used_in
    # Its own reference field, which its template leaves out, gets a "Zie ook" of its own before "Gebruikt in".
    see_also = page[page.index('<h2 id="zie-ook">') : page.index('id="gebruikt-in"')]
    assert '<h3 id="methoden-en-instrumenten">Methoden en instrumenten' in see_also
    assert '<a href="../../methoden/ecogram/">Ecogram</a>' in see_also


def test_a_reference_to_a_missing_werkvorm_is_an_error_at_its_line(added: Added, tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "kb")
    add_werkvorm(root)
    (root / "mkdocs.yml").write_text((added.root / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    referring = root / REFERRING
    text = referring.read_text(encoding="utf-8").replace("werkvormen: [vissenkom]", "werkvormen: [vissenkon]")
    referring.write_text(text, encoding="utf-8")
    line = text.splitlines().index("werkvormen: [vissenkon]") + 1
    result = run_copy(root, "check")
    assert result.code == 1
    assert errors(result) == [
        f"{REFERRING}:{line}:14: veld 'werkvormen': verwijzing naar onbekende werkvorm 'vissenkon'; "
        "bedoelde je 'vissenkom'?"
    ]


class NavLinks(HTMLParser):
    """(href, text) of every link in Material's navigation menu."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and "md-nav__link" in (values.get("class") or "").split():
            self._href = values.get("href") or ""
            self.links.append((self._href, ""))

    def handle_data(self, data: str) -> None:
        if self._href is not None and data.strip():
            href, text = self.links[-1]
            self.links[-1] = (href, (text + " " + data.strip()).strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._href = None


def test_the_menu_and_both_search_indexes_have_it(added: Added) -> None:
    menu = NavLinks()
    menu.feed(added.html("methoden/index.html"))
    assert ("../werkvormen/", "Werkvormen") in menu.links, menu.links
    # The served site's Pagefind index (its fragments are gzipped JSON after a marker) ...
    fragments = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (added.site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    indexed = {fragment["url"]: fragment["content"] for fragment in fragments}
    assert "Vier collega's bespreken een casus in het midden" in indexed["/werkvormen/vissenkom/"]
    # ... and the lunr index of the offline copy.
    with zipfile.ZipFile(added.site / "downloads" / "kennisbank-offline.zip") as offline:
        name = next(n for n in offline.namelist() if n.endswith("search/search_index.json"))
        docs = json.loads(offline.read(name))["docs"]
    assert any(doc["location"] == "werkvormen/vissenkom.html" and doc["title"] == "Vissenkom" for doc in docs)


def test_the_search_box_finds_it(added: Added, chromium: Any) -> None:
    from tests.browser import serve_folder

    with serve_folder(added.site) as base:
        page = chromium.new_page()
        try:
            page.goto(base)
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("vissenkom")
            page.keyboard.press("End")  # Material searches on keyup, not on fill
            result: Any = page.locator(".md-search-result__item > a.md-search-result__link").first
            result.wait_for(timeout=20_000)
            assert (result.get_attribute("href") or "").removeprefix(base).startswith("werkvormen/vissenkom/")
            assert "Vissenkom" in result.inner_text()
        finally:
            page.close()


def test_the_editor_tools_offer_it(added: Added) -> None:
    """`kennisbank new` writes its skeleton and `kennisbank schema` its JSON Schema, from the model (run last:
    it adds an item to the shared copy, after its site was built)."""
    made = run_copy(added.root, "new", "werkvorm", "Carrousel")
    assert (made.code, made.out) == (0, "content/werkvormen/carrousel.yml\n"), made.err
    skeleton = (added.root / "content/werkvormen/carrousel.yml").read_text(encoding="utf-8")
    assert skeleton.startswith("# yaml-language-server: $schema=../../schemas/werkvorm.schema.json\n")
    assert "# Hoe de werkvorm gaat\n" in skeleton
    schemas = run_copy(added.root, "schema")
    assert schemas.code == 0, schemas.err
    assert "schemas/werkvorm.schema.json" in schemas.lines
    schema = json.loads((added.root / "schemas/werkvorm.schema.json").read_text(encoding="utf-8"))
    assert {"id", "titel", "tekst"} <= set(schema["properties"])
    # The methode's new reference field offers the werkvorm ids as you type.
    methode = json.loads((added.root / "schemas/methode.schema.json").read_text(encoding="utf-8"))
    assert methode["properties"]["werkvormen"]["items"]["examples"] == ["carrousel", "vissenkom"]
    settings = json.loads((added.root / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/werkvorm.schema.json"] == [
        "content/werkvormen/*.yml",
        "content/werkvormen/*.yaml",
    ]


def test_a_template_asking_for_a_field_its_model_lacks_stops_the_build_in_one_line(tmp_path: Path) -> None:
    root = copy_repo(tmp_path / "kb")
    add_werkvorm(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", "\nnav:\n" + NAV_LINE, 1), "utf-8")
    template = root / "generator" / "templates" / "werkvorm.md.j2"
    text = template.read_text(encoding="utf-8").replace("{{ item.tekst | md }}", "{{ item.samenvatting | text }}")
    template.write_text(text, encoding="utf-8")
    line = text.splitlines().index("{{ item.samenvatting | text }}") + 1
    result = run_copy(root, "build")
    assert result.code == 1
    assert result.err.splitlines() == [
        f"generator/templates/werkvorm.md.j2:{line}: sjabloonfout: "
        "'generator.models.Werkvorm object' has no attribute 'samenvatting'",
        "Niet gebouwd: de vorige site is ongewijzigd.",
    ]
