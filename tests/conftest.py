"""One fixture builder for every test: a migrated database (SQLite, and PostgreSQL where it runs)
holding a small district, and helpers to write figures into it."""
from __future__ import annotations

import os
import re
import sys
import unicodedata
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from lib.store import db  # noqa: E402
from lib.store.setup import init_db  # noqa: E402

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test")


def _postgres_available() -> bool:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(autouse=True)
def _fast_password_hashing(monkeypatch):
    """bcrypt's cost only slows the suite; every check still goes through bcrypt."""
    from lib.store import auth

    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


@pytest.fixture(scope="session")
def postgres_admin():
    if not _postgres_available():
        pytest.skip("PostgreSQL is not running here (it runs in CI)")
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _fresh_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    admin = request.getfixturevalue("postgres_admin")
    name = f"cchc_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        db.get_engine.cache_clear()
        with admin.connect() as conn:
            conn.execute(text(
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))

    request.addfinalizer(drop)
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new, empty database: an SQLite file, and a fresh PostgreSQL database."""
    return _fresh_url(request, tmp_path)


@pytest.fixture(params=["sqlite"])
def sqlite_url(request, tmp_path):
    return _fresh_url(request, tmp_path)


@pytest.fixture
def engine(db_url):
    """A migrated database with the catalogue and the 2022 targets (SQLite and PostgreSQL)."""
    engine = db.get_engine(db_url)
    init_db(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url):
    engine = db.get_engine(sqlite_url)
    init_db(engine)
    yield engine
    engine.dispose()


# A small district, enough for every rule: the district, two agencies, three communes (one a
# township, one flagged for 5.2), two public service units (one partly self-financed).
SMALL_DISTRICT = [
    # code, name, kind, parent, dbkk, partly_self_financed
    ("999", "Huyện Thử Nghiệm", "huyen", None, 0, 0),
    ("999-NV", "Phòng Nội vụ", "co_quan", "999", 0, 0),
    ("999-TP", "Phòng Tư pháp", "co_quan", "999", 0, 0),
    ("99901", "Thị trấn Một", "thi_tran", "999", 0, 0),
    ("99902", "Xã Hai", "xa", "999", 0, 0),
    ("99903", "Xã Ba", "xa", "999", 1, 0),
    ("999-TTVH", "Trung tâm Văn hóa", "dvsn", "999", 0, 1),
    ("999-BQL", "Ban Quản lý dự án", "dvsn", "999", 0, 0),
]


def add_units(engine, units=SMALL_DISTRICT) -> dict[str, int]:
    """Insert units (parents first); returns code -> id."""
    from lib.store.models import Unit

    ids: dict[str, int] = {}
    with engine.begin() as conn:
        for code, name, kind, parent, dbkk, psf in units:
            result = conn.execute(Unit.__table__.insert().values(
                code=code, name=name, kind=kind, parent_id=ids.get(parent),
                dbkk=bool(dbkk), partly_self_financed=bool(psf)))
            ids[code] = result.inserted_primary_key[0]
        db.bump_data_version(conn)
    return ids


def add_figures(engine, rows, source="test", user="test"):
    """Insert observations given as (unit_code, indicator, period, numerator, denominator)."""
    from lib.core import periods
    from lib.store.models import Observation, Unit
    from sqlalchemy import select

    with engine.begin() as conn:
        ids = dict(conn.execute(select(Unit.code, Unit.id)).all())
        for code, indicator, period_text, num, den in rows:
            p = periods.parse(period_text)
            conn.execute(Observation.__table__.insert().values(
                unit_id=ids[code], indicator=indicator, period=p.text, granularity=p.granularity,
                year=p.year, month_from=p.month_from, month_to=p.month_to,
                numerator=num, denominator=den, source=source, created_by=user, updated_by=user))
        db.bump_data_version(conn)


@pytest.fixture
def small_district(engine):
    add_units(engine)
    return engine


@pytest.fixture
def router_mode(monkeypatch):
    """AppTest resets Streamlit's legacy pages/ mode before every run, so each run of a page first
    passes through lib.web.ui.page_guard's one-time rerun, which drops button clicks. Run as the server
    does after its first run: through the router (app.py) straight away."""
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.pages_manager import PagesManager

    class RouterMode(PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", RouterMode)


@pytest.fixture
def cli_db(db_url, monkeypatch):
    """DATABASE_URL pointing at a new, empty database (SQLite and PostgreSQL), for the CLI."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("CCHC_LANG", "vi")
    db.get_engine.cache_clear()
    yield db_url
    db.get_engine(db_url).dispose()
    db.get_engine.cache_clear()


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """`python -m lib.cli ARGS` in-process: (exit code, stdout, stderr)."""
    from lib import cli

    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def unescaped(body):
    """What a reader sees of a Markdown body that lib.web.text.md escaped (escapes and word joiners gone);
    other values (numbers, missing cells) as they are."""
    if not isinstance(body, str):
        return body
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", body).replace("\u2060", "")


def to_cp1258(text_: str) -> bytes:
    """Windows-1258 has no precomposed toned letters: write them as base letter + combining tone."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text_:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out.append((base + "".join(c for c in decomposed if c in tones)).encode("cp1258"))
    return b"".join(out)
