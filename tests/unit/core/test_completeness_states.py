"""Completeness tells the workflow's states apart (lib.core.completeness.with_workflow): not
reported, draft, returned, submitted, approved; the chase list names who must act (the unit, or
the secretariat) and since when; what counts as received follows what the pages count."""
from datetime import date, datetime, timezone

import pandas as pd
from sqlalchemy import text

from conftest import add_figures

from lib.core import completeness
from lib.core import workflow as wf
from lib.store import definitions, queries, workflow

TODAY = date(2022, 7, 15)


def set_state(engine, unit_code, indicator, state, at=datetime(2022, 7, 5, 3, tzinfo=timezone.utc)):
    with engine.begin() as conn:
        conn.execute(text("UPDATE observations SET state = :state, state_at = :at WHERE indicator = :indicator "
                          "AND unit_id = (SELECT id FROM units WHERE code = :code)"),
                     {"state": state, "at": at.replace(tzinfo=None), "indicator": indicator, "code": unit_code})


def workflow_view(engine, counting, year=2022, month=6):
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        conn = queries.counting(conn, counting)
        reported = queries.last_reported(conn, units["id"].tolist(), year, month)
        states = workflow.states_by_pair(conn, units["id"].tolist(), year, month)
    return completeness.with_workflow(cat, units, reported, states, year, month, counting, TODAY)


def row(chase, unit_code, indicator="3.4"):
    found = chase[(chase["unit_code"] == unit_code) & (chase["indicator"] == indicator)]
    return None if found.empty else found.iloc[0]


def district_in_every_state(engine):
    add_figures(engine, [("999", "3.4", "2022-06", 9, 10), ("99901", "3.4", "2022-06", 9, 10),
                         ("99902", "3.4", "2022-06", 9, 10), ("999-NV", "7.2", "2022-06", 1, 2)])
    # 99903 reported nothing: not reported
    set_state(engine, "999", "3.4", wf.APPROVED)
    set_state(engine, "99901", "3.4", wf.DRAFT)
    set_state(engine, "99902", "3.4", wf.RETURNED)
    set_state(engine, "999-NV", "7.2", wf.SUBMITTED, datetime(2022, 7, 1, 20, tzinfo=timezone.utc))


def test_approved_only_lists_everything_not_approved_with_who_must_act_and_for_how_long(small_district):
    district_in_every_state(small_district)
    chase, rate, counts = workflow_view(small_district, wf.COUNT_APPROVED)
    assert row(chase, "999") is None  # approved: nothing to do
    assert (row(chase, "99901")["state"], row(chase, "99901")["acts"]) == (wf.DRAFT, wf.UNIT)
    assert (row(chase, "99902")["state"], row(chase, "99902")["acts"]) == (wf.RETURNED, wf.UNIT)
    not_reported = row(chase, "99903")
    assert (not_reported["state"], not_reported["acts"]) == (wf.NOT_REPORTED, wf.UNIT)
    assert (not_reported["since"], not_reported["waited_days"]) == (date(2022, 7, 1), 14)  # due since June ended
    waiting = row(chase, "999-NV", "7.2")
    assert (waiting["state"], waiting["acts"]) == (wf.SUBMITTED, wf.SECRETARIAT)
    assert (waiting["since"], waiting["waited_days"]) == (date(2022, 7, 2), 13)  # 03:00 on 2 July in Vietnam
    area3 = counts[counts["area"] == 3].iloc[0]
    assert (area3[wf.APPROVED], area3[wf.DRAFT], area3[wf.RETURNED], area3[wf.NOT_REPORTED]) >= (1, 1, 1, 1)


def test_everything_received_lists_only_what_is_not_reported_as_before(small_district):
    district_in_every_state(small_district)
    chase, rate, counts = workflow_view(small_district, wf.COUNT_ALL)
    before, before_rate = completeness.chase_and_rate(*_plain(small_district))
    assert chase[completeness.CHASE_COLUMNS].equals(before)  # the same list as without the workflow
    assert rate.equals(before_rate)
    assert row(chase, "99901") is None and row(chase, "99903")["state"] == wf.NOT_REPORTED
    area3 = counts[counts["area"] == 3].iloc[0]
    assert area3[wf.DRAFT] >= 1 and area3[wf.RETURNED] >= 1 and area3[wf.APPROVED] >= 1


def _plain(engine, year=2022, month=6):
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        reported = queries.last_reported(conn, units["id"].tolist(), year, month)
    return cat, units, reported, year, month


def test_with_states_on_frames():
    pairs = pd.DataFrame({"unit_id": [1, 2, 3], "indicator": ["3.4"] * 3, "due_month": [6, 6, 6],
                          "missing": [False, False, True]})
    states = pd.DataFrame({"unit_id": [1, 1], "indicator": ["3.4", "3.4"], "state": [wf.SUBMITTED, wf.RETURNED],
                           "since": [pd.Timestamp("2022-07-10T00:00Z"), pd.Timestamp("2022-07-12T00:00Z")]})
    out = completeness.with_states(pairs, states, 2022, wf.COUNT_ALL, TODAY)
    assert out["state"].tolist() == [wf.RETURNED, wf.APPROVED, wf.NOT_REPORTED]  # the worst state shows
    assert [a if isinstance(a, str) else None for a in out["acts"]] == [wf.UNIT, None, wf.UNIT]
    assert out["waited_days"].tolist()[0] == 3
