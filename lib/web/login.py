"""The login gate: our own sign-in form (lib.store.auth.verify: lockout and timing the same for every
name), streamlit-authenticator only to write and delete its login cookie, sessions that end when the
account's sessions are ended (logout, new password, deactivation), and demo mode (sample accounts
shown) while every figure is sample data.

A new tab signs in by the cookie as the browser sent it (st.context.cookies, verified with the key):
the library's Authenticate, whose cookie component asks for a second run of the page as soon as it
is drawn, is built only in the runs that write or delete the cookie (after the sign-in, the logout,
an account that may no longer sign in), until its component says the browser has done it.

Build the gate once per run, in app.py only (a second Authenticate on a page clashes)."""
from __future__ import annotations

import os
import secrets
import time
from datetime import datetime

import jwt
import streamlit as st
import streamlit_authenticator as stauth

from lib.core import settings
from lib.core.errors import Refused
from lib.core.roles import role_name
from lib.present import format as fmt
from lib.present import i18n
from lib.store import auth
from lib.web import sidebar

COOKIE_NAME = "cchc_dang_nhap"
COOKIE_DAYS = 7
DEMO_KEY_FILE = settings.DATA_DIR / ".demo_cookie_key"  # demo mode only; never committed
SESSION_STARTED = "login_session_started"  # epoch seconds of the sign-in this session rests on
# What the browser's login cookie still awaits: ("set", token, expiry) or ("delete",); the key of the
# library's component that does it ("set", "delete") holds True once done
COOKIE_PENDING = "login_cookie_pending"
# The sign-in form's widgets
FORM, USERNAME, PASSWORD = "dang_nhap", "dang_nhap_ten", "dang_nhap_mat_khau"
LANGUAGE = "dang_nhap_ngon_ngu"  # the login page's language switch

# A cookie key outside demo mode: long and random, never the example's placeholder.
MIN_KEY_LENGTH = 32
MIN_KEY_DISTINCT = 16
PLACEHOLDER_KEY = "REPLACE-WITH-A-LONG-RANDOM-STRING"
MAKE_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(48))"'


class CookieKeyRefused(Refused):
    """No usable cookie key: none (no_cookie_key), the example's placeholder or a weak one."""


def _secret(section: str, name: str) -> str | None:
    try:
        return st.secrets[section][name]
    except Exception:  # no secrets.toml, or no such entry
        return None


def check_key(key: str) -> None:
    """A configured cookie key that anyone could guess is refused (CookieKeyRefused)."""
    if PLACEHOLDER_KEY.lower() in key.lower():
        raise CookieKeyRefused("cookie_key_placeholder")
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_DISTINCT:
        raise CookieKeyRefused("cookie_key_weak", length=MIN_KEY_LENGTH, distinct=MIN_KEY_DISTINCT)


def cookie_key(demo: bool) -> str:
    """The key that signs the login cookie: CCHC_COOKIE_KEY, else [auth] cookie_key in
    .streamlit/secrets.toml, checked by `check_key`; in demo mode only, a random key kept under
    data/ (deleted once the demo is over, so its cookies die with it). Else CookieKeyRefused."""
    key = (os.environ.get("CCHC_COOKIE_KEY") or _secret("auth", "cookie_key") or "").strip()
    if key:
        check_key(key)
        return key
    if not demo:
        DEMO_KEY_FILE.unlink(missing_ok=True)
        raise CookieKeyRefused("no_cookie_key")
    if not DEMO_KEY_FILE.exists():
        DEMO_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEMO_KEY_FILE.write_text(secrets.token_urlsafe(32), encoding="ascii")
    return DEMO_KEY_FILE.read_text(encoding="ascii").strip()


def key_refusal(error: CookieKeyRefused, lang: str) -> tuple[str, list[str]]:
    """What the stop page says for a refused cookie key, and the commands that fix it."""
    if error.key == "no_cookie_key":
        return i18n.say(error, lang), [
            MAKE_KEY, "set CCHC_COOKIE_KEY=<khóa vừa tạo>", "# hoặc .streamlit/secrets.toml:", "[auth]",
            'cookie_key = "<khóa vừa tạo>"']
    return i18n.say(error, lang), [MAKE_KEY]


def cookie_started(token, username: str) -> float | None:
    """When the decoded login cookie `token` was issued, if it is this user's: the library writes
    only its expiry, COOKIE_DAYS after the sign-in."""
    if isinstance(token, dict) and token.get("username") == username:
        expiry = token.get("exp_date")
        if isinstance(expiry, (int, float)):
            return float(expiry) - COOKIE_DAYS * 86400
    return None


