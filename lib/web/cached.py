"""The pages' data, cached: the engine, whether the database is ready, and the loaders pages call
through `data()`.

Every loader is keyed on a Source: the database URL, lib.store.db.data_version (which every write
bumps: an import shows on the next run, and nothing is computed twice in between), the scope
(the unit whose whole is shown: the district, or a province or one of its districts) and what the
pages count (every figure received, or approved ones only: lib.core.workflow.COUNTING; the reader's
choice in the sidebar, else the secretariat's setting). Loaders read through `_connect`, whose
connection counts that way (lib.store.queries.counting). The scores, views and chart specs the
overview and the area pages draw are kept as objects (`_kept`: never changed by their callers).
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd
import streamlit as st

from lib.core import catalogue as cat
from lib.core import clock, completeness, settings, trends
from lib.core import workflow as wf
from lib.core.scoring import Scores
from lib.io import exporter, official, sheets
from lib.present import attention, charts, i18n, maps, views
from lib.store import db, definitions, queries, startup, workflow
from lib.store.results import district_scores, trend_scores, trend_values
from lib.web import sidebar
from lib.web.sidebar import Choices

TTL = 3600  # seconds; the data version already invalidates on every write


def _kept(max_entries: int):
    """A loader whose answers are kept as they are (st.cache_resource), not pickled and unpickled
    on every run as st.cache_data does (a warm area page unpickled its views eleven times a run).
    What it returns is shared by every session: callers never change it (the views' frames are
    filtered and copied, never assigned to). Keyed on the data version like every loader."""
    return st.cache_resource(max_entries=max_entries, ttl=TTL, show_spinner=False)


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
    counting: str = "all"  # what the pages count (lib.core.workflow.COUNTING)


@contextmanager
def _connect(src: Source):
    """A connection whose reads of figures count as `src.counting` says."""
    with _engine(src.url).connect() as conn:
        yield queries.counting(conn, src.counting)


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
    counting_default: str = "all"  # what the pages count unless the reader chooses (the secretariat's setting)
    closed_years: list[int] = field(default_factory=list)  # their ranking counts approved figures only

    def whole(self, lang: str = "vi") -> str:
        return i18n.whole(self.district["kind"], lang)

    @property
    def layout(self) -> str:
        """The layout the pages word the whole and its communes for (i18n.t_layout): the tree's, or
        a district's when the sidebar opens one district of a province."""
        return self.catalogue.layout if self.district["kind"] == "tinh" else "district"

    def is_dbkk(self, unit_code: str) -> bool:
        flagged = self.units.loc[self.units["code"] == unit_code, "dbkk"]
        return bool(flagged.iloc[0]) if len(flagged) else False


@_kept(max_entries=8)
def _context(src: Source) -> Context:
    with _connect(src) as conn:
        scopes = queries.scopes(conn, queries.default_root(conn))
        root = next((s for s in scopes if s["code"] == src.scope), scopes[0])
        years = queries.years_with_data(conn)
        return Context(
            catalogue=definitions.load_catalogue(conn), district=root, units=queries.units_of(conn, root["id"]),
            years=years, default_months={y: queries.default_as_of(conn, y) for y in years},
            sample=queries.is_sample_data(conn), scopes=scopes, counting_default=workflow.counting(conn),
            closed_years=workflow.closed_years(conn),
        )


