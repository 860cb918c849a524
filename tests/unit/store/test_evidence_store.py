"""Evidence documents as stored (lib.store.evidence): attached, listed, downloaded and deleted by
role and unit, each refusal holding at the store whatever a page offers (a crafted call as another
unit's officer); the content checked before anything is stored; uploads and deletions audited; the
secretariat's indicators that need evidence, and the submission refused while it is missing."""
import json

import pytest
from sqlalchemy import func, select

from test_workflow_store import PERIOD, people, states, type_figures  # noqa: F401  (fixture)

from lib.core import workflow as wf
from lib.core.evidence_files import EvidenceError
from lib.store import evidence, workflow
from lib.store.models import AuditEntry, Evidence

PDF = b"%PDF-1.7\n%%EOF\n"
HTML = b"<html><script>alert(1)</script></html>"


def refused(call, *args) -> EvidenceError:
    with pytest.raises(EvidenceError) as error:
        call(*args)
    return error.value


def stored(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(Evidence)).scalar()


def audit(engine, prefix: str) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity, AuditEntry.old_value,
                                   AuditEntry.new_value).where(AuditEntry.action.startswith(prefix))
                            .order_by(AuditEntry.id)).all()
    return [(u, a, e, o and json.loads(o), n and json.loads(n)) for u, a, e, o, n in rows]


def test_an_officer_attaches_lists_downloads_and_deletes_their_units_evidence(people):
    engine, acc, unit_id = people
    new_id = evidence.add(engine, acc["xa1"], unit_id, "3.2a", PERIOD, "Quyết định/số 5.pdf", PDF)
    listed = evidence.listing(engine, acc["xa1"], unit_id, [PERIOD])
    assert listed[["id", "indicator", "period", "file_name", "kind", "size", "uploaded_by"]].values.tolist() == [
        [new_id, "3.2a", PERIOD, "số 5.pdf", "pdf", len(PDF), "xa1"]]
    for reader in ("xa1", "noivu", "lanhdao"):  # the unit's officer, the secretariat, a leader
        assert evidence.document(engine, acc[reader], new_id) == evidence.Document("số 5.pdf", "application/pdf", PDF)
    evidence.delete_document(engine, acc["xa1"], new_id)
    assert stored(engine) == 0
    assert audit(engine, "evidence.") == [
        ("xa1", "evidence.add", f"99901/3.2a/{PERIOD}", None, {"tep": "số 5.pdf", "kich_thuoc": len(PDF)}),
        ("xa1", "evidence.delete", f"99901/3.2a/{PERIOD}", {"tep": "số 5.pdf", "kich_thuoc": len(PDF)}, None)]


def test_another_units_officer_and_a_leader_are_refused_at_the_store(people):
    engine, acc, unit_id = people
    new_id = evidence.add(engine, acc["noivu"], unit_id, "3.2a", PERIOD, "a.pdf", PDF)
    other = acc["xa2"]  # a crafted call as another unit's officer
    assert refused(evidence.add, engine, other, unit_id, "3.2a", PERIOD, "b.pdf", PDF).key == "not_your_unit"
    assert refused(evidence.document, engine, other, new_id).key == "not_your_unit"
    assert refused(evidence.listing, engine, other, unit_id).key == "not_your_unit"
    assert refused(evidence.delete_document, engine, other, new_id).key == "not_your_unit"
    assert refused(evidence.add, engine, acc["lanhdao"], unit_id, "3.2a", PERIOD, "b.pdf", PDF).key == "role"
    assert refused(evidence.delete_document, engine, acc["lanhdao"], new_id).key == "role"
    assert refused(evidence.document, engine, None, new_id).key == "not_your_unit"
    assert refused(evidence.document, engine, acc["noivu"], new_id + 1).key == "not_found"
    assert stored(engine) == 1 and len(audit(engine, "evidence.")) == 1


def test_the_content_is_checked_before_anything_is_stored(people):
    engine, acc, unit_id = people
    assert refused(evidence.add, engine, acc["xa1"], unit_id, "3.2a", PERIOD, "qd.pdf", HTML).key == "type_unknown"
    assert refused(evidence.add, engine, acc["xa1"], unit_id, "3.2a", PERIOD, "qd.xlsx", PDF).key == "type_mismatch"
    assert refused(evidence.add, engine, acc["xa1"], unit_id, "9.9", PERIOD, "qd.pdf", PDF).key == "indicator_unknown"
    assert stored(engine) == 0 and audit(engine, "evidence.") == []


def test_submission_is_refused_while_required_evidence_is_missing(people):
    engine, acc, unit_id = people
    assert refused(evidence.set_required, engine, acc["xa1"], ["3.2a"]).key == "role"
    assert refused(evidence.set_required, engine, acc["noivu"], ["3.2a", "9.9"]).key == "indicator_unknown"
    evidence.set_required(engine, acc["noivu"], ["3.2a"])
    assert evidence.required_list(engine) == ["3.2a"]
    assert audit(engine, "setting.evidence") == [
        ("noivu", "setting.evidence", "evidence_required", [], ["3.2a"])]

    type_figures(engine, acc["xa1"], {"3.2a": (9, 10), "3.2b": (5, 10)})
    with pytest.raises(wf.WorkflowError) as error:
        workflow.submit(engine, acc["xa1"], unit_id, PERIOD)
    assert (error.value.key, error.value.params) == ("evidence_missing", {"indicators": "3.2a", "period": PERIOD})
    from lib.present import i18n
    assert i18n.say(error.value).startswith("Chỉ tiêu 3.2a của kỳ 2022-Q1 cần tài liệu kiểm chứng trước khi gửi")
    assert {s for s, _ in states(engine, unit_id).values()} == {"draft"}  # nothing was submitted

    evidence.add(engine, acc["xa1"], unit_id, "3.2a", PERIOD, "qd.pdf", PDF)
    assert workflow.submit(engine, acc["xa1"], unit_id, PERIOD) == 2

    # an approved figure's evidence is locked with it
    workflow.appraise(engine, acc["noivu"], unit_id, PERIOD, {"3.2a": (wf.ACCEPT, ""), "3.2b": (wf.ACCEPT, "")})
    [doc_id] = evidence.listing(engine, acc["noivu"], unit_id)["id"].tolist()
    assert refused(evidence.delete_document, engine, acc["xa1"], doc_id).key == "locked"
    assert refused(evidence.add, engine, acc["noivu"], unit_id, "3.2a", PERIOD, "b.pdf", PDF).key == "locked"
    evidence.set_required(engine, acc["noivu"], [])
    assert evidence.required_list(engine) == []
