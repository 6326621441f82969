"""Reading the exports: files into rows (CSV or JSON, each problem at its line), rows into answers."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.analyse.reference import (
    JSON_FORMAT,
    JSON_VERSIONS,
    MAX_BYTES,
    OPEN_QUESTIONS,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    SIDES,
    Answer,
    OpenAnswer,
    Reading,
    Reference,
    reflector_problem,
    shorten,
)
from generator.figures import (
    CATEGORIES,
)
from generator.problems import Problems

_WHOLE = re.compile(r"[+-]?[0-9]+")


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
            message = f"dit bestand hoort bij reflector '{shorten(export.reflector)}', niet bij '{chosen}'"
            export.problems.add(export.shown, *export.reflector_at, "KB514", message)
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
        problems.add(shown, *reflector_at, "KB514", message)
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
            "KB105",
            f"bestand is geen UTF-8 (byte 0x{data[error.start]:02x}); "
            "sla het op als 'CSV UTF-8 (door komma's gescheiden)'",
        )
        return None
    if "\x00" in text:
        position = text.index("\x00")
        line = text.count("\n", 0, position) + 1
        column = position - text.rfind("\n", 0, position)
        problems.add(shown, line, column, "KB501", "bestand bevat NUL-tekens; is dit wel een CSV-bestand?")
        return None
    if not text.strip():
        problems.add(shown, 1, 1, "KB107", f"leeg bestand: de kop ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})")
        return None
    return text


def _read_bytes(path: Path, shown: str, problems: Problems) -> bytes | None:
    """At most MAX_BYTES + 1 bytes: enough to tell a too big file (or /dev/zero) without reading it all."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        problems.add(shown, 1, 1, "KB101", "bestand bestaat niet")
        return None
    except IsADirectoryError:
        problems.add(shown, 1, 1, "KB103", "dit is een map, geen CSV-bestand")
        return None
    except OSError:
        problems.add(shown, 1, 1, "KB101", "bestand is niet te lezen")
        return None
    if len(data) > MAX_BYTES:
        problems.add(
            shown, 1, 1, "KB104", "bestand is te groot (meer dan 20 MB); een export van de reflector is veel kleiner"
        )
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
        problems.add(shown, max(reader.line_num, 1), 1, "KB502", f"ongeldige CSV-regel ({error})")
        return None
    if header is None:
        problems.add(shown, 1, 1, "KB107", f"leeg bestand: de kop ontbreekt (verwacht: {','.join(REQUIRED_COLUMNS)})")
        return None
    if not data_rows:
        problems.add(shown, header_line, 1, "KB505", "geen gegevens: het bestand heeft alleen een kop")
        return None
    if not answered:
        sides = "huidig, gewenst en antwoord" if "antwoord" in columns else "huidig en gewenst"
        problems.add(shown, header_line, 1, "KB505", f"geen antwoorden: in elke rij zijn {sides} leeg")
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
            problems.add(shown, line, index + 1, "KB506", f"kolom '{name}' staat twee keer in de kop")
            return {}
        if name:
            columns.setdefault(name, index)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    expected = ",".join(REQUIRED_COLUMNS)
    if len(missing) > 1:
        names = " en ".join(", ".join(f"'{name}'" for name in missing).rsplit(", ", 1))
        problems.add(shown, line, 1, "KB507", f"verplichte kolommen {names} ontbreken (verwacht: {expected})")
    elif missing:
        name = missing[0]
        close = difflib.get_close_matches(name, [n for n in columns if n not in known], n=1, cutoff=0.75)
        if close:
            message = f"verplichte kolom '{name}' ontbreekt; bedoelde je '{name}' in plaats van '{close[0]}'?"
            problems.add(shown, line, columns[close[0]] + 1, "KB507", message)
        else:
            problems.add(shown, line, 1, "KB507", f"verplichte kolom '{name}' ontbreekt (verwacht: {expected})")
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
        problems.add(shown, 1, 1, "KB503", "ongeldige JSON: het bestand is beschadigd of onvolledig")
        return None
    message = _json_format_problem(data)
    if message:
        problems.add(shown, 1, 1, "KB504", message)
        return None
    entries = data["antwoorden"]
    if not entries:
        problems.add(shown, 1, 1, "KB505", "geen gegevens: de lijst 'antwoorden' is leeg")
        return None
    common = {name: _json_text(data.get(name)) for name in ("respondent", "reflector", "team", "datum")}
    rows = [_json_row(entry, index, common, shown) for index, entry in enumerate(entries, start=1)]
    if not any(_answers_something(row) for row in rows):
        problems.add(
            shown, 1, 1, "KB505", "geen antwoorden: in 'antwoorden' zijn huidig, gewenst en antwoord overal leeg"
        )
        return None
    return rows, common["reflector"], (1, 1)


def _json_format_problem(data: object) -> str | None:
    """Why `data` is not a reflector export the analysis reads, or None."""
    if not isinstance(data, dict) or not isinstance(data.get("antwoorden"), list):
        return "geen export van de reflector: de lijst 'antwoorden' ontbreekt"
    # Compared as text, the way JavaScript sees a JSON value: versie 2.0 is 2.
    formaat = _json_text(data.get("formaat", JSON_FORMAT))
    if formaat != JSON_FORMAT:
        return f"onbekend formaat '{shorten(formaat)}'; verwacht '{JSON_FORMAT}'"
    version = _json_text(data.get("versie", 1))
    if version not in JSON_VERSIONS:
        return f"versie '{shorten(version)}' van het exportformaat is onbekend; gelezen worden 1 en 2"
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
            return None, f"onbekende eindterm '{shorten(raw)}'"
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
            problems.add(shown, row.line, row.problem[0], "KB508", row.prefix + row.problem[1])
            continue
        respondent = row.cells["respondent"] or unnamed
        if not row.cells["respondent"] and not warned:
            message = f"respondent ontbreekt; geteld als '{unnamed}'"
            problems.warn(shown, row.line, row.column("respondent"), "KB513", message)
            warned = True
        if respondent in brought:
            if respondent not in skipped:
                message = f"respondent '{shorten(respondent)}' staat ook in {brought[respondent]}; één keer geteld"
                problems.add(shown, row.line, row.column("respondent"), "KB512", message)
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

    def report(name: str, code: str, message: str) -> None:
        export.problems.add(export.shown, row.line, row.column(name), code, row.prefix + message)

    cells = row.cells
    key, message = rules.item(cells["eindterm"])
    if message:
        report("eindterm", "KB509", message)
    is_open = rules.is_open(key)
    ok = key is not None
    values: dict[str, int | None] = {}
    if is_open and (cells["huidig"] or cells["gewenst"]):
        report("eindterm", "KB509", f"eindterm '{cells['eindterm']}' wordt niet gescoord (soort 'open')")
        ok = False
    for side in () if is_open else SIDES:
        values[side], message = _score(cells[side], side)
        if message:
            report(side, "KB510", message)
            ok = False
    if key is not None:
        first = seen.setdefault((respondent, key), row.where)
        if first != row.where:
            report(
                "respondent",
                "KB511",
                f"dubbele rij voor respondent '{shorten(respondent)}' en eindterm {key} (ook op {first})",
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


def _score(raw: str, side: str) -> tuple[int | None, str | None]:
    if not raw:
        return None, None
    if _WHOLE.fullmatch(raw):
        value = int(raw)
        if 1 <= value <= CATEGORIES:
            return value, None
        return None, f"waarde '{shorten(raw)}' voor {side} ligt buiten 1-5"
    return None, f"waarde '{shorten(raw)}' voor {side} is geen heel getal van 1 tot en met 5"
