"""What would lift the whole to its target: for an indicator the whole (toàn huyện, toàn tỉnh) does not
meet, the fewest units whose reaching their own target would make the whole meet it, and how much each
must add. No SQL, no Streamlit, no words (lib.present.lift_text words it).

The rule is the one scoring uses (lib.core.scoring): a ratio's whole pools the units' numerators over
their denominators; a yes/no indicator's whole is the share of units that meet; 3.3 and 7.2 are
judged level by level, each level pooled against its own target, the whole meeting when every level
does. A unit reaching its own target (its level's target) adds to the pooled numerator what it lacks
(lib.core.scoring.shortfall; one unit for a yes/no indicator) and leaves the denominator as it is, so
the whole meets exactly when the additions reach what the whole lacks, decided on the same integers.

A unit without figures is out of the pool: it has no denominator, so what its reaching its target
would add is unknown, and it is never part of the set (`Lift.no_data` names those left out). A unit
whose figure does not count (not applicable) is out of the pool too.

Fewest units first; among sets of that size, the least total added; among those, the units earliest
in the scores' order. `choose` finds that set exactly (a dynamic programme over the sums, tested against
every subset in tests/unit/core/test_lift.py); taking the units that add most first gives the fewest
units but not always the least total.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib.core import status as st
from lib.core.catalogue import Catalogue, TargetRule
from lib.core.scoring import COUNTED_STATUSES, Scores, compare, shortfall

# Why no set lifts the whole (`Lift.reason`).
EVEN_ALL = "even_all"  # every unit at its own target still leaves the whole short
UPPER_BOUND = "upper_bound"  # the whole's target is an upper bound (`<`, `<=`): units reaching theirs add nothing
LEVEL_NO_DATA = "level_no_data"  # a level the whole is judged on (3.3, 7.2) has no figures at all
TOO_LARGE = "too_large"  # more sums to weigh than MAX_CELLS: not computed
REASONS = (EVEN_ALL, UPPER_BOUND, LEVEL_NO_DATA, TOO_LARGE)

MAX_CELLS = 20_000_000  # units x possible sums `choose` may weigh (40 MB)


@dataclass(frozen=True)
class Step:
    """One unit of the set: it reaches its own target by adding `add` to its numerator (1 for a yes/no
    indicator: the unit done)."""

    unit_code: str
    unit_name: str
    level: str
    add: int


@dataclass(frozen=True)
class Lift:
    """What would lift the whole on one indicator: the `steps` (the largest addition first, then the
    scores' order), or the `reason` none exists (`level`: the level it concerns, for LEVEL_NO_DATA).
    `no_data`: the names of the units left out of the pool for having no figures."""

    indicator: str
    measure: str  # yes_no | ratio
    steps: tuple[Step, ...] = ()
    reason: str | None = None
    level: str = ""
    no_data: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(step.add for step in self.steps)


def choose(adds: Sequence[int], needed: int) -> tuple[int, ...] | None:
    """The positions of the fewest of `adds` (each > 0) whose sum reaches `needed`; among those, the
    least sum; among those, the earliest positions. () when nothing is needed; None when all of them
    together fall short. Raises OverflowError past MAX_CELLS.

    The fewest is k, the smallest count whose k largest adds reach `needed`. The least sum of k adds
    reaching `needed` is below `needed` + the smallest of them (else that one could go, and k - 1
    would do), so only sums up to `needed` + max(adds) - 1 are weighed: `fewest[i][s]` is the fewest
    of adds[i:] that sum to exactly s; the set is read off it from the first position on."""
    if needed <= 0:
        return ()
    adds = [int(a) for a in adds]
    if any(a <= 0 for a in adds):
        raise ValueError("every addition must be positive")
    ranked = sorted(adds, reverse=True)
    running = np.cumsum(ranked) if ranked else np.array([0])
    if int(running[-1]) < needed:
        return None
    k = int(np.searchsorted(running, needed)) + 1
    top = needed + max(adds) - 1
    n = len(adds)
    if (n + 1) * (top + 1) > MAX_CELLS:
        raise OverflowError(f"{n} units and sums up to {top}: too many to weigh")
    none = 2 * n + 2  # "no way": more than any count, and no entry ever exceeds it
    fewest = np.full((n + 1, top + 1), none, dtype=np.int16 if none + n < 2**15 else np.int32)
    fewest[n, 0] = 0
    for i in range(n - 1, -1, -1):
        fewest[i] = fewest[i + 1]
        a = adds[i]
        np.minimum(fewest[i, a:], fewest[i + 1, :top + 1 - a] + 1, out=fewest[i, a:])
    best = needed + int(np.flatnonzero(fewest[0, needed:] == k)[0])
    picked, left, count = [], best, k
    for i, a in enumerate(adds):
        if count and a <= left and fewest[i + 1, left - a] == count - 1:
            picked.append(i)
            left -= a
            count -= 1
    return tuple(picked)


def _pool(rows: pd.DataFrame, measure: str, whole_rule: TargetRule,
          own_rule: Callable[[str], TargetRule]) -> tuple[tuple[Step, ...] | None, str | None]:
    """The set lifting one pool (the units `rows` of the whole, or of one level) to `whole_rule`,
    each unit reaching `own_rule(level)`: (steps, None), or (None, reason)."""
    if whole_rule.op not in (">", ">="):
        return None, UPPER_BOUND
    counted = rows[rows["status"].isin(COUNTED_STATUSES)]
    numerators = [int(n) for n in counted["numerator"]]
    denominators = [int(d) for d in counted["denominator"]]
    own = [own_rule(level) for level in counted["level"]]
    meets = [compare(n, d, rule.op, rule.value) for n, d, rule in zip(numerators, denominators, own)]
    if measure == "yes_no":
        numerator, denominator = sum(meets), len(meets)
        adds = [0 if met else 1 for met in meets]
    else:
        numerator, denominator = sum(numerators), sum(denominators)
        adds = [shortfall(n, d, rule) for n, d, rule in zip(numerators, denominators, own)]
    needed = shortfall(numerator, denominator, whole_rule)
    candidates = [i for i, a in enumerate(adds) if a > 0]
    try:
        chosen = choose([adds[i] for i in candidates], needed)
    except OverflowError:
        return None, TOO_LARGE
    if chosen is None:
        return None, EVEN_ALL
    units = counted.iloc[[candidates[j] for j in chosen]]
    return tuple(Step(u.unit_code, u.unit_name, u.level, adds[candidates[j]])
                 for u, j in zip(units.itertuples(), chosen)), None


def lift(catalogue: Catalogue, scores: Scores, code: str) -> Lift | None:
    """What would lift the whole to its target on indicator `code`; None when the whole meets it, or
    has no figure to judge (no data, not applicable)."""
    whole = scores.district.set_index("indicator")
    if code not in whole.index or whole.loc[code, "status"] not in (st.CLOSE, st.NOT_MET):
        return None
    ind = catalogue.by_code[code]
    rules = catalogue.targets_for(code, scores.year)

    def own_rule(level: str) -> TargetRule:
        return rules.get(level) or rules["all"]

    units = scores.units[scores.units["indicator"] == code]
    if ind.aggregate == "worst_level":
        levels = scores.levels[(scores.levels["indicator"] == code)
                               & scores.levels["status"].isin([st.CLOSE, st.NOT_MET, st.NO_DATA])]
        pools = [(lv, units[units["level"] == lv], own_rule(lv)) for lv in levels["level"]]
    else:
        pools = [("", units, rules["all"])]
    steps: list[Step] = []
    no_data: tuple[str, ...] = ()
    for level, rows, rule in pools:
        no_data += tuple(rows.loc[rows["status"] == st.NO_DATA, "unit_name"])
        if not rows["status"].isin(COUNTED_STATUSES).any():
            return Lift(code, ind.measure, reason=LEVEL_NO_DATA, level=level, no_data=no_data)
        found, reason = _pool(rows, ind.measure, rule, own_rule)
        if reason:
            return Lift(code, ind.measure, reason=reason, level=level, no_data=no_data)
        steps += found
    order = {unit: i for i, unit in enumerate(units["unit_code"])}
    steps.sort(key=lambda s: (-s.add, order[s.unit_code]))
    return Lift(code, ind.measure, tuple(steps), no_data=no_data)
