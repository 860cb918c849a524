"""What the units reported (lib.store.queries.last_reported): per unit, indicator and year, the last
month, the granularity and the first month a report said done, this year up to the as-of month and
all of last year, for the units asked."""
from conftest import add_figures

from lib.store import queries


def read(engine, codes, year, month):
    with engine.connect() as conn:
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        ids = units[units["code"].isin(codes)]["id"].tolist()
        frame = queries.last_reported(conn, ids, year, month)
    code_of = dict(zip(units["id"], units["code"]))
    return sorted((code_of[u], i, int(y), int(m), g) for u, i, y, m, g, _ in frame.itertuples(index=False))


def test_this_year_up_to_the_month_and_all_of_last_year(small_district):
    add_figures(small_district, [
        ("999", "3.4", "2022-05", 9, 10), ("999", "3.4", "2022-07", 9, 10),  # July is after the as-of month
        ("99902", "3.4", "2022-Q1", 9, 10), ("99902", "3.4", "2021-Q4", 9, 10),
        ("99901", "3.4", "2021-11", 9, 10), ("99901", "3.4", "2020", 9, 10),  # 2020: not read
    ])
    assert read(small_district, ["999", "99901", "99902"], 2022, 6) == [
        ("999", "3.4", 2022, 5, "M"), ("99901", "3.4", 2021, 11, "M"),
        ("99902", "3.4", 2021, 12, "Q"), ("99902", "3.4", 2022, 3, "Q")]


def test_only_the_units_asked_for_are_read_however_many(small_district, monkeypatch):
    add_figures(small_district, [("999", "3.4", "2022-05", 9, 10), ("99901", "3.4", "2022-06", 9, 10)])
    assert read(small_district, ["99901"], 2022, 6) == [("99901", "3.4", 2022, 6, "M")]
    monkeypatch.setattr(queries, "MAX_BOUND_IDS", 0)  # too many ids to bind: filtered after reading
    assert read(small_district, ["99901"], 2022, 6) == [("99901", "3.4", 2022, 6, "M")]
    assert read(small_district, [], 2022, 6) == []


def test_the_first_month_a_report_said_done(small_district):
    add_figures(small_district, [
        ("99901", "1.2a", "2022-Q1", 0, 1), ("99901", "1.2a", "2022-Q2", 1, 1), ("99901", "1.2a", "2022-Q3", 1, 1),
        ("99902", "1.2a", "2022-Q1", 0, 1),
    ])
    with small_district.connect() as conn:
        units = queries.units_of(conn, queries.default_root(conn)["id"])
        frame = queries.last_reported(conn, units["id"].tolist(), 2022, 9)
    code_of = dict(zip(units["id"], units["code"]))
    done = {code_of[r.unit_id]: r.first_done for r in frame.itertuples()}
    assert done["99901"] == 6  # Q2 said done first; Q3's later "done" does not move it
    assert done["99902"] != done["99902"]  # never done: NaN
