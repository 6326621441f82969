"""The load stage: libyaml (fast) and the pure-Python loader read content the same way."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load
from generator.problems import Problems
from tests.conftest import REPO

libyaml = pytest.mark.skipif(load._FastLoader is None, reason="libyaml is not available")


def committed_yaml() -> list[Path]:
    names = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "*.yml", "*.yaml"], capture_output=True, text=True, check=True
    ).stdout.split()
    return [REPO / name for name in names]


def contents(document: load.Document | None) -> Any:
    return document and (document.data, document.value_positions, document.key_positions, document.lines)


def python(text: str) -> Any:
    problems = Problems()
    found = contents(load._parse(text, "f.yml", problems))
    assert not problems.items, problems.items
    return found


def fast(text: str) -> Any:
    return contents(load._fast_document(text, "f.yml"))


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    assert (load._FastLoader is not None) == yaml.__with_libyaml__


@libyaml
def test_libyaml_and_python_read_the_real_content_identically() -> None:
    paths = committed_yaml()
    assert len(paths) > 50
    read = 0
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        try:
            found = fast(text)
        except Exception:  # left to the pure-Python loader
            continue
        assert found == python(text), path
        read += 1
    assert read > 50


EXOTIC = {
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "cr": "a: 1\rb: 2\r",
    "nel and line separator": "a: 'tekst\x85met\u2028breuk'\nb: 2\n",
    "wide characters": "a: 😀😀 x\nb: [😀, 'é', z]\nc: {d: 😀}\ne\u0301: 1\n",
    "byte order mark": "\ufeffa: x\ufeffy\nb: 2\n",
    "block scalars": 'a: >\n  lang\n  tekst\n\n  meer\nb: |-\n  x\n   y\nc: "dq \\/ \\x41 \\u00e9\\\n  vervolg"\n',
    "directives": "%YAML 1.1\n%TAG !e! tag:yaml.org,2002:\n---\na: !e!str 1\n...\n",
    "tags": "a: ! 12\nb: !!str 12\nc: !!int '12'\nd: !!map {e: !!seq [!!null '', !!bool yes, !!float 1]}\n",
    "scalars": "a: [1, -0x1F, 0o17, 1_000, 1.5e3, .inf, -.Inf, .nan, yes, Off, ~, null, '', 2015-01-31]\n"
    "b: 2015-01-31 10:00:00+01:00\n2015-02-01: datum als sleutel\n",
    "flow": "a: [b, d: e, {f: g}, 'h:i?']\nh: http://x.nl/a:b#c?d # opmerking\nj: ~\n",
}


@libyaml
@pytest.mark.parametrize("case", EXOTIC)
def test_libyaml_and_python_give_the_same_data_and_positions(case: str) -> None:
    assert fast(EXOTIC[case]) == python(EXOTIC[case])


REFUSED = {
    "anchor": ("a: 1\nb: &x 2\n", "f.yml:2:4: ankers (&naam) zijn niet toegestaan; schrijf de waarde uit"),
    "anchor on a mapping": ("a: &x\n  b: 1\n", "f.yml:1:4: ankers (&naam) zijn niet toegestaan; schrijf de waarde uit"),
    "alias": ("a: [1, *x]\n", "f.yml:1:8: aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit"),
    "deep nesting": ("a: " + "[" * 40 + "]" * 40 + "\n", "f.yml:1:15: te diep genest (meer dan 12 niveaus)"),
    "foreign tag": (
        "a: !!binary aGFsbG8=\n",
        "f.yml:1:4: tag 'tag:yaml.org,2002:binary' is niet toegestaan; schrijf de waarde zonder tag",
    ),
    "unreadable date": ("a: 2015-02-30\n", "f.yml:1:4: waarde '2015-02-30' kan niet worden gelezen"),
    "duplicate key": ("a: 1\na: 2\n", "f.yml:2:1: sleutel 'a' staat er twee keer (eerst op regel 1)"),
    "scanner": (
        "a: b: c\n",
        "f.yml:1:5: YAML-syntaxfout: hier mag geen ':' staan; zet tekst met een dubbele punt tussen "
        "aanhalingstekens, of begin een nieuwe sleutel op een eigen regel",
    ),
    "parser": (
        "a:\n  - b\n c: d\n",
        "f.yml:3:2: YAML-syntaxfout: verwacht het einde van een blok, gevonden een nieuwe sleutel; "
        "controleer de inspringing (even ver als de regels erboven)",
    ),
    "control character": ("a: x\x07y\nb: é\x01\n", "f.yml:1:5: teken U+0007 is niet toegestaan; verwijder het"),
    "second document": (
        "a: 1\n---\nb: 2\n",
        "f.yml:2:1: YAML-syntaxfout: het bestand bevat een tweede document ('---'); laat er één over",
    ),
    "empty": ("# leeg\n", "f.yml:1:1: bestand is leeg"),
    "number key": ("a: 1\n2: b\n", "f.yml:2:1: een sleutel moet tekst zijn"),
    "mapping key": ("? {a: 1}\n: 2\n", "f.yml:1:3: een sleutel moet tekst zijn"),
    "set": (
        "a: !!set {b: null}\n",
        "f.yml:1:4: tag 'tag:yaml.org,2002:set' is niet toegestaan; schrijf de waarde zonder tag",
    ),
    "huge number": ("a: 123456789012345678901234567890\n", "f.yml:1:4: getal is te groot"),
    "bad int": ("a: !!int abc\n", "f.yml:1:4: waarde 'abc' kan niet worden gelezen"),
    "empty int": ("a: !!int ''\n", "f.yml:1:4: waarde '' kan niet worden gelezen"),
    "empty float": ('a: !!float ""\n', "f.yml:1:4: waarde '' kan niet worden gelezen"),
    "alias key": ("a: 1\n*x : 2\n", "f.yml:2:1: aliassen (*naam) zijn niet toegestaan; schrijf de waarde uit"),
    "local tag": ("a: !foo 1\n", "f.yml:1:4: tag '!foo' is niet toegestaan; schrijf de waarde zonder tag"),
    "tag on scalar as map": (
        "a: !!map b\n",
        "f.yml:1:4: tag 'tag:yaml.org,2002:map' is niet toegestaan; schrijf de waarde zonder tag",
    ),
}


def load_both_ways(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What load_document gives with libyaml (when there) and with the pure-Python loader alone."""
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    found = []
    for loader in (load._FastLoader, None):
        monkeypatch.setattr(load, "_FastLoader", loader)
        problems = Problems()
        document = load.load_document(path, "f.yml", problems)
        found.append((contents(document), [str(problem) for problem in problems.items]))
    return found


