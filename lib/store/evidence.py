"""Evidence documents (tài liệu kiểm chứng) as stored: attached to a unit's indicator for a period
(the figure's, once it has one) or to a commune's fix of an issue of the inspection register (then
its 1.2b for the fix's month), each checked by its content before it is stored
(lib.core.evidence_files), uploaded and deleted by whoever may write the unit's figures, audited;
read (listed and downloaded) by whoever may read them: leaders and the secretariat every unit's, a
unit's officer only their own (checked here, whatever a page offers). The documents live in the
shared database (table `evidence`, migrations 0011 and 0014): every app server sees them, and
backups carry them. Also the secretariat's list of indicators that need evidence before they can
be submitted, and which of a unit's figures lack it (lib.store.workflow.submit)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.engine import Connection

from lib.core import clock, periods
from lib.core import inspections as inspection_rules
from lib.core import workflow as wf
from lib.core.evidence_files import EvidenceError, check
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU
from lib.store import db
from lib.store.models import Evidence, Indicator, Inspection, InspectionIssue, IssueFix, Observation, Unit
from lib.store.transaction import Write, writing

REQUIRED_KEY = "evidence_required"  # meta: the indicators that need evidence before they can be submitted
LIST_COLUMNS = ["id", "unit_id", "indicator", "period", "file_name", "kind", "mime", "size", "uploaded_by",
                "uploaded_at"]
FIX_COLUMNS = ["id", "issue_id", "unit_id", "file_name", "kind", "mime", "size", "uploaded_by", "uploaded_at"]


@dataclass(frozen=True)
class Document:
    """A stored document to hand out: its safe name, its checked MIME type, its bytes."""

    name: str
    mime: str
    content: bytes


def may_read(account, unit_id: int) -> bool:
    """Whether the account may read the unit's evidence: leaders and the secretariat every unit's,
    an officer only their own unit's."""
    if account is None:
        return False
    if account.role in (LANH_DAO, NOI_VU):
        return True
    return account.role == DON_VI and account.unit_id is not None and account.unit_id == unit_id


def _may_write(account, unit_id: int) -> None:
    """EvidenceError unless the account may attach and delete the unit's evidence (who writes its figures)."""
    if account is None or account.role not in (NOI_VU, DON_VI):
        raise EvidenceError("role")
    if not account.can_write(unit_id):
        raise EvidenceError("not_your_unit", user=account.username)


def _unit_code(conn: Connection, unit_id: int) -> str:
    code = conn.execute(select(Unit.code).where(Unit.id == unit_id)).scalar_one_or_none()
    if code is None:
        raise EvidenceError("unit_unknown", unit=unit_id)
    return code


def _refuse_locked(conn: Connection, unit_id: int, indicator: str, period: str) -> None:
    """An approved figure is locked: its evidence does not change either until the secretariat unlocks it."""
    o = Observation
    state = conn.execute(select(o.state).where(o.unit_id == unit_id, o.indicator == indicator,
                                               o.period == period)).scalar_one_or_none()
    if state == wf.APPROVED:
        raise EvidenceError("locked", indicator=indicator, period=period)


def add(engine: Engine, account, unit_id: int, indicator: str, period: str, filename: str, data: bytes) -> int:
    """Attach the document `data`, sent as `filename`, to the unit's indicator for the period:
    checked by its content first (EvidenceError, or PeriodError for a period that is not one),
    audited. Returns its id."""
    _may_write(account, unit_id)
    period = periods.parse(period).text
    checked = check(data, filename)
    with writing(engine, account.username) as write:
        conn = write.conn
        code = _unit_code(conn, unit_id)
        if conn.execute(select(Indicator.code).where(Indicator.code == indicator)).scalar_one_or_none() is None:
            raise EvidenceError("indicator_unknown", indicator=indicator)
        _refuse_locked(conn, unit_id, indicator, period)
        return _store(write, account, unit_id, indicator, period, checked, data, f"{code}/{indicator}/{period}")


def _store(write: Write, account, unit_id: int, indicator: str, period: str, checked, data: bytes, entity: str,
           fix_id: int | None = None) -> int:
    """Insert a checked document and audit it under `entity`; its id."""
    new_id = write.conn.execute(insert(Evidence).values(
        unit_id=unit_id, indicator=indicator, period=period, file_name=checked.name, kind=checked.kind,
        mime=checked.mime, size=len(data), sha256=hashlib.sha256(data).hexdigest(), content=data,
        uploaded_by=account.username, uploaded_at=clock.now(), fix_id=fix_id).returning(Evidence.id)).scalar_one()
    write.audit("evidence.add", entity, None, {"tep": checked.name, "kich_thuoc": len(data)})
    return new_id


def add_to_fix(engine: Engine, account, issue_id: int, filename: str, data: bytes) -> int:
    """Attach the document `data`, sent as `filename`, to the recorded fix of an issue of the
    inspection register (lib.store.inspections.record_fix): by whoever may write the commune's
    figures, checked by its content, audited; stored as evidence of the commune's 1.2b for the
    month of the fix. EvidenceError fix_unknown when the issue has no fix recorded. Returns its id."""
    i, n, f = InspectionIssue, Inspection, IssueFix
    with writing(engine, account.username if account else "") as write:
        row = write.conn.execute(select(f.id, f.day, n.unit_id).join(i, i.id == f.issue_id)
                                 .join(n, n.id == i.inspection_id).where(f.issue_id == issue_id)).first()
        if row is None:
            raise EvidenceError("fix_unknown", issue=issue_id)
        _may_write(account, row.unit_id)
        checked = check(data, filename)
        period = periods.Period(row.day.year, "M", row.day.month, row.day.month).text
        code = _unit_code(write.conn, row.unit_id)
        return _store(write, account, row.unit_id, inspection_rules.FIXED, period, checked, data,
                      f"{code}/van_de/{issue_id}", fix_id=row.id)


