"""lib.store.upsert.insert_many (COPY on PostgreSQL, one prepared INSERT on SQLite) and the audit log's
bulk path: the same rows as a plain insert, defaults filled in, and a key that exists raises."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from lib.present import audit_view
from lib.store import audit
from lib.store.models import AuditEntry, Observation
from lib.store.upsert import insert_many
from tests.conftest import add_units


# a time taken in Vietnam: stored as its UTC instant, read back aware in UTC
NOW = datetime(2026, 1, 1, 6, 59, 58, 123456, tzinfo=timezone(timedelta(hours=7)))


def _figure(unit_id, month, numerator=1, note=None):
    now = NOW
    return {"unit_id": unit_id, "indicator": "3.4", "period": f"2025-{month:02d}", "granularity": "M", "year": 2025,
            "month_from": month, "month_to": month, "numerator": numerator, "denominator": 10, "note": note,
            "source": "tệp.csv", "created_by": "a", "created_at": now, "updated_by": "a", "updated_at": now}


def test_insert_many_writes_what_a_plain_insert_would(engine):
    ids = add_units(engine)
    rows = [_figure(ids["99901"], m, m, note="ghi chú, \"trích\"\ttab" if m == 2 else None) for m in range(1, 13)]
    with engine.begin() as conn:
        insert_many(conn, Observation.__table__, rows)
    with engine.connect() as conn:
        stored = conn.execute(select(Observation.period, Observation.numerator, Observation.note,
                                     Observation.created_at).order_by(Observation.period)).all()
    assert [(p, n) for p, n, _, _ in stored] == [(f"2025-{m:02d}", m) for m in range(1, 13)]
    assert stored[1].note == "ghi chú, \"trích\"\ttab" and stored[0].note is None
    assert stored[0].created_at == NOW
    assert stored[0].created_at.tzinfo == timezone.utc and stored[0].created_at.hour == 23


def test_insert_many_refuses_a_key_that_exists(engine):
    ids = add_units(engine)
    with engine.begin() as conn:
        insert_many(conn, Observation.__table__, [_figure(ids["99901"], 1)])
    with pytest.raises(IntegrityError):
        with engine.begin() as conn:
            insert_many(conn, Observation.__table__, [_figure(ids["99901"], 2), _figure(ids["99901"], 1, 5)])
    with engine.connect() as conn:  # all or nothing
        assert conn.execute(select(func.count()).select_from(Observation)).scalar() == 1


def test_a_large_audit_batch_reads_back_like_a_small_one(engine):
    entries = [{"username": "noivu", "action": "observation.insert", "entity": f"00376/3.4/{i}",
                "old": None, "new": {"tu_so": i, "mau_so": 10, "ghi_chu": "Xã ư"}, "source": "tệp.csv"}
               for i in range(audit.BULK + 5)]
    with engine.begin() as conn:
        audit.record_many(conn, entries)
        audit.record_many(conn, [{"username": "noivu", "action": "observation.update", "entity": "00376/3.4/x",
                                  "old": {"tu_so": 1}, "new": {"tu_so": 2}}])
    found = audit.entries(engine)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).where(AuditEntry.at.is_(None))).scalar() == 0
    assert len(found) == audit.BULK + 6
    bulk = found[found["entity"] == "00376/3.4/7"].iloc[0]
    assert bulk["new_value"] == '{"ghi_chu": "Xã ư", "mau_so": 10, "tu_so": 7}' and pd.isna(bulk["old_value"])
    assert audit_view.readable(bulk["new_value"]) == "ghi chú: Xã ư; mẫu số: 10; tử số: 7"


TRICKY = ["tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "", "chữ Việt \"trích\"", None]


def test_insert_columns_takes_lists_arrays_and_shared_values_and_keeps_every_character(engine):
    import numpy as np

    from lib.store.upsert import insert_columns

    ids = add_units(engine)
    months = np.arange(1, len(TRICKY) + 1)
    with engine.begin() as conn:
        insert_columns(conn, Observation.__table__, {
            "unit_id": ids["99901"], "indicator": "3.4", "period": [f"2025-{m:02d}" for m in months],
            "granularity": "M", "year": 2025, "month_from": months, "month_to": months, "numerator": months,
            "denominator": np.full(len(TRICKY), 10), "note": TRICKY, "source": "tệp\t50%.csv", "created_by": "a",
            "created_at": NOW, "updated_by": "a", "updated_at": NOW})
        insert_columns(conn, Observation.__table__, {"unit_id": [], "indicator": "3.4"})  # no rows: nothing
    with engine.connect() as conn:
        stored = conn.execute(select(Observation.month_to, Observation.numerator, Observation.note, Observation.source,
                                     Observation.updated_at).order_by(Observation.month_to)).all()
    assert [(m, n, note) for m, n, note, _, _ in stored] == [(m, m, note) for m, note in zip(range(1, 9), TRICKY)]
    assert {s for *_, s, _ in stored} == {"tệp\t50%.csv"} and {t for *_, t in stored} == {NOW}


def test_an_imports_audit_text_is_what_the_audit_encoder_writes():
    from lib.store import observations

    notes = [n for n in TRICKY] + ["\u2028", "a/b"]
    written = observations.figures_json([1] * len(notes), [2] * len(notes), notes)
    assert written == [audit.encode({"tu_so": 1, "mau_so": 2, "ghi_chu": note}) for note in notes]


def test_entries_noted_one_by_one_and_in_bulk_are_written_in_order(engine):
    from lib.store.transaction import writing

    with writing(engine, "noivu") as write:
        write.audit("target.update", "3.4/2023/all", {"op": ">"}, {"op": ">="})
        write.audit_entries({"username": "noivu", "action": "observation.insert", "old_value": None,
                             "entity": [f"00376/3.4/{i}" for i in range(audit.BULK)],
                             "new_value": [audit.encode({"tu_so": i}) for i in range(audit.BULK)], "source": ""})
        write.audit_entries({"username": "xa1", "action": ["observation.update"] * 2, "entity": ["a", "b"],
                             "old_value": None, "new_value": ["{}", "{}"], "source": "f.csv"})  # a small block
        write.audit("demo.ended", "sample_data", {"sample_data": 1}, {"sample_data": 0})
    found = audit.entries(engine, limit=audit.BULK + 10)
    assert found["action"].tolist()[::-1] == ["target.update", *["observation.insert"] * audit.BULK,
                                              "observation.update", "observation.update", "demo.ended"]
    assert found["entity"].tolist()[-2] == "00376/3.4/0" and found["entity"].tolist()[1:3] == ["b", "a"]
    assert found["username"].tolist()[1] == "xa1" and found["source"].tolist()[1] == "f.csv"
