"""The inspection register as stored (the rules are lib.core.inspections): inspections, the issues
they found and the communes' fixes, each recorded by an account whose role and unit are checked
here and audited; the communes that use the register in a year; the figures of 1.2a and 1.2b it
stands for, merged into the year-to-date reads (lib.store.queries) in place of typed ones; and the
issues behind the figure."""
from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.core import inspections as rules
from lib.core.catalogue import LEVEL_OF_KIND
from lib.store.models import Inspection, InspectionIssue, IssueFix, Observation, Unit
from lib.store.transaction import writing

ACTIONS = {rules.INSPECTION: "inspection.add", rules.ISSUE: "inspection.issue", rules.FIX: "inspection.fix"}
ISSUE_COLUMNS = ["issue_id", "unit_id", "unit_code", "unit_name", "inspection_id", "found", "team", "what",
                 "deadline", "fixed", "fix_note"]


def _year_of(column, year: int):
    return and_(column >= date(year, 1, 1), column <= date(year, 12, 31))


def _typed(conn: Connection, unit_id: int, year: int) -> bool:
    """Whether the commune has 1.2a or 1.2b figures of `year` typed or imported."""
    o = Observation
    return conn.execute(select(func.count()).select_from(o).where(
        o.unit_id == unit_id, o.year == year, o.indicator.in_(rules.INDICATORS))).scalar() > 0


def using_register(conn: Connection, years: set[int]) -> set[tuple[int, int]]:
    """The (commune, year) pairs, of `years`, with an inspection in the register (one query: an
    import asks for every commune of its file at once)."""
    if not years:
        return set()
    rows = conn.execute(select(Inspection.unit_id, Inspection.day).where(
        or_(*(_year_of(Inspection.day, year) for year in sorted(years))))).all()
    return {(int(unit_id), day.year) for unit_id, day in rows}


def _commune(conn: Connection, unit_id: int) -> str:
    row = conn.execute(select(Unit.code, Unit.kind).where(Unit.id == unit_id)).first()
    if row is None or LEVEL_OF_KIND.get(row[1]) != "commune":
        raise rules.InspectionError("not_a_commune")
    return row[0]


def record_inspection(engine: Engine, account, unit_id: int, day: date, team: str) -> int:
    """The secretariat records an inspection of a commune (day, team). Refused when the commune's
    1.2a or 1.2b figures of that year were typed or imported (one source a year)."""
    rules.check_role(rules.INSPECTION, account.role)
    team = rules.clean_text(team, "team_empty")
    if day > clock.today():
        raise rules.InspectionError("future")
    with writing(engine, account.username) as write:
        code = _commune(write.conn, unit_id)
        rules.check_one_source(_typed(write.conn, unit_id, day.year))
        new_id = write.conn.execute(Inspection.__table__.insert().values(
            unit_id=unit_id, day=day, team=team, created_by=account.username, created_at=clock.now())
        ).inserted_primary_key[0]
        write.audit(ACTIONS[rules.INSPECTION], f"{code}/kiem_tra/{new_id}", None,
                    {"ngay": day.isoformat(), "doan": team})
    return new_id


def record_issue(engine: Engine, account, inspection_id: int, what: str, deadline: date) -> int:
    """The secretariat records an issue an inspection found (what, deadline to fix it)."""
    rules.check_role(rules.ISSUE, account.role)
    what = rules.clean_text(what, "issue_empty")
    with writing(engine, account.username) as write:
        row = write.conn.execute(select(Inspection.unit_id, Inspection.day).where(Inspection.id == inspection_id)).first()
        if row is None:
            raise rules.InspectionError("not_found")
        if deadline < row[1]:
            raise rules.InspectionError("deadline_before")
        code = _commune(write.conn, row[0])
        new_id = write.conn.execute(InspectionIssue.__table__.insert().values(
            inspection_id=inspection_id, what=what, deadline=deadline, created_by=account.username,
            created_at=clock.now())).inserted_primary_key[0]
        write.audit(ACTIONS[rules.ISSUE], f"{code}/kiem_tra/{inspection_id}/{new_id}", None,
                    {"van_de": what, "han": deadline.isoformat()})
    return new_id


