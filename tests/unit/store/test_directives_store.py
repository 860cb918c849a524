"""The leaders' directives as stored (lib.store.directives), on SQLite and PostgreSQL: only leaders
create, only the responsible unit's officer answers, only the secretariat closes; an officer can
neither see nor answer nor read another unit's directive through any store function; every step
audited; overdue by Vietnam's date."""
import json
from datetime import date, datetime, timezone

import pandas as pd
import pytest
from conftest import unit_ids
from sqlalchemy import func, select

from lib.core import clock
from lib.core import directives as rules
from lib.store import auth, directives
from lib.store.models import AuditEntry, Directive, DirectiveNote

TODAY = date(2026, 12, 1)
DEADLINE = date(2026, 12, 15)


@pytest.fixture
def people(small_district, accounts):
    return small_district, accounts, unit_ids(small_district)


def give(engine, account, ids, responsible="99901", **cell):
    cell = cell or {"indicator": "3.4", "unit_id": ids["99901"]}
    return directives.create(engine, account, responsible_id=ids[responsible], text="Đôn đốc trả hồ sơ đúng hạn",
                             deadline=DEADLINE, today=TODAY, **cell)


def audit(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.old_value,
                                   AuditEntry.new_value).where(AuditEntry.action.startswith("directive."))
                            .order_by(AuditEntry.id)).all()
    return [(u, a, e, o and json.loads(o), n and json.loads(n)) for u, a, e, o, n in rows]


def stored(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(Directive)).scalar(),
                conn.execute(select(func.count()).select_from(DirectiveNote)).scalar())


def test_given_answered_closed_and_audited(people):
    engine, acc, ids = people
    directive_id = give(engine, acc["lanhdao"], ids)
    mine = directives.visible(engine, acc["xa1"], today=TODAY)
    assert mine["id"].tolist() == [directive_id] and mine.loc[0, "area"] == 3  # 3.4's area
    assert mine.loc[0, "shown_state"] == rules.OPEN and mine.loc[0, "unit_code"] == "99901"
    directives.answer(engine, acc["xa1"], directive_id, "  Đã rà soát 12 hồ sơ trễ hạn  ")
    assert directives.notes(engine, acc["xa1"], directive_id)["note"].tolist() == ["Đã rà soát 12 hồ sơ trễ hạn"]
    directives.close(engine, acc["noivu"], directive_id, "Đạt 98,5%")
    seen = directives.visible(engine, acc["lanhdao"], today=TODAY)
    assert seen.loc[0, "state"] == rules.DONE and seen.loc[0, "closed_by"] == "noivu"
    assert seen.loc[0, "notes"] == 1 and seen.loc[0, "last_note"] == "Đã rà soát 12 hồ sơ trễ hạn"
    entity = f"chi_dao/{directive_id}"
    assert audit(engine) == [
        ("lanhdao", "directive.create", entity, None,
         {"linh_vuc": 3, "chi_tieu": "3.4", "unit": "99901", "don_vi_chu_tri": "99901",
          "noi_dung": "Đôn đốc trả hồ sơ đúng hạn", "han": "2026-12-15"}),
        ("xa1", "directive.answer", entity, None, {"ghi_nhan": "Đã rà soát 12 hồ sơ trễ hạn"}),
        ("noivu", "directive.close", entity, {"tinh_trang": "open"}, {"tinh_trang": "done", "ghi_nhan": "Đạt 98,5%"}),
    ]


@pytest.mark.parametrize("who", ["noivu", "xa1"])
def test_only_leaders_give_directives(people, who):
    engine, acc, ids = people
    with pytest.raises(rules.DirectiveError) as refused:
        give(engine, acc[who], ids)
    assert refused.value.message_key == "directive.role"
    assert stored(engine) == (0, 0) and audit(engine) == []