class Gate:
    """One run's login: draws the form when nobody is signed in; `account` is who is."""

    def __init__(self, engine, key: str, demo: bool, lang: str):
        self.engine, self.key, self.demo, self.lang = engine, key, demo, lang
        self._authenticator = None
        self.account: auth.Account | None = None

    @property
    def authenticator(self) -> stauth.Authenticate:
        """The library's Authenticate, built on first use (it draws its cookie component)."""
        if self._authenticator is None:
            # its login (never called here) would wait login_sleep_time, 0.7 s, in every signed-out run
            self._authenticator = stauth.Authenticate(auth.credentials(self.engine, include_demo=self.demo),
                                                      COOKIE_NAME, self.key, COOKIE_DAYS, auto_hash=False,
                                                      login_sleep_time=0)
        return self._authenticator

    def login(self) -> auth.Account | None:
        if not st.session_state.get("authentication_status") and not st.session_state.get("logout"):
            self._by_cookie()
        if st.session_state.get("authentication_status"):
            self.account = self._signed_in(st.session_state.get("username") or "")
        if self.account is None:
            self._form()
            if st.session_state.get("authentication_status"):
                self.account = self._signed_in(st.session_state.get("username") or "")
        self._cookie_pending()
        return self.account

    def _form(self) -> None:
        place = st.empty()
        # the product's name and the language switch above the form (gone with it once signed in)
        with place.container():
            title, switch = st.columns([3, 1], vertical_alignment="bottom")
            title.title(i18n.t("app_title", self.lang))
            with switch:
                sidebar.language_switch(self.lang, key=LANGUAGE)
            with st.form(FORM):
                st.subheader(i18n.t("login_title", self.lang))
                username = st.text_input(i18n.t("login_username", self.lang), key=USERNAME,
                                         autocomplete="username")
                password = st.text_input(i18n.t("login_password", self.lang), type="password", key=PASSWORD,
                                         autocomplete="current-password")
                submitted = st.form_submit_button(i18n.t("login_button", self.lang), type="primary")
        if not submitted:
            return
        account, why = auth.verify(self.engine, username, password, include_demo=self.demo)
        if account is None:
            until = auth.locked_until(self.engine, username)
            if until:
                st.error(i18n.t("login_locked", self.lang, minutes=auth.LOCK_MINUTES, until=fmt.time_text(until)))
            else:
                st.error(i18n.t("login_wrong", self.lang))
            return
        place.empty()
        started = time.time()
        st.session_state.update({"authentication_status": True, "username": account.username, "name": account.name,
                                 "roles": [account.role], "logout": None, SESSION_STARTED: started})
        expiry = started + COOKIE_DAYS * 86400
        # the library's cookie: the user name and its expiry (exp_date, seconds), signed with the key
        token = jwt.encode({"username": account.username, "exp_date": expiry}, self.key, algorithm="HS256")
        st.session_state[COOKIE_PENDING] = ("set", token, expiry)

    def _cookie_pending(self) -> None:
        """Draw the library's cookie component writing or deleting the login cookie, run after run,
        until it says the browser has done it: drawn once, it could be cut off by the run its other
        component (reading every cookie) asks for."""
        pending = st.session_state.get(COOKIE_PENDING)
        if pending is None:
            return
        if st.session_state.get(pending[0]) is True:  # its value: done
            del st.session_state[COOKIE_PENDING]
            return
        manager = self.authenticator.cookie_controller.cookie_model.cookie_manager
        if pending[0] == "set":
            manager.set(COOKIE_NAME, pending[1], key="set", expires_at=datetime.fromtimestamp(pending[2]))
        else:
            manager.delete(COOKIE_NAME, key="delete")

    def _by_cookie(self) -> None:
        """Sign in by the login cookie the browser sent, if it verifies with the key and has not
        expired (whether its account may still sign in is `_signed_in`'s to say)."""
        token = self._cookie()
        if not token or not isinstance(token.get("username"), str):
            return
        expiry = token.get("exp_date")
        if not isinstance(expiry, (int, float)) or expiry <= time.time():
            return
        st.session_state.update({"authentication_status": True, "username": token["username"]})

    def _signed_in(self, username: str) -> auth.Account | None:
        """The signed-in account, or None (and signed out) when it may no longer be: deactivated, a
        sample account after the demo, or its sessions ended since this one began."""
        started = st.session_state.get(SESSION_STARTED)
        if started is None:  # signed in by the cookie
            started = cookie_started(self._cookie(), username) or time.time()
            st.session_state[SESSION_STARTED] = started
        account = auth.account(self.engine, username, include_demo=self.demo, session_started=started)
        if account is None:
            self._sign_out()
            st.session_state[COOKIE_PENDING] = ("delete",)
        return account

    def _cookie(self) -> dict | None:
        """The login cookie this session was opened with, decoded and verified (None: none or forged)."""
        raw = st.context.cookies.get(COOKIE_NAME)
        try:
            return jwt.decode(raw, self.key, algorithms=["HS256"]) if raw else None
        except jwt.PyJWTError:
            return None

    def _sign_out(self) -> None:
        for key in ("authentication_status", "username", "name", "roles"):
            st.session_state[key] = None
        st.session_state.pop(SESSION_STARTED, None)
        st.session_state["logout"] = True  # the cookie signs in no more in this session

    def logout_button(self) -> None:
        """The sidebar's logout: every session of the account ends (its cookies, copied or not, sign in
        no more) and the library deletes this browser's cookie."""
        if st.sidebar.button(i18n.t("logout", self.lang), key="dang_xuat"):
            username = st.session_state.get("username")
            self._sign_out()
            if username:
                auth.end_sessions(self.engine, username)
            st.session_state[COOKIE_PENDING] = ("delete",)
            self._cookie_pending()


def demo_accounts_table(lang: str) -> None:
    from lib.store.demo import DEMO_ACCOUNTS

    st.info(i18n.t("demo_accounts_intro", lang))
    st.table({
        i18n.t("login_username", lang): [a[0] for a in DEMO_ACCOUNTS],
        i18n.t("login_password", lang): [a[4] for a in DEMO_ACCOUNTS],
        i18n.t("demo_accounts_role", lang): [role_name(a[2], lang) + (f" ({a[3]})" if a[3] else "")
                                             for a in DEMO_ACCOUNTS],
    })
