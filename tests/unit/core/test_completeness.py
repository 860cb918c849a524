"""The chase list and the reporting rate per area (lib.core.completeness), from what the small
district reported (read by lib.store.queries.last_reported; the read itself is tested in
tests/unit/store/test_last_reported.py, the words in tests/unit/present/test_reporting.py)."""
from conftest import add_figures

from lib.core import completeness
from lib.store import definitions, queries


def chase(engine, year, month):
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        reported = queries.last_reported(conn, units["id"].tolist(), year, month)
    return completeness.chase_and_rate(cat, units, reported, year, month)


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
    assert list(missing.columns) == completeness.CHASE_COLUMNS
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


def test_last_years_granularity_is_kept_until_this_year_has_a_report(small_district):
    add_figures(small_district, [("99902", "3.4", "2021-Q4", 9, 10)])  # quarterly last year
    missing, _ = chase(small_district, 2022, 2)
    assert "99902" not in pairs(missing, "3.4")  # nothing due from a quarterly unit in February
    assert {"999", "99901", "99903"} <= pairs(missing, "3.4")


def test_in_february_only_monthly_reports_are_due(small_district):
    missing, rates = chase(small_district, 2022, 2)
    assert set(missing["indicator"]) == {"3.1b", "3.4"}  # monthly by the catalogue's usual period
    assert rates.set_index("area").loc[3, "due"] == 2 * 4
    assert rates.set_index("area").loc[1, "due"] == 0


def test_the_chase_list_filters_by_area_and_level(small_district):
    missing, _ = chase(small_district, 2022, 6)
    only = completeness.filter_chase(missing, areas=[3], levels=["district"])
    assert set(only["area"]) == {3} and set(only["level"]) == {"district"} and len(only)
    assert len(completeness.filter_chase(missing)) == len(missing)


def test_issues_fixed_are_due_only_from_a_commune_inspected_by_then(small_district):
    add_figures(small_district, [
        ("99901", "1.2a", "2022-Q1", 1, 1),  # inspected in Q1: 1.2b due for Q1 onwards
        ("99902", "1.2a", "2022-Q1", 0, 1), ("99902", "1.2a", "2022-Q2", 1, 1),  # inspected in Q2
        ("99903", "1.2a", "2022-Q1", 0, 1), ("99903", "1.2a", "2022-Q2", 0, 1),  # not inspected
        ("99902", "1.2b", "2022-Q2", 2, 3),
    ])
    by_march, rates_march = chase(small_district, 2022, 3)
    assert pairs(by_march, "1.2b") == {"99901"}  # 99902 and 99903 had not been inspected by March
    by_june, rates_june = chase(small_district, 2022, 6)
    assert pairs(by_june, "1.2b") == {"99901"}  # 99902 reported its Q2; 99903 still owes nothing
    # area 1 in June: 1.1 and 1.3 from three communes, 1.2a from three, 1.2b from the two inspected;
    # received: 1.2a from all three (99901's Q1 "done" stays done), 1.2b from 99902
    area1 = rates_june.set_index("area").loc[1]
    assert (area1["due"], area1["received"]) == (3 + 3 + 3 + 2, 3 + 1)
    assert "99901" not in pairs(by_june, "1.2a")
    # an inspection reported done in a month that a quarterly 1.2b period has not ended yet
    add_figures(small_district, [("99903", "1.2a", "2022-07", 1, 1)])
    assert "99903" not in pairs(chase(small_district, 2022, 7)[0], "1.2b")
    assert "99903" in pairs(chase(small_district, 2022, 9)[0], "1.2b")
