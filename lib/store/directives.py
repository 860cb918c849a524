"""The leaders' directives as stored (the rules are lib.core.directives): create, answer with a
progress note, close as done, each audited with who, when and what; and the directives an account
may see. The role and the unit are checked here, whatever a page offers: an officer neither sees nor
answers another unit's directive through these functions (a directive they may not see is, to
them, one that does not exist)."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, false, func, select, true
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased

from lib.core import clock
from lib.core import directives as rules
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU
from lib.store.models import Directive, DirectiveNote, Indicator, Unit
from lib.store.transaction import writing

ACTIONS = {rules.CREATE: "directive.create", rules.ANSWER: "directive.answer", rules.CLOSE: "directive.close"}
COLUMNS = ["id", "area", "indicator", "unit_id", "unit_code", "unit_name", "responsible_id", "responsible_code",
           "responsible_name", "text", "deadline", "state", "created_by", "created_at", "closed_by", "closed_at",
           "closing_note", "notes", "last_note", "last_note_at", "shown_state"]
NOTE_COLUMNS = ["at", "username", "note"]


def entity(directive_id: int) -> str:
    """How the audit log names a directive."""
    return f"chi_dao/{directive_id}"


def _seen_by(account):
    """The directives `account` may see (lib.core.directives.can_see), as a condition."""
    if account.role in (LANH_DAO, NOI_VU):
        return true()
    if account.role == DON_VI and account.unit_id is not None:
        return Directive.responsible_id == account.unit_id
    return false()


def _unit_code(conn: Connection, unit_id: int | None) -> str | None:
    if unit_id is None:
        return None
    code = conn.execute(select(Unit.code).where(Unit.id == unit_id)).scalar_one_or_none()
    if code is None:
        raise rules.DirectiveError("unit_unknown")
    return code


def create(engine: Engine, account, *, responsible_id: int | None, text: str, deadline: date,
           indicator: str | None = None, unit_id: int | None = None, area: int | None = None,
           today: date | None = None) -> int:
    """A leader attaches a directive to a cell (an indicator for a unit or for the whole, or an
    area) with its text, the unit responsible and a deadline (not before today). Returns its id."""
    rules.check_role(rules.CREATE, account.role)
    kind = rules.cell_kind(indicator, unit_id, area)
    if responsible_id is None:
        raise rules.DirectiveError("no_responsible")
    text = rules.clean_text(text, rules.MAX_TEXT)
    if not isinstance(deadline, date) or deadline < (today or clock.today()):
        raise rules.DirectiveError("deadline_past")
    with writing(engine, account.username) as write:
        conn = write.conn
        if kind != rules.CELL_AREA:
            area = conn.execute(select(Indicator.area).where(Indicator.code == indicator)).scalar_one_or_none()
            if area is None:
                raise rules.DirectiveError("indicator_unknown", indicator=indicator)
        elif area not in conn.execute(select(Indicator.area).distinct()).scalars().all():
            raise rules.DirectiveError("area_unknown", area=area)
        cell_code = _unit_code(conn, unit_id)
        responsible_code = _unit_code(conn, responsible_id)
        values = dict(area=area, indicator=indicator, unit_id=unit_id, responsible_id=responsible_id, text=text,
                      deadline=deadline, state=rules.OPEN, created_by=account.username, created_at=clock.now())
        directive_id = conn.execute(Directive.__table__.insert().values(**values)).inserted_primary_key[0]
        write.audit(ACTIONS[rules.CREATE], entity(directive_id), None,
                    {"linh_vuc": area, "chi_tieu": indicator, "unit": cell_code, "don_vi_chu_tri": responsible_code,
                     "noi_dung": text, "han": deadline.isoformat()})
    return directive_id


def _directive(conn: Connection, account, directive_id: int):
    """The directive as `account` may see it; DirectiveError not_found when it does not exist or the
    account may not see it."""
    row = conn.execute(select(Directive.responsible_id, Directive.state)
                       .where(Directive.id == directive_id, _seen_by(account))).first()
    if row is None:
        raise rules.DirectiveError("not_found", id=directive_id)
    return row


def answer(engine: Engine, account, directive_id: int, note: str) -> None:
    """The responsible unit's officer answers an open directive with a progress note."""
    rules.check_role(rules.ANSWER, account.role)
    note = rules.clean_text(note, rules.MAX_NOTE, "note_empty")
    with writing(engine, account.username) as write:
        responsible_id, state = _directive(write.conn, account, directive_id)
        rules.check_answer(account.role, account.unit_id, responsible_id, state)
        write.conn.execute(DirectiveNote.__table__.insert().values(
            directive_id=directive_id, username=account.username, at=clock.now(), note=note))
        write.audit(ACTIONS[rules.ANSWER], entity(directive_id), None, {"ghi_nhan": note})


