"""Year-to-date figures over time: the district scored as of the end of each month, quarter or year.

Each point of a trend is an ordinary `Scores` (the same scoring as every page and the export),
so a trend's last point is exactly what the page shows for the chosen as-of month. The figures are
read by lib.store.results (trend_scores, trend_values); a point's label is lib.present.format.point_label.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.core import catalogue as cat
from lib.core.applies import applies_to

GRAINS = ("month", "quarter", "year")


@dataclass(frozen=True)
class Point:
    """One point of a trend: the year scored as of the end of `month`."""

    year: int
    month: int
    grain: str  # month | quarter | year

    @property
    def order(self) -> int:
        return self.year * 100 + self.month


def points(year: int, month: int, grain: str, years: list[int] | None = None) -> list[Point]:
    """The points of a trend ending at (`year`, `month`): every month end of the year so far, every
    quarter end (plus the as-of month when it is not one), or every year in `years` up to `year`
    (earlier years at their end, `year` itself as of `month`)."""
    if grain == "month":
        return [Point(year, m, grain) for m in range(1, month + 1)]
    if grain == "quarter":
        ends = [m for m in (3, 6, 9, 12) if m <= month]
        if month not in ends:
            ends.append(month)
        return [Point(year, m, grain) for m in ends]
    if grain == "year":
        earlier = sorted(y for y in (years or []) if y < year)
        return [Point(y, 12, grain) for y in earlier] + [Point(year, month, grain)]
    raise ValueError(f"unknown grain {grain!r}")


VALUE_COLUMNS = ["order", "indicator", "unit_code", "value"]


def unit_values(catalogue: cat.Catalogue, units: pd.DataFrame, ytd: pd.DataFrame,
                indicators: list[str] | None = None) -> pd.DataFrame:
    """Each unit's year-to-date value (percent) of each indicator, where scoring would show one:
    the unit is of the indicator's levels and in its scope, has figures, and a denominator. Much
    cheaper than `score` when only the units' values are wanted (a sparkline per indicator);
    `ytd` may carry extra columns (e.g. `order`), which are kept."""
    merged = ytd.merge(units.rename(columns={"id": "unit_id", "code": "unit_code"}), on="unit_id")
    frames = []
    for ind in catalogue.indicators:
        if indicators is not None and ind.code not in indicators:
            continue
        part = merged[merged["indicator"] == ind.code]
        part = part[applies_to(ind, part) & (part["denominator"] > 0).to_numpy()]
        frames.append(part.assign(value=100.0 * part["numerator"] / part["denominator"]))
    if not frames:
        return pd.DataFrame(columns=[*ytd.columns, "unit_code", "value"])
    return pd.concat(frames, ignore_index=True)


def value_history(catalogue: cat.Catalogue, units: pd.DataFrame, ytd_at_points: list[pd.DataFrame],
                  indicators: list[str] | None = None) -> pd.DataFrame:
    """`unit_values` of `units` at every point, in long form (order, indicator, unit_code, value):
    `ytd_at_points` holds each point's year-to-date figures, marked with the point's `order`."""
    if not ytd_at_points:
        return pd.DataFrame(columns=VALUE_COLUMNS)
    values = unit_values(catalogue, units, pd.concat(ytd_at_points, ignore_index=True), indicators)
    return values[VALUE_COLUMNS].sort_values(["indicator", "unit_code", "order"]).reset_index(drop=True)
