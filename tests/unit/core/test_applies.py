"""Which units an indicator applies to (lib.core.applies), on the edges of DOMAIN.md: 5.2 leaves out
the dbkk communes, 4.2 takes only partly self-financed public service units, and each indicator
covers only its levels."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from conftest import ROOT
from lib.core import applies
from lib.core.catalogue import IndicatorDef

with open(ROOT / "data" / "indicators.csv", encoding="utf-8", newline="") as f:
    IND = {r["code"]: IndicatorDef(**{**r, "area": int(r["area"]), "sort": i, "levels": tuple(r["levels"].split(";"))})
           for i, r in enumerate(csv.DictReader(f))}


def unit(level, dbkk=False, partly_self_financed=False) -> dict:
    return {"level": level, "dbkk": dbkk, "partly_self_financed": partly_self_financed}


@pytest.mark.parametrize("code, the_unit, reason", [
    ("5.2", unit("commune"), None),
    ("5.2", unit("commune", dbkk=True), applies.DBKK),
    ("5.1", unit("commune", dbkk=True), None),  # only 5.2 leaves the dbkk communes out
    ("5.2", unit("agency"), applies.OTHER_LEVEL),
    ("4.2", unit("psu", partly_self_financed=True), None),
    ("4.2", unit("psu"), applies.NOT_PARTLY_SELF_FINANCED),
    ("4.2", unit("commune", partly_self_financed=True), applies.OTHER_LEVEL),
    ("4.1", unit("agency"), None),
    ("4.1", unit("commune"), applies.OTHER_LEVEL),
    ("1.1", unit("commune"), None),
    ("1.1", unit("agency"), applies.OTHER_LEVEL),
    ("7.2", unit("agency"), None),
    ("7.2", unit("commune"), None),
    ("7.2", unit("district"), applies.OTHER_LEVEL),
    ("6.2", unit("district"), None),
    ("6.2", unit(None), applies.OTHER_LEVEL),  # a province reports nothing itself
])
def test_why_not_on_the_edges(code, the_unit, reason):
    assert applies.why_not(IND[code], the_unit) == reason
    assert applies.applies(IND[code], the_unit) is (reason is None)


def test_the_frame_form_agrees_with_one_unit_at_a_time():
    units = pd.DataFrame([unit(level, dbkk, financed) for level in ("district", "agency", "commune", "psu", None)
                          for dbkk in (False, True) for financed in (False, True)])
    for ind in IND.values():
        together = applies.applies_to(ind, units)
        one_by_one = [applies.applies(ind, row) for row in units.to_dict("records")]
        assert together.tolist() == one_by_one, ind.code
        # rows of the indicator's levels that its scope leaves out are the not applicable ones
        assert (applies.of_levels(ind, units) & ~applies.in_scope(ind, units)).tolist() == [
            applies.why_not(ind, row) in (applies.DBKK, applies.NOT_PARTLY_SELF_FINANCED)
            for row in units.to_dict("records")], ind.code
