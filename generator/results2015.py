"""The 2015 figures per eindterm (Bijlage 7) for the site: computed once per build, shown by the templates.

The rules are those of `kennisbank analyse` and the team page (generator/figures.py, §4.3.2 of the
report): percentages in whole tenths; laag huidig and hoog gewenst as sums of the rounded categories
(None when the chart shows no bar for one of them); the signals at 30% and 70%; the 2015 leerruimte
as mean(gewenst) − mean(huidig) of the counts `baseline_sides` reconstructs. Figures stay integers
(tenths) until they are formatted, so no float noise reaches a page or the CSV.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from typing import Any

from generator.figures import (
    CATEGORIES,
    HIGH_LIMIT,
    LOW_LIMIT,
    MINUS,
    SIGNAL_HIGH,
    SIGNAL_LOW,
    baseline_sides,
    dutch,
    high,
    low,
    mean_gap,
    signals,
    tenths,
)
from generator.models import Eindterm, Resultaat
from generator.validate import Entry, KnowledgeBase

CSV_PATH = "downloads/resultaten-2015.csv"
CSV_COLUMNS = (
    "eindterm",
    "tekst",
    "n",
    *(f"huidig_{i}" for i in range(1, CATEGORIES + 1)),
    *(f"gewenst_{i}" for i in range(1, CATEGORIES + 1)),
    "laag_huidig",
    "hoog_gewenst",
    "leerruimte",
)
EXPLAINED_LOW = "meer dan 30% waardeert huidig laag (1–2)"
EXPLAINED_HIGH = "minder dan 70% waardeert gewenst hoog (4–5)"
"""What each signal measures, in the words shown next to it."""
SEGMENTS = (("laag", "laag"), ("voldoende", "voldoende"), ("hoog", "hoog"))
"""The three points of §4.3.2 (CSS modifier, label)."""
GROUPS = ((0, 1), (2,), (3, 4))
"""The categories (indexes 0-4) each of the three points adds up."""
SEGMENT_PAINT = {
    "laag": 'fill="#7a2418"',
    "voldoende": 'fill="url(#kb-arcering) #fff"',
    "hoog": 'fill="#bfe0c9"',
}
"""SVG fill per segment: solid dark, hatched (the pattern is in the chart key; white without it), light.
Presentation attributes: they print and need no stylesheet; the outlines are in kennisbank.css."""


def _csv_number(tenths: int | None) -> str:
    """For a spreadsheet: decimal comma, ASCII minus (Excel reads '−' as text), empty for no value."""
    return "" if tenths is None else dutch(tenths).replace(MINUS, "-")


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar: laag (1–2), voldoende (3) or hoog (4–5), in tenths of a percent."""

    name: str
    label: str
    start: int
    tenths: int | None

    @property
    def x(self) -> str:
        return f"{self.start / 10:g}%"

    @property
    def width(self) -> str:
        return f"{(self.tenths or 0) / 10:g}%"


