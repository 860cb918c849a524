"""The rules of the leaders' directives (lib.core.directives): who may take which step, who sees
which directive, what a directive is attached to, typed text bounded, overdue by date."""
from datetime import date

import pytest

from lib.core import directives as rules
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU


@pytest.mark.parametrize("step, allowed", [(rules.CREATE, LANH_DAO), (rules.ANSWER, DON_VI), (rules.CLOSE, NOI_VU)])
def test_each_step_belongs_to_one_role(step, allowed):
    rules.check_role(step, allowed)
    for role in {LANH_DAO, NOI_VU, DON_VI} - {allowed}:
        with pytest.raises(rules.DirectiveError) as refused:
            rules.check_role(step, role)
        assert refused.value.message_key == "directive.role"


def test_an_officer_sees_and_answers_only_their_own_units_directives():
    assert rules.can_see(LANH_DAO, None, 7) and rules.can_see(NOI_VU, None, 7)
    assert rules.can_see(DON_VI, 7, 7) and not rules.can_see(DON_VI, 8, 7) and not rules.can_see(DON_VI, None, 7)
    rules.check_answer(DON_VI, 7, 7, rules.OPEN)
    with pytest.raises(rules.DirectiveError, match="not_found"):
        rules.check_answer(DON_VI, 8, 7, rules.OPEN)
    with pytest.raises(rules.DirectiveError, match="closed"):
        rules.check_answer(DON_VI, 7, 7, rules.DONE)
    with pytest.raises(rules.DirectiveError, match="closed"):
        rules.check_close(NOI_VU, rules.DONE)


def test_a_directive_is_on_an_indicator_of_a_unit_or_of_the_whole_or_on_an_area():
    assert rules.cell_kind("3.4", 5, None) == rules.CELL_UNIT
    assert rules.cell_kind("3.4", None, 3) == rules.CELL_WHOLE
    assert rules.cell_kind(None, None, 3) == rules.CELL_AREA
    for nothing in [(None, None, None), (None, 5, None), (None, 5, 3), ("", None, None)]:
        with pytest.raises(rules.DirectiveError, match="no_cell"):
            rules.cell_kind(*nothing)


def test_typed_text_is_trimmed_and_bounded():
    assert rules.clean_text("  Đôn đốc xã  ", 20) == "Đôn đốc xã"
    with pytest.raises(rules.DirectiveError, match="text_empty"):
        rules.clean_text("   ", 20)
    with pytest.raises(rules.DirectiveError) as refused:
        rules.clean_text("x" * 21, 20)
    assert refused.value.key == "too_long" and refused.value.params == {"limit": 20}
    assert rules.clean_text("x" * 20, 20) == "x" * 20


def test_overdue_from_the_day_after_the_deadline_and_only_while_open():
    deadline = date(2026, 12, 15)
    assert not rules.is_overdue(rules.OPEN, deadline, date(2026, 12, 14))
    assert not rules.is_overdue(rules.OPEN, deadline, date(2026, 12, 15))  # due today, not yet late
    assert rules.is_overdue(rules.OPEN, deadline, date(2026, 12, 16))
    assert not rules.is_overdue(rules.DONE, deadline, date(2027, 1, 1))
    assert rules.shown_state(rules.OPEN, deadline, date(2026, 12, 16)) == rules.OVERDUE
    assert rules.shown_state(rules.OPEN, deadline, date(2026, 12, 15)) == rules.OPEN
    assert rules.shown_state(rules.DONE, deadline, date(2026, 12, 16)) == rules.DONE
