"""Who has not reported what: the chase list and the reporting rate per area.

A unit is due for an indicator when the indicator applies to it; by the end of the as-of month
it should have reported up to the last period of its usual granularity that has ended: the
month itself (monthly), the last finished quarter (quarterly), or the year (yearly, only in
December). The granularity is the one the unit uses this year, else last year, else the
indicator's usual period (catalogue).
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from lib import catalogue as cat
from lib.models import Observation
from lib.scoring import in_scope

CHASE_COLUMNS = ["area", "indicator", "indicator_name", "unit_code", "unit_name", "level", "granularity",
                 "last_month", "due_month"]


def due_month(granularity: str, month: int) -> int:
    """The last month that a unit of this granularity should have reported by the end of `month`."""
    if granularity == "M":
        return month
    if granularity == "Q":
        return 3 * (month // 3)
    return 12 if month == 12 else 0


def _reported(conn: Connection, unit_ids: list[int], year: int, month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(this year's last reported month and granularity per unit and indicator, up to `month`;
    last year's granularity)."""
    o = Observation
    stmt = (select(o.unit_id, o.indicator, o.year, func.max(o.month_to), func.max(o.granularity))
            .where(((o.year == year) & (o.month_to <= month)) | (o.year == year - 1))
            .group_by(o.unit_id, o.indicator, o.year))
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["unit_id", "indicator", "year", "last_month", "granularity"])
    frame = frame[frame["unit_id"].isin(unit_ids)]
    this_year = frame[frame["year"] == year][["unit_id", "indicator", "last_month", "granularity"]]
    last_year = frame[frame["year"] == year - 1][["unit_id", "indicator", "granularity"]]
    return this_year, last_year


def expected(catalogue: cat.Catalogue, units: pd.DataFrame) -> pd.DataFrame:
    """Every (unit, indicator) pair where the indicator applies to the unit."""
    frames = []
    for ind in catalogue.indicators:
        mine = units[units["level"].isin(ind.levels)]
        mine = mine[in_scope(ind, mine)]
        frames.append(pd.DataFrame({"area": ind.area, "indicator": ind.code, "indicator_name": ind.name_vi,
                                    "usual_period": ind.usual_period,
                                    "unit_id": mine["id"], "unit_code": mine["code"], "unit_name": mine["name"],
                                    "level": mine["level"]}))
    return pd.concat(frames, ignore_index=True)


def status(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """Every due pair with its last reported month and whether it is missing (`missing`)."""
    pairs = expected(catalogue, units)
    this_year, last_year = _reported(conn, units["id"].tolist(), year, month)
    pairs = pairs.merge(this_year, on=["unit_id", "indicator"], how="left")
    pairs = pairs.merge(last_year.rename(columns={"granularity": "last_year_granularity"}),
                        on=["unit_id", "indicator"], how="left")
    granularity = pairs["granularity"].fillna(pairs["last_year_granularity"]).fillna(pairs["usual_period"])
    pairs["granularity"] = granularity
    pairs["due_month"] = [due_month(g, month) for g in granularity]
    pairs["last_month"] = pairs["last_month"].fillna(0).astype(int)
    pairs["missing"] = (pairs["due_month"] > 0) & (pairs["last_month"] < pairs["due_month"])
    return pairs.drop(columns=["last_year_granularity", "usual_period"])


def chase_list(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    pairs = status(conn, catalogue, units, year, month)
    return pairs[pairs["missing"]][CHASE_COLUMNS].reset_index(drop=True)


def rate_by_area(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """Per area: due reports, reports received, and the share received (percent; NaN when none is due)."""
    pairs = status(conn, catalogue, units, year, month)
    due = pairs[pairs["due_month"] > 0]
    table = due.groupby("area").agg(due=("missing", "size"), missing=("missing", "sum")).reindex(
        sorted(catalogue.areas), fill_value=0)
    table["received"] = table["due"] - table["missing"]
    table["rate"] = [100.0 * r / d if d else float("nan") for r, d in zip(table["received"], table["due"])]
    return table.reset_index()[["area", "due", "received", "rate"]]
