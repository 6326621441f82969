"""Load stage: read YAML files into plain data, remembering where every value stands.

YAML is data, not code: only safe scalars; anchors and aliases, duplicate keys, tabs in indentation,
non-UTF-8 bytes, empty files and very large or deeply nested files are reported as problems.
Only regular files are opened (never a FIFO or a device), a symbolic link may not lead out of the
knowledge base, and every fault of the file system is one Dutch line. Text is normalised to NFC.
"""

from __future__ import annotations

import datetime
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import Problems

MAX_FILE_BYTES = 512 * 1024
# Tags YAML gives plain values by itself; an explicit other tag (!!binary, !!python/..., !foo) is refused.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
MAP_TAG, SEQ_TAG, STR_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"
MAX_DEPTH = 12
_BLOCK_INDICATOR_COMMENT = re.compile(r"[|>][-+0-9]*#")
_QUESTION_MARK = re.compile(r"\?(?=\s|$)")

Loc = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file's data with the source position (line, column) of every key and value."""

    path: str
    data: Any
    value_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)
    updated: str = ""
    """Date (YYYY-MM-DD) the content last changed: its last commit, or the file's own date when edited since."""

    def position(self, loc: Loc) -> tuple[int, int]:
        """Where `loc` stands, or the nearest enclosing value that does."""
        for end in range(len(loc), -1, -1):
            found = self.value_positions.get(loc[:end])
            if found:
                return found
        return (1, 1)

    def text_position(self, loc: Loc, needle: str) -> tuple[int, int]:
        """Where `needle` first stands in the text of the value at `loc` (a block of prose)."""
        line, column = self.position(loc)
        for number in range(line, min(line + 400, len(self.lines)) + 1):
            found = self.lines[number - 1].find(needle, column - 1 if number == line else 0)
            if found >= 0:
                return (number, found + 1)
        return (line, column)

    def key_position(self, loc: Loc) -> tuple[int, int]:
        """Where the key of `loc` stands (for unknown fields), else its value."""
        return self.key_positions.get(loc) or self.position(loc)


class _Position(Protocol):
    """A place in a YAML text: PyYAML's Mark, or libyaml's (a different class with the same fields)."""

    line: int
    column: int


