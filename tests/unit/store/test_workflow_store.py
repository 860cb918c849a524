"""The reporting workflow as stored (lib.store.workflow): each step through the store, audited with
who, from which state to which and the comment; every refusal holds at the store whatever a page
offers (a crafted call as an officer, another unit's figures); what the pages count; the migration
of figures stored before the workflow existed."""
import json

import pytest
from sqlalchemy import select, text

from conftest import unit_ids

from lib.core import workflow as wf
from lib.io import entry
from lib.store import db, definitions, queries, workflow
from lib.store.models import AuditEntry, Observation

PERIOD = "2022-Q1"


@pytest.fixture
def people(small_district, accounts):
    return small_district, accounts, unit_ids(small_district)["99901"]


def type_figures(engine, account, figures: dict[str, tuple[int, int]], period: str = PERIOD):
    """The officer types figures into the entry form and saves them."""
    import pandas as pd

    frame = pd.DataFrame([{"ma_chi_tieu": code, "tu_so": n, "mau_so": d, "ghi_chu": ""}
                          for code, (n, d) in figures.items()])
    return entry.save(engine, account, "99901", period, frame, confirm_overwrite=True)


def states(engine, unit_id, period=PERIOD) -> dict[str, tuple[str, str | None]]:
    frame = workflow.states_of(engine, unit_id, period)
    return {i: (s, c) for i, s, c in zip(frame["indicator"], frame["state"], frame["comment"])}


def workflow_audit(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.old_value,
                                   AuditEntry.new_value).where(AuditEntry.action.startswith("workflow."))
                            .order_by(AuditEntry.id)).all()
    return [(u, a, e, json.loads(o), json.loads(n)) for u, a, e, o, n in rows]


def test_the_whole_way_draft_submitted_returned_fixed_approved(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10), "3.2b": (5, 10)})
    assert states(engine, unit_id) == {"3.2a": ("draft", ""), "3.2b": ("draft", "")}

    assert workflow.submit(engine, acc["xa1"], unit_id, PERIOD) == 2
    assert {s for s, _ in states(engine, unit_id).values()} == {"submitted"}

    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD,
                      {"3.2a": (wf.ACCEPT, ""), "3.2b": (wf.RETURN, "Mẫu số phải là số TTHC được giao")})
    assert states(engine, unit_id) == {"3.2a": ("approved", ""),
                                       "3.2b": ("returned", "Mẫu số phải là số TTHC được giao")}

    type_figures(engine, acc["xa1"], {"3.2b": (6, 12)})  # the officer fixes the returned one
    assert states(engine, unit_id)["3.2b"] == ("draft", "Mẫu số phải là số TTHC được giao")
    assert workflow.submit(engine, acc["xa1"], unit_id, PERIOD) == 1  # only what is open is sent again
    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2b": (wf.ACCEPT, "")})
    assert states(engine, unit_id) == {"3.2a": ("approved", ""), "3.2b": ("approved", "")}

    steps = [(u, a, e, o["trang_thai"], n["trang_thai"], n["nhan_xet"]) for u, a, e, o, n in workflow_audit(engine)]
    assert steps == [
        ("xa1", "workflow.submit", "99901/3.2a/2022-Q1", "draft", "submitted", None),
        ("xa1", "workflow.submit", "99901/3.2b/2022-Q1", "draft", "submitted", None),
        ("noivu", "workflow.accept", "99901/3.2a/2022-Q1", "submitted", "approved", None),
        ("noivu", "workflow.return", "99901/3.2b/2022-Q1", "submitted", "returned", "Mẫu số phải là số TTHC được giao"),
        ("xa1", "workflow.submit", "99901/3.2b/2022-Q1", "draft", "submitted", None),
        ("noivu", "workflow.accept", "99901/3.2b/2022-Q1", "submitted", "approved", None),
    ]
    with engine.connect() as conn:  # who moved it and when: how long it waited
        by, at = conn.execute(select(Observation.state_by, Observation.state_at)
                              .where(Observation.indicator == "3.2b")).one()
    assert by == "noivu" and at is not None


