"""The ranking's weights and tie-break (lib.core.ranking) as stored: meta entries (lib.store.db).
Weights: JSON {indicator code: weight as decimal text}; indicators not stored weigh
lib.core.ranking.DEFAULT_WEIGHT. Tie-break: one of lib.core.ranking.TIE_BREAKS (default
DEFAULT_TIE_BREAK)."""
from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

from sqlalchemy.engine import Connection, Engine

from lib.core import ranking
from lib.core.catalogue import Catalogue
from lib.store import db
from lib.store.transaction import writing

WEIGHTS_KEY = "ranking_weights"
TIE_BREAK_KEY = "ranking_tie_break"


def _text(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _stored(conn: Connection) -> dict[str, Decimal]:
    try:
        stored = json.loads(db.get_meta(conn, WEIGHTS_KEY) or "{}")
    except ValueError:
        return {}
    weights = {}
    for code, value in stored.items() if isinstance(stored, dict) else ():
        number = ranking.weight_value(value)
        if number is not None:
            weights[code] = number
    return weights


def read_weights(conn: Connection) -> dict[str, Fraction]:
    """The stored weights (code -> weight)."""
    return {code: Fraction(number) for code, number in _stored(conn).items()}


def save_weights(engine: Engine, catalogue: Catalogue, raw: dict, actor: str) -> bool:
    """Store typed weights (code -> value) in one write (lib.store.transaction), all or nothing: bad
    input raises lib.core.ranking.WeightsError before anything is written. Returns whether anything
    changed."""
    parsed = ranking.parse_weights(catalogue, raw)
    with writing(engine, actor) as write:
        stored = _stored(write.conn)
        old, new = {}, {}
        for code, number in parsed.items():
            before = stored.get(code, Decimal(1))
            if number != before:
                old[code], new[code] = _text(before), _text(number)
        if not new:
            return False
        stored = {code: _text(number) for code, number in stored.items()} | new
        db.set_meta(write.conn, WEIGHTS_KEY, json.dumps(stored, sort_keys=True))
        write.audit("ranking.weights", WEIGHTS_KEY, old, new)
    return True


def read_tie_break(conn: Connection) -> str:
    stored = db.get_meta(conn, TIE_BREAK_KEY)
    return stored if stored in ranking.TIE_BREAKS else ranking.DEFAULT_TIE_BREAK


def save_tie_break(engine: Engine, tie_break: str, actor: str) -> bool:
    """Store the tie-break (audited, the data version moved); returns whether it changed."""
    if tie_break not in ranking.TIE_BREAKS:
        raise ValueError(tie_break)
    with writing(engine, actor) as write:
        before = read_tie_break(write.conn)
        if before == tie_break:
            return False
        db.set_meta(write.conn, TIE_BREAK_KEY, tie_break)
        write.audit("ranking.ties", TIE_BREAK_KEY, before, tie_break)
    return True
