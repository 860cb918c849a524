"""Provenance as stored: each figure a unit reported for some indicators in a year up to a month,
with how it arrived (observations.source: the entry form or a file's name), who last entered it (the
account's username and, where it is an account, the person's name) and when, its workflow state and how many evidence documents it has; and those documents (without
their bytes), for the area and commune pages' provenance (lib.present.provenance words them)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from lib.core import periods
from lib.store.models import Evidence, Observation, Unit, User

COLUMNS = ["unit_id", "unit_code", "unit_name", "indicator", "period", "month_to", "numerator", "denominator",
           "source", "updated_by", "updated_by_name", "updated_at", "state", "documents"]
DOCUMENT_COLUMNS = ["id", "unit_id", "unit_name", "indicator", "period", "file_name", "mime", "size"]


def _periods(year: int, month: int):
    """The figures' filter: the year's periods that end by `month`."""
    o = Observation
    return (o.year == year) & (o.month_to <= month)


def figures(conn: Connection, unit_ids: list[int], indicators: list[str], year: int, month: int) -> pd.DataFrame:
    """The stored figures of `unit_ids` for `indicators` in `year` up to `month` (COLUMNS), by unit,
    indicator and latest period first."""
    o, u, e, who = Observation, Unit, Evidence, User
    documents = (select(e.unit_id, e.indicator, e.period, func.count().label("n"))
                 .group_by(e.unit_id, e.indicator, e.period).subquery())
    stmt = (select(o.unit_id, u.code, u.name, o.indicator, o.period, o.month_to, o.numerator, o.denominator,
                   o.source, o.updated_by, who.name, o.updated_at, o.state, func.coalesce(documents.c.n, 0))
            .join(u, u.id == o.unit_id).outerjoin(who, who.username == o.updated_by)
            .outerjoin(documents, (documents.c.unit_id == o.unit_id) & (documents.c.indicator == o.indicator)
                       & (documents.c.period == o.period))
            .where(_periods(year, month), o.indicator.in_(list(indicators)))
            .order_by(u.code, o.indicator, o.month_to.desc(), o.month_from.desc()))
    rows = [tuple(r) for r in conn.execute(stmt).all()]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame[frame["unit_id"].isin(list(unit_ids))].reset_index(drop=True)


def documents(conn: Connection, unit_ids: list[int], indicators: list[str], year: int, month: int) -> pd.DataFrame:
    """The evidence documents (DOCUMENT_COLUMNS, no bytes) of `unit_ids` for `indicators` attached to
    `year`'s periods ending by `month` (a figure of that period stored or not)."""
    u, e = Unit, Evidence
    stmt = (select(e.id, e.unit_id, u.name, e.indicator, e.period, e.file_name, e.mime, e.size)
            .join(u, u.id == e.unit_id).where(e.indicator.in_(list(indicators)), e.period.like(f"{int(year)}%"))
            .order_by(u.code, e.indicator, e.period.desc(), e.id))
    rows = [tuple(r) for r in conn.execute(stmt).all()]
    frame = pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)
    ended = pd.Series([periods.parse(p).month_to <= month for p in frame["period"]], index=frame.index,
                      dtype=bool)
    shown = frame["unit_id"].isin(list(unit_ids)) & ended
    return frame[shown].reset_index(drop=True)
