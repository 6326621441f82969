"""The two ways a run's problems are shown: text lines for people, one JSON document for tools.

check, build, serve and analyse all report through here, so a problem reads the same everywhere.
Text: `pad:regel:kolom: melding` per problem on stdout, and a count on stderr. JSON (`--format json`):
one document on stdout, in the shape `json_document` gives (documented in the README, version 1).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, Literal, TextIO

from generator.problems import Problem, Problems

Format = Literal["text", "json"]
FORMATS: tuple[Format, ...] = ("text", "json")

JSON_VERSION = 1
"""Raised only when a key changes meaning or goes; a new key leaves it as it is."""

JSON_SEVERITY = {"fout": "error", "waarschuwing": "warning"}


def text_line(problem: Problem) -> str:
    return str(problem)


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "code": problem.code,
        "severity": JSON_SEVERITY[problem.severity],
        "message": problem.message,
    }


def json_document(problems: Iterable[Problem]) -> dict[str, Any]:
    listed = [problem_json(problem) for problem in problems]
    return {"version": JSON_VERSION, "problems": listed, "count": len(listed)}


def summary(problems: Problems) -> str:
    return f"{len(problems.errors)} fout(en), {len(problems.warnings)} waarschuwing(en)"


def report(problems: Problems, format: Format = "text", out: TextIO | None = None) -> None:
    """The problems in order on `out` (stdout), as lines or one JSON document; the count on stderr.

    In JSON the document is written even without problems, so a tool always has one to read.
    """
    out = out or sys.stdout
    ordered = problems.sorted()
    if format == "json":
        print(json.dumps(json_document(ordered), ensure_ascii=False, indent=2), file=out)
    else:
        for problem in ordered:
            print(text_line(problem), file=out)
    if problems.items:
        print(summary(problems), file=sys.stderr)
