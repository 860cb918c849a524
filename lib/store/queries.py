"""All reading SQL, as named functions returning plain values or DataFrames."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from lib.core import catalogue as cat
from lib.core import clock
from lib.core import workflow as wf
from lib.core import year_to_date as ytd
from lib.core.periods import last_full_month
from lib.core.provenance import SAMPLE_SOURCE
from lib.store import db, inspections
from lib.store.models import Observation, Unit

UNIT_FRAME_COLUMNS = ["id", "code", "name", "kind", "level", "parent_id", "dbkk", "partly_self_financed"]


TOP_KINDS = ("tinh", "huyen")  # what the tree's top can be: a province, or a district on its own


def default_root(conn: Connection) -> dict | None:
    """The unit whose whole the product shows by default: the top of the tree, the first set up
    (a district office has one district; a province office its province). None before set-up."""
    row = conn.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.kind)
        .where(Unit.kind.in_(TOP_KINDS), Unit.parent_id.is_(None)).order_by(Unit.id).limit(1)
    ).mappings().first()
    return dict(row) if row else None


def root_or_default(conn: Connection, root_id: int | None) -> int:
    """`root_id`, or the id of the default root (LookupError before any set-up)."""
    if root_id is not None:
        return root_id
    root = default_root(conn)
    if root is None:
        raise LookupError("no district")
    return root["id"]


def scopes(conn: Connection, root: dict) -> list[dict]:
    """What a reader can look at: the root, then each district under it (a province's)."""
    if root["kind"] != "tinh":
        return [root]
    below = conn.execute(select(Unit.id, Unit.code, Unit.name, Unit.kind)
                         .where(Unit.parent_id == root["id"], Unit.kind == "huyen").order_by(Unit.code)).mappings()
    return [root, *(dict(row) for row in below)]


def top_units(conn: Connection) -> list[dict]:
    """Every top of the tree (parentless province or district), in the order they were set up."""
    rows = conn.execute(select(Unit.id, Unit.code, Unit.name, Unit.kind)
                        .where(Unit.kind.in_(TOP_KINDS), Unit.parent_id.is_(None)).order_by(Unit.id)).mappings()
    return [dict(row) for row in rows]


KIND_ORDER = {"tinh": -1, "huyen": 0, "co_quan": 1, "thi_tran": 2, "phuong": 2, "xa": 2, "dvsn": 3}


def _frame(result, columns: list[str]) -> pd.DataFrame:
    """A query's rows as a frame, built column by column (pandas is slow on SQLAlchemy Row objects)."""
    rows = result.cursor.fetchall() if getattr(result, "cursor", None) is not None else result.all()
    if not rows:
        return pd.DataFrame({c: [] for c in columns})
    return pd.DataFrame.from_records(rows, columns=columns)


def _subtree(root_ids: list[int]):
    """A recursive CTE of the ids of the roots and every unit below them."""
    tree = select(Unit.id.label("id")).where(Unit.id.in_(root_ids)).cte("subtree", recursive=True)
    return tree.union_all(select(Unit.id).join(tree, Unit.parent_id == tree.c.id))


def units_under(conn: Connection, root_ids: list[int]) -> pd.DataFrame:
    """The roots and every unit below them (one query), with the level each reports at; ordered by
    kind (province, district, agencies, communes, public service units), then code."""
    columns = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id, Unit.dbkk, Unit.partly_self_financed)
    tree = _subtree(list(root_ids))
    units = _frame(conn.execute(select(*columns).join(tree, tree.c.id == Unit.id)), [c.key for c in columns])
    units["level"] = units["kind"].map(cat.LEVEL_OF_KIND)
    units["dbkk"] = units["dbkk"].astype(bool)
    units["partly_self_financed"] = units["partly_self_financed"].astype(bool)
    units = units.assign(_order=units["kind"].map(KIND_ORDER)).sort_values(["_order", "code"]).drop(columns="_order")
    return units.reset_index(drop=True)[UNIT_FRAME_COLUMNS]


