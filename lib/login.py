"""The login gate: streamlit-authenticator over the accounts of the shared database, with the
lockout kept in the database, and demo mode (sample accounts shown) while sample data is loaded.

Build the gate once per run, in app.py only (a second Authenticate on a page clashes)."""
from __future__ import annotations

import os
import secrets

import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy import Engine

from lib import auth, i18n, settings
from lib.text import md

COOKIE_NAME = "cchc_dang_nhap"
COOKIE_DAYS = 7
DEMO_KEY_FILE = settings.DATA_DIR / ".demo_cookie_key"  # demo mode only; never committed
RECORDED = "login_recorded"  # the username whose successful login was already counted


def _secret(section: str, name: str) -> str | None:
    try:
        return st.secrets[section][name]
    except Exception:  # no secrets.toml, or no such entry
        return None


def cookie_key(demo: bool) -> str | None:
    """The key that signs the login cookie: CCHC_COOKIE_KEY, else [auth] cookie_key in
    .streamlit/secrets.toml; in demo mode only, a random key kept under data/."""
    key = os.environ.get("CCHC_COOKIE_KEY") or _secret("auth", "cookie_key")
    if key:
        return key
    if not demo:
        return None
    if not DEMO_KEY_FILE.exists():
        DEMO_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEMO_KEY_FILE.write_text(secrets.token_urlsafe(32), encoding="ascii")
    return DEMO_KEY_FILE.read_text(encoding="ascii").strip()


class Gate:
    """One run's login: draws the form when nobody is signed in; `account` is who is."""

    def __init__(self, engine: Engine, key: str, demo: bool, lang: str):
        self.engine, self.demo, self.lang = engine, demo, lang
        with engine.connect() as conn:
            self.locked = auth.locked_accounts(conn)
            self.credentials = auth.credentials(conn, include_demo=demo, locked_out=self.locked)
        self.authenticator = stauth.Authenticate(self.credentials, COOKIE_NAME, key, COOKIE_DAYS, auto_hash=False)
        self.account: auth.Account | None = None

    def login(self) -> auth.Account | None:
        fields = {"Form name": i18n.t("login_title", self.lang), "Username": i18n.t("login_username", self.lang),
                  "Password": i18n.t("login_password", self.lang), "Login": i18n.t("login_button", self.lang)}
        try:
            self.authenticator.login(location="main", fields=fields, key="dang_nhap")
        except Exception as error:  # the library's LoginError and friends
            st.error(md(str(error)))
        self._count_failures()
        if st.session_state.get("authentication_status"):
            self.account = self._signed_in(st.session_state.get("username"))
        elif st.session_state.get("authentication_status") is False:
            st.error(i18n.t("login_wrong", self.lang))
        return self.account

    def _count_failures(self) -> None:
        """The library counts a failed attempt in the credentials dict it was given: carry it to
        the database, where the lockout lives for every app server."""
        for username, user in self.credentials["usernames"].items():
            if not user.get("failed_login_attempts"):
                continue
            until = None if username in self.locked else auth.record_login(self.engine, username, False)
            if username in self.locked or until:
                with self.engine.connect() as conn:
                    until = auth.locked_until(conn, username)
                st.session_state["authentication_status"] = None
                st.error(i18n.t("login_locked", self.lang, minutes=auth.LOCK_MINUTES,
                                until=until.strftime("%H:%M") if until else ""))

    def _signed_in(self, username: str | None) -> auth.Account | None:
        with self.engine.connect() as conn:
            account = auth.account(conn, username or "", include_demo=self.demo)
        if account is None:  # deactivated, or a sample account outside demo mode
            for key in ("authentication_status", "username", "name", "roles"):
                st.session_state.pop(key, None)
            return None
        if st.session_state.get(RECORDED) != account.username:
            auth.record_login(self.engine, account.username, True)
            st.session_state[RECORDED] = account.username
        return account

    def logout_button(self) -> None:
        self.authenticator.logout(i18n.t("logout", self.lang), location="sidebar", key="dang_xuat")


def demo_accounts_table(lang: str) -> None:
    from lib.demo import DEMO_ACCOUNTS

    st.info(i18n.t("demo_accounts_intro", lang))
    st.table({
        i18n.t("login_username", lang): [a[0] for a in DEMO_ACCOUNTS],
        i18n.t("login_password", lang): [a[4] for a in DEMO_ACCOUNTS],
        i18n.t("demo_accounts_role", lang): [auth.ROLES[a[2]][lang == "en"] + (f" ({a[3]})" if a[3] else "")
                                             for a in DEMO_ACCOUNTS],
    })
