"""Scores of a district (or a province) read from the database: the one path every page, export and test takes;
and the same over time (lib.core.trends: the scores at every point of a trend, the units' values)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Connection, Engine

from lib.core import catalogue as cat
from lib.core import trends
from lib.core.scoring import Scores, score
from lib.store import definitions, workflow
from lib.store import queries


def district_scores(conn: Connection, year: int, month: int | None = None, root_id: int | None = None,
                    catalogue: cat.Catalogue | None = None, indicators: list[str] | None = None) -> Scores:
    """Scores of every unit under the root (a district, or a province with its districts) for `year`
    as of `month` (default: the default as-of)."""
    catalogue = catalogue or definitions.load_catalogue(conn)
    month = month or queries.default_as_of(conn, year)
    root_id = queries.root_or_default(conn, root_id)
    units = queries.units_of(conn, root_id)
    ytd = queries.year_to_date_under(conn, catalogue, [root_id], year, month)
    return score(catalogue, units, ytd, year, month, indicators=indicators)


def default_district_scores(engine: Engine, year: int, month: int | None = None
                            ) -> tuple[cat.Catalogue, Scores] | None:
    """The catalogue and the scores of the default district (`district_scores`), counting what the
    secretariat's setting says (lib.store.workflow.counting: every figure received unless set to
    approved ones only), or None when no district is set up yet."""
    with engine.connect() as conn:
        conn = queries.counting(conn, workflow.counting(conn))
        if queries.default_root(conn) is None:
            return None
        catalogue = definitions.load_catalogue(conn)
        return catalogue, district_scores(conn, year, month, catalogue=catalogue)


def scores_of_roots(conn: Connection, year: int, month: int | None = None, root_ids: list[int] | None = None,
                    catalogue: cat.Catalogue | None = None, indicators: list[str] | None = None) -> Scores:
    """Scores of every unit under several roots at once (default: every top of the tree, e.g. all
    63 provinces); the whole (`district`) pools them all."""
    catalogue = catalogue or definitions.load_catalogue(conn)
    month = month or queries.default_as_of(conn, year)
    if root_ids is None:
        root_ids = [r["id"] for r in queries.top_units(conn)]
    units = queries.units_under(conn, root_ids)
    ytd = queries.year_to_date_under(conn, catalogue, root_ids, year, month)
    return score(catalogue, units, ytd, year, month, indicators=indicators)


def _at_points(trend_points: list[trends.Point], read) -> dict[tuple[int, int], pd.DataFrame]:
    """The year-to-date figures at every point, keyed (year, month): one `read(year, months)` (a dict
    month -> figures) per year of the points."""
    months_by_year: dict[int, list[int]] = {}
    for point in trend_points:
        months_by_year.setdefault(point.year, []).append(point.month)
    return {(year, month): frame for year, months in months_by_year.items()
            for month, frame in read(year, months).items()}


def trend_scores(conn: Connection, catalogue: cat.Catalogue, trend_points: list[trends.Point],
                 indicators: list[str] | None = None, root_id: int | None = None) -> list[tuple[trends.Point, Scores]]:
    """The root's scores at every point of a trend (only `indicators` when given, which is much
    faster); the figures of all the points of a year are read in one query."""
    root_id = queries.root_or_default(conn, root_id)
    units = queries.units_of(conn, root_id)
    ytd = _at_points(trend_points, lambda year, months: queries.year_to_date_months(conn, catalogue, [root_id],
                                                                                      year, months, indicators))
    return [(point, score(catalogue, units, ytd[(point.year, point.month)], point.year, point.month,
                          indicators=indicators)) for point in trend_points]


def trend_values(conn: Connection, catalogue: cat.Catalogue, trend_points: list[trends.Point], units: pd.DataFrame,
                 indicators: list[str] | None = None) -> pd.DataFrame:
    """lib.core.trends.value_history of `units` at every point (order, indicator, unit_code, value); the
    figures of all the points of a year are read in one query."""
    ids = units["id"].tolist()
    figures = _at_points(trend_points, lambda year, months: queries.year_to_date_of_units(conn, catalogue, ids,
                                                                                         year, months, indicators))
    frames = [figures[(p.year, p.month)].assign(order=p.order) for p in trend_points]
    return trends.value_history(catalogue, units, frames, indicators)
