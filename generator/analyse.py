"""`kennisbank analyse`: one team's reflector exports against the 2015 baseline (§4.3, Bijlage 7).

Input is one export per respondent (or a team's combined file), in the formats the online form writes
and the team page in the browser (team.js) reads by the same rules: a CSV in long format with at
least `respondent,eindterm,huidig,gewenst` (optionally `reflector, team, datum, tekst, antwoord`, any
column order, `;` or `,`, with or without BOM), or the online form's JSON export (versions 1 and 2).
Problems are reported as `pad:regel:kolom: melding`; a problem skips only what it is about (a row, a
respondent already counted, a file that cannot be used), and the rest is still analysed.

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
from markupsafe import Markup

from generator.figures import (
    CATEGORIES,
    SIGNAL_HIGH,
    SIGNAL_LOW,
    BaselineSide,
    baseline_n,
    baseline_sides,
    dutch,
    mean_gap,
)
from generator.figures import distribution as _distribution
from generator.figures import high as _high
from generator.figures import low as _low
from generator.figures import round_tenths as _round_tenths
from generator.figures import signals as _signals
from generator.figures import three_point as _three_point
from generator.models import Concept, Eindterm, Reflector, Resultaat
from generator.problems import Problem, Problems
from generator.registry import CONTENT_TYPES
from generator.site import check
from generator.validate import KnowledgeBase

REQUIRED_COLUMNS = ("respondent", "eindterm", "huidig", "gewenst")
OPTIONAL_COLUMNS = ("reflector", "team", "datum", "tekst", "antwoord")
EXPORT_COLUMNS = (*REQUIRED_COLUMNS, "team", "datum")
"""The old export format, which `write_export` keeps writing (the 2015 reconstruction)."""
SIDES = ("huidig", "gewenst")
TEMPLATES = Path(__file__).parent / "templates"
OPEN_QUESTIONS = {"leerruimte": "Waar is mijn leerruimte het grootst?", "actie": "Wat ga ik doen, en wanneer?"}
"""The closing questions of every online form, by their key in the `eindterm` column, in form order."""
JSON_FORMAT = "kennisbank-reflector"
JSON_VERSIONS = ("1", "2")
MAX_BYTES = 20 * 1024 * 1024
"""An export is a few KB; a bigger file is something else (and must not be read into memory whole)."""

DISCUSS_FIRST = 5

NO_DIMENSION = "zonder dimensie"
NO_CONCEPT = "zonder concept"
BASELINE_TEAM = "Nijmegen 2015 (gereconstrueerd uit Bijlage 7)"
CONTENT_USED = ("eindterm", "concept", "resultaat", "schaalpunt", "reflector")
"""Content types the analysis reads; errors in their files stop it."""

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
class OpenAnswer:
    """One respondent's text for an open eindterm (by number) or a closing question (by key)."""

    vraag: int | str
    tekst: str
    respondent: str
    team: str = ""
    datum: str = ""


@dataclass
class Reading:
    """What the exports gave: the counted answers, in file order, and the reflector analysed."""

    answers: list[Answer] = field(default_factory=list)
    open_answers: list[OpenAnswer] = field(default_factory=list)
    reflector: str | None = None

    @property
    def respondents(self) -> set[str]:
        return {a.respondent for a in self.answers} | {a.respondent for a in self.open_answers}


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
    reflectors: dict[str, Reflector]

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Reference:
        eindtermen = {int(e.item.nummer): e.item for e in kb.of("eindterm")}
        return cls(
            scored={n: e for n, e in sorted(eindtermen.items()) if e.soort == "schaal"},
            eindtermen=eindtermen,
            concepts=[e.item for e in kb.of("concept")],
            baseline={int(e.item.eindterm): e.item for e in kb.of("resultaat")},
            scale={int(e.item.waarde): e.item.omschrijving for e in kb.of("schaalpunt")},
            reflectors={e.item.id: e.item for e in kb.of("reflector")},
        )

    def question(self, key: int | str) -> str:
        """The text of an open question: the eindterm's text, or the closing question."""
        return self.eindtermen[key].tekst if isinstance(key, int) else OPEN_QUESTIONS[key]


def load_reference(root: Path) -> tuple[Reference | None, list[str]]:
    """The reference data of the knowledge base at `root`, or the content errors that make it unreliable.

    Errors in files the analysis does not read (a methode, a kennisbron) do not stop it.
    """
    linked, problems = check(root)
    used = [CONTENT_TYPES[name] for name in CONTENT_USED]
    blocking = [p for p in problems.sorted() if p.severity == "fout" and any(kind.owns(p.path) for kind in used)]
    if blocking:
        return None, [str(p) for p in blocking]
    return Reference.from_kb(linked.kb), []


