"""The status rules and the export through the database (SQLite and PostgreSQL): figures written
with `add_figures` into the `small_district`, read back by lib.store.results.district_scores and
written out by lib.io.exporter.export_frame.

Expected statuses and numbers are worked out by hand from DOMAIN.md and CONTRACT.md.

The small district: 999 (district), agencies 999-NV and 999-TP, communes 99901 (township),
99902 and 99903 (flagged dbkk), public service units 999-TTVH (partly self-financed) and
999-BQL (not).
"""
from __future__ import annotations

import io
import math
from decimal import Decimal

import pandas as pd
import pytest
from conftest import add_figures, add_units
from openpyxl import load_workbook
from sqlalchemy import update

from lib.core import status as st
from lib.io import exporter, sheets
from lib.io.exporter import COLUMNS, export_frame
from lib.present import format as fmt
from lib.store import definitions
from lib.store.models import Target, Unit
from lib.store.results import district_scores

MET, CLOSE, NOT_MET, NO_DATA, NA = st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE

EXPORT_COLUMNS = ["Lĩnh vực", "Mã chỉ tiêu", "Chỉ tiêu", "Mã đơn vị", "Đơn vị", "Kỳ", "Tử số", "Mẫu số",
                  "Giá trị (%)", "Chỉ tiêu giao", "Trạng thái"]
LABELS = {"Đạt", "Gần đạt", "Chưa đạt", "Chưa có số liệu", "Không áp dụng"}

DISTRICT = {"999"}
AGENCIES = {"999-NV", "999-TP"}
COMMUNES = {"99901", "99902", "99903"}
PSUS = {"999-TTVH", "999-BQL"}
# the units each indicator covers in the small district (DOMAIN.md's "level" column)
UNITS_OF = {
    "1.1": COMMUNES, "1.2a": COMMUNES, "1.2b": COMMUNES, "1.3": COMMUNES,
    "2.1": DISTRICT | COMMUNES, "3.1a": DISTRICT, "3.1b": DISTRICT | COMMUNES, "3.2a": DISTRICT | COMMUNES,
    "3.2b": DISTRICT | COMMUNES, "3.3": DISTRICT | COMMUNES, "3.4": DISTRICT | COMMUNES,
    "4.1": AGENCIES, "4.2": PSUS, "5.1": COMMUNES, "5.2": COMMUNES, "6.1": AGENCIES | COMMUNES,
    "6.2": DISTRICT, "7.1": DISTRICT, "7.2": AGENCIES | COMMUNES,
}
AREA_NAMES = {1: "Công tác chỉ đạo, điều hành", 2: "Cải cách thể chế", 3: "Cải cách thủ tục hành chính",
              4: "Cải cách tổ chức bộ máy", 5: "Cải cách chế độ công vụ", 6: "Cải cách tài chính công",
              7: "Xây dựng chính quyền điện tử"}


def scores_of(engine, year=2022, month=12):
    with engine.connect() as conn:
        return district_scores(conn, year, month)


def export_of(engine, year=2022, month=12, area=None):
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        scores = district_scores(conn, year, month, catalogue=catalogue)
    return export_frame(catalogue, scores, area=area)


def district_row(scores, indicator):
    return scores.district.set_index("indicator").loc[indicator]


def unit_statuses(scores, indicator):
    u = scores.units
    return u[u["indicator"] == indicator].set_index("unit_code")["status"].to_dict()


def figure(row):
    """(numerator, denominator, status), with None for a missing figure."""
    if pd.isna(row["numerator"]):
        assert pd.isna(row["denominator"]) and math.isnan(row["value"])
        return None, None, row["status"]
    num, den = int(row["numerator"]), int(row["denominator"])
    if row["status"] in (MET, CLOSE, NOT_MET):
        assert row["value"] == pytest.approx(100 * num / den)
    return num, den, row["status"]


def export_row(frame, indicator, unit_code):
    rows = frame[(frame["Mã chỉ tiêu"] == indicator) & (frame["Mã đơn vị"] == unit_code)]
    assert len(rows) == 1, (indicator, unit_code, len(rows))
    return rows.iloc[0]


