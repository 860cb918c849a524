"""The emulation ranking (thi đua): communes and district agencies ranked by the weighted share of
their applicable indicators met. Plain functions, no Streamlit.

Per unit and level: score = sum(weight x met) / sum(weight x applicable), decided with fractions.
No data counts as not met (not reporting must not pay); not applicable and weight 0 leave the
indicator out. Ties share a rank (1, 2, 2, 4) and are marked; within a tie units go by name.
"""
from __future__ import annotations

import json
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from lib.store import db
from lib.store.transaction import writing

from lib.present import format as fmt
from lib.present import i18n
from lib.core import status as st
from lib.core.catalogue import Catalogue
from lib.core.scoring import Scores

LEVELS = ("commune", "agency")
WEIGHTS_KEY = "ranking_weights"  # lib.store.db meta key: JSON {indicator code: weight as decimal text}
DEFAULT_WEIGHT = Fraction(1)  # an indicator without a stored weight
MAX_WEIGHT = 10



class WeightsError(ValueError):
    """Weights refused; `problems` lists (message key, params), one per bad entry."""

    def __init__(self, problems: list[tuple[str, dict]]):
        super().__init__(problems)
        self.problems = problems


def message(error: WeightsError, lang: str = "vi") -> str:
    """The sentence for refused weights, naming each bad indicator."""
    parts = [i18n.t("rank." + key, lang, **params) for key, params in error.problems]
    return i18n.t("rank.weights_refused", lang, problems="; ".join(parts) + ".")


# --- weights ------------------------------------------------------------------------------------

def ranked_indicators(catalogue: Catalogue) -> list:
    """The indicators communes or agencies report (the ones a weight applies to), in order."""
    return [ind for ind in catalogue.indicators if set(ind.levels) & set(LEVELS)]


def _decimal(value) -> Decimal | None:
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


def _text(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _stored(conn: Connection) -> dict[str, Decimal]:
    try:
        stored = json.loads(db.get_meta(conn, WEIGHTS_KEY) or "{}")
    except ValueError:
        return {}
    weights = {}
    for code, value in stored.items() if isinstance(stored, dict) else ():
        number = _decimal(value)
        if number is not None:
            weights[code] = number
    return weights


def read_weights(conn: Connection) -> dict[str, Fraction]:
    """The stored weights (code -> weight); indicators not stored weigh DEFAULT_WEIGHT."""
    return {code: Fraction(number) for code, number in _stored(conn).items()}


def parse_weights(catalogue: Catalogue, raw: dict) -> dict[str, Decimal]:
    """Check typed weights (code -> value); raises WeightsError naming every bad indicator."""
    known = {ind.code for ind in ranked_indicators(catalogue)}
    problems, parsed = [], {}
    for code, value in raw.items():
        if code not in known:
            problems.append(("unknown_indicator", {"code": code}))
            continue
        number = _decimal(value)
        if number is None:
            shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
            problems.append(("bad_weight", {"code": code, "value": shown, "max": MAX_WEIGHT}))
        else:
            parsed[code] = number
    if problems:
        raise WeightsError(problems)
    return parsed


def save_weights(engine: Engine, catalogue: Catalogue, raw: dict, actor: str) -> bool:
    """Store typed weights (code -> value) in one write (lib.store.transaction), all or nothing: bad
    input raises WeightsError before anything is written. Returns whether anything changed."""
    parsed = parse_weights(catalogue, raw)
    with writing(engine, actor) as write:
        stored = _stored(write.conn)
        old, new = {}, {}
        for code, number in parsed.items():
            before = stored.get(code, Decimal(1))
            if number != before:
                old[code], new[code] = _text(before), _text(number)
        if not new:
            return False
        stored = {code: _text(number) for code, number in stored.items()} | new
        db.set_meta(write.conn, WEIGHTS_KEY, json.dumps(stored, sort_keys=True))
        write.audit("ranking.weights", WEIGHTS_KEY, old, new)
    return True


def weights_frame(catalogue: Catalogue, weights: dict[str, Fraction], lang: str = "vi") -> pd.DataFrame:
    """One row per weighted indicator for the editor: code, name, levels, weight (a float)."""
    rows = []
    for ind in ranked_indicators(catalogue):
        weight = weights.get(ind.code, DEFAULT_WEIGHT)
        levels = "; ".join(i18n.t(f"rank.level_{lv}", lang) for lv in LEVELS if lv in ind.levels)
        rows.append({"code": ind.code, "name": ind.name(lang), "levels": levels, "weight": float(weight)})
    return pd.DataFrame(rows, columns=["code", "name", "levels", "weight"])


# --- ranking ------------------------------------------------------------------------------------

RANK_COLUMNS = ["rank", "tied", "unit_code", "unit_name", "kind", "score", "percent", "applicable", "met",
                "close", "not_met", "no_data", "previous_rank", "change"]


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


def _competition(scores: list[Fraction | None]) -> tuple[list, list[bool]]:
    """Ranks 1, 2, 2, 4 of scores sorted best first (None: not ranked), and whether each is tied."""
    ranks, tied = [], []
    for i, s in enumerate(scores):
        if s is None:
            ranks.append(pd.NA)
        elif i and scores[i - 1] == s:
            ranks.append(ranks[-1])
        else:
            ranks.append(i + 1)
        tied.append(s is not None and scores.count(s) > 1)
    return ranks, tied


def rank(scores: Scores, level: str, weights: dict[str, Fraction] | None = None,
         previous: Scores | None = None) -> pd.DataFrame:
    """The ranking of the units of `level` (commune or agency), best first; columns RANK_COLUMNS.
    `score` is the exact Fraction (None: nothing applicable, not ranked); `previous` is last year's
    Scores, ranked with the same weights; `change` reads ↑2, ↓1 or ±0 (blank when not ranked then; never `=`, which a spreadsheet reads as
    the start of a formula)."""
    weights = weights or {}
    rows = scores.units[scores.units["level"] == level]
    out = []
    for code, unit in rows.groupby("unit_code", sort=False):
        counts = {"applicable": 0, st.MET: 0, st.CLOSE: 0, st.NOT_MET: 0, st.NO_DATA: 0}
        met_weight = total_weight = Fraction(0)
        for indicator, status in zip(unit["indicator"], unit["status"]):
            weight = Fraction(weights.get(indicator, DEFAULT_WEIGHT))
            if status == st.NOT_APPLICABLE or weight == 0:
                continue
            counts["applicable"] += 1
            counts[status] += 1
            total_weight += weight
            if status == st.MET:
                met_weight += weight
        score = met_weight / total_weight if total_weight else None
        out.append({"unit_code": code, "unit_name": unit["unit_name"].iloc[0], "kind": unit["kind"].iloc[0],
                    "score": score, "percent": percent(score), "applicable": counts["applicable"],
                    "met": counts[st.MET], "close": counts[st.CLOSE], "not_met": counts[st.NOT_MET],
                    "no_data": counts[st.NO_DATA]})
    # best first; unranked last; within a tie (and among the unranked) by name
    out.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), name_key(r["unit_name"]), r["unit_code"]))
    ranks, tied = _competition([r["score"] for r in out])
    frame = pd.DataFrame(out, columns=RANK_COLUMNS[2:12])
    frame.insert(0, "rank", pd.array(ranks, dtype="Int64"))
    frame.insert(1, "tied", tied)
    before = {}
    if previous is not None:
        last = rank(previous, level, weights)
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


