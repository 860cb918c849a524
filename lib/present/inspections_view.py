"""The inspection register in words (lib.store.inspections): the issues behind 1.2b with their
state, and the short lines of a commune's open issues. Typed text stays plain text here (pages
show it through lib.web.text.md)."""
from __future__ import annotations

import pandas as pd

from lib.core import inspections as rules
from lib.present import format as fmt
from lib.present import i18n

ISSUE_COLUMNS = {"found_text": "col_inspection_day", "team": "col_inspection_team", "what": "col_issue",
                 "deadline_text": "col_directive_deadline", "state_text": "col_state", "fixed_text": "col_fix_day",
                 "fix_note": "col_fix_note"}


def issues_frame(issues: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The issues (lib.store.inspections.issues) for reading: dates as dates, open or fixed in words."""
    frame = issues.copy()
    frame["found_text"] = [fmt.date_text(d) for d in frame["found"]]
    frame["deadline_text"] = [fmt.date_text(d) for d in frame["deadline"]]
    frame["fixed_text"] = [fmt.date_text(d) for d in frame["fixed"]]
    frame["state_text"] = [i18n.t("issue_open" if rules.is_open(d) else "issue_fixed", lang) for d in frame["fixed"]]
    frame["fix_note"] = frame["fix_note"].fillna("")
    return frame


def open_lines(issues: pd.DataFrame, lang: str = "vi") -> list[str]:
    """Each open issue in a line: `hạn 30/06/2025: what`."""
    return [i18n.t("issue_line", lang, deadline=fmt.date_text(r.deadline), what=r.what)
            for r in issues.itertuples(index=False) if rules.is_open(r.fixed)]