def add_target(engine, indicator, year, level, op, value, tolerance):
    with engine.begin() as conn:
        conn.execute(Target.__table__.insert().values(
            indicator=indicator, year=year, level=level, op=op, value=Decimal(value),
            tolerance=Decimal(tolerance), updated_by="test"))


# --------------------------------------------------------------------------------------------
# year-to-date: rows whose period ends after the as-of month are left out
# --------------------------------------------------------------------------------------------

YTD_34 = [
    ("99901", "3.4", "2022-Q1", 49, 50),
    ("99901", "3.4", "2022-Q2", 49, 50),
    ("99901", "3.4", "2022-Q3", 50, 50),
    ("99902", "3.4", "2022-05", 10, 10),
    ("99902", "3.4", "2022-06", 10, 10),
    ("99902", "3.4", "2022-07", 0, 10),
    ("999", "3.4", "2022", 990, 1000),
]

YTD_CASES = [
    # month, district (num, den, status), units {code: (num, den, status)}, id
    (6, (118, 120, MET), {"99901": (98, 100, CLOSE), "99902": (20, 20, MET), "999": (None, None, NO_DATA)},
     "June: Q3, July and the annual row left out"),
    (7, (118, 130, NOT_MET), {"99901": (98, 100, CLOSE), "99902": (20, 30, NOT_MET), "999": (None, None, NO_DATA)},
     "July: July row in, Q3 still out"),
    (9, (168, 180, CLOSE), {"99901": (148, 150, MET), "99902": (20, 30, NOT_MET), "999": (None, None, NO_DATA)},
     "September: Q3 in, pooled 93.33 close"),
    (12, (1158, 1180, MET), {"99901": (148, 150, MET), "99902": (20, 30, NOT_MET), "999": (990, 1000, MET)},
     "December: everything, pooled 98.14 met"),
]


@pytest.mark.parametrize("month,district,units", [c[:3] for c in YTD_CASES], ids=[c[3] for c in YTD_CASES])
def test_year_to_date_ratio(small_district, month, district, units):
    add_figures(small_district, YTD_34)
    scores = scores_of(small_district, month=month)
    assert figure(district_row(scores, "3.4")) == district
    u = scores.units[scores.units["indicator"] == "3.4"].set_index("unit_code")
    for code, expected in units.items():
        assert figure(u.loc[code]) == expected, code
    assert u.loc["99903", "status"] == NO_DATA


YTD_YES_NO = [
    ("99901", "1.3", "2022-Q1", 0, 1),
    ("99901", "1.3", "2022-Q2", 1, 1),
    ("99901", "1.3", "2022-Q3", 0, 1),  # a later "not done" does not undo it
    ("99902", "1.3", "2022-Q1", 1, 1),
    ("99902", "1.3", "2022-Q2", 1, 1),  # done twice still counts once
    ("99903", "1.3", "2022-Q3", 1, 1),
]

YES_NO_CASES = [
    # month, district (units met, units with data, status), unit statuses, id
    (3, (1, 2, CLOSE), {"99901": NOT_MET, "99902": MET, "99903": NO_DATA}, "March: 1 of 2, on track (25)"),
    (6, (2, 2, MET), {"99901": MET, "99902": MET, "99903": NO_DATA}, "June: done once any row says so"),
    (9, (3, 3, MET), {"99901": MET, "99902": MET, "99903": MET}, "September: all three"),
    (12, (3, 3, MET), {"99901": MET, "99902": MET, "99903": MET}, "December: all three"),
]


@pytest.mark.parametrize("month,district,units", [c[:3] for c in YES_NO_CASES], ids=[c[3] for c in YES_NO_CASES])
def test_year_to_date_yes_no(small_district, month, district, units):
    add_figures(small_district, YTD_YES_NO)
    scores = scores_of(small_district, month=month)
    assert figure(district_row(scores, "1.3")) == district
    assert unit_statuses(scores, "1.3") == units
    u = scores.units[scores.units["indicator"] == "1.3"].set_index("unit_code")
    if month >= 6:
        assert (int(u.loc["99902", "numerator"]), int(u.loc["99902", "denominator"])) == (1, 1)
        assert (int(u.loc["99901", "numerator"]), int(u.loc["99901", "denominator"])) == (1, 1)