def reflector_problem(reflector_id: str, reference: Reference) -> str | None:
    """Why `reflector_id` cannot be analysed (unknown, or without scored eindtermen), or None."""
    scale = sorted(r.id for r in reference.reflectors.values() if r.soort == "schaal")
    found = reference.reflectors.get(reflector_id)
    if found is not None and found.soort == "schaal":
        return None
    if found is not None:
        return f"reflector '{reflector_id}' heeft geen eindtermen om te scoren (soort '{found.soort}'); kies uit: " + (
            ", ".join(scale)
        )
    close = difflib.get_close_matches(reflector_id, scale, n=1, cutoff=0.6)
    if close:
        return f"onbekende reflector '{_shorten(reflector_id)}'; bedoelde je '{close[0]}'?"
    return f"onbekende reflector '{_shorten(reflector_id)}'; kies uit: {', '.join(scale)}"


# --- reading the exports: files into rows ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One data row of a CSV or one entry of a JSON export, as trimmed text cells."""

    line: int
    cells: dict[str, str]
    """respondent, eindterm, huidig, gewenst, antwoord, team, datum ('' when absent)."""
    columns: dict[str, int]
    """1-based column of each cell for messages; JSON has none, so every position is column 1."""
    where: str
    """How another message points at this row: 'a.csv:2' or 'a.json, antwoord 2'."""
    prefix: str = ""
    """JSON: 'antwoord 2: ' before a message about this entry (a JSON file has no useful lines)."""
    problem: tuple[int, str] | None = None
    """(column, message) of a row that cannot be read at all; reported in row order with the others."""

    def column(self, name: str) -> int:
        return self.columns.get(name, 1)


@dataclass
class ExportFile:
    """A usable export: its rows and the reflector it names ('' when it names none)."""

    shown: str
    name: str
    rows: list[Row]
    reflector: str
    reflector_at: tuple[int, int]
    problems: Problems


def read_exports(
    files: Sequence[Path], reference: Reference, problems: Problems, reflector: str | None = None
) -> Reading:
    """The counted answers in `files` (read in the order given); problems go into `problems` in file order.

    `reflector` restricts the analysis to one reflector; None: the one the first file naming one names.
    """
    per_file = [Problems() for _ in files]
    exports = [_read_file(path, str(path), reference, found) for path, found in zip(files, per_file, strict=True)]
    chosen = reflector or next((e.reflector for e in exports if e is not None and e.reflector), None)
    rules = _Rules(reference, frozenset(reference.reflectors[chosen].eindtermen) if chosen else None)
    reading = Reading(reflector=chosen)
    brought: dict[str, str] = {}
    for export in exports:
        if export is None:
            continue
        if chosen and export.reflector and export.reflector != chosen:
            message = f"dit bestand hoort bij reflector '{_shorten(export.reflector)}', niet bij '{chosen}'"
            export.problems.add(export.shown, *export.reflector_at, message)
            continue
        _read_rows(export, rules, brought, reading)
    for found in per_file:
        # Stable: within a line (and in a JSON file, where everything is at 1:1) in the order found.
        problems.items.extend(sorted(found.items, key=lambda p: (p.line, p.column)))
    return reading


def _read_file(path: Path, shown: str, reference: Reference, problems: Problems) -> ExportFile | None:
    """The file's rows, or None (with one message) when it cannot be used."""
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    parsed = _parse_json(text, shown, problems) if text.lstrip().startswith("{") else _parse_csv(text, shown, problems)
    if parsed is None:
        return None
    rows, reflector, reflector_at = parsed
    if reflector and (message := reflector_problem(reflector, reference)):
        problems.add(shown, *reflector_at, message)
        return None
    return ExportFile(shown, path.name, rows, reflector, reflector_at, problems)


def _read_text(path: Path, shown: str, problems: Problems) -> str | None:
    data = _read_bytes(path, shown, problems)
    if data is None:
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


