"""How the one-stop portal's statistics files are read (lib.io.portal), as stored: meta entries
(lib.store.db), each save audited and made under the entry's lock (db.lock_meta: two secretariat
users saving at once both keep what they saved; a table of one row per mapping would do it too, with
a migration and the stored values moved, for writes that happen once per file layout). Mappings: JSON {the file's headers key: the mapping}; pairings:
JSON {a unit's name as the portal writes it: the unit's code, or "" for a row to skip}. Also the
units a portal file's names are matched against: the default district and its communes."""
from __future__ import annotations

import json

from sqlalchemy.engine import Connection, Engine

from lib.store import db, queries
from lib.store.transaction import writing

MAPPINGS_KEY = "portal_mappings"
PAIRS_KEY = "portal_pairs"
LEVELS = ("district", "commune")  # who reports 3.1b and 3.4


def _read(conn: Connection, key: str) -> dict:
    try:
        stored = json.loads(db.get_meta(conn, key) or "{}")
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def mapping_for(engine: Engine, headers_key: str) -> dict | None:
    """The mapping saved for files with these headers, or None."""
    with engine.connect() as conn:
        found = _read(conn, MAPPINGS_KEY).get(headers_key)
    return found if isinstance(found, dict) else None


def save_mapping(engine: Engine, headers_key: str, mapping: dict, actor: str, file: str = "") -> bool:
    """Store the mapping of files with these headers (audited); returns whether it changed."""
    with writing(engine, actor, versioned=False) as write:
        db.lock_meta(write.conn, MAPPINGS_KEY, "{}")
        stored = _read(write.conn, MAPPINGS_KEY)
        old = stored.get(headers_key)
        if old == mapping:
            return False
        stored[headers_key] = mapping
        db.set_meta(write.conn, MAPPINGS_KEY, json.dumps(stored, ensure_ascii=False, sort_keys=True))
        write.audit("portal.mapping", headers_key[:200], old, mapping, source=file[:200])
    return True


def pairs(engine: Engine) -> dict[str, str]:
    """The saved pairings: a name as the portal writes it -> a unit code ("" : skip its rows)."""
    with engine.connect() as conn:
        return {str(k): str(v) for k, v in _read(conn, PAIRS_KEY).items()}


def save_pairs(engine: Engine, new: dict[str, str], actor: str, file: str = "") -> int:
    """Store pairings (each change audited); returns how many changed."""
    with writing(engine, actor, versioned=False) as write:
        db.lock_meta(write.conn, PAIRS_KEY, "{}")
        stored = _read(write.conn, PAIRS_KEY)
        changed = {name: code for name, code in new.items() if stored.get(name) != code}
        for name, code in changed.items():
            write.audit("portal.pair", name[:200], stored.get(name), code, source=file[:200])
        if changed:
            db.set_meta(write.conn, PAIRS_KEY, json.dumps(stored | changed, ensure_ascii=False, sort_keys=True))
    return len(changed)


def reporting_units(engine: Engine) -> list[tuple[str, str]]:
    """(code, name) of the default district and of its units that report 3.1b and 3.4."""
    with engine.connect() as conn:
        root = queries.default_root(conn)
        if root is None:
            return []
        units = queries.units_of(conn, root["id"])
    units = units[units["level"].isin(LEVELS)]
    return list(zip(units["code"], units["name"]))
