"""The leaders' directives where the results are shown (lib.store.directives.visible, worded by
lib.present.directives_view): the officer's own open directives first on the overview, the count of
open and overdue ones, and the short list beside a cell. Each reads only what the signed-in account
may see; typed text shows as text (lib.web.text.md)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

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


def _lines(frame: pd.DataFrame, lang: str, limit: int = 5) -> None:
    context = cached.data().context()
    lines = directives_view.short_lines(frame, context.catalogue, context.whole(lang).lower(), lang, limit)
    st.markdown("\n".join(f"- {md(line)}" for line in lines))


def yours(frame: pd.DataFrame, lang: str) -> None:
    """For a unit's officer, their open directives (overdue first), before anything else."""
    account = guard.current_account()
    mine = directives_view.open_ones(frame)
    if account is None or account.role != DON_VI or mine.empty:
        return
    with st.container(border=True, key="directives_yours"):
        st.subheader(i18n.t("directives_yours", lang))
        _lines(mine, lang, limit=10)
        st.page_link(PAGE, label=i18n.t("directives_open_page", lang), icon=":material/arrow_forward:")


def summary(frame: pd.DataFrame, lang: str) -> None:
    """How many directives are open and overdue, with the way to the list."""
    if frame.empty:
        return
    st.caption(i18n.t("directive_counts", lang, **directives_view.counts(frame)))


def beside(frame: pd.DataFrame, lang: str, indicator: str | None = None, unit_id: int | None = None,
           area: int | None = None) -> None:
    """The open directives of one cell (an indicator for a unit or for the whole, or an area), if any."""
    cell = directives_view.open_ones(frame, indicator, unit_id, area)
    if cell.empty:
        return
    st.markdown(f"**{i18n.t('directives_beside', lang)}**")
    _lines(cell, lang, limit=3)


def brief_lines(frame: pd.DataFrame, lang: str, limit: int = 3) -> tuple[str, ...]:
    """For the one-page brief: the count of open and overdue directives and the first `limit` of
    them, as plain text (the brief's template escapes it); none when no directive is open."""
    if directives_view.open_ones(frame).empty:
        return ()
    context = cached.data().context()
    return (i18n.t("directive_counts", lang, **directives_view.counts(frame)),
            *directives_view.short_lines(frame, context.catalogue, context.whole(lang).lower(), lang, limit))


def slide_line(frame: pd.DataFrame, lang: str, area: int | None = None) -> str | None:
    """For a slide: the count of open and overdue directives (of one area when given), or None."""
    chosen = frame if area is None or frame.empty else frame[frame["area"] == area]
    if directives_view.open_ones(chosen).empty:
        return None
    return i18n.t("directive_counts", lang, **directives_view.counts(chosen))
