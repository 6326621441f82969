"""`kennisbank analyse`: one team's digitale reflector against the 2015 baseline (§4.3, Bijlage 7).

Input is one or more CSV exports of the online reflector form in long format: a header with at least
`respondent,eindterm,huidig,gewenst` (optionally `team` and `datum`, any column order), one row per
answered item, an empty cell for a side that was not answered. Every problem in every file is
reported at once as `pad:regel:kolom: melding`; then nothing is analysed.

The figures follow the report's own method (§4.3.2): the five-point scale is collapsed to three
points (1+2, 3, 4+5); `laag_huidig` is the share of 1+2 in the current situation, `hoog_gewenst` the
share of 4+5 in the desired one. Like the report, a collapsed share is the sum of the per-category
percentages rounded to one decimal (the report adds up the rounded chart values: eindterm 51 has
6,8 + 29,5 = 36,3% where 16/44 would round to 36,4%). The rule of thumb is 30%: "Boven de 30% is
relevant voor lage waardes. Minder dan 70% is relevant voor hoge waarden." All percentages are kept
as whole tenths (integers) and rounded half up, so no float noise reaches the output.

The report is the team's own data: it is written where the user asks (never into the site).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.models import Concept, Eindterm, Resultaat
from generator.problems import Problems
from generator.registry import CONTENT_TYPES
from generator.site import check
from generator.validate import KnowledgeBase

REQUIRED_COLUMNS = ("respondent", "eindterm", "huidig", "gewenst")
OPTIONAL_COLUMNS = ("team", "datum")
SIDES = ("huidig", "gewenst")
CATEGORIES = 5

LOW_LIMIT = 300
"""Tenths of a percent. §4.3.2: "Boven de 30% is relevant voor lage waardes" (strictly above 30%)."""
HIGH_LIMIT = 700
"""Tenths of a percent. §4.3.2: "Minder dan 70% is relevant voor hoge waarden" (strictly below 70%)."""
SIGNAL_LOW = "laag gewaardeerd"
"""laag_huidig above 30%: the report's wording ("wordt in de huidige situatie ook laag gewaardeerd")."""
SIGNAL_HIGH = "weinig leerruimte"
"""hoog_gewenst below 70%: the report reads a low desired score as little learning space seen."""

NO_DIMENSION = "zonder dimensie"
NO_CONCEPT = "zonder concept"
BASELINE_TEAM = "Nijmegen 2015 (gereconstrueerd uit Bijlage 7)"
CONTENT_USED = ("eindterm", "concept", "resultaat", "schaalpunt")
"""Content types the analysis reads; errors in their files stop it."""

# "De percentages van de gewenste situatie zijn niet als hele aantallen van N=46 te schrijven, wel van 45"
_GEWENST_N = re.compile(r"gewenste situatie[^.]*?wel van (\d+)")
_WHOLE = re.compile(r"[+-]?[0-9]+")


# --- data ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """One respondent's answer to one eindterm (None: that side was not answered)."""

    respondent: str
    eindterm: int
    huidig: int | None
    gewenst: int | None
    team: str = ""
    datum: str = ""


@dataclass(frozen=True)
class Reference:
    """What the analysis needs from the knowledge base."""

    scored: dict[int, Eindterm]
    """Scored eindtermen (soort 'schaal'), by number."""
    eindtermen: dict[int, Eindterm]
    concepts: list[Concept]
    baseline: dict[int, Resultaat]
    scale: dict[int, str]
    """The five scale points: value → omschrijving."""

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Reference:
        eindtermen = {int(e.item.nummer): e.item for e in kb.of("eindterm")}
        return cls(
            scored={n: e for n, e in sorted(eindtermen.items()) if e.soort == "schaal"},
            eindtermen=eindtermen,
            concepts=[e.item for e in kb.of("concept")],
            baseline={int(e.item.eindterm): e.item for e in kb.of("resultaat")},
            scale={int(e.item.waarde): e.item.omschrijving for e in kb.of("schaalpunt")},
        )


def load_reference(root: Path) -> tuple[Reference | None, list[str]]:
    """The reference data of the knowledge base at `root`, or the content errors that make it unreliable.

    Errors in files the analysis does not read (a methode, a kennisbron) do not stop it.
    """
    linked, problems = check(root)
    used = {CONTENT_TYPES[name].source for name in CONTENT_USED}
    blocking = [p for p in problems.sorted() if p.severity == "fout" and p.path in used]
    if blocking:
        return None, [str(p) for p in blocking]
    return Reference.from_kb(linked.kb), []


# --- reading the exports ---------------------------------------------------------------------------


