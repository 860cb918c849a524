"""The status rules of DOMAIN.md, on lib.core.scoring alone: hand-built figures, no database.

Every expected status and number below was worked out by hand from DOMAIN.md (operators kept
with the target, default tolerance 5 points, pro-rata expectation for completion targets
before December, pooled ratios, not applicable / no data kept out of every aggregate).
"""
from __future__ import annotations

import csv
import math
from fractions import Fraction as F

import pandas as pd
import pytest

from conftest import ROOT
from lib.core import status as st
from lib.core.catalogue import Catalogue, IndicatorDef, TargetRule
from lib.core.scoring import Target, compare, decide, score
from lib.present import format as fmt

DATA = ROOT / "data"

MET, CLOSE, NOT_MET, NO_DATA, NA = st.MET, st.CLOSE, st.NOT_MET, st.NO_DATA, st.NOT_APPLICABLE


# --------------------------------------------------------------------------------------------
# building blocks
# --------------------------------------------------------------------------------------------

def rule(op: str, value, tolerance=5, year=2022) -> TargetRule:
    return TargetRule(op=op, value=F(value), tolerance=F(tolerance), year=year)


def make_catalogue(extra_targets=()) -> Catalogue:
    """The catalogue of data/*.csv (definitions and 2022 targets), read without a database,
    plus `extra_targets` given as (indicator, year, level, op, value, tolerance)."""
    with open(DATA / "areas.csv", encoding="utf-8", newline="") as f:
        areas = {int(r["area"]): (r["name_vi"], r["name_en"]) for r in csv.DictReader(f)}
    with open(DATA / "indicators.csv", encoding="utf-8", newline="") as f:
        indicators = [
            IndicatorDef(**{**r, "area": int(r["area"]), "sort": i, "levels": tuple(r["levels"].split(";"))})
            for i, r in enumerate(csv.DictReader(f))
        ]
    with open(DATA / "targets_2022.csv", encoding="utf-8", newline="") as f:
        rows = [(r["indicator"], int(r["year"]), r["level"], r["op"], r["value"], r["tolerance"])
                for r in csv.DictReader(f)]
    targets: dict = {}
    for code, year, level, op, value, tol in [*rows, *extra_targets]:
        targets.setdefault(code, {}).setdefault(year, {})[level] = rule(op, F(value), F(tol), year)
    return Catalogue(areas=areas, indicators=indicators, targets=targets)


LEVEL = {"huyen": "district", "co_quan": "agency", "xa": "commune", "thi_tran": "commune", "dvsn": "psu"}

# id, code, kind, dbkk, partly self-financed
UNITS = [
    (1, "D", "huyen", 0, 0),
    (11, "A1", "co_quan", 0, 0),
    (12, "A2", "co_quan", 0, 0),
    (21, "C1", "thi_tran", 0, 0),
    (22, "C2", "xa", 0, 0),
    (23, "C3", "xa", 1, 0),  # flagged ethnic-minority / extremely difficult: out of 5.2
    (31, "P1", "dvsn", 0, 1),  # partly self-financed: in 4.2
    (32, "P2", "dvsn", 0, 0),  # not partly self-financed: 4.2 does not apply
]
ID = {code: uid for uid, code, *_ in UNITS}


def make_units(units=UNITS) -> pd.DataFrame:
    return pd.DataFrame(
        [{"id": uid, "code": code, "name": f"Đơn vị {code}", "kind": kind, "level": LEVEL[kind],
          "parent_id": None if kind == "huyen" else 1, "dbkk": bool(dbkk), "partly_self_financed": bool(psf)}
         for uid, code, kind, dbkk, psf in units])


def make_ytd(rows, ids=ID) -> pd.DataFrame:
    """Year-to-date figures given as (unit code, indicator, numerator, denominator)."""
    return pd.DataFrame(
        [{"unit_id": ids[code], "indicator": ind, "numerator": n, "denominator": d} for code, ind, n, d in rows],
        columns=["unit_id", "indicator", "numerator", "denominator"],
    ).astype({"unit_id": "int64", "numerator": "int64", "denominator": "int64"})


def run(rows, indicator, month=12, year=2022, units=None, catalogue=None, ids=ID):
    units = make_units() if units is None else units
    return score(catalogue or make_catalogue(), units, make_ytd(rows, ids), year, month, indicators=[indicator])


def district_row(scores, indicator):
    d = scores.district.set_index("indicator")
    return d.loc[indicator]


def unit_rows(scores, indicator):
    u = scores.units
    return u[u["indicator"] == indicator].set_index("unit_code")


def level_rows(scores, indicator):
    lv = scores.levels
    return lv[lv["indicator"] == indicator].set_index("level")


