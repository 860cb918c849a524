"""The one formatter (lib.present.format): numbers, percentages, targets and periods, in both languages
and in the export's form of CONTRACT.md (`>98`, `>=20`, `>=40 cơ quan; >=30 xã`)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import pytest

from lib.core import trends
from lib.core.catalogue import TargetRule
from lib.core.scoring import Target
from lib.present import format as fmt

PER_LEVEL = (Target(">=", F(40), "agency"), Target(">=", F(30), "commune"))


def test_the_editors_count_format_groups_as_count_does():
    # Streamlit's printf: the `,` flag groups thousands, a `'X` flag names the separator (a `.` here)
    assert fmt.count_format("vi") == "%'.,d" and fmt.count(1763, "vi") == "1.763"
    assert fmt.count_format("en") == "%,d" and fmt.count(1763, "en") == "1,763"


def test_counts_and_decimals_in_both_languages():
    assert fmt.count(23435) == "23.435" and fmt.count(23435, "en") == "23,435"
    assert fmt.count(7) == "7"
    assert fmt.decimal("98.04") == "98,04" and fmt.decimal("98.04", "en") == "98.04"


def test_number_text_drops_needless_zeros():
    assert fmt.number_text(F(20)) == "20" and fmt.number_text(F(195, 2)) == "97.5"
    assert fmt.number_text(Decimal("98.500")) == "98.5" and fmt.number_text(12.5) == "12.5"


@pytest.mark.parametrize("numerator, denominator, text", [
    (98001, 100000, "98.00"),  # shown as 98.00 although more than 98: statuses never read this
    (2, 3, "66.67"), (1, 8, "12.50"), (1, 400, "0.25"), (0, 5, "0.00"), (5, 5, "100.00"),
    (1, 0, ""), (None, None, ""),
])
def test_percent_text_two_decimals_half_up(numerator, denominator, text):
    assert fmt.percent_text(numerator, denominator) == text
    assert fmt.percent(numerator, denominator) == text.replace(".", ",")
    assert fmt.percent(numerator, denominator, "en") == text


@pytest.mark.parametrize("target, export, vi, en", [
    (Target(">", F(98)), ">98", ">98%", ">98%"),
    (Target(">=", F(20)), ">=20", "≥20%", "≥20%"),
    (Target(">", F(197, 2)), ">98.5", ">98,5%", ">98.5%"),
    (Target("<=", F(5)), "<=5", "≤5%", "≤5%"),
    (TargetRule(">=", F(100), F(5), 2022), ">=100", "≥100%", "≥100%"),  # a catalogue rule reads the same
    (PER_LEVEL, ">=40 cơ quan; >=30 xã", "≥40% cơ quan; ≥30% xã", "≥40% agencies; ≥30% communes"),
])
def test_target_in_the_export_and_on_the_page(target, export, vi, en):
    assert fmt.target_export(target) == export
    assert fmt.target_text(target) == vi and fmt.target_text(target, "vi") == vi
    assert fmt.target_text(target, "en") == en


def test_a_trends_points_in_words():
    years = trends.points(2024, 7, "year", [2022, 2023, 2024])
    assert fmt.point_label(years[-1]) == "2024 (đến T7)" and fmt.point_label(years[0], "en") == "2022"
    assert fmt.point_label(trends.points(2022, 8, "quarter")[-1]) == "Quý 3 (đến T8)"
    assert fmt.point_label(trends.points(2022, 9, "quarter")[-1]) == "Quý 3"
    assert fmt.point_label(trends.points(2022, 8, "month")[0], "en") == "Jan"
    assert fmt.point_label(trends.points(2022, 8, "month")[0]) == "T1"


def test_a_reporting_period_in_words():
    assert fmt.period_words(6, 2026, "M") == "tháng 06/2026"
    assert fmt.period_words(6, 2026, "Q") == "quý 2/2026"
    assert fmt.period_words(12, 2026, "Y") == "năm 2026"
    assert fmt.period_words(5, 2026, "Q") == "tháng 05/2026"  # not a quarter's end


def test_numbers_and_dates_in_the_readers_form():
    from datetime import date
    from lib.present import format as fmt
    assert fmt.number(1234.5) == "1.234,50" and fmt.number(1234.5, "en") == "1,234.50"
    assert fmt.number(78.845, decimals=1) == "78,8" and fmt.number(None) == ""
    assert fmt.number(97.125) == "97,13"  # half up
    assert fmt.date_text(date(2026, 1, 12)) == "12/01/2026"