class _Refused(Exception):
    def __init__(self, mark: _Position | None, code: str, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.code = code
        self.message = message


class _StrictComposer(yaml.SafeLoader):
    """A safe loader that refuses anchors, aliases and deep nesting while composing."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "KB114", "aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused(event.start_mark, "KB114", "ankers (&naam) zijn niet toegestaan; schrijf de waarde uit")
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, "KB116", f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


# libyaml's scanner and parser (C) with PyYAML's safe constructor and resolver, when PyYAML has libyaml.
_FastLoader: type | None = getattr(yaml, "CSafeLoader", None)


# Spaces that look like a space in a word processor but are none to YAML, by their Dutch name.
ODD_SPACES = {
    "\u00a0": "niet-afbreekbare spatie",
    "\u1680": "Ogham-spatie",
    "\u2000": "en-kwadraat",
    "\u2001": "em-kwadraat",
    "\u2002": "en-spatie",
    "\u2003": "em-spatie",
    "\u2004": "derde-em-spatie",
    "\u2005": "vierde-em-spatie",
    "\u2006": "zesde-em-spatie",
    "\u2007": "cijferspatie",
    "\u2008": "leestekenspatie",
    "\u2009": "smalle spatie",
    "\u200a": "haarspatie",
    "\u200b": "breedteloze spatie",
    "\u202f": "smalle niet-afbreekbare spatie",
    "\u205f": "middelwiskundige spatie",
    "\u3000": "ideografische spatie",
}
_INDENT_CHARS = " \t" + "".join(ODD_SPACES)
# What a word processor makes of "- " at the start of a line: a dash or a bullet that YAML reads as text.
ODD_DASHES = {"\u2013": "gedachtestreepje (–)", "\u2014": "lang gedachtestreepje (—)", "\u2022": "opsommingsteken (•)"}
_ODD_DASH_LINE = re.compile(r"^ *([\u2013\u2014\u2022]) ")
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def os_error_message(error: OSError, link: bool = False, folder: bool = False) -> str:
    """A file system fault in plain Dutch (link: the path is a symbolic link; folder: it should be a folder)."""
    what, real, which = ("map", "echte map", "die") if folder else ("bestand", "echt bestand", "dat")
    code = error.errno
    if code == errno.ELOOP:
        return f"symbolische link vormt een lus (verwijst via andere links naar zichzelf); verwijs naar een {real}"
    if code == errno.ENOENT and link:
        return f"symbolische link verwijst naar een {what} {which} niet bestaat; herstel de link of verwijder hem"
    if code == errno.ENOENT:
        return f"{what} bestaat niet (meer)"
    if code in (errno.EACCES, errno.EPERM):
        return f"{what} kan niet worden gelezen: geen toegang; pas de rechten aan (leesrecht voor iedereen)"
    if code == errno.EISDIR:
        return "is een map, geen bestand; hier hoort een YAML-bestand"
    if code == errno.ENOTDIR:
        return "is geen map; hier hoort een map met YAML-bestanden" if folder else "een deel van het pad is geen map"
    if code == errno.ENAMETOOLONG:
        return "naam is te lang"
    name = errno.errorcode.get(code or 0, "onbekend")
    return f"{what} kan niet worden gelezen (systeemfout {name})"


def kind_problem(mode: int) -> str | None:
    """Why a path with this mode cannot be read as a content file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is een map, geen bestand; hier hoort een YAML-bestand"
    kind = "een FIFO (named pipe)" if stat.S_ISFIFO(mode) else "een socket" if stat.S_ISSOCK(mode) else "een apparaat"
    return f"is geen gewoon bestand maar {kind}; hier hoort een YAML-bestand"


def is_inside(path: str | Path, root: str | Path) -> bool:
    """Whether `path`, with every symbolic link followed, lies in `root` (also followed)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def read_bytes(path: Path, shown: str, problems: Problems, root: Path | None = None) -> bytes | None:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or None after reporting why not.

    Nothing but a regular file is opened (a FIFO would block, a device never ends), and with `root`, a
    symbolic link must stay inside it.
    """
    try:
        mode = os.lstat(path).st_mode
        link = stat.S_ISLNK(mode)
        if link:
            mode = os.stat(path).st_mode
    except OSError as error:
        problems.add(shown, 1, 1, "KB101", os_error_message(error, link=os.path.islink(path)))
        return None
    if link and root is not None and not is_inside(path, root):
        problems.add(
            shown,
            1,
            1,
            "KB102",
            "symbolische link verwijst naar een bestand buiten de kennisbank; kopieer het bestand hierheen",
        )
        return None
    if problem := kind_problem(mode):
        problems.add(shown, 1, 1, "KB103", problem)
        return None
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            info = os.fstat(descriptor)  # what was opened, should the path have changed since
            if problem := kind_problem(info.st_mode):
                problems.add(shown, 1, 1, "KB103", problem)
                return None
            size, chunks = info.st_size, []
            if size <= MAX_FILE_BYTES:
                size = 0
                while size <= MAX_FILE_BYTES and (chunk := os.read(descriptor, MAX_FILE_BYTES + 1 - size)):
                    chunks.append(chunk)
                    size += len(chunk)
        finally:
            os.close(descriptor)
    except OSError as error:
        problems.add(shown, 1, 1, "KB101", os_error_message(error, link=link))
        return None
    if size > MAX_FILE_BYTES:
        problems.add(
            shown, 1, 1, "KB104", f"bestand is te groot ({size // 1024} KB; maximaal {MAX_FILE_BYTES // 1024} KB)"
        )
        return None
    return b"".join(chunks)


def read_text(path: Path, shown: str, problems: Problems, root: Path | None = None) -> str | None:
    """The file's text (NFC), or None after reporting why it cannot be used."""
    raw = read_bytes(path, shown, problems, root)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(shown, line, column, "KB105", "bestand is geen geldige UTF-8; sla het op als UTF-8")
        return None
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # Decomposed accents (e + U+0301, as macOS writes file names) would not match the same word in NFC.
        text = unicodedata.normalize("NFC", text)
    if not indentation_problems(text, shown, problems):
        return text
    return None


def indentation_problems(text: str, shown: str, problems: Problems) -> bool:
    """Report a tab or another kind of space (U+00A0 from a word processor) in the indentation of a line."""
    found = False
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(_INDENT_CHARS))]
        if not indent.strip(" "):
            continue
        column, character = next((i, c) for i, c in enumerate(indent) if c != " ")
        if character == "\t":
            message = "tab in inspringing; gebruik spaties"
        else:
            message = f"{ODD_SPACES[character]} (U+{ord(character):04X}) als inspringing; gebruik gewone spaties"
        problems.add(shown, number, column + 1, "KB112", message)
        found = True
    return found


