"""The one rule for the reflector's figures (§4.3.2), on numbers a reader can check by hand."""

from __future__ import annotations

import pytest

from generator.figures import BaselineSide, distribution, high, low, mean_gap, round_tenths, signals, tenths


def test_percentages_are_whole_tenths_rounded_half_up() -> None:
    assert tenths(1, 8) == 125  # 12.5%
    assert tenths(1, 16) == 63  # 6.25% → 6.3%
    assert tenths(2, 3) == 667


def test_the_collapsed_shares_add_the_rounded_categories_as_the_report_does() -> None:
    shares = distribution([3, 13, 12, 11, 5], 44)  # eindterm 51 huidig: 6,8 + 29,5
    assert shares[:2] == [68, 295] and low(shares) == 363  # where 16/44 would be 36,4%
    assert high([0, 0, 0, None, 500]) is None


def test_a_mean_rounds_half_away_from_zero() -> None:
    assert round_tenths(-1, 4) == -3 and round_tenths(1, 4) == 3 and round_tenths(-1, 5) == -2


def test_the_rule_of_thumb_is_strict_at_30_and_70_percent() -> None:
    assert signals(300, 700) == []
    assert signals(301, 699) == ["laag gewaardeerd", "weinig leerruimte"]


def test_the_2015_leerruimte_is_the_difference_of_the_means_with_a_missing_bar_filled() -> None:
    huidig = BaselineSide((2, 3, 20, 15, 5), 45)  # mean 3.4
    gewenst = BaselineSide((0, 1, 7, 22, None), 45)  # the missing bar gets the remaining 15: mean 4.1333
    assert gewenst.filled() == [0, 1, 7, 22, 15]
    assert mean_gap([huidig], [gewenst]) == 7  # 0.7333 → 0,7
    assert mean_gap([], [gewenst]) is None


def test_counts_that_do_not_add_up_are_refused() -> None:
    with pytest.raises(ValueError, match="tellen niet op tot N=10"):
        BaselineSide((1, 2, 3, 4, 5), 10).filled()
