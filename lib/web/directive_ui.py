"""The leaders' directives where the results are shown (lib.store.directives.visible, worded by
lib.present.directives_view): the officer's own open directives first on the overview, the count of
open and overdue ones, the short list beside a cell, and, for a leader, the small form that gives a
directive on a red cell right there (the whole's figure not met or close, a unit not met, a
commune's indicator not met). Each reads only what the signed-in account may see; typed text shows
as text (lib.web.text.md); the store checks the role again whatever is shown."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pandas as pd
import streamlit as st

from lib.core import clock
from lib.core import directives as rules
from lib.core import status
from lib.core.errors import Refused
from lib.core.roles import DON_VI
from lib.present import directives_view, i18n
from lib.store import directives
from lib.web import cached, guard
from lib.web.text import md

PAGE = "pages/directives.py"


def seen() -> pd.DataFrame:
    """Every directive the signed-in account may see (none when nobody is signed in)."""
    account = guard.current_account()
    if account is None:
        return pd.DataFrame(columns=directives.COLUMNS)
    return directives.visible(cached.engine(), account)


def _lines(frame: pd.DataFrame, context: cached.Context, lang: str, limit: int = 5) -> None:
    lines = directives_view.short_lines(frame, context.catalogue, context.whole(lang).lower(), lang, limit)
    st.markdown("\n".join(f"- {md(line)}" for line in lines))


def yours(frame: pd.DataFrame, context: cached.Context, lang: str) -> None:
    """For a unit's officer, their open directives (overdue first), before anything else."""
    account = guard.current_account()
    mine = directives_view.open_ones(frame)
    if account is None or account.role != DON_VI or mine.empty:
        return
    with st.container(border=True, key="directives_yours"):
        st.subheader(i18n.t("directives_yours", lang))
        _lines(mine, context, lang, limit=10)
        st.page_link(PAGE, label=i18n.t("directives_open_page", lang), icon=":material/arrow_forward:")


def summary(frame: pd.DataFrame, lang: str) -> None:
    """How many directives are open and overdue, with the way to the list."""
    if frame.empty:
        return
    st.caption(i18n.t("directive_counts", lang, **directives_view.counts(frame)))


def beside(frame: pd.DataFrame, context: cached.Context, lang: str, indicator: str | None = None,
           unit_id: int | None = None, area: int | None = None) -> None:
    """The open directives of one cell (an indicator for a unit or for the whole, or an area), if any."""
    cell = directives_view.open_ones(frame, indicator, unit_id, area)
    if cell.empty:
        return
    st.markdown(f"**{i18n.t('directives_beside', lang)}**")
    _lines(cell, context, lang, limit=3)


def brief_lines(frame: pd.DataFrame, context: cached.Context, lang: str, limit: int = 3) -> tuple[str, ...]:
    """For the one-page brief: the count of open and overdue directives and the first `limit` of
    them, as plain text (the brief's template escapes it); none when no directive is open."""
    if directives_view.open_ones(frame).empty:
        return ()
    return (i18n.t("directive_counts", lang, **directives_view.counts(frame)),
            *directives_view.short_lines(frame, context.catalogue, context.whole(lang).lower(), lang, limit))


def slide_line(frame: pd.DataFrame, lang: str, area: int | None = None) -> str | None:
    """For a slide: the count of open and overdue directives (of one area when given), or None."""
    chosen = frame if area is None or frame.empty else frame[frame["area"] == area]
    if directives_view.open_ones(chosen).empty:
        return None
    return i18n.t("directive_counts", lang, **directives_view.counts(chosen))


WHOLE_RED = (status.NOT_MET, status.CLOSE)  # the whole's statuses a leader may act on beside its figure
UNIT_RED = (status.NOT_MET,)  # a unit's


def _giver():
    """The signed-in account when it may give directives (lib.core.directives.ROLES), else None."""
    account = guard.current_account()
    return account if account is not None and account.role in rules.ROLES[rules.CREATE] else None


def _red_rows(frame: pd.DataFrame) -> tuple:
    """The account giving directives and the rows of a table of figures (a status column) it may give
    one on (UNIT_RED); none when the reader may not give directives (checked first: most readers)."""
    account = _giver()
    if account is None or frame.empty:
        return None, frame.iloc[:0]
    return account, frame[frame["status"].isin(UNIT_RED)]


def _give(account, context: cached.Context, lang: str, key: str, label: str,
          cells: Callable[[], dict[str, tuple[str, int | None]]], responsible: int | None = None) -> None:
    """A leader's (`account`'s) button that opens a small form: the cell (picked when there are
    several; `cells()` maps each one's words to its (indicator, unit id or None for the whole)), the
    unit responsible (`responsible`, else the picked cell's unit, else chosen), the text and the
    deadline. The popover stays open across the rerun: a refusal is said in it; once given, a toast
    says so and the text is emptied."""
    box = st.popover(label, icon=":material/flag:", key=f"{key}_open", on_change="rerun")
    if box.open:  # the form (a province's hundreds of units to pick from) is built once opened
        _form(box, context, account, lang, key, cells(), responsible)
    if st.session_state.pop(f"{key}_rerun", False):
        # given from an area page's indicator (a fragment, which ran alone): the whole page runs
        # again, so the new directive shows beside its cell and on the page's lists
        st.rerun()
    given = st.session_state.pop(f"{key}_done", None)  # said where it shows whatever the scroll
    if given:
        st.toast(given, icon=":material/check_circle:")


