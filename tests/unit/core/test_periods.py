"""Composing a period from the entry page's choices, and which periods may be chosen."""
from datetime import date

import pytest

from lib.core import periods

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("year,granularity,n,text", [
    (2022, "Y", None, "2022"), (2022, "Q", 3, "2022-Q3"), (2022, "M", 7, "2022-07"), (2026, "M", 11, "2026-11"),
])
def test_compose_gives_what_parse_reads(year, granularity, n, text):
    assert periods.compose(year, granularity, n) == text
    assert periods.parse(text, TODAY).text == text


def test_only_begun_periods_are_offered():
    assert periods.choices(2025, "Q", TODAY) == [1, 2, 3, 4]
    assert periods.choices(2026, "Q", TODAY) == [1, 2, 3, 4]  # Q4 has begun
    assert periods.choices(2026, "M", TODAY) == list(range(1, 12))
    assert periods.choices(2026, "M", date(2026, 1, 5)) == [1]
    assert periods.choices(2026, "Y", TODAY) == []
    for n in periods.choices(2026, "M", TODAY):
        periods.parse(periods.compose(2026, "M", n), TODAY)  # never refused as future


def test_the_default_is_the_last_period_that_has_ended():
    assert periods.default_choice(2026, "M", TODAY) == 10
    assert periods.default_choice(2026, "Q", TODAY) == 3
    assert periods.default_choice(2025, "Q", TODAY) == 4
    assert periods.default_choice(2025, "M", TODAY) == 12
    assert periods.default_choice(2026, "Q", date(2026, 2, 1)) == 1  # nothing ended yet: the first
    assert periods.default_choice(2026, "Y", TODAY) is None
