"""The shared sidebar (scope, year, as-of month, what the pages count, language) and the one place
its session-state keys live.

app.py draws it on every run; pages read the choices with `choices()`, never the keys. The
language is also kept in the address (`?lang=en`), so a reload, a new tab or a shared link opens
in it; Vietnamese, the default, leaves the address bare.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from lib.core import clock
from lib.core import workflow as wf
from lib.present import i18n, views, workflow_view

YEAR = "sidebar_year"
AS_OF = "sidebar_as_of"
LANG = "sidebar_lang"
SCOPE = "sidebar_scope"
COUNTING = "sidebar_counting"
LANG_PARAM = "lang"  # ?lang=en


@dataclass(frozen=True)
class Choices:
    year: int
    month: int  # the as-of month: figures up to the end of it
    lang: str  # vi | en
    scope: str | None = None  # the code of the unit whose whole is shown (None: the default root)
    counting: str | None = None  # what the pages count (lib.core.workflow.COUNTING; None: the setting)


def _year_changed() -> None:
    # a new year starts at its own default as-of month
    st.session_state.pop(AS_OF, None)


def draw(years: list[int], default_months: dict[int, int], today: date | None = None,
         scopes: list[dict] | None = None, default_counting: str = wf.DEFAULT_COUNTING) -> Choices:
    """The sidebar's widgets; returns the choices. `default_months`: year -> default as-of month
    (lib.store.queries.default_as_of); `scopes`: the units a reader may look at the whole of (a
    province and its districts, lib.store.queries.scopes), offered when there is more than one;
    `default_counting`: what the pages count until the reader chooses (the secretariat's setting)."""
    years, months = settle(years, default_months, today, scopes, default_counting)
    state = st.session_state
    lang, year = state[LANG], state[YEAR]
    with st.sidebar:
        if scopes and len(scopes) > 1:
            names = {s["code"]: s["name"] for s in scopes}
            st.selectbox(i18n.t("sidebar_scope", lang), list(names), key=SCOPE, format_func=names.get)
        st.selectbox(i18n.t("sidebar_year", lang), years, key=YEAR, on_change=_year_changed)
        # the months read the same in both languages: Streamlit keeps a select box's choice by its
        # label, so a label that changed with the language would lose the choice
        st.selectbox(i18n.t("sidebar_as_of", lang), months, key=AS_OF, format_func=lambda m: f"{m:02d}/{year}")
        language_switch(lang)
        st.radio(i18n.t("sidebar_counting", lang), list(wf.COUNTING), key=COUNTING,
                 format_func=lambda c: workflow_view.counting_name(c, lang))
    return choices()


def address_lang() -> str | None:
    """The language the address asks for (`?lang=en`), if it is one."""
    asked = st.query_params.get(LANG_PARAM)
    return asked if asked in i18n.LANGS else None


def show_lang_in_address() -> None:
    """Write the chosen language into the address (Streamlit drops the query on a page change)."""
    lang = st.session_state.get(LANG)
    if lang == "vi":
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]
    elif lang in i18n.LANGS and st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang


def language_switch(lang: str, key: str = LANG) -> None:
    """The language's radio: the sidebar's (`key` LANG), or the login page's under its own key (the
    sidebar is drawn in the same run once signed in); a change goes into the address."""
    state = st.session_state
    if key != LANG:
        state[key] = lang
    elif state.get(LANG) not in i18n.LANGS:
        state[LANG] = lang
    st.radio(i18n.t("sidebar_lang", lang), list(i18n.LANGS), key=key, format_func=i18n.LANG_NAMES.get,
             horizontal=True, on_change=_language_chosen, args=(key,))


def _language_chosen(key: str) -> None:
    st.session_state[LANG] = st.session_state[key]
    show_lang_in_address()


def settle(years: list[int], default_months: dict[int, int], today: date | None = None,
           scopes: list[dict] | None = None, default_counting: str = wf.DEFAULT_COUNTING) -> tuple[list[int], list[int]]:
    """Put a valid choice in every key (the defaults the first time), also for a run that draws no
    sidebar (the presentation mode); returns the years and the as-of months to offer."""
    state = st.session_state
    if state.get(LANG) not in i18n.LANGS:
        state[LANG] = address_lang() or "vi"
    today = today or clock.today()
    years = sorted(set(years) | set(default_months)) or [today.year]
    if state.get(YEAR) not in years:
        state[YEAR] = views.default_year(years, today)
    year = state[YEAR]
    default = default_months.get(year, 12 if year < today.year else max(1, today.month - 1))
    months = views.month_options(year, default, today)
    if state.get(AS_OF) not in months:
        state[AS_OF] = default if default in months else months[-1]
    codes = [s["code"] for s in scopes or []]
    if state.get(SCOPE) not in codes:
        state[SCOPE] = codes[0] if codes else None
    if state.get(COUNTING) not in wf.COUNTING:
        state[COUNTING] = wf.counting_or_default(default_counting)
    keep()
    return years, months


def keep() -> None:
    """Keep the choices through a run that does not draw the sidebar (Streamlit forgets the
    state of widgets a run does not draw, unless it is written back)."""
    for key in (YEAR, AS_OF, LANG, SCOPE, COUNTING):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    show_lang_in_address()


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def choices() -> Choices:
    """What the sidebar says now (defaults before it is first drawn)."""
    state = st.session_state
    lang = state.get(LANG) or address_lang() or "vi"
    return Choices(year=_int(state.get(YEAR), clock.today().year), month=_int(state.get(AS_OF), 12),
                   lang=lang if lang in i18n.LANGS else "vi", scope=state.get(SCOPE),
                   counting=state.get(COUNTING) if state.get(COUNTING) in wf.COUNTING else None)