# --------------------------------------------------------------------------------------------
# status rules through the database
# --------------------------------------------------------------------------------------------

RULE_CASES = [
    # indicator, figures, month, district (num, den, status), unit statuses, id
    ("3.4", [("999", "3.4", "2022", 98001, 100000), ("99901", "3.4", "2022", 4900, 5000)], 12,
     (102901, 105000, MET), {"999": MET, "99901": CLOSE, "99902": NO_DATA, "99903": NO_DATA},
     "3.4 98.001 met, 98.0 close"),
    ("3.4", [("999", "3.4", "2022", 100, 100), ("99901", "3.4", "2022", 100, 100),
             ("99902", "3.4", "2022", 850, 1000)], 12,
     (1050, 1200, NOT_MET), {"999": MET, "99901": MET, "99902": NOT_MET, "99903": NO_DATA},
     "3.4 pooled 87.5 not met (mean of ratios 95 would be close)"),
    ("3.4", [("99901", "3.4", "2022", 93, 100), ("99902", "3.4", "2022", 9301, 10000)], 12,
     (9394, 10100, CLOSE), {"999": NO_DATA, "99901": NOT_MET, "99902": CLOSE, "99903": NO_DATA},
     "3.4 93 not met, 93.01 close, pooled 93.0099 close"),
    ("3.3", [("999", "3.3", "2022", 20, 100), ("99901", "3.3", "2022", 20, 100)], 12,
     (40, 200, MET), {"999": MET, "99901": MET, "99902": NO_DATA, "99903": NO_DATA}, "3.3 20.0 met"),
    ("3.1b", [("999", "3.1b", "2022", 30, 100), ("99901", "3.1b", "2022", 30, 100)], 12,
     (60, 200, CLOSE), {"999": CLOSE, "99901": CLOSE, "99902": NO_DATA, "99903": NO_DATA},
     "3.1b 30.0 not met (close)"),
    ("5.2", [("99901", "5.2", "2022", 80, 100), ("99902", "5.2", "2022", 80, 100)], 12,
     (160, 200, CLOSE), {"99901": CLOSE, "99902": CLOSE, "99903": NA}, "5.2 80.0 not met (close)"),
    ("5.2", [("99901", "5.2", "2022", 81, 100), ("99902", "5.2", "2022", 80, 100),
             ("99903", "5.2", "2022", 10, 100)], 12,
     (161, 200, MET), {"99901": MET, "99902": CLOSE, "99903": NA}, "5.2 dbkk commune out of the pool"),
    ("5.1", [("99901", "5.1", "2022", 85, 100), ("99902", "5.1", "2022", 80, 100),
             ("99903", "5.1", "2022", 161, 200)], 12,
     (326, 400, CLOSE), {"99901": MET, "99902": NOT_MET, "99903": CLOSE},
     "5.1 85 met, 80 not met, 80.5 close; dbkk counts for 5.1"),
    ("1.2b", [("99901", "1.2b", "2022", 0, 0), ("99902", "1.2b", "2022", 2, 2)], 12,
     (2, 2, MET), {"99901": NA, "99902": MET, "99903": NO_DATA}, "1.2b no issues found n/a"),
    ("1.2b", [("99901", "1.2b", "2022", 0, 0), ("99902", "1.2b", "2022", 0, 0),
              ("99903", "1.2b", "2022", 0, 0)], 12,
     (None, None, NA), {"99901": NA, "99902": NA, "99903": NA}, "1.2b all n/a"),
    ("2.1", [("999", "2.1", "2022", 0, 0), ("99901", "2.1", "2022", 3, 4)], 12,
     (3, 4, NOT_MET), {"999": NA, "99901": NOT_MET, "99902": NO_DATA, "99903": NO_DATA},
     "2.1 no documents n/a"),
    ("4.2", [("999-TTVH", "4.2", "2022", 1, 1), ("999-BQL", "4.2", "2022", 0, 1)], 12,
     (1, 1, MET), {"999-TTVH": MET, "999-BQL": NA}, "4.2 only the partly self-financed unit"),
    ("4.2", [("999-BQL", "4.2", "2022", 1, 1)], 12,
     (None, None, NO_DATA), {"999-TTVH": NO_DATA, "999-BQL": NA}, "4.2 in-scope unit without data"),
    ("4.1", [("999-NV", "4.1", "2022", 1, 1), ("999-TP", "4.1", "2022", 0, 1)], 12,
     (1, 2, NOT_MET), {"999-NV": MET, "999-TP": NOT_MET}, "4.1 share of agencies"),
    ("6.1", [("999-NV", "6.1", "2022", 1, 1), ("99901", "6.1", "2022", 1, 1), ("99902", "6.1", "2022", 0, 1)],
     12, (2, 3, NOT_MET), {"999-NV": MET, "999-TP": NO_DATA, "99901": MET, "99902": NOT_MET, "99903": NO_DATA},
     "6.1 share of agencies and communes"),
    ("1.1", [("99901", "1.1", "2022", 1, 1)], 12,
     (1, 1, MET), {"99901": MET, "99902": NO_DATA, "99903": NO_DATA}, "1.1 missing communes not counted as 0"),
    ("1.2a", [("99901", "1.2a", "2022-03", 1, 1), ("99902", "1.2a", "2022-05", 0, 1),
              ("99903", "1.2a", "2022-Q3", 1, 1)], 6,
     (1, 2, CLOSE), {"99901": MET, "99902": NOT_MET, "99903": NO_DATA}, "1.2a June 50% close (pro-rata)"),
    ("1.2a", [("99901", "1.2a", "2022-03", 1, 1), ("99902", "1.2a", "2022-05", 0, 1),
              ("99903", "1.2a", "2022-Q3", 1, 1)], 9,
     (2, 3, NOT_MET), {"99901": MET, "99902": NOT_MET, "99903": MET}, "1.2a September 66.67 below 75"),
    ("1.2a", [("99901", "1.2a", "2022-03", 1, 1), ("99902", "1.2a", "2022-05", 0, 1),
              ("99903", "1.2a", "2022-Q3", 1, 1)], 12,
     (2, 3, NOT_MET), {"99901": MET, "99902": NOT_MET, "99903": MET}, "1.2a December 66.67 not met"),
    ("1.2a", [("99901", "1.2a", "2022-03", 1, 1), ("99902", "1.2a", "2022-05", 1, 1)], 6,
     (2, 2, MET), {"99901": MET, "99902": MET, "99903": NO_DATA}, "1.2a June 100% met"),
    ("3.4", [("999", "3.4", "2022-Q1", 49, 50), ("99901", "3.4", "2022-Q2", 50, 100)], 6,
     (99, 150, NOT_MET), {"999": CLOSE, "99901": NOT_MET, "99902": NO_DATA, "99903": NO_DATA},
     "3.4 June: rate judged without pro-rata"),
    ("3.3", [("999", "3.3", "2022", 25, 100), ("99901", "3.3", "2022", 10, 100),
             ("99902", "3.3", "2022", 20, 100)], 12,
     (55, 300, NOT_MET), {"999": MET, "99901": NOT_MET, "99902": MET, "99903": NO_DATA},
     "3.3 district 25 communes 15: not met"),
    ("3.3", [("999", "3.3", "2022", 25, 100), ("99901", "3.3", "2022", 11, 100),
             ("99902", "3.3", "2022", 20, 100)], 12,
     (56, 300, CLOSE), {"999": MET, "99901": NOT_MET, "99902": MET, "99903": NO_DATA},
     "3.3 district 25 communes 15.5: close"),
    ("3.3", [("999", "3.3", "2022-Q2", 25, 100), ("99901", "3.3", "2022-Q2", 10, 100),
             ("99902", "3.3", "2022-Q2", 20, 100)], 6,
     (55, 300, CLOSE), {"999": MET, "99901": CLOSE, "99902": MET, "99903": NO_DATA},
     "3.3 June district 25 communes 15: on track"),
    ("7.2", [("999-NV", "7.2", "2022", 45, 100), ("999-TP", "7.2", "2022", 35, 100),
             ("99901", "7.2", "2022", 25, 100), ("99902", "7.2", "2022", 35, 100)], 12,
     (140, 400, MET), {"999-NV": MET, "999-TP": NOT_MET, "99901": NOT_MET, "99902": MET, "99903": NO_DATA},
     "7.2 agencies 40 communes 30 met"),
    ("7.2", [("999-NV", "7.2", "2022", 45, 100), ("999-TP", "7.2", "2022", 45, 100),
             ("99901", "7.2", "2022", 25, 100), ("99902", "7.2", "2022", 25, 100)], 12,
     (140, 400, NOT_MET), {"999-NV": MET, "999-TP": MET, "99901": NOT_MET, "99902": NOT_MET, "99903": NO_DATA},
     "7.2 communes 25 not met, worst wins"),
    ("7.2", [("999-NV", "7.2", "2022", 36, 100), ("99901", "7.2", "2022", 36, 100)], 12,
     (72, 200, CLOSE), {"999-NV": CLOSE, "999-TP": NO_DATA, "99901": MET, "99902": NO_DATA, "99903": NO_DATA},
     "7.2 36% close for an agency, met for a commune"),
]


