"""The directives page (pages/directives.py) and the officer's first view under AppTest, on a copy of
the demo district: a leader puts a directive on a commune's cell, the commune's officer sees it
first on signing in and notes progress, the secretariat closes it as done; another unit's officer
sees none of it; the list filters by unit, area and state and offers its download; typed text
shows as text."""
from __future__ import annotations

import io
from datetime import timedelta

import pandas as pd
import pytest
from sqlalchemy import select

from app_kit import (  # noqa: F401  (fixtures)
    OFFICER_UNIT, database, ok, opened, page, seeded, texts, writable,
)

from lib.core import clock
from lib.core import directives as rules
from lib.io import sheets
from lib.present import directives_view
from lib.store import auth, definitions, directives
from lib.store.models import AuditEntry, Directive, Unit
from lib.web import guard

TEXT = "Đôn đốc trả hồ sơ đúng hạn trước kỳ họp"


def unit_id(engine, code: str) -> int:
    with engine.connect() as conn:
        return conn.execute(select(Unit.id).where(Unit.code == code)).scalar_one()


def test_a_directive_given_answered_and_closed_through_the_pages(writable):
    open_page, engine = writable
    commune = unit_id(engine, OFFICER_UNIT)
    leader = open_page("directives", "ld_test")
    ok(leader.radio(key="directives_kind").set_value("unit").run())
    ok(leader.selectbox(key="directives_indicator").set_value("3.4").run())
    ok(leader.selectbox(key="directives_unit").set_value(commune).run())
    ok(leader.selectbox(key="directives_responsible").set_value(commune).run())
    ok(leader.text_area(key="directives_text").input(TEXT).run())
    ok(leader.button(key="directives_create").click().run())
    assert "Đã giao ý kiến chỉ đạo số 1." in texts(leader, "success")

    officer = open_page("overview", "xa_test")  # the officer's first view: their open directives on top
    first = texts(officer, "markdown")
    assert [s.value for s in officer.subheader][:1] == ["Ý kiến chỉ đạo đơn vị cần thực hiện"]  # before the rest
    assert "Đang thực hiện · hạn" in first and f"3.4 · Thị trấn Sóc Sơn · Thị trấn Sóc Sơn: {TEXT}" in first
    other = open_page("overview", "xa_khac")
    assert TEXT not in texts(other) and "Ý kiến chỉ đạo: 0" not in texts(other)

    answer = open_page("directives", "xa_test")
    ok(answer.text_area(key="directives_note").input("Đã rà soát 12 hồ sơ trễ hạn").run())
    ok(answer.button(key="directives_answer").click().run())
    assert "Đã ghi nhận tiến độ của ý kiến chỉ đạo số 1." in texts(answer, "success")
    assert "Đã rà soát 12 hồ sơ trễ hạn" in texts(answer, "markdown")
    assert not [b for b in answer.button if b.key == "directives_close"]  # an officer does not close

    secretariat = open_page("directives", "nv_test")
    assert not [b for b in secretariat.button if b.key in ("directives_answer", "directives_create")]
    ok(secretariat.button(key="directives_close").click().run())
    assert "Đã đóng ý kiến chỉ đạo số 1." in texts(secretariat, "success")
    seen = open_page("directives", "ld_test")
    listed = next(d.value for d in seen.dataframe if "state_text" in d.value.columns)
    assert listed["state_text"].tolist() == ["Đã hoàn thành"]
    with engine.connect() as conn:
        actions = conn.execute(select(AuditEntry.username, AuditEntry.action).where(
            AuditEntry.action.startswith("directive.")).order_by(AuditEntry.id)).all()
    assert [tuple(a) for a in actions] == [("ld_test", "directive.create"), ("xa_test", "directive.answer"),
                                           ("nv_test", "directive.close")]


HOSTILE = "=HYPERLINK(\"http://x.example\") <script>alert(1)</script> ![x](http://x.example/a.png)"


