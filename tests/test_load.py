"""The load stage: libyaml (fast) and the pure-Python loader read content the same way."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import load
from generator.problems import Problems
from tests.conftest import REPO

libyaml = pytest.mark.skipif(load._FastComposer is None, reason="libyaml is not available")


def committed_yaml() -> list[Path]:
    names = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "*.yml", "*.yaml"], capture_output=True, text=True, check=True
    ).stdout.split()
    return [REPO / name for name in names]


def parsed(text: str, loader_class: type | None) -> tuple[Any, list[str]]:
    problems = Problems()
    document = load._parse(text, "f.yml", problems, "", loader_class or load._StrictComposer)
    found = document and (document.data, document.value_positions, document.key_positions, document.lines)
    return found, [str(problem) for problem in problems.items]


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    assert (load._FastComposer is not None) == yaml.__with_libyaml__


@libyaml
def test_libyaml_and_python_read_the_real_content_identically() -> None:
    paths = committed_yaml()
    assert len(paths) > 50
    clean = 0
    for path in paths:
        text = path.read_text(encoding="utf-8-sig")
        fast = parsed(text, load._FastComposer)
        if fast[0] is not None and not fast[1]:  # what the fast path returns must be exactly what Python reads
            assert fast == parsed(text, load._StrictComposer), path
            clean += 1
    assert clean > 50


EXOTIC = {
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "cr": "a: 1\rb: 2\r",
    "nel and line separator": "a: 'tekst\x85met\u2028breuk'\nb: 2\n",
    "wide characters": "a: 😀😀 x\nb: [😀, 'é', z]\nc: {d: 😀}\ne\u0301: 1\n",
    "byte order mark": "\ufeffa: x\ufeffy\nb: 2\n",
    "block scalars": 'a: >\n  lang\n  tekst\n\n  meer\nb: |-\n  x\n   y\nc: "dq \\/ \\x41 \\u00e9\\\n  vervolg"\n',
    "directives": "%YAML 1.1\n%TAG !e! tag:yaml.org,2002:\n---\na: !e!str 1\n...\n",
    "complex key and flow": "? a\n: [b:c, d: e, {f: g}]\nh: http://x.nl/a:b#c # opmerking\ni:\nj: ~\n",
}


@libyaml
@pytest.mark.parametrize("case", EXOTIC)
def test_libyaml_and_python_give_the_same_positions(case: str) -> None:
    fast = parsed(EXOTIC[case], load._FastComposer)
    assert fast[0] is not None and not fast[1]
    assert fast == parsed(EXOTIC[case], None)


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
}


@libyaml
@pytest.mark.parametrize("case", REFUSED)
def test_libyaml_refuses_what_python_refuses(case: str) -> None:
    text, message = REFUSED[case]
    assert message in parsed(text, load._FastComposer)[1]
    assert message in parsed(text, None)[1]


SYNTAX = {
    "scanner": "a: b: c\n",
    "parser": "a:\n  - b\n c: d\n",
    "control character": "a: x\x07y\nb: é\x01\n",
    "second document": "a: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("case", SYNTAX)
def test_a_file_libyaml_refuses_is_reported_by_the_python_loader(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yml"
    path.write_text(SYNTAX[case], encoding="utf-8")
    reported = []
    for fast in (load._FastComposer, None):
        monkeypatch.setattr(load, "_FastComposer", fast)
        problems = Problems()
        assert load.load_document(path, "f.yml", problems) is None
        reported.append([str(problem) for problem in problems.items])
    assert reported[0] == reported[1] and reported[0]