def assert_figure(row, numerator, denominator, value, status):
    """numerator/denominator None means no figure: both missing and the value NaN."""
    assert row["status"] == status
    if numerator is None:
        assert pd.isna(row["numerator"]) and pd.isna(row["denominator"])
        assert math.isnan(row["value"])
    else:
        assert int(row["numerator"]) == numerator and int(row["denominator"]) == denominator
        assert row["value"] == pytest.approx(value, abs=1e-9)


# --------------------------------------------------------------------------------------------
# compare: exact, never rounded
# --------------------------------------------------------------------------------------------

COMPARE_CASES = [
    # numerator, denominator, op, target value, expected, id
    (4900, 5000, ">", 98, False, "98.0 is not >98"),
    (4900, 5000, ">=", 98, True, "98.0 is >=98"),
    (4901, 5000, ">", 98, True, "98.02 is >98"),
    (98001, 100000, ">", 98, True, "98.001 (shown 98.00) is >98"),
    (97999, 100000, ">=", 98, False, "97.999 (shown 98.00) is not >=98"),
    (20, 100, ">=", 20, True, "20.0 is >=20"),
    (1999, 10000, ">=", 20, False, "19.99 is not >=20"),
    (30, 100, ">", 30, False, "30.0 is not >30"),
    (80, 100, ">", 80, False, "80.0 is not >80"),
    (85, 100, ">=", 85, True, "85.0 is >=85"),
    (1, 3, ">=", F(100, 3), True, "1/3 is >=100/3 exactly"),
    (1, 3, ">", F(100, 3), False, "1/3 is not >100/3"),
    (1, 8, ">=", F(25, 2), True, "12.5 is >=12.5 (fractional target)"),
    (1, 8, ">", F(25, 2), False, "12.5 is not >12.5"),
    (0, 7, ">=", 0, True, "0 is >=0"),
    (5, 100, "<", 5, False, "5 is not <5"),
    (5, 100, "<=", 5, True, "5 is <=5"),
    (4, 100, "<", 5, True, "4 is <5"),
    (6, 100, "<=", 5, False, "6 is not <=5"),
]


@pytest.mark.parametrize("num,den,op,value,expected", [c[:5] for c in COMPARE_CASES],
                         ids=[c[5] for c in COMPARE_CASES])
def test_compare(num, den, op, value, expected):
    assert compare(num, den, op, F(value)) is expected


def test_compare_rejects_unknown_operator():
    with pytest.raises(ValueError):
        compare(1, 2, "==", F(50))


# --------------------------------------------------------------------------------------------
# decide: one figure against one target
# --------------------------------------------------------------------------------------------

R_34 = rule(">", 98)  # 3.4 on-time dossiers, rate
R_33 = rule(">=", 20)  # 3.3 digitised results, completion
R_31B = rule(">", 30)  # 3.1b online dossiers, rate
R_51 = rule(">=", 85)  # 5.1 cadres with a degree, rate
R_52 = rule(">", 80)  # 5.2 civil servants with a degree, rate
R_100 = rule(">=", 100)  # 1.1, 1.2a, 1.2b, ... 100%
R_72_AGENCY = rule(">=", 40)
R_72_COMMUNE = rule(">=", 30)

