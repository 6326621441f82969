"""The 2015 distributions (Bijlage 7) as data: complete, consistent, and agreeing with the report's text."""

from __future__ import annotations

import functools

import yaml

from generator.results2015 import Row
from tests.conftest import REPO
from tests.report_figures import CITED, CITED_LOW_ONLY

RESULTS = yaml.safe_load((REPO / "content/resultaten-2015.yml").read_text(encoding="utf-8"))
BY_ITEM = {r["eindterm"]: r for r in RESULTS}


def test_every_scored_eindterm_has_a_distribution() -> None:
    scored = [*range(8, 24), *range(25, 59)]
    assert sorted(BY_ITEM) == scored


def test_every_distribution_sums_to_100_or_says_why_not() -> None:
    for result in RESULTS:
        for side in ("huidig", "gewenst"):
            values = result[side]
            total = sum(v for v in values if v is not None)
            if None in values:
                assert result["opmerking"], (result["eindterm"], side)
            else:
                assert abs(total - 100) <= 0.2, (result["eindterm"], side, total)


def _whole_counts(values: list[float | None], n: int) -> bool:
    return all(abs(v * n / 100 - round(v * n / 100)) <= 0.06 for v in values if v is not None)


def test_every_distribution_is_whole_counts_of_its_n() -> None:
    for result in RESULTS:
        n = result["n"] or result["n_afgeleid"]
        assert n, result["eindterm"]
        for side in ("huidig", "gewenst"):
            if _whole_counts(result[side], n):
                continue
            # A respondent who skipped one side: the note must say so, and the counts fit N - 1.
            assert _whole_counts(result[side], n - 1), (result["eindterm"], side)
            assert str(n - 1) in result["opmerking"], result["eindterm"]


def test_the_figures_the_report_cites_are_reproduced() -> None:
    for eindterm, low, high in CITED:
        result = BY_ITEM[eindterm]
        assert round(result["huidig"][0] + result["huidig"][1], 1) == low, eindterm
        assert round(result["gewenst"][3] + result["gewenst"][4], 1) == high, eindterm
    for eindterm, low in CITED_LOW_ONLY:
        result = BY_ITEM[eindterm]
        assert round(result["huidig"][0] + result["huidig"][1], 1) == low, eindterm


def test_the_gaps_in_the_source_are_recorded_not_filled() -> None:
    assert BY_ITEM[13]["huidig"][4] is None and BY_ITEM[13]["gewenst"][4] is None
    assert BY_ITEM[58]["n"] is None and BY_ITEM[58]["n_afgeleid"] == 45
    assert BY_ITEM[58]["status"] == "concept"


# --- the figures the site shows (generator.results2015) ----------------------------------------------


@functools.cache
def _site_figures() -> dict[int, Row]:
    from generator import results2015
    from generator.site import check

    linked, problems = check(REPO)
    assert not problems.errors
    return results2015.figures(linked.kb).by_number


def test_the_site_figures_add_up_the_percentages_of_the_source() -> None:
    from generator.results2015 import dutch

    rows = _site_figures()
    assert sorted(rows) == sorted(BY_ITEM)
    # By hand from content/resultaten-2015.yml: laag huidig = 1 + 2, hoog gewenst = 4 + 5.
    assert dutch(rows[8].laag_huidig, percent=True) == "0,0%"  # 0.0 + 0.0
    assert dutch(rows[8].hoog_gewenst, percent=True) == "93,5%"  # 47.8 + 45.7
    assert dutch(rows[21].laag_huidig, percent=True) == "43,5%"  # 6.5 + 37.0
    assert dutch(rows[21].hoog_gewenst, percent=True) == "73,3%"  # 44.4 + 28.9
    assert dutch(rows[14].laag_huidig, percent=True) == "17,4%"  # 0.0 + 17.4
    assert rows[13].hoog_gewenst is None  # the chart shows no 'in zeer hoge mate'
    for number, result in BY_ITEM.items():
        row = rows[number]
        assert row.laag_huidig == round((result["huidig"][0] + result["huidig"][1]) * 10), number
        if None not in result["gewenst"][3:]:
            assert row.hoog_gewenst == round((result["gewenst"][3] + result["gewenst"][4]) * 10), number


def test_the_site_figures_equal_those_of_kennisbank_analyse() -> None:
    from generator.analyse import Reference, compute
    from generator.figures import high, low
    from generator.site import check

    rows = _site_figures()
    reference = Reference.from_kb(check(REPO)[0].kb)
    for number, result in reference.baseline.items():
        assert rows[number].laag_huidig == low(compute.chart_tenths(result.huidig)), number
        assert rows[number].hoog_gewenst == high(compute.chart_tenths(result.gewenst)), number
        assert rows[number].leerruimte == compute._baseline_gap([number], [number], reference), number


def test_the_2015_leerruimte_is_the_difference_of_the_means_by_hand() -> None:
    rows = _site_figures()
    # Eindterm 8, N = 46 on both sides. huidig 10.9 / 71.7 / 17.4% of 46 = 5, 33, 8 respondents on 3, 4, 5:
    # Σ = 15 + 132 + 40 = 187. gewenst 2.2 / 4.3 / 47.8 / 45.7% = 1, 2, 22, 21 on 2-5: Σ = 2 + 6 + 88 + 105 = 201.
    # (201 - 187) / 46 = 0.304 → 0,3.
    assert rows[8].leerruimte == 3
    # Eindterm 21: huidig of 46 = 3, 17, 21, 5, 0 (Σ 120); gewenst of 45 (one left it empty) = 1, 0, 11, 20, 13
    # (Σ 179). 179/45 - 120/46 = 3.978 - 2.609 = 1.369 → 1,4.
    assert rows[21].leerruimte == 14
    # Eindterm 13 lacks category 5: it gets the rest of N = 45 (2 and 15). Σh = 4 + 63 + 80 + 10 = 157,
    # Σg = 15 + 100 + 75 = 190: 33/45 = 0.733 → 0,7.
    assert rows[13].leerruimte == 7


def test_leerruimte_rounds_half_away_from_zero_with_a_real_minus() -> None:
    from generator.figures import BaselineSide, mean_gap
    from generator.results2015 import dutch

    # huidig all 4 (mean 4), gewenst 3, 4, 4, 4 (mean 3.75): -0.25 → -0.3.
    gap = mean_gap([BaselineSide((0, 0, 0, 4, 0), 4)], [BaselineSide((0, 0, 1, 3, 0), 4)])
    assert gap == -3
    assert dutch(gap, signed=True) == "−0,3"
    assert dutch(14, signed=True) == "+1,4" and dutch(0, signed=True) == "0,0" and dutch(None) == "–"


def test_the_signals_follow_the_rule_of_thumb() -> None:
    rows = _site_figures()
    for number, row in rows.items():
        signals = [signal for signal, _ in row.signals]
        assert ("laag gewaardeerd" in signals) == (row.laag_huidig is not None and row.laag_huidig > 300), number
        assert ("weinig leerruimte" in signals) == (row.hoog_gewenst is not None and row.hoog_gewenst < 700), number
    assert dict(rows[21].signals) == {"laag gewaardeerd": "meer dan 30% waardeert huidig laag (1–2)"}
