"""The 2015 distributions (Bijlage 7) as data: complete, consistent, and agreeing with the report's text."""

from __future__ import annotations

import yaml

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
