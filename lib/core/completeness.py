"""Who has not reported what: the chase list and the reporting rate per area.

A unit is due for an indicator when the indicator applies to it; by the end of the as-of month
it should have reported up to the last period of its usual granularity that has ended: the
month itself (monthly), the last finished quarter (quarterly), or the year (yearly, only in
December). The granularity is the one the unit uses this year, else last year, else the
indicator's usual period (catalogue).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from lib.core import catalogue as cat
from lib.present import format as fmt
from lib.present import i18n
from lib.store import queries
from lib.store.models import Observation
from lib.core.applies import applies_to

CHASE_COLUMNS = ["area", "indicator", "indicator_name", "unit_code", "unit_name", "level", "granularity",
                 "last_month", "due_month"]


def due_month(granularity: str, month: int) -> int:
    """The last month that a unit of this granularity should have reported by the end of `month`."""
    if granularity == "M":
        return month
    if granularity == "Q":
        return 3 * (month // 3)
    return 12 if month == 12 else 0


MAX_BOUND_IDS = 30000  # SQLite binds at most 32,766 values in one statement


def _reported(conn: Connection, unit_ids: list[int], year: int, month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(this year's last reported month and granularity per unit and indicator, up to `month`;
    last year's granularity)."""
    o = Observation
    stmt = (select(o.unit_id, o.indicator, o.year, func.max(o.month_to), func.max(o.granularity))
            .where((queries.year_is(conn, year) & (o.month_to <= month)) | queries.year_is(conn, year - 1))
            .group_by(o.unit_id, o.indicator, o.year))
    if len(unit_ids) <= MAX_BOUND_IDS:
        stmt = stmt.where(o.unit_id.in_(list(unit_ids)))  # only the units asked for are read
    rows = conn.execute(stmt).all()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows],
                                      columns=["unit_id", "indicator", "year", "last_month", "granularity"])
    frame = frame[frame["unit_id"].isin(unit_ids)]
    this_year = frame[frame["year"] == year][["unit_id", "indicator", "last_month", "granularity"]]
    last_year = frame[frame["year"] == year - 1][["unit_id", "indicator", "granularity"]]
    return this_year, last_year


def expected(catalogue: cat.Catalogue, units: pd.DataFrame) -> pd.DataFrame:
    """Every (unit, indicator) pair where the indicator applies to the unit (catalogue order, then
    the units' order)."""
    positions, numbers = [], []
    for number, ind in enumerate(catalogue.indicators):
        found = np.flatnonzero(applies_to(ind, units))
        positions.append(found)
        numbers.append(np.full(len(found), number))
    position = np.concatenate(positions) if positions else np.array([], dtype=np.int64)
    number = np.concatenate(numbers) if numbers else np.array([], dtype=np.int64)
    indicators = catalogue.indicators
    taken = units.iloc[position]

    def per_indicator(values: list) -> np.ndarray:
        return np.array(values, dtype=object)[number] if len(number) else np.array([], dtype=object)

    return pd.DataFrame({
        "area": np.array([ind.area for ind in indicators], dtype=np.int64)[number] if len(number) else [],
        "indicator": per_indicator([ind.code for ind in indicators]),
        "indicator_name": per_indicator([ind.name_vi for ind in indicators]),
        "usual_period": per_indicator([ind.usual_period for ind in indicators]),
        "unit_id": taken["id"].to_numpy(),
        "unit_code": taken["code"].to_numpy(dtype=object),
        "unit_name": taken["name"].to_numpy(dtype=object),
        "level": taken["level"].to_numpy(dtype=object),
    })


