"""Provinces above districts: the unit tree, the scopes a reader can open, the whole of a province
in scores and the export, set-up from the pre-2025 list and from the 2025 two-tier list, and the
refusal to mix the two layouts in one database."""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import add_figures, run_cli
from sqlalchemy import func, select

from lib.core import status as st
from lib.io import exporter, official
from lib.store import definitions
from lib.store import queries, units
from lib.store.models import Unit
from lib.store.results import district_scores

# a province of the pre-2025 list small enough for a test: Bắc Kạn (6 districts and a town)
BAC_KAN = "06"
NGAN_SON = "062"
# the wheel of a `vietnam-provinces` release of 2025 or later, where .ci/run puts it
WHEEL_2025 = os.environ.get("CCHC_VP2025_WHEEL", "")


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return dict(conn.execute(select(Unit.kind, func.count()).group_by(Unit.kind)).all())


def test_a_province_holds_its_districts_and_their_communes(engine):
    result = units.setup_province(engine, official.find_province(BAC_KAN))
    province = official.find_province(BAC_KAN)
    communes = sum(len(d.communes) for d in province.districts)
    assert result.districts == len(province.districts) >= 7 and result.communes == communes
    kinds = counts(engine)
    assert kinds["tinh"] == 1 and kinds["huyen"] == len(province.districts)
    assert kinds["co_quan"] == len(province.districts) * len(units.DEFAULT_AGENCIES)
    assert kinds.get("xa", 0) + kinds.get("thi_tran", 0) + kinds.get("phuong", 0) == communes
    with engine.connect() as conn:
        root = queries.default_root(conn)
        assert (root["code"], root["kind"]) == (BAC_KAN, "tinh")
        scopes = queries.scopes(conn, root)
        assert [s["code"] for s in scopes] == [BAC_KAN, *sorted(d.code for d in province.districts)]
        everything = queries.units_of(conn, root["id"])
        one = queries.units_of(conn, next(s["id"] for s in scopes if s["code"] == NGAN_SON))
    assert len(everything) == 1 + len(province.districts) * (1 + len(units.DEFAULT_AGENCIES)) + communes
    assert everything.iloc[0]["kind"] == "tinh" and everything["level"].isna().sum() == 1  # it reports nothing
    ngan_son = next(d for d in province.districts if d.code == NGAN_SON)
    assert len(one) == 1 + len(units.DEFAULT_AGENCIES) + len(ngan_son.communes)


def test_the_whole_of_a_province_pools_its_districts_communes(engine):
    units.setup_province(engine, official.find_province(BAC_KAN))
    province = official.find_province(BAC_KAN)
    first, second = province.districts[0], province.districts[1]
    # 1.1 (communes, yes/no): one commune of each of two districts done, one not
    add_figures(engine, [(first.communes[0].code, "1.1", "2022", 1, 1), (second.communes[0].code, "1.1", "2022", 1, 1),
                         (second.communes[1].code, "1.1", "2022", 0, 1)])
    with engine.connect() as conn:
        whole = district_scores(conn, 2022, 12)
        scopes = {s["code"]: s["id"] for s in queries.scopes(conn, queries.default_root(conn))}
        one = district_scores(conn, 2022, 12, root_id=scopes[first.code])
    assert whole.whole == "tinh" and one.whole == "huyen"
    row = whole.district.set_index("indicator").loc["1.1"]
    assert (row["numerator"], row["denominator"], row["status"]) == (2, 3, st.NOT_MET)
    row = one.district.set_index("indicator").loc["1.1"]
    assert (row["numerator"], row["denominator"], row["status"]) == (1, 1, st.MET)
    with engine.connect() as conn:
        frame = exporter.export_frame(definitions.load_catalogue(conn), whole, area=1)
    assert set(frame.loc[frame["Mã chỉ tiêu"] == "1.1", "Mã đơn vị"]) >= {"TOAN_TINH", first.communes[0].code}
    assert "Toàn tỉnh" in set(frame["Đơn vị"]) and "TOAN_HUYEN" not in set(frame["Mã đơn vị"])


def test_a_district_set_up_first_moves_under_its_province_and_keeps_its_flags(engine):
    units.setup_district(engine, official.find_district(NGAN_SON))
    commune = official.find_district(NGAN_SON).communes[0].code
    with engine.begin() as conn:
        conn.execute(Unit.__table__.update().where(Unit.code == commune).values(dbkk=True))
    units.setup_province(engine, official.find_province(BAC_KAN))
    # a refresh of the district leaves it under its province
    units.setup_district(engine, official.find_district(NGAN_SON))
    with engine.connect() as conn:
        root = queries.default_root(conn)
        parent = conn.execute(select(Unit.parent_id).where(Unit.code == NGAN_SON)).scalar_one()
        flagged = conn.execute(select(Unit.dbkk).where(Unit.code == commune)).scalar_one()
    assert root["code"] == BAC_KAN and parent == root["id"] and flagged