def _read_bytes(path: Path, shown: str, problems: Problems) -> bytes | None:
    """At most MAX_BYTES + 1 bytes: enough to tell a too big file (or /dev/zero) without reading it all."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        problems.add(shown, 1, 1, "bestand bestaat niet")
        return None
    except IsADirectoryError:
        problems.add(shown, 1, 1, "dit is een map, geen CSV-bestand")
        return None
    except OSError:
        problems.add(shown, 1, 1, "bestand is niet te lezen")
        return None
    if len(data) > MAX_BYTES:
        problems.add(shown, 1, 1, "bestand is te groot (meer dan 20 MB); een export van de reflector is veel kleiner")
        return None
    return data


Parsed = tuple[list[Row], str, tuple[int, int]]
"""The rows of a file, the reflector it names ('' if none) and where it names it."""


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


def _parse_csv(text: str, shown: str, problems: Problems) -> Parsed | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header: list[str] | None = None
    header_line = 1
    columns: dict[str, int] = {}
    rows: list[Row] = []
    data_rows = answered = 0
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = cells, line
                columns = _header_columns(header, shown, line, problems)
                if not columns:
                    return None
                layout = _Layout.of(columns, len(header))
                continue
            data_rows += 1
            row = _csv_row(cells, layout, shown, line)
            answered += _answers_something(row)
            rows.append(row)
    except csv.Error as error:
        problems.add(shown, max(reader.line_num, 1), 1, f"ongeldige CSV-regel ({error})")
        return None
    if header is None:
        problems.add(shown, 1, 1, f"leeg bestand: de kop ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})")
        return None
    if not data_rows:
        problems.add(shown, header_line, 1, "geen gegevens: het bestand heeft alleen een kop")
        return None
    if not answered:
        sides = "huidig, gewenst en antwoord" if "antwoord" in columns else "huidig en gewenst"
        problems.add(shown, header_line, 1, f"geen antwoorden: in elke rij zijn {sides} leeg")
        return None
    named = next((row for row in rows if row.cells["reflector"]), None)
    if named is None:
        return rows, "", (1, 1)
    return rows, named.cells["reflector"], (named.line, named.column("reflector"))


def _header_columns(header: list[str], shown: str, line: int, problems: Problems) -> dict[str, int]:
    """Column name → index; empty (with one message: the file counts for nothing) when the header is wrong."""
    columns: dict[str, int] = {}
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    for index, cell in enumerate(header):
        name = _column_name(cell)
        if name in columns and name in known:  # a column the analysis ignores may well come twice
            problems.add(shown, line, index + 1, f"kolom '{name}' staat twee keer in de kop")
            return {}
        if name:
            columns.setdefault(name, index)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    expected = ",".join(REQUIRED_COLUMNS)
    if len(missing) > 1:
        names = " en ".join(", ".join(f"'{name}'" for name in missing).rsplit(", ", 1))
        problems.add(shown, line, 1, f"verplichte kolommen {names} ontbreken (verwacht: {expected})")
    elif missing:
        name = missing[0]
        close = difflib.get_close_matches(name, [n for n in columns if n not in known], n=1, cutoff=0.75)
        if close:
            message = f"verplichte kolom '{name}' ontbreekt; bedoelde je '{name}' in plaats van '{close[0]}'?"
            problems.add(shown, line, columns[close[0]] + 1, message)
        else:
            problems.add(shown, line, 1, f"verplichte kolom '{name}' ontbreekt (verwacht: {expected})")
    return {} if missing else columns


@dataclass(frozen=True)
class _Layout:
    """What the header says about every row, worked out once per file (a team file may have 50,000 rows)."""

    width: int
    present: tuple[tuple[str, int], ...]
    """(cell name, index) of the cells the header has."""
    positions: dict[str, int]
    blank: dict[str, str]

    @classmethod
    def of(cls, columns: dict[str, int], width: int) -> _Layout:
        present = tuple((name, columns[name]) for name in _CELLS if name in columns)
        positions = {name: index + 1 for name, index in columns.items()}
        return cls(width, present, positions, dict.fromkeys(_CELLS, ""))


def _csv_row(cells: list[str], layout: _Layout, shown: str, line: int) -> Row:
    width = layout.width
    if len(cells) < width or any(cell.strip() for cell in cells[width:]):
        column = len(cells) + 1 if len(cells) < width else width + 1
        problem = (column, f"rij heeft {len(cells)} velden, de kop heeft er {width}")
        return Row(line, layout.blank, layout.positions, f"{shown}:{line}", problem=problem)
    values = layout.blank.copy()
    for name, index in layout.present:
        values[name] = cells[index].strip()
    return Row(line, values, layout.positions, f"{shown}:{line}")


def _answers_something(row: Row) -> bool:
    """Whether the row is more than an empty line of the form (a broken row may well be an answer)."""
    return row.problem is not None or any(row.cells[name] for name in (*SIDES, "antwoord"))


_CELLS = ("respondent", "eindterm", "huidig", "gewenst", "antwoord", "reflector", "team", "datum")


def _parse_json(text: str, shown: str, problems: Problems) -> Parsed | None:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        # At 1:1: where a parser stops differs between Python and the browser, and a broken export is
        # almost always a truncated one.
        problems.add(shown, 1, 1, "ongeldige JSON: het bestand is beschadigd of onvolledig")
        return None
    message = _json_format_problem(data)
    if message:
        problems.add(shown, 1, 1, message)
        return None
    entries = data["antwoorden"]
    if not entries:
        problems.add(shown, 1, 1, "geen gegevens: de lijst 'antwoorden' is leeg")
        return None
    common = {name: _json_text(data.get(name)) for name in ("respondent", "reflector", "team", "datum")}
    rows = [_json_row(entry, index, common, shown) for index, entry in enumerate(entries, start=1)]
    if not any(_answers_something(row) for row in rows):
        problems.add(shown, 1, 1, "geen antwoorden: in 'antwoorden' zijn huidig, gewenst en antwoord overal leeg")
        return None
    return rows, common["reflector"], (1, 1)


def _json_format_problem(data: object) -> str | None:
    """Why `data` is not a reflector export the analysis reads, or None."""
    if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), list):
        return "geen export van de reflector: de lijst 'antwoorden' ontbreekt"
    # Compared as text, the way JavaScript sees a JSON value: versie 2.0 is 2.
    formaat = _json_text(data.get("formaat", JSON_FORMAT))
    if formaat != JSON_FORMAT:
        return f"onbekend formaat '{_shorten(formaat)}'; verwacht '{JSON_FORMAT}'"
    version = _json_text(data.get("versie", 1))
    if version not in JSON_VERSIONS:
        return f"versie '{_shorten(version)}' van het exportformaat is onbekend; gelezen worden 1 en 2"
    return None


def _json_row(entry: object, index: int, common: dict[str, str], shown: str) -> Row:
    where, prefix = f"{shown}, antwoord {index}", f"antwoord {index}: "
    if not isinstance(entry, dict):
        problem = (1, "geen geldig antwoord (verwacht een object met 'eindterm')")
        return Row(1, dict.fromkeys(_CELLS, ""), {}, where, prefix, problem)
    cells = {**common, **{name: _json_text(entry.get(name)) for name in ("eindterm", *SIDES, "antwoord")}}
    return Row(1, cells, {}, where, prefix)


def _json_text(value: object) -> str:
    """A JSON value as the cell text a CSV would have: null → '', 3.0 → '3' (one number, as in JavaScript)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