def odd_dash_before(text: str, line: int, window: int = 10) -> tuple[int, int, str] | None:
    """A dash or bullet from a word processor at the start of one of the `window` lines up to `line` that
    causes the YAML syntax error reported at `line`, as (line, column, Dutch message): with '-' in its
    place the error goes, or comes later. A dash that starts a line of prose is no cause and stays."""
    # Read again only up to just past `line`: a file of 512 KB is not parsed ten more times.
    lines = text.splitlines(keepends=True)[: line + 2]
    for number in range(min(line, len(lines)), max(line - window, 0), -1):
        match = _ODD_DASH_LINE.match(lines[number - 1])
        if match and _error_line(lines, number - 1, match.start(1)) > line:
            name = ODD_DASHES[match.group(1)]
            message = f"{name} aan het begin van de regel; begin een lijstregel met '- ' " + (
                "(een gewoon koppelteken en een spatie)"
            )
            return (number, match.start(1) + 1, message)
    return None


def _error_line(lines: list[str], index: int, column: int) -> float:
    """The line of the first YAML syntax error once the character at (index, column) is a '-' (inf: none)."""
    changed = lines[index][:column] + "-" + lines[index][column + 1 :]
    try:
        _StrictComposer("".join([*lines[:index], changed, *lines[index + 1 :]])).get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark.line + 1 if mark else 0
    except Exception:  # an anchor, a tag, ...: no longer this syntax error
        return float("inf")
    return float("inf")


def load_document(
    path: Path, shown: str, problems: Problems, updated: str = "", root: Path | None = None
) -> Document | None:
    """Parse one YAML file; report problems and return None when it cannot be used.

    root: the knowledge base, which a symbolic link may not leave.

    A file is read fast with libyaml when it can be; a file with anything to report, or with text that
    libyaml reads differently, is read by the pure-Python loader, whose messages and positions count.
    """
    text = read_text(path, shown, problems, root)
    if text is None:
        return None
    if _FastLoader is not None and not _read_differently(text):
        try:
            return _fast_document(text, shown, updated)
        except Exception:  # a syntax error, an anchor, a tag, ...: reported below as before
            pass
    return _parse(text, shown, problems, updated)


def _parse(text: str, shown: str, problems: Problems, updated: str = "") -> Document | None:
    """The pure-Python reading of a file, reporting every problem."""
    try:
        loader = _StrictComposer(text)
        node = loader.get_single_node()
        if node is None:
            problems.add(shown, 1, 1, "KB107", "bestand is leeg")
            return None
        document = Document(shown, None, lines=text.splitlines(), updated=updated)
        document.data = _build(node, (), document, loader, problems)
    except _Refused as refused:
        problems.add(shown, *_mark(refused.mark), refused.code, refused.message)
        return None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        problems.add(shown, line, column, "KB113", f"teken U+{error.character:04X} is niet toegestaan; verwijder het")
        return None
    except yaml.MarkedYAMLError as error:
        line, column = _mark(error.problem_mark or error.context_mark)
        dash = odd_dash_before(text, line)
        if dash:
            problems.add(shown, dash[0], dash[1], "KB111", dash[2])
        else:
            problems.add(shown, line, column, "KB110", f"YAML-syntaxfout: {yaml_problem(error.problem, error.context)}")
        return None
    except yaml.YAMLError:
        problems.add(shown, 1, 1, "KB110", "YAML-fout: het bestand kan niet worden gelezen")
        return None
    return document


# What PyYAML's tokens are called in its messages, in Dutch.
_TOKENS = {
    "<block end>": "het einde van een blok",
    "<block mapping start>": "een nieuwe sleutel",
    "<block sequence start>": "een lijst",
    "<stream end>": "het einde van het bestand",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "<scalar>": "een waarde",
    "<alias>": "een alias",
    "<anchor>": "een anker",
    "<tag>": "een tag",
    "<directive>": "een richtlijn (%)",
    "?": "een sleutel",
    "-": "een lijstregel ('- ')",
}


def _token(found: str) -> str:
    name = found.strip("'\"")
    return _TOKENS.get(name, f"'{name}'")


