"""The analysis' results as types: what `compute.analyse` gives, the report shows and `--json` prints.

Field names are the JSON's (Dutch, as the team page and the tests read them); `to_json()` gives the
document in its fixed key order. Percentages have one decimal (whole tenths / 10); None: no figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from generator.problems import Problem


@dataclass(frozen=True)
class Sides:
    """One list of percentages per side (on the three-point scale: laag, voldoende, hoog)."""

    huidig: list[float | None]
    gewenst: list[float | None]


@dataclass(frozen=True)
class Compared:
    """The three figures compared with 2015: share laag huidig, share hoog gewenst, mean leerruimte."""

    laag_huidig: float | None
    hoog_gewenst: float | None
    leerruimte: float | None


@dataclass(frozen=True)
class Figures:
    """The figures of one eindterm or group of eindtermen (§4.3.2)."""

    n: int
    """Answers counted."""
    n_huidig: int
    n_gewenst: int
    huidig: list[float | None]
    """Per category of the five-point scale, in %."""
    gewenst: list[float | None]
    driepuntschaal: Sides
    laag_huidig: float | None
    hoog_gewenst: float | None
    signalen: list[str]
    """The rule of thumb's signals (figures.SIGNAL_LOW, SIGNAL_HIGH) these figures give."""
    leerruimte: float | None
    n_leerruimte: int
    """Respondents who answered both sides (the leerruimte's N)."""
    basis_2015: Compared
    verschil_2015: Compared
    """Team minus 2015."""

    def figure_values(self) -> dict[str, Any]:
        """The fields of Figures alone, to build a result of a subclass with them."""
        return {f.name: getattr(self, f.name) for f in fields(Figures)}

    def figures_json(self) -> dict[str, Any]:
        return {name: _json(value) for name, value in self.figure_values().items()}


@dataclass(frozen=True)
class EindtermResult(Figures):
    """The figures of one eindterm."""

    eindterm: int
    concept: str | None
    dimensie: str | None

    def to_json(self) -> dict[str, Any]:
        return {"eindterm": self.eindterm, "concept": self.concept, "dimensie": self.dimensie, **self.figures_json()}


@dataclass(frozen=True)
class DimensionResult(Figures):
    """The figures pooled over the answered eindtermen of one dimension of a concept."""

    concept: str | None
    dimensie: str | None
    titel: str
    eindtermen: list[int]
    respondenten: int

    def to_json(self) -> dict[str, Any]:
        names = {"concept": self.concept, "dimensie": self.dimensie, "titel": self.titel}
        return {**names, "eindtermen": self.eindtermen, "respondenten": self.respondenten, **self.figures_json()}


@dataclass(frozen=True)
class ConceptResult(Figures):
    """The figures pooled over the answered eindtermen of one concept."""

    concept: str | None
    titel: str
    eindtermen: list[int]
    respondenten: int

    def to_json(self) -> dict[str, Any]:
        names = {"concept": self.concept, "titel": self.titel}
        return {**names, "eindtermen": self.eindtermen, "respondenten": self.respondenten, **self.figures_json()}


@dataclass(frozen=True)
class Period:
    """First and last date (ISO) of the answers."""

    van: str
    tot: str


@dataclass(frozen=True)
class OpenQuestion:
    """The answers to one open question, in file order."""

    vraag: int | str
    """An open eindterm's number, or a closing question's key (reference.OPEN_QUESTIONS)."""
    tekst: str
    antwoorden: list[str]


@dataclass(frozen=True)
class Analysis:
    """One team's analysis: per eindterm, dimension and concept, beside 2015."""

    eindtermen: list[EindtermResult]
    dimensies: list[DimensionResult]
    concepten: list[ConceptResult]
    respondenten: int
    antwoorden: int
    teams: list[str]
    periode: Period | None
    bestanden: list[str]
    reflector: str | None
    open_antwoorden: list[OpenQuestion]
    bespreek_eerst: list[int]
    """Eindtermen to discuss first (compute._discuss_first)."""
    problemen: list[Problem]
    """What reading the exports reported."""

    def to_json(self) -> dict[str, Any]:
        """The `kennisbank analyse --json` document."""
        return {
            "eindtermen": [item.to_json() for item in self.eindtermen],
            "dimensies": [group.to_json() for group in self.dimensies],
            "concepten": [group.to_json() for group in self.concepten],
            "respondenten": self.respondenten,
            "antwoorden": self.antwoorden,
            "teams": self.teams,
            "periode": _json(self.periode),
            "bestanden": self.bestanden,
            "reflector": self.reflector,
            "open_antwoorden": [_json(question) for question in self.open_antwoorden],
            "bespreek_eerst": self.bespreek_eerst,
            "problemen": [
                {
                    "pad": p.path,
                    "regel": p.line,
                    "kolom": p.column,
                    "code": p.code,
                    "ernst": p.severity,
                    "melding": p.message,
                }
                for p in self.problemen
            ],
        }


def _json(value: Any) -> Any:
    return asdict(value) if hasattr(value, "__dataclass_fields__") else value