# --- reading the exports: rows into answers --------------------------------------------------------


@dataclass(frozen=True)
class _Rules:
    """Which items a row may answer: the knowledge base's, limited to one reflector's eindtermen if chosen."""

    reference: Reference
    allowed: frozenset[int] | None

    def item(self, raw: str) -> tuple[int | str | None, str | None]:
        """The eindterm number or closing question key of an `eindterm` cell, or why the row cannot count."""
        if not raw:
            return None, "eindterm ontbreekt"
        if raw in OPEN_QUESTIONS:
            return raw, None
        number = int(raw) if re.fullmatch(r"[0-9]{1,6}", raw) else None
        if number is None or number not in self.reference.eindtermen:
            return None, f"onbekende eindterm '{_shorten(raw)}'"
        soort = self.reference.eindtermen[number].soort
        if soort not in ("schaal", "open"):
            return None, f"eindterm '{raw}' wordt niet gescoord (soort '{soort}')"
        if self.allowed is not None and number not in self.allowed:
            return None, f"eindterm {number} hoort niet bij deze reflector"
        return number, None

    def is_open(self, key: int | str | None) -> bool:
        return isinstance(key, str) or (key is not None and self.reference.eindtermen[key].soort == "open")


def _read_rows(export: ExportFile, rules: _Rules, brought: dict[str, str], reading: Reading) -> None:
    """Count the file's rows into `reading`; a respondent an earlier file brought is skipped (counted once).

    `brought`: respondent → the first file with a counted answer of theirs; updated after this file.
    """
    problems, shown = export.problems, export.shown
    seen: dict[tuple[str, int | str], str] = {}
    unnamed = f"zonder code ({export.name})"
    warned = False
    skipped: set[str] = set()
    counted: list[str] = []
    for row in export.rows:
        if row.problem is not None:
            problems.add(shown, row.line, row.problem[0], row.prefix + row.problem[1])
            continue
        respondent = row.cells["respondent"] or unnamed
        if not row.cells["respondent"] and not warned:
            message = f"respondent ontbreekt; geteld als '{unnamed}'"
            problems.warn(shown, row.line, row.column("respondent"), message)
            warned = True
        if respondent in brought:
            if respondent not in skipped:
                message = f"respondent '{_shorten(respondent)}' staat ook in {brought[respondent]}; één keer geteld"
                problems.add(shown, row.line, row.column("respondent"), message)
                skipped.add(respondent)
            continue
        if _read_row(row, respondent, rules, seen, export, reading):
            counted.append(respondent)
    for respondent in counted:
        brought.setdefault(respondent, shown)


