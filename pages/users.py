"""Tài khoản (the secretariat only): the accounts (never their password hashes), adding one,
resetting a password, deactivating and reactivating (lib.store.auth; every change audited)."""
import streamlit as st

from lib.core import roles
from lib.present import accounts_view, i18n
from lib.store import auth
from lib.web import cached, data_ui, guard, sidebar, widgets
from lib.web.text import md

account = guard.page_guard(roles=(auth.NOI_VU,))

DONE = "users_done"
NEW = ("users_new_username", "users_new_name", "users_new_password", "users_new_password2")
RESET = ("users_reset_password", "users_reset_password2")
LIST_HEADERS = {"username": "col_username", "name": "col_name", "role": "col_role", "unit": "col_unit",
                "state": "col_account_status"}

choices = sidebar.choices()
lang = choices.lang
context = cached.data().context()
engine = cached.engine()
state = st.session_state


def role_name(role: str) -> str:
    return roles.role_name(role, lang)


def write(change, done: str, clear: tuple[str, ...] = ()) -> None:
    """Run `change()` (a write of lib.store.auth); the refusal's sentence, or `done` after a rerun."""
    try:
        change()
    except auth.UserError as error:
        st.error(md(i18n.say(error, lang)), icon=":material/error:")
        return
    for key in clear:  # typed passwords do not stay in the session
        state.pop(key, None)
    data_ui.flash(DONE, done)
    st.rerun()


st.title(i18n.t("page_users", lang))
data_ui.flash(DONE)
accounts = auth.users(engine)
listed, add, reset, activity = st.tabs([i18n.t("users_list", lang), i18n.t("users_add", lang),
                                        i18n.t("users_reset", lang), i18n.t("users_active", lang)])

with listed:
    widgets.table(accounts_view.users_view(accounts, lang), LIST_HEADERS, lang, key="users_table")

with add:
    units = context.units[context.units["level"] != "district"]
    unit_names = dict(zip(units["code"], units["name"]))
    with st.form("users_add_form"):
        username = st.text_input(i18n.t("col_username", lang), key=NEW[0], help=i18n.t("users_username_help", lang))
        name = st.text_input(i18n.t("col_name", lang), key=NEW[1])
        role = st.selectbox(i18n.t("col_role", lang), list(auth.ROLES), format_func=role_name, key="users_new_role")
        unit = st.selectbox(i18n.t("users_unit", lang), ["", *unit_names], key="users_new_unit",
                            format_func=lambda c: f"{unit_names[c]} ({c})" if c else i18n.t("users_no_unit", lang))
        password = st.text_input(i18n.t("users_password", lang, n=auth.MIN_PASSWORD_LENGTH), type="password",
                                 key=NEW[2])
        again = st.text_input(i18n.t("users_password_again", lang), type="password", key=NEW[3])
        submitted = st.form_submit_button(i18n.t("users_add", lang), type="primary", icon=":material/person_add:")
    if submitted:
        def add_account():
            auth.check_passwords(password, again)
            auth.add_user(engine, username, name, role, password, unit_code=(unit or None) if role == auth.DON_VI else None,
                          actor=account.username)
        write(add_account, i18n.t("users_added", lang, username=md(username.strip().lower())), clear=NEW)

usernames = accounts["username"].tolist()
with reset:
    with st.form("users_reset_form"):
        who = st.selectbox(i18n.t("users_pick", lang), usernames, key="users_reset_pick")
        password = st.text_input(i18n.t("users_password", lang, n=auth.MIN_PASSWORD_LENGTH), type="password",
                                 key=RESET[0])
        again = st.text_input(i18n.t("users_password_again", lang), type="password", key=RESET[1])
        submitted = st.form_submit_button(i18n.t("users_reset", lang), icon=":material/key:")
    if submitted:
        def reset_password():
            auth.check_passwords(password, again)
            auth.set_password(engine, who, password, actor=account.username)
        write(reset_password, i18n.t("users_reset_done", lang, username=md(who)), clear=RESET)

with activity:
    who = st.selectbox(i18n.t("users_pick", lang), usernames, key="users_active_pick")
    active = bool(accounts.set_index("username").loc[who, "active"]) if who else False
    if who:
        st.markdown(i18n.t("users_is_active" if active else "users_is_inactive", lang, username=md(who)))
        if active and st.button(i18n.t("users_deactivate", lang), key="users_deactivate",
                                icon=":material/person_off:"):
            write(lambda: auth.set_active(engine, who, False, actor=account.username),
                  i18n.t("users_deactivated", lang, username=md(who)))
        if not active and st.button(i18n.t("users_reactivate", lang), key="users_reactivate",
                                    icon=":material/person_check:"):
            write(lambda: auth.set_active(engine, who, True, actor=account.username),
                  i18n.t("users_reactivated", lang, username=md(who)))
