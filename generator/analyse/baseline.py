"""The 2015 respondents reconstructed from Bijlage 7, and the old CSV export format they are written in."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from generator.analyse.compute import BASELINE_TEAM
from generator.analyse.reference import EXPORT_COLUMNS, SIDES, Answer, Reference
from generator.figures import (
    BaselineSide,
    baseline_n,
    baseline_sides,
)

# --- reproducing 2015 ------------------------------------------------------------------------------


def reconstruct_2015(reference: Reference) -> list[Answer]:
    """Bijlage 7 turned back into respondents, so the analysis can reproduce the report's figures.

    Per eindterm and side: round(pct × N / 100) respondents per category, with N = n (or n_afgeleid),
    and N-1 on the desired side where the note says one respondent left it empty. A bar the chart
    lacks (eindterm 13 has no 'in zeer hoge mate') gets the respondents the shown bars leave over
    (2 and 15 of 45): that makes the shown percentages come out over N. Which current and desired
    answer belong to the same person is not in the source: answers are paired in ascending order
    (the respondent without a desired answer gets the highest current one), so the leerruimte of
    the reconstruction is an illustration, not a 2015 figure.
    """
    answers = []
    width = len(str(max((max(baseline_n(r)) for r in reference.baseline.values()), default=1)))
    for number in sorted(reference.baseline):
        sides = baseline_sides(reference.baseline[number])
        values = {side: _values(sides[side], f", eindterm {number}, {side}") for side in SIDES}
        n = max(len(values["huidig"]), len(values["gewenst"]))
        for index in range(n):
            huidig = values["huidig"][index] if index < len(values["huidig"]) else None
            gewenst = values["gewenst"][index] if index < len(values["gewenst"]) else None
            answers.append(Answer(f"2015-{index + 1:0{width}d}", number, huidig, gewenst, BASELINE_TEAM))
    return answers


def _values(side: BaselineSide, what: str) -> list[int]:
    """One score per respondent, in ascending order."""
    return [value for value, count in enumerate(side.filled(what), start=1) for _ in range(count)]


def write_export(answers: Iterable[Answer], path: Path) -> Path:
    """Write answers as a reflector export (the CSV format `read_exports` reads)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_COLUMNS)
        for a in answers:
            writer.writerow([a.respondent, a.eindterm, a.huidig or "", a.gewenst or "", a.team, a.datum])
    return path