def _form(box, context: cached.Context, account, lang: str, key: str, cells: dict[str, tuple[str, int | None]],
          responsible: int | None) -> None:
    """The open popover's form (`_give`)."""
    units = context.units.sort_values("code")
    names = dict(zip(units["id"].astype(int), units["name"]))
    some_unit = any(unit_id is not None for _, unit_id in cells.values())
    with box:
        with st.form(key, border=False):
            if len(cells) == 1:
                st.markdown(i18n.t("directive_give_cell", lang, cell=md(next(iter(cells)))))
            else:
                st.selectbox(i18n.t("col_directive_cell", lang), list(cells), key=f"{key}_cell")
            who, when = st.columns([3, 2])
            options = list(names)
            who.selectbox(i18n.t("col_directive_unit", lang), options, key=f"{key}_responsible",
                          index=options.index(responsible) if responsible in names else None,
                          format_func=names.get,
                          placeholder=i18n.t("directive_give_same" if some_unit else "directive_give_choose", lang))
            when.date_input(i18n.t("col_directive_deadline", lang), key=f"{key}_deadline",
                            value=clock.today() + timedelta(days=14), min_value=clock.today(), format="DD/MM/YYYY")
            st.text_area(i18n.t("directives_text", lang, n=rules.MAX_TEXT), key=f"{key}_text",
                         max_chars=rules.MAX_TEXT, height=68)
            st.form_submit_button(i18n.t("directives_create", lang), key=f"{key}_give", type="primary",
                                  icon=":material/flag:", on_click=_submit, args=(account, lang, key, cells))
        refused = st.session_state.pop(f"{key}_refused", None)  # said under the button pressed
        if refused:
            st.error(md(refused), icon=":material/block:")


def _submit(account, lang: str, key: str, cells: dict[str, tuple[str, int | None]]) -> None:
    """The form's button, run before the page (so the text can be emptied once given): the store
    creates the directive or refuses it (lib.store.directives.create checks the role again)."""
    state = st.session_state
    indicator, unit_id = cells[state[f"{key}_cell"] if len(cells) > 1 else next(iter(cells))]
    chosen = state.get(f"{key}_responsible")
    try:
        new_id = directives.create(cached.engine(), account, responsible_id=chosen if chosen is not None else unit_id,
                                   text=state.get(f"{key}_text"), deadline=state.get(f"{key}_deadline"),
                                   indicator=indicator, unit_id=unit_id)
    except Refused as error:
        state[f"{key}_refused"] = i18n.say(error, lang)
    else:
        state[f"{key}_text"] = ""
        state[f"{key}_done"] = i18n.t("directives_created", lang, id=new_id)
        state[f"{key}_rerun"] = True


def give_whole(code: str, figure_status: str, context: cached.Context, lang: str, key: str) -> None:
    """Beside the whole's figure of an indicator not met or close: a leader gives a directive on it."""
    account = _giver()
    if account is not None and figure_status in WHOLE_RED:
        whole = context.whole(lang).lower()
        _give(account, context, lang, key, i18n.t("directive_give", lang),
              lambda: {f"{code} · {whole}": (code, None)})


def give_units(code: str, units: pd.DataFrame, context: cached.Context, lang: str, key: str) -> None:
    """Under an indicator's table of units (lib.present.views.unit_frame): a leader picks a unit not
    met and gives it a directive on that indicator (the unit responsible unless another is chosen)."""
    account, red = _red_rows(units)
    if red.empty:
        return

    def cells() -> dict[str, tuple[str, int | None]]:
        ids = dict(zip(context.units["code"], context.units["id"].astype(int)))
        return {f"{code} · {row.unit}": (code, ids[row.unit_code]) for row in red.itertuples() if row.unit_code in ids}

    _give(account, context, lang, key, i18n.t("directive_give_unit", lang), cells)


def give_commune(frame: pd.DataFrame, unit_id: int, context: cached.Context, lang: str, key: str) -> None:
    """Under a commune's indicators (lib.present.views.commune_frame): a leader picks one not met and
    gives the commune a directive on it."""
    account, red = _red_rows(frame)
    if red.empty:
        return
    _give(account, context, lang, key, i18n.t("directive_give_indicator", lang),
          lambda: {f"{row.code} · {row.indicator}": (row.code, unit_id) for row in red.itertuples()},
          responsible=unit_id)
