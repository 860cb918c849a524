"""Who has not reported what: the chase list and the reporting rate per area.

A unit is due for an indicator when the indicator applies to it; by the end of the as-of month
it should have reported up to the last period of its usual granularity that has ended: the
month itself (monthly), the last finished quarter (quarterly), or the year (yearly, only in
December). The granularity is the one the unit uses this year, else last year, else the
indicator's usual period (catalogue).

Some figures exist only after another is done: issues fixed (1.2b) are counted among the issues an
inspection found, so 1.2b is due from a commune only for the periods ending on or after the one in
which its inspection (1.2a) was reported done this year; a commune not yet inspected owes no 1.2b.
And a yes/no measure done this year stays done (CONTRACT.md): nothing more is due from that unit.

With the reporting workflow (lib.core.workflow) each due pair is also told apart by its state: not
reported, draft, returned, submitted (waiting for the secretariat's appraisal) or approved; who must
act next (the unit, or the secretariat) and since when (`with_states`). What counts as received is
what the pages count: every figure, or approved figures only (lib.store.queries.counting).

Plain data in and out: what the units reported is read by lib.store.queries.last_reported, the
figures' states by lib.store.workflow.states_by_pair; the chase list and the rates are worded by
lib.present.reporting.
"""
from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from lib.core import catalogue as cat
from lib.core import clock
from lib.core import workflow as wf
from lib.core.applies import applies_to

REPORTED_AFTER = {"1.2b": "1.2a"}  # indicator -> the indicator whose being done makes it due

CHASE_COLUMNS = ["area", "indicator", "indicator_name", "unit_code", "unit_name", "level", "granularity",
                 "last_month", "due_month"]


def due_month(granularity: str, month: int) -> int:
    """The last month that a unit of this granularity should have reported by the end of `month`."""
    if granularity == "M":
        return month
    if granularity == "Q":
        return 3 * (month // 3)
    return 12 if month == 12 else 0


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
        "measure": per_indicator([ind.measure for ind in indicators]),
        "unit_id": taken["id"].to_numpy(),
        "unit_code": taken["code"].to_numpy(dtype=object),
        "unit_name": taken["name"].to_numpy(dtype=object),
        "level": taken["level"].to_numpy(dtype=object),
    })


def status(catalogue: cat.Catalogue, units: pd.DataFrame, reported: pd.DataFrame, year: int,
           month: int) -> pd.DataFrame:
    """Every due pair with its last reported month and whether it is missing (`missing`), from what
    the units reported (lib.store.queries.last_reported: per unit, indicator and year, the last month
    and the granularity)."""
    pairs = expected(catalogue, units)
    this_year = reported[reported["year"] == year][["unit_id", "indicator", "last_month", "granularity"]]
    last_year = reported[reported["year"] == year - 1][["unit_id", "indicator", "granularity"]]
    pairs = pairs.merge(this_year, on=["unit_id", "indicator"], how="left")
    pairs = pairs.merge(last_year.rename(columns={"granularity": "last_year_granularity"}),
                        on=["unit_id", "indicator"], how="left")
    granularity = pairs["granularity"].fillna(pairs["last_year_granularity"]).fillna(pairs["usual_period"])
    pairs["granularity"] = granularity
    pairs["due_month"] = granularity.map({g: due_month(g, month) for g in granularity.unique()}).astype(int)
    done = this_year_done(reported, year)
    pairs["due_month"] = _after_prerequisites(pairs, done)
    pairs["last_month"] = pairs["last_month"].fillna(0).astype(int)
    first_done = pairs.merge(done, on=["unit_id", "indicator"], how="left")["first_done"]
    stays_done = (pairs["measure"] == "yes_no").to_numpy() & (first_done <= pairs["due_month"]).to_numpy()
    pairs["missing"] = (pairs["due_month"] > 0) & (pairs["last_month"] < pairs["due_month"]) & ~stays_done
    return pairs.drop(columns=["last_year_granularity", "usual_period", "measure"])


def this_year_done(reported: pd.DataFrame, year: int) -> pd.DataFrame:
    """(unit_id, indicator) -> the first month by which a report of `year` said done."""
    return reported[(reported["year"] == year) & reported["first_done"].notna()][["unit_id", "indicator", "first_done"]]


def _after_prerequisites(pairs: pd.DataFrame, done: pd.DataFrame) -> pd.Series:
    """Each pair's due month, set to 0 (nothing due) for an indicator of REPORTED_AFTER whose
    prerequisite the unit had not done by the end of that due month."""
    due = pairs["due_month"].copy()
    for indicator, prerequisite in REPORTED_AFTER.items():
        rows = pairs["indicator"] == indicator
        first = pairs.loc[rows, "unit_id"].map(
            done[done["indicator"] == prerequisite].set_index("unit_id")["first_done"])
        due[rows] = due[rows].where(first.notna() & (first <= due[rows]), 0)
    return due.astype(int)


