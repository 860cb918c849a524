"""Shared Streamlit pieces: the engine, cached loaders, and small drawing helpers.

Every loader is keyed on a Source: the database URL, lib.store.db.data_version (which every write
bumps: an import shows on the next run, and nothing is computed twice in between) and the scope
(the unit whose whole is shown: the district, or a province or one of its districts).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd
import streamlit as st

from lib.core import catalogue as cat
from lib.present import charts, html, i18n, maps, views
from lib.core import completeness, settings, trends
from lib.store import db, queries, startup
from lib.io import exporter, official, sheets
from lib.core import status as status_mod
from lib.web.text import md
from lib.store.results import district_scores
from lib.core.scoring import Scores
from lib.web import sidebar
from lib.web.sidebar import Choices
from lib.store import definitions

TTL = 3600  # seconds; the data version already invalidates on every write


# --- the database -------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _engine(url: str):
    return db.get_engine(url)


def engine():
    return _engine(settings.load().database_url)


class NotReady(Exception):
    """The database lacks a schema or a district (args[0]: lib.store.startup's state)."""


@st.cache_resource(show_spinner=False)
def _prepared(url: str, embedded: bool) -> str:
    # raising keeps a not-ready answer out of the cache, so the next run asks again
    state = startup.prepare(_engine(url), embedded, official.find_district)
    if state != startup.READY:
        raise NotReady(state)
    return state


def database_state() -> str:
    """lib.store.startup's state for the configured database (an embedded one is prepared on the way)."""
    s = settings.load()
    try:
        return _prepared(s.database_url, s.embedded)
    except NotReady as not_ready:
        return not_ready.args[0]


# --- cached loaders -----------------------------------------------------------------------------

class Source(NamedTuple):
    url: str
    version: int
    scope: str | None  # the code of the unit whose whole is shown; None: the default root


@dataclass
class Context:
    """What every page needs besides the scores: the catalogue, the district and its units."""

    catalogue: cat.Catalogue
    district: dict  # the root unit shown (id, code, name, kind): the district, or a province
    units: pd.DataFrame
    years: list[int]
    default_months: dict[int, int] = field(default_factory=dict)
    sample: bool = False
    scopes: list[dict] = field(default_factory=list)  # what the sidebar offers (lib.store.queries.scopes)

    def whole(self, lang: str = "vi") -> str:
        return i18n.whole(self.district["kind"], lang)

    def is_dbkk(self, unit_code: str) -> bool:
        flagged = self.units.loc[self.units["code"] == unit_code, "dbkk"]
        return bool(flagged.iloc[0]) if len(flagged) else False


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def _context(src: Source) -> Context:
    with _engine(src.url).connect() as conn:
        scopes = queries.scopes(conn, queries.default_root(conn))
        root = next((s for s in scopes if s["code"] == src.scope), scopes[0])
        years = queries.years_with_data(conn)
        return Context(
            catalogue=definitions.load_catalogue(conn), district=root, units=queries.units_of(conn, root["id"]),
            years=years, default_months={y: queries.default_as_of(conn, y) for y in years},
            sample=queries.is_sample_data(conn), scopes=scopes,
        )


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def _scores(src: Source, year: int, month: int) -> Scores:
    with _engine(src.url).connect() as conn:
        context = _context(src)
        return district_scores(conn, year, month, root_id=context.district["id"], catalogue=context.catalogue)


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def _history(src: Source, year: int, month: int, grain: str,
             indicators: tuple[str, ...] | None) -> list:
    context = _context(src)
    points = trends.points(year, month, grain, context.years)
    if grain == "quarter":
        # every quarter point is a month end: reuse the months' scores
        by_month = {p.month: s for p, s in _history(src, year, month, "month", indicators)}
        return [(p, by_month[p.month]) for p in points]
    with _engine(src.url).connect() as conn:
        return trends.history(conn, context.catalogue, points, indicators=list(indicators) if indicators else None,
                              root_id=context.district["id"])


def export_bytes(src: Source, year: int, month: int, area: int | None, kind: str) -> bytes:
    """The export of CONTRACT.md for an area (None: all) and period, as `csv` or `xlsx` bytes."""
    context = _context(src)
    frame = exporter.export_frame(context.catalogue, _scores(src, year, month), area=area)
    if kind == "csv":
        return sheets.csv_bytes(frame)
    return exporter.to_xlsx_bytes(frame, sample=context.sample)


@st.cache_data(max_entries=16, ttl=TTL, show_spinner=False)
def brief_bytes(src: Source, year: int, month: int, lang: str) -> bytes:
    """The one-page brief (lib.present.brief) of the scope for this period, as HTML to print."""
    from lib.present import brief

    context = _context(src)
    return brief.brief_html(context.catalogue, _scores(src, year, month), context.district["name"], year, month,
                            lang=lang, sample=context.sample)


def _spec(chart) -> dict:
    # the builders are checked against the Vega-Lite schema in tests/unit/present/test_charts.py; skipping
    # the check here saves a third of the cost of every chart
    return chart.to_dict(validate=False)


@st.cache_data(max_entries=64, ttl=TTL, show_spinner=False)
def _overview(src: Source, year: int, month: int, lang: str) -> dict:
    catalogue = _context(src).catalogue
    scores = _scores(src, year, month)
    glance = views.area_glance(catalogue, scores, lang)
    return {"glance": glance, "glance_spec": _spec(charts.glance_bars(views.glance_long(glance, lang), lang)),
            "indicators": views.indicator_frame(catalogue, scores, lang),
            "communes": views.worst_communes(scores, lang)}


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def _area(src: Source, year: int, month: int, area: int, grain: str, lang: str) -> list:
    catalogue = _context(src).catalogue
    codes = tuple(ind.code for ind in catalogue.of_area(area))
    return views.area_view(catalogue, _scores(src, year, month),
                           _history(src, year, month, grain, codes), area, lang)


@st.cache_data(max_entries=64, ttl=TTL, show_spinner=False)
def _map_specs(src: Source, year: int, month: int, area: int, lang: str) -> dict:
    """The commune map of each indicator of the area that communes report (they do not depend on
    the trend's grain, so they are kept apart from it)."""
    catalogue = _context(src).catalogue
    scores = _scores(src, year, month)
    frames = {ind.code: views.map_frame(scores, ind.code, lang) for ind in catalogue.of_area(area)}
    # the stored boundaries (import-boundaries) draw polygons; without them, tiles
    geometry = _boundaries(src)
    return {code: _spec(maps.commune_map(frame, geometry=geometry, lang=lang))
            for code, frame in frames.items() if not frame.empty}


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def _boundaries(src: Source) -> dict | None:
    """The district's stored commune boundaries (lib.store.boundaries.geometry), or None: tiles."""
    from lib.store import boundaries

    return boundaries.geometry(_engine(src.url))


@st.cache_data(max_entries=256, ttl=TTL, show_spinner=False)
def _trend_spec(src: Source, year: int, month: int, area: int, grain: str, lang: str, code: str,
                selected: str | None) -> dict:
    view = next(v for v in _area(src, year, month, area, grain, lang) if v.code == code)
    return _spec(charts.trend_chart(view.trend, view.rules, lang, selected=selected))


@st.cache_data(max_entries=16, ttl=TTL, show_spinner=False)
def _commune_values(src: Source, year: int, month: int) -> tuple[pd.DataFrame, list[int]]:
    """Every commune's monthly year-to-date values of the commune-level indicators, and the points."""
    context = _context(src)
    codes = [ind.code for ind in context.catalogue.indicators if "commune" in ind.levels]
    points = trends.points(year, month, "month")
    communes = context.units[context.units["level"] == "commune"]
    with _engine(src.url).connect() as conn:
        values = trends.value_history(conn, context.catalogue, points, communes, codes)
    return values, [p.order for p in points]


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def _commune(src: Source, year: int, month: int, lang: str,
             unit_code: str) -> tuple[pd.DataFrame, dict | None]:
    context = _context(src)
    values, _orders = _commune_values(src, year, month)
    frame = views.commune_frame(context.catalogue, _scores(src, year, month), unit_code, lang,
                                dbkk=context.is_dbkk(unit_code))
    trend = views.commune_trend_frame(context.catalogue, values, trends.points(year, month, "month"), unit_code,
                                      year, lang)
    return frame, _spec(charts.commune_trends(trend, lang)) if not trend.empty else None


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def _completeness(src: Source, year: int, month: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    context = _context(src)
    with _engine(src.url).connect() as conn:
        return completeness.chase_and_rate(conn, context.catalogue, context.units, year, month)


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def _weights(src: Source) -> dict:
    """lib.core.ranking's stored weights (saving them moves the data version)."""
    from lib.core import ranking

    with _engine(src.url).connect() as conn:
        return ranking.read_weights(conn)


class Data:
    """The loaders bound to this run's database and data version (pages call only these)."""

    def __init__(self):
        self.src = Source(settings.load().database_url, db.data_version(engine()), sidebar.choices().scope)

    def context(self) -> Context:
        return _context(self.src)

    def scores(self, year: int, month: int) -> Scores:
        return _scores(self.src, year, month)

    def history(self, year: int, month: int, grain: str, indicators: list[str] | None = None) -> list:
        return _history(self.src, year, month, grain, tuple(indicators) if indicators else None)

    def export(self, year: int, month: int, area: int | None, kind: str):
        """A callable making the export's bytes: the file is built when the button is clicked."""
        return functools.partial(export_bytes, self.src, year, month, area, kind)

    def brief(self, c: Choices):
        """A callable making the one-page brief's HTML: built when the button is clicked."""
        return functools.partial(brief_bytes, self.src, c.year, c.month, c.lang)

    def overview(self, c: Choices) -> dict:
        """The overview's frames (glance, indicators, communes) and its chart's spec."""
        return _overview(self.src, c.year, c.month, c.lang)

    def area(self, c: Choices, area: int, grain: str) -> tuple[list, dict]:
        """The area's lib.present.views.IndicatorView list and the map spec of each indicator's code."""
        return (_area(self.src, c.year, c.month, area, grain, c.lang),
                _map_specs(self.src, c.year, c.month, area, c.lang))

    def trend_spec(self, c: Choices, area: int, grain: str, code: str, selected: str | None) -> dict:
        return _trend_spec(self.src, c.year, c.month, area, grain, c.lang, code, selected)

    def completeness(self, c: Choices) -> tuple[pd.DataFrame, pd.DataFrame]:
        """lib.core.completeness's chase list and reporting rate per area as of the sidebar's month."""
        return _completeness(self.src, c.year, c.month)

    def weights(self) -> dict:
        """The ranking's weights by indicator code (lib.core.ranking.read_weights)."""
        return _weights(self.src)

    def commune(self, c: Choices, unit_code: str) -> tuple[pd.DataFrame, dict | None]:
        """The commune's indicator table and the spec of its small-multiple trends (None: no figures)."""
        return _commune(self.src, c.year, c.month, c.lang, unit_code)


def data() -> Data:
    return Data()


# --- drawing ------------------------------------------------------------------------------------

def badges(items: list[tuple[str, str]]) -> None:
    """A row of badges given as (status code, text)."""
    st.markdown(html.macros("status.html.j2").badges(items), unsafe_allow_html=True)


def line_legend(items: list[dict]) -> None:
    """A legend for lines (lib.present.charts.trend_legend): a short line in each colour, then its label."""
    st.markdown(html.macros("status.html.j2").line_legend(items), unsafe_allow_html=True)


def stamp(context: Context, choices: Choices) -> None:
    """The data stamp of every page: the district, `Số liệu đến hết tháng MM/YYYY`, and the
    sample-data marker when the figures are synthetic."""
    lang = choices.lang
    text = i18n.t("stamp", lang, month=choices.month, year=choices.year)
    st.markdown(f"**{md(context.district['name'])}** · {text}")
    if context.sample:
        st.warning(f"**{i18n.t('sample_marker', lang)}**: {i18n.t('sample_note', lang)}",
                   icon=":material/science:")


# Column widths in pixels (the rest share what is left).
WIDTHS = {"code": 55, "unit_code": 70, "unit": 240, "kind": 135, "level_name": 130, "value": 80, "numerator": 80,
          "denominator": 80, "target": 105, "status_text": 140, "not_met": 80, "close": 80, "no_data": 120}
NUMERIC = {"value", "numerator", "denominator", "not_met", "close", "no_data"}
# Painting the status cells (pandas Styler) costs more than everything else of a long table: above
# this many rows (a province's communes) the status column keeps its symbol and word, uncoloured.
PAINTED_ROWS = 300


def _status_styles(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    styles = pd.DataFrame("", index=frame.index, columns=frame.columns)
    if "status" in frame.columns and column in frame.columns:
        styles[column] = [f"background-color:{status_mod.get(c).colour};color:{status_mod.get(c).text_colour}"
                          for c in frame["status"]]
    return styles


def table(frame: pd.DataFrame, columns: dict[str, str], lang: str = "vi", key: str | None = None,
          height: int | str = "auto", extra_config: dict | None = None, row_height: int | None = None) -> None:
    """An interactive table (scrolls, sorts) of `columns` (name -> i18n key of its header); the
    status column is painted with the status colours (its text already has symbol and word)."""
    config = {name: st.column_config.TextColumn(i18n.t(header, lang), width=WIDTHS.get(name),
                                                alignment="right" if name in NUMERIC else None)
              for name, header in columns.items()}
    config.update(extra_config or {})
    painted = "status_text" in columns and len(frame) <= PAINTED_ROWS
    data = frame.style.apply(_status_styles, column="status_text", axis=None) if painted else frame
    st.dataframe(data, column_order=list(columns), column_config=config, hide_index=True, key=key, height=height,
                 row_height=row_height)


def static_table(frame: pd.DataFrame, columns: dict[str, str], lang: str = "vi") -> None:
    """A static table (long names wrap, every row shows: for projectors), same columns as `table`."""
    headers = {name: i18n.t(header, lang) for name, header in columns.items()}
    # st.table renders cells as Markdown: names (and a target such as ">30%") must show as text
    shown = frame[list(columns)].map(lambda v: md(v) if isinstance(v, str) else v).rename(columns=headers)
    if "status_text" in columns and "status" in frame.columns:
        column = headers["status_text"]
        statuses = frame["status"]

        def paint(data: pd.DataFrame) -> pd.DataFrame:
            styles = pd.DataFrame("", index=data.index, columns=data.columns)
            styles[column] = [f"background-color:{status_mod.get(c).colour};color:{status_mod.get(c).text_colour}"
                              for c in statuses]
            return styles

        shown = shown.style.apply(paint, axis=None)
    st.table(shown, hide_index=True)


def download_buttons(data: Data, choices: Choices, area: int | None, key: str) -> None:
    """The export of CONTRACT.md for this area and period, as CSV and as XLSX."""
    name = f"cchc_linh_vuc_{area if area is not None else 'all'}_{choices.year}-{choices.month:02d}"
    with st.container(horizontal=True, horizontal_alignment="right"):
        st.download_button(i18n.t("download_csv", choices.lang), data.export(choices.year, choices.month, area, "csv"),
                           file_name=f"{name}.csv", mime="text/csv", on_click="ignore", key=f"{key}_csv",
                           icon=":material/download:", help=i18n.t("download_help", choices.lang))
        st.download_button(i18n.t("download_xlsx", choices.lang),
                           data.export(choices.year, choices.month, area, "xlsx"), file_name=f"{name}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", key=f"{key}_xlsx", icon=":material/download:",
                           help=i18n.t("download_help", choices.lang))


def chart(spec: dict, key: str, **kwargs):
    """A chart from a cached Vega-Lite spec (building an Altair chart costs ~70 ms, so specs are
    built once per data version and reused); returns the selection event when on_select is set."""
    return st.vega_lite_chart(spec, key=key, **kwargs)


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