@pytest.mark.parametrize("indicator,rows,month,district,units", [c[:5] for c in RULE_CASES],
                         ids=[c[5] for c in RULE_CASES])
def test_rules(small_district, indicator, rows, month, district, units):
    add_figures(small_district, rows)
    scores = scores_of(small_district, month=month)
    assert figure(district_row(scores, indicator)) == district
    assert unit_statuses(scores, indicator) == units


def test_no_data_anywhere(small_district):
    scores = scores_of(small_district)
    assert list(scores.district["indicator"]) == list(UNITS_OF)
    assert set(scores.district["status"]) == {NO_DATA}
    assert all(math.isnan(v) for v in scores.district["value"])
    na = scores.units[scores.units["status"] == NA]
    assert sorted(zip(na["indicator"], na["unit_code"])) == [("4.2", "999-BQL"), ("5.2", "99903")]
    assert set(scores.units["status"]) == {NO_DATA, NA}


# --------------------------------------------------------------------------------------------
# targets per year in the database
# --------------------------------------------------------------------------------------------

LATER_YEAR_CASES = [
    # year, unit statuses of 3.4, district (num, den, status), target text, id
    (2024, {"999": MET, "99901": CLOSE, "99902": NOT_MET}, (284, 300, CLOSE), ">95", "2024 uses 2023's >95 tol 2"),
    (2023, {"999": MET, "99901": CLOSE, "99902": NOT_MET}, (284, 300, CLOSE), ">95", "2023 own"),
    (2022, {"999": CLOSE, "99901": CLOSE, "99902": NOT_MET}, (284, 300, CLOSE), ">98", "2022 own"),
]