def record_fix(engine: Engine, account, issue_id: int, day: date, note: str) -> None:
    """The commune's officer (or the secretariat) records the fix of an issue: its day (not before
    the inspection, not after today) and a note. An issue is fixed once."""
    note = rules.clean_text(note, "note_empty")
    with writing(engine, account.username) as write:
        i, n = InspectionIssue, Inspection
        row = write.conn.execute(select(n.unit_id, n.day).join(i, i.inspection_id == n.id)
                                 .where(i.id == issue_id)).first()
        rules.check_role(rules.FIX, account.role, account.unit_id, row[0] if row else None)
        if row is None:
            raise rules.InspectionError("not_found")
        if day < row[1] or day > clock.today():
            raise rules.InspectionError("fix_day")
        if write.conn.execute(select(IssueFix.id).where(IssueFix.issue_id == issue_id)).first():
            raise rules.InspectionError("already_fixed")
        code = _commune(write.conn, row[0])
        write.conn.execute(IssueFix.__table__.insert().values(
            issue_id=issue_id, day=day, note=note, created_by=account.username, created_at=clock.now()))
        write.audit(ACTIONS[rules.FIX], f"{code}/van_de/{issue_id}", None, {"ngay": day.isoformat(), "ghi_nhan": note})


def register_rows(conn: Connection, year: int, units=None) -> pd.DataFrame:
    """The figures of 1.2a and 1.2b the register stands for in `year` (lib.core.year_to_date.ROW_COLUMNS),
    of `units` (ids, or a select of them; None: every commune)."""
    n, i, f = Inspection, InspectionIssue, IssueFix
    where = [_year_of(n.day, year)]
    if units is not None:
        where.append(n.unit_id.in_(units if not isinstance(units, list) else list(units)))
    inspections = pd.DataFrame(conn.execute(select(n.unit_id, n.day).where(*where)).all(), columns=["unit_id", "day"])
    issues = pd.DataFrame(conn.execute(select(n.unit_id, n.day, f.day).join(i, i.inspection_id == n.id)
                                       .outerjoin(f, f.issue_id == i.id).where(*where)).all(),
                          columns=["unit_id", "found", "fixed"])
    return rules.register_rows(inspections, issues.astype(object).where(issues.notna(), None), year)


def with_register(conn: Connection, stored: pd.DataFrame, year: int, month: int, units=None) -> pd.DataFrame:
    """Stored year-to-date rows (ROW_COLUMNS) with the register's figures in place of any typed 1.2a and
    1.2b of the communes that use it in `year`, counted as of `month`."""
    register = register_rows(conn, year, units)
    if register.empty:
        return stored
    using = set(register["unit_id"])
    register = register[register["month_to"] <= month]
    replaced = stored["indicator"].isin(rules.INDICATORS) & stored["unit_id"].isin(using)
    return pd.concat([stored[~replaced], register], ignore_index=True)


def with_register_reported(conn: Connection, reported: pd.DataFrame, unit_ids: list[int], year: int,
                           month: int) -> pd.DataFrame:
    """What the units reported (lib.store.queries.last_reported) with the register standing for 1.2a
    and 1.2b of the communes that use it in `year`: reported up to `month` by month, 1.2a done from
    the month of the first inspection, so the chase list never asks them for a figure the register
    makes."""
    register = register_rows(conn, year, list(unit_ids))
    register = register[register["month_to"] <= month]
    if register.empty:
        return reported
    using = set(register["unit_id"])
    kept = reported[~(reported["indicator"].isin(rules.INDICATORS) & reported["unit_id"].isin(using)
                      & (reported["year"] == year))]
    first = register[register["indicator"] == rules.INSPECTED].groupby("unit_id")["month_to"].min()
    rows = [(unit_id, indicator, year, month, "M", first.get(unit_id) if indicator == rules.INSPECTED else None)
            for unit_id in sorted(using) for indicator in rules.INDICATORS]
    out = pd.concat([kept, pd.DataFrame(rows, columns=reported.columns)], ignore_index=True)
    return out.assign(first_done=pd.to_numeric(out["first_done"]))


def issues(engine: Engine, unit_ids: list[int], year: int) -> pd.DataFrame:
    """The issues found in `year`'s inspections of `unit_ids` (ISSUE_COLUMNS), open ones (fixed None) first."""
    n, i, f, u = Inspection, InspectionIssue, IssueFix, Unit
    stmt = (select(i.id, n.unit_id, u.code, u.name, n.id, n.day, n.team, i.what, i.deadline, f.day, f.note)
            .join(n, n.id == i.inspection_id).join(u, u.id == n.unit_id).outerjoin(f, f.issue_id == i.id)
            .where(_year_of(n.day, year), n.unit_id.in_(list(unit_ids)))
            .order_by(f.id.is_(None).desc(), i.deadline, i.id))
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(stmt).all()]
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def inspections_of(engine: Engine, unit_id: int, year: int) -> pd.DataFrame:
    """The commune's inspections of `year` (id, day, team), oldest first."""
    n = Inspection
    with engine.connect() as conn:
        rows = conn.execute(select(n.id, n.day, n.team).where(n.unit_id == unit_id, _year_of(n.day, year))
                            .order_by(n.day, n.id)).all()
    return pd.DataFrame([tuple(r) for r in rows], columns=["id", "day", "team"])
