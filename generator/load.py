"""Load stage: read YAML files into plain data, remembering where every value stands.

YAML is data, not code: only safe scalars; anchors and aliases, duplicate keys, tabs in indentation,
non-UTF-8 bytes, empty files and very large or deeply nested files are reported as problems.
"""

from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _StrictComposer(yaml.SafeLoader):
    """A safe loader that refuses anchors, aliases and deep nesting while composing."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)) and event.anchor is not None:
            raise _Refused(event.start_mark, "ankers (&naam) zijn niet toegestaan; schrijf de waarde uit")
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"te diep genest (meer dan {MAX_DEPTH} niveaus)")
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


# libyaml's scanner and parser (C) with PyYAML's safe constructor and resolver, when PyYAML has libyaml.
_FastLoader: type | None = getattr(yaml, "CSafeLoader", None)


def read_text(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text, or None after reporting why it cannot be used."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        problems.add(shown, 1, 1, f"bestand is te groot ({len(raw) // 1024} KB; maximaal {MAX_FILE_BYTES // 1024} KB)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(shown, line, column, "bestand is geen geldige UTF-8; sla het op als UTF-8")
        return None
    tab_found = False
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problems.add(shown, number, indent.index("\t") + 1, "tab in inspringing; gebruik spaties")
            tab_found = True
    return None if tab_found else text


def content_dates(root: Path) -> dict[str, str]:
    """Last commit date of every committed file under `root` (one git call); empty outside git."""
    try:
        log = subprocess.run(
            ["git", "-C", str(root), "log", "--format=@%cs", "--name-only", "--relative", "--", "."],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        changed = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all", "--relative", "."],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line and line not in dates:
            dates[line] = date
    for line in changed.splitlines():  # edited since the last commit: the file's own date counts
        dates.pop(line[3:].strip('"'), None)
    return dates


def load_document(path: Path, shown: str, problems: Problems, updated: str = "") -> Document | None:
    """Parse one YAML file; report problems and return None when it cannot be used.

    A file is read fast with libyaml when it can be; a file with anything to report, or with text that
    libyaml reads differently, is read by the pure-Python loader, whose messages and positions count.
    """
    text = read_text(path, shown, problems)
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
            problems.add(shown, 1, 1, "bestand is leeg")
            return None
        document = Document(shown, None, lines=text.splitlines(), updated=updated)
        document.data = _build(node, (), document, loader, problems)
    except _Refused as refused:
        problems.add(shown, *_mark(refused.mark), refused.message)
        return None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        problems.add(shown, line, column, f"teken U+{error.character:04X} is niet toegestaan; verwijder het")
        return None
    except yaml.MarkedYAMLError as error:
        problems.add(
            shown,
            *_mark(error.problem_mark or error.context_mark),
            f"YAML-syntaxfout: {error.problem or error.context}",
        )
        return None
    except yaml.YAMLError as error:
        problems.add(shown, 1, 1, f"YAML-fout: {error}")
        return None
    return document


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
    kind = type(event)
    if kind is ScalarEvent:
        return _fast_scalar(event, loader, flow)
    flow = flow or bool(getattr(event, "flow_style", False))
    if kind is MappingStartEvent and event.tag in (None, "!", MAP_TAG):
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
    if kind is SequenceStartEvent and event.tag in (None, "!", SEQ_TAG):
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
    return _scalar(ScalarNode(tag, event.value, event.start_mark, event.end_mark), loader)


def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _build(node: Node, loc: Loc, doc: Document, loader: yaml.SafeLoader, problems: Problems) -> Any:
    doc.value_positions[loc] = _mark(node.start_mark)
    expected = {MappingNode: MAP_TAG, SequenceNode: SEQ_TAG}.get(type(node))
    if (expected and node.tag != expected) or (not expected and node.tag in (MAP_TAG, SEQ_TAG)):
        raise _Refused(node.start_mark, f"tag '{node.tag}' is niet toegestaan; schrijf de waarde zonder tag")
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader) if isinstance(key_node, ScalarNode) else None
            line, column = _mark(key_node.start_mark)
            if not isinstance(key, str):
                problems.add(doc.path, line, column, "een sleutel moet tekst zijn")
                continue
            if key in result:
                first = doc.key_positions[(*loc, key)]
                problems.add(doc.path, line, column, f"sleutel '{key}' staat er twee keer (eerst op regel {first[0]})")
                continue
            doc.key_positions[(*loc, key)] = (line, column)
            result[key] = _build(value_node, (*loc, key), doc, loader, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_build(child, (*loc, index), doc, loader, problems) for index, child in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: Node, loader: yaml.SafeLoader) -> Any:
    if node.tag not in PLAIN_TAGS:
        raise _Refused(node.start_mark, f"tag '{node.tag}' is niet toegestaan; schrijf de waarde zonder tag")
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
        raise _Refused(node.start_mark, f"waarde '{str(node.value)[:40]}' kan niet worden gelezen") from None
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 63:
        raise _Refused(node.start_mark, "getal is te groot")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return node.value  # dates stay the text the editor wrote
    return value
