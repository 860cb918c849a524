"""Stored observations: a unit's figures of a period (the entry form), every unit and figure (the
raw download), and what an import needs: the units' write locks, the stored figures a file would
replace, and writing the checked rows with their audit entries."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Engine, select, text
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.store import audit
from lib.store.models import Observation, Unit
from lib.store.transaction import Write
from lib.store.upsert import insert_columns, upsert


def figures_of(engine: Engine, unit_id: int, period: str) -> dict[str, tuple[int, int, str | None]]:
    """The unit's stored figures of the period (its text, e.g. `2022-Q1`): indicator code ->
    (numerator, denominator, note)."""
    with engine.connect() as conn:
        return {code: (num, den, note) for code, num, den, note in conn.execute(
            select(Observation.indicator, Observation.numerator, Observation.denominator, Observation.note)
            .where(Observation.unit_id == unit_id, Observation.period == period))}


def units_and_figures(engine: Engine) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every unit (id, code, name, kind, parent_id, dbkk, psf) and every stored figure (unit_id,
    ma_chi_tieu, ky, tu_so, mau_so, ghi_chu; in the order they were first stored)."""
    with engine.connect() as conn:
        units = pd.DataFrame(conn.execute(select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.parent_id,
                                                 Unit.dbkk, Unit.partly_self_financed)).all(),
                             columns=["id", "code", "name", "kind", "parent_id", "dbkk", "psf"])
        figures = pd.DataFrame(conn.execute(select(Observation.unit_id, Observation.indicator, Observation.period,
                                                   Observation.numerator, Observation.denominator, Observation.note)
                                            .order_by(Observation.id)).all(),
                               columns=["unit_id", "ma_chi_tieu", "ky", "tu_so", "mau_so", "ghi_chu"])
    return units, figures


class StoredFigure(NamedTuple):
    granularity: str
    numerator: int
    denominator: int
    note: str | None
    updated_by: str


def stored_figures(conn: Connection, unit_ids: set[int], indicators: set[str],
                   years: set[int]) -> dict[tuple[int, str, str], StoredFigure]:
    """The stored observations of those units, indicators and years (one query), by (unit id,
    indicator, period text)."""
    if not unit_ids:
        return {}
    o = Observation.__table__.c
    stmt = select(o.unit_id, o.indicator, o.period, o.granularity, o.numerator, o.denominator, o.note,
                  o.updated_by).where(
        o.unit_id.in_(sorted(unit_ids)), o.indicator.in_(sorted(indicators)), o.year.in_(sorted(years)))
    return {(u, i, p): StoredFigure(g, n, d, note, by) for u, i, p, g, n, d, note, by in conn.execute(stmt)}


LOCK_BUCKETS = 1024  # advisory locks per import at most (PostgreSQL's lock table is shared and small)


def lock_units(conn: Connection, unit_ids: list[int]) -> None:
    """Serialise writers of the same units until this transaction ends, so that what is read as
    the stored figure is what gets overwritten (and audited). PostgreSQL: advisory locks taken in
    id order (no deadlock), one per bucket of unit ids (id mod LOCK_BUCKETS): a national file of
    19,000 units would otherwise exhaust the server's lock table ("out of shared memory"); two
    writers of different units in one bucket merely wait for each other. SQLite: take the
    database's write lock now."""
    if not unit_ids:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT count(pg_advisory_xact_lock(4242, id)) FROM "
                          "(SELECT unnest(CAST(:ids AS integer[])) AS id ORDER BY id) AS locked"),
                     {"ids": sorted({unit_id % LOCK_BUCKETS for unit_id in unit_ids})})
    else:
        conn.execute(text("UPDATE meta SET value = value WHERE key = 'data_version'"))


def _now() -> datetime:
    return clock.now()


_OBSERVATION_UPDATE_COLUMNS = ["granularity", "year", "month_from", "month_to", "numerator", "denominator",
                               "note", "source", "updated_by", "updated_at", "state", "state_by", "state_at"]
_PERIOD_COLUMNS = ["period", "granularity", "year", "month_from", "month_to"]


def write_observations(write: Write, rows: pd.DataFrame, filename: str, state: str = "submitted") -> bool:
    """Write the checked rows of a file (lib.io.observation_checks: a frame of the observation columns
    with `change` insert/update/same, `unit_code` and `stored`, the figure replaced) by the write's
    actor, each change audited with the old and the new figures, in the rows' order; a changed figure
    takes the workflow `state` (lib.core.workflow.state_after_write). Returns whether this ended demo
    mode (the first real figures)."""
    from lib.store.demo import end_demo

    conn, user, now, source = write.conn, write.actor, _now(), filename[:200]
    changed = rows[rows["change"] != "same"]
    # new figures in bulk (COPY / one prepared INSERT: a key that is there after all raises, nothing is
    # overwritten unseen); changed ones through the insert-or-update
    new = changed[changed["change"] == "insert"]
    written = {"source": source, "created_by": user, "created_at": now, "updated_by": user, "updated_at": now,
               "state": state, "state_by": user, "state_at": now}
    insert_columns(conn, Observation.__table__, {
        "unit_id": new["unit_id"].to_numpy(), "indicator": new["indicator"].tolist(),
        **{c: new[c].to_numpy() if c in ("year", "month_from", "month_to") else new[c].tolist() for c in _PERIOD_COLUMNS},
        "numerator": new["numerator"].to_numpy(), "denominator": new["denominator"].to_numpy(),
        "note": new["note"].tolist(), **written})
    updated = changed[changed["change"] == "update"]
    upsert(conn, Observation.__table__, [
        {**record, **written} for record in updated[["unit_id", "indicator", *_PERIOD_COLUMNS, "numerator",
                                                     "denominator", "note"]].to_dict("records")],
        keys=["unit_id", "indicator", "period"], update_columns=_OBSERVATION_UPDATE_COLUMNS)
    write.audit_entries(_audit_entries(changed, user, source))
    return not changed.empty and end_demo(write)


def _figures(numerator, denominator, note) -> dict:
    return {"tu_so": numerator, "mau_so": denominator, "ghi_chu": note}


def figures_json(numerators: list[int], denominators: list[int], notes: list[str | None]) -> list[str]:
    """`audit.encode(_figures(...))` of many figures at once, written out: the same text (keys sorted)."""
    return [f'{{"ghi_chu": {"null" if note is None else audit.encode(note)}, "mau_so": {den}, "tu_so": {num}}}'
            for num, den, note in zip(numerators, denominators, notes)]


def _audit_entries(rows: pd.DataFrame, user: str, source: str) -> dict:
    """The audit entries of the changed rows, as columns (lib.store.audit.COLUMNS): observation.insert
    or .update of `unit code/indicator/period`, the stored figures and who entered them, the new ones."""
    entities = [f"{code}/{indicator}/{period}" for code, indicator, period
                in zip(rows["unit_code"].tolist(), rows["indicator"].tolist(), rows["period"].tolist())]
    old = [None if s is None else audit.encode({**_figures(s.numerator, s.denominator, s.note), "nguoi_nhap": s.updated_by})
           for s in rows["stored"].tolist()]
    new = figures_json(rows["numerator"].tolist(), rows["denominator"].tolist(), rows["note"].tolist())
    actions = ["observation." + change for change in rows["change"].tolist()]
    return {"username": user, "action": actions, "entity": entities, "old_value": old, "new_value": new,
            "source": source}