def test_the_list_filters_downloads_and_keeps_text_as_text(writable):
    open_page, engine = writable
    leader = auth.account(engine, "ld_test")
    commune, other = unit_id(engine, OFFICER_UNIT), unit_id(engine, "00379")
    today = clock.today()
    directives.create(engine, leader, responsible_id=commune, text=HOSTILE, deadline=today, area=1)
    directives.create(engine, leader, responsible_id=other, text="Xã khác", deadline=today, indicator="3.4",
                      unit_id=other)
    with engine.begin() as conn:  # the first one's deadline has passed (a crafted past date, as time goes by)
        conn.exec_driver_sql("UPDATE directives SET deadline = ? WHERE id = 1", (today - timedelta(days=1),))

    at = open_page("directives", "nv_test")
    assert "Ý kiến chỉ đạo: 2 đang mở, 1 quá hạn." in texts(at, "markdown")
    ok(at.multiselect(key="directives_states").set_value(["overdue"]).run())
    listed = next(d.value for d in at.dataframe if "state_text" in d.value.columns)
    assert listed["id"].tolist() == [1] and listed["state_text"].tolist() == ["Quá hạn"]
    assert listed["text"].tolist() == [HOSTILE]  # a table cell: the text itself
    assert HOSTILE in texts(at, "markdown")  # shown escaped, read back as the text typed
    assert {b.key for b in at.get("download_button")} >= {"directives_download_xlsx", "directives_download_csv"}
    ok(at.multiselect(key="directives_states").set_value([]).run())
    ok(at.multiselect(key="directives_units").set_value([other]).run())
    listed = next(d.value for d in at.dataframe if "state_text" in d.value.columns)
    assert listed["id"].tolist() == [2]
    ok(at.multiselect(key="directives_units").set_value([]).run())
    ok(at.multiselect(key="directives_areas").set_value([3]).run())
    assert next(d.value for d in at.dataframe if "state_text" in d.value.columns)["id"].tolist() == [2]

    # the file: one row a directive, its formula start neutralised in the CSV, exact text in the XLSX
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
    frame = directives_view.download_frame(directives.visible(engine, auth.account(engine, "nv_test")),
                                           catalogue, "toàn huyện")
    csv = pd.read_csv(io.BytesIO(sheets.csv_bytes(frame)), encoding="utf-8-sig")
    assert csv.set_index("Số").loc[1, "Nội dung chỉ đạo"] == "'" + HOSTILE
    assert csv.set_index("Số").loc[1, "Trạng thái"] == "Quá hạn"
    xlsx = pd.read_excel(io.BytesIO(sheets.xlsx_bytes(frame)), sheet_name=0, engine="calamine")
    assert HOSTILE in xlsx.astype(str).to_numpy().ravel().tolist()


def test_an_officer_sees_only_their_units_directives_on_the_page(writable):
    open_page, engine = writable
    leader = auth.account(engine, "ld_test")
    directives.create(engine, leader, responsible_id=unit_id(engine, "00379"), text="Việc của xã khác",
                      deadline=clock.today(), area=2)
    at = open_page("directives", "xa_test")
    assert "Việc của xã khác" not in texts(at) and "Ý kiến chỉ đạo: 0 đang mở, 0 quá hạn." in texts(at, "markdown")
    assert "Không có ý kiến chỉ đạo nào khớp bộ lọc." in texts(at, "info")
    assert not [b for b in at.button if b.key in ("directives_answer", "directives_close", "directives_create")]


def test_open_directives_show_beside_their_cell_and_on_the_slides(writable):
    open_page, engine = writable
    leader = auth.account(engine, "ld_test")
    commune = unit_id(engine, OFFICER_UNIT)
    directives.create(engine, leader, responsible_id=commune, text="Nâng tỷ lệ đúng hạn toàn huyện",
                      deadline=clock.today(), indicator="3.4")
    directives.create(engine, leader, responsible_id=commune, text="Việc riêng của thị trấn",
                      deadline=clock.today(), indicator="3.1b", unit_id=commune)
    area = open_page("area_3", "ld_test")
    shown = texts(area, "markdown")
    assert "Ý kiến chỉ đạo đang mở" in shown and "3.4 · toàn huyện · Thị trấn Sóc Sơn: Nâng tỷ lệ" in shown
    assert "Việc riêng của thị trấn" not in shown  # a commune's cell shows on the commune's page
    page_ = open_page("commune", "ld_test")
    ok(page_.selectbox(key="commune_code").set_value(OFFICER_UNIT).run())
    assert "3.1b · Thị trấn Sóc Sơn · Thị trấn Sóc Sơn: Việc riêng của thị trấn" in texts(page_, "markdown")
    slides = open_page("overview", "ld_test")
    slides.sidebar.toggle[0].set_value(True).run()
    ok(slides)
    assert "Ý kiến chỉ đạo: 2 đang mở, 0 quá hạn." in "\n".join(m.value for m in slides.markdown)
    officer = open_page("area_3", "xa_khac")  # another unit's officer: none of it
    assert "Ý kiến chỉ đạo đang mở" not in texts(officer, "markdown")


AREA_1_GIVE = [f"area1_give{part}_{code}" for part in ("", "_units") for code in ("1.1", "1.2a", "1.2b", "1.3")]


def stored_cells(engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(Directive.indicator, Directive.unit_id, Directive.responsible_id,
                                                      Directive.text).order_by(Directive.id)).all()]


