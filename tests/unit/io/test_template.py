"""The entry template: an officer's units and indicators, importable as it comes back."""
from conftest import SMALL_DISTRICT


from lib.io import template
from lib.io.importer import import_observations
from lib.io.tabular import read_table
from lib.store import definitions
from lib.store import queries


def units_frame(engine, codes=None):
    with engine.connect() as conn:
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        cat = definitions.load_catalogue(conn)
    if codes:
        units = units[units["code"].isin(codes)]
    return cat, units


def test_template_lists_the_units_indicators_and_keeps_codes_as_text(small_district):
    cat, units = units_frame(small_district, ["99903"])  # a flagged commune: no 5.2 row
    rows = template.rows_for(cat, units, "2022-Q1")
    assert set(rows["ma_chi_tieu"]) == {i.code for i in cat.indicators if "commune" in i.levels} - {"5.2"}
    table = read_table(template.to_xlsx(rows), "mau.xlsx")
    assert set(table["ma_don_vi"]) == {"99903"}
    assert set(table["ky"]) == {"2022-Q1"}


def test_a_filled_template_imports_and_blank_rows_are_skipped(small_district):
    cat, units = units_frame(small_district, ["99901"])
    rows = template.rows_for(cat, units, "2022-Q1")
    rows.loc[rows["ma_chi_tieu"] == "3.2a", ["tu_so", "mau_so"]] = [90, 100]
    rows.loc[rows["ma_chi_tieu"] == "1.1", ["tu_so", "mau_so"]] = [1, 1]
    summary = import_observations(small_district, template.to_xlsx(rows), "mau.xlsx")
    assert (summary.inserted, summary.skipped) == (2, len(rows) - 2)
    assert "Bỏ qua" in summary.text()
    assert len(SMALL_DISTRICT) == 8


def test_unit_names_are_text_in_the_template_never_formulas(small_district):
    from io import BytesIO

    from openpyxl import load_workbook

    cat, units = units_frame(small_district, ["99901", "99902"])
    names = {"99901": '=HYPERLINK("http://x.example","bấm")', "99902": "=1+1"}
    units = units.assign(name=units["code"].map(names))
    sheet = load_workbook(BytesIO(template.to_xlsx(template.rows_for(cat, units, "2022-Q1")))).active
    column = template.COLUMNS.index("ten_don_vi") + 1
    cells = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)}
    for code, name in names.items():
        assert cells[code].value == name and cells[code].data_type == "s"
    assert sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