def _read_row(
    row: Row,
    respondent: str,
    rules: _Rules,
    seen: dict[tuple[str, int | str], str],
    export: ExportFile,
    reading: Reading,
) -> bool:
    """Count one row into `reading`; whether it gave an answer. A problem skips the row (each reported)."""

    def report(name: str, message: str) -> None:
        export.problems.add(export.shown, row.line, row.column(name), row.prefix + message)

    cells = row.cells
    key, message = rules.item(cells["eindterm"])
    if message:
        report("eindterm", message)
    is_open = rules.is_open(key)
    ok = key is not None
    values: dict[str, int | None] = {}
    if is_open and (cells["huidig"] or cells["gewenst"]):
        report("eindterm", f"eindterm '{cells['eindterm']}' wordt niet gescoord (soort 'open')")
        ok = False
    for side in () if is_open else SIDES:
        values[side], message = _score(cells[side], side)
        if message:
            report(side, message)
            ok = False
    if key is not None:
        first = seen.setdefault((respondent, key), row.where)
        if first != row.where:
            report(
                "respondent", f"dubbele rij voor respondent '{_shorten(respondent)}' en eindterm {key} (ook op {first})"
            )
            ok = False
    if not ok or key is None:
        return False
    if is_open:
        if cells["antwoord"]:
            reading.open_answers.append(OpenAnswer(key, cells["antwoord"], respondent, cells["team"], cells["datum"]))
        return bool(cells["antwoord"])
    if values["huidig"] is None and values["gewenst"] is None:
        return False
    answer = Answer(respondent, int(key), values["huidig"], values["gewenst"], cells["team"], cells["datum"])
    reading.answers.append(answer)
    return True


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


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


def _pct(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


# --- figures ---------------------------------------------------------------------------------------


def _difference(team: int | None, base: int | None) -> float | None:
    return None if team is None or base is None else _pct(team - base)


@dataclass(frozen=True)
class Base:
    """The 2015 figures a team figure is compared with, in tenths (None: no such figure)."""

    low: int | None
    high: int | None
    gap: int | None


def _gap(tally: Tally) -> int | None:
    """Mean leerruimte in tenths, over the respondents who answered both sides."""
    return _round_tenths(tally.difference, tally.pairs) if tally.pairs else None


def _figures(tally: Tally, base: Base) -> dict[str, Any]:
    n_huidig, n_gewenst = sum(tally.huidig), sum(tally.gewenst)
    huidig = _distribution(tally.huidig, n_huidig)
    gewenst = _distribution(tally.gewenst, n_gewenst)
    low, high, gap = _low(huidig), _high(gewenst), _gap(tally)
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
        "leerruimte": _pct(gap),
        "n_leerruimte": tally.pairs,
        "basis_2015": {"laag_huidig": _pct(base.low), "hoog_gewenst": _pct(base.high), "leerruimte": _pct(base.gap)},
        "verschil_2015": {
            "laag_huidig": _difference(low, base.low),
            "hoog_gewenst": _difference(high, base.high),
            "leerruimte": _difference(gap, base.gap),
        },
    }


def _baseline_gap(huidig: Sequence[int], gewenst: Sequence[int], reference: Reference) -> int | None:
    """2015 leerruimte in tenths over the eindtermen answered on each side (figures.mean_gap); None when
    a side has no eindtermen or one of them has no 2015 result."""
    if any(n not in reference.baseline for n in (*huidig, *gewenst)):
        return None
    return mean_gap(
        [baseline_sides(reference.baseline[n])["huidig"] for n in huidig],
        [baseline_sides(reference.baseline[n])["gewenst"] for n in gewenst],
    )


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