@pytest.mark.parametrize("year,units,district,target", [c[:4] for c in LATER_YEAR_CASES],
                         ids=[c[4] for c in LATER_YEAR_CASES])
def test_later_year_uses_latest_earlier_targets(small_district, year, units, district, target):
    add_target(small_district, "3.4", 2023, "all", ">", "95", "2")
    add_target(small_district, "5.1", 2023, "all", ">=", "85", "0")
    y = str(year)
    add_figures(small_district, [
        ("999", "3.4", y, 97, 100), ("99901", "3.4", y, 94, 100), ("99902", "3.4", y, 93, 100),
        ("99901", "5.1", y, 84, 100), ("99901", "7.2", y, 30, 100),
    ])
    scores = scores_of(small_district, year=year)
    statuses = unit_statuses(scores, "3.4")
    assert {k: statuses[k] for k in units} == units
    d = district_row(scores, "3.4")
    assert figure(d) == district and fmt.target_export(d["target"]) == target
    # 5.1: tolerance set to 0 from 2023 on, so 84% is no longer close
    assert district_row(scores, "5.1")["status"] == (CLOSE if year == 2022 else NOT_MET)
    # 7.2 has no later targets: 2022's per-level ones stay
    assert unit_statuses(scores, "7.2")["99901"] == MET
    frame = export_of(small_district, year=year)
    assert export_row(frame, "3.4", "99901")["Chỉ tiêu giao"] == target
    assert export_row(frame, "3.4", "999")["Kỳ"] == y


# --------------------------------------------------------------------------------------------
# the export CSV
# --------------------------------------------------------------------------------------------

