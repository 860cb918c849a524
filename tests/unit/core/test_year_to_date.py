"""Year-to-date pooling (lib.core.year_to_date), without a database: which rows count as of a month,
how ratios and yes/no measures pool, and the pooled figure judged on a strict (`>98`) and an
inclusive (`>=20`) target exactly as DOMAIN.md says."""
from __future__ import annotations

import csv
from fractions import Fraction

import pandas as pd

from conftest import ROOT
from lib.core import status as st
from lib.core import year_to_date
from lib.core.catalogue import Catalogue, IndicatorDef, TargetRule
from lib.core.scoring import score


def catalogue() -> Catalogue:
    """The catalogue of data/*.csv with its 2022 targets, read without a database."""
    def rows(name):
        with open(ROOT / "data" / name, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    indicators = [IndicatorDef(**{**r, "area": int(r["area"]), "sort": i, "levels": tuple(r["levels"].split(";"))})
                  for i, r in enumerate(rows("indicators.csv"))]
    targets: dict = {}
    for r in rows("targets_2022.csv"):
        targets.setdefault(r["indicator"], {}).setdefault(int(r["year"]), {})[r["level"]] = TargetRule(
            r["op"], Fraction(r["value"]), Fraction(r["tolerance"]), int(r["year"]))
    areas = {int(r["area"]): (r["name_vi"], r["name_en"]) for r in rows("areas.csv")}
    return Catalogue(areas=areas, indicators=indicators, targets=targets)


CATALOGUE = catalogue()
# unit 1 (the district itself) and unit 2 (a commune), quarterly: 3.4 dossiers on time, 3.3 results
# digitised, 1.1 the commune's plan (yes/no)
ROWS = pd.DataFrame([
    (1, "3.4", 3, 490, 500), (1, "3.4", 6, 490, 500), (1, "3.4", 9, 500, 500),
    (2, "3.4", 3, 100, 100),
    (1, "3.3", 3, 19, 100), (1, "3.3", 6, 21, 100),
    (2, "1.1", 3, 0, 1), (2, "1.1", 6, 1, 1), (2, "1.1", 9, 0, 1),
], columns=["unit_id", "indicator", "month_to", "numerator", "denominator"])


def figures(month: int) -> dict:
    frame = year_to_date.as_of_months(ROWS, CATALOGUE, [month])[month]
    return {(u, i): (n, d) for u, i, n, d in frame[year_to_date.COLUMNS].itertuples(index=False)}


def test_rows_count_when_their_period_ends_by_the_month():
    assert year_to_date.counts(6, 6) and year_to_date.counts(3, 6) and not year_to_date.counts(9, 6)
    assert year_to_date.counts(ROWS["month_to"], 6).tolist() == [True, True, False, True, True, True, True, True, False]
    assert figures(2) == {}  # nothing ends by February
    assert figures(5) == {(1, "3.4"): (490, 500), (2, "3.4"): (100, 100), (1, "3.3"): (19, 100), (2, "1.1"): (0, 1)}


def test_ratios_sum_and_yes_no_is_done_once_any_row_says_so():
    got = figures(9)
    assert got[(1, "3.4")] == (1480, 1500) and got[(1, "3.3")] == (40, 200)
    assert got[(2, "1.1")] == (1, 1)  # done in Q2, still done after a 0 in Q3


def test_pool_takes_sums_and_the_largest_numerator():
    sums = pd.DataFrame({"unit_id": [1, 2], "indicator": ["3.4", "1.1"], "numerator": [7, 2],
                         "denominator": [9, 3], "done": [5, 1]})
    assert year_to_date.pool(sums, CATALOGUE).values.tolist() == [[1, "3.4", 7, 9], [2, "1.1", 1, 1]]


UNITS = pd.DataFrame([(1, "D", "Huyện", "huyen", "district", False, False),
                      (2, "C", "Xã", "xa", "commune", False, False)],
                     columns=["id", "code", "name", "kind", "level", "dbkk", "partly_self_financed"])


def test_the_pooled_figure_on_a_strict_and_an_inclusive_target():
    # 3.4 (>98): 490/500 + 100/100 = 590/600 = 98.33% in June is met; the district's own 980/1000 is
    # exactly 98%, which is not more than 98 (close, within the tolerance)
    scores = score(CATALOGUE, UNITS, year_to_date.as_of_months(ROWS, CATALOGUE, [6])[6], 2022, 6)
    units = scores.units.set_index(["indicator", "unit_code"])
    assert units.loc[("3.4", "D"), "status"] == st.CLOSE
    district = scores.district.set_index("indicator")
    assert (district.loc["3.4", "numerator"], district.loc["3.4", "denominator"]) == (1080, 1100)
    assert district.loc["3.4", "status"] == st.MET  # 98.18%
    # 3.3 (>=20 for each level): 40/200 is exactly 20%, which is at least 20 (met)
    assert (units.loc[("3.3", "D"), "numerator"], units.loc[("3.3", "D"), "denominator"]) == (40, 200)
    assert units.loc[("3.3", "D"), "status"] == st.MET
