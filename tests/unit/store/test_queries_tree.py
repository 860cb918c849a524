"""The queries over a tree of several districts (a province, or every province): the units under
roots, the year-to-date figures chosen in SQL, month by month, and the scores of several roots.
SQLite and PostgreSQL (the `engine` fixture)."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.store import queries, results
from lib.core.scoring import score
from tests.conftest import add_figures, add_units
from lib.store import definitions

PROVINCES = [
    # code, name, kind, parent, dbkk, partly_self_financed
    ("98", "Tỉnh Một", "tinh", None, 0, 0),
    ("981", "Huyện A", "huyen", "98", 0, 0),
    ("981-NV", "Phòng Nội vụ A", "co_quan", "981", 0, 0),
    ("98101", "Xã A1", "xa", "981", 0, 0),
    ("98102", "Xã A2", "xa", "981", 1, 0),
    ("982", "Huyện B", "huyen", "98", 0, 0),
    ("98201", "Thị trấn B1", "thi_tran", "982", 0, 0),
    ("97", "Tỉnh Hai", "tinh", None, 0, 0),
    ("971", "Huyện C", "huyen", "97", 0, 0),
    ("97101", "Xã C1", "xa", "971", 0, 0),
]

FIGURES = [
    ("98101", "3.4", "2025-01", 90, 100), ("98101", "3.4", "2025-02", 99, 100), ("98101", "3.4", "2025-03", 50, 50),
    ("98102", "3.4", "2025-02", 10, 20), ("98201", "3.4", "2025-Q1", 30, 30), ("97101", "3.4", "2025-03", 7, 10),
    ("981", "3.4", "2025-01", 500, 510), ("98101", "1.1", "2025-01", 0, 1), ("98101", "1.1", "2025-02", 1, 1),
    ("981-NV", "7.2", "2025-Q1", 40, 100), ("98102", "5.2", "2025-03", 9, 10), ("97101", "3.4", "2024-12", 1, 2),
]


@pytest.fixture
def tree(engine):
    ids = add_units(engine, PROVINCES)
    add_figures(engine, FIGURES)
    return engine, ids


def test_top_units_in_set_up_order(tree):
    engine, ids = tree
    with engine.connect() as conn:
        assert [u["code"] for u in queries.top_units(conn)] == ["98", "97"]
        assert queries.default_root(conn)["code"] == "98"


def test_units_under_one_or_several_roots(tree):
    engine, ids = tree
    with engine.connect() as conn:
        province = queries.units_of(conn, ids["98"])
        district = queries.units_of(conn, ids["981"])
        both = queries.units_under(conn, [ids["98"], ids["97"]])
    assert province["code"].tolist() == ["98", "981", "982", "981-NV", "98101", "98102", "98201"]
    assert province["level"].tolist()[1:] == ["district", "district", "agency", "commune", "commune", "commune"]
    assert province["dbkk"].tolist() == [False, False, False, False, False, True, False]
    assert district["code"].tolist() == ["981", "981-NV", "98101", "98102"]
    assert sorted(both["code"]) == sorted(code for code, *_ in PROVINCES)
    assert list(both.columns) == queries.UNIT_FRAME_COLUMNS


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["unit_id", "indicator"]).reset_index(drop=True)


@pytest.mark.parametrize("month", [1, 2, 3, 12])
def test_year_to_date_under_and_by_month_agree_with_the_list_of_ids(tree, month):
    engine, ids = tree
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        units = queries.units_of(conn, ids["98"])
        by_ids = queries.year_to_date(conn, catalogue, units["id"].tolist(), 2025, month)
        under = queries.year_to_date_under(conn, catalogue, [ids["98"]], 2025, month)
        months = queries.year_to_date_months(conn, catalogue, [ids["98"]], 2025, [1, month])
    pd.testing.assert_frame_equal(_sorted(under), _sorted(by_ids))
    pd.testing.assert_frame_equal(_sorted(months[month]), _sorted(by_ids))
    unit_of = dict(zip(units["id"], units["code"]))
    figures = {(unit_of[u], i): (n, d) for u, i, n, d in under.itertuples(index=False)}
    assert "97101" not in {code for code, _ in figures}  # another province
    if month >= 3:
        assert figures[("98101", "3.4")] == (239, 250)
        assert figures[("98201", "3.4")] == (30, 30)
    if month == 2:
        assert figures[("98101", "1.1")] == (1, 1)  # yes/no: done once any row says done
        assert figures[("98102", "3.4")] == (10, 20)


def test_scores_of_several_roots_pool_them_all(tree):
    engine, ids = tree
    with engine.connect() as conn:
        catalogue = definitions.load_catalogue(conn)
        national = results.scores_of_roots(conn, 2025, 3, catalogue=catalogue)
        one = results.scores_of_roots(conn, 2025, 3, [ids["98"]], catalogue=catalogue)
        province = results.district_scores(conn, 2025, 3, root_id=ids["98"], catalogue=catalogue)
        units = queries.units_under(conn, [ids["98"], ids["97"]])
        expected = score(catalogue, units, queries.year_to_date(conn, catalogue, units["id"].tolist(), 2025, 3),
                         2025, 3)
    pd.testing.assert_frame_equal(one.units, province.units)
    pd.testing.assert_frame_equal(national.units, expected.units)
    pd.testing.assert_frame_equal(national.district, expected.district)
    whole = national.district.set_index("indicator")
    assert (whole.loc["3.4", "numerator"], whole.loc["3.4", "denominator"]) == (239 + 10 + 30 + 7 + 500, 250 + 20 + 30 + 10 + 510)
    assert national.whole == "tinh"
