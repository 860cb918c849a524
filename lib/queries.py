"""All reading SQL, as named functions returning plain values or DataFrames."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from lib import catalogue as cat
from lib import db
from lib.models import Observation, Unit
from lib.periods import last_full_month

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


def scopes(conn: Connection, root: dict) -> list[dict]:
    """What a reader can look at: the root, then each district under it (a province's)."""
    if root["kind"] != "tinh":
        return [root]
    below = conn.execute(select(Unit.id, Unit.code, Unit.name, Unit.kind)
                         .where(Unit.parent_id == root["id"], Unit.kind == "huyen").order_by(Unit.code)).mappings()
    return [root, *(dict(row) for row in below)]


def units_of(conn: Connection, root_id: int) -> pd.DataFrame:
    """The root unit (a district) and every unit below it, with the level each reports at."""
    columns = (Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id, Unit.dbkk, Unit.partly_self_financed)
    names = [c.key for c in columns]
    frames = [pd.DataFrame(conn.execute(select(*columns).where(Unit.id == root_id)).all(), columns=names)]
    parents = [root_id]
    while parents:
        children = pd.DataFrame(conn.execute(select(*columns).where(Unit.parent_id.in_(parents))).all(), columns=names)
        if children.empty:
            break
        frames.append(children)
        parents = children["id"].tolist()
    units = pd.concat(frames, ignore_index=True)
    units["level"] = units["kind"].map(cat.LEVEL_OF_KIND)
    units["dbkk"] = units["dbkk"].astype(bool)
    units["partly_self_financed"] = units["partly_self_financed"].astype(bool)
    order = units["kind"].map({"tinh": -1, "huyen": 0, "co_quan": 1, "thi_tran": 2, "phuong": 2, "xa": 2, "dvsn": 3})
    units = units.assign(_order=order).sort_values(["_order", "code"]).drop(columns="_order")
    return units.reset_index(drop=True)[UNIT_FRAME_COLUMNS]


def year_to_date(conn: Connection, catalogue: cat.Catalogue, unit_ids: list[int], year: int,
                 month: int) -> pd.DataFrame:
    """Pooled figures per unit and indicator over the periods of `year` ending by `month`:
    ratios sum numerators and denominators; a yes/no measure is done once any row says done."""
    o = Observation
    stmt = (
        select(o.unit_id, o.indicator, func.sum(o.numerator), func.sum(o.denominator), func.max(o.numerator))
        .where(o.year == year, o.month_to <= month, o.unit_id.in_(unit_ids))
        .group_by(o.unit_id, o.indicator)
    )
    frame = pd.DataFrame(conn.execute(stmt).all(), columns=["unit_id", "indicator", "numerator", "denominator", "done"])
    yes_no = frame["indicator"].map({i.code: i.measure == "yes_no" for i in catalogue.indicators}).fillna(False).astype(bool)
    frame.loc[yes_no, "numerator"] = frame.loc[yes_no, "done"]
    frame.loc[yes_no, "denominator"] = 1
    return frame.drop(columns="done").astype({"numerator": "int64", "denominator": "int64"}).reset_index(drop=True)


def latest_month(conn: Connection, year: int) -> int | None:
    """The last month of `year` that any figure covers."""
    return conn.execute(select(func.max(Observation.month_to)).where(Observation.year == year)).scalar()


def years_with_data(conn: Connection) -> list[int]:
    return [y for (y,) in conn.execute(select(Observation.year).distinct().order_by(Observation.year)).all()]


def default_as_of(conn: Connection, year: int, today: date | None = None) -> int:
    """The as-of month shown when none is chosen: a past year is judged at its end; the current
    year as of the latest month with data (else the last full month)."""
    today = today or date.today()
    if year < today.year:
        return 12
    latest = latest_month(conn, year)
    if latest:
        return latest
    last_year, last_month = last_full_month(today)
    return last_month if last_year == year else 1


def is_sample_data(conn: Connection) -> bool:
    return db.get_meta(conn, "sample_data", "0") == "1"