# --- showing and exporting ----------------------------------------------------------------------

VIEW_COLUMNS = ["rank", "tie", "unit", "score", "met_of", "close", "not_met", "no_data", "previous", "change"]


def _number(value, lang: str) -> str:
    return "" if pd.isna(value) else fmt.decimal(f"{value:.2f}", lang)


def _int_text(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def view_headers(previous_year: int, lang: str = "vi") -> dict[str, str]:
    """The page table's headers: the status columns carry their symbol and word (lib.core.status)."""
    return {"rank": i18n.t("rank.col_rank", lang), "tie": i18n.t("rank.col_tie", lang),
            "unit": i18n.t("col_unit", lang), "score": i18n.t("rank.col_score", lang),
            "met_of": f"{st.get(st.MET).symbol} {i18n.t('rank.col_met_of', lang)}",
            "close": st.badge(st.CLOSE, lang), "not_met": st.badge(st.NOT_MET, lang),
            "no_data": st.badge(st.NO_DATA, lang),
            "previous": i18n.t("rank.col_previous", lang, year=previous_year),
            "change": i18n.t("col_action", lang)}


def view_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame for reading: every cell text (VIEW_COLUMNS)."""
    tied = i18n.t("rank.tied", lang)
    return pd.DataFrame({
        "rank": [_int_text(r) or "—" for r in frame["rank"]],
        "tie": [tied if t else "" for t in frame["tied"]],
        "unit": frame["unit_name"],
        "score": [_number(p, lang) for p in frame["percent"]],
        "met_of": [f"{m}/{a}" for m, a in zip(frame["met"], frame["applicable"])],
        "close": frame["close"].astype(str),
        "not_met": frame["not_met"].astype(str),
        "no_data": frame["no_data"].astype(str),
        "previous": [_int_text(p) for p in frame["previous_rank"]],
        "change": frame["change"],
    }, columns=VIEW_COLUMNS)


def export_frame(frame: pd.DataFrame, previous_year: int, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame under headers in the language, numbers left as numbers (blank when none)."""
    tied = i18n.t("rank.tied", lang)
    return pd.DataFrame({
        i18n.t("rank.col_rank", lang): frame["rank"].astype("Int64"),
        i18n.t("rank.col_tie", lang): [tied if t else "" for t in frame["tied"]],
        i18n.t("col_unit_code", lang): frame["unit_code"],
        i18n.t("col_unit", lang): frame["unit_name"],
        i18n.t("rank.col_score", lang): frame["percent"].astype(float),
        i18n.t("rank.col_met", lang): frame["met"].astype(int),
        i18n.t("rank.col_applicable", lang): frame["applicable"].astype(int),
        i18n.t("col_close", lang): frame["close"].astype(int),
        i18n.t("col_not_met", lang): frame["not_met"].astype(int),
        i18n.t("col_no_data", lang): frame["no_data"].astype(int),
        i18n.t("rank.col_previous", lang, year=previous_year): frame["previous_rank"].astype("Int64"),
        i18n.t("col_action", lang): frame["change"],
    })