def test_an_officer_cannot_see_answer_or_read_another_units_directive(people):
    engine, acc, ids = people
    theirs = give(engine, acc["lanhdao"], ids, responsible="99902")
    assert directives.visible(engine, acc["xa1"], today=TODAY).empty
    assert directives.visible(engine, acc["xa2"], today=TODAY)["id"].tolist() == [theirs]
    for call in (lambda: directives.answer(engine, acc["xa1"], theirs, "Xong rồi"),
                 lambda: directives.notes(engine, acc["xa1"], theirs)):
        with pytest.raises(rules.DirectiveError) as refused:
            call()
        assert refused.value.key == "not_found"
    # an officer without a unit sees nothing either, and nobody but the secretariat closes
    assert directives.visible(engine, auth.Account("x", "x", auth.DON_VI, None), today=TODAY).empty
    for who in ("xa2", "lanhdao"):
        with pytest.raises(rules.DirectiveError, match="role"):
            directives.close(engine, acc[who], theirs)
    for who in ("noivu", "lanhdao"):  # only the responsible unit's officer answers
        with pytest.raises(rules.DirectiveError, match="role"):
            directives.answer(engine, acc[who], theirs, "Ghi hộ")
    assert stored(engine) == (1, 0) and [a for _, a, *_ in audit(engine)] == ["directive.create"]


def test_a_closed_directive_takes_no_more_steps(people):
    engine, acc, ids = people
    directive_id = give(engine, acc["lanhdao"], ids)
    directives.close(engine, acc["noivu"], directive_id)
    for call in (lambda: directives.answer(engine, acc["xa1"], directive_id, "Muộn"),
                 lambda: directives.close(engine, acc["noivu"], directive_id)):
        with pytest.raises(rules.DirectiveError, match="closed"):
            call()
    assert stored(engine) == (1, 0)


def test_cells_deadlines_and_text_are_checked(people):
    engine, acc, ids = people
    whole = give(engine, acc["lanhdao"], ids, indicator="1.2b")
    area = give(engine, acc["lanhdao"], ids, responsible="999-NV", area=5)
    cells = directives.visible(engine, acc["noivu"], today=TODAY).set_index("id")
    assert (cells.loc[whole, "area"], cells.loc[whole, "indicator"]) == (1, "1.2b")
    assert pd.isna(cells.loc[whole, "unit_id"])
    assert cells.loc[area, "area"] == 5 and pd.isna(cells.loc[area, "indicator"])
    refusals = {
        "indicator_unknown": dict(indicator="9.9"),
        "area_unknown": dict(area=42),
        "unit_unknown": dict(indicator="3.4", unit_id=99999),
        "no_cell": dict(unit_id=ids["99901"]),
    }
    for key, cell in refusals.items():
        with pytest.raises(rules.DirectiveError) as refused:
            give(engine, acc["lanhdao"], ids, **cell)
        assert refused.value.key == key
    lead = acc["lanhdao"]
    with pytest.raises(rules.DirectiveError, match="deadline_past"):
        directives.create(engine, lead, responsible_id=ids["99901"], text="x", deadline=date(2026, 11, 30),
                          today=TODAY, area=1)
    with pytest.raises(rules.DirectiveError, match="too_long"):
        directives.create(engine, lead, responsible_id=ids["99901"], text="x" * (rules.MAX_TEXT + 1),
                          deadline=DEADLINE, today=TODAY, area=1)
    with pytest.raises(rules.DirectiveError, match="note_empty"):
        directives.answer(engine, acc["xa1"], whole, "   ")
    with pytest.raises(rules.DirectiveError, match="no_responsible"):  # a form left without one
        directives.create(engine, lead, responsible_id=None, text="x", deadline=DEADLINE, today=TODAY,
                          indicator="3.4")
    assert stored(engine) == (2, 0)


def test_overdue_by_the_date_in_vietnam(people, monkeypatch):
    engine, acc, ids = people
    directive_id = give(engine, acc["lanhdao"], ids)
    # 23:30 UTC on the 15th is 06:30 on the 16th in Hà Nội: the deadline has passed there
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 15, 16, 59, tzinfo=timezone.utc))
    assert directives.visible(engine, acc["xa1"]).loc[0, "shown_state"] == rules.OPEN  # 23:59 on the 15th
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 15, 17, 0, tzinfo=timezone.utc))
    assert directives.visible(engine, acc["xa1"]).loc[0, "shown_state"] == rules.OVERDUE  # 00:00 on the 16th
    directives.close(engine, acc["noivu"], directive_id)
    assert directives.visible(engine, acc["xa1"]).loc[0, "shown_state"] == rules.DONE
