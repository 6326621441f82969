"""Problems found in content: collected as data, reported once, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["fout", "waarschuwing"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a position in a content file (line and column count from 1)."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = "fout"

    def __str__(self) -> str:
        prefix = "waarschuwing: " if self.severity == "waarschuwing" else ""
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def one_line(message: str) -> str:
    """The message as one printable line: line breaks and lone surrogates from content are escaped."""
    return "".join(ascii(ch)[1:-1] if ch in LINE_BREAKS or "\ud800" <= ch <= "\udfff" else ch for ch in message)


@dataclass
class Problems:
    """The collected problems of one run."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str | Path, line: int, column: int, message: str) -> None:
        self.items.append(Problem(str(path), line, column, one_line(message)))

    def warn(self, path: str | Path, line: int, column: int, message: str) -> None:
        self.items.append(Problem(str(path), line, column, one_line(message), "waarschuwing"))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "fout"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "waarschuwing"]

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class ContentError(Exception):
    """Raised by a pipeline stage when the content has errors; carries all of them."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(f"{len(problems.errors)} fout(en) in de inhoud")
        self.problems = problems