def status(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """Every due pair with its last reported month and whether it is missing (`missing`)."""
    pairs = expected(catalogue, units)
    this_year, last_year = _reported(conn, units["id"].tolist(), year, month)
    pairs = pairs.merge(this_year, on=["unit_id", "indicator"], how="left")
    pairs = pairs.merge(last_year.rename(columns={"granularity": "last_year_granularity"}),
                        on=["unit_id", "indicator"], how="left")
    granularity = pairs["granularity"].fillna(pairs["last_year_granularity"]).fillna(pairs["usual_period"])
    pairs["granularity"] = granularity
    pairs["due_month"] = granularity.map({g: due_month(g, month) for g in granularity.unique()}).astype(int)
    pairs["last_month"] = pairs["last_month"].fillna(0).astype(int)
    pairs["missing"] = (pairs["due_month"] > 0) & (pairs["last_month"] < pairs["due_month"])
    return pairs.drop(columns=["last_year_granularity", "usual_period"])


def chase_list(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    return chase_and_rate(conn, catalogue, units, year, month)[0]


def rate_by_area(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int, month: int) -> pd.DataFrame:
    """Per area: due reports, reports received, and the share received (percent; NaN when none is due)."""
    return chase_and_rate(conn, catalogue, units, year, month)[1]


def chase_and_rate(conn: Connection, catalogue: cat.Catalogue, units: pd.DataFrame, year: int,
                   month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`chase_list` and `rate_by_area` from one reading of the stored reports."""
    pairs = status(conn, catalogue, units, year, month)
    chase = pairs[pairs["missing"]][CHASE_COLUMNS].reset_index(drop=True)
    due = pairs[pairs["due_month"] > 0]
    table = due.groupby("area").agg(due=("missing", "size"), missing=("missing", "sum")).reindex(
        sorted(catalogue.areas), fill_value=0)
    table["received"] = table["due"] - table["missing"]
    table["rate"] = [100.0 * r / d if d else float("nan") for r, d in zip(table["received"], table["due"])]
    return chase, table.reset_index()[["area", "due", "received", "rate"]]


# --- what the pages show (plain frames; headers and words come from lib.present.i18n) ---------------------

CHASE_VIEW_COLUMNS = {  # column -> i18n key of its header (the download's headers too)
    "area": "col_area", "indicator": "col_code", "indicator_name": "col_indicator", "unit_code": "col_unit_code",
    "unit_name": "col_unit", "level_name": "col_level", "granularity_name": "col_reporting",
    "last_text": "col_last_reported", "due_text": "col_due",
}


def period_words(month: int, year: int, granularity: str, lang: str = "vi") -> str:
    """The period that ends with `month`, in words: `tháng 06/2026`, `quý 2/2026`, `năm 2026`."""
    if granularity == "Y" and month == 12:
        return i18n.t("reported_year", lang, year=year)
    if granularity == "Q" and month % 3 == 0:
        return i18n.t("reported_quarter", lang, q=month // 3, year=year)
    return i18n.t("reported_month", lang, month=month, year=year)


def chase_frame(chase: pd.DataFrame, catalogue: cat.Catalogue, year: int, lang: str = "vi") -> pd.DataFrame:
    """The chase list for reading: indicator names in the language, the level and reporting period
    in words, the last period reported this year (`chưa báo cáo` when none) and the one due."""
    frame = chase.copy()
    frame["indicator_name"] = [catalogue.by_code[c].name(lang) if c in catalogue.by_code else n
                               for c, n in zip(frame["indicator"], frame["indicator_name"])]
    frame["level_name"] = [cat.level_name(level, lang) for level in frame["level"]]
    frame["granularity_name"] = [i18n.t(f"granularity_{g}", lang) for g in frame["granularity"]]
    frame["last_text"] = [period_words(int(m), year, g, lang) if m else i18n.t("not_reported", lang)
                          for m, g in zip(frame["last_month"], frame["granularity"])]
    frame["due_text"] = [period_words(int(m), year, g, lang) for m, g in zip(frame["due_month"], frame["granularity"])]
    return frame


def chase_download(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The chase list as downloaded: the shown columns under their headers in the language."""
    return frame[list(CHASE_VIEW_COLUMNS)].rename(columns={c: i18n.t(k, lang) for c, k in CHASE_VIEW_COLUMNS.items()})


def filter_chase(frame: pd.DataFrame, areas=None, levels=None) -> pd.DataFrame:
    """The rows of the chosen areas and levels (None or empty: all)."""
    keep = pd.Series(True, index=frame.index)
    if areas:
        keep &= frame["area"].isin(list(areas))
    if levels:
        keep &= frame["level"].isin(list(levels))
    return frame[keep]


def rate_text(received: int, due: int, lang: str = "vi") -> str:
    """`95,0% (190/200)`; `chưa có báo cáo đến hạn` when none is due."""
    if not due:
        return i18n.t("rate_none_due", lang)
    tenths = 1000 * received // due  # rounded down: 1999 of 2000 is 99.9%, never 100%
    return i18n.t("rate_line", lang, percent=fmt.decimal(f"{tenths // 10}.{tenths % 10}", lang),
                  received=fmt.count(received, lang), due=fmt.count(due, lang))


def rate_frame(rate: pd.DataFrame, catalogue: cat.Catalogue, lang: str = "vi") -> pd.DataFrame:
    """The reporting rate per area for reading (`name`: `3. Cải cách TTHC`), then one row (area 0)
    for all areas together."""
    rows = [(int(a), f"{int(a)}. {catalogue.area_name(int(a), lang)}", int(d), int(r))
            for a, d, r in zip(rate["area"], rate["due"], rate["received"])]
    rows.append((0, i18n.t("all_areas", lang), sum(r[2] for r in rows), sum(r[3] for r in rows)))
    return pd.DataFrame([{"area": area, "name": name, "due": due, "received": received,
                          "rate": (1000 * received // due) / 10 if due else float("nan"),  # as rate_text
                          "rate_text": rate_text(received, due, lang)} for area, name, due, received in rows],
                        columns=["area", "name", "due", "received", "rate", "rate_text"])