def read_exports(files: Sequence[Path], reference: Reference, problems: Problems) -> list[Answer]:
    """Every answer in `files`; every problem goes into `problems` (paths shown as given)."""
    seen: dict[tuple[str, int], tuple[str, int]] = {}
    answers: list[Answer] = []
    for path in files:
        answers.extend(_read_export(path, str(path), reference, seen, problems))
    return answers


def _read_text(path: Path, shown: str, problems: Problems) -> str | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(shown, 1, 1, "bestand bestaat niet")
        return None
    except IsADirectoryError:
        problems.add(shown, 1, 1, "dit is een map, geen CSV-bestand")
        return None
    except OSError:
        problems.add(shown, 1, 1, "bestand is niet te lezen")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
        problems.add(
            shown,
            line,
            column,
            f"bestand is geen UTF-8 (byte 0x{data[error.start]:02x}); "
            "sla het op als 'CSV UTF-8 (door komma's gescheiden)'",
        )
        return None
    if "\x00" in text:
        position = text.index("\x00")
        line = text.count("\n", 0, position) + 1
        column = position - text.rfind("\n", 0, position)
        problems.add(shown, line, column, "bestand bevat NUL-tekens; is dit wel een CSV-bestand?")
        return None
    if not text.strip():
        problems.add(shown, 1, 1, f"leeg bestand: de kop ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})")
        return None
    return text


def _delimiter(text: str) -> str:
    """',' unless the header line (first non-blank line) names more known columns when split on ';'."""
    first = next((line for line in text.splitlines() if any(ch.isalnum() for ch in line)), "")
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)

    def score(delimiter: str) -> int:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        return sum(_column_name(cell) in known for cell in cells)

    return ";" if score(";") > score(",") else ","


def _column_name(cell: str) -> str:
    return cell.strip().strip("\ufeff").strip().lower()


def _read_export(
    path: Path, shown: str, reference: Reference, seen: dict[tuple[str, int], tuple[str, int]], problems: Problems
) -> list[Answer]:
    text = _read_text(path, shown, problems)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    answers: list[Answer] = []
    header: list[str] | None = None
    header_line = 1
    columns: dict[str, int] = {}
    rows = answered = 0
    try:
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = row, line
                columns = _header_columns(header, shown, line, problems)
                if not columns:
                    return []
                continue
            rows += 1
            answer, has_answer = _read_row(row, len(header), columns, shown, line, reference, seen, problems)
            answered += has_answer
            if answer is not None:
                answers.append(answer)
    except csv.Error as error:
        problems.add(shown, max(reader.line_num, 1), 1, f"ongeldige CSV-regel ({error})")
        return answers
    if header is None:
        problems.add(shown, 1, 1, f"leeg bestand: de kop ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})")
    elif not rows:
        problems.add(shown, header_line, 1, "geen gegevens: het bestand heeft alleen een kop")
    elif not answered:
        problems.add(shown, header_line, 1, "geen antwoorden: in elke rij zijn huidig en gewenst leeg")
    return answers


def _header_columns(header: list[str], shown: str, line: int, problems: Problems) -> dict[str, int]:
    """Column name → index; empty when a required column is missing (each reported)."""
    columns: dict[str, int] = {}
    duplicated = False
    for index, cell in enumerate(header):
        name = _column_name(cell)
        if not name:
            continue
        if name in columns:
            problems.add(shown, line, index + 1, f"kolom '{name}' staat twee keer in de kop")
            duplicated = True
            continue
        columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    unknown = {name: index for name, index in columns.items() if name not in known}
    for name in missing:
        close = difflib.get_close_matches(name, list(unknown), n=1, cutoff=0.75)
        if close:
            problems.add(
                shown,
                line,
                unknown[close[0]] + 1,
                f"verplichte kolom '{name}' ontbreekt; bedoelde je '{name}' in plaats van '{close[0]}'?",
            )
        else:
            problems.add(
                shown, line, 1, f"verplichte kolom '{name}' ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})"
            )
    return {} if missing or duplicated else columns


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _read_row(
    row: list[str],
    width: int,
    columns: dict[str, int],
    shown: str,
    line: int,
    reference: Reference,
    seen: dict[tuple[str, int], tuple[str, int]],
    problems: Problems,
) -> tuple[Answer | None, bool]:
    """The row's answer (None if it has a problem or answers nothing) and whether it answers anything."""
    if len(row) < width or any(cell.strip() for cell in row[width:]):
        column = len(row) + 1 if len(row) < width else width + 1
        problems.add(shown, line, column, f"rij heeft {len(row)} velden, de kop heeft er {width}")
        return None, True

    cells = {name: row[index].strip() for name, index in columns.items()}
    ok = True
    respondent = cells["respondent"]
    if not respondent:
        problems.add(shown, line, columns["respondent"] + 1, "respondent ontbreekt")
        ok = False
    number = _eindterm(cells["eindterm"], reference, shown, line, columns["eindterm"] + 1, problems)
    ok = ok and number is not None
    values: dict[str, int | None] = {}
    for side in SIDES:
        value, message = _score(cells[side], side)
        if message:
            problems.add(shown, line, columns[side] + 1, message)
            ok = False
        values[side] = value
    has_answer = bool(cells["huidig"] or cells["gewenst"])
    if respondent and number is not None:
        key = (respondent, number)
        if key in seen:
            first_path, first_line = seen[key]
            problems.add(
                shown,
                line,
                columns["respondent"] + 1,
                f"dubbele rij voor respondent '{_shorten(respondent)}' en eindterm {number} "
                f"(ook op {first_path}:{first_line})",
            )
            ok = False
        else:
            seen[key] = (shown, line)
    if not ok or not has_answer or number is None:
        return None, has_answer
    team, datum = cells.get("team", ""), cells.get("datum", "")
    return Answer(respondent, number, values["huidig"], values["gewenst"], team, datum), True