DECIDE_CASES = [
    # numerator, denominator, rule, kind, month, expected, id
    # strict versus inclusive
    (4900, 5000, R_34, "rate", 12, CLOSE, "3.4 98.0% not met but close"),
    (98, 100, R_34, "rate", 12, CLOSE, "3.4 98/100 close"),
    (4901, 5000, R_34, "rate", 12, MET, "3.4 98.02% met"),
    (98001, 100000, R_34, "rate", 12, MET, "3.4 98.001% (shown 98.00) met"),
    (100, 100, R_34, "rate", 12, MET, "3.4 100% met"),
    (20, 100, R_33, "completion", 12, MET, "3.3 20.0% met"),
    (1999, 10000, R_33, "completion", 12, CLOSE, "3.3 19.99% close"),
    (30, 100, R_31B, "rate", 12, CLOSE, "3.1b 30.0% not met (close)"),
    (3001, 10000, R_31B, "rate", 12, MET, "3.1b 30.01% met"),
    (80, 100, R_52, "rate", 12, CLOSE, "5.2 80.0% not met (close)"),
    (8001, 10000, R_52, "rate", 12, MET, "5.2 80.01% met"),
    (85, 100, R_51, "rate", 12, MET, "5.1 85% met"),
    (8499, 10000, R_51, "rate", 12, CLOSE, "5.1 84.99% close"),
    # close band: less than 5 points short
    (93, 100, R_34, "rate", 12, NOT_MET, "3.4 93% exactly not met"),
    (9301, 10000, R_34, "rate", 12, CLOSE, "3.4 93.01% close"),
    (0, 10, R_34, "rate", 12, NOT_MET, "3.4 0% not met"),
    (80, 100, R_51, "rate", 12, NOT_MET, "5.1 80% not met"),
    (805, 1000, R_51, "rate", 12, CLOSE, "5.1 80.5% close"),
    (15, 100, R_33, "completion", 12, NOT_MET, "3.3 15% not met"),
    (1501, 10000, R_33, "completion", 12, CLOSE, "3.3 15.01% close"),
    (25, 100, R_31B, "rate", 12, NOT_MET, "3.1b 25% not met"),
    (75, 100, R_52, "rate", 12, NOT_MET, "5.2 75% not met"),
    (95, 100, R_100, "completion", 12, NOT_MET, "100% target: 95% not met"),
    (951, 1000, R_100, "completion", 12, CLOSE, "100% target: 95.1% close"),
    (35, 100, R_72_AGENCY, "rate", 12, NOT_MET, "7.2 agency 35% not met"),
    (36, 100, R_72_AGENCY, "rate", 12, CLOSE, "7.2 agency 36% close"),
    (30, 100, R_72_COMMUNE, "rate", 12, MET, "7.2 commune 30% met"),
    (25, 100, R_72_COMMUNE, "rate", 12, NOT_MET, "7.2 commune 25% not met"),
    # tolerance 0: no close band; per-year tolerances
    (4900, 5000, rule(">", 98, 0), "rate", 12, NOT_MET, "tolerance 0: 98.0% not met"),
    (9799, 10000, rule(">", 98, 0), "rate", 12, NOT_MET, "tolerance 0: 97.99% not met"),
    (9801, 10000, rule(">", 98, 0), "rate", 12, MET, "tolerance 0: 98.01% met"),
    (84, 100, rule(">=", 85, 0), "rate", 12, NOT_MET, "tolerance 0: 5.1 84% not met"),
    (96, 100, rule(">", 98, 2), "rate", 12, NOT_MET, "tolerance 2: 96% not met"),
    (9601, 10000, rule(">", 98, 2), "rate", 12, CLOSE, "tolerance 2: 96.01% close"),
    (96, 100, rule(">", 98, 5), "rate", 12, CLOSE, "tolerance 5: 96% close"),
    (845, 1000, rule(">=", 85, F(1, 2)), "rate", 12, NOT_MET, "tolerance 0.5: 84.5% not met"),
    (8451, 10000, rule(">=", 85, F(1, 2)), "rate", 12, CLOSE, "tolerance 0.5: 84.51% close"),
    (89, 100, rule(">=", 100, 10), "rate", 12, NOT_MET, "tolerance 10: 89% not met"),
    (91, 100, rule(">=", 100, 10), "rate", 12, CLOSE, "tolerance 10: 91% close"),
    # downward targets
    (4, 100, rule("<", 5, 2), "rate", 12, MET, "<5: 4% met"),
    (5, 100, rule("<", 5, 2), "rate", 12, CLOSE, "<5: 5% close"),
    (7, 100, rule("<", 5, 2), "rate", 12, NOT_MET, "<5 tol 2: 7% not met"),
    (5, 100, rule("<=", 5, 2), "rate", 12, MET, "<=5: 5% met"),
    # in-year rule for completion targets: pro-rata target x month / 12
    (50, 100, R_100, "completion", 6, CLOSE, "1.2a June 50% close (pro-rata 50)"),
    (49, 100, R_100, "completion", 6, NOT_MET, "1.2a June 49% not met"),
    (100, 100, R_100, "completion", 6, MET, "1.2a June 100% met"),
    (99, 100, R_100, "completion", 6, CLOSE, "1.2a June 99% close"),
    (0, 1, R_100, "completion", 6, NOT_MET, "yes/no June not done: not met"),
    (1, 1, R_100, "completion", 6, MET, "yes/no June done: met"),
    (1, 12, R_100, "completion", 1, CLOSE, "January 1/12 exactly on track"),
    (8, 100, R_100, "completion", 1, NOT_MET, "January 8% below 8.33"),
    (3, 4, R_100, "completion", 9, CLOSE, "September 75% on track"),
    (74, 100, R_100, "completion", 9, NOT_MET, "September 74% not met"),
    (10, 100, R_33, "completion", 6, CLOSE, "3.3 June 10% on track (pro-rata 10)"),
    (999, 10000, R_33, "completion", 6, NOT_MET, "3.3 June 9.99% not met"),
    (20, 100, R_33, "completion", 6, MET, "3.3 June 20% met"),
    (16, 100, R_33, "completion", 11, NOT_MET, "3.3 November 16% below 18.33"),
    (55, 300, R_33, "completion", 11, CLOSE, "3.3 November 18.33% exactly on track"),
    (16, 100, R_33, "completion", 12, CLOSE, "3.3 December 16% close by tolerance"),
    # at year end the ordinary rule applies to completion targets
    (99, 100, R_100, "completion", 12, CLOSE, "1.2a December 99% close"),
    (50, 100, R_100, "completion", 12, NOT_MET, "1.2a December 50% not met"),
    (0, 1, R_100, "completion", 12, NOT_MET, "yes/no December not done"),
    # rate targets use the ordinary rule at any month
    (4900, 5000, R_34, "rate", 6, CLOSE, "3.4 June 98.0% close by tolerance"),
    (93, 100, R_34, "rate", 6, NOT_MET, "3.4 June 93% not met"),
    (50, 100, R_34, "rate", 6, NOT_MET, "3.4 June 50% not met (no pro-rata)"),
    (50, 100, R_100, "rate", 6, NOT_MET, "1.2b June 50% not met (no pro-rata)"),
    (80, 100, R_51, "rate", 3, NOT_MET, "5.1 March 80% not met"),
    (4901, 5000, R_34, "rate", 1, MET, "3.4 January 98.02% met"),
]