@dataclass(frozen=True)
class Side:
    """One side (huidig or gewenst) of an eindterm: the five shown percentages and the three-point bar."""

    name: str
    categories: tuple[int | None, ...]
    """Tenths per category 1-5 as the chart shows them (None: no bar in the source)."""
    n: int

    @property
    def segments(self) -> list[Segment]:
        """The three-point bar: laag 1+2, voldoende 3, hoog 4+5; a group with a missing bar is None
        (drawn as nothing: the bar then stops short of 100%)."""
        segments, start = [], 0
        for (name, label), indexes in zip(SEGMENTS, GROUPS, strict=True):
            values = [self.categories[i] for i in indexes]
            tenths = None if None in values else sum(v for v in values if v is not None)
            segments.append(Segment(name, label, start, tenths))
            start += tenths or 0
        return segments

    @property
    def summary(self) -> str:
        """The bar as text: 'laag 43,5% · voldoende 45,7% · hoog 10,9%' ('hoog –, bron toont 5 niet'); a
        no-break space keeps each label with its number."""
        parts = []
        for segment, indexes in zip(self.segments, GROUPS, strict=True):
            if segment.tenths is None:
                missing = " en ".join(str(i + 1) for i in indexes if self.categories[i] is None)
                parts.append(f"{segment.label} –, bron toont {missing} niet")
            else:
                parts.append(f"{segment.label}\u00a0{dutch(segment.tenths, percent=True)}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Row:
    """The 2015 figures of one scored eindterm."""

    number: int
    text: str
    result: Entry[Resultaat]
    huidig: Side
    gewenst: Side
    laag_huidig: int | None
    hoog_gewenst: int | None
    leerruimte: int
    """Tenths of a scale point: mean(gewenst) − mean(huidig)."""

    @property
    def signals(self) -> list[tuple[str, str]]:
        """(signal, what it measures) for the signals of §4.3.2 this eindterm gets."""
        explained = {SIGNAL_LOW: EXPLAINED_LOW, SIGNAL_HIGH: EXPLAINED_HIGH}
        return [(signal, explained[signal]) for signal in signals(self.laag_huidig, self.hoog_gewenst)]

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.huidig, self.gewenst


def row(result: Entry[Resultaat], eindterm: Entry[Eindterm] | None) -> Row:
    """The figures of one resultaat entry (with the text of its eindterm)."""
    item = result.item
    sides = baseline_sides(item)
    shown = {
        name: Side(name, tuple(None if c is None else tenths(c, side.n) for c in side.counts), side.n)
        for name, side in sides.items()
    }
    low_share, high_share = low(shown["huidig"].categories), high(shown["gewenst"].categories)
    text = " ".join(str(eindterm.item.tekst).split()) if eindterm else ""
    gap = mean_gap([sides["huidig"]], [sides["gewenst"]])
    assert gap is not None  # every result has both sides
    return Row(int(item.eindterm), text, result, shown["huidig"], shown["gewenst"], low_share, high_share, gap)


def rows(kb: KnowledgeBase) -> list[Row]:
    """Every eindterm with a 2015 distribution, in number order (one pass over the results)."""
    found = [row(entry, kb.get("eindterm", entry.key)) for entry in kb.items_of(Resultaat)]
    return sorted(found, key=lambda r: r.number)


@dataclass(frozen=True)
class Figures:
    """The rows of one build: in number order, by resultaat key, and by (concept, dimensie) of their
    eindterm (None, None: the eindterm has no concept in the source)."""

    rows: list[Row]
    by_key: dict[str, Row]
    by_dimension: dict[tuple[str | None, str | None], list[Row]]

    @property
    def by_number(self) -> dict[int, Row]:
        return {r.number: r for r in self.rows}

    def of(self, result: Entry) -> Row:
        """The row of one resultaat entry."""
        return self.by_key[result.key]

    def in_dimension(self, concept: str | None, dimension: str | None) -> list[Row]:
        return self.by_dimension.get((concept, dimension), [])


def figures(kb: KnowledgeBase) -> Figures:
    """The figures of every eindterm with a 2015 distribution, computed once."""
    table = rows(kb)
    by_dimension: dict[tuple[str | None, str | None], list[Row]] = {}
    for r in table:
        eindterm = kb.get("eindterm", r.result.key)
        concept = eindterm.item.concept if eindterm else None
        dimension = eindterm.item.dimensie if eindterm and concept else None
        by_dimension.setdefault((concept, dimension), []).append(r)
    return Figures(table, {r.result.key: r for r in table}, by_dimension)


def csv_text(table: list[Row]) -> str:
    """The download for Dutch Excel: UTF-8 with BOM, ';', CRLF, decimal comma; empty where the source
    shows no value (a category without a bar, an N the chart does not give)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in table:
        item = r.result.item
        writer.writerow(
            [
                r.number,
                r.text,
                "" if item.n is None else item.n,
                *(_csv_number(v) for v in r.huidig.categories),
                *(_csv_number(v) for v in r.gewenst.categories),
                _csv_number(r.laag_huidig),
                _csv_number(r.hoog_gewenst),
                _csv_number(r.leerruimte),
            ]
        )
    return "\ufeff" + buffer.getvalue()


def template_globals(kb: KnowledgeBase) -> dict[str, Any]:
    """What the page templates use: `results_2015()` gives the figures, computed on first use and then
    kept for the rest of the render (one Renderer per build)."""
    return {
        "results_2015": functools.cache(functools.partial(figures, kb)),
        "dutch": dutch,
        "segment_paint": SEGMENT_PAINT,
        "signal_low": SIGNAL_LOW,
        "signal_high": SIGNAL_HIGH,
        "low_limit": LOW_LIMIT,
        "high_limit": HIGH_LIMIT,
    }
