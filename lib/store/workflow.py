"""The reporting workflow as stored (the rules are lib.core.workflow): a unit's figures of a period
with their states, the steps (submit, accept, return, unlock) taken by an account and audited with
who, when, from which state to which and the comment, the locked figures a write must not change,
the appraisal queue, the states the completeness page tells apart, and what the pages count (the
secretariat's setting)."""
from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.core import workflow as wf
from lib.core.roles import NOI_VU
from lib.store import db, evidence
from lib.store.models import Observation, Unit
from lib.store.observations import lock_units
from lib.store.transaction import Write, writing

COUNTING_KEY = "counting"  # meta: what the pages count unless a reader chooses otherwise
CLOSED_KEY = "closed_years"  # meta: the years the secretariat closed (their ranking counts approved figures only)

Key = tuple[int, str, str]  # a figure: unit id, indicator code, period text
# the audit log's actions, one per step (lib.present.audit_view words them)
ACTIONS = {wf.SUBMIT: "workflow.submit", wf.ACCEPT: "workflow.accept", wf.RETURN: "workflow.return",
           wf.UNLOCK: "workflow.unlock"}


def counting(conn: Connection) -> str:
    """The secretariat's setting: what the pages count (lib.core.workflow.COUNTING)."""
    return wf.counting_or_default(db.get_meta(conn, COUNTING_KEY))


def default_counting(engine: Engine) -> str:
    with engine.connect() as conn:
        return counting(conn)


def set_counting(engine: Engine, account, value: str) -> None:
    """The secretariat chooses what the pages count by default (audited; the pages read again)."""
    if account.role != NOI_VU:
        raise wf.WorkflowError("role")
    if value not in wf.COUNTING:
        raise wf.WorkflowError("counting_unknown", value=value)
    with writing(engine, account.username) as write:
        old = counting(write.conn)
        if old != value:
            db.set_meta(write.conn, COUNTING_KEY, value)
            write.audit("setting.counting", COUNTING_KEY, old, value)


def closed_years(conn: Connection) -> list[int]:
    """The years the secretariat closed: their ranking counts approved figures only."""
    text_ = db.get_meta(conn, CLOSED_KEY, "") or ""
    return sorted(int(y) for y in text_.split(",") if y.strip().isdigit())


def close_year(engine: Engine, account, year: int, closed: bool = True) -> None:
    """The secretariat closes a year (or opens it again): audited; the pages read again."""
    if account.role != NOI_VU:
        raise wf.WorkflowError("role")
    with writing(engine, account.username) as write:
        old = closed_years(write.conn)
        new = sorted(set(old) | {year}) if closed else [y for y in old if y != year]
        if new != old:
            db.set_meta(write.conn, CLOSED_KEY, ",".join(str(y) for y in new))
            write.audit("setting.closed", CLOSED_KEY, old, new)


STATE_COLUMNS = ["indicator", "state", "state_by", "state_at", "comment"]


def states_of(engine: Engine, unit_id: int, period: str) -> pd.DataFrame:
    """The unit's figures of the period with their workflow state (STATE_COLUMNS; comment '' when
    none), by indicator."""
    o = Observation
    with engine.connect() as conn:
        rows = conn.execute(select(o.indicator, o.state, o.state_by, o.state_at, o.state_comment)
                            .where(o.unit_id == unit_id, o.period == period).order_by(o.indicator)).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=STATE_COLUMNS)
    return frame.assign(comment=frame["comment"].fillna(""))


def _unit_code(conn: Connection, unit_id: int) -> str:
    code = conn.execute(select(Unit.code).where(Unit.id == unit_id)).scalar_one_or_none()
    if code is None:
        raise wf.WorkflowError("unit_unknown", unit=unit_id)
    return code


def _move(write: Write, account, unit_id: int, period: str, steps: dict[str, tuple[str, str]]) -> int:
    """Take each indicator's (step, comment) on the unit's figure of the period, all or none:
    WorkflowError when the account may not write the unit, a figure is missing or a step is not
    allowed from its state by the account's role. Returns how many figures moved."""
    conn = write.conn
    if not account.can_write(unit_id):
        raise wf.WorkflowError("not_your_unit", user=account.username)
    code = _unit_code(conn, unit_id)
    lock_units(conn, [unit_id])  # the same lock as an import of the unit: no write slips in between
    o = Observation
    current = dict(conn.execute(select(o.indicator, o.state).where(
        o.unit_id == unit_id, o.period == period, o.indicator.in_(sorted(steps)))).all())
    now = clock.now()
    for indicator, (step, comment) in sorted(steps.items()):
        try:
            to = wf.check_step(step, account.role, current.get(indicator), comment)
        except wf.WorkflowError as refused:
            raise wf.WorkflowError("figure", indicator=indicator, period=period, reason=refused) from None
        comment = (comment or "").strip() or None
        values = {"state": to, "state_by": account.username, "state_at": now}
        if step != wf.SUBMIT:  # a submission keeps the last return's comment on record until appraisal
            values["state_comment"] = comment
        conn.execute(o.__table__.update().where(o.unit_id == unit_id, o.period == period,
                                                o.indicator == indicator).values(**values))
        write.audit(ACTIONS[step], f"{code}/{indicator}/{period}", {"trang_thai": current[indicator]},
                    {"trang_thai": to, "nhan_xet": comment})
    return len(steps)