@pytest.mark.parametrize("num,den,target,kind,month,expected", [c[:6] for c in DECIDE_CASES],
                         ids=[c[6] for c in DECIDE_CASES])
def test_decide(num, den, target, kind, month, expected):
    assert decide(num, den, target, kind, month) == expected


# --------------------------------------------------------------------------------------------
# the catalogue the rules run on
# --------------------------------------------------------------------------------------------

KIND = {
    "1.1": "completion", "1.2a": "completion", "1.2b": "rate", "1.3": "completion", "2.1": "rate",
    "3.1a": "completion", "3.1b": "rate", "3.2a": "completion", "3.2b": "completion", "3.3": "completion",
    "3.4": "rate", "4.1": "completion", "4.2": "completion", "5.1": "rate", "5.2": "rate",
    "6.1": "completion", "6.2": "completion", "7.1": "completion", "7.2": "rate",
}
TARGET_TEXT_2022 = {
    "1.1": ">=100", "1.2a": ">=100", "1.2b": ">=100", "1.3": ">=100", "2.1": ">=100", "3.1a": ">=100",
    "3.1b": ">30", "3.2a": ">=100", "3.2b": ">=100", "3.4": ">98", "4.1": ">=100", "4.2": ">=100",
    "5.1": ">=85", "5.2": ">80", "6.1": ">=100", "6.2": ">=100", "7.1": ">=50",
}


@pytest.mark.parametrize("code", sorted(KIND))
def test_catalogue_kinds_and_targets(code):
    catalogue = make_catalogue()
    assert catalogue.by_code[code].kind == KIND[code]
    if code == "3.3":
        assert {lv: fmt.target_export(r) for lv, r in catalogue.targets_for(code, 2022).items()} == {
            "district": ">=20", "commune": ">=20"}
    elif code == "7.2":
        assert {lv: fmt.target_export(r) for lv, r in catalogue.targets_for(code, 2022).items()} == {
            "agency": ">=40", "commune": ">=30"}
    else:
        assert fmt.target_export(catalogue.target(code, 2022, "commune")) == TARGET_TEXT_2022[code]


# --------------------------------------------------------------------------------------------
# score: units, levels and the district as a whole
# --------------------------------------------------------------------------------------------