# PyYAML's problems (scanner and parser) in Dutch, with what an editor can do about them.
_YAML_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"mapping values are not allowed here"),
        "hier mag geen ':' staan; zet tekst met een dubbele punt tussen aanhalingstekens, of begin een "
        "nieuwe sleutel op een eigen regel",
    ),
    (
        re.compile(r"could not find expected ':'"),
        "de ':' na de sleutel ontbreekt, of een regel is verkeerd ingesprongen",
    ),
    (
        re.compile(r"sequence entries are not allowed here"),
        "hier mag geen lijstregel ('- ') staan; controleer de inspringing",
    ),
    (re.compile(r"mapping keys are not allowed here"), "hier mag geen sleutel ('?') staan; controleer de inspringing"),
    (
        re.compile(r"expected ',' or '\]', but got (.+)"),
        "verwacht ',' of ']' in een lijst tussen [ ], gevonden {0}; sluit de lijst met ']' of zet de tekst "
        "tussen aanhalingstekens",
    ),
    (
        re.compile(r"expected ',' or '\}', but got (.+)"),
        "verwacht ',' of '}}' in een mapping tussen {{ }}, gevonden {0}; sluit met '}}' of zet de tekst "
        "tussen aanhalingstekens",
    ),
    (
        re.compile(r"expected <block end>, but found (.+)"),
        "verwacht het einde van een blok, gevonden {0}; controleer de inspringing (even ver als de regels erboven)",
    ),
    (
        re.compile(r"expected the node content, but found (.+)"),
        "hier ontbreekt een waarde (gevonden {0})",
    ),
    (re.compile(r"expected '<document start>', but found (.+)"), "verwacht '---', gevonden {0}"),
    (
        re.compile(r"found character (.+) that cannot start any token"),
        "teken {0} kan hier niet staan (aan het begin van een waarde); zet de tekst tussen aanhalingstekens",
    ),
    (
        re.compile(r"found unexpected end of stream"),
        "het bestand houdt op voordat de tekst tussen aanhalingstekens is gesloten",
    ),
    (re.compile(r"found unexpected document separator"), "'---' midden in tekst tussen aanhalingstekens"),
    (
        re.compile(r"found unknown escape character (.+)"),
        "onbekende code na '\\' ({0}) in tekst tussen dubbele aanhalingstekens; schrijf '\\\\' of gebruik "
        "enkele aanhalingstekens",
    ),
    (
        re.compile(r"expected escape sequence of (\d+) hexadecimal numbers, but found (.+)"),
        "na deze '\\' horen {0} hexadecimale cijfers, gevonden {1}",
    ),
    (
        re.compile(r"expected a comment or a line break, but found (.+)"),
        "na dit teken hoort een regeleinde of een opmerking (#), gevonden {0}",
    ),
    (
        re.compile(r"expected alphabetic or numeric character, but found (.+)"),
        "na '&' of '*' hoort een naam, gevonden {0}; zet de tekst tussen aanhalingstekens",
    ),
    (
        re.compile(r"expected chomping or indentation indicators, but found (.+)"),
        "na '|' of '>' mag alleen '-', '+' of een cijfer staan, gevonden {0}",
    ),
    (
        re.compile(r"expected indentation indicator in the range 1-9, but found 0"),
        "het cijfer na '|' of '>' moet 1 tot en met 9 zijn",
    ),
    (re.compile(r"found a tab character.*"), "tab in inspringing; gebruik spaties"),
    (re.compile(r"but found another document"), "het bestand bevat een tweede document ('---'); laat er één over"),
    (re.compile(r"found undefined alias (.+)"), "onbekende alias {0}"),
    (re.compile(r"found undefined tag handle (.+)"), "onbekende tag {0}"),
    (
        re.compile(r"invalid indentation or unclosed '\[' or '\{'"),
        "verkeerde inspringing of een '[' of '{' zonder sluiting",
    ),
]


def yaml_problem(problem: str | None, context: str | None = None) -> str:
    """PyYAML's description of a syntax error in Dutch; an unknown one stays as it is, marked as English."""
    text = problem or context or "onbekende fout"
    for pattern, dutch in _YAML_PROBLEMS:
        match = pattern.fullmatch(text)
        if match:
            return dutch.format(*(_token(group) for group in match.groups()))
    return f"{text} (melding van de YAML-lezer)"


def _read_differently(text: str) -> bool:
    """Whether libyaml may read `text` differently from PyYAML (found by fuzzing).

    It takes a tab for a space where PyYAML refuses it, does not count a byte order mark as a column,
    allows a comment right after a block scalar's "|" or ">", and places the missing value of an explicit
    key ("? key") elsewhere.
    """
    if "\t" in text or "\ufeff" in text or _BLOCK_INDICATOR_COMMENT.search(text):
        return True
    for match in _QUESTION_MARK.finditer(text):  # most are the end of a question in prose
        start = match.start()
        if start == 0 or text[start - 1].isspace() or text[start - 1] in "-:[{,":
            return True
    return False


class _Unclean(Exception):
    """The fast reading met something to report; the pure-Python loader reads the file instead."""


