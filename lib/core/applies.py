"""Which units an indicator applies to: the one home of the rule (DOMAIN.md).

An indicator applies to a unit when the unit reports at one of the indicator's levels (district,
agency, commune, public service unit) and is in the indicator's scope: 5.2 leaves out the
ethnic-minority / extremely difficult communes (`dbkk`), 4.2 takes only the partly self-financed
public service units. Units are rows with `level`, `dbkk` and `partly_self_financed`.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lib.core.catalogue import IndicatorDef

# Why an indicator does not apply to a unit (`why_not`).
OTHER_LEVEL = "other_level"  # the unit reports at a level the indicator does not cover
DBKK = "dbkk"  # 5.2 in an ethnic-minority / extremely difficult commune
NOT_PARTLY_SELF_FINANCED = "not_partly_self_financed"  # 4.2 in a unit that is not partly self-financed
OUT_OF_SCOPE = {"not_dbkk": DBKK, "partly_self_financed": NOT_PARTLY_SELF_FINANCED}  # by IndicatorDef.scope


def of_levels(ind: IndicatorDef, units: pd.DataFrame) -> np.ndarray:
    """Which units report at one of the indicator's levels (each gets a row in the scores and the
    export, applicable or not)."""
    return np.isin(units["level"].to_numpy(dtype=object), list(ind.levels))


def in_scope(ind: IndicatorDef, units: pd.DataFrame) -> np.ndarray:
    """Which units the indicator's scope keeps (5.2: not flagged dbkk; 4.2: partly self-financed)."""
    if ind.scope == "not_dbkk":
        return ~units["dbkk"].to_numpy(dtype=bool)
    if ind.scope == "partly_self_financed":
        return units["partly_self_financed"].to_numpy(dtype=bool)
    return np.ones(len(units), dtype=bool)


def applies_to(ind: IndicatorDef, units: pd.DataFrame) -> np.ndarray:
    """Which of `units` the indicator applies to: of its levels and in its scope."""
    return of_levels(ind, units) & in_scope(ind, units)


def why_not(ind: IndicatorDef, unit: Mapping) -> str | None:
    """None when the indicator applies to the unit, else why not: OTHER_LEVEL, DBKK or
    NOT_PARTLY_SELF_FINANCED."""
    frame = pd.DataFrame([{"level": unit["level"], "dbkk": bool(unit["dbkk"]),
                           "partly_self_financed": bool(unit["partly_self_financed"])}])
    if not of_levels(ind, frame)[0]:
        return OTHER_LEVEL
    if not in_scope(ind, frame)[0]:
        return OUT_OF_SCOPE[ind.scope]
    return None


def applies(ind: IndicatorDef, unit: Mapping) -> bool:
    """Whether the indicator applies to one unit (a row of the units frame, or a dict)."""
    return why_not(ind, unit) is None
