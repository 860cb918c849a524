"""The change log in words (the audit page and its download): each change named, old and new
values read out field by field, the time in Vietnam's time, the headers in the language.
The entries themselves come from lib.store.audit."""
from __future__ import annotations

import json

import pandas as pd

from lib.core import clock
from lib.core.roles import role_name
from lib.present import directives_view, i18n, workflow_view
from lib.present import format as fmt

# the page's filter by kind of change
ACTION_GROUPS = ("observation.", "workflow.", "evidence.", "target.", "user.", "boundaries.", "ranking.",
                 "directive.", "inspection.")
FIELDS = ("tu_so", "mau_so", "ghi_chu", "nguoi_nhap", "op", "value", "tolerance", "name", "role", "unit",
          "active", "until", "trang_thai", "nhan_xet", "tep", "kich_thuoc", "linh_vuc", "chi_tieu",
          "don_vi_chu_tri", "noi_dung", "han", "ghi_nhan", "tinh_trang", "ngay", "doan", "van_de")
VIEW_COLUMNS = {"at": "col_at", "username": "col_user", "action_name": "col_action", "entity": "col_entity",
                "old": "col_old_value", "new": "col_new_value", "source": "col_source"}


def action_name(action: str, lang: str = "vi") -> str:
    key = f"action_{action}"
    return i18n.t(key, lang) if key in i18n.STRINGS else action


def _scalar_text(value, lang: str, key: str | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return i18n.t("yes" if value else "no", lang)
    if key == "role":
        return role_name(value, lang)
    if key == "trang_thai":
        return workflow_view.state_name(value, lang)
    if key == "tinh_trang":
        return directives_view.state_name(value, lang)
    return str(value)


def readable(value_json: str | None, lang: str = "vi") -> str:
    """A stored old/new value for reading: `tử số: 95; mẫu số: 100; ghi chú: —`."""
    if value_json is None or (not isinstance(value_json, str) and pd.isna(value_json)):
        return ""
    try:
        value = json.loads(value_json)
    except (TypeError, ValueError):
        return str(value_json)
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            name = i18n.t(f"field_{key}", lang) if key in FIELDS else key
            parts.append(f"{name}: {_scalar_text(item, lang, key)}")
        return "; ".join(parts)
    return _scalar_text(value, lang)


def readable_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """lib.store.audit.entries for reading: the time to the minute, the change named, old and new
    values in words; `time` keeps the time itself (in Vietnam) for the downloads."""
    return pd.DataFrame({
        "at": [fmt.datetime_text(t) for t in frame["at"]],
        "time": [clock.local(pd.Timestamp(t).to_pydatetime()) for t in frame["at"]],
        "username": frame["username"],
        "action": frame["action"],
        "action_name": [action_name(a, lang) for a in frame["action"]],
        "entity": frame["entity"],
        "old": [readable(v, lang) for v in frame["old_value"]],
        "new": [readable(v, lang) for v in frame["new_value"]],
        "source": frame["source"].fillna(""),
    })


def download_frame(frame: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """`readable_frame` under its headers in the language, the time as a time (a date in the XLSX,
    ISO 8601 in the CSV: lib.io.sheets)."""
    frame = frame.assign(at=frame["time"])
    return frame[list(VIEW_COLUMNS)].rename(columns={c: i18n.t(k, lang) for c, k in VIEW_COLUMNS.items()})