# indicator, figures, month, district (numerator, denominator, value, status), unit statuses, id
AGGREGATE_CASES = [
    # pooled ratio, not the mean of ratios: mean (100+100+85)/3 = 95 would be close
    ("3.4", [("D", "3.4", 100, 100), ("C1", "3.4", 100, 100), ("C2", "3.4", 850, 1000)], 12,
     (1050, 1200, 87.5, NOT_MET), {"D": MET, "C1": MET, "C2": NOT_MET, "C3": NO_DATA},
     "3.4 pooled not mean of ratios"),
    # pooled 1019/1020 met although the mean (90+100+100)/3 = 96.67 would be close
    ("3.4", [("D", "3.4", 9, 10), ("C1", "3.4", 1000, 1000), ("C2", "3.4", 10, 10)], 12,
     (1019, 1020, 101900 / 1020, MET), {"D": NOT_MET, "C1": MET, "C2": MET, "C3": NO_DATA},
     "3.4 pooled met, mean would be close"),
    # a unit with no rows is left out, never counted as 0
    ("3.4", [("D", "3.4", 99, 100)], 12,
     (99, 100, 99.0, MET), {"D": MET, "C1": NO_DATA, "C2": NO_DATA, "C3": NO_DATA},
     "3.4 units without rows left out"),
    ("3.4", [], 12, (None, None, None, NO_DATA),
     {"D": NO_DATA, "C1": NO_DATA, "C2": NO_DATA, "C3": NO_DATA}, "3.4 no data at all"),
    ("3.4", [("C1", "3.4", 98001, 100000), ("C2", "3.4", 4900, 5000)], 12,
     (102901, 105000, 102901 * 100 / 105000, MET), {"D": NO_DATA, "C1": MET, "C2": CLOSE, "C3": NO_DATA},
     "3.4 pooled 98.0009 met"),
    # 5.2: the flagged commune is not applicable even with bad figures, and out of the pool
    ("5.2", [("C1", "5.2", 81, 100), ("C2", "5.2", 79, 100), ("C3", "5.2", 0, 100)], 12,
     (160, 200, 80.0, CLOSE), {"C1": MET, "C2": CLOSE, "C3": NA}, "5.2 dbkk out of the pool"),
    ("5.2", [("C1", "5.2", 81, 100), ("C2", "5.2", 80, 100), ("C3", "5.2", 10, 100)], 12,
     (161, 200, 80.5, MET), {"C1": MET, "C2": CLOSE, "C3": NA}, "5.2 dbkk out, pooled met"),
    ("5.2", [("C3", "5.2", 90, 100)], 12,
     (None, None, None, NO_DATA), {"C1": NO_DATA, "C2": NO_DATA, "C3": NA}, "5.2 only dbkk reported"),
    ("5.2", [("C1", "5.2", 0, 0), ("C2", "5.2", 0, 0)], 12,
     (None, None, None, NA), {"C1": NA, "C2": NA, "C3": NA}, "5.2 all not applicable"),
    # 1.2b: no issues found is not applicable
    ("1.2b", [("C1", "1.2b", 0, 0), ("C2", "1.2b", 3, 4)], 12,
     (3, 4, 75.0, NOT_MET), {"C1": NA, "C2": NOT_MET, "C3": NO_DATA}, "1.2b 0/0 not applicable"),
    ("1.2b", [("C1", "1.2b", 0, 0), ("C2", "1.2b", 0, 0), ("C3", "1.2b", 0, 0)], 12,
     (None, None, None, NA), {"C1": NA, "C2": NA, "C3": NA}, "1.2b all not applicable"),
    ("1.2b", [("C1", "1.2b", 0, 0)], 12,
     (None, None, None, NO_DATA), {"C1": NA, "C2": NO_DATA, "C3": NO_DATA}, "1.2b n/a and no data"),
    ("1.2b", [("C1", "1.2b", 19, 20), ("C2", "1.2b", 1, 1)], 12,
     (20, 21, 2000 / 21, CLOSE), {"C1": NOT_MET, "C2": MET, "C3": NO_DATA}, "1.2b pooled 95.24 close"),
    # 2.1: no documents issued is not applicable
    ("2.1", [("D", "2.1", 0, 0), ("C1", "2.1", 5, 5)], 12,
     (5, 5, 100.0, MET), {"D": NA, "C1": MET, "C2": NO_DATA, "C3": NO_DATA}, "2.1 no documents n/a"),
    # 4.2: only partly self-financed units
    ("4.2", [("P1", "4.2", 1, 1), ("P2", "4.2", 0, 1)], 12,
     (1, 1, 100.0, MET), {"P1": MET, "P2": NA}, "4.2 not partly self-financed n/a"),
    ("4.2", [("P2", "4.2", 1, 1)], 12,
     (None, None, None, NO_DATA), {"P1": NO_DATA, "P2": NA}, "4.2 in-scope unit without data"),
    ("4.2", [("P1", "4.2", 0, 1)], 12,
     (0, 1, 0.0, NOT_MET), {"P1": NOT_MET, "P2": NA}, "4.2 not raised"),
    # share of units: numerator = units met, denominator = units with data
    ("1.1", [("C1", "1.1", 1, 1), ("C2", "1.1", 0, 1), ("C3", "1.1", 1, 1)], 12,
     (2, 3, 200 / 3, NOT_MET), {"C1": MET, "C2": NOT_MET, "C3": MET}, "1.1 share 2 of 3"),
    ("1.1", [("C1", "1.1", 1, 1)], 12,
     (1, 1, 100.0, MET), {"C1": MET, "C2": NO_DATA, "C3": NO_DATA}, "1.1 share, no data left out"),
    ("4.1", [("A1", "4.1", 1, 1), ("A2", "4.1", 1, 1)], 12,
     (2, 2, 100.0, MET), {"A1": MET, "A2": MET}, "4.1 share all agencies"),
    ("4.1", [("A1", "4.1", 1, 1), ("A2", "4.1", 0, 1)], 12,
     (1, 2, 50.0, NOT_MET), {"A1": MET, "A2": NOT_MET}, "4.1 share one of two"),
    ("4.1", [("A1", "4.1", 1, 1), ("A2", "4.1", 0, 1)], 6,
     (1, 2, 50.0, CLOSE), {"A1": MET, "A2": NOT_MET}, "4.1 June one of two on track"),
    ("6.1", [("A1", "6.1", 1, 1), ("A2", "6.1", 1, 1), ("C1", "6.1", 1, 1), ("C2", "6.1", 1, 1),
             ("C3", "6.1", 0, 1), ("D", "6.1", 0, 1)], 12,
     (4, 5, 80.0, NOT_MET), {"A1": MET, "A2": MET, "C1": MET, "C2": MET, "C3": NOT_MET},
     "6.1 share of agencies and communes, district not counted"),
    # district-only indicators: the unit's own value
    ("7.1", [("D", "7.1", 1, 2)], 12, (1, 2, 50.0, MET), {"D": MET}, "7.1 50% met"),
    ("7.1", [("D", "7.1", 9, 20)], 12, (9, 20, 45.0, NOT_MET), {"D": NOT_MET}, "7.1 45% not met"),
    ("7.1", [("D", "7.1", 2, 5)], 6, (2, 5, 40.0, CLOSE), {"D": CLOSE}, "7.1 June 40% on track (25)"),
    ("3.1a", [("D", "3.1a", 50, 100)], 6, (50, 100, 50.0, CLOSE), {"D": CLOSE}, "3.1a June 50% on track"),
    ("3.1a", [("D", "3.1a", 50, 100)], 12, (50, 100, 50.0, NOT_MET), {"D": NOT_MET}, "3.1a December 50%"),
    ("6.2", [("D", "6.2", 0, 1)], 12, (0, 1, 0.0, NOT_MET), {"D": NOT_MET}, "6.2 not done"),
    ("6.2", [("D", "6.2", 1, 1)], 3, (1, 1, 100.0, MET), {"D": MET}, "6.2 done in March"),
    ("6.2", [], 12, (None, None, None, NO_DATA), {"D": NO_DATA}, "6.2 no data"),
    # in-year: a rate target is not judged pro-rata
    ("3.1b", [("D", "3.1b", 30, 100), ("C1", "3.1b", 20, 100)], 6,
     (50, 200, 25.0, NOT_MET), {"D": CLOSE, "C1": NOT_MET, "C2": NO_DATA, "C3": NO_DATA},
     "3.1b June 25% not met"),
]