def _eindterm(raw: str, reference: Reference, shown: str, line: int, column: int, problems: Problems) -> int | None:
    if not raw:
        problems.add(shown, line, column, "eindterm ontbreekt")
        return None
    number = int(raw) if re.fullmatch(r"[0-9]{1,6}", raw) else None
    if number is not None and number in reference.scored:
        return number
    if number is not None and number in reference.eindtermen:
        soort = reference.eindtermen[number].soort
        problems.add(shown, line, column, f"eindterm '{raw}' wordt niet gescoord (soort '{soort}')")
        return None
    problems.add(shown, line, column, f"onbekende eindterm '{_shorten(raw)}'")
    return None


def _score(raw: str, side: str) -> tuple[int | None, str | None]:
    if not raw:
        return None, None
    if _WHOLE.fullmatch(raw):
        value = int(raw)
        if 1 <= value <= CATEGORIES:
            return value, None
        return None, f"waarde '{_shorten(raw)}' voor {side} ligt buiten 1-5"
    return None, f"waarde '{_shorten(raw)}' voor {side} is geen heel getal van 1 tot en met 5"


# --- counting --------------------------------------------------------------------------------------


@dataclass
class Tally:
    """Answer counts of one eindterm or group: per side and category, and the pairs for leerruimte."""

    huidig: list[int] = field(default_factory=lambda: [0] * CATEGORIES)
    gewenst: list[int] = field(default_factory=lambda: [0] * CATEGORIES)
    answers: int = 0
    pairs: int = 0
    difference: int = 0
    respondents: set[str] = field(default_factory=set)
    eindtermen: set[int] = field(default_factory=set)

    def add(self, answer: Answer) -> None:
        self.answers += 1
        self.respondents.add(answer.respondent)
        self.eindtermen.add(answer.eindterm)
        if answer.huidig is not None:
            self.huidig[answer.huidig - 1] += 1
        if answer.gewenst is not None:
            self.gewenst[answer.gewenst - 1] += 1
        if answer.huidig is not None and answer.gewenst is not None:
            self.pairs += 1
            self.difference += answer.gewenst - answer.huidig

    def side(self, side: str) -> list[int]:
        return self.huidig if side == "huidig" else self.gewenst


@dataclass(frozen=True)
class BaselineSide:
    """One side of a 2015 distribution as whole counts (None: the chart has no bar) of `n` respondents."""

    counts: tuple[int | None, ...]
    n: int


def _tenths(count: int, n: int) -> int:
    """count/n as a percentage in whole tenths, rounded half up."""
    return (count * 2000 + n) // (2 * n)


