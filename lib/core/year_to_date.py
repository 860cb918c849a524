"""Year-to-date figures: the one home of the rule (CONTRACT.md, observations file).

As of a month, the figures of a unit and an indicator in a year are the stored rows of that year
whose period ends on or before the month (`counts`). They pool by what the indicator counts:
- a flow ratio (events in each period: dossiers, documents, issues fixed) sums the rows'
  numerators and denominators;
- a stock ratio (a state at the report's date: staff with a degree, procedures published) takes
  the unit's latest row, so three quarterly reports of 11 cadres are 11 cadres, not 33;
- a yes/no measure is done (1 of 1) once any row says done, else not done (0 of 1).
lib.store.queries reads the counted rows and hands them to `as_of_months`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.core.catalogue import Catalogue

COLUMNS = ["unit_id", "indicator", "numerator", "denominator"]
ROW_COLUMNS = ["unit_id", "indicator", "month_to", "numerator", "denominator"]


def counts(month_to, month):
    """Whether a row whose period ends with month `month_to` counts as of the end of `month`
    (numbers, numpy arrays and SQL columns alike)."""
    return month_to <= month


def as_of_months(rows: pd.DataFrame, catalogue: Catalogue, months: list[int]) -> dict[int, pd.DataFrame]:
    """The year-to-date figures (COLUMNS) as of each of `months`, from a year's stored rows
    (ROW_COLUMNS): per unit and indicator, the rows by the month their period ends, accumulated
    along the months (flows), the latest by each month (stocks), the largest numerator (yes/no)."""
    # one row per unit and indicator, one column per month (0..12)
    indicator_codes, indicators = pd.factorize(rows["indicator"])
    width = max(1, len(indicators))
    keys = rows["unit_id"].to_numpy(dtype=np.int64) * width + indicator_codes
    group, group_keys = pd.factorize(keys)
    month_to = rows["month_to"].to_numpy(dtype=np.int64)
    shape = (len(group_keys), 13)
    at = {name: np.zeros(shape, dtype=np.int64) for name in ("numerator", "denominator", "rows")}
    np.add.at(at["numerator"], (group, month_to), rows["numerator"].to_numpy(dtype=np.int64))
    np.add.at(at["denominator"], (group, month_to), rows["denominator"].to_numpy(dtype=np.int64))
    np.add.at(at["rows"], (group, month_to), 1)
    done = np.full(shape, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(done, (group, month_to), rows["numerator"].to_numpy(dtype=np.int64))
    summed = {name: np.cumsum(values, axis=1) for name, values in at.items()}
    done = np.maximum.accumulate(done, axis=1)
    # the month of each group's latest row by each month (-1: none yet)
    latest = np.maximum.accumulate(np.where(at["rows"] > 0, np.arange(13), -1), axis=1)
    unit_ids = np.asarray(group_keys) // width
    indicator_of_group = np.asarray(indicators, dtype=object)[np.asarray(group_keys) % width]
    reading = pd.Series(indicator_of_group, dtype=object).map(
        {i.code: i.measure if i.measure == "yes_no" else i.stock_flow for i in catalogue.indicators})
    stock, yes_no = (reading == "stock").to_numpy(), (reading == "yes_no").to_numpy()
    rows_of_group = np.arange(len(group_keys))
    out = {}
    for month in months:
        last = latest[:, month]
        numerator = np.where(stock, at["numerator"][rows_of_group, last], summed["numerator"][:, month])
        denominator = np.where(stock, at["denominator"][rows_of_group, last], summed["denominator"][:, month])
        numerator = np.where(yes_no, done[:, month], numerator)
        denominator = np.where(yes_no, 1, denominator)
        counted = last >= 0
        out[month] = pd.DataFrame({
            "unit_id": unit_ids[counted], "indicator": indicator_of_group[counted],
            "numerator": numerator[counted], "denominator": denominator[counted]}).astype(
            {"numerator": "int64", "denominator": "int64"})
    return out