@pytest.mark.parametrize("indicator,rows,month,district,units", [c[:5] for c in AGGREGATE_CASES],
                         ids=[c[5] for c in AGGREGATE_CASES])
def test_aggregates(indicator, rows, month, district, units):
    scores = run(rows, indicator, month)
    assert_figure(district_row(scores, indicator), *district)
    got = unit_rows(scores, indicator)
    assert got["status"].to_dict() == units
    for code, status in units.items():
        if status in (NO_DATA, NA):
            assert math.isnan(got.loc[code, "value"])


def test_unit_values_and_targets_are_exact():
    scores = run([("C1", "3.4", 98001, 100000), ("C2", "3.4", 0, 0)], "3.4")
    u = unit_rows(scores, "3.4")
    assert u.loc["C1", "value"] == pytest.approx(98.001)
    assert int(u.loc["C1", "numerator"]) == 98001 and int(u.loc["C1", "denominator"]) == 100000
    assert u.loc["C2", "status"] == NA
    assert math.isnan(u.loc["C2", "value"])
    assert pd.isna(u.loc["D", "numerator"])
    assert set(u["target"]) == {Target(">", F(98))}
    assert district_row(scores, "3.4")["target"] == Target(">", F(98))


# 1.2a, share of communes as of a month, with 100 (or 21, 20) communes
SHARE_CASES = [
    # communes done, communes with data, month, expected district status, id
    (50, 100, 6, CLOSE, "June 50 of 100 close (pro-rata 50)"),
    (49, 100, 6, NOT_MET, "June 49 of 100 not met"),
    (100, 100, 6, MET, "June 100 of 100 met"),
    (75, 100, 9, CLOSE, "September 75 of 100 close"),
    (74, 100, 9, NOT_MET, "September 74 of 100 not met"),
    (99, 100, 12, CLOSE, "December 99 of 100 close (tolerance)"),
    (50, 100, 12, NOT_MET, "December 50 of 100 not met"),
    (20, 21, 12, CLOSE, "December 20 of 21 = 95.24 close"),
    (19, 20, 12, NOT_MET, "December 19 of 20 = 95.0 not met"),
    (20, 20, 12, MET, "December 20 of 20 met"),
]


@pytest.mark.parametrize("done,reported,month,expected", [c[:4] for c in SHARE_CASES],
                         ids=[c[4] for c in SHARE_CASES])