def submit(engine: Engine, account, unit_id: int, period: str) -> int:
    """Submit the unit's draft and returned figures of the period ("Gửi"); WorkflowError when there
    is none, one of them needs evidence and has none (lib.store.evidence.required; nothing is
    submitted then), or the account may not write the unit. Returns how many were submitted."""
    if not account.can_write(unit_id):
        raise wf.WorkflowError("not_your_unit", user=account.username)
    with writing(engine, account.username) as write:
        o = Observation
        open_ = write.conn.execute(select(o.indicator).where(
            o.unit_id == unit_id, o.period == period, o.state.in_([wf.DRAFT, wf.RETURNED]))).scalars().all()
        if not open_:
            raise wf.WorkflowError("nothing_to_submit", period=period)
        lacking = evidence.missing(write, unit_id, period, open_)
        if lacking:
            raise wf.WorkflowError("evidence_missing", indicators=", ".join(lacking), period=period)
        return _move(write, account, unit_id, period, {code: (wf.SUBMIT, "") for code in open_})


def appraise(engine: Engine, account, unit_id: int, period: str, decisions: dict[str, tuple[str, str]]) -> int:
    """The secretariat's appraisal of the unit's submitted figures of the period: indicator ->
    (accept or return, comment; a return needs one). All or nothing."""
    if any(step not in (wf.ACCEPT, wf.RETURN) for step, _ in decisions.values()):
        raise wf.WorkflowError("role")
    with writing(engine, account.username) as write:
        return _move(write, account, unit_id, period, decisions)


def unlock(engine: Engine, account, unit_id: int, period: str, indicators: list[str], reason: str) -> int:
    """The secretariat unlocks approved figures with a reason: they can be changed again, and wait
    for appraisal again."""
    with writing(engine, account.username) as write:
        return _move(write, account, unit_id, period, {code: (wf.UNLOCK, reason) for code in indicators})


def locked(conn: Connection, keys: list[Key]) -> set[Key]:
    """Which of the figures `keys` are approved (locked), in the caller's transaction."""
    if not keys:
        return set()
    o = Observation
    units, indicators = sorted({k[0] for k in keys}), sorted({k[1] for k in keys})
    periods = sorted({k[2] for k in keys})
    found = conn.execute(select(o.unit_id, o.indicator, o.period).where(
        o.unit_id.in_(units), o.indicator.in_(indicators), o.period.in_(periods), o.state == wf.APPROVED)).all()
    wanted = set(keys)
    return {tuple(r) for r in found} & wanted


def unlock_for_import(write: Write, keys: list[Key], reason: str, codes: dict[int, str]) -> None:
    """Unlock approved figures that a secretariat's import was told to change (`--unlock REASON`),
    in the import's own transaction, each audited like an unlock on the page."""
    if not (reason or "").strip():
        raise wf.WorkflowError("comment_needed")
    o = Observation
    now = clock.now()
    for unit_id, indicator, period in sorted(keys):
        write.conn.execute(o.__table__.update().where(
            o.unit_id == unit_id, o.indicator == indicator, o.period == period).values(
            state=wf.SUBMITTED, state_by=write.actor, state_at=now, state_comment=reason.strip()))
        write.audit(ACTIONS[wf.UNLOCK], f"{codes[unit_id]}/{indicator}/{period}", {"trang_thai": wf.APPROVED},
                    {"trang_thai": wf.SUBMITTED, "nhan_xet": reason.strip()})


QUEUE_COLUMNS = ["unit_id", "unit_code", "unit_name", "indicator", "period", "numerator", "denominator", "note",
                 "state", "state_by", "state_at", "comment"]


def queue(engine: Engine, unit_ids: list[int], states: tuple[str, ...] = (wf.SUBMITTED,)) -> pd.DataFrame:
    """The figures of `unit_ids` in `states` (by default those waiting for appraisal), oldest first."""
    o, u = Observation, Unit
    stmt = (select(o.unit_id, u.code, u.name, o.indicator, o.period, o.numerator, o.denominator, o.note, o.state,
                   o.state_by, o.state_at, o.state_comment).join(u, u.id == o.unit_id)
            .where(o.state.in_(states), o.unit_id.in_(list(unit_ids))).order_by(o.state_at, u.code, o.indicator))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=QUEUE_COLUMNS)


def states_by_pair(conn: Connection, unit_ids: list[int], year: int, month: int) -> pd.DataFrame:
    """For lib.core.completeness: per unit, indicator and state that is not approved, the figures of
    `year` up to `month` in that state and since when the oldest has waited (columns unit_id,
    indicator, state, since)."""
    o = Observation
    stmt = (select(o.unit_id, o.indicator, o.state, func.min(o.state_at))
            .where(o.year == year, o.month_to <= month, o.state != wf.APPROVED)
            .group_by(o.unit_id, o.indicator, o.state))
    rows = [tuple(r) for r in conn.execute(stmt).all()]
    frame = pd.DataFrame(rows, columns=["unit_id", "indicator", "state", "since"])
    return frame[frame["unit_id"].isin(unit_ids)]