def test_export_shape_without_data(small_district):
    frame = export_of(small_district)
    assert list(frame.columns) == EXPORT_COLUMNS
    assert COLUMNS == EXPORT_COLUMNS
    assert len(frame) == sum(1 + len(units) for units in UNITS_OF.values())  # 19 + 59 = 78
    assert len(frame) == 78
    for code, units in UNITS_OF.items():
        rows = frame[frame["Mã chỉ tiêu"] == code]
        assert sorted(rows["Mã đơn vị"]) == sorted(units | {"TOAN_HUYEN"}), code
        whole = rows[rows["Mã đơn vị"] == "TOAN_HUYEN"]
        assert list(whole["Đơn vị"]) == ["Toàn huyện"]
        assert whole.iloc[0]["Trạng thái"] == "Chưa có số liệu"
    assert set(frame["Trạng thái"]) == {"Chưa có số liệu", "Không áp dụng"}
    assert set(frame["Giá trị (%)"]) == {""}
    assert set(frame["Tử số"]) == {""} and set(frame["Mẫu số"]) == {""}
    assert set(frame["Kỳ"]) == {"2022"}
    assert export_row(frame, "5.2", "99903")["Trạng thái"] == "Không áp dụng"
    assert export_row(frame, "4.2", "999-BQL")["Trạng thái"] == "Không áp dụng"
    assert export_row(frame, "4.2", "999-TTVH")["Trạng thái"] == "Chưa có số liệu"
    for code in UNITS_OF:
        row = export_row(frame, code, "TOAN_HUYEN")
        area = int(code.split(".")[0])
        assert row["Lĩnh vực"] == AREA_NAMES[area]
    assert export_row(frame, "3.4", "99901")["Chỉ tiêu"] == "Hồ sơ giải quyết đúng hạn (trừ khiếu nại, tố cáo)"
    assert export_row(frame, "3.4", "99901")["Đơn vị"] == "Thị trấn Một"


@pytest.mark.parametrize("area,codes", [
    pytest.param(1, ["1.1", "1.2a", "1.2b", "1.3"], id="area 1"),
    pytest.param(3, ["3.1a", "3.1b", "3.2a", "3.2b", "3.3", "3.4"], id="area 3"),
    pytest.param(4, ["4.1", "4.2"], id="area 4"),
    pytest.param(7, ["7.1", "7.2"], id="area 7"),
])
def test_export_one_area(small_district, area, codes):
    frame = export_of(small_district, area=area)
    assert list(dict.fromkeys(frame["Mã chỉ tiêu"])) == codes
    assert len(frame) == sum(1 + len(UNITS_OF[c]) for c in codes)
    assert set(frame["Lĩnh vực"]) == {AREA_NAMES[area]}


