"""The inspection register page (pages/inspections.py) under AppTest, on a copy of the demo
district: a commune with typed 1.2a/1.2b figures this year cannot use the register; once it has
none, the secretariat records an inspection and an issue, the commune page lists the open issue, the
commune's officer records the fix; another commune's officer is offered none of it."""
from __future__ import annotations

from sqlalchemy import delete, select

from app_kit import (  # noqa: F401  (fixtures)
    OFFICER_UNIT, TODAY, database, ok, page, seeded, texts, writable,
)

from conftest import unescaped
from lib.store import auth, evidence, inspections
from lib.store.models import AuditEntry, Observation, Unit


def test_the_register_through_the_page(writable):
    open_page, engine = writable
    with engine.connect() as conn:
        commune = conn.execute(select(Unit.id).where(Unit.code == OFFICER_UNIT)).scalar_one()
    at = open_page("inspections", "nv_test")
    ok(at.selectbox(key="inspections_unit").set_value(commune).run())
    ok(at.text_input(key="inspections_team").input("Đoàn kiểm tra của UBND huyện").run())
    ok(at.button(key="inspections_add").click().run())
    assert "đã có số liệu 1.2a hoặc 1.2b" in texts(at, "error")  # the demo typed them: one source a year

    with engine.begin() as conn:
        conn.execute(delete(Observation).where(Observation.unit_id == commune, Observation.year == TODAY.year,
                                               Observation.indicator.in_(["1.2a", "1.2b"])))
    at = open_page("inspections", "nv_test")
    ok(at.selectbox(key="inspections_unit").set_value(commune).run())
    ok(at.text_input(key="inspections_team").input("Đoàn kiểm tra của UBND huyện").run())
    ok(at.button(key="inspections_add").click().run())
    assert "Đã ghi cuộc kiểm tra." in texts(at, "success")
    ok(at.text_input(key="inspections_what").input("Chưa niêm yết đủ thủ tục").run())
    ok(at.button(key="inspections_issue_add").click().run())
    assert "Đã ghi vấn đề phát hiện." in texts(at, "success")

    commune_page = open_page("commune", "ld_test")
    ok(commune_page.selectbox(key="commune_code").set_value(OFFICER_UNIT).run())
    assert "Chưa niêm yết đủ thủ tục" in texts(commune_page, "markdown")

    other = open_page("inspections", "xa_khac")
    assert not [b for b in other.button if b.key == "inspections_fix"]
    officer = open_page("inspections", "xa_test")
    assert not [b for b in officer.button if b.key in ("inspections_add", "inspections_issue_add")]
    ok(officer.text_input(key="inspections_note").input("Đã niêm yết đủ").run())
    ok(officer.button(key="inspections_fix").click().run())
    assert "Đã ghi việc khắc phục." in texts(officer, "success")
    with engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(AuditEntry.action).where(
            AuditEntry.action.startswith("inspection.")).order_by(AuditEntry.id))]
    assert actions == ["inspection.add", "inspection.issue", "inspection.fix"]


PDF = b"%PDF-1.7\n%%EOF\n"


def test_a_fixs_evidence_is_offered_to_its_writers_and_downloaded_by_its_readers(writable):
    open_page, engine = writable
    with engine.connect() as conn:
        commune = conn.execute(select(Unit.id).where(Unit.code == OFFICER_UNIT)).scalar_one()
    with engine.begin() as conn:  # the commune uses the register this year
        conn.execute(delete(Observation).where(Observation.unit_id == commune, Observation.year == TODAY.year,
                                               Observation.indicator.in_(["1.2a", "1.2b"])))
    secretariat, officer = auth.account(engine, "nv_test"), auth.account(engine, "xa_test")
    inspection = inspections.record_inspection(engine, secretariat, commune, TODAY, "Đoàn kiểm tra")
    fixed, still_open = (inspections.record_issue(engine, secretariat, inspection, what, TODAY)
                         for what in ("Chưa niêm yết đủ thủ tục", "Chưa có hộp thư góp ý"))
    inspections.record_fix(engine, officer, fixed, TODAY, "Đã niêm yết đủ")

    at = open_page("inspections", "xa_test")
    assert "Tài liệu kiểm chứng việc khắc phục" in [h.value for h in at.header]
    assert "Chưa có tài liệu kiểm chứng nào cho các vấn đề đã khắc phục." in texts(at, "caption")
    assert at.selectbox(key="fix_evidence_issue").options == ["Chưa niêm yết đủ thủ tục"]  # fixed ones only
    assert [u for u in at.get("file_uploader")] and at.button(key="fix_evidence_attach").disabled

    evidence.add_to_fix(engine, officer, fixed, "anh-niem-yet.pdf", PDF)  # AppTest cannot upload
    for username in ("xa_test", "nv_test", "ld_test"):  # the commune's officer, the secretariat, a leader
        at = open_page("inspections", username)
        if username != "xa_test":
            ok(at.selectbox(key="inspections_unit").set_value(commune).run())
        labels = [unescaped(b.proto.label) for b in at.get("download_button")]
        assert labels == ["Chưa niêm yết đủ thủ tục · anh-niem-yet.pdf (1 KB)"], username
        offered = [b for b in at.button if b.key == "fix_evidence_attach"]
        assert bool(offered) == (username != "ld_test")  # a leader reads, never attaches
    other = open_page("inspections", "xa_khac")  # another commune's officer: their own commune only
    assert not other.get("download_button")