def test_share_of_communes_in_year(done, reported, month, expected):
    communes = [(100 + i, f"X{i:03d}", "xa", 0, 0) for i in range(reported + 3)]  # 3 never report
    units = make_units([(1, "D", "huyen", 0, 0), *communes])
    ids = {code: uid for uid, code, *_ in communes}
    rows = [(f"X{i:03d}", "1.2a", 1 if i < done else 0, 1) for i in range(reported)]
    scores = run(rows, "1.2a", month, units=units, ids=ids)
    assert_figure(district_row(scores, "1.2a"), done, reported, 100 * done / reported, expected)
    statuses = unit_rows(scores, "1.2a")["status"]
    assert (statuses == MET).sum() == done
    assert (statuses == NOT_MET).sum() == reported - done
    assert (statuses == NO_DATA).sum() == 3


# 3.3: at least 20% for each level; the district's status is the worst level's
PER_LEVEL_33 = [
    # figures, month, district (num, den, status), level statuses (district, commune), id
    ([("D", 25, 100), ("C1", 10, 100), ("C2", 20, 100)], 12, (55, 300, NOT_MET), (MET, NOT_MET),
     "district 25 communes 15: not met"),
    ([("D", 25, 100), ("C1", 11, 100), ("C2", 20, 100)], 12, (56, 300, CLOSE), (MET, CLOSE),
     "district 25 communes 15.5: close"),
    ([("D", 20, 100), ("C1", 20, 100), ("C2", 20, 100)], 12, (60, 300, MET), (MET, MET),
     "both exactly 20: met"),
    ([("D", 10, 100), ("C1", 50, 100), ("C2", 50, 100)], 12, (110, 300, NOT_MET), (NOT_MET, MET),
     "pooled 36.7 but district 10: not met"),
    ([("D", 19, 100), ("C1", 40, 100), ("C2", 40, 100)], 12, (99, 300, CLOSE), (CLOSE, MET),
     "district 19 close"),
    ([("D", 25, 100), ("C1", 10, 100), ("C2", 20, 100)], 6, (55, 300, CLOSE), (MET, CLOSE),
     "June communes 15 on track (10)"),
    ([("D", 25, 100), ("C1", 9, 100), ("C2", 10, 100)], 6, (44, 300, NOT_MET), (MET, NOT_MET),
     "June communes 9.5 below 10"),
    ([("D", 25, 100)], 12, (25, 100, NO_DATA), (MET, NO_DATA), "communes without data: no data"),
    ([("D", 10, 100)], 12, (10, 100, NOT_MET), (NOT_MET, NO_DATA), "district failing, communes no data"),
    ([("C1", 0, 0), ("C2", 0, 0), ("C3", 0, 0), ("D", 30, 100)], 12, (30, 100, MET), (MET, NA),
     "communes not applicable: the district level decides"),
]


@pytest.mark.parametrize("figures,month,district,levels", [c[:4] for c in PER_LEVEL_33],
                         ids=[c[4] for c in PER_LEVEL_33])
def test_per_level_3_3(figures, month, district, levels):
    scores = run([(code, "3.3", n, d) for code, n, d in figures], "3.3", month)
    d = district_row(scores, "3.3")
    num, den, status = district
    assert d["status"] == status
    assert int(d["numerator"]) == num and int(d["denominator"]) == den
    assert d["value"] == pytest.approx(100 * num / den)
    lv = level_rows(scores, "3.3")
    assert (lv.loc["district", "status"], lv.loc["commune", "status"]) == levels
    assert set(unit_rows(scores, "3.3")["target"]) == {Target(">=", F(20))}


# 7.2: agencies pooled against 40, communes pooled against 30; the value pooled over all
PER_LEVEL_72 = [
    # figures, district (num, den, status), level statuses (agency, commune), id
    ([("A1", 35, 100), ("A2", 45, 100), ("C1", 25, 100), ("C2", 35, 100)], (140, 400, MET), (MET, MET),
     "agencies 40 communes 30: met"),
    ([("A1", 39, 100), ("A2", 40, 100), ("C1", 30, 100), ("C2", 30, 100)], (139, 400, CLOSE), (CLOSE, MET),
     "agencies 39.5: close"),
    ([("A1", 45, 100), ("A2", 45, 100), ("C1", 25, 100), ("C2", 25, 100)], (140, 400, NOT_MET),
     (MET, NOT_MET), "communes 25 not met although the pooled 35 passes 30"),
    ([("A1", 35, 100), ("A2", 35, 100), ("C1", 50, 100), ("C2", 50, 100)], (170, 400, NOT_MET),
     (NOT_MET, MET), "agencies 35 not met although the pooled 42.5 passes 40"),
    ([("A1", 36, 100), ("C1", 36, 100)], (72, 200, CLOSE), (CLOSE, MET),
     "36% is close for an agency, met for a commune"),
]


@pytest.mark.parametrize("figures,district,levels", [c[:3] for c in PER_LEVEL_72],
                         ids=[c[3] for c in PER_LEVEL_72])
