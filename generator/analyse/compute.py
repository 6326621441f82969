"""Counting and figures: answers into the team's picture per eindterm, dimension and concept, beside 2015."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.analyse.reference import OPEN_QUESTIONS, SIDES, Answer, OpenAnswer, Reading, Reference
from generator.analyse.results import (
    Analysis,
    Compared,
    ConceptResult,
    DimensionResult,
    EindtermResult,
    Figures,
    OpenQuestion,
    Period,
    Sides,
)
from generator.figures import (
    CATEGORIES,
    baseline_sides,
    mean_gap,
)
from generator.figures import distribution as _distribution
from generator.figures import high as _high
from generator.figures import low as _low
from generator.figures import round_tenths as _round_tenths
from generator.figures import signals as _signals
from generator.figures import three_point as _three_point
from generator.problems import Problem

DISCUSS_FIRST = 5

NO_DIMENSION = "zonder dimensie"
NO_CONCEPT = "zonder concept"
BASELINE_TEAM = "Nijmegen 2015 (gereconstrueerd uit Bijlage 7)"

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


def pct(tenths: int | None) -> float | None:
    return None if tenths is None else tenths / 10


# --- figures ---------------------------------------------------------------------------------------


def _difference(team: int | None, base: int | None) -> float | None:
    return None if team is None or base is None else pct(team - base)


@dataclass(frozen=True)
class Base:
    """The 2015 figures a team figure is compared with, in tenths (None: no such figure)."""

    low: int | None
    high: int | None
    gap: int | None


def _gap(tally: Tally) -> int | None:
    """Mean leerruimte in tenths, over the respondents who answered both sides."""
    return _round_tenths(tally.difference, tally.pairs) if tally.pairs else None


def _figures(tally: Tally, base: Base) -> Figures:
    n_huidig, n_gewenst = sum(tally.huidig), sum(tally.gewenst)
    huidig = _distribution(tally.huidig, n_huidig)
    gewenst = _distribution(tally.gewenst, n_gewenst)
    low, high, gap = _low(huidig), _high(gewenst), _gap(tally)
    return Figures(
        n=tally.answers,
        n_huidig=n_huidig,
        n_gewenst=n_gewenst,
        huidig=[pct(t) for t in huidig],
        gewenst=[pct(t) for t in gewenst],
        driepuntschaal=Sides(
            huidig=[pct(t) for t in _three_point(huidig)],
            gewenst=[pct(t) for t in _three_point(gewenst)],
        ),
        laag_huidig=pct(low),
        hoog_gewenst=pct(high),
        signalen=_signals(low, high),
        leerruimte=pct(gap),
        n_leerruimte=tally.pairs,
        basis_2015=Compared(laag_huidig=pct(base.low), hoog_gewenst=pct(base.high), leerruimte=pct(base.gap)),
        verschil_2015=Compared(
            laag_huidig=_difference(low, base.low),
            hoog_gewenst=_difference(high, base.high),
            leerruimte=_difference(gap, base.gap),
        ),
    )


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


def chart_tenths(values: Sequence[float | None]) -> list[int | None]:
    """A 2015 chart's percentages as tenths, exactly as shown."""
    return [None if v is None else round(v * 10) for v in values]


def analyse(
    reading: Reading, reference: Reference, files: Sequence[str] = (), problems: Sequence[Problem] = ()
) -> Analysis:
    """The figures of §4.3 per eindterm, dimension and concept, with the difference from 2015."""
    per_item: dict[int, Tally] = {}
    for answer in reading.answers:
        per_item.setdefault(answer.eindterm, Tally()).add(answer)

    eindtermen = []
    for number in sorted(per_item):
        eindterm, result = reference.scored[number], reference.baseline.get(number)
        base = Base(
            _low(chart_tenths(result.huidig)) if result else None,
            _high(chart_tenths(result.gewenst)) if result else None,
            _baseline_gap([number], [number], reference),
        )
        figures = _figures(per_item[number], base)
        eindtermen.append(
            EindtermResult(
                **figures.figure_values(), eindterm=number, concept=eindterm.concept, dimensie=eindterm.dimensie
            )
        )

    dimensions, concepts = _groups(per_item, reference)
    rows = [(a.team, a.datum) for a in reading.answers] + [(a.team, a.datum) for a in reading.open_answers]
    return Analysis(
        eindtermen=eindtermen,
        dimensies=dimensions,
        concepten=concepts,
        respondenten=len(reading.respondents),
        antwoorden=len(reading.answers),
        teams=sorted({team for team, _ in rows if team}),
        periode=_period([datum for _, datum in rows]),
        bestanden=list(files),
        reflector=reading.reflector,
        open_antwoorden=_open_answers(reading.open_answers, reference),
        bespreek_eerst=_discuss_first(per_item),
        problemen=list(problems),
    )


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


def _open_answers(answers: Sequence[OpenAnswer], reference: Reference) -> list[OpenQuestion]:
    """Per question with answers, in the form's order (open eindtermen by number, then the closing ones)."""
    texts: dict[int | str, list[str]] = {}
    for answer in answers:
        texts.setdefault(answer.vraag, []).append(answer.tekst)
    order = sorted(k for k in texts if isinstance(k, int)) + [k for k in OPEN_QUESTIONS if k in texts]
    return [OpenQuestion(key, reference.question(key), texts[key]) for key in order]


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


def _period(datums: Iterable[str]) -> Period | None:
    """First and last date (ISO) of the datum column, if every filled-in datum is a date; else None."""
    dates = set()
    for text in {datum for datum in datums if datum}:
        parsed = _parse_date(text)
        if parsed is None:
            return None
        dates.add(parsed)
    return Period(min(dates).isoformat(), max(dates).isoformat()) if dates else None


def _groups(per_item: dict[int, Tally], reference: Reference) -> tuple[list[DimensionResult], list[ConceptResult]]:
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
            respondents, figures = _pool(numbers, per_item, reference)
            dimensions.append(
                DimensionResult(
                    **figures.figure_values(),
                    concept=concept_id,
                    dimensie=dimension_id,
                    titel=title,
                    eindtermen=numbers,
                    respondenten=respondents,
                )
            )
    concepts = []
    for concept_id, title in concept_order:
        numbers = concept_tallies.get(concept_id)
        if numbers:
            respondents, figures = _pool(numbers, per_item, reference)
            concepts.append(
                ConceptResult(
                    **figures.figure_values(),
                    concept=concept_id,
                    titel=title,
                    eindtermen=numbers,
                    respondenten=respondents,
                )
            )
    return dimensions, concepts


def _pool(numbers: list[int], per_item: dict[int, Tally], reference: Reference) -> tuple[int, Figures]:
    """Respondents and figures over all answers of `numbers`; the 2015 baseline pools the same eindtermen
    per side."""
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
    return len(tally.respondents), _figures(tally, base)
