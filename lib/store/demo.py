"""`seed-demo`: a real district (Sóc Sơn, Hà Nội) with synthetic monthly figures from January 2022
to the last full month. Every figure is marked as sample data (source `seed-demo`, and the
`sample_data` flag that every page and command shows)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.core.errors import Refused
from lib.core.periods import last_full_month, parse
from lib.core.provenance import SAMPLE_SOURCE
from lib.store import db, queries
from lib.store.models import Observation, Unit
from lib.store.setup import init_db
from lib.store.transaction import Write, writing
from lib.store.units import setup_district, write_units
from lib.store.upsert import upsert

DEMO_DISTRICT = "016"  # Huyện Sóc Sơn, Thành phố Hà Nội
DEMO_SOURCE = SAMPLE_SOURCE
FIRST_YEAR = 2022
# Hill communes flagged as extremely difficult for the demo (excluded from 5.2).
DEMO_DBKK = ("00379", "00388")  # Xã Bắc Sơn, Xã Nam Sơn
DEMO_PSUS = [
    # code suffix, name, partly self-financed
    ("TTVH", "Trung tâm Văn hóa, Thông tin và Thể thao huyện", True),
    ("TTDVNN", "Trung tâm Dịch vụ nông nghiệp huyện", True),
    ("BQLDA", "Ban Quản lý dự án đầu tư xây dựng huyện", True),
    ("TTGDNN", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", True),
    ("TTPTQD", "Trung tâm Phát triển quỹ đất huyện", False),
    ("BQLCC", "Ban Quản lý các công trình công cộng", False),
]


# Sample accounts: shown on the login page and usable only while the database holds sample data.
DEMO_ACCOUNTS = [
    # username, name, role, unit code, password
    ("lanhdao", "Chủ tịch UBND huyện (mẫu)", "lanh_dao", None, "demo-lanhdao"),
    ("noivu", "Phòng Nội vụ (mẫu)", "noi_vu", None, "demo-noivu"),
    ("xa00376", "Cán bộ Thị trấn Sóc Sơn (mẫu)", "don_vi", "00376", "demo-xa00376"),
    ("cq016tp", "Cán bộ Phòng Tư pháp (mẫu)", "don_vi", "016-TP", "demo-cq016tp"),
]


class DemoRefused(Refused):
    """The database holds figures that did not come from seed-demo (said as the command's refusal)."""
    topic = "cli"


@dataclass
class Profile:
    """How a unit behaves over the years: its starting level, yearly gain, and reporting habit."""

    start: float  # 0..1, quality in January 2022
    gain: float  # per year
    reporting: float  # chance that a due report arrives
    size: float  # workload multiplier

    def quality(self, year: int, month: int) -> float:
        t = (year - FIRST_YEAR) + (month - 1) / 12
        return max(0.0, min(1.0, self.start + self.gain * t))


def _profiles(rng: random.Random, codes: list[str]) -> dict[str, Profile]:
    profiles = {}
    lagging = set(rng.sample(codes, k=max(1, len(codes) // 8)))
    patchy = set(rng.sample(codes, k=max(1, len(codes) // 10)))
    for code in codes:
        start = rng.uniform(0.55, 0.9)
        gain = rng.uniform(-0.04, 0.02) if code in lagging else rng.uniform(0.06, 0.14)
        reporting = rng.uniform(0.55, 0.75) if code in patchy else rng.uniform(0.93, 1.0)
        profiles[code] = Profile(start, gain, reporting, rng.uniform(0.6, 1.6))
    return profiles


def _months(until: tuple[int, int]):
    year, month = FIRST_YEAR, 1
    while (year, month) <= until:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _ratio(rng: random.Random, total: int, share: float) -> tuple[int, int]:
    share = max(0.0, min(1.0, share + rng.gauss(0, 0.02)))
    return round(total * share), total


def generate(units: list[dict], until: tuple[int, int], seed: int = 2022) -> list[tuple]:
    """Rows (unit_code, indicator, period, numerator, denominator) for every unit and period."""
    rng = random.Random(seed)
    profiles = _profiles(rng, [u["code"] for u in units])
    inspected_quarter = {u["code"]: {} for u in units}
    rows: list[tuple] = []

    def emit(code, indicator, period, num, den):
        if rng.random() < profiles[code].reporting:
            rows.append((code, indicator, period, int(num), int(den)))

    for year, month in _months(until):
        quarter_end = month % 3 == 0
        quarter = f"{year}-Q{month // 3}" if quarter_end else None
        for u in units:
            code, kind, p = u["code"], u["kind"], profiles[u["code"]]
            q = p.quality(year, month)
            commune = kind in ("xa", "thi_tran", "phuong")
            district = kind == "huyen"
            period_m = f"{year}-{month:02d}"
            if commune or district:
                dossiers = max(5, int(rng.gauss(180 if commune else 900, 40) * p.size))
                emit(code, "3.1b", period_m, *_ratio(rng, dossiers, 0.06 + 0.34 * q))
                emit(code, "3.4", period_m, *_ratio(rng, dossiers, 0.915 + 0.08 * q))
            if not quarter_end:
                continue
            n_quarter = month // 3
            if commune or district:
                docs = rng.randint(0, 2) if commune else rng.randint(2, 6)
                bad = 1 if docs and rng.random() > 0.6 + 0.4 * q else 0
                emit(code, "2.1", quarter, docs - bad, docs)
                in_force = 120 if commune else 310
                emit(code, "3.2a", quarter, *_ratio(rng, in_force, 0.9 + 0.12 * q))
                emit(code, "3.2b", quarter, *_ratio(rng, in_force, 0.85 + 0.16 * q))
                valid = int(400 * p.size) if commune else 2500
                emit(code, "3.3", quarter, *_ratio(rng, valid, 0.02 + 0.22 * q * (1 + (year - FIRST_YEAR) / 2)))
            if commune or kind == "co_quan":
                records = int(rng.gauss(220 if commune else 380, 30) * p.size)
                emit(code, "7.2", quarter, *_ratio(rng, records, 0.15 + 0.38 * q + 0.05 * (year - FIRST_YEAR)))
                emit(code, "6.1", quarter, 1 if rng.random() < 0.8 + 0.2 * q else 0, 1)
            if commune:
                emit(code, "1.1", quarter, 1 if n_quarter >= (1 if q > 0.6 else 2) else 0, 1)
                if year not in inspected_quarter[code]:
                    inspected_quarter[code][year] = rng.randint(1, 4) if q > 0.5 else rng.randint(2, 5)
                due = inspected_quarter[code][year]
                emit(code, "1.2a", quarter, 1 if n_quarter >= due else 0, 1)
                if n_quarter == due:
                    found = rng.randint(0, 5)
                    emit(code, "1.2b", quarter, *_ratio(rng, found, 0.6 + 0.4 * q))
                emit(code, "1.3", quarter, 1 if n_quarter >= (2 if q > 0.65 else 4) else 0, 1)
                cadres = rng.randint(9, 12)
                emit(code, "5.1", quarter, *_ratio(rng, cadres, 0.7 + 0.3 * q))
                servants = rng.randint(10, 14)
                emit(code, "5.2", quarter, *_ratio(rng, servants, 0.62 + 0.33 * q))
            if district:
                emit(code, "3.1a", quarter, *_ratio(rng, 180, 0.55 + 0.5 * q))
                emit(code, "7.1", quarter, *_ratio(rng, 42, 0.3 + 0.45 * q))
                emit(code, "6.2", quarter, 1 if (year, n_quarter) >= (2022, 3) else 0, 1)
            if kind == "co_quan":
                emit(code, "4.1", quarter, 1 if n_quarter >= (2 if q > 0.6 else 4) else 0, 1)
            if kind == "dvsn" and u["partly_self_financed"] and month == 12:
                emit(code, "4.2", str(year), 1 if rng.random() < 0.45 + 0.6 * q else 0, 1)
    return rows


def _demo_accounts(write: Write) -> None:
    from lib.store import auth
    from lib.store.models import User

    existing = set(write.conn.execute(select(User.username)).scalars())
    for username, name, role, unit, password in DEMO_ACCOUNTS:
        if username not in existing:
            auth.write_user(write, username, name, role, password, unit_code=unit, is_demo=True)


def end_demo(write: Write) -> bool:
    """Real figures are being written (inside `write`, by its actor): demo mode ends for good.
    The sample flag is cleared, the sample accounts are deactivated and signed out everywhere, and
    the end is audited. Returns whether demo mode was on until now."""
    from lib.store import auth

    conn = write.conn
    if db.get_meta(conn, db.SAMPLE_FLAG, "0") != "1":
        return False
    db.set_meta(conn, db.SAMPLE_FLAG, "0")
    db.set_meta(conn, db.DEMO_ENDED, clock.now().isoformat(timespec="seconds"))
    auth.deactivate_sample_accounts(conn)
    write.audit("demo.ended", db.SAMPLE_FLAG, {db.SAMPLE_FLAG: 1}, {db.SAMPLE_FLAG: 0})
    return True


def ended_at(engine: Engine) -> str | None:
    """When the first real figures ended demo mode (ISO time in UTC), or None while it lasts or never was."""
    with engine.connect() as conn:
        return db.get_meta(conn, db.DEMO_ENDED)


def add_demo_units(conn: Connection, code: str) -> None:
    """The demo district's public service units (DEMO_PSUS) and its extremely difficult communes (DEMO_DBKK)."""
    psus = [
        {"code": f"{code}-{suffix}", "name": name, "kind": "dvsn", "parent_code": code,
         "partly_self_financed": partly}
        for suffix, name, partly in DEMO_PSUS
    ]
    write_units(conn, psus)
    conn.execute(Unit.__table__.update().where(Unit.code.in_(DEMO_DBKK)).values(dbkk=True))


def seed_demo(engine: Engine, district, today: date | None = None) -> dict:
    """Create the demo district (DEMO_DISTRICT as lib.io.official.find_district reads it) and its
    sample figures; refuses to touch a database with real figures."""
    init_db(engine)
    with engine.connect() as conn:
        real = conn.execute(
            select(func.count()).select_from(Observation).where(Observation.source != DEMO_SOURCE)
        ).scalar()
    if real:
        raise DemoRefused("demo_refused", n=real)
    result = setup_district(engine, district)
    code = result.district.code
    until = last_full_month(today)
    with writing(engine, DEMO_SOURCE) as write:
        conn = write.conn
        add_demo_units(conn, code)
        district_id = conn.execute(select(Unit.id).where(Unit.code == code)).scalar_one()
        units = queries.units_of(conn, district_id).to_dict("records")
        ids = {u["code"]: u["id"] for u in units}
        figures = generate(units, until)
        rows = []
        for unit_code, indicator, period_text, num, den in figures:
            p = parse(period_text, today=date(until[0], until[1], 28))
            rows.append({
                "unit_id": ids[unit_code], "indicator": indicator, **p.columns(),
                "numerator": num, "denominator": den, "note": None,
                "source": DEMO_SOURCE, "created_by": DEMO_SOURCE, "updated_by": DEMO_SOURCE,
            })
        for start in range(0, len(rows), 5000):
            upsert(conn, Observation.__table__, rows[start:start + 5000], keys=["unit_id", "indicator", "period"],
                   update_columns=["numerator", "denominator", "updated_by"])
        _demo_accounts(write)
        db.set_meta(conn, db.SAMPLE_FLAG, "1")
        write.data_changed()
    return {"district": result.district, "units": len(units), "observations": len(rows), "until": until}
