"""Nhật ký thay đổi (the secretariat only): every change to figures, targets and accounts, who made
it, when, the old and the new value (lib.store.audit, worded by lib.present.audit_view); filterable and downloadable."""
import streamlit as st

from lib.present import audit_view, i18n
from lib.present import format as fmt
from lib.store import audit, auth
from lib.web import cached, data_ui, guard, sidebar, widgets

account = guard.page_guard(roles=(auth.NOI_VU,))

LIMIT = 5000

choices = sidebar.choices()
lang = choices.lang
engine = cached.engine()
everyone = i18n.t("audit_all", lang)

st.title(i18n.t("page_audit", lang))
users = audit.usernames(engine)
user_col, action_col, entity_col = st.columns([1, 1, 2])
user = user_col.selectbox(i18n.t("audit_user", lang), [""] + users, key="audit_user",
                          format_func=lambda u: u or everyone)
group = action_col.selectbox(i18n.t("audit_action", lang), ["", *audit_view.ACTION_GROUPS], key="audit_action",
                             format_func=lambda g: i18n.t(f"action_group_{g}", lang) if g else everyone)
text = entity_col.text_input(i18n.t("audit_entity", lang), key="audit_entity", placeholder="00376/3.4/2022-07")

found = audit.entries(engine, limit=LIMIT, username=user or None, action_prefix=group or None,
                      entity_contains=text or None)
if found.empty:
    st.info(i18n.t("audit_empty", lang))
    st.stop()
shown = audit_view.readable_frame(found, lang)
st.caption(i18n.t("audit_count", lang, count=fmt.count(len(shown), lang)))
if len(shown) == LIMIT:
    st.caption(i18n.t("audit_limited", lang, count=fmt.count(LIMIT, lang)))
widgets.table(shown, audit_view.VIEW_COLUMNS, lang, key="audit_table")
data_ui.download_table(audit_view.download_frame(shown, lang), "nhat_ky_thay_doi", lang, key="audit_download")
