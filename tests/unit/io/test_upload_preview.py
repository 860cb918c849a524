"""The upload page's check before writing (lib.io.importer.preview_observations): every problem the
import would raise, with the account's permissions, what it would change, and nothing written."""
from datetime import date

import pytest
from conftest import add_figures
from sqlalchemy import func, select

from lib.io import importer
from lib.store import auth
from lib.store.models import AuditEntry, Observation

TODAY = date(2026, 11, 27)
HEADER = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so,ghi_chu\n"


@pytest.fixture
def officer(small_district):
    auth.add_user(small_district, "xa1", "Xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901")
    return small_district, auth.account(small_district, "xa1")


def counts(engine):
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(Observation)).scalar(),
                conn.execute(select(func.count()).select_from(AuditEntry)).scalar())


def test_another_units_row_is_a_problem_and_nothing_is_written(officer):
    engine, account = officer
    before = counts(engine)
    data = (HEADER + "99901,3.4,2022-05,9,10,\n99902,3.4,2022-05,9,10,\n").encode()
    preview = importer.preview_observations(engine, data, "so_lieu.csv", account=account, today=TODAY)
    assert not preview.ok
    assert [(p.row, p.column, p.key) for p in preview.problems] == [(3, "ma_don_vi", "no_permission")]
    assert len(preview.table) == 2
    assert counts(engine) == before


def test_a_clean_file_says_what_it_would_change_and_whose_figures(officer):
    engine, account = officer
    add_figures(engine, [("99901", "3.4", "2022-05", 9, 10)], user="noivu")
    before = counts(engine)
    data = (HEADER + "99901,3.4,2022-05,8,10,\n99901,3.4,2022-06,9,10,\n99901,5.1,,,,\n").encode()
    preview = importer.preview_observations(engine, data, "so_lieu.csv", account=account, today=TODAY)
    assert preview.ok, [p.text() for p in preview.problems]
    s = preview.summary
    assert (s.inserted, s.updated, s.unchanged) == (1, 1, 0)
    assert preview.overwrites == [("99901", "3.4", "2022-05", "9/10", "8/10", "noivu")]
    assert counts(engine) == before
    # the import itself then agrees, and asks for the same confirmation
    with pytest.raises(importer.OverwriteNeedsConfirmation) as needed:
        importer.import_observations(engine, data, "so_lieu.csv", account=account, today=TODAY,
                                     confirm_overwrite=False)
    assert needed.value.rows == preview.overwrites


def test_lost_leading_zeros_are_restored_and_noted(small_district):
    from lib.store.units import write_units

    with small_district.begin() as conn:
        write_units(conn, [{"code": "00123", "name": "Xã Không", "kind": "xa", "parent_code": "999"}])
    data = (HEADER + "123,3.4,2022-05,9,10,\n").encode()
    preview = importer.preview_observations(small_district, data, "f.csv", today=TODAY)
    assert preview.ok and preview.summary.padded_codes == {"123": "00123"}
    assert preview.summary.padded_text() == "Đã khôi phục số 0 đầu mã đơn vị (bị mất khi mở bằng Excel): 123 → 00123."
    assert preview.summary.padded_text() in preview.summary.text()


def test_an_unreadable_file_is_one_problem(small_district):
    preview = importer.preview_observations(small_district, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old.xls",
                                            today=TODAY)
    assert [p.key for p in preview.problems] == ["file_xls"] and preview.table.empty