def _round_tenths(numerator: int, denominator: int) -> int:
    """numerator/denominator in whole tenths, rounded half away from zero."""
    sign = -1 if numerator < 0 else 1
    return sign * ((abs(numerator) * 20 + denominator) // (2 * denominator))


def _pct(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


def _distribution(counts: Sequence[int | None], n: int) -> list[int | None]:
    if n == 0:
        return [None] * CATEGORIES
    return [None if c is None else _tenths(c, n) for c in counts]


def _low(distribution: Sequence[int | None]) -> int | None:
    first, second = distribution[0], distribution[1]
    return None if first is None or second is None else first + second


def _high(distribution: Sequence[int | None]) -> int | None:
    fourth, fifth = distribution[3], distribution[4]
    return None if fourth is None or fifth is None else fourth + fifth


def _three_point(distribution: Sequence[int | None]) -> list[int | None]:
    return [_low(distribution), distribution[2], _high(distribution)]


def _baseline_n(result: Resultaat) -> tuple[int, int]:
    """(N huidig, N gewenst): n or n_afgeleid; N-1 for the desired side where the note says so."""
    n = result.n or result.n_afgeleid
    if n is None:
        raise ValueError(f"resultaten 2015, eindterm {result.eindterm}: n en n_afgeleid ontbreken")
    match = _GEWENST_N.search(result.opmerking or "")
    return n, int(match.group(1)) if match else n


def baseline_sides(result: Resultaat) -> dict[str, BaselineSide]:
    """The 2015 distribution of one eindterm as whole counts: round(pct × N / 100) per category."""
    n_huidig, n_gewenst = _baseline_n(result)
    sides = {}
    for side, n in (("huidig", n_huidig), ("gewenst", n_gewenst)):
        values = getattr(result, side)
        counts = tuple(None if v is None else round(v * n / 100) for v in values)
        shown = [None if v is None else round(v * 10) for v in values]
        if _distribution(counts, n) != shown:
            raise ValueError(f"resultaten 2015, eindterm {result.eindterm}, {side}: geen hele aantallen van N={n}")
        sides[side] = BaselineSide(counts, n)
    return sides


# --- figures ---------------------------------------------------------------------------------------


def _signals(low: int | None, high: int | None) -> list[str]:
    signals = []
    if low is not None and low > LOW_LIMIT:
        signals.append(SIGNAL_LOW)
    if high is not None and high < HIGH_LIMIT:
        signals.append(SIGNAL_HIGH)
    return signals


def _difference(team: int | None, base: int | None) -> float | None:
    return None if team is None or base is None else _pct(team - base)


def _figures(tally: Tally, base_low: int | None, base_high: int | None) -> dict[str, Any]:
    n_huidig, n_gewenst = sum(tally.huidig), sum(tally.gewenst)
    huidig = _distribution(tally.huidig, n_huidig)
    gewenst = _distribution(tally.gewenst, n_gewenst)
    low, high = _low(huidig), _high(gewenst)
    return {
        "n": tally.answers,
        "n_huidig": n_huidig,
        "n_gewenst": n_gewenst,
        "huidig": [_pct(t) for t in huidig],
        "gewenst": [_pct(t) for t in gewenst],
        "driepuntschaal": {
            "huidig": [_pct(t) for t in _three_point(huidig)],
            "gewenst": [_pct(t) for t in _three_point(gewenst)],
        },
        "laag_huidig": _pct(low),
        "hoog_gewenst": _pct(high),
        "signalen": _signals(low, high),
        "leerruimte": _pct(_round_tenths(tally.difference, tally.pairs)) if tally.pairs else None,
        "n_leerruimte": tally.pairs,
        "basis_2015": {"laag_huidig": _pct(base_low), "hoog_gewenst": _pct(base_high)},
        "verschil_2015": {
            "laag_huidig": _difference(low, base_low),
            "hoog_gewenst": _difference(high, base_high),
        },
    }


def _pooled_baseline(numbers: Iterable[int], reference: Reference, side: str) -> list[int | None] | None:
    """The pooled 2015 distribution (tenths) of one side over `numbers`; None if one lacks a baseline."""
    counts: list[int | None] = [0] * CATEGORIES
    total = 0
    for number in numbers:
        result = reference.baseline.get(number)
        if result is None:
            return None
        base = baseline_sides(result)[side]
        total += base.n
        counts = [None if a is None or b is None else a + b for a, b in zip(counts, base.counts, strict=True)]
    return _distribution(counts, total) if total else None


def analyse(answers: Sequence[Answer], reference: Reference, files: Sequence[str] = ()) -> dict[str, Any]:
    """The figures of §4.3 per eindterm, dimension and concept, with the difference from 2015 (JSON-ready)."""
    per_item: dict[int, Tally] = {}
    for answer in answers:
        per_item.setdefault(answer.eindterm, Tally()).add(answer)

    eindtermen = []
    for number in sorted(per_item):
        eindterm, result = reference.scored[number], reference.baseline.get(number)
        base_low = _low([None if v is None else round(v * 10) for v in result.huidig]) if result else None
        base_high = _high([None if v is None else round(v * 10) for v in result.gewenst]) if result else None
        eindtermen.append(
            {
                "eindterm": number,
                "concept": eindterm.concept,
                "dimensie": eindterm.dimensie,
                **_figures(per_item[number], base_low, base_high),
            }
        )

    dimensions, concepts = _groups(per_item, reference)
    return {
        "eindtermen": eindtermen,
        "dimensies": dimensions,
        "concepten": concepts,
        "respondenten": len({a.respondent for a in answers}),
        "antwoorden": len(answers),
        "teams": sorted({a.team for a in answers if a.team}),
        "periode": _period(answers),
        "bestanden": list(files),
    }


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y")


def _parse_date(text: str) -> dt.date | None:
    """A date from the form's datum cell: ISO (with or without a time) or Dutch day-month-year."""
    day = text.strip().replace("T", " ").split(" ")[0]
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(day, pattern).date()
        except ValueError:
            continue
    return None


def _period(answers: Sequence[Answer]) -> dict[str, str] | None:
    """First and last date (ISO) of the datum column, if every filled-in datum is a date; else None."""
    dates = set()
    for text in {a.datum for a in answers if a.datum}:
        parsed = _parse_date(text)
        if parsed is None:
            return None
        dates.add(parsed)
    return {"van": min(dates).isoformat(), "tot": max(dates).isoformat()} if dates else None


def _groups(per_item: dict[int, Tally], reference: Reference) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Dimension and concept groups in the order of concepten.yml; items without one come last."""
    dimension_order: list[tuple[str | None, str | None, str]] = []
    concept_order: list[tuple[str | None, str]] = []
    for concept in reference.concepts:
        concept_order.append((concept.id, concept.titel))
        dimension_order.extend((concept.id, d.id, d.titel) for d in concept.dimensies)
        dimension_order.append((concept.id, None, NO_DIMENSION))
    concept_order.append((None, NO_CONCEPT))
    dimension_order.append((None, None, NO_DIMENSION))

    dimension_tallies: dict[tuple[str | None, str | None], list[int]] = {}
    concept_tallies: dict[str | None, list[int]] = {}
    for number in sorted(per_item):
        eindterm = reference.scored[number]
        dimension_tallies.setdefault((eindterm.concept, eindterm.dimensie), []).append(number)
        concept_tallies.setdefault(eindterm.concept, []).append(number)

    dimensions = []
    for concept_id, dimension_id, title in dimension_order:
        numbers = dimension_tallies.get((concept_id, dimension_id))
        if numbers:
            dimensions.append(
                {"concept": concept_id, "dimensie": dimension_id, "titel": title, **_pool(numbers, per_item, reference)}
            )
    concepts = []
    for concept_id, title in concept_order:
        numbers = concept_tallies.get(concept_id)
        if numbers:
            concepts.append({"concept": concept_id, "titel": title, **_pool(numbers, per_item, reference)})
    return dimensions, concepts


def _pool(numbers: list[int], per_item: dict[int, Tally], reference: Reference) -> dict[str, Any]:
    """Figures over all answers of `numbers`; the 2015 baseline pools the same eindtermen per side."""
    tally = Tally()
    for number in numbers:
        item = per_item[number]
        tally.huidig = [a + b for a, b in zip(tally.huidig, item.huidig, strict=True)]
        tally.gewenst = [a + b for a, b in zip(tally.gewenst, item.gewenst, strict=True)]
        tally.answers += item.answers
        tally.pairs += item.pairs
        tally.difference += item.difference
        tally.respondents |= item.respondents
        tally.eindtermen |= item.eindtermen
    base: dict[str, list[int | None] | None] = {}
    for side in SIDES:
        answered = [n for n in numbers if sum(per_item[n].side(side))]
        base[side] = _pooled_baseline(answered, reference, side) if answered else None
    huidig, gewenst = base["huidig"], base["gewenst"]
    figures = _figures(tally, _low(huidig) if huidig else None, _high(gewenst) if gewenst else None)
    return {"eindtermen": numbers, "respondenten": len(tally.respondents), **figures}


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
    width = len(str(max((max(_baseline_n(r)) for r in reference.baseline.values()), default=1)))
    for number in sorted(reference.baseline):
        sides = baseline_sides(reference.baseline[number])
        values = {side: _expand(sides[side], number, side) for side in SIDES}
        n = max(len(values["huidig"]), len(values["gewenst"]))
        for index in range(n):
            huidig = values["huidig"][index] if index < len(values["huidig"]) else None
            gewenst = values["gewenst"][index] if index < len(values["gewenst"]) else None
            answers.append(Answer(f"2015-{index + 1:0{width}d}", number, huidig, gewenst, BASELINE_TEAM))
    return answers


def _expand(side: BaselineSide, number: int, name: str) -> list[int]:
    missing = [i for i, c in enumerate(side.counts) if c is None]
    known = sum(c for c in side.counts if c is not None)
    counts = [c or 0 for c in side.counts]
    if len(missing) > 1 or known > side.n or (not missing and known != side.n):
        raise ValueError(f"resultaten 2015, eindterm {number}, {name}: aantallen tellen niet op tot N={side.n}")
    if missing:
        counts[missing[0]] = side.n - known
    return [value for value, count in enumerate(counts, start=1) for _ in range(count)]


def write_export(answers: Iterable[Answer], path: Path) -> Path:
    """Write answers as a reflector export (the CSV format `read_exports` reads)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS])
        for a in answers:
            writer.writerow([a.respondent, a.eindterm, a.huidig or "", a.gewenst or "", a.team, a.datum])
    return path


