"""Turning figures into statuses, exactly as DOMAIN.md says. Plain functions, no Streamlit.

Every decision compares integers (numerator x 100 x target denominator against target numerator
x denominator), so a value shown as 98.00% can still be more than 98%: nothing is rounded
before it is compared.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from lib import status as st
from lib.catalogue import Catalogue, IndicatorDef, TargetRule

# the code of the row of the whole (export, trends), by the kind of the whole
WHOLE_CODES = {"huyen": "TOAN_HUYEN", "tinh": "TOAN_TINH"}
LEVEL_SHORT = {"district": "cấp huyện", "agency": "cơ quan", "commune": "xã", "psu": "ĐVSN"}


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


def decide(numerator: int, denominator: int, rule: TargetRule, kind: str, month: int) -> str:
    """The status of one figure against one target, as of the end of `month` (12 = year end).

    Met: the value satisfies the operator. Otherwise, before the year is over, a completion-type
    target is close when the value is at or above the pro-rata expectation (target x month / 12);
    every other case is close when it falls short by less than the tolerance.
    """
    if compare(numerator, denominator, rule.op, rule.value):
        return st.MET
    upward = rule.op in (">", ">=")
    if kind == "completion" and month < 12:
        expected = rule.value * month / 12
        on_track = compare(numerator, denominator, ">=" if upward else "<=", expected)
        return st.CLOSE if on_track else st.NOT_MET
    if rule.tolerance > 0:
        if upward and compare(numerator, denominator, ">", rule.value - rule.tolerance):
            return st.CLOSE
        if not upward and compare(numerator, denominator, "<", rule.value + rule.tolerance):
            return st.CLOSE
    return st.NOT_MET


def in_scope(ind: IndicatorDef, units: pd.DataFrame) -> pd.Series:
    """Which of the indicator's units it applies to (4.2: partly self-financed; 5.2: not flagged)."""
    if ind.scope == "not_dbkk":
        return ~units["dbkk"].astype(bool)
    if ind.scope == "partly_self_financed":
        return units["partly_self_financed"].astype(bool)
    return pd.Series(True, index=units.index)


@dataclass
class Scores:
    """Scores of one set of units for one year, as of one month.

    `units`: one row per indicator and per unit of the levels it covers.
    `levels`: one row per indicator and level (communes pooled, agencies pooled...).
    `district`: one row per indicator for the district as a whole.
    Columns shared by all three: indicator, numerator, denominator, value (percent, NaN when
    there is none), status (a code of lib.status), target (text such as `>98`).
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


def _pool(ind: IndicatorDef, rows: pd.DataFrame, rule: TargetRule, month: int) -> dict:
    """The aggregate of unit rows: share of units meeting (yes/no) or the pooled ratio."""
    counted = rows[rows["status"].isin([st.MET, st.CLOSE, st.NOT_MET])]
    if ind.measure == "yes_no":
        numerator = int((counted["status"] == st.MET).sum())
        denominator = len(counted)
    else:
        numerator = int(counted["numerator"].sum())
        denominator = int(counted["denominator"].sum())
    if denominator == 0:
        if (rows["status"] == st.NO_DATA).any():
            status = st.NO_DATA
        else:
            status = st.NOT_APPLICABLE
        return {"numerator": None, "denominator": None, "status": status}
    return {"numerator": numerator, "denominator": denominator,
            "status": decide(numerator, denominator, rule, ind.kind, month)}


def score_indicator(ind: IndicatorDef, rules: dict[str, TargetRule], units: pd.DataFrame,
                    ytd: pd.DataFrame, month: int) -> tuple[pd.DataFrame, list[dict], dict]:
    """Unit rows, level aggregates and the district aggregate of one indicator."""
    def rule_for(level: str) -> TargetRule:
        return rules.get(level) or rules["all"]

    mine = units[units["level"].isin(ind.levels)]
    figures = ytd[ytd["indicator"] == ind.code].set_index("unit_id")
    rows = pd.DataFrame({
        "indicator": ind.code,
        "unit_id": mine["id"].to_numpy(),
        "unit_code": mine["code"].to_numpy(),
        "unit_name": mine["name"].to_numpy(),
        "kind": mine["kind"].to_numpy(),
        "level": mine["level"].to_numpy(),
        "applicable": in_scope(ind, mine).to_numpy(),
    })
    has_data = rows["unit_id"].isin(figures.index)
    rows["numerator"] = rows["unit_id"].map(figures["numerator"]).astype("Int64")
    rows["denominator"] = rows["unit_id"].map(figures["denominator"]).astype("Int64")
    statuses, targets = [], []
    for applicable, data, num, den, level in zip(
        rows["applicable"], has_data, rows["numerator"], rows["denominator"], rows["level"]
    ):
        rule = rule_for(level)
        targets.append(rule.text)
        if not applicable:
            statuses.append(st.NOT_APPLICABLE)
        elif not data:
            statuses.append(st.NO_DATA)
        elif den == 0:
            statuses.append(st.NOT_APPLICABLE)
        else:
            statuses.append(decide(int(num), int(den), rule, ind.kind, month))
    rows["status"] = statuses
    rows["target"] = targets
    rows["value"] = [
        _value(n, d) if s in (st.MET, st.CLOSE, st.NOT_MET) else float("nan")
        for n, d, s in zip(rows["numerator"], rows["denominator"], rows["status"])
    ]

    levels = []
    for level in ind.levels:
        rule = rule_for(level)
        pooled = _pool(ind, rows[rows["level"] == level], rule, month)
        levels.append({"indicator": ind.code, "level": level, **pooled, "target": rule.text})

    if ind.aggregate == "worst_level":
        everything = _pool(ind, rows, rule_for(ind.levels[0]), month)
        everything["status"] = st.worst(lv["status"] for lv in levels)
        distinct = {lv["target"] for lv in levels}
        target = distinct.pop() if len(distinct) == 1 else "; ".join(
            f"{lv['target']} {LEVEL_SHORT[lv['level']]}" for lv in levels)
    else:
        everything = _pool(ind, rows, rules["all"], month)
        target = rules["all"].text
    district = {"indicator": ind.code, **everything, "target": target}
    return rows, levels, district


UNIT_COLUMNS = ["indicator", "unit_id", "unit_code", "unit_name", "kind", "level", "applicable",
                "numerator", "denominator", "value", "status", "target"]


def score(catalogue: Catalogue, units: pd.DataFrame, ytd: pd.DataFrame, year: int, month: int,
          indicators: list[str] | None = None) -> Scores:
    """Score `units` (id, code, name, kind, level, dbkk, partly_self_financed) on the year-to-date
    figures `ytd` (unit_id, indicator, numerator, denominator) for `year` as of `month`."""
    unit_frames, level_rows, district_rows = [], [], []
    for ind in catalogue.indicators:
        if indicators is not None and ind.code not in indicators:
            continue
        rules = catalogue.targets_for(ind.code, year)
        rows, levels, district = score_indicator(ind, rules, units, ytd, month)
        unit_frames.append(rows)
        level_rows += levels
        district_rows.append(district)
    unit_df = pd.concat(unit_frames, ignore_index=True) if unit_frames else pd.DataFrame(columns=UNIT_COLUMNS)
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
