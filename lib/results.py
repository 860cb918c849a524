"""Scores of a district read from the database: the one path every page, export and test takes."""
from __future__ import annotations

from sqlalchemy.engine import Connection

from lib import catalogue as cat
from lib import queries
from lib.scoring import Scores, score


def district_scores(conn: Connection, year: int, month: int | None = None, district_id: int | None = None,
                    catalogue: cat.Catalogue | None = None, indicators: list[str] | None = None) -> Scores:
    """Scores of every unit of the district for `year` as of `month` (default: the default as-of)."""
    if district_id is None:
        district = queries.default_district(conn)
        if district is None:
            raise LookupError("no district")
        district_id = district["id"]
    catalogue = catalogue or cat.load(conn)
    month = month or queries.default_as_of(conn, year)
    units = queries.units_of(conn, district_id)
    ytd = queries.year_to_date(conn, catalogue, units["id"].tolist(), year, month)
    return score(catalogue, units, ytd, year, month, indicators=indicators)
