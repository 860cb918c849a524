"""The emulation ranking (thi đua): communes and district agencies ranked by the weighted share of
their applicable indicators met, and the rule of the weights. Plain data in and out: the weights are
stored by lib.store.weights, the tables worded by lib.present.ranking.

Per unit and level: score = sum(weight x met) / sum(weight x applicable), decided with fractions.
No data counts as not met (not reporting must not pay); not applicable and weight 0 leave the
indicator out. Equal scores are then told apart in the open, by the tie-break the secretariat
chooses (TIE_BREAKS):
- attainment: the weighted mean attainment of the applicable targets, each capped at 100% (a
  figure of 88% against >=100% attains 0.88; met is 1; no data is 0), then the smaller weighted
  share of applicable indicators without data;
- reporting: the smaller weighted share without data only.
Either way a unit with no data on an indicator ranks below one that reported it and missed.
Units still equal share a rank (1, 2, 2, 4) and are marked; within a tie units go by name.
"""
from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

import pandas as pd

from lib.core import status as st
from lib.core.catalogue import Catalogue
from lib.core.errors import Refused
from lib.core.scoring import Scores

LEVELS = ("commune", "agency")
TIE_BREAKS = ("attainment", "reporting")
DEFAULT_TIE_BREAK = "attainment"
DEFAULT_WEIGHT = Fraction(1)  # an indicator without a stored weight
MAX_WEIGHT = 10


class WeightsError(Refused):
    """Weights refused, nothing stored: `weights_refused` lists one refusal per bad entry (`problems`)."""
    topic = "rank"


# --- weights ------------------------------------------------------------------------------------

def ranked_indicators(catalogue: Catalogue) -> list:
    """The indicators communes or agencies report (the ones a weight applies to), in order."""
    return [ind for ind in catalogue.indicators if set(ind.levels) & set(LEVELS)]


def weight_value(value) -> Decimal | None:
    """A weight typed or stored (number or text, `1,5` too) as a Decimal in [0, MAX_WEIGHT], else None."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0 or number > MAX_WEIGHT:
        return None
    return number.copy_abs() if number == 0 else number  # -0 reads 0


def parse_weights(catalogue: Catalogue, raw: dict) -> dict[str, Decimal]:
    """Check typed weights (code -> value); raises WeightsError naming every bad indicator."""
    known = {ind.code for ind in ranked_indicators(catalogue)}
    problems, parsed = [], {}
    for code, value in raw.items():
        if code not in known:
            problems.append(WeightsError("unknown_indicator", code=code))
            continue
        number = weight_value(value)
        if number is None:
            shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
            problems.append(WeightsError("bad_weight", code=code, value=shown, max=MAX_WEIGHT))
        else:
            parsed[code] = number
    if problems:
        raise WeightsError("weights_refused", problems=problems)
    return parsed


# --- ranking ------------------------------------------------------------------------------------

RANK_COLUMNS = ["rank", "tied", "unit_code", "unit_name", "kind", "score", "percent", "attainment",
                "attainment_percent", "applicable", "met", "close", "not_met", "no_data", "previous_rank", "change"]


def name_key(name: str) -> tuple[str, str]:
    """Order by name without regard to accents or case (đ as d), then exactly."""
    plain = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return plain, name


def percent(score: Fraction | None) -> float:
    """A score as a percent with two decimals (half up), for showing only: ranks use the fraction."""
    if score is None:
        return float("nan")
    value = Decimal(100 * score.numerator) / Decimal(score.denominator)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def attainment(status: str, numerator, denominator, target) -> Fraction:
    """How much of its target a unit's figure attains, capped at 1: met is 1, no data 0; a figure short
    of `target` (lib.core.scoring.Target) attains value / target (an upper bound: target / value)."""
    if status == st.MET:
        return Fraction(1)
    if status == st.NO_DATA or target is None or pd.isna(numerator) or pd.isna(denominator) or not denominator:
        return Fraction(0)
    value = Fraction(100 * int(numerator), int(denominator))
    if target.op in ("<", "<="):
        share = Fraction(1) if value == 0 else Fraction(target.value) / value
    else:
        share = Fraction(1) if target.value == 0 else value / Fraction(target.value)
    return min(share, Fraction(1))


def _competition(keys: list[tuple | None]) -> tuple[list, list[bool]]:
    """Ranks 1, 2, 2, 4 of keys sorted best first (None: not ranked), and whether each is tied."""
    ranks, tied = [], []
    for i, key in enumerate(keys):
        if key is None:
            ranks.append(pd.NA)
        elif i and keys[i - 1] == key:
            ranks.append(ranks[-1])
        else:
            ranks.append(i + 1)
        tied.append(key is not None and keys.count(key) > 1)
    return ranks, tied


def _key(row: dict, tie_break: str) -> tuple | None:
    """What decides a unit's place, best first (smaller is better); None: not ranked."""
    if row["score"] is None:
        return None
    second = -row["attainment"] if tie_break == "attainment" else 0
    return -row["score"], second, row["without_data"]


