"""setup-district from the official pre-2025 list (vietnam-provinces 0.6.0)."""
import pytest
from sqlalchemy import select

from lib.io import official
from lib.store.models import Unit
from lib.store.units import DEFAULT_AGENCIES, setup_district


@pytest.mark.parametrize("code", ["16", "016", "0016", 16])
def test_district_code_with_or_without_leading_zeros(code):
    district = official.find_district(code)
    assert district.code == "016"
    assert district.name == "Huyện Sóc Sơn"
    assert len(district.communes) == 26


def test_unknown_and_invalid_codes():
    assert official.find_district("999") is None
    with pytest.raises(ValueError):
        official.normalise_district_code("abc")


def test_townships_classified_by_name_even_where_the_list_says_xa():
    # Ngân Sơn (062): the list's division_type says "xã" for Thị trấn Nà Phặc and Thị trấn Vân Tùng.
    kinds = {c.name: c.kind for c in official.find_district("062").communes}
    assert kinds["Thị trấn Nà Phặc"] == "thi_tran"
    assert kinds["Thị trấn Vân Tùng"] == "thi_tran"
    assert kinds["Xã Hiệp Lực"] == "xa"
    assert official.commune_kind("Phường Phúc Xá") == "phuong"


def test_whole_list_codes_are_zero_padded():
    districts = official.all_districts()
    assert len(districts) == 696
    assert all(len(code) == 3 for code, _, _ in districts)
    communes = sum(len(official.find_district(code).communes) for code, _, _ in districts[:20])
    assert communes > 0


def test_setup_district_writes_tree_and_keeps_flags(engine):
    result = setup_district(engine, official.find_district("16"))
    assert (result.communes, result.agencies) == (26, len(DEFAULT_AGENCIES))
    with engine.begin() as conn:
        conn.execute(Unit.__table__.update().where(Unit.code == "00379").values(dbkk=True))
    setup_district(engine, official.find_district("016"))  # again: updates, keeps the flag, no duplicates
    with engine.connect() as conn:
        rows = conn.execute(select(Unit.code, Unit.kind, Unit.parent_id, Unit.dbkk)).all()
        district_id = conn.execute(select(Unit.id).where(Unit.code == "016")).scalar_one()
    by_code = {r.code: r for r in rows}
    assert len(rows) == 1 + 26 + len(DEFAULT_AGENCIES)
    assert by_code["00376"].kind == "thi_tran"
    assert by_code["00379"].dbkk is True
    assert by_code["016-NV"].kind == "co_quan"
    assert all(r.parent_id == district_id for r in rows if r.code != "016")