def units_of(conn: Connection, root_id: int) -> pd.DataFrame:
    """The root unit (a district or a province) and every unit below it, with the level each reports at."""
    return units_under(conn, [root_id])


def all_units(conn: Connection) -> pd.DataFrame:
    """Every stored unit's code, kind and partly_self_financed, by code."""
    return pd.DataFrame(conn.execute(select(Unit.code, Unit.kind, Unit.partly_self_financed)
                                     .order_by(Unit.code)).all(), columns=["code", "kind", "partly_self_financed"])


def year_is(conn: Connection, year: int):
    """`observations.year = year`, written so that SQLite does not pick the (year, month_to) index for
    it: without statistics (no ANALYZE yet: a new database, a big import) SQLite prefers that index and
    reads every figure of the year from the table, where the covering index of migration 0006 answers
    from the index alone, unit by unit (`year + 0`: SQLite's way to keep a term off an index).
    PostgreSQL plans well from its statistics."""
    return (Observation.year + 0 == year) if conn.dialect.name == "sqlite" else (Observation.year == year)


def counting(conn: Connection, value: str) -> Connection:
    """Make the connection's reads of figures (scores, trends, what was reported) count as `value`
    says (lib.core.workflow.COUNTING: every figure received, or approved ones only). Kept on this
    Connection object only (an execution option), never on the pooled database connection."""
    return conn.execution_options(counting=wf.counting_or_default(value))


def _only_counted(conn: Connection, stmt):
    """`stmt` keeping only the figures the connection counts (`counting`; default: all)."""
    if conn.get_execution_options().get("counting") == wf.COUNT_APPROVED:
        return stmt.where(Observation.state == wf.APPROVED)
    return stmt


def _counted_rows(conn: Connection, year: int, month: int, indicators: list[str] | None = None):
    """The stored rows of `year` that count as of `month` (lib.core.year_to_date.counts), of
    `indicators` only when given, read from the covering index of migration 0006 (grouping them in
    SQL would cost a sort); approved ones only when the connection counts so (`counting`)."""
    o = Observation
    stmt = select(o.unit_id, o.indicator, o.month_to, o.numerator, o.denominator).where(
        year_is(conn, year), ytd.counts(o.month_to, month))
    if indicators is not None:
        stmt = stmt.where(o.indicator.in_(list(indicators)))
    return _only_counted(conn, stmt)


def _rows_frame(result) -> pd.DataFrame:
    """The counted rows (lib.core.year_to_date.ROW_COLUMNS) of a query, as a frame made through one
    numpy array of the fetched tuples: half the time of pandas' from_records, which spends it making
    the indicator codes' string column (the codes stay Python strings here)."""
    rows = result.cursor.fetchall() if getattr(result, "cursor", None) is not None else result.all()
    if not rows:
        return pd.DataFrame({c: [] for c in ytd.ROW_COLUMNS})
    table = np.array(rows, dtype=object)
    return pd.DataFrame({name: table[:, i] if name == "indicator" else table[:, i].astype(np.int64)
                         for i, name in enumerate(ytd.ROW_COLUMNS)})


def year_to_date(conn: Connection, catalogue: cat.Catalogue, unit_ids: list[int], year: int,
                 month: int) -> pd.DataFrame:
    """The year-to-date figures (lib.core.year_to_date) per unit and indicator of `unit_ids`."""
    return year_to_date_of_units(conn, catalogue, unit_ids, year, [month])[month]


def year_to_date_of_units(conn: Connection, catalogue: cat.Catalogue, unit_ids: list[int], year: int,
                          months: list[int], indicators: list[str] | None = None) -> dict[int, pd.DataFrame]:
    """`year_to_date` as of each of `months` (of `indicators` only, when given), from one query (the
    rows counted as of the last of them)."""
    if not months:
        return {}
    stmt = _counted_rows(conn, year, max(months), indicators).where(Observation.unit_id.in_(list(unit_ids)))
    rows = inspections.with_register(conn, _rows_frame(conn.execute(stmt)), year, max(months),
                                     list(unit_ids))
    return ytd.as_of_months(rows, catalogue, months)