def close(engine: Engine, account, directive_id: int, note: str = "") -> None:
    """The secretariat closes an open directive as done (with a note, if any)."""
    rules.check_role(rules.CLOSE, account.role)
    note = (note or "").strip()
    if note:
        note = rules.clean_text(note, rules.MAX_NOTE, "note_empty")
    with writing(engine, account.username) as write:
        _, state = _directive(write.conn, account, directive_id)
        rules.check_close(account.role, state)
        write.conn.execute(Directive.__table__.update().where(Directive.id == directive_id).values(
            state=rules.DONE, closed_by=account.username, closed_at=clock.now(), closing_note=note or None))
        write.audit(ACTIONS[rules.CLOSE], entity(directive_id), {"tinh_trang": state},
                    {"tinh_trang": rules.DONE, "ghi_nhan": note or None})


def visible(engine: Engine, account, today: date | None = None) -> pd.DataFrame:
    """Every directive `account` may see (COLUMNS), the newest first, with its units' codes and
    names, how many progress notes it has and the latest, and its state as shown (open, overdue, done)."""
    today = today or clock.today()
    d, cell, responsible = Directive, aliased(Unit), aliased(Unit)
    stmt = (select(d.id, d.area, d.indicator, d.unit_id, cell.code, cell.name, d.responsible_id, responsible.code,
                   responsible.name, d.text, d.deadline, d.state, d.created_by, d.created_at, d.closed_by,
                   d.closed_at, d.closing_note)
            .join(responsible, responsible.id == d.responsible_id).outerjoin(cell, cell.id == d.unit_id)
            .where(_seen_by(account)).order_by(d.id.desc()))
    n = DirectiveNote
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(stmt).all()]
        ids = [r[0] for r in rows]
        counts = dict(conn.execute(select(n.directive_id, func.count()).where(n.directive_id.in_(ids))
                                   .group_by(n.directive_id)).all()) if ids else {}
        latest = {}
        if ids:
            for directive_id, note, at in conn.execute(select(n.directive_id, n.note, n.at)
                                                       .where(n.directive_id.in_(ids)).order_by(n.id)).all():
                latest[directive_id] = (note, at)
    frame = pd.DataFrame(rows, columns=COLUMNS[:17])
    frame["notes"] = [counts.get(i, 0) for i in ids]
    frame["last_note"] = [latest.get(i, ("", None))[0] for i in ids]
    frame["last_note_at"] = [latest.get(i, ("", None))[1] for i in ids]
    frame["shown_state"] = [rules.shown_state(s, dl, today) for s, dl in zip(frame["state"], frame["deadline"])]
    return frame


def notes(engine: Engine, account, directive_id: int) -> pd.DataFrame:
    """The progress notes of a directive `account` may see (NOTE_COLUMNS), oldest first."""
    n = DirectiveNote
    with engine.connect() as conn:
        _directive(conn, account, directive_id)
        rows = conn.execute(select(n.at, n.username, n.note).where(n.directive_id == directive_id)
                            .order_by(n.id)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=NOTE_COLUMNS)