def list_2025(tmp_path: Path) -> Path:
    """A list in the 2025 two-tier layout as `vietnam-provinces` ships it (nested-divisions.json)."""
    data = [{"name": "Tỉnh Thái Nguyên", "code": 19, "division_type": "tỉnh", "wards": [
        {"name": "Phường Phan Đình Phùng", "code": 5443, "division_type": "phường"},
        {"name": "Xã Bằng Thành", "code": 1879, "division_type": "xã"},
        {"name": "Xã Nà Phặc", "code": 1912, "division_type": "xã"}]}]
    wheel = tmp_path / "vietnam_provinces-2025.10.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("vietnam_provinces/data/nested-divisions.json", json.dumps(data, ensure_ascii=False))
    return wheel


def test_the_2025_layout_puts_communes_directly_under_the_province(engine, tmp_path):
    province = official.find_province_2025("19", official.read_2025_list(list_2025(tmp_path)))
    result = units.setup_province(engine, province)
    assert (result.districts, result.communes, result.agencies) == (0, 3, 12)
    with engine.connect() as conn:
        root = queries.default_root(conn)
        below = queries.units_of(conn, root["id"])
        assert [s["code"] for s in queries.scopes(conn, root)] == ["19"]
    assert sorted(below.loc[below["kind"] != "co_quan", "code"][1:]) == ["01879", "01912", "05443"]
    assert dict(zip(below["code"], below["kind"]))["05443"] == "phuong"
    add_figures(engine, [("01879", "1.1", "2022", 1, 1)])
    with engine.connect() as conn:
        scores = district_scores(conn, 2022, 12)
    whole = scores.district.set_index("indicator")
    # the communes that have not reported stay out of the whole (DOMAIN.md), as in a district
    assert (whole.loc["1.1", "numerator"], whole.loc["1.1", "denominator"], whole.loc["1.1", "status"]) == (1, 1, st.MET)
    assert whole.loc["3.1a", "status"] == st.NOT_APPLICABLE  # no district level in the two-tier layout


@pytest.mark.skipif(not Path(WHEEL_2025).is_file(), reason="no vietnam-provinces 2025 wheel (CCHC_VP2025_WHEEL)")
def test_the_real_2025_list_loads():
    provinces = official.read_2025_list(WHEEL_2025)
    assert len(provinces) == 34
    assert sum(len(p["wards"]) for p in provinces) > 3000
    hanoi = official.find_province_2025("01", provinces)
    assert hanoi.name == "Thành phố Hà Nội" and not hanoi.districts and len(hanoi.communes) > 100


def test_two_layouts_in_one_database_are_refused_and_change_nothing(cli_db, capsys, tmp_path):
    from lib.store import db

    assert run_cli(capsys, "init-db")[0] == 0
    wheel = tmp_path / "list.json"
    # the 2025 list reuses pre-2025 commune codes (01879 was Xã Cổ Linh of Pác Nặm, 060)
    wheel.write_text(json.dumps([{"name": "Tỉnh Thái Nguyên", "code": 19, "wards": [
        {"name": "Xã Bằng Thành", "code": 1879}]}], ensure_ascii=False), encoding="utf-8")
    code, out, _err = run_cli(capsys, "setup-province", "6")
    assert code == 0 and "Tỉnh Bắc Kạn, mã 06" in out and "(trước 2025)" in out
    before = counts(db.get_engine(cli_db))
    code, _out, err = run_cli(capsys, "setup-province", "19", "--list-2025", str(wheel))
    assert code != 0 and "01879" in err and "Không ghi gì" in err
    assert counts(db.get_engine(cli_db)) == before
    code, _out, err = run_cli(capsys, "setup-province", "x1")
    assert code != 0 and "Mã tỉnh 'x1' không hợp lệ" in err
    code, _out, err = run_cli(capsys, "setup-province", "99")
    assert code != 0 and "Không tìm thấy tỉnh có mã '99'" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}', encoding="utf-8")
    code, _out, err = run_cli(capsys, "setup-province", "19", "--list-2025", str(bad))
    assert code != 0 and "bad.json" in err and "không đọc được danh mục 2025" in err