def year_to_date_under(conn: Connection, catalogue: cat.Catalogue, root_ids: list[int], year: int,
                       month: int) -> pd.DataFrame:
    """`year_to_date` of every unit under the roots, the units chosen in SQL (no list of ids sent)."""
    return year_to_date_months(conn, catalogue, root_ids, year, [month])[month]


def year_to_date_months(conn: Connection, catalogue: cat.Catalogue, root_ids: list[int], year: int,
                        months: list[int], indicators: list[str] | None = None) -> dict[int, pd.DataFrame]:
    """`year_to_date_under` as of each of `months` (of `indicators` only, when given), from one query
    (the rows counted as of the last of `months`)."""
    if not months:
        return {}
    tree = _subtree(list(root_ids))
    stmt = _counted_rows(conn, year, max(months), indicators).where(Observation.unit_id.in_(select(tree.c.id)))
    rows = inspections.with_register(conn, _rows_frame(conn.execute(stmt)), year, max(months),
                                     select(tree.c.id))
    return ytd.as_of_months(rows, catalogue, months)


MAX_BOUND_IDS = 30000  # SQLite binds at most 32,766 values in one statement


def last_reported(conn: Connection, unit_ids: list[int], year: int, month: int) -> pd.DataFrame:
    """What the units reported (lib.core.completeness), per unit, indicator and year: the last month
    covered, the granularity and the first month by which a report said done (numerator above 0;
    NaN: none), in `year` up to `month` and in the whole year before (columns unit_id, indicator,
    year, last_month, granularity, first_done); approved figures only when the connection counts so."""
    o = Observation
    first_done = func.min(case((o.numerator > 0, o.month_to)))
    stmt = (select(o.unit_id, o.indicator, o.year, func.max(o.month_to), func.max(o.granularity), first_done)
            .where((year_is(conn, year) & (o.month_to <= month)) | year_is(conn, year - 1))
            .group_by(o.unit_id, o.indicator, o.year))
    if len(unit_ids) <= MAX_BOUND_IDS:
        stmt = stmt.where(o.unit_id.in_(list(unit_ids)))  # only the units asked for are read
    rows = conn.execute(_only_counted(conn, stmt)).all()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows],
                                      columns=["unit_id", "indicator", "year", "last_month", "granularity",
                                               "first_done"])
    frame = inspections.with_register_reported(conn, frame, unit_ids, year, month)
    return frame[frame["unit_id"].isin(unit_ids)]


def latest_month(conn: Connection, year: int) -> int | None:
    """The last month of `year` that any figure covers."""
    return conn.execute(select(func.max(Observation.month_to)).where(Observation.year == year)).scalar()


def years_with_data(conn: Connection) -> list[int]:
    return [y for (y,) in conn.execute(select(Observation.year).distinct().order_by(Observation.year)).all()]


def default_as_of(conn: Connection, year: int, today: date | None = None) -> int:
    """The as-of month shown when none is chosen: a past year is judged at its end; the current
    year as of the latest month with data (else the last full month)."""
    today = today or clock.today()
    if year < today.year:
        return 12
    latest = latest_month(conn, year)
    if latest:
        return latest
    last_year, last_month = last_full_month(today)
    return last_month if last_year == year else 1


def is_sample_data(conn: Connection) -> bool:
    """Demo mode: the database was seeded with sample data and holds no other figure."""
    if db.get_meta(conn, db.SAMPLE_FLAG, "0") != "1":
        return False
    real = select(Observation.id).where(Observation.source != SAMPLE_SOURCE).limit(1)
    return conn.execute(real).first() is None
