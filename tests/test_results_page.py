"""The 2015 results as a reader sees them: the overview of all eindtermen, the bars, sorting, phones, print, CSV."""

from __future__ import annotations

import csv
import io
import itertools
import re
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from tests.pages import article_text

SCORED = [*range(8, 24), *range(25, 59)]
TEXTS = {
    e["nummer"]: " ".join(e["tekst"].split())
    for e in yaml.safe_load((REPO / "content/eindtermen.yml").read_text(encoding="utf-8"))
}
ROW = re.compile(r'<tr id="overzicht-(\d+)"[^>]*>(.*?)</tr>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _text(html: str) -> str:
    return " ".join(unescape(TAG.sub(" ", html)).replace("\xad", "").split())


def _overview_rows(real_site: Path) -> dict[int, str]:
    html = (real_site / "resultaten-2015" / "index.html").read_text(encoding="utf-8")
    return {int(number): _text(row) for number, row in ROW.findall(html)}


def test_the_overview_lists_every_scored_eindterm_with_its_figures(real_site: Path) -> None:
    rows = _overview_rows(real_site)
    assert list(rows) == SCORED  # in number order without JavaScript
    for number, text in rows.items():
        assert text.startswith(f"{number} {TEXTS[number]}"), number
        assert "huidig laag" in text and "gewenst laag" in text, number  # both bars, each with its numbers
    # Eindterm 8: laag huidig 0,0 + 0,0; hoog gewenst 47,8 + 45,7; leerruimte 14/46.
    assert "huidig laag 0,0% · voldoende 10,9% · hoog 89,1%" in rows[8]
    assert rows[8].endswith("Laag huidig 0,0% Hoog gewenst 93,5% Leerruimte +0,3")
    assert "laag gewaardeerd (meer dan 30% waardeert huidig laag (1–2))" in rows[21]
    assert rows[21].endswith("Laag huidig 43,5% Hoog gewenst 73,3% Leerruimte +1,4")
    assert "weinig leerruimte (minder dan 70% waardeert gewenst hoog (4–5))" in rows[32]
    assert "laag gewaardeerd" in rows[39] and "weinig leerruimte" in rows[39]
    assert sum("laag gewaardeerd" in text for text in rows.values()) == 10
    # The source shows no 'in zeer hoge mate' for eindterm 13: no hoog figure, and the bar says why.
    assert "hoog –, bron toont 5 niet" in rows[13] and "Hoog gewenst –" in rows[13]
    page = article_text(real_site / "resultaten-2015" / "index.html")
    assert "50 gescoorde eindtermen" in page and "Zo lees je de balken" in page


def test_every_bar_has_its_numbers_as_text_next_to_it(real_site: Path) -> None:
    for page in ("resultaten-2015", "eindtermen"):
        html = (real_site / page / "index.html").read_text(encoding="utf-8")
        bars = re.findall(r'<svg class="kb-bar3"[^>]*>.*?</svg><span class="kb-bars__nums">([^<]+)</span>', html)
        assert len(bars) == (200 if page == "resultaten-2015" else 100), page
        assert all(re.fullmatch(r"laag\s[^·]+ · voldoende\s[^·]+ · hoog\s.+", text) for text in bars), page
        assert html.count('id="kb-arcering"') == 1, page  # the hatch pattern, once per page


def test_the_five_categories_stay_as_numbers_per_eindterm(real_site: Path) -> None:
    text = article_text(real_site / "resultaten-2015" / "index.html")
    block = text.split("Eindterm 21¶", 1)[1].split("Eindterm 22¶", 1)[0]
    assert "huidig 6,5% 37,0% 45,7% 10,9% 0,0% gewenst 2,2% 0,0% 24,4% 44,4% 28,9%" in block
    assert "Laag huidig (1–2): 43,5% · hoog gewenst (4–5): 73,3% · leerruimte: +1,4" in block


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.inside = True
        if not self.inside:
            return
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self.ids += [value for name, value in attrs if name == "id" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.inside = False


@pytest.mark.parametrize("page", ["resultaten-2015", "eindtermen"])
def test_headings_do_not_skip_levels_and_anchors_stay(real_site: Path, page: str) -> None:
    parser = _Structure()
    parser.feed((real_site / page / "index.html").read_text(encoding="utf-8"))
    levels = parser.headings
    assert levels[0] == 1
    skips = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not skips, skips
    assert len(parser.ids) == len(set(parser.ids)), "dubbele id's"
    prefix = "resultaat" if page == "resultaten-2015" else "eindterm"
    for number in SCORED:
        assert f"{prefix}-{number}" in parser.ids, number


def test_the_csv_opens_in_dutch_excel(real_site: Path) -> None:
    data = (real_site / "downloads" / "resultaten-2015.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfeindterm;tekst;n;huidig_1;")
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == [
        "eindterm",
        "tekst",
        "n",
        *[f"huidig_{i}" for i in range(1, 6)],
        *[f"gewenst_{i}" for i in range(1, 6)],
        "laag_huidig",
        "hoog_gewenst",
        "leerruimte",
    ]
    by_item = {int(row[0]): row for row in rows[1:]}
    assert list(by_item) == SCORED
    assert all(row[1] == TEXTS[number] for number, row in by_item.items())
    assert by_item[21][2:] == [
        "46",
        *["6,5", "37,0", "45,7", "10,9", "0,0"],
        *["2,2", "0,0", "24,4", "44,4", "28,9"],
        *["43,5", "73,3", "1,4"],
    ]
    assert by_item[8][-3:] == ["0,0", "93,5", "0,3"]
    # Where the source shows no value the cell stays empty: eindterm 13 has no category 5, 58 no N.
    assert by_item[13][7] == "" and by_item[13][12] == "" and by_item[13][14] == ""
    assert by_item[58][2] == ""
    page = article_text(real_site / "resultaten-2015" / "index.html")
    assert "eindterm;tekst;n;huidig_1;…;huidig_5;gewenst_1;…;gewenst_5;laag_huidig;hoog_gewenst;leerruimte" in page
    assert "decimale komma" in page


# --- in Chromium -----------------------------------------------------------------------------------


def _order(page: Any) -> list[int]:
    return page.eval_on_selector_all("#kb-overzicht tbody tr", "rows => rows.map(r => Number(r.dataset.nummer))")


def test_sorting_reorders_the_rows_and_says_so(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base + "resultaten-2015/")
    assert _order(page) == SCORED
    laag = page.get_by_role("button", name="laag huidig, hoogste eerst")
    laag.focus()
    page.keyboard.press("Enter")  # keyboard alone
    order = _order(page)
    values = page.eval_on_selector_all("#kb-overzicht tbody tr", "rows => rows.map(r => Number(r.dataset.laag))")
    assert values == sorted(values, reverse=True) and values[0] == max(values)
    assert sorted(order) == SCORED and order[0] != 8
    first = page.locator("#kb-overzicht tbody tr").first.inner_text()
    assert "43,5%" in first or f"{values[0] // 10},{values[0] % 10}%" in first
    status = page.locator("#kb-overzicht-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == f"Gesorteerd op laag huidig, hoogste eerst. Eerst staat eindterm {order[0]}."
    assert laag.get_attribute("aria-pressed") == "true"
    assert page.locator('#kb-overzicht th[data-column="laag"]').get_attribute("aria-sort") == "descending"

    page.get_by_role("button", name="leerruimte, grootste eerst").click()
    gaps = page.eval_on_selector_all("#kb-overzicht tbody tr", "rows => rows.map(r => Number(r.dataset.leerruimte))")
    assert gaps == sorted(gaps, reverse=True)
    assert _order(page)[0] == 21  # the largest 2015 leerruimte, +1,4
    page.get_by_role("button", name="op nummer").click()
    assert _order(page) == SCORED
    assert "Gesorteerd op nummer." in status.inner_text()
    page.close()


def test_without_javascript_the_table_is_in_number_order_without_buttons(site_in_browser: tuple[Any, str]) -> None:
    browser, base = site_in_browser
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "resultaten-2015/")
    assert _order(page) == SCORED
    assert not page.get_by_role("button", name="laag huidig, hoogste eerst").is_visible()
    context.close()


@pytest.mark.parametrize("width", [360, 390])
def test_no_sideways_scrolling_on_a_phone(site_in_browser: tuple[Any, str], width: int) -> None:
    browser, base = site_in_browser
    page = browser.new_page(viewport={"width": width, "height": 800})
    for path in ("resultaten-2015/", "eindtermen/"):
        page.goto(base + path)
        # All of it drawn, as a reader who scrolls down sees it (off screen the browser skips parts until needed).
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        # The bars themselves are drawn, not squeezed away.
        box = page.locator("#resultaat-21 .kb-bar3, #eindterm-21 + .kb-entry .kb-bar3").first.bounding_box()
        assert box and box["width"] > width / 2 and box["height"] >= 10, path
    page.close()


def test_the_bars_print(site_in_browser: tuple[Any, str], tmp_path: Path) -> None:
    browser, base = site_in_browser
    page = browser.new_page()
    page.goto(base + "resultaten-2015/")
    page.emulate_media(media="print")
    bar = page.locator("#overzicht-21 .kb-bar3").first
    box = bar.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 8
    assert page.locator(".kb-sort").is_hidden()
    pdf = tmp_path / "resultaten.pdf"
    pdf.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    page.close()
    # Page 2 holds only overview rows. Rendered, it is not blank and shows the segments' own colours:
    # SVG fills print (CSS backgrounds would not).
    subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", str(pdf), str(tmp_path / "p")], check=True)
    pixels = _rgb_pixels(next(tmp_path.glob("p*.ppm")))
    assert sum(1 for p in pixels if sum(p) < 600) > 5000  # ink: text, outlines, bars
    laag = sum(1 for p in pixels if _near(p, (0x7A, 0x24, 0x18)))
    hoog = sum(1 for p in pixels if _near(p, (0xBF, 0xE0, 0xC9)))
    assert laag > 50 and hoog > 1000, (laag, hoog)


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 12 for a, b in zip(pixel, colour, strict=True))


def _rgb_pixels(path: Path) -> list[tuple[int, ...]]:
    """The pixels of a binary PPM (what pdftoppm writes by default)."""
    data = path.read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header, data[:20]
    width, height = int(header.group(1)), int(header.group(2))
    body = data[header.end() : header.end() + width * height * 3]
    return [tuple(body[i : i + 3]) for i in range(0, len(body), 3)]