def test_a_leader_gives_a_directive_on_a_red_cell_where_it_shows(writable):
    open_page, engine = writable
    hong_ky, tan_hung = unit_id(engine, "00385"), unit_id(engine, "00394")
    at = open_page("area_1", "ld_test")  # 1.2a: the whole not met, several communes not met
    assert "Gắn với: **1.2a · toàn huyện**" not in texts(at, "markdown")  # each form is built once opened
    at = opened(at, "area1_give_1.2a", "area1_give_units_1.2a")
    assert "Gắn với: **1.2a · toàn huyện**" in texts(at, "markdown")  # the whole's figure's form names its cell
    # a form's values go with its button (AppTest sends them on the click's run, as the browser does)
    at.text_area(key="area1_give_1.2a_text").input("Kiểm tra đủ các xã trong quý IV")
    ok(at.button(key="area1_give_1.2a_give").click().run())  # no responsible unit chosen: refused
    assert "Chưa chọn đơn vị chủ trì; không có gì thay đổi." in texts(at, "error")
    assert stored_cells(engine) == []
    assert at.text_area(key="area1_give_1.2a_text").value == "Kiểm tra đủ các xã trong quý IV"  # kept to retry
    at.selectbox(key="area1_give_1.2a_responsible").set_value(hong_ky)
    ok(at.button(key="area1_give_1.2a_give").click().run())
    assert [t.value for t in at.toast] == ["Đã giao ý kiến chỉ đạo số 1."]
    assert at.text_area(key="area1_give_1.2a_text").value == ""  # emptied once given: not given twice
    assert "1.2a · toàn huyện · Xã Hồng Kỳ: Kiểm tra đủ các xã trong quý IV" in texts(at, "markdown")  # beside it

    # a unit not met, picked under the units' table: the cell's unit, responsible unless another is chosen
    red = at.selectbox(key="area1_give_units_1.2a_cell")
    assert "1.2a · Xã Hồng Kỳ" in red.options and "1.2a · Thị trấn Sóc Sơn" not in red.options  # 00376 meets
    red.set_value("1.2a · Xã Hồng Kỳ")
    at.text_area(key="area1_give_units_1.2a_text").input("Xã tự kiểm tra ngay")
    ok(at.button(key="area1_give_units_1.2a_give").click().run())
    assert [t.value for t in at.toast] == ["Đã giao ý kiến chỉ đạo số 2."]

    # the commune page: a red indicator of the commune, the commune responsible
    commune = open_page("commune", "ld_test")
    ok(commune.selectbox(key="commune_code").set_value("00394").run())
    commune = opened(commune, "commune_give")
    cells = commune.selectbox(key="commune_give_cell")
    assert [o.split(" · ")[0] for o in cells.options] == ["1.2a", "1.3"]  # its indicators not met
    assert commune.selectbox(key="commune_give_responsible").value == tan_hung
    cells.set_value("1.3 · UBND xã tự kiểm tra CCHC")
    commune.text_area(key="commune_give_text").input("Tự kiểm tra trước 31/12")
    ok(commune.button(key="commune_give_give").click().run())
    assert [t.value for t in commune.toast] == ["Đã giao ý kiến chỉ đạo số 3."]
    assert stored_cells(engine) == [("1.2a", None, hong_ky, "Kiểm tra đủ các xã trong quý IV"),
                                    ("1.2a", hong_ky, hong_ky, "Xã tự kiểm tra ngay"),
                                    ("1.3", tan_hung, tan_hung, "Tự kiểm tra trước 31/12")]
    assert "1.3 · Xã Tân Hưng · Xã Tân Hưng: Tự kiểm tra trước 31/12" in texts(commune, "markdown")


def test_only_a_leader_sees_the_give_control_and_the_store_refuses_anyone_else(writable):
    open_page, engine = writable
    for username in ("nv_test", "xa_test"):
        area = open_page("area_1", username)
        commune = open_page("commune", username)
        ok(commune.selectbox(key="commune_code").set_value("00394").run())
        area, commune = opened(area, *AREA_1_GIVE), opened(commune, "commune_give")  # were they offered
        for at in (area, commune):
            assert not [w.key for w in (*at.button, *at.selectbox, *at.text_area) if w.key and "_give" in w.key]
        # a crafted session (a write the page never offered) is refused by the store all the same
        with pytest.raises(rules.DirectiveError) as refused:
            directives.create(engine, area.session_state[guard.ACCOUNT], responsible_id=unit_id(engine, "00394"),
                              text="Tự giao", deadline=clock.today(), indicator="1.3",
                              unit_id=unit_id(engine, "00394"))
        assert refused.value.key == "role"
    assert stored_cells(engine) == []
