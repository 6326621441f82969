"""The analysis' input: what the exports gave (answers) and what it needs from the knowledge base."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.models import Concept, Eindterm, Reflector, Resultaat, Schaalpunt
from generator.problems import Problem
from generator.registry import CONTENT_TYPES
from generator.site import check
from generator.validate import KnowledgeBase

REQUIRED_COLUMNS = ("respondent", "eindterm", "huidig", "gewenst")
OPTIONAL_COLUMNS = ("reflector", "team", "datum", "tekst", "antwoord")
EXPORT_COLUMNS = (*REQUIRED_COLUMNS, "team", "datum")
"""The old export format, which `write_export` keeps writing (the 2015 reconstruction)."""
SIDES = ("huidig", "gewenst")
OPEN_QUESTIONS = {"leerruimte": "Waar is mijn leerruimte het grootst?", "actie": "Wat ga ik doen, en wanneer?"}
"""The closing questions of every online form, by their key in the `eindterm` column, in form order."""
JSON_FORMAT = "kennisbank-reflector"
JSON_VERSIONS = ("1", "2")
MAX_BYTES = 20 * 1024 * 1024
"""An export is a few KB; a bigger file is something else (and must not be read into memory whole)."""

CONTENT_USED = ("eindterm", "concept", "resultaat", "schaalpunt", "reflector")
"""Content types the analysis reads; errors in their files stop it."""

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
        eindtermen = {int(e.item.nummer): e.item for e in kb.items_of(Eindterm)}
        return cls(
            scored={n: e for n, e in sorted(eindtermen.items()) if e.soort == "schaal"},
            eindtermen=eindtermen,
            concepts=[e.item for e in kb.items_of(Concept)],
            baseline={int(e.item.eindterm): e.item for e in kb.items_of(Resultaat)},
            scale={int(e.item.waarde): e.item.omschrijving for e in kb.items_of(Schaalpunt)},
            reflectors={e.item.id: e.item for e in kb.items_of(Reflector)},
        )

    def question(self, key: int | str) -> str:
        """The text of an open question: the eindterm's text, or the closing question."""
        return self.eindtermen[key].tekst if isinstance(key, int) else OPEN_QUESTIONS[key]


def load_reference(root: Path) -> tuple[Reference | None, list[Problem]]:
    """The reference data of the knowledge base at `root`, or the content errors that make it unreliable.

    Errors in files the analysis does not read (a methode, a kennisbron) do not stop it.
    """
    linked, problems = check(root)
    used = [CONTENT_TYPES[name] for name in CONTENT_USED]
    blocking = [p for p in problems.sorted() if p.severity == "fout" and any(kind.owns(p.path) for kind in used)]
    if blocking:
        return None, blocking
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
        return f"onbekende reflector '{shorten(reflector_id)}'; bedoelde je '{close[0]}'?"
    return f"onbekende reflector '{shorten(reflector_id)}'; kies uit: {', '.join(scale)}"


def shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
