"""Turning figures into statuses, exactly as DOMAIN.md says. Plain functions, no Streamlit.

Every decision compares integers (numerator x 100 x target denominator against target numerator
x denominator), so a value shown as 98.00% can still be more than 98%: nothing is rounded
before it is compared.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from lib.core import applies
from lib.core import status as st
from lib.core.catalogue import Catalogue, IndicatorDef, TargetRule

# the code of the row of the whole (export, trends), by the kind of the whole
WHOLE_CODES = {"huyen": "TOAN_HUYEN", "tinh": "TOAN_TINH"}


@dataclass(frozen=True)
class Target:
    """A target as scores carry it: the operator and the value (percent). The whole of an indicator
    judged level by level whose levels' targets differ (7.2) carries a tuple of them, one per level,
    each with its `level`. The words for it are made by lib.present.format."""

    op: str
    value: Fraction
    level: str = ""


def compare(numerator: int, denominator: int, op: str, value: Fraction) -> bool:
    """Whether 100 x numerator / denominator `op` value, decided exactly (denominator > 0)."""
    lhs = 100 * numerator * value.denominator
    rhs = value.numerator * denominator
    if op == ">":
        return lhs > rhs
    if op == ">=":
        return lhs >= rhs
    if op == "<":
        return lhs < rhs
    if op == "<=":
        return lhs <= rhs
    raise ValueError(f"unknown operator {op!r}")


def pace(rule: TargetRule, kind: str, month: int) -> Fraction | None:
    """What a completion-type target expects by the end of `month` before the year is over: the
    pro-rata share of the target (target x month / 12), in percent; None when the whole target
    applies (other kinds, or the year's end)."""
    if kind == "completion" and month < 12:
        return rule.value * month / 12
    return None


def close_limit(rule: TargetRule) -> Fraction | None:
    """The edge of the close band of a target with a tolerance (value - tolerance for an upward
    target, value + tolerance for a downward one); None without a tolerance."""
    if rule.tolerance <= 0:
        return None
    return rule.value - rule.tolerance if rule.op in (">", ">=") else rule.value + rule.tolerance


def decide(numerator: int, denominator: int, rule: TargetRule, kind: str, month: int) -> str:
    """The status of one figure against one target, as of the end of `month` (12 = year end).

    Met: the value satisfies the operator. Otherwise, before the year is over, a completion-type
    target is close when the value is at or above the pro-rata expectation (target x month / 12);
    every other case is close when it falls short by less than the tolerance.
    """
    if compare(numerator, denominator, rule.op, rule.value):
        return st.MET
    upward = rule.op in (">", ">=")
    expected = pace(rule, kind, month)
    if expected is not None:
        on_track = compare(numerator, denominator, ">=" if upward else "<=", expected)
        return st.CLOSE if on_track else st.NOT_MET
    if rule.tolerance > 0:
        if upward and compare(numerator, denominator, ">", rule.value - rule.tolerance):
            return st.CLOSE
        if not upward and compare(numerator, denominator, "<", rule.value + rule.tolerance):
            return st.CLOSE
    return st.NOT_MET


@dataclass
class Scores:
    """Scores of one set of units for one year, as of one month.

    `units`: one row per indicator and per unit of the levels it covers.
    `levels`: one row per indicator and level (communes pooled, agencies pooled...).
    `district`: one row per indicator for the district as a whole.
    Columns shared by all three: indicator, numerator, denominator, value (percent, NaN when
    there is none), status (a code of lib.core.status), target (a Target, or a tuple of them).
    """

    year: int
    month: int
    units: pd.DataFrame
    levels: pd.DataFrame
    district: pd.DataFrame
    whole: str = "huyen"  # the kind of unit `district` is the whole of: huyen, or tinh for a province


def whole_kind(units: pd.DataFrame) -> str:
    """What the units are the whole of: a province when one is among them, else a district."""
    return "tinh" if (units["kind"] == "tinh").any() else "huyen"


def _value(numerator, denominator):
    if numerator is None or denominator in (None, 0):
        return float("nan")
    return 100.0 * numerator / denominator


INT64_SAFE = 2**62  # products below this fit numpy's int64 with room to spare


def compare_many(numerators: np.ndarray, denominators: np.ndarray, op: str, value: Fraction) -> np.ndarray:
    """`compare` over arrays (denominators > 0), on exact integers: int64 when every product fits,
    else Python integers (object arrays)."""
    p, q = value.numerator, value.denominator
    numerators = np.asarray(numerators)
    denominators = np.asarray(denominators)
    biggest = max(int(numerators.max(initial=0)) * 100 * q, int(denominators.max(initial=0)) * abs(p))
    if biggest >= INT64_SAFE or abs(p) >= INT64_SAFE or q >= INT64_SAFE:
        numerators, denominators = numerators.astype(object), denominators.astype(object)
    else:
        numerators, denominators = numerators.astype(np.int64), denominators.astype(np.int64)
    lhs = numerators * (100 * q)
    rhs = denominators * p
    if op == ">":
        return np.asarray(lhs > rhs, dtype=bool)
    if op == ">=":
        return np.asarray(lhs >= rhs, dtype=bool)
    if op == "<":
        return np.asarray(lhs < rhs, dtype=bool)
    if op == "<=":
        return np.asarray(lhs <= rhs, dtype=bool)
    raise ValueError(f"unknown operator {op!r}")


def decide_many(numerators: np.ndarray, denominators: np.ndarray, rule: TargetRule, kind: str,
                month: int) -> np.ndarray:
    """`decide` over arrays of figures (denominators > 0): the same rules, the same exact comparisons."""
    met = compare_many(numerators, denominators, rule.op, rule.value)
    upward = rule.op in (">", ">=")
    expected = pace(rule, kind, month)
    if expected is not None:
        close = compare_many(numerators, denominators, ">=" if upward else "<=", expected)
    elif rule.tolerance > 0:
        if upward:
            close = compare_many(numerators, denominators, ">", rule.value - rule.tolerance)
        else:
            close = compare_many(numerators, denominators, "<", rule.value + rule.tolerance)
    else:
        close = np.zeros(len(met), dtype=bool)
    return np.where(met, st.MET, np.where(close, st.CLOSE, st.NOT_MET)).astype(object)


UNIT_COLUMNS = ["indicator", "unit_id", "unit_code", "unit_name", "kind", "level", "applicable",
                "numerator", "denominator", "value", "status", "target"]


def _pool_arrays(ind: IndicatorDef, statuses: np.ndarray, numerators: np.ndarray, denominators: np.ndarray,
                 rule: TargetRule, month: int) -> dict:
    """`_pool` on arrays of unit statuses and figures (the same rules)."""
    counted = np.isin(statuses, COUNTED_STATUSES)
    if ind.measure == "yes_no":
        numerator = int((statuses[counted] == st.MET).sum())
        denominator = int(counted.sum())
    else:
        numerator = int(numerators[counted].sum())
        denominator = int(denominators[counted].sum())
    if denominator == 0:
        status = st.NO_DATA if (statuses == st.NO_DATA).any() else st.NOT_APPLICABLE
        return {"numerator": None, "denominator": None, "status": status}
    return {"numerator": numerator, "denominator": denominator,
            "status": decide(numerator, denominator, rule, ind.kind, month)}


COUNTED_STATUSES = [st.MET, st.CLOSE, st.NOT_MET]


def score(catalogue: Catalogue, units: pd.DataFrame, ytd: pd.DataFrame, year: int, month: int,
          indicators: list[str] | None = None) -> Scores:
    """Score `units` (id, code, name, kind, level, dbkk, partly_self_financed) on the year-to-date
    figures `ytd` (unit_id, indicator, numerator, denominator) for `year` as of `month`.

    Every indicator at once: one row per indicator and unit of its levels (catalogue order, then
    the units' order), the statuses decided with `decide_many` per indicator and level (the same
    exact comparisons as `decide`), then the level and whole aggregates as `score_indicator` does."""
    chosen = [ind for ind in catalogue.indicators if indicators is None or ind.code in indicators]
    level_of_unit = units["level"].to_numpy(dtype=object)
    positions, indicator_numbers, applicable = [], [], []
    for number, ind in enumerate(chosen):
        mine = np.flatnonzero(applies.of_levels(ind, units))
        positions.append(mine)
        indicator_numbers.append(np.full(len(mine), number))
        applicable.append(applies.in_scope(ind, units)[mine])
    if not chosen:
        return Scores(year=year, month=month, units=pd.DataFrame(columns=UNIT_COLUMNS), levels=pd.DataFrame(),
                      district=pd.DataFrame(), whole=whole_kind(units))
    position = np.concatenate(positions).astype(np.int64)
    number = np.concatenate(indicator_numbers).astype(np.int64)
    applicable = np.concatenate(applicable)
    codes = np.array([ind.code for ind in chosen], dtype=object)

    # the figures of each row: (unit position, indicator number) looked up in ytd
    n_ind = len(chosen)
    unit_position = pd.Index(units["id"].to_numpy()).get_indexer(ytd["unit_id"].to_numpy())
    ytd_number = pd.Index(codes).get_indexer(ytd["indicator"].to_numpy(dtype=object))
    found = (unit_position >= 0) & (ytd_number >= 0)
    ytd_keys = unit_position[found].astype(np.int64) * n_ind + ytd_number[found]
    where = pd.Index(ytd_keys).get_indexer(position * n_ind + number)
    has_data = where >= 0
    numerators = np.zeros(len(position), dtype=np.int64)
    denominators = np.zeros(len(position), dtype=np.int64)
    numerators[has_data] = ytd["numerator"].to_numpy(dtype=np.int64)[found][where[has_data]]
    denominators[has_data] = ytd["denominator"].to_numpy(dtype=np.int64)[found][where[has_data]]

    statuses = np.full(len(position), st.NOT_APPLICABLE, dtype=object)
    statuses[applicable & ~has_data] = st.NO_DATA
    decidable = applicable & has_data & (denominators != 0)
    targets = np.empty(len(position), dtype=object)
    row_levels = level_of_unit[position]
    level_rows, district_rows = [], []
    for k, ind in enumerate(chosen):
        rules = catalogue.targets_for(ind.code, year)

        def rule_for(level: str) -> TargetRule:
            return rules.get(level) or rules["all"]

        here = number == k
        levels = []
        for level in ind.levels:
            rule = rule_for(level)
            target = Target(rule.op, rule.value)
            rows_here = here & (row_levels == level)
            targets[rows_here] = [target] * int(rows_here.sum())
            decide_here = rows_here & decidable
            if decide_here.any():
                statuses[decide_here] = decide_many(numerators[decide_here], denominators[decide_here], rule,
                                                    ind.kind, month)
            pooled = _pool_arrays(ind, statuses[rows_here], numerators[rows_here], denominators[rows_here],
                                  rule, month)
            levels.append({"indicator": ind.code, "level": level, **pooled, "target": target})
        if ind.aggregate == "worst_level":
            everything = _pool_arrays(ind, statuses[here], numerators[here], denominators[here],
                                      rule_for(ind.levels[0]), month)
            everything["status"] = st.worst(lv["status"] for lv in levels)
            distinct = {lv["target"] for lv in levels}
            target = distinct.pop() if len(distinct) == 1 else tuple(
                Target(lv["target"].op, lv["target"].value, lv["level"]) for lv in levels)
        else:
            everything = _pool_arrays(ind, statuses[here], numerators[here], denominators[here], rules["all"], month)
            target = Target(rules["all"].op, rules["all"].value)
        level_rows += levels
        district_rows.append({"indicator": ind.code, **everything, "target": target})

    counted = np.isin(statuses, COUNTED_STATUSES)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(counted, 100.0 * numerators / np.where(denominators == 0, 1, denominators), np.nan)
    taken = units.iloc[position]
    unit_df = pd.DataFrame({
        "indicator": pd.array(codes[number], dtype="str"),
        "unit_id": taken["id"].to_numpy(),
        "unit_code": taken["code"].reset_index(drop=True),
        "unit_name": taken["name"].reset_index(drop=True),
        "kind": taken["kind"].reset_index(drop=True),
        "level": taken["level"].reset_index(drop=True),
        "applicable": applicable,
        "numerator": pd.array(np.where(has_data, numerators, 0), dtype="Int64"),
        "denominator": pd.array(np.where(has_data, denominators, 0), dtype="Int64"),
        "value": values,
        "status": statuses,
        "target": targets,
    })
    unit_df.loc[~has_data, ["numerator", "denominator"]] = pd.NA
    level_df = _with_values(pd.DataFrame(level_rows))
    district_df = _with_values(pd.DataFrame(district_rows))
    return Scores(year=year, month=month, units=unit_df[UNIT_COLUMNS], levels=level_df, district=district_df,
                  whole=whole_kind(units))


def _with_values(df: pd.DataFrame) -> pd.DataFrame:
    if df.empty:
        return df
    df["numerator"] = df["numerator"].astype("Int64")
    df["denominator"] = df["denominator"].astype("Int64")
    df["value"] = [_value(n, d) if pd.notna(n) else float("nan")
                   for n, d in zip(df["numerator"], df["denominator"])]
    return df


def shortfall(numerator: int, denominator: int, rule: TargetRule) -> int:
    """How many more numerator units (dossiers, documents...) out of `denominator` would meet
    the target (0 when it is met): e.g. 12 more online dossiers to get above 30%."""
    if denominator <= 0 or compare(numerator, denominator, rule.op, rule.value):
        return 0
    if rule.op not in (">", ">="):
        return 0
    # smallest n with 100 * n * q (op) p * denominator, where the target is p / q
    p, q = rule.value.numerator, rule.value.denominator
    needed = -(-p * denominator // (100 * q))  # ceil
    if rule.op == ">" and 100 * needed * q == p * denominator:
        needed += 1
    return max(0, needed - numerator)