EXPORT_CASES = [
    # indicator, unit code, figures, month, expected (Tử số, Mẫu số, Giá trị, Chỉ tiêu giao, Trạng thái), id
    ("3.4", "999", [("999", "3.4", "2022", 98001, 100000)], 12,
     ("98001", "100000", "98.00", ">98", "Đạt"), "98.001 shown 98.00 and met"),
    ("3.4", "99901", [("99901", "3.4", "2022", 4900, 5000)], 12,
     ("4900", "5000", "98.00", ">98", "Gần đạt"), "98.00 exactly: close"),
    ("3.4", "99901", [("99901", "3.4", "2022", 4901, 5000)], 12,
     ("4901", "5000", "98.02", ">98", "Đạt"), "98.02 met"),
    ("3.4", "TOAN_HUYEN", [("999", "3.4", "2022", 98001, 100000), ("99901", "3.4", "2022", 4900, 5000)], 12,
     ("102901", "105000", "98.00", ">98", "Đạt"), "district pooled 98.0009 met"),
    ("3.4", "99902", [("99901", "3.4", "2022", 4900, 5000)], 12,
     ("", "", "", ">98", "Chưa có số liệu"), "no data: empty value"),
    ("3.4", "TOAN_HUYEN", [], 12, ("", "", "", ">98", "Chưa có số liệu"), "district no data"),
    ("1.1", "TOAN_HUYEN", [("99901", "1.1", "2022", 1, 1), ("99902", "1.1", "2022", 1, 1),
                           ("99903", "1.1", "2022", 0, 1)], 12,
     ("2", "3", "66.67", ">=100", "Chưa đạt"), "share 2 of 3: 66.67"),
    ("4.2", "TOAN_HUYEN", [("999-TTVH", "4.2", "2022", 1, 1)], 12,
     ("1", "1", "100.00", ">=100", "Đạt"), "share 1 of 1: 100.00"),
    ("3.3", "99901", [("99901", "3.3", "2022", 1, 8)], 12,
     ("1", "8", "12.50", ">=20", "Chưa đạt"), "12.50 two decimals"),
    ("3.1b", "99901", [("99901", "3.1b", "2022", 0, 7)], 12,
     ("0", "7", "0.00", ">30", "Chưa đạt"), "0.00"),
    ("3.1b", "999", [("999", "3.1b", "2022", 1, 3)], 12,
     ("1", "3", "33.33", ">30", "Đạt"), "33.33"),
    ("3.1b", "999", [("999", "3.1b", "2022", 2, 3)], 12,
     ("2", "3", "66.67", ">30", "Đạt"), "66.67 rounded half up"),
    ("5.1", "99901", [("99901", "5.1", "2022", 161, 200)], 12,
     ("161", "200", "80.50", ">=85", "Gần đạt"), "80.50 close"),
    ("5.2", "99903", [("99903", "5.2", "2022", 10, 100)], 12,
     None, "dbkk commune not applicable, empty value"),
    ("1.2b", "99901", [("99901", "1.2b", "2022", 0, 0)], 12,
     None, "no issues found not applicable"),
    ("1.2b", "TOAN_HUYEN", [("99901", "1.2b", "2022", 0, 0), ("99902", "1.2b", "2022", 0, 0),
                            ("99903", "1.2b", "2022", 0, 0)], 12,
     ("", "", "", ">=100", "Không áp dụng"), "district all not applicable"),
    ("7.2", "999-NV", [("999-NV", "7.2", "2022", 36, 100)], 12,
     ("36", "100", "36.00", ">=40", "Gần đạt"), "7.2 agency row >=40"),
    ("7.2", "99901", [("99901", "7.2", "2022", 36, 100)], 12,
     ("36", "100", "36.00", ">=30", "Đạt"), "7.2 commune row >=30"),
    ("7.2", "99903", [], 12, ("", "", "", ">=30", "Chưa có số liệu"), "7.2 commune without data >=30"),
    ("3.3", "999", [("999", "3.3", "2022", 1, 5)], 12,
     ("1", "5", "20.00", ">=20", "Đạt"), "3.3 district row >=20 met at 20.00"),
    ("1.2a", "TOAN_HUYEN", [("99901", "1.2a", "2022-03", 1, 1), ("99902", "1.2a", "2022-05", 0, 1)], 6,
     ("1", "2", "50.00", ">=100", "Gần đạt"), "June 50.00 on track"),
]


@pytest.mark.parametrize("indicator,unit,rows,month,expected", [c[:5] for c in EXPORT_CASES],
                         ids=[c[5] for c in EXPORT_CASES])
def test_export_cells(small_district, indicator, unit, rows, month, expected):
    add_figures(small_district, rows)
    frame = export_of(small_district, month=month)
    row = export_row(frame, indicator, unit)
    if expected is None:  # not applicable: no value, whatever was reported
        assert row["Giá trị (%)"] == "" and row["Trạng thái"] == "Không áp dụng"
    else:
        assert (row["Tử số"], row["Mẫu số"], row["Giá trị (%)"], row["Chỉ tiêu giao"], row["Trạng thái"]) == expected
    assert set(frame["Trạng thái"]) <= LABELS
    for value in frame["Giá trị (%)"]:
        assert value == "" or (value.count(".") == 1 and len(value.split(".")[1]) == 2
                               and value.replace(".", "").isdigit()), value


def test_export_7_2_district_row(small_district):
    add_figures(small_district, [
        ("999-NV", "7.2", "2022", 45, 100), ("999-TP", "7.2", "2022", 45, 100),
        ("99901", "7.2", "2022", 25, 100), ("99902", "7.2", "2022", 25, 100),
    ])
    row = export_row(export_of(small_district), "7.2", "TOAN_HUYEN")
    # value pooled over all (140/400), status the worst level's (communes 25% < 30%)
    assert (row["Tử số"], row["Mẫu số"], row["Giá trị (%)"], row["Trạng thái"]) == ("140", "400", "35.00", "Chưa đạt")
    assert ">=40" in row["Chỉ tiêu giao"] and ">=30" in row["Chỉ tiêu giao"]


