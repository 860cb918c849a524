"""The reporting workflow's rules: a figure's states, who may move it from which state to which,
who must act on it next, and what the pages count (no SQL, no words: lib.store.workflow applies
them, lib.present.workflow_view words them).

An officer's figure is a draft until the officer submits the unit's period; the secretariat
appraises each submitted figure: accepted figures are approved and locked, returned ones go back to
the unit with a comment. Changing an approved figure needs the secretariat to unlock it with a
reason (it is then submitted again, waiting for appraisal). A figure written by the secretariat
(the entry form, an upload, the command line) arrives submitted: received, not yet appraised.
"""
from __future__ import annotations

from lib.core.errors import Refused
from lib.core.roles import DON_VI, NOI_VU

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED)
NOT_REPORTED = "not_reported"  # a due figure with no row at all (completeness)
COMPLETENESS_STATES = (NOT_REPORTED, DRAFT, RETURNED, SUBMITTED, APPROVED)

SUBMIT, ACCEPT, RETURN, UNLOCK = "submit", "accept", "return", "unlock"
STEPS = (SUBMIT, ACCEPT, RETURN, UNLOCK)
# step -> (the states it starts from, the state it leads to, the roles that may take it)
TRANSITIONS = {
    SUBMIT: ((DRAFT, RETURNED), SUBMITTED, (DON_VI, NOI_VU)),
    ACCEPT: ((SUBMITTED,), APPROVED, (NOI_VU,)),
    RETURN: ((SUBMITTED,), RETURNED, (NOI_VU,)),
    UNLOCK: ((APPROVED,), SUBMITTED, (NOI_VU,)),
}
NEEDS_COMMENT = (RETURN, UNLOCK)  # a return says what to fix, an unlock why
# the refusal of a step from a state it does not start from
WRONG_STATE = {SUBMIT: "not_open", ACCEPT: "not_submitted", RETURN: "not_submitted", UNLOCK: "not_approved"}

# What the pages count: every figure received, whatever its state (as before the workflow
# existed), or approved figures only.
COUNT_ALL, COUNT_APPROVED = "all", "approved"
COUNTING = (COUNT_ALL, COUNT_APPROVED)
DEFAULT_COUNTING = COUNT_ALL

UNIT, SECRETARIAT = "unit", "secretariat"  # who must act next on a figure (the chase list)


class WorkflowError(Refused):
    """A workflow step was refused (nothing was changed)."""
    topic = "workflow"


def check_step(step: str, role: str, state: str | None, comment: str = "") -> str:
    """The state a figure in `state` moves to when an account of `role` takes `step`; WorkflowError
    when the role may not take it, there is no figure (`state` None), the figure is not in a state
    the step starts from, or a return or an unlock comes without a comment."""
    starts, to, roles = TRANSITIONS[step]
    if role not in roles:
        raise WorkflowError("role")
    if state is None:
        raise WorkflowError("no_figure")
    if state not in starts:
        raise WorkflowError(WRONG_STATE[step])
    if step in NEEDS_COMMENT and not (comment or "").strip():
        raise WorkflowError("comment_needed")
    return to


def state_after_write(role: str | None) -> str:
    """The state of a figure just written (typed, uploaded or imported): a draft when the unit's
    officer wrote it, submitted when the secretariat or the command line did (role None)."""
    return DRAFT if role == DON_VI else SUBMITTED


def who_acts(state: str) -> str | None:
    """Who must act on a due figure in `state`: the unit (not reported, draft, returned), the
    secretariat (submitted, waiting for appraisal), nobody (approved)."""
    if state == SUBMITTED:
        return SECRETARIAT
    return None if state == APPROVED else UNIT


def counting_or_default(value: str | None) -> str:
    """A stored or chosen counting, or the default when it is not one."""
    return value if value in COUNTING else DEFAULT_COUNTING
