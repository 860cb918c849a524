"""Year-to-date figures: the one home of the rule (CONTRACT.md, observations file).

As of a month, the figures of a unit and an indicator in a year are the stored rows of that year
whose period ends on or before the month (`counts`). They pool by the indicator's measure: a ratio
sums the rows' numerators and denominators; a yes/no measure is done (1 of 1) once any row says
done, else not done (0 of 1). lib.store.queries reads the rows (or their sums, in SQL) with `counts`
and hands them to `pool` or `as_of_months`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from lib.core.catalogue import Catalogue

COLUMNS = ["unit_id", "indicator", "numerator", "denominator"]


def counts(month_to, month):
    """Whether a row whose period ends with month `month_to` counts as of the end of `month`
    (numbers, numpy arrays and SQL columns alike)."""
    return month_to <= month


def pool(sums: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Year-to-date figures (COLUMNS) from the counted rows of each unit and indicator summed
    (`numerator`, `denominator`) and their largest numerator (`done`)."""
    frame = sums.copy()
    yes_no = frame["indicator"].map({i.code: i.measure == "yes_no" for i in catalogue.indicators})
    yes_no = yes_no.fillna(False).astype(bool)
    frame.loc[yes_no, "numerator"] = frame.loc[yes_no, "done"]
    frame.loc[yes_no, "denominator"] = 1
    return frame.drop(columns="done").astype({"numerator": "int64", "denominator": "int64"}).reset_index(drop=True)


def as_of_months(rows: pd.DataFrame, catalogue: Catalogue, months: list[int]) -> dict[int, pd.DataFrame]:
    """The year-to-date figures as of each of `months`, from a year's stored rows (unit_id,
    indicator, month_to, numerator, denominator): the rows' sums (and largest numerator) by the
    month their period ends, accumulated along the months, so each month counts the rows ending by it."""
    # one row per unit and indicator, one column per month
    indicator_codes, indicators = pd.factorize(rows["indicator"])
    keys = rows["unit_id"].to_numpy(dtype=np.int64) * max(1, len(indicators)) + indicator_codes
    group, group_keys = pd.factorize(keys)
    month_to = rows["month_to"].to_numpy(dtype=np.int64)
    shape = (len(group_keys), 13)
    sums = {name: np.zeros(shape, dtype=np.int64) for name in ("numerator", "denominator", "rows")}
    np.add.at(sums["numerator"], (group, month_to), rows["numerator"].to_numpy(dtype=np.int64))
    np.add.at(sums["denominator"], (group, month_to), rows["denominator"].to_numpy(dtype=np.int64))
    np.add.at(sums["rows"], (group, month_to), 1)
    done = np.full(shape, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(done, (group, month_to), rows["numerator"].to_numpy(dtype=np.int64))
    running = {name: np.cumsum(values, axis=1) for name, values in sums.items()}
    running["done"] = np.maximum.accumulate(done, axis=1)
    unit_ids = np.asarray(group_keys) // max(1, len(indicators))
    indicator_of_group = np.asarray(indicators, dtype=object)[np.asarray(group_keys) % max(1, len(indicators))]
    out = {}
    for month in months:
        counted = running["rows"][:, month] > 0
        out[month] = pool(pd.DataFrame({
            "unit_id": unit_ids[counted], "indicator": indicator_of_group[counted],
            "numerator": running["numerator"][counted, month], "denominator": running["denominator"][counted, month],
            "done": running["done"][counted, month]}), catalogue)
    return out
