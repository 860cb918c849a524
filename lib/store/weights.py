"""The ranking's weights (lib.core.ranking) as stored: one meta entry (lib.store.db), JSON
{indicator code: weight as decimal text}; indicators not stored weigh lib.core.ranking.DEFAULT_WEIGHT."""
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
