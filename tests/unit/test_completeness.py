"""The chase list and the reporting rate per area."""
from conftest import add_figures

from lib import catalogue, completeness, queries


def chase(engine, year, month):
    with engine.connect() as conn:
        cat = catalogue.load(conn)
        district = queries.default_district(conn)
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
