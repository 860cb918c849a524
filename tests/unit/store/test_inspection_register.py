"""The inspection register as stored (lib.store.inspections), on SQLite and PostgreSQL: who records
what, audited; 1.2a and 1.2b of a commune that uses the register come from it, worked by hand
through the scores (pooled with typed figures of the other communes; no issue found: not
applicable); a commune uses the register or typed figures in a year, never both."""
from datetime import date

import pytest
from sqlalchemy import select

from conftest import add_figures, unit_ids

from lib.core import inspections as rules
from lib.core import status as st
from lib.store import inspections
from lib.store.models import AuditEntry
from lib.store.results import district_scores

YEAR = 2025


@pytest.fixture
def people(small_district, accounts):
    return small_district, accounts, unit_ids(small_district)


def figures(engine, month: int) -> dict:
    with engine.connect() as conn:
        scores = district_scores(conn, YEAR, month)
    units = scores.units[scores.units["indicator"].isin(["1.2a", "1.2b"])]
    out = {(r.unit_code, r.indicator): (int(r.numerator), int(r.denominator), r.status)
           for r in units.itertuples() if r.status not in (st.NO_DATA,) and r.applicable}
    whole = scores.district.set_index("indicator")
    return out, {code: (whole.loc[code, "numerator"], whole.loc[code, "denominator"], whole.loc[code, "status"])
                 for code in ("1.2a", "1.2b")}


def test_the_register_makes_1_2a_and_1_2b(people):
    engine, acc, ids = people
    nv = acc["noivu"]
    first = inspections.record_inspection(engine, nv, ids["99901"], date(YEAR, 3, 10), "Đoàn kiểm tra số 1")
    found = [inspections.record_issue(engine, nv, first, what, date(YEAR, 6, 30))
             for what in ("Niêm yết TTHC chưa đủ", "Sổ theo dõi hồ sơ thiếu", "Chưa có hộp thư góp ý")]
    inspections.record_fix(engine, acc["xa1"], found[0], date(YEAR, 4, 2), "Đã niêm yết đủ")
    inspections.record_fix(engine, acc["xa1"], found[1], date(YEAR, 6, 30), "Đã lập sổ")
    inspections.record_inspection(engine, nv, ids["99902"], date(YEAR, 5, 1), "Đoàn kiểm tra số 2")  # nothing found
    add_figures(engine, [("99903", "1.2a", f"{YEAR}-Q2", 1, 1), ("99903", "1.2b", f"{YEAR}-Q2", 1, 2)])  # typed

    units, whole = figures(engine, 6)
    assert units == {
        ("99901", "1.2a"): (1, 1, st.MET), ("99901", "1.2b"): (2, 3, units[("99901", "1.2b")][2]),
        ("99902", "1.2a"): (1, 1, st.MET), ("99902", "1.2b"): (0, 0, st.NOT_APPLICABLE),  # no issue found
        ("99903", "1.2a"): (1, 1, st.MET), ("99903", "1.2b"): (1, 2, units[("99903", "1.2b")][2]),
    }
    assert (whole["1.2b"][0], whole["1.2b"][1]) == (3, 5)  # pooled: 2 of 3 and 1 of 2; 99902 left out
    units, _ = figures(engine, 2)
    assert ("99901", "1.2a") not in units  # before the inspection: no data

    open_issues = inspections.issues(engine, [ids["99901"]], YEAR)
    assert open_issues["what"].tolist()[0] == "Chưa có hộp thư góp ý" and open_issues["fixed"].isna().tolist()[0]
    with engine.connect() as conn:
        actions = [a for (a,) in conn.execute(select(AuditEntry.action).where(
            AuditEntry.action.startswith("inspection.")).order_by(AuditEntry.id))]
    assert actions == ["inspection.add"] + ["inspection.issue"] * 3 + ["inspection.fix"] * 2 + ["inspection.add"]