def _chart_tenths(values: Sequence[float | None]) -> list[int | None]:
    """A 2015 chart's percentages as tenths, exactly as shown."""
    return [None if v is None else round(v * 10) for v in values]


def analyse(
    reading: Reading, reference: Reference, files: Sequence[str] = (), problems: Sequence[Problem] = ()
) -> dict[str, Any]:
    """The figures of §4.3 per eindterm, dimension and concept, with the difference from 2015 (JSON-ready)."""
    per_item: dict[int, Tally] = {}
    for answer in reading.answers:
        per_item.setdefault(answer.eindterm, Tally()).add(answer)

    eindtermen = []
    for number in sorted(per_item):
        eindterm, result = reference.scored[number], reference.baseline.get(number)
        base = Base(
            _low(_chart_tenths(result.huidig)) if result else None,
            _high(_chart_tenths(result.gewenst)) if result else None,
            _baseline_gap([number], [number], reference),
        )
        eindtermen.append(
            {
                "eindterm": number,
                "concept": eindterm.concept,
                "dimensie": eindterm.dimensie,
                **_figures(per_item[number], base),
            }
        )

    dimensions, concepts = _groups(per_item, reference)
    rows = [(a.team, a.datum) for a in reading.answers] + [(a.team, a.datum) for a in reading.open_answers]
    return {
        "eindtermen": eindtermen,
        "dimensies": dimensions,
        "concepten": concepts,
        "respondenten": len(reading.respondents),
        "antwoorden": len(reading.answers),
        "teams": sorted({team for team, _ in rows if team}),
        "periode": _period([datum for _, datum in rows]),
        "bestanden": list(files),
        "reflector": reading.reflector,
        "open_antwoorden": _open_answers(reading.open_answers, reference),
        "bespreek_eerst": _discuss_first(per_item),
        "problemen": [
            {"pad": p.path, "regel": p.line, "kolom": p.column, "ernst": p.severity, "melding": p.message}
            for p in problems
        ],
    }


def _discuss_first(per_item: dict[int, Tally]) -> list[int]:
    """Eindtermen with a pair: most leerruimte first, then most laag huidig, then the lowest number.

    Compared on the rounded tenths the reader sees, so the JavaScript team page orders exactly alike.
    """
    ranked = []
    for number, tally in per_item.items():
        gap = _gap(tally)
        if gap is not None:
            low = _low(_distribution(tally.huidig, sum(tally.huidig))) or 0
            ranked.append((-gap, -low, number))
    return [number for *_, number in sorted(ranked)[:DISCUSS_FIRST]]


def _open_answers(answers: Sequence[OpenAnswer], reference: Reference) -> list[dict[str, Any]]:
    """Per question with answers, in the form's order (open eindtermen by number, then the closing ones)."""
    texts: dict[int | str, list[str]] = {}
    for answer in answers:
        texts.setdefault(answer.vraag, []).append(answer.tekst)
    order = sorted(k for k in texts if isinstance(k, int)) + [k for k in OPEN_QUESTIONS if k in texts]
    return [{"vraag": key, "tekst": reference.question(key), "antwoorden": texts[key]} for key in order]


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


def _period(datums: Iterable[str]) -> dict[str, str] | None:
    """First and last date (ISO) of the datum column, if every filled-in datum is a date; else None."""
    dates = set()
    for text in {datum for datum in datums if datum}:
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
    answered = {side: [n for n in numbers if sum(per_item[n].side(side))] for side in SIDES}
    huidig = _pooled_baseline(answered["huidig"], reference, "huidig") if answered["huidig"] else None
    gewenst = _pooled_baseline(answered["gewenst"], reference, "gewenst") if answered["gewenst"] else None
    base = Base(
        _low(huidig) if huidig else None,
        _high(gewenst) if gewenst else None,
        _baseline_gap(answered["huidig"], answered["gewenst"], reference),
    )
    figures = _figures(tally, base)
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


# --- the HTML report -------------------------------------------------------------------------------


def _nl(value: float | None, signed: bool = False) -> str:
    """A one-decimal figure of the JSON result the Dutch way (figures.dutch): 43,5; +2,1 / −3,0; None: –."""
    return dutch(None if value is None else round(value * 10), signed)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{_nl(value)}%"