def fix_documents(engine: Engine, account, issue_ids: list[int]) -> pd.DataFrame:
    """The documents of the fixes of these register issues that `account` may read (FIX_COLUMNS,
    without their bytes), by issue and time."""
    e, f = Evidence, IssueFix
    if not issue_ids:
        return pd.DataFrame(columns=FIX_COLUMNS)
    with engine.connect() as conn:
        rows = conn.execute(select(e.id, f.issue_id, e.unit_id, e.file_name, e.kind, e.mime, e.size, e.uploaded_by,
                                   e.uploaded_at).join(f, f.id == e.fix_id)
                            .where(f.issue_id.in_(list(issue_ids))).order_by(f.issue_id, e.uploaded_at, e.id)).all()
    return pd.DataFrame([tuple(r) for r in rows if may_read(account, r.unit_id)], columns=FIX_COLUMNS)


def _row(conn: Connection, evidence_id: int):
    e = Evidence
    row = conn.execute(select(e.id, e.unit_id, e.indicator, e.period, e.file_name, e.size)
                       .where(e.id == evidence_id)).first()
    if row is None:
        raise EvidenceError("not_found", id=evidence_id)
    return row


def delete_document(engine: Engine, account, evidence_id: int) -> None:
    """Delete a document (by whoever may write the unit's figures, unless the figure is approved), audited."""
    with writing(engine, account.username if account else "") as write:
        row = _row(write.conn, evidence_id)
        _may_write(account, row.unit_id)
        _refuse_locked(write.conn, row.unit_id, row.indicator, row.period)
        write.conn.execute(delete(Evidence).where(Evidence.id == evidence_id))
        write.audit("evidence.delete", f"{_unit_code(write.conn, row.unit_id)}/{row.indicator}/{row.period}",
                    {"tep": row.file_name, "kich_thuoc": row.size}, None)


def listing(engine: Engine, account, unit_id: int, period_list: list[str] | None = None) -> pd.DataFrame:
    """The unit's documents (LIST_COLUMNS, without their bytes) of these periods (all when None), by
    indicator, period and time; EvidenceError when the account may not read them."""
    if not may_read(account, unit_id):
        raise EvidenceError("not_your_unit", user=getattr(account, "username", ""))
    e = Evidence
    stmt = select(*(getattr(e, c) for c in LIST_COLUMNS)).where(e.unit_id == unit_id)
    if period_list is not None:
        stmt = stmt.where(e.period.in_(list(period_list)))
    with engine.connect() as conn:
        rows = conn.execute(stmt.order_by(e.indicator, e.period, e.uploaded_at, e.id)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=LIST_COLUMNS)


def document(engine: Engine, account, evidence_id: int) -> Document:
    """One document to download; EvidenceError when there is none or the account may not read it."""
    e = Evidence
    with engine.connect() as conn:
        row = conn.execute(select(e.unit_id, e.file_name, e.mime, e.content).where(e.id == evidence_id)).first()
    if row is None:
        raise EvidenceError("not_found", id=evidence_id)
    if not may_read(account, row.unit_id):
        raise EvidenceError("not_your_unit", user=getattr(account, "username", ""))
    return Document(row.file_name, row.mime, bytes(row.content))


def counts(conn: Connection, unit_ids: list[int], indicators: list[str], period_list: list[str]) -> pd.DataFrame:
    """How many documents each (unit, indicator, period) among these has (columns unit_id,
    indicator, period, documents)."""
    e = Evidence
    if not unit_ids or not indicators or not period_list:
        return pd.DataFrame(columns=["unit_id", "indicator", "period", "documents"])
    rows = conn.execute(select(e.unit_id, e.indicator, e.period, func.count()).where(
        e.unit_id.in_(list(unit_ids)), e.indicator.in_(list(indicators)), e.period.in_(list(period_list)))
        .group_by(e.unit_id, e.indicator, e.period)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["unit_id", "indicator", "period", "documents"])


# --- the indicators that need evidence -----------------------------------------------------------

def required(conn: Connection) -> list[str]:
    """The indicators the secretariat marked as needing evidence before they can be submitted."""
    text_ = db.get_meta(conn, REQUIRED_KEY, "") or ""
    return sorted(code for code in text_.split(",") if code.strip())


def required_list(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return required(conn)


def set_required(engine: Engine, account, indicators: list[str]) -> None:
    """The secretariat sets which indicators need evidence before they can be submitted: audited."""
    if account is None or account.role != NOI_VU:
        raise EvidenceError("role")
    with writing(engine, account.username) as write:
        conn = write.conn
        known = set(conn.execute(select(Indicator.code)).scalars().all())
        unknown = sorted(set(indicators) - known)
        if unknown:
            raise EvidenceError("indicator_unknown", indicator=", ".join(unknown))
        old, new = required(conn), sorted(set(indicators))
        if new != old:
            db.set_meta(conn, REQUIRED_KEY, ",".join(new))
            write.audit("setting.evidence", REQUIRED_KEY, old, new)


def missing(write: Write, unit_id: int, period: str, indicators: list[str]) -> list[str]:
    """Which of `indicators` need evidence (`required`) and have none for the unit and period."""
    needed = sorted(set(indicators) & set(required(write.conn)))
    if not needed:
        return []
    e = Evidence
    have = set(write.conn.execute(select(e.indicator).where(
        e.unit_id == unit_id, e.period == period, e.indicator.in_(needed))).scalars().all())
    return [code for code in needed if code not in have]
