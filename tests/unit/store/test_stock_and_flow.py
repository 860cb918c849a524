"""Stocks are read at their latest report, flows are summed (DOMAIN.md, "Edge rules, settled"),
through the database to every output: the scores, the gap in words, the export's numerator and
denominator, and each point of a trend. SQLite and PostgreSQL."""
from __future__ import annotations

from conftest import add_figures

from lib.core import trends
from lib.io.exporter import export_frame
from lib.present import reasons
from lib.store import definitions, queries
from lib.store.results import district_scores, trend_values

# Xã Hai reports 5.1 (a stock: cadres with a degree among 11 full-time cadres) and 3.4 (a flow:
# dossiers resolved on time) every quarter; Thị trấn Một once, in Q2.
FIGURES = [
    ("99902", "5.1", "2022-Q1", 9, 11), ("99902", "5.1", "2022-Q2", 9, 11), ("99902", "5.1", "2022-Q3", 9, 11),
    ("99902", "3.4", "2022-Q1", 40, 50), ("99902", "3.4", "2022-Q2", 45, 50), ("99902", "3.4", "2022-Q3", 50, 50),
    ("99901", "5.1", "2022-Q2", 12, 12),
]


def scored(engine, month: int):
    add_figures(engine, FIGURES)
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        return catalogue, district_scores(conn, 2022, month, catalogue=catalogue)


def test_a_stock_counts_its_cadres_once_and_a_flow_sums_its_dossiers(small_district):
    catalogue, scores = scored(small_district, 9)
    units = scores.units.set_index(["indicator", "unit_code"])
    assert tuple(units.loc[("5.1", "99902"), ["numerator", "denominator"]]) == (9, 11)  # not 27 of 33
    assert tuple(units.loc[("3.4", "99902"), ["numerator", "denominator"]]) == (135, 150)
    whole = scores.district.set_index("indicator")
    assert tuple(whole.loc["5.1", ["numerator", "denominator"]]) == (21, 23)  # 9 + 12 of 11 + 12


def test_the_gap_counts_real_people(small_district):
    catalogue, scores = scored(small_district, 9)
    row = scores.units.set_index(["indicator", "unit_code"]).loc[("5.1", "99902")]
    ind = catalogue.by_code["5.1"]
    text = reasons.gap_text(ind, catalogue.target("5.1", 2022, "commune"), row["numerator"], row["denominator"],
                          row["status"], 9)
    # 9 of 11 is 81.8% against >=85%: one more cadre (10 of 11, 90.9%); the quarters summed (27 of
    # 33) would ask for two
    assert text == "còn thiếu 1 cán bộ có trình độ đại học để đạt ≥85%"


def test_the_export_writes_the_latest_report_of_a_stock(small_district):
    catalogue, scores = scored(small_district, 9)
    frame = export_frame(catalogue, scores, area=5)
    row = frame[(frame["Mã chỉ tiêu"] == "5.1") & (frame["Mã đơn vị"] == "99902")].iloc[0]
    assert (row["Tử số"], row["Mẫu số"], row["Giá trị (%)"]) == ("9", "11", "81.82")


def test_each_point_of_a_trend_is_the_state_by_then(small_district):
    add_figures(small_district, FIGURES)
    with small_district.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        values = trend_values(conn, catalogue, trends.points(2022, 9, "quarter"), units[units["code"] == "99902"],
                              ["5.1", "3.4"])
    by_point = {(r.indicator, r.order): round(r.value, 2) for r in values.itertuples()}
    assert [by_point[("5.1", 202200 + m)] for m in (3, 6, 9)] == [81.82, 81.82, 81.82]
    assert [by_point[("3.4", 202200 + m)] for m in (3, 6, 9)] == [80.0, 85.0, 90.0]
