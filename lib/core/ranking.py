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

MESSAGES = {
    "title": ("Xếp hạng thi đua cải cách hành chính năm {year}", "Administrative reform emulation ranking {year}"),
    "rule": ("Điểm = tổng trọng số các chỉ tiêu đạt / tổng trọng số các chỉ tiêu áp dụng. Chỉ tiêu chưa có số "
             "liệu tính như chưa đạt; chỉ tiêu không áp dụng hoặc có trọng số 0 không tính. Các đơn vị bằng điểm "
             "(so sánh chính xác, không làm tròn) được đồng hạng và xếp theo tên; hạng tiếp theo bỏ qua số "
             "đơn vị đồng hạng (1, 2, 2, 4). Hạng năm trước tính trên kết quả cả năm trước với cùng trọng số.",
             "Score = total weight of the indicators met / total weight of the applicable indicators. An "
             "indicator with no data counts as not met; one that does not apply, or weighs 0, is left out. "
             "Units with the same score (compared exactly, never rounded) share a rank and are listed by "
             "name; the next rank skips the tied places (1, 2, 2, 4). Last year's rank uses last year's "
             "year-end results with the same weights."),
    "tab_commune": ("Xã, thị trấn", "Communes and townships"),
    "tab_agency": ("Cơ quan chuyên môn", "District agencies"),
    "no_units": ("Chưa có đơn vị nào ở cấp này.", "There is no unit at this level."),
    "unranked_note": ("Đơn vị không có chỉ tiêu nào áp dụng (với trọng số lớn hơn 0) không được xếp hạng.",
                      "A unit with no applicable indicator (of weight above 0) is not ranked."),
    "tied": ("đồng hạng", "tied"),
    "col_rank": ("Hạng", "Rank"),
    "col_tie": ("Đồng hạng", "Tied"),
    "col_unit_code": ("Mã đơn vị", "Unit code"),
    "col_unit": ("Đơn vị", "Unit"),
    "col_score": ("Điểm (%)", "Score (%)"),
    "col_met_of": ("Đạt / áp dụng", "Met / applicable"),
    "col_met": ("Số chỉ tiêu đạt", "Indicators met"),
    "col_applicable": ("Số chỉ tiêu áp dụng", "Applicable indicators"),
    "col_close": ("Gần đạt", "Close"),
    "col_not_met": ("Chưa đạt", "Not met"),
    "col_no_data": ("Chưa có số liệu", "No data"),
    "col_previous": ("Hạng năm {year}", "Rank in {year}"),
    "col_change": ("Thay đổi", "Change"),
    "col_code": ("Mã", "Code"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_levels": ("Áp dụng cho", "Applies to"),
    "col_weight": ("Trọng số", "Weight"),
    "level_commune": ("xã", "communes"),
    "level_agency": ("cơ quan", "agencies"),
    "weights_title": ("Trọng số chỉ tiêu (Phòng Nội vụ)", "Indicator weights (secretariat)"),
    "weights_intro": ("Mỗi chỉ tiêu có trọng số mặc định 1. Nhập một số từ 0 đến {max}; trọng số 0 bỏ chỉ tiêu "
                      "khỏi bảng xếp hạng. Trọng số dùng chung cho xã và cơ quan.",
                      "Each indicator weighs 1 by default. Enter a number from 0 to {max}; weight 0 leaves the "
                      "indicator out of the ranking. The weights are shared by communes and agencies."),
    "weights_save": ("Lưu trọng số", "Save the weights"),
    "weights_saved": ("Đã lưu trọng số.", "The weights were saved."),
    "weights_unchanged": ("Chưa có thay đổi nào để lưu.", "Nothing has changed."),
    "weights_refused": ("Chưa lưu trọng số, không có gì thay đổi: {problems}",
                        "The weights were not saved and nothing changed: {problems}"),
    "bad_weight": ("trọng số của chỉ tiêu {code} ('{value}') không hợp lệ, cần một số từ 0 đến {max}",
                   "the weight of indicator {code} ('{value}') is not valid; it must be a number from 0 to {max}"),
    "unknown_indicator": ("không có chỉ tiêu mã '{code}' trong bảng xếp hạng",
                          "there is no indicator '{code}' in the ranking"),
    "download_csv": ("Tải CSV", "CSV"),
    "download_xlsx": ("Tải Excel", "Excel"),
}


class WeightsError(ValueError):
    """Weights refused; `problems` lists (message key, params), one per bad entry."""

    def __init__(self, problems: list[tuple[str, dict]]):
        super().__init__(problems)
        self.problems = problems


def message(error: WeightsError, lang: str = "vi") -> str:
    """The sentence for refused weights, naming each bad indicator."""
    parts = [i18n.pick(MESSAGES, key, lang, **params) for key, params in error.problems]
    return i18n.pick(MESSAGES, "weights_refused", lang, problems="; ".join(parts) + ".")


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
        levels = "; ".join(i18n.pick(MESSAGES, f"level_{lv}", lang) for lv in LEVELS if lv in ind.levels)
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
    Scores, ranked with the same weights; `change` reads ↑2, ↓1 or = (blank when not ranked then)."""
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
    return "="


# --- showing and exporting ----------------------------------------------------------------------

VIEW_COLUMNS = ["rank", "tie", "unit", "score", "met_of", "close", "not_met", "no_data", "previous", "change"]


def _number(value, lang: str) -> str:
    return "" if pd.isna(value) else fmt.decimal(f"{value:.2f}", lang)


def _int_text(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def view_headers(previous_year: int, lang: str = "vi") -> dict[str, str]:
    """The page table's headers: the status columns carry their symbol and word (lib.core.status)."""
    return {"rank": i18n.pick(MESSAGES, "col_rank", lang), "tie": i18n.pick(MESSAGES, "col_tie", lang),
            "unit": i18n.pick(MESSAGES, "col_unit", lang), "score": i18n.pick(MESSAGES, "col_score", lang),
            "met_of": f"{st.get(st.MET).symbol} {i18n.pick(MESSAGES, 'col_met_of', lang)}",
            "close": st.badge(st.CLOSE, lang), "not_met": st.badge(st.NOT_MET, lang),
            "no_data": st.badge(st.NO_DATA, lang),
            "previous": i18n.pick(MESSAGES, "col_previous", lang, year=previous_year),
            "change": i18n.pick(MESSAGES, "col_change", lang)}


def view_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`rank`'s frame for reading: every cell text (VIEW_COLUMNS)."""
    tied = i18n.pick(MESSAGES, "tied", lang)
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
    tied = i18n.pick(MESSAGES, "tied", lang)

    def h(key: str, **params) -> str:
        return i18n.pick(MESSAGES, key, lang, **params)

    return pd.DataFrame({
        h("col_rank"): frame["rank"].astype("Int64"),
        h("col_tie"): [tied if t else "" for t in frame["tied"]],
        h("col_unit_code"): frame["unit_code"],
        h("col_unit"): frame["unit_name"],
        h("col_score"): frame["percent"].astype(float),
        h("col_met"): frame["met"].astype(int),
        h("col_applicable"): frame["applicable"].astype(int),
        h("col_close"): frame["close"].astype(int),
        h("col_not_met"): frame["not_met"].astype(int),
        h("col_no_data"): frame["no_data"].astype(int),
        h("col_previous", year=previous_year): frame["previous_rank"].astype("Int64"),
        h("col_change"): frame["change"],
    })
