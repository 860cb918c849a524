"""The dashboard's entry point: a router.

Page config, the database check, the cookie key, the login gate, the shared sidebar, then
`st.navigation` over the pages `build_pages` lists for the signed-in account's role. Pages live in
pages/ and draw only; the logic is in lib/. Every page also checks the role itself
(lib.web.guard.page_guard), and a run of a page file that did not come through here goes back through it.
"""
from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.exc import DBAPIError

from lib.core.roles import role_name
from lib.store import auth, db, demo, startup

from lib.present import format as fmt, i18n

from lib.web import cached, guard, login, presentation, sidebar, widgets
from lib.web.text import md

PAGES_DIR = "pages"
AREAS = range(1, 8)
# Pages for keeping the data current: (file in pages/, title key, icon, roles that may open it).
DATA_PAGES = [
    ("entry", "page_entry", ":material/edit_note:", (auth.NOI_VU, auth.DON_VI)),
    ("upload", "page_upload", ":material/upload_file:", (auth.NOI_VU, auth.DON_VI)),
    ("workflow", "page_workflow", ":material/approval:", (auth.NOI_VU, auth.DON_VI)),
    ("inspections", "page_inspections", ":material/search_check:", (auth.NOI_VU, auth.DON_VI, auth.LANH_DAO)),
    ("completeness", "page_completeness", ":material/fact_check:", (auth.NOI_VU, auth.DON_VI, auth.LANH_DAO)),
    ("targets", "page_targets", ":material/flag:", (auth.NOI_VU,)),
    ("audit", "page_audit", ":material/history:", (auth.NOI_VU,)),
    ("users", "page_users", ":material/group:", (auth.NOI_VU,)),
    ("boundaries", "page_boundaries", ":material/map:", (auth.NOI_VU,)),
]


def configure() -> None:
    # the icon is an emoji, which Streamlit draws itself (a `:material/...:` icon is fetched from
    # fonts.gstatic.com, and a district's network is often offline)
    st.set_page_config(page_title=i18n.t("browser_title"), page_icon="🏛️", layout="wide")


RETRY_SECONDS = 10
WAITED = "database_waited"  # how often the wait for the database has run since the page failed
log = logging.getLogger("cchc")


def database_state() -> str:
    """lib.store.startup's state of the database (an embedded one is created and seeded on the way);
    "unreachable" when it does not answer (the cause goes to the server's log, not the page)."""
    try:
        return cached.database_state()
    except Exception:  # a server that does not answer, a bad URL...
        log.exception("the database cannot be reached")
        return "unreachable"


def database_unreachable(lang: str) -> None:
    """A plain message while the database does not answer; the page comes back by itself once it
    does (checked every RETRY_SECONDS)."""
    st.title(i18n.t("app_title", lang))
    st.error(i18n.t("db_unreachable", lang, seconds=RETRY_SECONDS), icon=":material/cloud_off:")

    st.session_state[WAITED] = 0

    @st.fragment(run_every=RETRY_SECONDS)
    def wait():
        st.session_state[WAITED] += 1
        # not on the call inside this run (that would loop), only on the timer's
        if st.session_state[WAITED] > 1 and db.reachable(cached.engine()):
            st.rerun(scope="app")

    wait()


def stop_page(lang: str, message: str, commands: list[str]) -> None:
    """The only page while the app cannot go on: what is wrong and the commands that fix it."""
    def stopped():
        st.title(i18n.t("app_title", lang))
        st.error(message)
        if commands:
            st.code("\n".join(commands), language="bash")

    st.navigation([st.Page(stopped, title=i18n.t("app_title", lang), url_path="khoi-tao", default=True)],
                  position="hidden").run()


def database_not_ready(state: str, lang: str) -> None:
    if state == "unreachable":
        database_unreachable(lang)
    else:
        stop_page(lang, i18n.t("db_" + state, lang), startup.COMMANDS[state])


def demo_over_notice(lang: str) -> None:
    """After the demo: say once more, where nobody can sign in yet, why the sample accounts stopped."""
    ended = demo.ended_at(cached.engine())
    if ended:
        st.warning(i18n.t("demo_over", lang, at=fmt.datetime_text(ended)), icon=":material/info:")