def test_one_source_a_year(people):
    engine, acc, ids = people
    add_figures(engine, [("99902", "1.2b", f"{YEAR}-Q1", 1, 2)])
    with pytest.raises(rules.InspectionError, match="typed_figures"):
        inspections.record_inspection(engine, acc["noivu"], ids["99902"], date(YEAR, 5, 1), "Đoàn")
    inspections.record_inspection(engine, acc["noivu"], ids["99902"], date(YEAR - 1, 5, 1), "Đoàn")  # another year
    # a register commune's typed figures of the year do not count beside the register
    inspections.record_inspection(engine, acc["noivu"], ids["99901"], date(YEAR, 2, 1), "Đoàn")
    add_figures(engine, [("99901", "1.2b", f"{YEAR}-Q1", 5, 5)])
    units, _ = figures(engine, 12)
    assert units[("99901", "1.2b")] == (0, 0, st.NOT_APPLICABLE)  # the register's (nothing found), not the 5 of 5
    assert units[("99902", "1.2b")][:2] == (1, 2)  # typed, no register this year


def test_who_may_record(people):
    engine, acc, ids = people
    with pytest.raises(rules.InspectionError, match="role"):
        inspections.record_inspection(engine, acc["xa1"], ids["99901"], date(YEAR, 3, 1), "Đoàn")
    with pytest.raises(rules.InspectionError, match="not_a_commune"):
        inspections.record_inspection(engine, acc["noivu"], ids["999-NV"], date(YEAR, 3, 1), "Đoàn")
    inspection = inspections.record_inspection(engine, acc["noivu"], ids["99901"], date(YEAR, 3, 1), "Đoàn")
    with pytest.raises(rules.InspectionError, match="role"):
        inspections.record_issue(engine, acc["xa1"], inspection, "Vấn đề", date(YEAR, 4, 1))
    issue = inspections.record_issue(engine, acc["noivu"], inspection, "Vấn đề", date(YEAR, 4, 1))
    with pytest.raises(rules.InspectionError, match="not_found"):  # another commune's officer
        inspections.record_fix(engine, acc["xa2"], issue, date(YEAR, 3, 5), "Xong")
    with pytest.raises(rules.InspectionError, match="fix_day"):
        inspections.record_fix(engine, acc["xa1"], issue, date(YEAR, 2, 1), "Trước khi kiểm tra")
    inspections.record_fix(engine, acc["xa1"], issue, date(YEAR, 3, 5), "Xong")
    with pytest.raises(rules.InspectionError, match="already_fixed"):
        inspections.record_fix(engine, acc["noivu"], issue, date(YEAR, 3, 6), "Lần nữa")


def test_an_import_of_1_2b_for_a_register_commune_is_refused(people):
    import pandas as pd

    from lib.io.importer import ImportRejected, import_table

    engine, acc, ids = people
    inspections.record_inspection(engine, acc["noivu"], ids["99901"], date(YEAR, 2, 1), "Đoàn")
    table = pd.DataFrame({"ma_don_vi": ["99901", "99902"], "ma_chi_tieu": ["1.2b", "1.2b"],
                          "ky": [f"{YEAR}-Q1"] * 2, "tu_so": ["1", "1"], "mau_so": ["2", "2"], "ghi_chu": ["", ""]})
    with pytest.raises(ImportRejected) as refused:
        import_table(engine, table, "so_lieu.csv")
    assert "99901 Thị trấn Một dùng sổ kiểm tra CCHC năm 2025" in str(refused.value)
    inspections.record_inspection(engine, acc["noivu"], ids["99902"], date(YEAR - 1, 5, 1), "Đoàn")
    import_table(engine, table.iloc[[1]], "so_lieu.csv")  # the other commune (register last year) types its figures


def test_the_chase_list_asks_no_register_commune_for_1_2a_or_1_2b(people):
    from lib.core import completeness
    from lib.store import definitions, queries

    engine, acc, ids = people
    inspections.record_inspection(engine, acc["noivu"], ids["99901"], date(YEAR, 2, 1), "Đoàn")
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        units = queries.units_of(conn, ids["999"])
        reported = queries.last_reported(conn, units["id"].tolist(), YEAR, 12)
    chase, _ = completeness.chase_and_rate(catalogue, units, reported, YEAR, 12)
    asked = set(zip(chase["unit_code"], chase["indicator"]))
    assert ("99901", "1.2a") not in asked and ("99901", "1.2b") not in asked
    assert ("99902", "1.2a") in asked  # no register, nothing typed: still owed
