"""What every built page promises a reader: headings in order, one site name in the tab title, a Dutch
404 page, no Markdown escapes in sight, and counts that say what they count (issue 13)."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

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