def _fast_document(text: str, shown: str, updated: str = "") -> Document:
    """The same Document as `_parse` gives, from libyaml's events; raises for anything `_parse` would report.

    The data is built straight from the events (no nodes), as the strict composer and `_build` would build it.
    """
    assert _FastLoader is not None
    loader = _FastLoader(text)
    get = loader.get_event
    if type(get()) is not StreamStartEvent or type(get()) is not DocumentStartEvent:
        raise _Unclean  # empty
    document = Document(shown, None, lines=text.splitlines(), updated=updated)
    document.data = _fast_node(get, get(), (), 1, document, loader)
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _Unclean  # more than one document
    return document


def _fast_node(get: Any, event: Event, loc: Loc, depth: int, doc: Document, loader: Any, flow: bool = False) -> Any:
    if depth > MAX_DEPTH or getattr(event, "anchor", None) is not None:  # an alias has an anchor too
        raise _Unclean
    doc.value_positions[loc] = _mark(event.start_mark)
    if isinstance(event, ScalarEvent):
        return _fast_scalar(event, loader, flow)
    flow = flow or bool(getattr(event, "flow_style", False))
    if isinstance(event, MappingStartEvent) and event.tag in (None, "!", MAP_TAG):
        result: dict[str, Any] = {}
        while type(key_event := get()) is not MappingEndEvent:
            if type(key_event) is not ScalarEvent or key_event.anchor is not None or depth >= MAX_DEPTH:
                raise _Unclean
            key = _fast_scalar(key_event, loader, flow)
            if not isinstance(key, str) or key in result:
                raise _Unclean
            doc.key_positions[(*loc, key)] = _mark(key_event.start_mark)
            result[key] = _fast_node(get, get(), (*loc, key), depth + 1, doc, loader, flow)
        return result
    if isinstance(event, SequenceStartEvent) and event.tag in (None, "!", SEQ_TAG):
        items: list[Any] = []
        while type(item_event := get()) is not SequenceEndEvent:
            items.append(_fast_node(get, item_event, (*loc, len(items)), depth + 1, doc, loader, flow))
        return items
    raise _Unclean  # an alias, or a collection with a foreign tag


def _fast_scalar(event: ScalarEvent, loader: Any, flow: bool) -> Any:
    if not event.style and (not event.value or (flow and ("?" in event.value or ":" in event.value))):
        # A missing value: libyaml places it elsewhere, and an empty "!" is '' to it but None to PyYAML.
        # In [...] and {...}, PyYAML ends a plain value at '?' and at ':' before ',[]{}'; libyaml does not.
        raise _Unclean
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(ScalarNode, event.value, event.implicit)
    if tag == STR_TAG:
        return event.value
    start: Any = event.start_mark  # libyaml's Mark: the same fields as PyYAML's, another class
    end: Any = event.end_mark
    return _scalar(ScalarNode(tag, event.value, start, end), loader)


def _mark(mark: _Position | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _build(node: Node, loc: Loc, doc: Document, loader: yaml.SafeLoader, problems: Problems) -> Any:
    doc.value_positions[loc] = _mark(node.start_mark)
    expected = MAP_TAG if isinstance(node, MappingNode) else SEQ_TAG if isinstance(node, SequenceNode) else None
    if (expected and node.tag != expected) or (not expected and node.tag in (MAP_TAG, SEQ_TAG)):
        raise _Refused(node.start_mark, "KB115", f"tag '{node.tag}' is niet toegestaan; schrijf de waarde zonder tag")
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader) if isinstance(key_node, ScalarNode) else None
            line, column = _mark(key_node.start_mark)
            if not isinstance(key, str):
                problems.add(doc.path, line, column, "KB118", "een sleutel moet tekst zijn")
                continue
            if key in result:
                first = doc.key_positions[(*loc, key)]
                problems.add(
                    doc.path, line, column, "KB119", f"sleutel '{key}' staat er twee keer (eerst op regel {first[0]})"
                )
                continue
            doc.key_positions[(*loc, key)] = (line, column)
            result[key] = _build(value_node, (*loc, key), doc, loader, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_build(child, (*loc, index), doc, loader, problems) for index, child in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: Node, loader: yaml.SafeLoader) -> Any:
    if node.tag not in PLAIN_TAGS:
        raise _Refused(node.start_mark, "KB115", f"tag '{node.tag}' is niet toegestaan; schrijf de waarde zonder tag")
    try:
        value = loader.construct_object(node, deep=True)
    except (
        ValueError,
        KeyError,
        IndexError,
        AttributeError,
        TypeError,
        OverflowError,
    ):  # 2015-02-30, !!int abc, !!int ""
        raise _Refused(node.start_mark, "KB117", f"waarde '{str(node.value)[:40]}' kan niet worden gelezen") from None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 63:
        raise _Refused(node.start_mark, "KB117", "getal is te groot")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return node.value  # dates stay the text the editor wrote
    return value