def units_of(src: Source, codes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The scope's units (Context.units), or those of `codes`."""
    units = _context(src).units
    return units if codes is None else units[units["code"].isin(codes)]


@_kept(max_entries=32)
def _scores(src: Source, year: int, month: int) -> Scores:
    with _connect(src) as conn:
        context = _context(src)
        return district_scores(conn, year, month, root_id=context.district["id"], catalogue=context.catalogue)


@_kept(max_entries=32)
def _history(src: Source, year: int, month: int, grain: str,
             indicators: tuple[str, ...] | None) -> list:
    context = _context(src)
    points = trends.points(year, month, grain, context.years)
    if grain == "quarter":
        # every quarter point is a month end: reuse the months' scores
        by_month = {p.month: s for p, s in _history(src, year, month, "month", indicators)}
        return [(p, by_month[p.month]) for p in points]
    with _connect(src) as conn:
        return trend_scores(conn, context.catalogue, points, indicators=list(indicators) if indicators else None,
                            root_id=context.district["id"])


def export_bytes(src: Source, year: int, month: int, area: int | None, kind: str) -> bytes:
    """The export of CONTRACT.md for an area (None: all) and period, as `csv` or `xlsx` bytes."""
    context = _context(src)
    frame = exporter.export_frame(context.catalogue, _scores(src, year, month), area=area)
    if kind == "csv":
        return sheets.csv_bytes(frame)
    return exporter.to_xlsx_bytes(frame, sample=context.sample)


@st.cache_data(max_entries=16, ttl=TTL, show_spinner=False)
def brief_bytes(src: Source, year: int, month: int, lang: str, directives: tuple[str, ...] = ()) -> bytes:
    """The one-page brief (lib.present.brief) of the scope for this period, as HTML to print, with
    the lines on the open directives the reader may see."""
    from lib.present import brief

    context = _context(src)
    return brief.brief_html(context.catalogue, _scores(src, year, month), context.district["name"], year, month,
                            lang=lang, sample=context.sample, counting=src.counting, directives=directives,
                            layout=context.layout)


def _spec(spec: dict) -> dict:
    """A chart's Vega-Lite spec (lib.present.charts, maps) as Streamlit keeps it: its tables (named
    datasets) already Arrow IPC bytes, which st.vega_lite_chart passes on as they are. Built once per
    data version and cached; a spec with its data as rows would be turned into Arrow on every run.
    GeoJSON stays in the spec (Vega reads it there)."""
    datasets = spec.get("datasets")
    if not datasets:
        return spec
    return {**spec, "datasets": {name: rows if _geojson(rows) else _arrow(rows) for name, rows in datasets.items()}}


def _geojson(rows) -> bool:
    return isinstance(rows, list) and bool(rows) and isinstance(rows[0], dict) and rows[0].get("type") == "Feature"


def _arrow(rows: list[dict]) -> bytes:
    import pyarrow as pa
    from streamlit import dataframe_util

    try:  # rows of plain values: pyarrow reads them directly, six times faster than through pandas
        table = pa.Table.from_pylist(rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        table = pd.DataFrame(rows)
    return dataframe_util.convert_anything_to_arrow_bytes(table)


@_kept(max_entries=64)
def _overview(src: Source, year: int, month: int, lang: str) -> dict:
    catalogue = _context(src).catalogue
    scores = _scores(src, year, month)
    glance = views.area_glance(catalogue, scores, lang)
    return {"glance": glance, "glance_spec": _spec(charts.glance_bars(views.glance_long(glance, lang), lang)),
            "indicators": views.indicator_frame(catalogue, scores, lang),
            "communes": views.worst_communes(scores, lang)}


@_kept(max_entries=128)
def _area(src: Source, year: int, month: int, area: int, grain: str, lang: str) -> list:
    catalogue = _context(src).catalogue
    codes = tuple(ind.code for ind in catalogue.of_area(area))
    return views.area_view(catalogue, _scores(src, year, month),
                           _history(src, year, month, grain, codes), area, lang)


@_kept(max_entries=128)
def _attention(src: Source, year: int, month: int, area: int, grain: str, lang: str) -> pd.DataFrame:
    return attention.attention_frame(_area(src, year, month, area, grain, lang), _scores(src, year, month), lang)


@_kept(max_entries=64)
def _map_specs(src: Source, year: int, month: int, area: int, lang: str) -> dict:
    """The commune map of each indicator of the area that communes report (they do not depend on
    the trend's grain, so they are kept apart from it)."""
    catalogue = _context(src).catalogue
    scores = _scores(src, year, month)
    frames = {ind.code: views.map_frame(scores, ind.code, lang, catalogue) for ind in catalogue.of_area(area)}
    # the stored boundaries (import-boundaries) draw polygons; without them, tiles
    geometry = _boundaries(src)
    drawn = maps.commune_maps({code: frame for code, frame in frames.items() if not frame.empty}, geometry, lang)
    return {code: _spec(spec) for code, spec in drawn.items()}


@_kept(max_entries=8)
def _boundaries(src: Source) -> dict | None:
    """The district's stored commune boundaries (lib.store.boundaries.geometry), or None: tiles."""
    from lib.store import boundaries

    return boundaries.geometry(_engine(src.url))


@_kept(max_entries=256)
def _trend_spec(src: Source, year: int, month: int, area: int, grain: str, lang: str, code: str,
                selected: str | None) -> dict:
    view = next(v for v in _area(src, year, month, area, grain, lang) if v.code == code)
    return _spec(charts.trend_chart(view.trend, view.rules, lang, selected=selected, pace=view.pace))


@st.cache_data(max_entries=16, ttl=TTL, show_spinner=False)
def _commune_values(src: Source, year: int, month: int) -> tuple[pd.DataFrame, list[int]]:
    """Every commune's monthly year-to-date values of the commune-level indicators, and the points."""
    context = _context(src)
    codes = [ind.code for ind in context.catalogue.indicators if "commune" in ind.levels]
    points = trends.points(year, month, "month")
    communes = context.units[context.units["level"] == "commune"]
    with _connect(src) as conn:
        values = trend_values(conn, context.catalogue, points, communes, codes)
    return values, [p.order for p in points]


@st.cache_data(max_entries=128, ttl=TTL, show_spinner=False)
def _commune(src: Source, year: int, month: int, lang: str,
             unit_code: str) -> tuple[pd.DataFrame, dict | None]:
    """The commune's table and its trends' specs, {"wide": ..., "phone": ...} (None without points)."""
    context = _context(src)
    values, _orders = _commune_values(src, year, month)
    frame = views.commune_frame(context.catalogue, _scores(src, year, month), unit_code, lang,
                                dbkk=context.is_dbkk(unit_code))
    trend = views.commune_trend_frame(context.catalogue, values, trends.points(year, month, "month"), unit_code,
                                      year, lang)
    if trend.empty:
        return frame, None
    return frame, {"wide": _spec(charts.commune_trends(trend, lang)),
                   "phone": _spec(charts.commune_trends(trend, lang, **charts.PHONE_TRENDS))}


@st.cache_data(max_entries=32, ttl=TTL, show_spinner=False)
def _completeness(src: Source, year: int, month: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The chase list (with each report's state, who must act, since when), the rate per area and
    the due reports by state per area."""
    context = _context(src)
    ids = context.units["id"].tolist()
    with _connect(src) as conn:
        reported = queries.last_reported(conn, ids, year, month)
        states = workflow.states_by_pair(conn, ids, year, month)
    return completeness.with_workflow(context.catalogue, context.units, reported, states, year, month,
                                      src.counting, clock.today())


@st.cache_data(max_entries=8, ttl=TTL, show_spinner=False)
def _weights(src: Source) -> tuple[dict, str]:
    """The ranking's stored weights and tie-break (lib.store.weights; saving them moves the data version)."""
    from lib.store import weights

    with _connect(src) as conn:
        return weights.read_weights(conn), weights.read_tie_break(conn)


class Data:
    """The loaders bound to this run's database and data version (pages call only these)."""

    def __init__(self):
        choices = sidebar.choices()
        base = Source(settings.load().database_url, db.data_version(engine()), choices.scope)
        self.src = base._replace(counting=choices.counting or _context(base).counting_default)
        self._context = None

    def context(self) -> Context:
        if self._context is None:  # asked for many times a run: looked up (its key hashed) once
            self._context = _context(self.src)
        return self._context

    def scores(self, year: int, month: int) -> Scores:
        return _scores(self.src, year, month)

    def ranking_scores(self, year: int, month: int) -> Scores:
        """The scores the ranking reads: approved figures only once the secretariat closed the year,
        else as the pages count."""
        if year in self.context().closed_years:
            return _scores(self.src._replace(counting=wf.COUNT_APPROVED), year, month)
        return self.scores(year, month)

    def history(self, year: int, month: int, grain: str, indicators: list[str] | None = None) -> list:
        return _history(self.src, year, month, grain, tuple(indicators) if indicators else None)

    def export(self, year: int, month: int, area: int | None, kind: str):
        """A callable making the export's bytes: the file is built when the button is clicked."""
        return functools.partial(export_bytes, self.src, year, month, area, kind)

    def brief(self, c: Choices, directives: tuple[str, ...] = ()):
        """A callable making the one-page brief's HTML: built when the button is clicked."""
        return functools.partial(brief_bytes, self.src, c.year, c.month, c.lang, directives)

    def overview(self, c: Choices) -> dict:
        """The overview's frames (glance, indicators, communes) and its chart's spec."""
        return _overview(self.src, c.year, c.month, c.lang)

    def area(self, c: Choices, area: int, grain: str) -> tuple[list, dict]:
        """The area's lib.present.views.IndicatorView list and the map spec of each indicator's code."""
        return (_area(self.src, c.year, c.month, area, grain, c.lang),
                _map_specs(self.src, c.year, c.month, area, c.lang))

    def attention(self, c: Choices, area: int, grain: str) -> pd.DataFrame:
        """What needs attention on the area page (lib.present.attention.attention_frame)."""
        return _attention(self.src, c.year, c.month, area, grain, c.lang)

    def trend_spec(self, c: Choices, area: int, grain: str, code: str, selected: str | None) -> dict:
        return _trend_spec(self.src, c.year, c.month, area, grain, c.lang, code, selected)

    def completeness(self, c: Choices) -> tuple[pd.DataFrame, pd.DataFrame]:
        """lib.core.completeness's chase list (with each report's workflow state, who must act and
        since when) and reporting rate per area as of the sidebar's month."""
        return _completeness(self.src, c.year, c.month)[:2]

    def completeness_states(self, c: Choices) -> pd.DataFrame:
        """The due reports by workflow state, per area (lib.core.completeness.state_counts)."""
        return _completeness(self.src, c.year, c.month)[2]

    def weights(self) -> dict:
        """The ranking's weights by indicator code (lib.store.weights.read_weights)."""
        return _weights(self.src)[0]

    def tie_break(self) -> str:
        """How the ranking tells equal scores apart (lib.store.weights.read_tie_break)."""
        return _weights(self.src)[1]

    def commune(self, c: Choices, unit_code: str) -> tuple[pd.DataFrame, dict | None]:
        """The commune's indicator table and the spec of its small-multiple trends (None: no figures)."""
        return _commune(self.src, c.year, c.month, c.lang, unit_code)


def data() -> Data:
    return Data()
