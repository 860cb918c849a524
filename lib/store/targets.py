"""Editing targets (the secretariat): per year, per indicator and per level, audited. A refused
target raises TargetError (lib.present.i18n.say words it; lib.present.targets_view words the editor)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from lib.core import catalogue
from lib.core.errors import Refused
from lib.store import definitions
from lib.store.models import Target
from lib.store.transaction import Write, writing
from lib.store.upsert import upsert


class TargetError(Refused):
    """A target refused as asked: nothing was changed."""
    topic = "targets"


def _percent(text, key: str) -> Decimal:
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise TargetError(key, value=text)
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100) or value != value.quantize(Decimal("0.01")):
        raise TargetError(key, value=text)
    return value


def set_target(write: Write, indicator: str, year: int, level: str, op: str, value, tolerance) -> None:
    """Set one target (two decimals at most) inside `write`, which audits the change."""
    conn = write.conn
    cat = definitions.load_catalogue(conn)
    ind = cat.by_code.get(indicator)
    if ind is None:
        raise TargetError("unknown_indicator", indicator=indicator)
    if not 2000 <= int(year) <= 2100:
        raise TargetError("bad_year", year=year)
    if level != "all" and level not in ind.levels:
        raise TargetError("bad_level", level=level, indicator=indicator)
    if op not in catalogue.OPERATORS:
        raise TargetError("bad_op", op=op)
    new = {"op": op, "value": _percent(value, "bad_value"), "tolerance": _percent(tolerance, "bad_tolerance")}
    old = conn.execute(select(Target.op, Target.value, Target.tolerance).where(
        Target.indicator == indicator, Target.year == year, Target.level == level)).first()
    text = catalogue.number_text
    old_dict = None if old is None else {"op": old[0], "value": text(old[1]), "tolerance": text(old[2])}
    new_dict = {"op": op, "value": text(new["value"]), "tolerance": text(new["tolerance"])}
    upsert(conn, Target.__table__, [{"indicator": indicator, "year": int(year), "level": level, **new,
                                     "updated_by": write.actor}], keys=["indicator", "year", "level"])
    if old_dict != new_dict:
        write.audit("target.update" if old else "target.insert", f"{indicator}/{year}/{level}", old_dict, new_dict)


def start_year(engine: Engine, year: int, actor: str) -> int:
    """Give `year` its own targets, copied from those in force for it (the previous year's)."""
    with writing(engine, actor) as write:
        if write.conn.execute(select(Target.indicator).where(Target.year == year).limit(1)).first():
            raise TargetError("year_exists", year=year)
        cat = definitions.load_catalogue(write.conn)
        count = 0
        for ind in cat.indicators:
            for level, rule in cat.targets_for(ind.code, year).items():
                set_target(write, ind.code, year, level, rule.op, catalogue.number_text(rule.value),
                           catalogue.number_text(rule.tolerance))
                count += 1
    return count


def table(engine: Engine, year: int, lang: str = "vi") -> list[dict]:
    """The targets in force for `year`, one row per indicator and level, for the targets page."""
    with engine.connect() as conn:
        cat = definitions.load_catalogue(conn)
    rows = []
    for ind in cat.indicators:
        for level, rule in cat.targets_for(ind.code, year).items():
            rows.append({"indicator": ind.code, "name": ind.name(lang), "level": level, "op": rule.op,
                         "value": float(rule.value), "tolerance": float(rule.tolerance), "from_year": rule.year})
    return rows


def has_own(engine: Engine, year: int) -> bool:
    """Whether `year` has targets of its own (else the previous years' are in force)."""
    with engine.connect() as conn:
        return conn.execute(select(Target.indicator).where(Target.year == int(year)).limit(1)).first() is not None


# --- the targets page: an editable table, saved all or nothing ----------------------------------

EDITABLE = ("op", "value", "tolerance")
FRAME_COLUMNS = ["indicator", "name", "level", "op", "value", "tolerance", "from_year"]


def frame(rows: list[dict]) -> pd.DataFrame:
    """`table`'s rows as the editor's frame (lib.present.targets_view names the levels)."""
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def _blank(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def _same(a, b) -> bool:
    """Equal as numbers where both are numbers (97.5 == '97,50'), else as text."""
    if _blank(a) or _blank(b):
        return _blank(a) and _blank(b)
    try:
        return Decimal(str(a).strip().replace(",", ".")) == Decimal(str(b).strip().replace(",", "."))
    except InvalidOperation:
        return str(a).strip() == str(b).strip()


def changes(before: pd.DataFrame, after: pd.DataFrame) -> list[dict]:
    """The rows of the editor whose operator, value or tolerance changed (by row position), each
    as {row, indicator, level, op, value, tolerance}."""
    changed = []
    for position, (old, new) in enumerate(zip(before.to_dict("records"), after.to_dict("records"))):
        if any(not _same(old[c], new[c]) for c in EDITABLE):
            changed.append({"row": position, "indicator": old["indicator"], "level": old["level"],
                            **{c: new[c] for c in EDITABLE}})
    return changed


class TargetsRefused(Exception):
    """Some rows were refused, so none was written; `.errors`: (change, TargetError) pairs (worded
    row by row by lib.present.targets_view.refused_by_row)."""

    def __init__(self, errors: list[tuple[dict, TargetError]]):
        super().__init__(len(errors))
        self.errors = errors


def _cell(value):
    return "" if _blank(value) else value


def set_targets(engine: Engine, year: int, changed: list[dict], actor: str) -> int:
    """Write the changed rows in one transaction: all of them, or (TargetsRefused listing every
    refused row) none."""
    errors = []
    with writing(engine, actor) as write:
        for change in changed:
            try:
                set_target(write, change["indicator"], year, change["level"], _cell(change["op"]),
                           _cell(change["value"]), _cell(change["tolerance"]))
            except TargetError as error:
                errors.append((change, error))
        if errors:
            raise TargetsRefused(errors)  # leaving the block rolls every row back
    return len(changed)