# --- the HTML report -------------------------------------------------------------------------------


def _nl(value: float | None, signed: bool = False) -> str:
    """A one-decimal number the Dutch way: 43,5; with `signed`: +2,1 / −3,0 / 0,0; None: –."""
    if value is None:
        return "–"
    text = f"{abs(value):.1f}".replace(".", ",")
    if signed and value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{_nl(value)}%"


def _width(value: float | None) -> str:
    return f"{max(0.0, min(100.0, value or 0.0)):.1f}%"


REPORT_TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
:root { --laag: #b3261e; --midden: #8a8f98; --hoog: #1b6e3a; --tekst: #1c1c1c; --rand: #c8c8c8; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--tekst);
  max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 2px solid var(--rand); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin-top: 1.8rem; }
.privé { border-left: 4px solid var(--laag); background: #fdf3f2; padding: .6rem .9rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rand); padding: .35rem .45rem; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--tekst); }
td.getal, th.getal { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.balk { display: flex; width: 100%; min-width: 8rem; height: .9rem; border: 1px solid var(--tekst);
  background: #fff; overflow: hidden; margin-top: .15rem; }
.balk span { display: block; height: 100%; flex: 0 0 auto; }
.balk .laag { background: var(--laag); }
.balk .midden { background: var(--midden); }
.balk .hoog { background: var(--hoog); }
.cijfers { font-size: .85rem; font-variant-numeric: tabular-nums; }
tbody th { width: 24%; }
th .klein, tr[id^="eindterm-"] th { font-weight: normal; }
td.balken { width: 34%; }
.signaal { display: inline-block; border: 1px solid var(--tekst); border-radius: .25rem; padding: 0 .3rem;
  margin: 0 .2rem .2rem 0; font-size: .85rem; font-weight: 600; }
.legenda span { display: inline-block; width: .9rem; height: .9rem; border: 1px solid var(--tekst);
  vertical-align: middle; margin: 0 .25rem 0 .8rem; }
.legenda .laag { background: var(--laag); } .legenda .midden { background: var(--midden); }
.legenda .hoog { background: var(--hoog); }
.klein { font-size: .88rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .balk span, .legenda span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  tr { break-inside: avoid; }
  .privé { background: none; }
}
</style>
</head>
<body>
<header>
<h1>{{ title }}</h1>
<p class="privé"><strong>Vertrouwelijk:</strong> dit rapport bevat de antwoorden van je eigen team. Het hoort
niet in de kennisbank en wordt nergens gepubliceerd; deel het alleen binnen het team.</p>
<dl class="meta">
<dt>Gemaakt op</dt><dd>{{ today }}</dd>
<dt>{{ "Bestanden" if result.bestanden|length != 1 else "Bestand" }}</dt><dd>{{ result.bestanden|join(", ") }}</dd>
{% if result.teams %}<dt>Team</dt><dd>{{ result.teams|join(", ") }}</dd>{% endif %}
{% if period %}<dt>Ingevuld</dt><dd>{{ period }}</dd>{% endif %}
<dt>Respondenten</dt><dd>{{ result.respondenten }}</dd>
<dt>Antwoorden</dt><dd>{{ result.antwoorden }} (op {{ result.eindtermen|length }} eindtermen)</dd>
</dl>
</header>

<main>
<section aria-labelledby="lezen">
<h2 id="lezen">Zo lees je dit rapport</h2>
<p>Elke eindterm is gewaardeerd op een vijfpuntschaal, voor de <strong>huidige</strong> en de
<strong>gewenste</strong> situatie:
{{ scale_text }} Zoals in het evaluatierapport van 2015 (§4.3.2) is de schaal teruggebracht tot drie punten:
<strong>laag</strong> (1 + 2), <strong>voldoende</strong> (3) en <strong>hoog</strong> (4 + 5).
Percentages zijn van de mensen die die kant hebben ingevuld; <em>n</em> is dat aantal.</p>
<p>Het rapport hanteert 30% als vuistregel: “Boven de 30% is relevant voor lage waardes. Minder dan 70% is
relevant voor hoge waarden.” Daarom krijgt een eindterm het signaal <span class="signaal">{{ signal_low }}</span>
als meer dan 30% de huidige situatie laag waardeert, en <span class="signaal">{{ signal_high }}</span> als minder
dan 70% de gewenste situatie hoog waardeert.</p>
<p><strong>Leerruimte</strong> is het gemiddelde verschil tussen gewenst en huidig (in schaalpunten), over de
mensen die beide hebben ingevuld. <strong>Verschil met 2015</strong> vergelijkt met de 46 sociaal werkers in
Nijmegen die de reflector in 2015 invulden (Bijlage 7); een plus bij laag huidig betekent meer lage waarderingen
dan toen. Een streepje (–) betekent dat er geen cijfer is, bijvoorbeeld omdat de grafiek van 2015 die categorie
niet toont. Bij kleine aantallen zegt één persoon veel: bij n = 10 is één antwoord al 10%.</p>
<p class="legenda klein" aria-hidden="true">Balken:
<span class="laag"></span>laag (1 + 2)
<span class="midden"></span>voldoende (3)
<span class="hoog"></span>hoog (4 + 5)</p>
</section>

{% macro bars(figures) %}
{% for side, label in (("huidig", "Huidig"), ("gewenst", "Gewenst")) %}
{% set three = figures.driepuntschaal[side] %}
{% set words = "laag %s%%, voldoende %s%%, hoog %s%%"|format(nl(three[0]), nl(three[1]), nl(three[2])) %}
<div class="cijfers">{{ label }}: {{ words }} (n = {{ figures["n_" ~ side] }})</div>
<div class="balk" role="img" aria-label="{{ label }}: {{ words }}">
{% for part in ("laag", "midden", "hoog") %}
<span class="{{ part }}" style="width: {{ width(three[loop.index0]) }}"></span>
{% endfor %}
</div>
{% endfor %}
{% endmacro %}

{% macro row_cells(figures) %}
<td class="balken">{{ bars(figures) }}</td>
{% for key in ("laag_huidig", "hoog_gewenst") %}
<td class="getal">{{ percent(figures[key]) }}<br>
<span class="klein">2015: {{ percent(figures.basis_2015[key]) }}</span></td>
{% endfor %}
<td class="getal">{{ nl(figures.verschil_2015.laag_huidig, True) }}
/ {{ nl(figures.verschil_2015.hoog_gewenst, True) }}</td>
<td class="getal">{{ nl(figures.leerruimte, True) }}</td>
<td>{% for signal in figures.signalen %}<span class="signaal">{{ signal }}</span>{% else %}–{% endfor %}</td>
{% endmacro %}

{% macro head(first) %}
<thead><tr><th scope="col">{{ first }}</th><th scope="col">Verdeling (driepuntschaal, %)</th>
<th scope="col" class="getal">Laag huidig</th><th scope="col" class="getal">Hoog gewenst</th>
<th scope="col" class="getal">Verschil met 2015<br><span class="klein">laag / hoog (procentpunt)</span></th>
<th scope="col" class="getal">Leerruimte</th><th scope="col">Signalen</th></tr></thead>
{% endmacro %}

<section aria-labelledby="concepten">
<h2 id="concepten">Per concept</h2>
<table>
<caption>Alle antwoorden op de eindtermen van elk concept samen</caption>
{{ head("Concept") }}
<tbody>
{% for group in result.concepten %}
<tr><th scope="row">{{ group.titel }}<br>
<span class="klein">eindtermen {{ group.eindtermen|join(", ") }}</span></th>{{ row_cells(group) }}</tr>
{% endfor %}
</tbody>
</table>
</section>

<section aria-labelledby="dimensies">
<h2 id="dimensies">Per dimensie</h2>
<table>
<caption>Alle antwoorden op de eindtermen van elke dimensie samen</caption>
{{ head("Dimensie") }}
<tbody>
{% for group in result.dimensies %}
<tr><th scope="row">{{ group.titel }}<br>
<span class="klein">{{ concept_titles[group.concept] ~ " · " if group.concept else "" }}
eindtermen {{ group.eindtermen|join(", ") }}</span></th>{{ row_cells(group) }}</tr>
{% endfor %}
</tbody>
</table>
</section>

<section aria-labelledby="eindtermen">
<h2 id="eindtermen">Per eindterm</h2>
{% for group in result.dimensies %}
<h3>{{ concept_titles.get(group.concept, "") }}{{ ": " if group.concept else "" }}{{ group.titel }}</h3>
<table>
{{ head("Eindterm") }}
<tbody>
{% for number in group.eindtermen %}{% set item = by_number[number] %}
<tr id="eindterm-{{ number }}"><th scope="row">{{ number }}. {{ texts[number] }}</th>{{ row_cells(item) }}</tr>
{% endfor %}
</tbody>
</table>
{% endfor %}
</section>

<section aria-labelledby="verdeling">
<h2 id="verdeling">Verdeling per antwoordcategorie</h2>
<table>
<caption>Percentage per punt van de vijfpuntschaal (huidig / gewenst)</caption>
<thead><tr><th scope="col">Eindterm</th><th scope="col">Situatie</th>
{% for value, text in scale %}
<th scope="col" class="getal">{{ value }}<br><span class="klein">{{ text }}</span></th>
{% endfor %}
<th scope="col" class="getal">n</th></tr></thead>
{% for item in result.eindtermen %}
<tbody>
{% for side in ("huidig", "gewenst") %}
<tr>{% if loop.first %}<th scope="rowgroup" rowspan="2">{{ item.eindterm }}</th>{% endif %}<td>{{ side }}</td>
{% for value in item[side] %}<td class="getal">{{ nl(value) }}</td>{% endfor %}
<td class="getal">{{ item["n_" ~ side] }}</td></tr>
{% endfor %}
</tbody>
{% endfor %}
</table>
</section>
</main>
<footer class="klein"><p>Gemaakt met <code>kennisbank analyse</code>. Methode en vergelijkingscijfers: evaluatierapport
sociale wijkteams Nijmegen (2015), §4.3 en Bijlage 7.</p></footer>
</body>
</html>
"""


def _period_text(period: dict[str, str] | None) -> str:
    """'02-03-2026 t/m 03-03-2026' (or one date), or '' without a period."""
    if not period:
        return ""
    first, last = (dt.date.fromisoformat(period[key]).strftime("%d-%m-%Y") for key in ("van", "tot"))
    return first if first == last else f"{first} t/m {last}"


def render_report(result: dict[str, Any], reference: Reference, today: dt.date | None = None) -> str:
    """The self-contained HTML report (Dutch; no JavaScript, no external requests, printable)."""
    environment = jinja2.Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined
    )
    environment.globals.update(nl=_nl, percent=_percent, width=_width)
    teams = result["teams"]
    title = "Analyse digitale reflector" + (f": {', '.join(teams)}" if teams else "")
    return environment.from_string(REPORT_TEMPLATE).render(
        title=title,
        period=_period_text(result.get("periode")),
        today=(today or dt.date.today()).strftime("%d-%m-%Y"),
        result=result,
        scale=sorted(reference.scale.items()),
        scale_text="; ".join(f"{value} = {text}" for value, text in sorted(reference.scale.items())) + ".",
        signal_low=SIGNAL_LOW,
        signal_high=SIGNAL_HIGH,
        concept_titles={c.id: c.titel for c in reference.concepts},
        by_number={item["eindterm"]: item for item in result["eindtermen"]},
        texts={n: e.tekst for n, e in reference.scored.items()},
    )


# --- the command -----------------------------------------------------------------------------------


def default_report_path(today: dt.date | None = None) -> Path:
    return Path(f"analyse-{(today or dt.date.today()).isoformat()}.html")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def main_analyse(root: Path, files: list[Path], as_json: bool, report: Path | None) -> int:
    """`kennisbank analyse FILE... [--json] [--rapport PAD]`: 0 done, 1 problems in the input, 2 cannot run."""
    if not files:
        print("geef een of meer CSV-bestanden van de digitale reflector", file=sys.stderr)
        return 2
    target = report if report is not None else default_report_path()
    if not as_json:
        resolved = target.resolve()
        root_resolved = root.resolve()
        for folder in ("site", "build"):
            if _inside(resolved, root_resolved / folder):
                print(
                    f"{target}: het rapport bevat de gegevens van je team en mag niet in {folder}/ "
                    "(de site) komen; kies een pad buiten de kennisbank",
                    file=sys.stderr,
                )
                return 2
    reference, content_errors = load_reference(root)
    if reference is None:
        for line in content_errors:
            print(line, file=sys.stderr)
        print(
            "De kennisbank heeft fouten in de eindtermen of resultaten; los die eerst op (kennisbank check).",
            file=sys.stderr,
        )
        return 2

    problems = Problems()
    answers = read_exports(files, reference, problems)
    if problems.errors:
        order = {str(path): index for index, path in enumerate(files)}
        for problem in sorted(problems.sorted(), key=lambda p: (order.get(p.path, len(order)), p.line, p.column)):
            print(problem)
        print(f"{len(problems.errors)} fout(en); geen analyse gemaakt", file=sys.stderr)
        return 1

    result = analyse(answers, reference, [str(path) for path in files])
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_report(result, reference), encoding="utf-8")
    except OSError as error:
        print(f"{target}: rapport niet te schrijven ({error.strerror})", file=sys.stderr)
        return 2
    print(target)
    return 0
