"""The submit-and-appraise page (pages/workflow.py) under AppTest, on a copy of the demo district:
an officer types figures (drafts) and submits them, the secretariat returns one with a comment and
accepts the other, the officer sees the comment next to the field and fixes it, the approved figure
is locked on the entry form, the secretariat unlocks it with a reason; an officer is offered no
appraisal, and a leader not the page."""
from __future__ import annotations

from sqlalchemy import select

from app_kit import (  # noqa: F401  (fixtures)
    OFFICER_UNIT, TODAY, choose_period, database, edit, editor_row, ok, page, run_directly, seeded, texts, writable,
)

from lib.store.models import AuditEntry, Observation, Unit

MONTH = f"{TODAY.year}-{TODAY.month:02d}"  # the month under way: nothing stored in the demo


def states(engine) -> dict[str, tuple[str, str | None]]:
    with engine.connect() as conn:
        rows = conn.execute(select(Observation.indicator, Observation.state, Observation.state_comment)
                            .join(Unit, Unit.id == Observation.unit_id)
                            .where(Unit.code == OFFICER_UNIT, Observation.period == MONTH)).all()
    return {i: (s, c) for i, s, c in rows}


def open_workflow(open_page, username: str):
    at = open_page("workflow", username)
    if username == "nv_test":
        ok(at.selectbox(key="workflow_unit").set_value(OFFICER_UNIT).run())
    choose_period(at, TODAY.year, "M", TODAY.month, prefix="workflow")
    return at


def type_figures(open_page, figures: dict[str, tuple[int, int]]):
    at = open_page("entry", "xa_test")
    choose_period(at, TODAY.year, "M", TODAY.month)
    edit(at, at.data_editor[0].key,
         {editor_row(at, code): {"tu_so": n, "mau_so": d} for code, (n, d) in figures.items()})
    ok(at.button(key="entry_save").click().run())
    return at


def test_the_whole_workflow_through_the_pages(writable):
    open_page, engine = writable
    type_figures(open_page, {"3.4": (50, 60), "3.1b": (40, 50)})
    assert states(engine) == {"3.4": ("draft", None), "3.1b": ("draft", None)}

    officer = open_workflow(open_page, "xa_test")
    assert "Các trang đang tính: mọi số liệu đã nhận (cả chưa duyệt)." in texts(officer, "caption")
    assert not [e for e in officer.data_editor if e.key and e.key.startswith("workflow_appraise")]  # no appraisal
    ok(officer.button(key="workflow_submit").click().run())
    assert f"Đã gửi 2 số liệu của Thị trấn Sóc Sơn, kỳ {MONTH}." in texts(officer, "success")
    assert {s for s, _ in states(engine).values()} == {"submitted"}

    secretariat = open_workflow(open_page, "nv_test")
    editor = next(e for e in secretariat.data_editor if e.key.startswith("workflow_appraise"))
    rows = editor.value["indicator"].tolist()
    edit(secretariat, editor.key, {rows.index("3.4"): {"decision": "accept"},
                                   rows.index("3.1b"): {"decision": "return", "comment": "Thiếu hồ sơ tháng này"}})
    ok(secretariat.button(key="workflow_appraise").click().run())
    assert "Đã thẩm định 2 số liệu." in texts(secretariat, "success")
    assert states(engine) == {"3.4": ("approved", None), "3.1b": ("returned", "Thiếu hồ sơ tháng này")}

    # the officer sees the comment next to the field, fixes the figure; the approved one is locked
    entry = open_page("entry", "xa_test")
    choose_period(entry, TODAY.year, "M", TODAY.month)
    form = entry.data_editor[0].value.set_index("ma_chi_tieu")
    assert form.loc["3.1b", "nhan_xet"] == "Thiếu hồ sơ tháng này" and form.loc["3.1b", "trang_thai"] == "Bị trả lại"
    assert form.loc["3.4", "trang_thai"] == "Đã duyệt (khóa)"
    assert "Phòng Nội vụ trả lại 1 số liệu" in texts(entry, "warning")  # and in full above the form
    assert "Thiếu hồ sơ tháng này" in texts(entry, "warning")
    edit(entry, entry.data_editor[0].key, {editor_row(entry, "3.4"): {"tu_so": 55}})
    ok(entry.button(key="entry_save").click().run())
    assert "đã được duyệt và khóa" in entry.data_editor[0].value.set_index("ma_chi_tieu").loc["3.4", "loi"]
    assert states(engine)["3.4"] == ("approved", None)
    type_figures(open_page, {"3.1b": (45, 50)})
    assert states(engine)["3.1b"][0] == "draft"

    # the secretariat unlocks the approved figure with a reason
    secretariat = open_workflow(open_page, "nv_test")
    ok(secretariat.multiselect(key="workflow_unlock_pick").set_value(["3.4"]).run())
    ok(secretariat.text_input(key="workflow_unlock_reason").input("Sai số hồ sơ trực tuyến").run())
    ok(secretariat.button(key="workflow_unlock").click().run())
    assert "Đã mở khóa 1 số liệu" in texts(secretariat, "success")
    assert states(engine)["3.4"] == ("submitted", "Sai số hồ sơ trực tuyến")
    with engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(AuditEntry.action).where(AuditEntry.action.startswith("workflow."))
                                              .order_by(AuditEntry.id))]
    # each step by indicator: 3.1b before 3.4
    assert actions == ["workflow.submit"] * 2 + ["workflow.return", "workflow.accept", "workflow.unlock"]


def test_the_secretariat_chooses_what_the_pages_count(writable):
    open_page, engine = writable
    at = open_page("workflow", "nv_test")
    ok(at.radio(key="workflow_setting").set_value("approved").run())
    ok(at.button(key="workflow_setting_save").click().run())
    assert "Đã lưu cách tính mặc định: chỉ số liệu đã duyệt." in texts(at, "success")
    overview = open_page("overview", "ld_test")  # a new session starts from the setting, and says so
    assert overview.sidebar.radio(key="sidebar_counting").value == "approved"
    assert "tính chỉ số liệu đã duyệt" in texts(overview, "markdown")
    reporting = open_page("completeness", "ld_test")
    assert "chỉ số liệu đã duyệt" in texts(reporting, "caption")


def test_a_leader_is_refused_the_workflow_page(seeded):
    direct = run_directly(seeded, "workflow", "ld_test")
    assert direct.error[0].value.startswith("Tài khoản của bạn không có quyền") and not direct.button


def test_a_closed_year_ranks_approved_figures_only(writable):
    open_page, engine = writable
    ranking = open_page("ranking", "ld_test")
    year = ranking.sidebar.selectbox(key="sidebar_year").value
    assert "đã khóa sổ" not in texts(ranking, "caption")
    assert not communes(ranking)["score"].map(is_zero).all()  # open: counts everything received
    at = open_page("workflow", "nv_test")
    ok(at.button(key="workflow_close").click().run())
    assert f"Đã khóa sổ năm {year}." in texts(at, "success")
    ranking = open_page("ranking", "ld_test")
    assert f"Năm {year} đã khóa sổ: bảng xếp hạng chỉ tính số liệu đã duyệt." in texts(ranking, "caption")
    # the demo's figures were never appraised: closed, no commune has an approved figure to rank by
    assert communes(ranking)["score"].map(is_zero).all()


def is_zero(score: str) -> bool:
    return score.replace(",", "").replace("%", "").strip("0 ") in ("", "—")


def communes(at):
    return next(d.value for d in at.dataframe if "met_of" in d.value.columns)
