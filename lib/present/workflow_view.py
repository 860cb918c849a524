"""The reporting workflow in words (lib.core.workflow): a figure's state, what the pages count, who
must act on a due report, and the tables of the submit-and-appraise page."""
from __future__ import annotations

import pandas as pd

from lib.core import catalogue as cat
from lib.core import workflow as wf
from lib.core.roles import NOI_VU, role_name
from lib.present import format as fmt
from lib.present import i18n


def state_name(state: str, lang: str = "vi") -> str:
    """`Đã duyệt (khóa)`...; an unknown code as it is."""
    return i18n.t(f"state_{state}", lang) if state in wf.COMPLETENESS_STATES else str(state)


def counting_name(counting: str, lang: str = "vi") -> str:
    """`chỉ số liệu đã duyệt` or `mọi số liệu đã nhận (cả chưa duyệt)`."""
    return i18n.t(f"counting_{wf.counting_or_default(counting)}", lang)


def stamp_text(month: int, year: int, counting: str | None, lang: str = "vi") -> str:
    """The data stamp with what it counts: `Số liệu đến hết tháng 06/2022 · tính chỉ số liệu đã duyệt`."""
    return (i18n.t("stamp", lang, month=month, year=year) + " · "
            + i18n.t("stamp_counting", lang, counting=counting_name(counting, lang)))


def acts_text(acts: str | None, unit_name: str, lang: str = "vi") -> str:
    """Who must act on a due report: the unit by its name, the secretariat by its role's name, or nobody."""
    if acts == wf.SECRETARIAT:
        return role_name(NOI_VU, lang)
    return unit_name if acts == wf.UNIT else ""


def returned_lines(states: pd.DataFrame, catalogue: cat.Catalogue, lang: str = "vi") -> list[str]:
    """The unit's returned figures of a period (lib.store.workflow.states_of), one line each: the
    indicator's code and name, then the secretariat's comment (plain text: the page escapes it)."""
    lines = []
    for code, state, comment in zip(states["indicator"], states["state"], states["comment"]):
        if state == wf.RETURNED:
            name = catalogue.by_code[code].name(lang) if code in catalogue.by_code else code
            said = comment if isinstance(comment, str) and comment.strip() else "—"
            lines.append(i18n.t("entry_returned_line", lang, code=code, name=name, comment=said))
    return lines


FIGURE_COLUMNS = {"indicator": "col_code", "indicator_name": "col_indicator", "numerator": "col_numerator",
                  "denominator": "col_denominator", "state_text": "col_state", "comment": "col_comment",
                  "state_by": "col_state_by", "state_at_text": "col_state_at"}


def figures_frame(figures: pd.DataFrame, catalogue: cat.Catalogue, lang: str = "vi") -> pd.DataFrame:
    """A unit's figures of a period with their states (lib.store.workflow.queue) for reading."""
    frame = figures.copy()
    frame["indicator_name"] = [catalogue.by_code[c].name(lang) if c in catalogue.by_code else c
                               for c in frame["indicator"]]
    frame["state_text"] = [state_name(s, lang) for s in frame["state"]]
    frame["state_at_text"] = [fmt.datetime_text(t) for t in frame["state_at"]]
    frame["comment"] = frame["comment"].fillna("")
    frame["state_by"] = frame["state_by"].fillna("")
    return frame


QUEUE_COLUMNS = {"unit_code": "col_unit_code", "unit_name": "col_unit", "indicator": "col_code",
                 "period": "col_period", "numerator": "col_numerator", "denominator": "col_denominator",
                 "state_by": "col_state_by", "state_at_text": "col_state_at"}


def chase_extras(chase: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The chase list (lib.core.completeness.with_states) with its state, who must act and since
    when, in words."""
    frame = chase.copy()
    frame["state_text"] = [state_name(s, lang) for s in frame["state"]]
    frame["acts_text"] = [acts_text(a, n, lang) for a, n in zip(frame["acts"], frame["unit_name"])]
    frame["since_text"] = [d.strftime("%d/%m/%Y") if hasattr(d, "strftime") and not pd.isna(d) else ""
                           for d in frame["since"]]
    frame["waited"] = [int(w) if w is not None and not pd.isna(w) else None for w in frame["waited_days"]]
    return frame


CHASE_EXTRA_COLUMNS = {"state_text": "col_state", "acts_text": "col_acts", "since_text": "col_since",
                       "waited": "col_waited"}


def chase_download(download: pd.DataFrame, shown: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The chase list's download (lib.present.reporting.chase_download of `shown`) with the state,
    who must act, since when and the days waited (`chase_extras`) under their headers."""
    return download.assign(**{i18n.t(k, lang): shown[c].to_numpy() for c, k in CHASE_EXTRA_COLUMNS.items()})


def state_count_frame(counts: pd.DataFrame, catalogue: cat.Catalogue, lang: str = "vi") -> pd.DataFrame:
    """lib.core.completeness.state_counts for reading: the area's name, then a column per state
    headed by its name."""
    frame = pd.DataFrame({i18n.t("col_area", lang): [f"{int(a)}. {catalogue.area_name(int(a), lang)}"
                                                     for a in counts["area"]]})
    for state in wf.COMPLETENESS_STATES:
        frame[state_name(state, lang)] = counts[state].astype(int).to_numpy()
    return frame
