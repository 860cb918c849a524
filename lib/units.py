"""Writing units: a district from the official list, with its default agencies."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection

from lib import db, official
from lib.models import Unit
from lib.upsert import upsert


@dataclass
class SetupResult:
    district: official.District
    communes: int
    agencies: int


def write_units(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert or update units given as dicts with `code`, `name`, `kind`, `parent_code`, `dbkk`,
    `partly_self_financed`, parents before children; returns code -> id of those units."""
    ids: dict[str, int] = {}
    for row in rows:
        parent = row.get("parent_code")
        if parent and parent not in ids:
            ids[parent] = conn.execute(select(Unit.id).where(Unit.code == parent)).scalar_one()
        values = {
            "code": row["code"], "name": row["name"], "kind": row["kind"],
            "parent_id": ids.get(parent) if parent else None,
            "dbkk": bool(row.get("dbkk", False)),
            "partly_self_financed": bool(row.get("partly_self_financed", False)),
        }
        upsert(conn, Unit.__table__, [values], keys=["code"])
        ids[row["code"]] = conn.execute(select(Unit.id).where(Unit.code == row["code"])).scalar_one()
    return ids


def district_rows(district: official.District) -> list[dict]:
    """The district, its communes/townships and the default agencies, as unit rows."""
    rows = [{"code": district.code, "name": district.name, "kind": "huyen", "parent_code": None}]
    rows += [
        {"code": f"{district.code}-{suffix}", "name": name, "kind": "co_quan", "parent_code": district.code}
        for suffix, name in official.DEFAULT_AGENCIES
    ]
    rows += [
        {"code": c.code, "name": c.name, "kind": c.kind, "parent_code": district.code}
        for c in district.communes
    ]
    return rows


def setup_district(engine: Engine, code: str) -> SetupResult:
    """Create (or refresh) a district and its communes from the official pre-2025 list.

    Flags set by the secretariat (dbkk, partly self-financed) on existing units are kept."""
    district = official.find_district(code)
    if district is None:
        raise LookupError(code)
    rows = district_rows(district)
    with engine.begin() as conn:
        existing = {
            c: (d, p) for c, d, p in conn.execute(select(Unit.code, Unit.dbkk, Unit.partly_self_financed)).all()
        }
        for row in rows:
            if row["code"] in existing:
                row["dbkk"], row["partly_self_financed"] = existing[row["code"]]
        write_units(conn, rows)
        db.bump_data_version(conn)
    return SetupResult(district, len(district.communes), len(official.DEFAULT_AGENCIES))