def test_per_level_7_2(figures, district, levels):
    scores = run([(code, "7.2", n, d) for code, n, d in figures], "7.2")
    d = district_row(scores, "7.2")
    num, den, status = district
    assert d["status"] == status
    assert int(d["numerator"]) == num and int(d["denominator"]) == den
    assert d["value"] == pytest.approx(100 * num / den)
    assert d["target"] == (Target(">=", F(40), "agency"), Target(">=", F(30), "commune"))
    lv = level_rows(scores, "7.2")
    assert (lv.loc["agency", "status"], lv.loc["commune", "status"]) == levels
    assert (lv.loc["agency", "target"], lv.loc["commune", "target"]) == (Target(">=", F(40)), Target(">=", F(30)))
    u = unit_rows(scores, "7.2")
    agency, commune = Target(">=", F(40)), Target(">=", F(30))
    assert u["target"].to_dict() == {"A1": agency, "A2": agency, "C1": commune, "C2": commune, "C3": commune}


def test_7_2_unit_statuses_use_their_level_target():
    scores = run([("A1", "7.2", 36, 100), ("A2", "7.2", 35, 100), ("C1", "7.2", 36, 100),
                  ("C2", "7.2", 25, 100), ("C3", "7.2", 2501, 10000)], "7.2")
    assert unit_rows(scores, "7.2")["status"].to_dict() == {
        "A1": CLOSE, "A2": NOT_MET, "C1": MET, "C2": NOT_MET, "C3": CLOSE}


# targets per year: a year without its own targets uses the latest earlier year's
YEAR_CASES = [
    # year, D's figure, expected status of D (3.4), expected target text, id
    (2022, (97, 100), CLOSE, ">98", "2022 own targets"),
    (2023, (97, 100), MET, ">95", "2023 own targets"),
    (2024, (97, 100), MET, ">95", "2024 uses 2023"),
    (2024, (94, 100), CLOSE, ">95", "2024 close band of 2023 (tolerance 2)"),
    (2024, (93, 100), NOT_MET, ">95", "2024 93 not met with tolerance 2"),
    (2022, (93, 100), NOT_MET, ">98", "2022 93 not met"),
    (2021, (97, 100), CLOSE, ">98", "before the first plan year: the earliest"),
]


@pytest.mark.parametrize("year,figure,expected,target", [c[:4] for c in YEAR_CASES],
                         ids=[c[4] for c in YEAR_CASES])
def test_targets_of_a_later_year(year, figure, expected, target):
    catalogue = make_catalogue([("3.4", 2023, "all", ">", "95", "2")])
    scores = run([("D", "3.4", *figure)], "3.4", year=year, catalogue=catalogue)
    d = district_row(scores, "3.4")
    assert d["status"] == expected and fmt.target_export(d["target"]) == target
    assert unit_rows(scores, "3.4").loc["D", "status"] == expected


@pytest.mark.parametrize("year,figure,expected", [
    pytest.param(2022, (84, 100), CLOSE, id="2022 tolerance 5: 84 close"),
    pytest.param(2023, (84, 100), NOT_MET, id="2023 tolerance 0: 84 not met"),
    pytest.param(2025, (84, 100), NOT_MET, id="2025 keeps 2023 tolerance 0"),
    pytest.param(2023, (85, 100), MET, id="2023 85 met"),
])
def test_tolerance_changed_for_a_year(year, figure, expected):
    catalogue = make_catalogue([("5.1", 2023, "all", ">=", "85", "0")])
    scores = run([("C1", "5.1", *figure)], "5.1", year=year, catalogue=catalogue)
    assert district_row(scores, "5.1")["status"] == expected


def test_all_indicators_on_no_data():
    catalogue = make_catalogue()
    scores = score(catalogue, make_units(), make_ytd([]), 2022, 12)
    assert list(scores.district["indicator"]) == [i.code for i in catalogue.indicators]
    assert set(scores.district["status"]) == {NO_DATA}
    # every unit of the indicator's levels has a row; only the out-of-scope ones are n/a
    expected_rows = {"district": 1, "agency": 2, "commune": 3, "psu": 2}
    for ind in catalogue.indicators:
        u = unit_rows(scores, ind.code)
        assert len(u) == sum(expected_rows[lv] for lv in ind.levels), ind.code
    na = scores.units[scores.units["status"] == NA]
    assert sorted(zip(na["indicator"], na["unit_code"])) == [("4.2", "P2"), ("5.2", "C3")]


def test_no_unit_of_a_level():
    """A district with no public service unit at all: 4.2 does not apply, and nothing breaks."""
    units = make_units([u for u in UNITS if u[2] != "dvsn"])
    scores = run([], "4.2", units=units)
    assert district_row(scores, "4.2")["status"] == NA
    assert unit_rows(scores, "4.2").empty
