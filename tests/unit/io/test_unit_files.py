"""Today's units out (`export-units`) and partial units files in: a province office flags its
ethnic-minority communes with the code and the dbkk column alone, and a file exported then read
back changes nothing. SQLite and PostgreSQL."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import run_cli

from lib.io.problems import ImportRejected
from lib.io.unit_export import COLUMNS, units_file
from lib.io.unit_import import import_units
from lib.store import db
from lib.store.units import known_units


def stored(engine) -> dict:
    with engine.connect() as conn:
        return {code: (u.name, u.kind, u.parent_code, u.dbkk, u.partly_self_financed)
                for code, u in known_units(conn).items()}


def test_the_exported_units_are_the_import_format_parents_first(small_district):
    data, count = units_file(small_district)
    assert data.startswith("\ufeff".encode())
    table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(table.columns) == COLUMNS == ["ma_don_vi", "ten_don_vi", "loai", "ma_cha", "dbkk", "tu_chu_mot_phan"]
    assert count == len(table) == 8
    assert table.iloc[0].tolist() == ["999", "Huyện Thử Nghiệm", "huyen", "", "0", "0"]
    assert table.set_index("ma_don_vi").loc["99903"].tolist() == ["Xã Ba", "xa", "999", "1", "0"]
    assert table.set_index("ma_don_vi").loc["999-TTVH", "tu_chu_mot_phan"] == "1"


@pytest.mark.parametrize("xlsx", [False, True], ids=["csv", "xlsx"])
def test_an_exported_file_read_back_changes_nothing(small_district, xlsx):
    before, version = stored(small_district), db.data_version(small_district)
    data, _ = units_file(small_district, xlsx=xlsx)
    summary = import_units(small_district, data, filename="don_vi.xlsx" if xlsx else "don_vi.csv")
    assert (summary.inserted, summary.updated, summary.unchanged) == (0, 0, 8)
    assert stored(small_district) == before and db.data_version(small_district) == version


def test_a_file_of_codes_and_flags_changes_only_the_flags(small_district):
    before = stored(small_district)
    data = "ma_don_vi,dbkk\n99902,1\n99903,0\n99909,1\n".encode()  # 99909 is not stored
    with pytest.raises(ImportRejected) as error:
        import_units(small_district, data, filename="dbkk.csv")
    assert [(p.row, p.column, p.key) for p in error.value.problems] == [(4, "ma_don_vi", "unit_new_needs")]
    assert stored(small_district) == before  # nothing written

    summary = import_units(small_district, "ma_don_vi,dbkk\n99902,1\n99903,0\n99901,0\n".encode(), filename="dbkk.csv")
    assert (summary.updated, summary.unchanged) == (2, 1)
    after = stored(small_district)
    assert after["99902"] == (*before["99902"][:3], True, False)
    assert after["99903"] == (*before["99903"][:3], False, False)
    assert {c: v for c, v in after.items() if c not in ("99902", "99903")} == \
        {c: v for c, v in before.items() if c not in ("99902", "99903")}


def test_a_partial_file_is_checked_like_a_whole_one(small_district):
    before = stored(small_district)
    for content, column, key in [("ma_don_vi,dbkk\n99902,có\n", "dbkk", "flag_invalid"),
                                 ("ma_don_vi,ten_don_vi\n99902,\n", "ten_don_vi", "empty"),
                                 ("ma_don_vi,ma_cha\n99902,888\n", "ma_cha", "parent_unknown")]:
        with pytest.raises(ImportRejected) as error:
            import_units(small_district, content.encode(), filename="p.csv")
        assert [(p.row, p.column, p.key) for p in error.value.problems] == [(2, column, key)], content
    assert stored(small_district) == before


def test_a_partial_file_renames_a_unit_and_keeps_the_rest(small_district):
    before = stored(small_district)
    summary = import_units(small_district, "ma_don_vi,ten_don_vi\n99902,Xã Hai Mới\n".encode(), filename="ten.csv")
    assert summary.updated == 1
    assert stored(small_district)["99902"] == ("Xã Hai Mới", *before["99902"][1:])


def test_export_units_from_the_command_line(cli_db, capsys, tmp_path):
    assert run_cli(capsys, "init-db")[0] == 0
    units = tmp_path / "vao.csv"
    units.write_text("ma_don_vi,ten_don_vi,loai,ma_cha\n016,Huyện Sóc Sơn,huyen,\n00460,Xã Bắc Sơn,xa,016\n",
                     encoding="utf-8")
    assert run_cli(capsys, "import-units", str(units))[0] == 0
    out = tmp_path / "don_vi.xlsx"
    code, stdout, _ = run_cli(capsys, "export-units", str(out))
    assert code == 0 and stdout.startswith(f"Đã ghi 2 đơn vị vào {out}.")
    table = pd.read_excel(out, dtype=str, keep_default_na=False, engine="calamine")
    assert table.values.tolist() == [["016", "Huyện Sóc Sơn", "huyen", "", "0", "0"],
                                     ["00460", "Xã Bắc Sơn", "xa", "016", "0", "0"]]
    code, stdout, _ = run_cli(capsys, "import-units", str(out))
    assert code == 0 and "cập nhật 0" in stdout
