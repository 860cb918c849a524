"""The dashboard's entry point: a router.

Page config, the database check, the shared sidebar, then `st.navigation` over the pages that
`build_pages` lists (the one place the page list is built; login and roles will choose from it).
Pages live in pages/ and draw only; the logic is in lib/.

Why not `pages/`: a Streamlit process that finds a `pages/` folder next to the entry script starts
in the legacy multipage mode, and until some run has called st.navigation it runs a deep-linked
page file directly (e.g. /area_3 right after a restart), skipping this router: no sidebar, and
later no login gate. With the pages elsewhere every run comes through here.
"""
from __future__ import annotations

import streamlit as st

from lib import i18n, sidebar, startup, ui

PAGES_DIR = "pages"
AREAS = range(1, 8)


def configure() -> None:
    st.set_page_config(page_title="Cải cách hành chính huyện", page_icon=":material/account_balance:",
                       layout="wide")


def database_state() -> str:
    """lib.startup's state of the database (an embedded one is created and seeded on the way)."""
    try:
        return ui.database_state()
    except Exception as error:  # a server that does not answer, a bad URL...
        return f"error:{error}"


def not_ready_page(state: str, lang: str):
    """The one page shown while the database cannot be: what is wrong and which commands fix it."""
    def not_ready():
        st.title(i18n.t("app_title", lang))
        if state.startswith("error:"):
            st.error(i18n.t("db_error", lang, error=state.removeprefix("error:")))
            return
        st.error(i18n.t("db_" + state, lang))
        st.code("\n".join(startup.COMMANDS[state]), language="bash")

    return st.Page(not_ready, title=i18n.t("app_title", lang), url_path="khoi-tao", default=True)


def build_pages(context: ui.Context, lang: str) -> dict[str, list]:
    """Every page of the dashboard, by navigation section."""
    catalogue = context.catalogue
    overview = st.Page(f"{PAGES_DIR}/overview.py", title=i18n.t("page_overview", lang),
                       icon=":material/dashboard:", default=True)
    areas = [
        st.Page(f"{PAGES_DIR}/area_{n}.py", title=i18n.t("area_nav", lang, n=n, name=catalogue.area_name(n, lang)),
                icon=":material/checklist:")
        for n in AREAS if n in catalogue.areas
    ]
    commune = st.Page(f"{PAGES_DIR}/commune.py", title=i18n.t("page_commune", lang), icon=":material/home_work:")
    return {
        i18n.t("section_main", lang): [overview],
        i18n.t("section_areas", lang): areas,
        i18n.t("section_communes", lang): [commune],
    }


def main() -> None:
    configure()
    lang = sidebar.choices().lang
    state = database_state()
    if state != startup.READY:
        st.navigation([not_ready_page(state, lang)], position="hidden").run()
        return
    context = ui.data().context()
    choices = sidebar.draw(context.years, context.default_months)
    page = st.navigation(build_pages(context, choices.lang), expanded=True)
    ui.mark_routed()
    page.run()


main()
