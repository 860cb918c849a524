"""The pages that keep the data current (entry, upload, reporting, targets, log, accounts) under
AppTest, on the demo district with a few accounts of each role (seeded once per session; tests
that write work on a copy of the file)."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, update
from streamlit.testing.v1 import AppTest

from app_kit import (  # noqa: F401  (fixtures)
    APP, OFFICER_UNIT, TODAY, choose_period, counts, database, edit, editor_row, ok, page, run_directly, seeded, table,
    texts, writable,
)
from conftest import to_cp1258

from lib.store import auth, db
from lib.store import definitions
from lib.store.models import AuditEntry, Observation, Target, Unit, User

ROLE_PAGES = {  # page -> the test accounts that may open it
    "entry": ["nv_test", "xa_test"],
    "upload": ["nv_test", "xa_test"],
    "workflow": ["nv_test", "xa_test"],
    "completeness": ["ld_test", "nv_test", "xa_test"],
    "targets": ["nv_test"],
    "audit": ["nv_test"],
    "users": ["nv_test"],
    "boundaries": ["nv_test"],
}
TITLES = {"entry": "Nhập số liệu", "upload": "Tải tệp lên", "workflow": "Gửi và thẩm định", "completeness": "Tình hình báo cáo đến hết tháng",
          "targets": "Chỉ tiêu giao", "audit": "Nhật ký thay đổi", "users": "Tài khoản",
          "boundaries": "Ranh giới xã"}


# --- every page, by role ------------------------------------------------------------------------

@pytest.mark.parametrize("name,username", [(p, u) for p, users in ROLE_PAGES.items() for u in users])
def test_each_page_renders_for_its_roles(page, name, username):
    at = page(name, username)
    assert at.title[0].value.startswith(TITLES[name])
    assert "Tài khoản của bạn không có quyền" not in texts(at, "error")


@pytest.mark.parametrize("name", ["targets", "audit", "users", "boundaries"])
def test_an_officer_is_refused_the_secretariats_pages(page, seeded, name):
    at = page("overview", "xa_test")
    with pytest.raises(ValueError):  # not in the officer's navigation
        at.switch_page(f"pages/{name}.py")
    # and the page itself refuses, whatever the navigation shows
    direct = run_directly(seeded, name, "xa_test")
    assert [e.value for e in direct.error] == ["Tài khoản của bạn không có quyền mở trang này."]
    assert not direct.title and not direct.dataframe and not direct.button and not direct.text_input
    assert not direct.get("download_button") and not direct.selectbox


def test_a_leader_is_refused_the_entry_page(page, seeded):
    direct = run_directly(seeded, "entry", "ld_test")
    assert direct.error[0].value.startswith("Tài khoản của bạn không có quyền") and not direct.data_editor


# --- entry ----------------------------------------------------------------------------------------

def test_the_entry_page_offers_an_officer_only_their_own_unit(page):
    at = page("entry", "xa_test")
    unit = at.selectbox(key="entry_unit")
    assert unit.options == ["Thị trấn Sóc Sơn (00376)"] and unit.disabled
    secretariat = page("entry", "nv_test")
    assert len(secretariat.selectbox(key="entry_unit").options) > 20


def test_the_form_lists_the_units_indicators_with_only_figures_and_notes_editable(page):
    at = page("entry", "xa_test")
    editor = at.data_editor[0]
    assert editor.key.startswith(f"entry_editor_{OFFICER_UNIT}_")
    frame = editor.value
    assert "5.2" in frame["ma_chi_tieu"].tolist() and "4.1" not in frame["ma_chi_tieu"].tolist()
    assert (frame["loi"] == "").all()
    assert [b.label for b in at.button if b.key == "entry_save"] == ["Lưu số liệu"]


def test_the_editor_shows_counts_in_the_interfaces_number_form(page):
    """Streamlit's printf groups thousands by the `'X` flag's character: 1.763 in Vietnamese, 1,763 in
    English (tests/browser/test_layout_browser.py types one on a phone); the code stays in view."""
    at = page("entry", "xa_test")
    config = json.loads(at.data_editor[0].proto.columns)
    assert config["tu_so"]["type_config"]["format"] == config["mau_so"]["type_config"]["format"] == "%'.,d"
    assert config["ma_chi_tieu"]["pinned"] is True
    at.session_state["sidebar_lang"] = "en"
    config = json.loads(at.run().data_editor[0].proto.columns)
    assert config["tu_so"]["type_config"]["format"] == "%,d"


def test_a_form_save_writes_the_figure(writable):
    open_page, engine = writable
    at = open_page("entry", "xa_test")
    choose_period(at, TODAY.year, "M", TODAY.month)  # the month under way: nothing stored yet
    i = editor_row(at, "3.4")
    edit(at, at.data_editor[0].key, {i: {"tu_so": 50, "mau_so": 60, "ghi_chu": "nhập thử"}})
    ok(at.button(key="entry_save").click().run())
    assert f"Đã lưu số liệu của Thị trấn Sóc Sơn, kỳ {TODAY.year}-{TODAY.month:02d}: thêm mới 1" in texts(at, "success")
    with engine.connect() as conn:
        stored = conn.execute(
            select(Observation.numerator, Observation.denominator, Observation.note, Observation.updated_by)
            .join(Unit, Unit.id == Observation.unit_id)
            .where(Unit.code == OFFICER_UNIT, Observation.indicator == "3.4",
                   Observation.period == f"{TODAY.year}-{TODAY.month:02d}")).all()
        log = conn.execute(select(AuditEntry.username, AuditEntry.action).order_by(AuditEntry.id.desc())).all()
    assert stored == [(50, 60, "nhập thử", "xa_test")]
    # the first real figure on the demo district ends demo mode, and says so
    assert [tuple(entry) for entry in log[:2]] == [("xa_test", "demo.ended"), ("xa_test", "observation.insert")]
    assert "chế độ demo đã kết thúc" in texts(at, "success")
    # the form now shows what is stored, with no edits pending
    assert at.data_editor[0].value.loc[i, "tu_so"] == 50


def test_a_bad_value_shows_next_to_its_indicator_and_writes_nothing(writable):
    open_page, engine = writable
    before = counts(engine)
    at = open_page("entry", "xa_test")
    choose_period(at, TODAY.year, "M", TODAY.month)
    i, j = editor_row(at, "3.4"), editor_row(at, "3.1b")
    edit(at, at.data_editor[0].key, {i: {"tu_so": 70, "mau_so": 60}, j: {"tu_so": 5, "mau_so": 10}})
    ok(at.button(key="entry_save").click().run())
    frame = at.data_editor[0].value.set_index("ma_chi_tieu")
    assert frame.loc["3.4", "loi"] == "⚠ Tử số: tử số (70) lớn hơn mẫu số (60)."
    assert frame.loc["3.1b", "loi"] == ""  # a good row beside a bad one: no message, and not written
    assert "Chưa lưu: có 1 lỗi" in texts(at, "error")
    assert counts(engine) == before
    # the typed figures stay in the form, to be corrected
    assert at.session_state[at.data_editor[0].key]["edited_rows"][i]["tu_so"] == 70


def test_changing_someone_elses_figure_needs_a_confirmation(writable):
    open_page, engine = writable
    with engine.connect() as conn:
        period = conn.execute(
            select(func.max(Observation.period)).join(Unit, Unit.id == Observation.unit_id)
            .where(Unit.code == OFFICER_UNIT, Observation.indicator == "3.4")).scalar()
    year, month = int(period[:4]), int(period[5:])
    before = counts(engine)
    at = open_page("entry", "nv_test")
    ok(at.selectbox(key="entry_unit").set_value(OFFICER_UNIT).run())
    choose_period(at, year, "M", month)
    i = editor_row(at, "3.4")
    old = at.data_editor[0].value.loc[i, ["tu_so", "mau_so"]].tolist()
    edit(at, at.data_editor[0].key, {i: {"tu_so": 1, "mau_so": 2}})
    ok(at.button(key="entry_save").click().run())
    assert "số liệu dưới đây do người khác nhập sẽ bị thay đổi" in texts(at, "warning")
    listed = table(at, "entered_by").value.iloc[0]
    assert (listed["unit"], listed["indicator"], listed["period"]) == ("Thị trấn Sóc Sơn", "3.4", period)
    assert (listed["old"], listed["new"], listed["entered_by"]) == (f"{old[0]}/{old[1]}", "1/2", "seed-demo")
    assert counts(engine) == before
    ok(at.button(key="entry_confirm").click().run())
    assert "cập nhật 1" in texts(at, "success")
    with engine.connect() as conn:
        stored = conn.execute(select(Observation.numerator, Observation.denominator, Observation.updated_by)
                              .join(Unit, Unit.id == Observation.unit_id)
                              .where(Unit.code == OFFICER_UNIT, Observation.indicator == "3.4",
                                     Observation.period == period)).one()
    assert tuple(stored) == (1, 2, "nv_test")


# --- upload ---------------------------------------------------------------------------------------

HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"


def test_an_upload_with_another_units_row_is_refused_and_writes_nothing(writable):
    open_page, engine = writable
    before = counts(engine)
    month = f"{TODAY.year}-{TODAY.month:02d}"
    content = (HEADER + f"{OFFICER_UNIT},3.4,{month},5,10,\n00379,3.4,{month},5,10,\n").encode("utf-8")
    at = open_page("upload", "xa_test")
    ok(at.file_uploader[0].set_value(("so_lieu.csv", content, "text/csv")).run())
    assert table(at, "ma_don_vi").value["ma_don_vi"].tolist() == [OFFICER_UNIT, "00379"]
    problems = table(at, "message").value
    assert problems.to_dict("records") == [
        {"row": "3", "column": "ma_don_vi",
         "message": "tài khoản xa_test không có quyền ghi số liệu của đơn vị 00379 Xã Bắc Sơn."}]
    assert "có 1 lỗi nên chưa thể nhập" in texts(at, "error")
    assert not [b for b in at.button if b.key in ("upload_import", "upload_confirm")]
    assert counts(engine) == before


def test_an_upload_is_checked_then_imported_with_its_padded_codes_noted(writable):
    open_page, engine = writable
    month = f"{TODAY.year}-{TODAY.month:02d}"
    # as Excel leaves it: a BOM, the leading zeros of the unit code lost
    content = (HEADER + f"376,3.4,{month},45,50,Đủ hồ sơ\n").encode("utf-8-sig")
    at = open_page("upload", "xa_test")
    ok(at.file_uploader[0].set_value(("so_lieu.csv", content, "text/csv")).run())
    assert "Tệp hợp lệ. Khi nhập sẽ thêm mới 1, cập nhật 0, không đổi 0 số liệu." in texts(at, "info")
    assert "376 → 00376" in texts(at, "info")
    before = counts(engine)
    assert counts(engine) == before  # checked, not written
    ok(at.button(key="upload_import").click().run())
    assert "Đã nhập tệp so_lieu.csv: đọc 1 dòng; thêm mới 1" in texts(at, "success")
    assert "376 → 00376" in texts(at, "success")
    with engine.connect() as conn:
        stored = conn.execute(select(Observation.numerator, Observation.note, Observation.updated_by)
                              .join(Unit, Unit.id == Observation.unit_id)
                              .where(Unit.code == OFFICER_UNIT, Observation.period == month)).all()
    assert stored == [(45, "Đủ hồ sơ", "xa_test")]
    assert not at.file_uploader[0].value  # the uploader is cleared for the next file


def test_an_upload_is_read_and_checked_once_then_again_only_after_a_data_change(writable, monkeypatch):
    from conftest import add_figures

    from lib.io import importer

    checks = []
    preview = importer.preview_observations
    monkeypatch.setattr(importer, "preview_observations", lambda *a, **k: checks.append(a[2]) or preview(*a, **k))
    open_page, engine = writable
    month = f"{TODAY.year}-{TODAY.month:02d}"
    at = open_page("upload", "xa_test")
    ok(at.file_uploader[0].set_value(("mot.csv", (HEADER + f"{OFFICER_UNIT},3.4,{month},5,10,\n").encode(),
                                      "text/csv")).run())
    ok(at.selectbox(key="template_year").set_value(TODAY.year).run())  # reruns of the page
    ok(at.run())
    assert checks == ["mot.csv"]
    assert "thêm mới 1, cập nhật 0" in texts(at, "info")
    add_figures(engine, [(OFFICER_UNIT, "3.4", month, 4, 10)])  # someone else writes the figure meanwhile
    ok(at.run())
    assert checks == ["mot.csv", "mot.csv"]
    assert "thêm mới 0, cập nhật 1" in texts(at, "info")
    ok(at.file_uploader[0].set_value(("hai.csv", (HEADER + f"{OFFICER_UNIT},3.4,{month},6,10,\n").encode(),
                                      "text/csv")).run())
    assert checks == ["mot.csv", "mot.csv", "hai.csv"]


def test_a_file_mixing_encodings_is_refused_on_the_page_naming_row_and_column(writable):
    open_page, engine = writable
    before = counts(engine)
    month = f"{TODAY.year}-{TODAY.month:02d}"
    content = ((HEADER + f"{OFFICER_UNIT},3.4,{month},5,10,Đủ hồ sơ\n").encode()
               + to_cp1258(f"{OFFICER_UNIT},3.4,{month},5,10,Đủ hồ sơ\n"))
    at = open_page("upload", "xa_test")
    ok(at.file_uploader[0].set_value(("tron.csv", content, "text/csv")).run())
    assert table(at, "message").value.to_dict("records") == [
        {"row": "3", "column": "ghi_chu",
         "message": "dòng này dùng bảng mã Windows-1258 trong khi các dòng trước dùng UTF-8, dữ liệu sẽ bị lỗi "
                    "phông; hãy lưu lại cả tệp bằng một bảng mã (UTF-8)."}]
    assert not [b for b in at.button if b.key in ("upload_import", "upload_confirm")]
    assert counts(engine) == before


def test_the_template_lists_the_officers_unit(page):
    from io import BytesIO

    from openpyxl import load_workbook

    at = page("upload", "xa_test")
    button = at.get("download_button")[0]
    assert button.proto.label == "Tải mẫu Excel"
    # the file the button makes (built when clicked) is lib.io.template's for the account's unit
    from lib.io import entry, template
    from lib.store import queries

    with db.get_engine().connect() as conn:
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        catalogue = definitions.load_catalogue(conn)
        officer = auth.account(db.get_engine(), "xa_test")
    rows = template.rows_for(catalogue, entry.writable_units(units, officer), "2025-Q1")
    sheet = load_workbook(BytesIO(template.workbook_for(catalogue, entry.writable_units(units, officer),
                                                        "2025-Q1"))).active
    assert {c.value for c in sheet["A"][1:]} == {OFFICER_UNIT} and sheet.max_row == len(rows) + 1


# --- reporting --------------------------------------------------------------------------------------

def test_the_reporting_page_shows_rates_and_a_filterable_chase_list(page):
    at = page("completeness", "ld_test")
    rates = table(at, "rate_text").value
    assert len(rates) == 8 and rates["name"].iloc[-1] == "Cả huyện"
    assert rates["rate_text"].str.contains("%").all()
    chase = table(at, "last_text").value
    assert len(chase) and chase["due_text"].str.len().min() > 0
    assert set(chase["last_text"]) <= {"chưa báo cáo"} | {t for t in chase["last_text"] if t.startswith(("tháng", "quý", "năm"))}
    ok(at.multiselect(key="completeness_areas").set_value([3]).run())
    only = table(at, "last_text").value
    assert set(only["area"]) == {3} and len(only) < len(chase)
    assert [b.proto.label for b in at.get("download_button")] == ["Tải Excel", "Tải CSV"]


def test_the_overview_shows_the_reporting_rate_of_each_area(page):
    at = page("overview", "ld_test")
    lines = [c.value for c in at.caption if c.value.startswith("Tỷ lệ báo cáo: ")]
    assert len(lines) == 8 and all("%" in line for line in lines)


# --- targets ----------------------------------------------------------------------------------------

def test_the_target_editor_saves_a_change_and_audits_it(writable):
    open_page, engine = writable
    at = open_page("targets", "nv_test")
    ok(at.selectbox(key="targets_year").set_value(2023).run())
    frame = at.data_editor[0].value
    i = frame.index[(frame["indicator"] == "3.4") & (frame["level"] == "all")][0]
    edit(at, at.data_editor[0].key, {int(i): {"value": "97,5"}})
    ok(at.button(key="targets_save").click().run())
    assert "Đã lưu 1 chỉ tiêu giao." in texts(at, "success")
    with engine.connect() as conn:
        log = conn.execute(select(AuditEntry.username, AuditEntry.action, AuditEntry.entity)).all()
        assert ("nv_test", "target.insert", "3.4/2023/all") in log
        assert conn.execute(select(Target.value).where(Target.indicator == "3.4", Target.year == 2023)).scalar() == 97.5


def test_a_refused_target_is_shown_on_its_row_and_nothing_is_saved(writable):
    open_page, engine = writable
    at = open_page("targets", "nv_test")
    ok(at.selectbox(key="targets_year").set_value(2023).run())
    frame = at.data_editor[0].value
    i, j = frame.index[frame["indicator"] == "3.4"][0], frame.index[frame["indicator"] == "5.1"][0]
    edit(at, at.data_editor[0].key, {int(i): {"value": 97.0}, int(j): {"value": 101.0}})
    ok(at.button(key="targets_save").click().run())
    errors = at.data_editor[0].value["loi"]
    assert errors[j] == "⚠ Giá trị chỉ tiêu '101.0' không hợp lệ; cần số từ 0 đến 100." and errors[i] == ""
    assert "Chưa lưu: 1 dòng không hợp lệ" in texts(at, "error")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Target).where(Target.year == 2023)).scalar() == 0


def test_a_year_without_targets_starts_from_the_previous_one(writable):
    open_page, engine = writable
    at = open_page("targets", "nv_test")
    ok(at.selectbox(key="targets_year").set_value(2023).run())
    assert "Năm 2023 chưa có chỉ tiêu giao riêng" in texts(at, "info")
    ok(at.button(key="targets_start").click().run())
    assert "Đã lập 21 chỉ tiêu giao cho năm 2023." in texts(at, "success")
    assert not [b for b in at.button if b.key == "targets_start"]


# --- the log and the accounts ---------------------------------------------------------------------

def test_the_log_filters_and_reads_in_words(page):
    at = page("audit", "nv_test")
    everything = table(at, "action_name").value
    assert "Thêm tài khoản" in everything["action_name"].tolist()
    ok(at.text_input(key="audit_entity").input("xa_khac").run())
    found = table(at, "action_name").value
    assert found["entity"].tolist() == ["xa_khac"]
    assert "vai trò: Cán bộ đơn vị" in found["new"].iloc[0]
    ok(at.selectbox(key="audit_action").set_value("target.").run())
    assert "Không có mục nào khớp bộ lọc." in texts(at, "info")


def test_accounts_are_listed_without_hashes_added_and_deactivated(writable):
    open_page, engine = writable
    at = open_page("users", "nv_test")
    listed = table(at, "state").value
    assert {"nv_test", "xa_test", "noivu"} <= set(listed["username"])
    assert not listed.astype(str).apply(lambda c: c.str.startswith("$2b$")).any().any()
    # passwords that differ: refused in Vietnamese, nothing written
    at.text_input(key="users_new_username").input("xa_moi")
    at.text_input(key="users_new_name").input("Cán bộ mới")
    at.selectbox(key="users_new_role").set_value(auth.DON_VI)
    at.selectbox(key="users_new_unit").set_value("00379")
    at.text_input(key="users_new_password").input("mat-khau-moi-1")
    at.text_input(key="users_new_password2").input("mat-khau-moi-2")
    ok(at.button[[b.label for b in at.button].index("Thêm tài khoản")].click().run())
    assert "Hai lần nhập mật khẩu không khớp nhau." in texts(at, "error")
    at.text_input(key="users_new_password2").input("mat-khau-moi-1")
    ok(at.button[[b.label for b in at.button].index("Thêm tài khoản")].click().run())
    assert "Đã thêm tài khoản xa_moi." in texts(at, "success")
    with engine.connect() as conn:
        added = auth.account(engine, "xa_moi")
        unit = conn.execute(select(Unit.code).where(Unit.id == added.unit_id)).scalar()
    assert (added.role, unit) == (auth.DON_VI, "00379")
    # nobody deactivates themselves; another account can be deactivated, and is audited
    ok(at.selectbox(key="users_active_pick").set_value("nv_test").run())
    ok(at.button(key="users_deactivate").click().run())
    assert "Không thể tự ngừng tài khoản của chính mình." in texts(at, "error")
    ok(at.selectbox(key="users_active_pick").set_value("xa_moi").run())
    ok(at.button(key="users_deactivate").click().run())
    assert "Đã ngừng tài khoản xa_moi" in texts(at, "success")
    with engine.connect() as conn:
        assert conn.execute(select(User.active).where(User.username == "xa_moi")).scalar() is False
        assert conn.execute(select(AuditEntry.action).where(AuditEntry.entity == "xa_moi")
                            .order_by(AuditEntry.id.desc())).first()[0] == "user.deactivate"
    assert [b.key for b in at.button if b.key == "users_reactivate"]


def test_the_accounts_page_refuses_passwords_that_cannot_work(writable):
    open_page, engine = writable
    at = open_page("users", "nv_test")
    passphrase = "Cải cách hành chính là khâu đột phá của huyện Sóc Sơn năm"  # 57 characters, 78 bytes
    for password, said in [(passphrase, "72 byte"), (" " * 8, "không phải dấu cách")]:
        at.selectbox(key="users_reset_pick").set_value("xa_test")
        at.text_input(key="users_reset_password").input(password)
        at.text_input(key="users_reset_password2").input(password)
        ok(at.button[[b.label for b in at.button].index("Đặt lại mật khẩu")].click().run())
        assert said in texts(at, "error")
    with engine.connect() as conn:
        assert not conn.execute(select(AuditEntry.id).where(AuditEntry.action == "user.password")).first()


@pytest.mark.parametrize("name", list(ROLE_PAGES))
def test_each_page_reads_in_english(database, name):
    database()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = "nv_test"
    at.session_state["sidebar_lang"] = "en"
    ok(at.run())
    ok(at.switch_page(f"pages/{name}.py").run())
    shown = "\n".join([t.value for t in at.title] + [texts(at)])
    assert not any(word in shown for word in ("Nhập số liệu", "Tải tệp", "báo cáo", "Chỉ tiêu giao", "Nhật ký",
                                              "Tài khoản")), shown


def test_the_secretariat_loads_boundaries_and_pairs_a_feature_by_hand(writable):
    """A file with one feature named unlike any commune: the rest match, that one waits on the
    page, and the pairing form gives it to the commune chosen."""
    import json

    from lib.io import boundaries
    from lib.store import boundaries as stored_boundaries

    open_page, engine = writable
    with engine.connect() as conn:
        communes = conn.execute(select(Unit.code, Unit.name).where(Unit.kind.in_(["xa", "thi_tran"]))
                                .order_by(Unit.code)).all()
    features = [{"type": "Feature", "properties": {"commune_vn": name if i else "Vùng lạ"},
                 "geometry": {"type": "Polygon", "coordinates": [[
                     [105.8 + i * 0.01, 21.2], [105.8 + i * 0.01, 21.21], [105.81 + i * 0.01, 21.21],
                     [105.81 + i * 0.01, 21.2], [105.8 + i * 0.01, 21.2]]]}}
                for i, (_code, name) in enumerate(communes)]
    at = open_page("boundaries", "nv_test")
    assert "Không có vùng nào đang chờ ghép." in texts(at, "info")
    raw = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    result = boundaries.import_boundaries(engine, "ranh_gioi.geojson", raw=raw, user="nv_test")
    assert len(result.match.matched) == len(communes) - 1
    ok(at.run())
    assert at.selectbox[0].options == ["Vùng lạ"]
    at.selectbox[1].set_value(communes[0].code)
    ok(at.button[0].click().run())
    assert texts(at, "success") == f"Đã ghép Vùng lạ với {communes[0].code} {communes[0].name}."
    assert stored_boundaries.unpaired(engine) == []
    assert len(stored_boundaries.geometry(engine)["features"]) == len(communes)


# --- names are text, never Markdown -----------------------------------------------------------------

IMAGE = "![x](http://x.example/a.png)"  # a Markdown image: every page would fetch the outside URL
LINK = "[bấm](http://x.example)"  # a Markdown link: a live outside link


def bodies(at: AppTest) -> list[str]:
    """The Markdown bodies of every element that renders Markdown, as sent to the browser."""
    kinds = ("markdown", "caption", "title", "header", "subheader", "info", "success", "warning", "error")
    return [str(e.value) for kind in kinds for e in getattr(at, kind)]


def no_live_markdown(at: AppTest) -> None:
    for body in bodies(at):
        assert "![" not in body and "](" not in body, body


def test_names_show_as_text_on_every_kind_of_path(writable):
    """A district named with a Markdown image, a commune and an account named with a link, a file
    named with a link: each shows as its text (escaped Markdown), nothing outside is linked."""
    open_page, engine = writable
    with engine.begin() as conn:
        conn.execute(update(Unit).where(Unit.kind == "huyen").values(name=f"Huyện {IMAGE}"))
        conn.execute(update(Unit).where(Unit.code == OFFICER_UNIT).values(name=f"Thị trấn {LINK}"))
        conn.execute(update(User).where(User.username == "xa_test").values(name=LINK))
        db.bump_data_version(conn)

    at = open_page("entry", "xa_test")
    no_live_markdown(at)
    assert any(r"Huyện \!\[x\]\(http\:" in body for body in bodies(at))  # the stamp
    assert any(r"\[bấm\]\(http\:" in m.value for m in at.sidebar.markdown)  # signed in as
    assert f"Huyện {IMAGE}" in texts(at)  # what the reader sees is the name as typed
    # a message template filled with the name: the success after a save
    choose_period(at, TODAY.year, "M", TODAY.month)
    edit(at, at.data_editor[0].key, {editor_row(at, "3.4"): {"tu_so": 5, "mau_so": 10}})
    ok(at.button(key="entry_save").click().run())
    assert r"Đã lưu số liệu của Thị trấn \[bấm\]\(http\:" in at.success[0].value
    no_live_markdown(at)

    # a commune's own page: its name is the title
    at = open_page("commune", "xa_test")
    ok(at.selectbox(key="commune_code").set_value(OFFICER_UNIT).run())
    assert at.title[0].value.startswith(r"Thị trấn \[bấm\]\(http\:")
    no_live_markdown(at)

    # a file name in a message
    content = (HEADER + f"00379,3.4,{TODAY.year}-{TODAY.month:02d},5,10,\n").encode("utf-8")
    at = open_page("upload", "xa_test")
    ok(at.file_uploader[0].set_value((f"{LINK}.csv", content, "text/csv")).run())
    assert r"Tệp \[bấm\]\(http\:" in at.error[0].value
    assert f"Tệp {LINK}.csv có 1 lỗi" in texts(at, "error")
    no_live_markdown(at)
