"""The entry form: the same checks as the importer, problems next to the field, roles enforced."""
import pytest
from sqlalchemy import select

from lib.io import entry, problems
from lib.store import auth, queries
from lib.store import definitions
from lib.store.models import Observation


@pytest.fixture
def setting(small_district):
    auth.add_user(small_district, "xa1", "Xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901")
    auth.add_user(small_district, "noivu", "Nội vụ", auth.NOI_VU, "mat-khau-noi-vu")
    officer, secretariat = auth.account(small_district, "xa1"), auth.account(small_district, "noivu")
    with small_district.connect() as conn:
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        cat = definitions.load_catalogue(conn)
    return small_district, officer, secretariat, units, cat


def unit(units, code):
    return units[units["code"] == code].iloc[0]


def test_an_officer_sees_only_their_unit_the_secretariat_all(setting):
    engine, officer, secretariat, units, _ = setting
    assert entry.writable_units(units, officer)["code"].tolist() == ["99901"]
    assert len(entry.writable_units(units, secretariat)) == len(units)


def test_form_lists_applicable_indicators_and_saves(setting):
    engine, officer, _, units, cat = setting
    form = entry.form_rows(engine, cat, unit(units, "99901"), "2022-Q1")
    assert "5.2" in form["ma_chi_tieu"].tolist() and "4.1" not in form["ma_chi_tieu"].tolist()
    form.loc[form["ma_chi_tieu"] == "3.2a", ["tu_so", "mau_so"]] = [95, 100]
    summary = entry.save(engine, officer, "99901", "2022-Q1", form)
    assert summary.inserted == 1
    with engine.connect() as conn:
        again = entry.form_rows(engine, cat, unit(units, "99901"), "2022-Q1")
        stored = conn.execute(select(Observation.source, Observation.updated_by)).all()
    assert again.set_index("ma_chi_tieu").loc["3.2a", "tu_so"] == 95
    assert stored == [(entry.SOURCE, "xa1")]


def test_problems_come_back_next_to_their_indicator_and_nothing_is_written(setting):
    engine, officer, _, units, cat = setting
    form = entry.form_rows(engine, cat, unit(units, "99901"), "2022-Q1")
    form.loc[form["ma_chi_tieu"] == "3.2a", ["tu_so", "mau_so"]] = [120, 100]
    form.loc[form["ma_chi_tieu"] == "1.1", ["tu_so", "mau_so"]] = [1, 1]
    form.loc[form["ma_chi_tieu"] == "1.3", ["tu_so", "mau_so"]] = [2, 1]
    with pytest.raises(problems.ImportRejected) as rejected:
        entry.save(engine, officer, "99901", "2022-Q1", form)
    by_indicator = entry.problems_by_indicator(rejected.value, form)
    assert set(by_indicator) == {"3.2a", "1.3"}
    assert by_indicator["3.2a"] == ["Tử số: tử số (120) lớn hơn mẫu số (100)."]
    assert entry.problems_by_indicator(rejected.value, form, "en")["3.2a"] == [
        "Numerator: the numerator (120) is greater than the denominator (100)."]
    with engine.connect() as conn:
        assert conn.execute(select(Observation.id)).all() == []


def test_an_officer_cannot_save_another_units_form(setting):
    engine, officer, _, units, cat = setting
    form = entry.form_rows(engine, cat, unit(units, "99902"), "2022-Q1")
    form.loc[form["ma_chi_tieu"] == "3.2a", ["tu_so", "mau_so"]] = [95, 100]
    with pytest.raises(problems.ImportRejected) as rejected:
        entry.save(engine, officer, "99902", "2022-Q1", form)
    assert "không có quyền" in rejected.value.problems[0].text()


# --- what the entry and upload pages draw around the form ---------------------------------------

def test_problems_sit_in_an_errors_column_that_is_always_there(setting):
    engine, officer, _, units, cat = setting
    form = entry.form_rows(engine, cat, unit(units, "99901"), "2022-Q1")
    clean = entry.with_errors(form, {})
    assert (clean[entry.ERRORS_COLUMN] == "").all() and list(clean.columns[:-1]) == list(form.columns)
    marked = entry.with_errors(form, {"3.2a": ["tu_so: a.", "mau_so: b."]}).set_index("ma_chi_tieu")
    assert marked.loc["3.2a", entry.ERRORS_COLUMN] == "⚠ tu_so: a.; mau_so: b."
    assert marked.loc["1.1", entry.ERRORS_COLUMN] == ""


def test_overwrites_are_listed_with_names_and_who_entered_them(setting):
    _, _, _, units, cat = setting
    rows = [("99901", "3.4", "2022-05", "9/10", "8/10", "xa1")]
    frame = entry.overwrite_frame(rows, units, cat)
    assert frame.iloc[0].to_dict() == {
        "unit_code": "99901", "unit": "Thị trấn Một", "indicator": "3.4",
        "indicator_name": cat.by_code["3.4"].name_vi, "period": "2022-05", "old": "9/10", "new": "8/10",
        "entered_by": "xa1"}
    assert entry.overwrite_frame([], units, cat).columns.tolist() == entry.OVERWRITE_COLUMNS


def test_problem_table_names_row_column_and_message_in_the_language():
    found = [problems.Problem("f.csv", 3, "tu_so", "count_not_number", {"value": "abc"}),
             problems.Problem("f.csv", None, None, "file_empty")]
    vi = entry.problem_frame(found)
    assert vi.to_dict("records") == [
        {"row": "3", "column": "tu_so", "message": "'abc' không phải là số."},
        {"row": "", "column": "", "message": "tệp rỗng, không có nội dung."}]
    assert entry.problem_frame(found, "en").iloc[0]["message"] == "'abc' is not a number."


def test_the_preview_keeps_spreadsheet_row_numbers():
    from lib.io.tabular import read_table

    table = read_table(b"ma_don_vi,ma_chi_tieu\n\n99901,3.4\n99902,3.4\n", "f.csv")
    preview = entry.preview_frame(table, limit=1)
    assert preview.to_dict("records") == [{"row": 3, "ma_don_vi": "99901", "ma_chi_tieu": "3.4"}]