def chase_and_rate(catalogue: cat.Catalogue, units: pd.DataFrame, reported: pd.DataFrame, year: int,
                   month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The chase list (the missing pairs, CHASE_COLUMNS) and the rate per area: due reports, reports
    received, and the share received (percent; NaN when none is due)."""
    return _chase_and_rate(catalogue, status(catalogue, units, reported, year, month))


def _chase_and_rate(catalogue: cat.Catalogue, pairs: pd.DataFrame,
                    columns: list[str] = CHASE_COLUMNS) -> tuple[pd.DataFrame, pd.DataFrame]:
    chase = pairs[pairs["missing"]][columns].reset_index(drop=True)
    due = pairs[pairs["due_month"] > 0]
    table = due.groupby("area").agg(due=("missing", "size"), missing=("missing", "sum")).reindex(
        sorted(catalogue.areas), fill_value=0)
    table["received"] = table["due"] - table["missing"]
    table["rate"] = [100.0 * r / d if d else float("nan") for r, d in zip(table["received"], table["due"])]
    return chase, table.reset_index()[["area", "due", "received", "rate"]]


def filter_chase(frame: pd.DataFrame, areas=None, levels=None) -> pd.DataFrame:
    """The rows of the chosen areas and levels (None or empty: all)."""
    keep = pd.Series(True, index=frame.index)
    if areas:
        keep &= frame["area"].isin(list(areas))
    if levels:
        keep &= frame["level"].isin(list(levels))
    return frame[keep]


WORKFLOW_COLUMNS = ["state", "acts", "since", "waited_days"]
WORST_FIRST = (wf.RETURNED, wf.DRAFT, wf.SUBMITTED)  # a pair with figures in several states shows the first


def _period_end(year: int, month: int) -> date:
    """The day after `month` of `year` ended: when a report due for it starts waiting."""
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def with_states(pairs: pd.DataFrame, states: pd.DataFrame, year: int, counting: str, today: date) -> pd.DataFrame:
    """`pairs` (the chase list, or `status`'s every due pair) with each pair's workflow state, who
    must act (lib.core.workflow.who_acts), since when (a date) and for how many days. `states`: per
    unit, indicator and state that is not approved, the oldest time a figure entered it
    (lib.store.workflow.states_by_pair). A pair missing its due report is not reported, unless only
    approved figures count and it has figures waiting in another state; a pair not missing is in
    the worst state among its figures (returned, draft, submitted), else approved."""
    frame = pairs.copy()
    worst: dict[tuple, tuple[str, object]] = {}
    for state in reversed(WORST_FIRST):  # the worst state, written last, wins
        for unit_id, indicator, since in states.loc[states["state"] == state, ["unit_id", "indicator", "since"]
                                                     ].itertuples(index=False):
            worst[(unit_id, indicator)] = (state, since)
    found = [worst.get(key) for key in zip(frame["unit_id"], frame["indicator"])]
    missing = frame["missing"] if "missing" in frame.columns else pd.Series(True, index=frame.index)
    rows = []
    for is_missing, held, due in zip(missing, found, frame["due_month"]):
        if held is not None and (not is_missing or counting == wf.COUNT_APPROVED):
            state, since = held
            since = clock.local(since).date() if isinstance(since, datetime) and not pd.isna(since) else None
        elif is_missing:
            state, since = wf.NOT_REPORTED, _period_end(year, int(due))
        else:
            state, since = wf.APPROVED, None
        rows.append((state, wf.who_acts(state), since, max(0, (today - since).days) if since else None))
    extra = pd.DataFrame(rows, columns=WORKFLOW_COLUMNS, index=frame.index)
    return pd.concat([frame, extra], axis=1)


def state_counts(catalogue: cat.Catalogue, pairs: pd.DataFrame) -> pd.DataFrame:
    """How many due pairs (`with_states` of `status`) are in each state, per area (columns area and
    lib.core.workflow.COMPLETENESS_STATES)."""
    due = pairs[pairs["due_month"] > 0]
    table = pd.crosstab(due["area"], due["state"]) if len(due) else pd.DataFrame()
    table = table.reindex(index=sorted(catalogue.areas), columns=list(wf.COMPLETENESS_STATES), fill_value=0)
    return table.fillna(0).astype(int).rename_axis(None, axis=1).reset_index(names="area")


def with_workflow(catalogue: cat.Catalogue, units: pd.DataFrame, reported: pd.DataFrame, states: pd.DataFrame,
                  year: int, month: int, counting: str, today: date
                  ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`chase_and_rate` with each report's workflow state (`with_states`: the chase list gains
    WORKFLOW_COLUMNS), and the due reports by state per area (`state_counts`)."""
    pairs = with_states(status(catalogue, units, reported, year, month), states, year, counting, today)
    chase, rate = _chase_and_rate(catalogue, pairs, CHASE_COLUMNS + WORKFLOW_COLUMNS)
    return chase, rate, state_counts(catalogue, pairs)