def test_a_retired_province_code_names_the_province_it_merged_into(cli_db, capsys, tmp_path):
    # the fake list's Thái Nguyên holds 01879 (Xã Cổ Linh of Bắc Kạn, 06, before 2025)
    wheel = list_2025(tmp_path)
    assert official.merged_into_2025("6", official.read_2025_list(wheel)) == ("Tỉnh Bắc Kạn", "19", "Tỉnh Thái Nguyên")
    assert official.merged_into_2025("19", official.read_2025_list(wheel)) is None  # still a province
    assert official.merged_into_2025("99", official.read_2025_list(wheel)) is None  # never one
    assert run_cli(capsys, "init-db")[0] == 0
    code, _out, err = run_cli(capsys, "setup-province", "06", "--list-2025", str(wheel))
    assert code != 0
    assert ("Mã tỉnh '06' (Tỉnh Bắc Kạn) không còn trong danh mục 2025: tỉnh này đã hợp nhất vào Tỉnh Thái Nguyên "
            "(mã 19). Thiết lập tỉnh mới: python -m lib.cli setup-province 19 --list-2025 ") in err


@pytest.mark.skipif(not Path(WHEEL_2025).is_file(), reason="no vietnam-provinces 2025 wheel (CCHC_VP2025_WHEEL)")
def test_ha_giang_merged_into_tuyen_quang_in_the_real_list():
    provinces = official.read_2025_list(WHEEL_2025)
    assert official.merged_into_2025("02", provinces) == ("Tỉnh Hà Giang", "08", "Tuyên Quang")
    assert official.merged_into_2025("30", provinces) == ("Tỉnh Hải Dương", "31", "Thành phố Hải Phòng")


def test_a_2025_province_is_set_up_whole_with_its_departments(engine, tmp_path):
    province = official.find_province_2025("19", official.read_2025_list(list_2025(tmp_path)))
    first = units.setup_province(engine, province)
    assert first.changes == units.Changes(created=16, updated=0, unchanged=0)  # province, 12 departments, 3 communes
    with engine.connect() as conn:
        below = queries.units_of(conn, queries.default_root(conn)["id"])
        catalogue = definitions.load_catalogue(conn)
    departments = below[below["kind"] == "co_quan"]
    assert len(departments) == 12 and set(departments["level"]) == {"agency"}
    assert dict(zip(departments["code"], departments["name"]))["19-SNV"] == "Sở Nội vụ"
    assert dict(zip(departments["code"], departments["name"]))["19-VP"] == "Văn phòng UBND tỉnh"
    # the words of the layout
    assert catalogue.layout == "province_2025"
    assert catalogue.by_code["4.1"].name("vi").startswith("CQCM cấp tỉnh rà soát")
    assert catalogue.level_name("agency") == "cơ quan chuyên môn cấp tỉnh"
    assert catalogue.level_name("commune") == "xã, phường" and catalogue.level_name("commune", "en") == "communes and wards"
    assert catalogue.kind_name("co_quan") == "Sở, ban, ngành"
    # 4.1 and the agency half of 7.2 now apply: two departments report
    add_figures(engine, [("19-SNV", "4.1", "2025", 1, 1), ("19-STP", "4.1", "2025", 0, 1),
                         ("19-SNV", "7.2", "2025", 45, 100), ("01879", "7.2", "2025", 40, 100)])
    with engine.connect() as conn:
        whole = district_scores(conn, 2025, 12).district.set_index("indicator")
    assert (whole.loc["4.1", "numerator"], whole.loc["4.1", "denominator"]) == (1, 2)
    assert whole.loc["7.2", "status"] == st.MET  # agencies 45% (>=40), communes 40% (>=30)
    # set up again: nothing changes, and the set-up says so
    again = units.setup_province(engine, province)
    assert again.changes == units.Changes(created=0, updated=0, unchanged=16)


def test_set_up_messages_say_what_changed(cli_db, capsys, tmp_path):
    wheel = str(list_2025(tmp_path))
    assert run_cli(capsys, "init-db")[0] == 0
    code, out, _ = run_cli(capsys, "setup-province", "19", "--list-2025", wheel)
    assert code == 0 and "3 xã, phường và 12 sở, ban, ngành (danh mục 2025)" in out
    assert "Đã tạo 16, cập nhật 0, giữ nguyên 0 đơn vị." in out
    code, out, _ = run_cli(capsys, "setup-province", "19", "--list-2025", wheel)
    assert code == 0 and "Không có gì thay đổi: cả 16 đơn vị đã có đúng như danh mục." in out


def test_a_pre_2025_district_keeps_its_words(engine):
    units.setup_district(engine, official.find_district(NGAN_SON))
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
    assert catalogue.layout == "district"
    assert catalogue.by_code["4.1"].name("vi").startswith("CQCM cấp huyện rà soát")
    assert catalogue.level_name("commune") == "cấp xã" and catalogue.kind_name("co_quan") == "Cơ quan chuyên môn"
