"""The points of a trend and the units' values over them (lib.core.trends)."""
from lib.core import trends


def test_trend_points():
    assert [p.month for p in trends.points(2022, 5, "month")] == [1, 2, 3, 4, 5]
    assert [p.month for p in trends.points(2022, 8, "quarter")] == [3, 6, 8]
    assert [p.month for p in trends.points(2022, 9, "quarter")] == [3, 6, 9]
    years = trends.points(2024, 7, "year", [2022, 2023, 2024])
    assert [(p.year, p.month) for p in years] == [(2022, 12), (2023, 12), (2024, 7)]
    assert [p.order for p in years] == [202212, 202312, 202407]


def test_no_points_no_values():
    assert trends.value_history(None, None, []).columns.tolist() == trends.VALUE_COLUMNS
