"""Evidence on the page Gửi và thẩm định under AppTest, on a copy of the demo district: the
secretariat marks an indicator as needing evidence; the officer's "Gửi" is refused, naming it, until
a document is attached; the unit's documents are listed with a download and a delete (audited)."""
from __future__ import annotations

from sqlalchemy import select

from conftest import unescaped
from app_kit import database, ok, page, seeded, texts, writable  # noqa: F401  (fixtures)
from test_workflow_page import MONTH, open_workflow, states, type_figures

from lib.store import auth, evidence
from lib.store.models import AuditEntry

PDF = b"%PDF-1.7\n%%EOF\n"


def test_a_figure_needing_evidence_is_submitted_only_with_it(writable):
    open_page, engine = writable
    secretariat = open_workflow(open_page, "nv_test")
    ok(secretariat.multiselect(key="evidence_required").set_value(["3.4"]).run())
    ok(secretariat.button(key="evidence_required_save").click().run())
    assert "Đã lưu các chỉ tiêu cần tài liệu kiểm chứng: 3.4." in texts(secretariat, "success")
    assert evidence.required_list(engine) == ["3.4"]

    type_figures(open_page, {"3.4": (50, 60), "3.1b": (40, 50)})
    officer = open_workflow(open_page, "xa_test")
    assert "Đơn vị chưa đính kèm tài liệu nào cho kỳ này." in texts(officer, "caption")
    ok(officer.button(key="workflow_submit").click().run())
    assert f"Chỉ tiêu 3.4 của kỳ {MONTH} cần tài liệu kiểm chứng trước khi gửi" in texts(officer, "error")
    assert {s for s, _ in states(engine).values()} == {"draft"}

    account = auth.account(engine, "xa_test")
    first = evidence.add(engine, account, account.unit_id, "3.4", MONTH, "ho-so.pdf", PDF)  # AppTest cannot upload
    officer = open_workflow(open_page, "xa_test")
    assert [unescaped(b.proto.label) for b in officer.get("download_button")] == [f"3.4 · {MONTH} · ho-so.pdf (1 KB)"]
    ok(officer.button(key=f"evidence_delete_{first}").click().run())
    assert "Đã xóa tài liệu ho-so.pdf." in texts(officer, "success")
    ok(officer.button(key="workflow_submit").click().run())
    assert "cần tài liệu kiểm chứng" in texts(officer, "error")

    evidence.add(engine, account, account.unit_id, "3.4", MONTH, "ho-so.pdf", PDF)
    officer = open_workflow(open_page, "xa_test")
    ok(officer.button(key="workflow_submit").click().run())
    assert f"Đã gửi 2 số liệu của Thị trấn Sóc Sơn, kỳ {MONTH}." in texts(officer, "success")
    with engine.connect() as conn:
        actions = conn.execute(select(AuditEntry.username, AuditEntry.action).where(
            AuditEntry.action.in_(["evidence.add", "evidence.delete", "setting.evidence"]))
            .order_by(AuditEntry.id)).all()
    assert [tuple(a) for a in actions] == [("nv_test", "setting.evidence"), ("xa_test", "evidence.add"),
                                           ("xa_test", "evidence.delete"), ("xa_test", "evidence.add")]
