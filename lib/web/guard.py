"""The route guard: the router (app.py) marks its runs, and the first line of every page
(`page_guard`) sends a run that did not come through it back through it and refuses a page to the
roles it is not for; the signed-in account is kept in the session under ACCOUNT."""
from __future__ import annotations

import streamlit as st

from lib.present import i18n
from lib.web import sidebar


ROUTER_MARK = "_router_ran"


def mark_routed() -> None:
    """The router (app.py) calls this just before it runs the chosen page."""
    st.session_state[ROUTER_MARK] = True


ACCOUNT = "auth_account"  # the signed-in lib.store.auth.Account, set by app.py on every run


def current_account():
    """The signed-in account (lib.store.auth.Account), or None."""
    return st.session_state.get(ACCOUNT)


def page_guard(roles: tuple[str, ...] | None = None):
    """The first line of every page; returns the signed-in account.

    1. A Streamlit process that finds a pages/ folder starts in the legacy multipage mode and,
       until a run calls st.navigation, runs a deep-linked page file directly, without app.py (its
       sidebar and login gate). Such a run switches the legacy mode off and reruns, so the same
       page comes back through the router.
    2. `roles`: the page is refused (server side, whatever the navigation shows) to any other role.
    """
    if not st.session_state.pop(ROUTER_MARK, False):
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        sidebar.keep()
        st.rerun()
    account = current_account()
    if roles is not None and (account is None or account.role not in roles):
        st.error(i18n.t("no_permission", sidebar.choices().lang))
        st.stop()
    return account