def test_every_step_moves_the_data_version(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10)})
    before = db.data_version(engine)
    workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    assert db.data_version(engine) == before + 1


def refused(call, key: str):
    with pytest.raises(wf.WorkflowError) as caught:
        call()
    found = caught.value
    while found.key == "figure":  # a figure's refusal carries the reason
        found = found.params["reason"]
    assert found.key == key
    return caught.value


def test_refusals_hold_at_the_store_and_change_nothing(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10)})
    workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    audit_before, version = len(workflow_audit(engine)), db.data_version(engine)

    # a crafted request: an officer approving or returning their own figure, or unlocking
    refused(lambda: workflow.appraise(engine, acc["xa1"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")}), "role")
    refused(lambda: workflow.appraise(engine, acc["xa1"], unit_id, PERIOD, {"3.2a": (wf.RETURN, "x")}), "role")
    refused(lambda: workflow.appraise(engine, acc["xa1"], unit_id, PERIOD, {"3.2a": (wf.SUBMIT, "")}), "role")
    # another unit's officer, a leader
    refused(lambda: workflow.submit(engine, acc["xa2"], unit_id, PERIOD), "not_your_unit")
    refused(lambda: workflow.appraise(engine, acc["lanhdao"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")}),
            "not_your_unit")
    # by state: nothing left to submit, a return without a comment, an unlock of what is not approved,
    # an appraisal of a figure that does not exist
    refused(lambda: workflow.submit(engine, acc["xa1"], unit_id, PERIOD), "nothing_to_submit")
    refused(lambda: workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.RETURN, " ")}),
            "comment_needed")
    refused(lambda: workflow.unlock(engine, acc["noivu"], unit_id, PERIOD, ["3.2a"], "lý do"), "not_approved")
    refused(lambda: workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"1.1": (wf.ACCEPT, "")}),
            "no_figure")
    # all or nothing: one bad decision leaves the good one undone
    type_figures(engine, acc["xa1"], {"3.2b": (1, 2)})
    refused(lambda: workflow.appraise(engine, acc["noivu"], unit_id, PERIOD,
                                      {"3.2a": (wf.ACCEPT, ""), "3.2b": (wf.ACCEPT, "")}), "not_submitted")
    assert states(engine, unit_id)["3.2a"] == ("submitted", "")
    assert len(workflow_audit(engine)) == audit_before

    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")})
    refused(lambda: workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")}),
            "not_submitted")  # approved once, not again
    refused(lambda: workflow.unlock(engine, acc["noivu"], unit_id, PERIOD, ["3.2a"], ""), "comment_needed")
    refused(lambda: workflow.unlock(engine, acc["xa1"], unit_id, PERIOD, ["3.2a"], "lý do"), "role")
    assert db.data_version(engine) > version


def test_an_unlock_with_a_reason_lets_the_figure_change_again(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10)})
    workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")})
    assert workflow.unlock(engine, acc["noivu"], unit_id, PERIOD, ["3.2a"], "Sai số liệu quý 1") == 1
    assert states(engine, unit_id)["3.2a"] == ("submitted", "Sai số liệu quý 1")
    *_, last = workflow_audit(engine)
    assert last == ("noivu", "workflow.unlock", "99901/3.2a/2022-Q1", {"trang_thai": "approved"},
                    {"trang_thai": "submitted", "nhan_xet": "Sai số liệu quý 1"})
    type_figures(engine, acc["xa1"], {"3.2a": (10, 10)})
    assert states(engine, unit_id)["3.2a"][0] == "draft"


def test_the_queue_lists_what_waits_for_appraisal(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10), "3.2b": (5, 10)})
    assert workflow.queue(engine, [unit_id]).empty  # drafts do not wait for the secretariat
    workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    queue = workflow.queue(engine, [unit_id])
    assert queue["indicator"].tolist() == ["3.2a", "3.2b"] and set(queue["unit_code"]) == {"99901"}


