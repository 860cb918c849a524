"""What needs attention on an area page, first: the indicators whose whole is not met or close, each
with why (lib.present.reasons) and the units behind it (those not met, then those close), and the
anchor of the indicator's section on the page."""
from __future__ import annotations

import pandas as pd

from lib.core import status as st
from lib.core.scoring import Scores
from lib.present import format as fmt
from lib.present import i18n

SHOWN_UNITS = 8  # names written out per indicator; the rest are counted ("và 5 đơn vị khác")
COLUMNS = ["code", "name", "status", "status_text", "why", "anchor", "units"]


def anchor(code: str) -> str:
    """The anchor of an indicator's section on its area page (`chi-tieu-3-1b`)."""
    return "chi-tieu-" + code.replace(".", "-")


def units_behind(scores: Scores, code: str, lang: str = "vi") -> str:
    """The units not met, then close, of one indicator, in words (each group in the scores' order),
    at most SHOWN_UNITS named."""
    units = scores.units[scores.units["indicator"] == code]
    names = []
    for status in (st.NOT_MET, st.CLOSE):
        chosen = units[units["status"] == status]
        names += [f"{st.get(status).symbol} {name}" for name in chosen["unit_name"]]
    if not names:
        return ""
    text = ", ".join(names[:SHOWN_UNITS])
    if len(names) > SHOWN_UNITS:
        text += " " + i18n.t("units_more", lang, n=fmt.count(len(names) - SHOWN_UNITS, lang))
    return text


def attention_frame(views: list, scores: Scores, lang: str = "vi") -> pd.DataFrame:
    """The area's indicators not met, then close (lib.present.views.IndicatorView in `views`)."""
    rows = []
    for status in (st.NOT_MET, st.CLOSE):
        for view in views:
            if view.figure["status"] == status:
                rows.append({"code": view.code, "name": view.name, "status": status,
                             "status_text": view.figure["status_text"], "why": view.figure["why"],
                             "anchor": anchor(view.code), "units": units_behind(scores, view.code, lang)})
    return pd.DataFrame(rows, columns=COLUMNS)
