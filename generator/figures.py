"""The reflector's figures, by the report's own method (§4.3.2): one rule for every place that shows them.

`kennisbank analyse`, the 2015 pages, the online reflector's "jij en Nijmegen 2015" and the team page
(whose script, assets/javascripts/team.js, follows the same rule in the browser) all count with these
functions. Percentages are whole tenths, count/n rounded half up; the collapsed shares are sums of the
rounded categories, as the report adds up its chart values (eindterm 51: 6,8 + 29,5 = 36,3% where
16/44 would round to 36,4%); a mean is rounded half away from zero. Integers throughout, so no float
noise reaches a page. This module depends on the models only, so every stage may import it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.models import Resultaat

CATEGORIES = 5
LOW_LIMIT = 300
"""Tenths of a percent. §4.3.2: "Boven de 30% is relevant voor lage waardes" (strictly above 30%)."""
HIGH_LIMIT = 700
"""Tenths of a percent. §4.3.2: "Minder dan 70% is relevant voor hoge waarden" (strictly below 70%)."""
SIGNAL_LOW = "laag gewaardeerd"
"""laag huidig above 30%: the report's wording ("wordt in de huidige situatie ook laag gewaardeerd")."""
SIGNAL_HIGH = "weinig leerruimte"
"""hoog gewenst below 70%: the report reads a low desired score as little learning space seen."""

MINUS = "−"
"""A real minus sign, as the report prints it."""

# "De percentages van de gewenste situatie zijn niet als hele aantallen van N=46 te schrijven, wel van 45"
_GEWENST_N = re.compile(r"gewenste situatie[^.]*?wel van (\d+)")


def tenths(count: int, n: int) -> int:
    """count/n as a percentage in whole tenths, rounded half up."""
    return (count * 2000 + n) // (2 * n)


def round_tenths(numerator: int, denominator: int) -> int:
    """numerator/denominator in whole tenths, rounded half away from zero."""
    sign = -1 if numerator < 0 else 1
    return sign * ((abs(numerator) * 20 + denominator) // (2 * denominator))


def distribution(counts: Sequence[int | None], n: int) -> list[int | None]:
    """Tenths per category (None where a count is unknown, or all None without answers)."""
    if n == 0:
        return [None] * CATEGORIES
    return [None if c is None else tenths(c, n) for c in counts]


def low(shares: Sequence[int | None]) -> int | None:
    """Share of 1 + 2 (laag), the sum of the rounded categories."""
    first, second = shares[0], shares[1]
    return None if first is None or second is None else first + second


def high(shares: Sequence[int | None]) -> int | None:
    """Share of 4 + 5 (hoog), the sum of the rounded categories."""
    fourth, fifth = shares[3], shares[4]
    return None if fourth is None or fifth is None else fourth + fifth


def three_point(shares: Sequence[int | None]) -> list[int | None]:
    """laag (1+2), voldoende (3), hoog (4+5)."""
    return [low(shares), shares[2], high(shares)]


def signals(low_share: int | None, high_share: int | None) -> list[str]:
    """The rule of thumb: more than 30% laag huidig, less than 70% hoog gewenst."""
    found = []
    if low_share is not None and low_share > LOW_LIMIT:
        found.append(SIGNAL_LOW)
    if high_share is not None and high_share < HIGH_LIMIT:
        found.append(SIGNAL_HIGH)
    return found


def dutch(value: int | None, signed: bool = False, percent: bool = False) -> str:
    """Whole tenths the Dutch way: 435 → '43,5'; signed: '+0,9' / '−0,3' / '0,0'; None → '–'."""
    if value is None:
        return "–"
    text = f"{abs(value) // 10},{abs(value) % 10}"
    if value < 0:
        text = MINUS + text
    elif signed and value > 0:
        text = "+" + text
    return text + "%" if percent else text


@dataclass(frozen=True)
class BaselineSide:
    """One side of a 2015 distribution as whole counts (None: the chart has no bar) of `n` respondents."""

    counts: tuple[int | None, ...]
    n: int

    def filled(self, what: str = "") -> list[int]:
        """The counts with a missing bar given the respondents the shown bars leave over."""
        missing = [i for i, c in enumerate(self.counts) if c is None]
        known = sum(c for c in self.counts if c is not None)
        if len(missing) > 1 or known > self.n or (not missing and known != self.n):
            raise ValueError(f"resultaten 2015{what}: aantallen tellen niet op tot N={self.n}")
        return [self.n - known if c is None else c for c in self.counts]

    @property
    def total(self) -> int:
        """The sum of all scores (value × respondents), for the mean."""
        return sum(value * count for value, count in enumerate(self.filled(), start=1))


def baseline_n(result: Resultaat) -> tuple[int, int]:
    """(N huidig, N gewenst): n or n_afgeleid; N-1 for the desired side where the note says so."""
    n = result.n or result.n_afgeleid
    if n is None:
        raise ValueError(f"resultaten 2015, eindterm {result.eindterm}: n en n_afgeleid ontbreken")
    match = _GEWENST_N.search(result.opmerking or "")
    return n, int(match.group(1)) if match else n


def baseline_sides(result: Resultaat) -> dict[str, BaselineSide]:
    """The 2015 distribution of one eindterm as whole counts: round(pct × N / 100) per category."""
    n_huidig, n_gewenst = baseline_n(result)
    sides = {}
    for side, n in (("huidig", n_huidig), ("gewenst", n_gewenst)):
        values = getattr(result, side)
        counts = tuple(None if v is None else round(v * n / 100) for v in values)
        shown = [None if v is None else round(v * 10) for v in values]
        if distribution(counts, n) != shown:
            raise ValueError(f"resultaten 2015, eindterm {result.eindterm}, {side}: geen hele aantallen van N={n}")
        sides[side] = BaselineSide(counts, n)
    return sides


def mean_gap(huidig: Sequence[BaselineSide], gewenst: Sequence[BaselineSide]) -> int | None:
    """2015 leerruimte in tenths: mean(gewenst) − mean(huidig) over the pooled sides, exactly:
    (Σg·n_h − Σh·n_g) / (n_g·n_h), rounded half away from zero. None without both sides."""
    n_h, n_g = sum(s.n for s in huidig), sum(s.n for s in gewenst)
    if not n_h or not n_g:
        return None
    sum_h, sum_g = sum(s.total for s in huidig), sum(s.total for s in gewenst)
    return round_tenths(sum_g * n_h - sum_h * n_g, n_g * n_h)