def test_the_counting_setting_is_the_secretariats_and_is_audited(people):
    engine, acc, _ = people
    assert workflow.default_counting(engine) == wf.COUNT_ALL  # never set: as before the workflow
    refused(lambda: workflow.set_counting(engine, acc["lanhdao"], wf.COUNT_APPROVED), "role")
    refused(lambda: workflow.set_counting(engine, acc["noivu"], "tat_ca"), "counting_unknown")
    workflow.set_counting(engine, acc["noivu"], wf.COUNT_APPROVED)
    assert workflow.default_counting(engine) == wf.COUNT_APPROVED
    with engine.connect() as conn:
        entry_ = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.old_value,
                                     AuditEntry.new_value).where(AuditEntry.action == "setting.counting")).one()
    assert tuple(entry_) == ("noivu", "setting.counting", '"all"', '"approved"')


def test_approved_only_counts_only_approved_figures(people):
    engine, acc, unit_id = people
    type_figures(engine, acc["xa1"], {"3.2a": (9, 10), "3.2b": (5, 10)})
    workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, "")})
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        everything = queries.year_to_date(conn, catalogue, [unit_id], 2022, 3)
        reported_all = queries.last_reported(conn, [unit_id], 2022, 3)
        approved = queries.year_to_date(queries.counting(conn, wf.COUNT_APPROVED), catalogue, [unit_id], 2022, 3)
        reported_approved = queries.last_reported(conn, [unit_id], 2022, 3)
    assert set(everything["indicator"]) == {"3.2a", "3.2b"}
    assert set(approved["indicator"]) == {"3.2a"}
    assert set(reported_all["indicator"]) == {"3.2a", "3.2b"} and set(reported_approved["indicator"]) == {"3.2a"}
    with engine.connect() as conn:  # a new connection counts everything again
        assert set(queries.year_to_date(conn, catalogue, [unit_id], 2022, 3)["indicator"]) == {"3.2a", "3.2b"}


def test_figures_stored_before_the_workflow_become_approved(tmp_path):
    """Migration 0010: what a district stored before counts as it did, in either counting, and is locked."""
    from alembic import command

    engine = db.get_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(db.alembic_config(engine), "0009")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO areas (area, name_vi, name_en) VALUES (3, 'a', 'a')"))
        conn.execute(text("INSERT INTO indicators (code, area, sort, levels, measure, kind, stock_flow, aggregate, "
                          "scope, name_vi, name_en, numerator_vi, denominator_vi, numerator_en, denominator_en, "
                          "usual_period) VALUES ('3.4', 3, 1, 'commune', 'ratio', 'rate', 'flow', 'pooled', '', "
                          "'x', 'x', 'a', 'b', 'a', 'b', 'M')"))
        conn.execute(text("INSERT INTO units (code, name, kind, dbkk, partly_self_financed) "
                          "VALUES ('99901', 'Xã Một', 'xa', false, false)"))
        conn.execute(text("INSERT INTO observations (unit_id, indicator, period, granularity, year, month_from, "
                          "month_to, numerator, denominator, source, created_by, updated_by) VALUES "
                          "(1, '3.4', '2022-01', 'M', 2022, 1, 1, 9, 10, 'f.csv', 'cu', 'cu')"))
    db.upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(select(Observation.state, Observation.state_by)).one()
    assert tuple(row) == ("approved", "cu")
    engine.dispose()


def test_closing_a_year_is_the_secretariats_and_is_audited(people):
    engine, acc, _ = people
    refused(lambda: workflow.close_year(engine, acc["xa1"], 2022), "role")
    workflow.close_year(engine, acc["noivu"], 2022)
    workflow.close_year(engine, acc["noivu"], 2023)
    with engine.connect() as conn:
        assert workflow.closed_years(conn) == [2022, 2023]
    workflow.close_year(engine, acc["noivu"], 2023, closed=False)
    with engine.connect() as conn:
        assert workflow.closed_years(conn) == [2022]
        log = conn.execute(select(AuditEntry.new_value).where(AuditEntry.action == "setting.closed")
                           .order_by(AuditEntry.id)).scalars().all()
    assert log == ["[2022]", "[2022, 2023]", "[2022]"]
