"""Stored commune boundaries of the default district: its communes to match against, replacing the
boundaries, pairing a stored feature with a commune, and the shapes every map draws."""
from __future__ import annotations

import json

from sqlalchemy import Engine, delete, select

from lib.store import queries
from lib.store.models import Boundary, Unit
from lib.store.transaction import writing

COMMUNE_KINDS = ("xa", "thi_tran", "phuong")


def district_communes(engine: Engine) -> tuple[dict, list[tuple[str, str]], dict[str, int]] | None:
    """The default district, its communes as (code, name) and their ids by code; None without a district."""
    with engine.connect() as conn:
        district = queries.default_root(conn)
        if district is None:
            return None
        units = queries.units_of(conn, district["id"])
    communes = units[units["kind"].isin(COMMUNE_KINDS)]
    return (district, list(zip(communes["code"], communes["name"])),
            dict(zip(communes["code"], communes["id"].astype(int))))


def replace(engine: Engine, district: dict, rows: list[dict], user: str, file: str, report: dict) -> None:
    """The district's boundaries become `rows` (Boundary columns), audited with the matching `report`."""
    with writing(engine, user) as write:
        write.conn.execute(delete(Boundary).where(Boundary.district_id == district["id"]))
        write.conn.execute(Boundary.__table__.insert(), rows)
        write.audit("boundaries.import", district["code"], new=report, source=file)


def pair(engine: Engine, district: dict, feature_name: str, unit_id: int, unit_code: str, user: str) -> bool:
    """Give the stored feature `feature_name` to the commune (replacing that commune's boundary);
    False, and nothing written, when the district has no such feature."""
    with writing(engine, user) as write:
        conn = write.conn
        row = conn.execute(select(Boundary.id, Boundary.unit_id).where(
            Boundary.district_id == district["id"], Boundary.feature_name == feature_name)).first()
        if row is None:
            return False
        conn.execute(delete(Boundary).where(Boundary.unit_id == unit_id, Boundary.id != row.id))
        conn.execute(Boundary.__table__.update().where(Boundary.id == row.id).values(unit_id=unit_id, updated_by=user))
        write.audit("boundaries.pair", unit_code, old=None, new={"feature": feature_name})
    return True


def unpaired(engine: Engine) -> list[str]:
    """The stored features of the default district that no commune has (for a pairing form)."""
    with engine.connect() as conn:
        district = queries.default_root(conn)
        if district is None:
            return []
        return list(conn.execute(select(Boundary.feature_name).where(
            Boundary.district_id == district["id"], Boundary.unit_id.is_(None)).order_by(Boundary.id)).scalars())


def geometry(engine: Engine) -> dict | None:
    """The stored boundaries of the default district as a FeatureCollection for lib.present.maps
    (code in properties.ma_don_vi), or None when there are none."""
    with engine.connect() as conn:
        district = queries.default_root(conn)
        if district is None:
            return None
        rows = conn.execute(select(Unit.code, Unit.name, Boundary.geometry).join(Unit, Unit.id == Boundary.unit_id)
                            .where(Boundary.district_id == district["id"]).order_by(Unit.code)).all()
    if not rows:
        return None
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"ma_don_vi": code, "ten_don_vi": name}, "geometry": json.loads(text)}
        for code, name, text in rows]}
