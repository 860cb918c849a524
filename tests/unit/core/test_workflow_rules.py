"""The reporting workflow's rules (lib.core.workflow): every step allowed from every state by every
role, and every refusal (by role, by state, without a comment)."""
import pytest

from lib.core import workflow as wf
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU

ROLES = (DON_VI, NOI_VU, LANH_DAO)
ALLOWED = {  # (step, role, from state) -> to state; every other combination is refused
    **{(wf.SUBMIT, role, state): wf.SUBMITTED for role in (DON_VI, NOI_VU) for state in (wf.DRAFT, wf.RETURNED)},
    (wf.ACCEPT, NOI_VU, wf.SUBMITTED): wf.APPROVED,
    (wf.RETURN, NOI_VU, wf.SUBMITTED): wf.RETURNED,
    (wf.UNLOCK, NOI_VU, wf.APPROVED): wf.SUBMITTED,
}


@pytest.mark.parametrize("step", wf.STEPS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", [*wf.STATES, None])
def test_every_step_from_every_state_by_every_role(step, role, state):
    expected = ALLOWED.get((step, role, state))
    if expected:
        assert wf.check_step(step, role, state, "lý do") == expected
        return
    with pytest.raises(wf.WorkflowError) as refused:
        wf.check_step(step, role, state, "lý do")
    roles_allowed = wf.TRANSITIONS[step][2]
    if role not in roles_allowed:
        assert refused.value.key == "role"  # the role is checked first: an officer never learns more
    elif state is None:
        assert refused.value.key == "no_figure"
    else:
        assert refused.value.key == wf.WRONG_STATE[step]


def test_an_officer_cannot_approve_return_or_unlock():
    for step in (wf.ACCEPT, wf.RETURN, wf.UNLOCK):
        with pytest.raises(wf.WorkflowError, match="role"):
            wf.check_step(step, DON_VI, wf.SUBMITTED if step != wf.UNLOCK else wf.APPROVED, "ok")


@pytest.mark.parametrize("step,state", [(wf.RETURN, wf.SUBMITTED), (wf.UNLOCK, wf.APPROVED)])
def test_a_return_and_an_unlock_need_a_comment(step, state):
    for comment in ("", "   ", None):
        with pytest.raises(wf.WorkflowError) as refused:
            wf.check_step(step, NOI_VU, state, comment)
        assert refused.value.key == "comment_needed"
    assert wf.check_step(wf.ACCEPT, NOI_VU, wf.SUBMITTED, "") == wf.APPROVED  # accepting needs none


def test_what_a_write_leaves():
    assert wf.state_after_write(DON_VI) == wf.DRAFT
    assert wf.state_after_write(NOI_VU) == wf.SUBMITTED
    assert wf.state_after_write(None) == wf.SUBMITTED  # the command line


def test_counting_and_who_acts():
    assert wf.DEFAULT_COUNTING == wf.COUNT_ALL  # a district that never uses the workflow counts as before
    assert wf.counting_or_default("nonsense") == wf.COUNT_ALL and wf.counting_or_default(None) == wf.COUNT_ALL
    assert [wf.who_acts(s) for s in wf.COMPLETENESS_STATES] == [wf.UNIT, wf.UNIT, wf.UNIT, wf.SECRETARIAT, None]