def _width(value: float | None) -> str:
    return f"{max(0.0, min(100.0, value or 0.0)):.1f}%"


CHART_WIDTH = 320
"""viewBox units; the SVG scales to its column (width 100%), so it fits a 360 px screen as well as A4."""
CHART_LABEL = 100
BAR_HEIGHT = 16
BAR_GAP = 8
HATCH_STEP = 5
INK = "#1c1c1c"
LIGHT = "#d9d9d9"


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _hatch(x: float, y: float, width: float, height: float) -> str:
    """Path data of 45° lines filling the rectangle, clipped by hand (no url(#pattern) references)."""
    lines = []
    start = x - height
    while start < x + width:
        low, high = max(0.0, x - start), min(height, x + width - start)
        if low < high:
            lines.append(f"M{_n(start + low)} {_n(y + height - low)}L{_n(start + high)} {_n(y + height - high)}")
        start += HATCH_STEP
    return "".join(lines)


def _segment(part: str, x: float, y: float, width: float) -> str:
    box = f'x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" height="{BAR_HEIGHT}"'
    if part == "laag":
        return f'<rect {box} fill="{INK}"/>'
    if part == "hoog":
        return f'<rect {box} fill="{LIGHT}" stroke="{INK}" stroke-width="1"/>'
    hatch = _hatch(x, y, width, BAR_HEIGHT)
    return (
        f'<rect {box} fill="#fff" stroke="{INK}" stroke-width="1"/><path d="{hatch}" stroke="{INK}" stroke-width="1"/>'
    )


