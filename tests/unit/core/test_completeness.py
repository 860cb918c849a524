"""The chase list and the reporting rate per area."""
from conftest import add_figures

from lib.core import completeness

from lib.store import queries
from lib.store import definitions


def chase(engine, year, month):
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        district = queries.default_root(conn)
        units = queries.units_of(conn, district["id"])
        return (completeness.chase_list(conn, cat, units, year, month),
                completeness.rate_by_area(conn, cat, units, year, month))


def pairs(frame, indicator):
    return set(frame[frame["indicator"] == indicator]["unit_code"])


def test_due_month_by_granularity():
    assert [completeness.due_month("M", m) for m in (1, 6, 12)] == [1, 6, 12]
    assert [completeness.due_month("Q", m) for m in (2, 3, 7, 12)] == [0, 3, 6, 12]
    assert [completeness.due_month("Y", m) for m in (6, 12)] == [0, 12]


def test_chase_list_follows_each_units_granularity(small_district):
    add_figures(small_district, [
        ("999", "3.4", "2022-05", 9, 10),      # monthly, but June is missing
        ("99901", "3.4", "2022-06", 9, 10),    # monthly and up to date
        ("99902", "3.4", "2022-Q2", 9, 10),    # quarterly and up to date
        # 99903 has nothing for 3.4
        ("99901", "5.2", "2022-Q2", 9, 10),
    ])
    missing, rates = chase(small_district, 2022, 6)
    assert pairs(missing, "3.4") == {"999", "99903"}
    row = missing[(missing["indicator"] == "3.4") & (missing["unit_code"] == "999")].iloc[0]
    assert (row["last_month"], row["due_month"], row["granularity"]) == (5, 6, "M")
    # 5.2 is not due from the flagged commune 99903; 99902 has not reported it
    assert pairs(missing, "5.2") == {"99902"}
    # 4.2 is due only from the partly self-financed unit, and only once the year is over
    assert pairs(missing, "4.2") == set()
    assert pairs(chase(small_district, 2022, 12)[0], "4.2") == {"999-TTVH"}
    area3 = rates.set_index("area").loc[3]
    # area 3 due pairs by June: 3.1a (district), 3.1b/3.2a/3.2b/3.3/3.4 (district + 3 communes)
    assert area3["due"] == 1 + 5 * 4
    assert area3["received"] == 2  # 99901 and 99902 for 3.4


def test_in_february_only_monthly_reports_are_due(small_district):
    missing, rates = chase(small_district, 2022, 2)
    assert set(missing["indicator"]) == {"3.1b", "3.4"}  # monthly by the catalogue's usual period
    assert rates.set_index("area").loc[3, "due"] == 2 * 4
    assert rates.set_index("area").loc[1, "due"] == 0


# --- what the reporting page and the overview show ------------------------------------------------

def test_the_chase_list_reads_in_words_and_filters(small_district):
    add_figures(small_district, [("999", "3.4", "2022-05", 9, 10), ("99902", "3.4", "2022-Q1", 9, 10)])
    with small_district.connect() as conn:
        cat = definitions.load_catalogue(conn)
    missing, _ = chase(small_district, 2022, 6)
    frame = completeness.chase_frame(missing, cat, 2022)
    rows = frame[frame["indicator"] == "3.4"].set_index("unit_code")
    assert rows.loc["999", ["last_text", "due_text", "granularity_name", "level_name"]].tolist() == [
        "tháng 05/2022", "tháng 06/2022", "theo tháng", "cấp huyện"]
    assert rows.loc["99902", ["last_text", "due_text"]].tolist() == ["quý 1/2022", "quý 2/2022"]
    assert rows.loc["99903", "last_text"] == "chưa báo cáo"
    english = completeness.chase_frame(missing, cat, 2022, "en").set_index(["indicator", "unit_code"])
    assert english.loc[("3.4", "99903"), "last_text"] == "not reported"
    assert english.loc[("3.4", "999"), "indicator_name"] == cat.by_code["3.4"].name_en
    only = completeness.filter_chase(frame, areas=[3], levels=["district"])
    assert set(only["area"]) == {3} and set(only["level"]) == {"district"} and len(only)
    assert len(completeness.filter_chase(frame)) == len(frame)
    download = completeness.chase_download(frame)
    assert list(download.columns) == ["Lĩnh vực", "Mã", "Chỉ tiêu", "Mã đơn vị", "Đơn vị", "Cấp", "Kỳ báo cáo",
                                      "Đã báo cáo đến", "Cần báo cáo đến"]


def test_one_reading_gives_the_same_chase_list_and_rates(small_district):
    add_figures(small_district, [("999", "3.4", "2022-05", 9, 10), ("99901", "3.4", "2022-06", 9, 10)])
    with small_district.connect() as conn:
        cat = definitions.load_catalogue(conn)
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        together = completeness.chase_and_rate(conn, cat, units, 2022, 6)
    apart = chase(small_district, 2022, 6)
    assert together[0].equals(apart[0]) and together[1].equals(apart[1])


def test_rates_read_with_a_label_and_a_total(small_district):
    with small_district.connect() as conn:
        cat = definitions.load_catalogue(conn)
    _, rates = chase(small_district, 2022, 2)
    frame = completeness.rate_frame(rates, cat).set_index("area")
    assert frame.loc[3, "name"] == f"3. {cat.area_name(3)}"
    assert frame.loc[3, "rate_text"] == "0,0% (0/8)"
    assert frame.loc[1, "rate_text"] == "chưa có báo cáo đến hạn"
    assert frame.loc[0, "name"] == "Cả huyện" and frame.loc[0, "due"] == rates["due"].sum()
    assert completeness.rate_text(190, 200, "en") == "95.0% (190/200)"
    assert completeness.rate_text(1999, 2000) == "99,9% (1.999/2.000)"  # never 100% with one missing
    assert completeness.rate_text(2, 3) == "66,6% (2/3)"