def rank(scores: Scores, level: str, weights: dict[str, Fraction] | None = None,
         previous: Scores | None = None, tie_break: str = DEFAULT_TIE_BREAK) -> pd.DataFrame:
    """The ranking of the units of `level` (commune or agency), best first; columns RANK_COLUMNS.
    `score` and `attainment` are exact Fractions (None: nothing applicable, not ranked); `previous`
    is last year's Scores, ranked with the same weights and tie-break; `change` reads ↑2, ↓1 or ±0
    (blank when not ranked then; never `=`, which a spreadsheet reads as the start of a formula)."""
    weights = weights or {}
    rows = scores.units[scores.units["level"] == level]
    figures = [rows[c] if c in rows.columns else [None] * len(rows) for c in ("numerator", "denominator", "target")]
    rows = rows.assign(attains=[attainment(s, n, d, t) for s, n, d, t in zip(rows["status"], *figures)])
    out = []
    for code, unit in rows.groupby("unit_code", sort=False):
        counts = {"applicable": 0, st.MET: 0, st.CLOSE: 0, st.NOT_MET: 0, st.NO_DATA: 0}
        met_weight = total_weight = attained = missing = Fraction(0)
        for indicator, status, attains in zip(unit["indicator"], unit["status"], unit["attains"]):
            weight = Fraction(weights.get(indicator, DEFAULT_WEIGHT))
            if status == st.NOT_APPLICABLE or weight == 0:
                continue
            counts["applicable"] += 1
            counts[status] += 1
            total_weight += weight
            attained += weight * attains
            missing += weight * (status == st.NO_DATA)
            if status == st.MET:
                met_weight += weight
        score = met_weight / total_weight if total_weight else None
        mean = attained / total_weight if total_weight else None
        out.append({"without_data": missing / total_weight if total_weight else None, "unit_code": code, "unit_name": unit["unit_name"].iloc[0], "kind": unit["kind"].iloc[0],
                    "score": score, "percent": percent(score), "attainment": mean, "attainment_percent": percent(mean),
                    "applicable": counts["applicable"], "met": counts[st.MET], "close": counts[st.CLOSE],
                    "not_met": counts[st.NOT_MET], "no_data": counts[st.NO_DATA]})
    # best first; unranked last; within a tie (and among the unranked) by name
    out.sort(key=lambda r: (_key(r, tie_break) is None, _key(r, tie_break) or (), name_key(r["unit_name"]),
                            r["unit_code"]))
    ranks, tied = _competition([_key(r, tie_break) for r in out])
    frame = pd.DataFrame(out, columns=RANK_COLUMNS[2:14])
    frame.insert(0, "rank", pd.array(ranks, dtype="Int64"))
    frame.insert(1, "tied", tied)
    before = {}
    if previous is not None:
        last = rank(previous, level, weights, tie_break=tie_break)
        before = dict(zip(last["unit_code"], last["rank"]))
    frame["previous_rank"] = pd.array([before.get(c, pd.NA) for c in frame["unit_code"]], dtype="Int64")
    frame["change"] = [_change(now, then) for now, then in zip(frame["rank"], frame["previous_rank"])]
    return frame[RANK_COLUMNS]


def _change(now, then) -> str:
    if pd.isna(now) or pd.isna(then):
        return ""
    if now < then:
        return f"↑{then - now}"
    if now > then:
        return f"↓{now - then}"
    return "±0"