def _bars(bars: Sequence[tuple[str, Sequence[float | None]]]) -> Markup:
    """An inline SVG with one stacked bar (laag, voldoende, hoog in %) per labelled row.

    Hidden from screen readers: the table next to it holds the same numbers.
    """
    area = CHART_WIDTH - CHART_LABEL - 2
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    parts = [
        f'<svg class="grafiek" viewBox="0 0 {CHART_WIDTH} {height}" width="100%" '
        'role="presentation" aria-hidden="true" focusable="false">'
    ]
    for index, (label, three) in enumerate(bars):
        y = BAR_GAP / 2 + index * (BAR_HEIGHT + BAR_GAP)
        parts.append(f'<text x="0" y="{_n(y + BAR_HEIGHT - 4)}">{Markup.escape(label)}</text>')
        x = float(CHART_LABEL)
        for part, value in zip(("laag", "midden", "hoog"), three, strict=True):
            # Rounded shares may add up to 100,1%: never draw past the bar's end.
            width = min(area * max(0.0, value or 0.0) / 100, CHART_LABEL + area - x)
            if width > 0:
                parts.append(_segment(part, x, y, width))
                x += width
        parts.append(
            f'<rect x="{CHART_LABEL}" y="{_n(y)}" width="{area}" height="{BAR_HEIGHT}" fill="none" stroke="{INK}"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _chart(item: dict[str, Any], base: dict[str, Any] | None) -> Markup:
    """Huidig and gewenst of one eindterm, the team's above 2015's (when 2015 has figures)."""
    bars: list[tuple[str, Sequence[float | None]]] = []
    for side, label in (("huidig", "Huidig"), ("gewenst", "Gewenst")):
        bars.append((f"{label}, team", item["driepuntschaal"][side]))
        if base:
            bars.append((f"{label}, 2015", base[side]))
    return _bars(bars)


def _base_chart(result: Resultaat) -> dict[str, Any]:
    """The 2015 chart of one eindterm on the three-point scale (%, None: no bar) and its N per side."""
    n_huidig, n_gewenst = baseline_n(result)
    figures: dict[str, Any] = {"n_huidig": n_huidig, "n_gewenst": n_gewenst}
    for side in SIDES:
        figures[side] = [_pct(t) for t in _three_point(_chart_tenths(getattr(result, side)))]
    return figures


def _skipped_text(problems: Sequence[dict[str, Any]]) -> str:
    errors = sum(p["ernst"] == "fout" for p in problems)
    warnings = len(problems) - errors
    parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
    parts += [f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}"] if warnings else []
    return f"{' en '.join(parts)} bij het inlezen; zie de meldingen van kennisbank analyse"


def _period_text(period: dict[str, str] | None) -> str:
    """'02-03-2026 t/m 03-03-2026' (or one date), or '' without a period."""
    if not period:
        return ""
    first, last = (dt.date.fromisoformat(period[key]).strftime("%d-%m-%Y") for key in ("van", "tot"))
    return first if first == last else f"{first} t/m {last}"


def render_report(result: dict[str, Any], reference: Reference, today: dt.date | None = None) -> str:
    """The self-contained HTML report (Dutch; no JavaScript, no external requests, printable)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(nl=_nl, percent=_percent, width=_width, chart=_chart)
    teams = result["teams"]
    reflector = reference.reflectors.get(result["reflector"] or "")
    title = f"Analyse {reflector.titel if reflector else 'digitale reflector'}" + (
        f": {', '.join(teams)}" if teams else ""
    )
    numbers = [item["eindterm"] for item in result["eindtermen"]]
    return environment.get_template("analyse_report.html.j2").render(
        title=title,
        period=_period_text(result.get("periode")),
        today=(today or dt.date.today()).strftime("%d-%m-%Y"),
        result=result,
        open_count=sum(len(q["antwoorden"]) for q in result["open_antwoorden"]),
        skipped_text=_skipped_text(result["problemen"]),
        scale=sorted(reference.scale.items()),
        scale_text="; ".join(f"{value} = {text}" for value, text in sorted(reference.scale.items())) + ".",
        signal_low=SIGNAL_LOW,
        signal_high=SIGNAL_HIGH,
        concept_titles={c.id: c.titel for c in reference.concepts},
        by_number={item["eindterm"]: item for item in result["eindtermen"]},
        texts={n: e.tekst for n, e in reference.scored.items()},
        base_charts={n: _base_chart(reference.baseline[n]) for n in numbers if n in reference.baseline},
    )


# --- the command -----------------------------------------------------------------------------------


def default_report_path(today: dt.date | None = None) -> Path:
    return Path(f"analyse-{(today or dt.date.today()).isoformat()}.html")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def main_analyse(
    root: Path, files: list[Path], as_json: bool, report: Path | None, reflector: str | None = None
) -> int:
    """`kennisbank analyse FILE... [--json] [--rapport PAD] [--reflector ID]`.

    Exit 0: analysed without errors (warnings allowed); 1: analysed without what had errors, or nothing
    to analyse; 2: cannot run (no files, a broken knowledge base, an unknown reflector, a report path
    inside the site).
    """
    if not files:
        print("geef een of meer exportbestanden (CSV of JSON) van de reflector", file=sys.stderr)
        return 2
    target = report if report is not None else default_report_path()
    if not as_json and (message := _report_path_problem(target, root)):
        print(message, file=sys.stderr)
        return 2
    reference, content_errors = load_reference(root)
    if reference is None:
        for line in content_errors:
            print(line, file=sys.stderr)
        print(
            "De kennisbank heeft fouten in de eindtermen, reflectoren of resultaten; "
            "los die eerst op (kennisbank check).",
            file=sys.stderr,
        )
        return 2
    if reflector is not None and (message := reflector_problem(reflector, reference)):
        print(message, file=sys.stderr)
        return 2

    problems = Problems()
    reading = read_exports(files, reference, problems, reflector)
    # With --json, stdout is the JSON document alone (it carries the problems under "problemen").
    for problem in problems.items:
        print(problem, file=sys.stderr if as_json else sys.stdout)
    summary = f"{len(problems.errors)} fout(en), {len(problems.warnings)} waarschuwing(en)"
    if not reading.answers and not reading.open_answers:
        print(f"{summary}; geen analyse gemaakt: geen enkel bestand gaf een antwoord", file=sys.stderr)
        return 1
    result = analyse(reading, reference, [str(path) for path in files], problems.items)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_report(result, reference), encoding="utf-8")
        except OSError as error:
            print(f"{target}: rapport niet te schrijven ({error.strerror})", file=sys.stderr)
            return 2
        print(target)
    if problems.errors:
        print(f"{summary}; wat overgeslagen is, telt niet mee in de analyse", file=sys.stderr)
    elif problems.warnings:
        print(f"{summary}; alle antwoorden zijn meegeteld", file=sys.stderr)
    return 1 if problems.errors else 0


def _report_path_problem(target: Path, root: Path) -> str | None:
    resolved, root_resolved = target.resolve(), root.resolve()
    for folder in ("site", "build"):
        if _inside(resolved, root_resolved / folder):
            return (
                f"{target}: het rapport bevat de gegevens van je team en mag niet in {folder}/ "
                "(de site) komen; kies een pad buiten de kennisbank"
            )
    return None
