"""The rules of the leaders' directives (ý kiến chỉ đạo), no SQL and no words: what a directive is
attached to, who may take which step, who sees which directive, when one is overdue, and how long
typed text may be (lib.store.directives applies them, lib.present.directives_view words them).

A leader (lanh_dao) attaches a directive to a cell (an indicator for one unit, an indicator for the
whole, or an area) with its text, the unit responsible and a deadline. The responsible unit's
officer (don_vi) answers with progress notes; the secretariat (noi_vu) closes it as done. Leaders
and the secretariat see every directive, an officer only those of their own unit.
"""
from __future__ import annotations

from datetime import date

from lib.core.errors import Refused
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU

OPEN, DONE = "open", "done"
STATES = (OPEN, DONE)
OVERDUE = "overdue"  # not a stored state: an open directive past its deadline
FILTERS = (OPEN, OVERDUE, DONE)  # what the list page filters by

CELL_UNIT, CELL_WHOLE, CELL_AREA = "unit", "whole", "area"  # an indicator for a unit, for the whole; an area
CELLS = (CELL_UNIT, CELL_WHOLE, CELL_AREA)

CREATE, ANSWER, CLOSE = "create", "answer", "close"
ROLES = {CREATE: (LANH_DAO,), ANSWER: (DON_VI,), CLOSE: (NOI_VU,)}  # who may take each step

MAX_TEXT = 2000  # characters of a directive's text
MAX_NOTE = 2000  # characters of a progress note or a closing note


class DirectiveError(Refused):
    """A directive could not be created, answered or closed as asked (nothing was changed)."""
    topic = "directive"


def cell_kind(indicator: str | None, unit_id: int | None, area: int | None) -> str:
    """What a directive is attached to: an indicator for a unit, an indicator for the whole, or an
    area; DirectiveError when it is none of these."""
    if indicator and unit_id is not None:
        return CELL_UNIT
    if indicator:
        return CELL_WHOLE
    if area is not None and unit_id is None:
        return CELL_AREA
    raise DirectiveError("no_cell")


def clean_text(value: str | None, limit: int, key: str = "text_empty") -> str:
    """Typed text as it is stored: spaces around it dropped; DirectiveError when empty or longer than `limit`."""
    value = (value or "").strip()
    if not value:
        raise DirectiveError(key)
    if len(value) > limit:
        raise DirectiveError("too_long", limit=limit)
    return value


def check_role(step: str, role: str) -> None:
    """DirectiveError unless an account of `role` may take `step`."""
    if role not in ROLES[step]:
        raise DirectiveError("role")


def can_see(role: str, account_unit: int | None, responsible_id: int) -> bool:
    """Whether an account sees a directive: leaders and the secretariat every one, an officer only
    those their own unit answers for."""
    if role in (LANH_DAO, NOI_VU):
        return True
    return role == DON_VI and account_unit is not None and account_unit == responsible_id


def check_answer(role: str, account_unit: int | None, responsible_id: int, state: str) -> None:
    """Only the responsible unit's officer answers, and only an open directive."""
    check_role(ANSWER, role)
    if not can_see(role, account_unit, responsible_id):
        raise DirectiveError("not_found")
    if state != OPEN:
        raise DirectiveError("closed")


def check_close(role: str, state: str) -> None:
    """Only the secretariat closes, and only an open directive."""
    check_role(CLOSE, role)
    if state != OPEN:
        raise DirectiveError("closed")


def is_overdue(state: str, deadline: date, today: date) -> bool:
    """An open directive whose deadline (a date in Vietnam) has passed: due on the deadline itself,
    overdue from the day after."""
    return state == OPEN and deadline < today


def shown_state(state: str, deadline: date, today: date) -> str:
    """open, overdue or done (FILTERS)."""
    return OVERDUE if is_overdue(state, deadline, today) else state