def build_pages(context: cached.Context, lang: str, account: auth.Account) -> dict[str, list]:
    """The pages this account may open, by navigation section (the one place the list is built;
    every restricted page also checks the role itself)."""
    catalogue = context.catalogue
    overview = st.Page(f"{PAGES_DIR}/overview.py", title=i18n.t("page_overview", lang),
                       icon=":material/dashboard:", default=True)
    areas = [
        st.Page(f"{PAGES_DIR}/area_{n}.py", title=i18n.t("area_nav", lang, n=n, name=catalogue.area_name(n, lang)),
                icon=":material/checklist:")
        for n in AREAS if n in catalogue.areas
    ]
    ranking = st.Page(f"{PAGES_DIR}/ranking.py", title=i18n.t("page_ranking", lang), icon=":material/military_tech:")
    commune = st.Page(f"{PAGES_DIR}/commune.py", title=i18n.t_layout("page_commune", context.layout, lang),
                      icon=":material/home_work:")
    directives = st.Page(f"{PAGES_DIR}/directives.py", title=i18n.t("page_directives", lang),
                         icon=":material/assignment:")
    sections = {
        context.whole(lang): [overview, ranking, directives],
        i18n.t("section_areas", lang): areas,
        i18n.t_layout("section_communes", context.layout, lang): [commune],
    }
    data_pages = []
    for name, title, icon, roles in DATA_PAGES:
        if account.role in roles:
            data_pages.append(st.Page(f"{PAGES_DIR}/{name}.py", title=i18n.t(title, lang), icon=icon))
    if data_pages:
        sections[i18n.t("section_data", lang)] = data_pages
    return sections


WANTED = "router_wanted_page"  # the url path a deep link asked for before the login


def keep_url_through_login(context: cached.Context, lang: str) -> None:
    """Register every page, hidden and not run, so a deep link survives the login form; remember
    it too, since the run the login cookie's component asks for once the form has signed in starts
    at the default page."""
    everyone = {}
    for role in auth.ROLES:
        for section, pages in build_pages(context, lang, auth.Account("", "", role, None)).items():
            known = {p.url_path for p in everyone.setdefault(section, [])}
            everyone[section] += [p for p in pages if p.url_path not in known]
    asked = st.navigation(everyone, position="hidden")
    # the cookie component's run is at the default page: it must not forget the deep link
    if asked.url_path or WANTED not in st.session_state:
        st.session_state[WANTED] = asked.url_path


def go_where_asked(page, sections: dict[str, list]) -> None:
    """After a sign-in, open the page the deep link asked for (when this account may open it)."""
    wanted = st.session_state.pop(WANTED, None)
    if wanted is None or wanted == page.url_path:
        return
    for pages in sections.values():
        for candidate in pages:
            if candidate.url_path == wanted:
                st.switch_page(candidate)


def leave_legacy_mode() -> None:
    """A new process that finds a pages/ folder starts in Streamlit's legacy multipage mode (its
    own sidebar listing every file of pages/) until a run calls st.navigation: switch it off and
    rerun before anything is drawn."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def main() -> None:
    leave_legacy_mode()
    configure()
    lang = sidebar.choices().lang
    state = database_state()
    if state != startup.READY:
        database_not_ready(state, lang)
        return
    try:
        run(lang)
    except DBAPIError:  # the database stopped answering under way: a message, never a traceback
        log.exception("the database stopped answering")
        database_unreachable(lang)


def run(lang: str) -> None:
    engine = cached.engine()
    context = cached.data().context()
    # the browser tab names what the data is of: a district or a province
    st.set_page_config(page_title=i18n.t_layout("browser_title", context.layout, lang))
    widgets.field_hints(lang)
    try:
        key = login.cookie_key(context.sample)
    except login.CookieKeyRefused as refused:
        if not context.sample:
            demo_over_notice(lang)
        stop_page(lang, *login.key_refusal(refused, lang))
        return
    if auth.count_users(engine, include_demo=context.sample) == 0:
        demo_over_notice(lang)
        stop_page(lang, i18n.t("no_accounts", lang), ["python -m lib.cli users add TEN_DANG_NHAP --role noi_vu --name \"Phòng Nội vụ\""])
        return
    if not st.session_state.get("authentication_status"):
        # before the login: its cookie's component may cut this run short with a rerun that has
        # forgotten the page the address asked for
        keep_url_through_login(context, lang)
    gate = login.Gate(engine, key, context.sample, lang)
    account = gate.login()
    st.session_state[guard.ACCOUNT] = account
    if account is None:
        if context.sample:
            login.demo_accounts_table(lang)
        else:
            demo_over_notice(lang)
        return
    if presentation.active():
        # the meeting-room view replaces the pages (and the sidebar) while it is on
        sidebar.settle(context.years, context.default_months, scopes=context.scopes,
                       default_counting=context.counting_default)
        st.navigation([st.Page(presentation.show, title=i18n.t("slides.toggle", lang), url_path="trinh-chieu",
                               default=True)], position="hidden").run()
        return
    choices = sidebar.draw(context.years, context.default_months, scopes=context.scopes,
                           default_counting=context.counting_default)
    with st.sidebar:
        presentation.toggle(choices.lang)
        st.markdown(i18n.t("signed_in_as", choices.lang, name=md(account.name),
                           role=role_name(account.role, choices.lang)))
        gate.logout_button()
    sections = build_pages(context, choices.lang, account)
    page = st.navigation(sections, expanded=True)
    go_where_asked(page, sections)
    guard.mark_routed()
    page.run()


main()