@pytest.mark.parametrize("case", REFUSED)
def test_what_python_refuses_is_left_to_python(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, message = REFUSED[case]
    if load._FastLoader is not None:
        with pytest.raises((load._Unclean, load._Refused, yaml.YAMLError)):
            load._fast_document(text, "f.yml")
    with_libyaml, python_only = load_both_ways(text, tmp_path, monkeypatch)
    assert message in with_libyaml[1]
    assert with_libyaml == python_only


# Where libyaml reads text differently from PyYAML (found by fuzzing): the pure-Python reading counts.
DIFFERENT = {
    "tab before a value": "a:\tb\n",
    "tab in a flow list": "a: [\tb]\n",
    "tab before a colon": "a\t: b\n",
    "question mark in a flow list": "a: [0?.0, 1]\n",
    "question mark in a flow mapping": "a: {b: in ? zeer, c: 1}\n",
    "colon in a flow list": "a: [b:, c, d:e]\n",
    "byte order mark inside a line": "a: {b: x\ufeffy, c: 2}\n",
    "explicit key without a value at the end": "a: 1\n? b",
    "missing values": "a:\nb: {c: , d}\ne: [f, ]\n",
    "empty document without a line break": "---",
    "empty tagged value": "a: !\n",
    "comment right after a block scalar indicator": "a: |#c\n  x\n",
}


@pytest.mark.parametrize("case", DIFFERENT)
def test_where_libyaml_reads_differently_python_decides(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_libyaml, python_only = load_both_ways(DIFFERENT[case], tmp_path, monkeypatch)
    assert with_libyaml == python_only


def test_a_file_over_the_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.yml"
    path.write_bytes(b"a: 1\n" * (load.MAX_FILE_BYTES // 4))
    reads: list[int] = []
    real_read = load.os.read
    monkeypatch.setattr(load.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    problems = Problems()
    assert load.read_bytes(path, "f.yml", problems) is None
    assert [str(p) for p in problems.items] == ["f.yml:1:1: bestand is te groot (640 KB; maximaal 512 KB)"]
    assert reads == []


def test_only_regular_files_are_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real_open = load.os.open
    monkeypatch.setattr(load.os, "open", lambda path, *args: opened.append(str(path)) or real_open(path, *args))
    os.mkfifo(tmp_path / "pijp.yml")
    (tmp_path / "map.yml").mkdir()
    (tmp_path / "link.yml").symlink_to("pijp.yml")
    for name in ("pijp.yml", "map.yml", "link.yml"):
        assert load.read_bytes(tmp_path / name, name, Problems()) is None
    assert opened == []


@pytest.mark.parametrize(
    "text",
    [
        "a: b: c\n",
        "a:\n  b: 1\n c: 2\n",
        "titel: [Ecogram\nsoort: methode\n",
        "a: {b\n",
        "a: '\n",
        'a: "\\q"\n',
        "a: @x\n",
        "- a\nb: 1\n",
        "a: |0\n  x\n",
        "a: 1\n---\nb: 2\n",
        "kapot: [\n",
        "key\nb: 1\n",
        "a: 'x' y\n",
    ],
)
def test_yaml_syntax_errors_are_dutch_and_keep_their_position(text: str) -> None:
    problems = Problems()
    assert load._parse(text, "f.yml", problems) is None
    (problem,) = problems.items
    assert problem.message.startswith("YAML-syntaxfout: ")
    assert problem.line >= 1 and problem.column >= 1
    english = ("expected", "found", "not allowed", "but got", "melding van de YAML-lezer")
    assert not any(word in problem.message for word in english), problem.message
