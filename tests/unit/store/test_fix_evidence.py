"""Evidence on the inspection register's fixes (lib.store.evidence.add_to_fix, fix_documents), on
SQLite and PostgreSQL: the commune's officer (or the secretariat) attaches a document to a recorded
fix, checked by its content and size like any evidence, audited, stored as the commune's 1.2b for
the fix's month; whoever may read the commune's evidence downloads it; another commune's officer, a
leader, an unfixed issue, a wrong type and an oversize file are refused with nothing stored."""
import json
from datetime import date, datetime, timezone

import pytest
from conftest import unit_ids
from test_evidence_store import HTML, PDF, refused, stored
from sqlalchemy import select

from lib.core import clock, settings
from lib.store import evidence, inspections
from lib.store.models import AuditEntry, Evidence

TODAY = date(2026, 12, 1)


@pytest.fixture
def register(small_district, accounts, monkeypatch):
    """On 1 December 2026: an inspection of 99901 with two issues, the first fixed by its officer today."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 1, 3, 0, tzinfo=timezone.utc))
    engine, ids = small_district, unit_ids(small_district)
    today = found = TODAY
    inspection = inspections.record_inspection(engine, accounts["noivu"], ids["99901"], found, "Đoàn số 1")
    fixed, still_open = (inspections.record_issue(engine, accounts["noivu"], inspection, what, today)
                         for what in ("Niêm yết TTHC chưa đủ", "Chưa có hộp thư góp ý"))
    inspections.record_fix(engine, accounts["xa1"], fixed, today, "Đã niêm yết đủ")
    return engine, accounts, fixed, still_open, ids


def audit(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.username, AuditEntry.entity, AuditEntry.new_value)
                            .where(AuditEntry.action == "evidence.add").order_by(AuditEntry.id)).all()
    return [(u, e, json.loads(n)) for u, e, n in rows]


def test_the_commune_attaches_a_document_to_its_fix_and_readers_download_it(register):
    engine, acc, fixed, _, ids = register
    new_id = evidence.add_to_fix(engine, acc["xa1"], fixed, "Ảnh niêm yết/bảng.pdf", PDF)
    month = "2026-12"
    with engine.connect() as conn:
        row = conn.execute(select(Evidence.unit_id, Evidence.indicator, Evidence.period, Evidence.fix_id)
                           .where(Evidence.id == new_id)).one()
    assert (row.unit_id, row.indicator, row.period) == (ids["99901"], "1.2b", month) and row.fix_id is not None
    for reader in ("xa1", "noivu", "lanhdao"):  # the commune's officer, the secretariat, a leader
        listed = evidence.fix_documents(engine, acc[reader], [fixed])
        assert listed[["id", "issue_id", "file_name", "kind", "uploaded_by"]].values.tolist() == [
            [new_id, fixed, "bảng.pdf", "pdf", "xa1"]]
        assert evidence.document(engine, acc[reader], new_id) == evidence.Document("bảng.pdf", "application/pdf", PDF)
    assert evidence.fix_documents(engine, acc["xa2"], [fixed]).empty  # another commune's officer: none listed
    assert refused(evidence.document, engine, acc["xa2"], new_id).key == "not_your_unit"
    # it is also the commune's evidence for 1.2b that month, as documents attached to a figure are
    assert evidence.listing(engine, acc["xa1"], ids["99901"], [month])["id"].tolist() == [new_id]
    evidence.add_to_fix(engine, acc["noivu"], fixed, "bien_ban.pdf", PDF)  # the secretariat may too
    assert audit(engine) == [("xa1", f"99901/van_de/{fixed}", {"tep": "bảng.pdf", "kich_thuoc": len(PDF)}),
                             ("noivu", f"99901/van_de/{fixed}", {"tep": "bien_ban.pdf", "kich_thuoc": len(PDF)})]


def test_refusals_store_nothing(register, monkeypatch):
    engine, acc, fixed, still_open, _ = register
    assert refused(evidence.add_to_fix, engine, acc["xa2"], fixed, "a.pdf", PDF).key == "not_your_unit"
    assert refused(evidence.add_to_fix, engine, acc["lanhdao"], fixed, "a.pdf", PDF).key == "role"
    assert refused(evidence.add_to_fix, engine, None, fixed, "a.pdf", PDF).key == "role"
    assert refused(evidence.add_to_fix, engine, acc["xa1"], still_open, "a.pdf", PDF).key == "fix_unknown"
    assert refused(evidence.add_to_fix, engine, acc["xa1"], 9999, "a.pdf", PDF).key == "fix_unknown"
    assert refused(evidence.add_to_fix, engine, acc["xa1"], fixed, "anh.pdf", HTML).key == "type_unknown"
    assert refused(evidence.add_to_fix, engine, acc["xa1"], fixed, "anh.png", PDF).key == "type_mismatch"
    monkeypatch.setenv("CCHC_MAX_EVIDENCE_MB", "1")
    too_big = PDF + b"0" * settings.MB
    assert refused(evidence.add_to_fix, engine, acc["xa1"], fixed, "to.pdf", too_big).key == "too_big"
    assert stored(engine) == 0 and audit(engine) == []
    assert evidence.fix_documents(engine, acc["noivu"], [fixed, still_open]).empty


def test_a_fix_of_an_earlier_month_is_the_evidence_of_that_month(register):
    engine, acc, _, still_open, ids = register
    earlier = inspections.record_inspection(engine, acc["noivu"], ids["99901"], date(2026, 1, 2), "Đoàn số 0")
    issue = inspections.record_issue(engine, acc["noivu"], earlier, "Sổ theo dõi thiếu", date(2026, 1, 31))
    inspections.record_fix(engine, acc["xa1"], issue, date(2026, 1, 20), "Đã lập sổ")
    new_id = evidence.add_to_fix(engine, acc["xa1"], issue, "so.pdf", PDF)
    listed = evidence.listing(engine, acc["xa1"], ids["99901"], ["2026-01"])
    assert listed["id"].tolist() == [new_id]
    assert evidence.fix_documents(engine, acc["xa1"], [issue, still_open])["issue_id"].tolist() == [issue]