@pytest.mark.parametrize("month,period", [
    pytest.param(12, "2022", id="year end"),
    pytest.param(6, "2022-01..2022-06", id="as of June"),
    pytest.param(1, "2022-01..2022-01", id="as of January"),
    pytest.param(11, "2022-01..2022-11", id="as of November"),
])
def test_export_period(small_district, month, period):
    add_figures(small_district, [("999", "3.4", "2022-01", 99, 100)])
    frame = export_of(small_district, month=month)
    assert set(frame["Kỳ"]) == {period}


@pytest.mark.parametrize("name", [
    pytest.param("=HYPERLINK(\"http://x\",\"Xã\")", id="equals"),
    pytest.param("+1+2 Xã", id="plus"),
    pytest.param("-1+2 Xã", id="minus"),
    pytest.param("@SUM(A1)", id="at"),
])
def test_export_neutralises_formulas(small_district, name):
    with small_district.begin() as conn:
        conn.execute(update(Unit).where(Unit.code == "99902").values(name=name))
    add_figures(small_district, [("99902", "3.4", "2022", 99, 100)])
    frame = export_of(small_district)
    row = export_row(frame, "3.4", "99902")
    assert row["Đơn vị"] == name  # the table holds the name; the CSV writer neutralises it
    assert row["Giá trị (%)"] == "99.00" and row["Trạng thái"] == "Đạt"
    # plain text and numbers are left alone
    assert export_row(frame, "3.4", "99901")["Đơn vị"] == "Thị trấn Một"
    assert export_row(frame, "3.4", "99902")["Tử số"] == "99"
    data = sheets.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(EXPORT_COLUMNS).encode("utf-8"))
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(back.columns) == EXPORT_COLUMNS
    assert export_row(back, "3.4", "99902")["Đơn vị"] == "'" + name
    # the XLSX holds the exact name as a string cell (no apostrophe, no formula), numbers as numbers
    sheet = load_workbook(io.BytesIO(exporter.to_xlsx_bytes(frame))).active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "3.4" and r[3].value == "99902")
    assert row[4].value == name and row[4].data_type == "s"
    assert row[6].value == 99 and row[6].data_type == "n"


def test_export_district_without_public_service_units(engine):
    """A district set up without PSUs (setup-district makes none): 4.2 is not applicable and
    its export still has its district row."""
    add_units(engine, [("998", "Huyện Khác", "huyen", None, 0, 0), ("99801", "Xã Một", "xa", "998", 0, 0)])
    add_figures(engine, [("99801", "3.4", "2022", 99, 100)])
    frame = export_of(engine)
    rows = frame[frame["Mã chỉ tiêu"] == "4.2"]
    assert list(rows["Mã đơn vị"]) == ["TOAN_HUYEN"]
    assert rows.iloc[0]["Trạng thái"] == "Không áp dụng"
    assert list(frame[frame["Mã chỉ tiêu"] == "4.1"]["Trạng thái"]) == ["Không áp dụng"]
    assert export_row(frame, "3.4", "TOAN_HUYEN")["Trạng thái"] == "Đạt"


def test_a_later_year_setting_one_level_keeps_the_other_levels_target(small_district):
    """7.2 in 2023: the secretariat raised only the communes' target; agencies keep 2022's 40%."""
    from decimal import Decimal

    from lib.store.models import Target

    with small_district.begin() as conn:
        conn.execute(Target.__table__.insert().values(
            indicator="7.2", year=2023, level="commune", op=">=", value=Decimal("35"), tolerance=Decimal("5")))
    with small_district.connect() as conn:
        cat = definitions.load_catalogue(conn)
    assert fmt.target_export(cat.target("7.2", 2024, "commune")) == ">=35"
    assert fmt.target_export(cat.target("7.2", 2024, "agency")) == ">=40"
    assert fmt.target_export(cat.target("7.2", 2022, "commune")) == ">=30"
