"""One fixture builder for every test database (`Databases`: copies of templates migrated or seeded
once per session, SQLite and PostgreSQL where it runs), the small district, and helpers to write
figures into it."""
from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
import uuid
from concurrent.futures import ThreadPoolExecutor
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


def postgres_url(name: str) -> str:
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


def _migrate(engine) -> None:
    init_db(engine)


def _seed_demo(engine) -> None:
    from lib.io import official
    from lib.store import auth, demo

    rounds, auth.BCRYPT_ROUNDS = auth.BCRYPT_ROUNDS, 4  # hashing cost is not behaviour
    try:
        demo.seed_demo(engine, official.find_district(demo.DEMO_DISTRICT))
    finally:
        auth.BCRYPT_ROUNDS = rounds


class Databases:
    """The one fixture builder: every test database is a copy of a template built once per session,
    an SQLite file copied with shutil.copy or a PostgreSQL database made with CREATE DATABASE ...
    TEMPLATE. Kinds: "empty" (nothing in it: for the tests of init-db and the migrations),
    "migrated" (init_db: the schema, the catalogue and the 2022 targets), "demo" (seed_demo: the
    demo district with its sample figures). A PostgreSQL copy takes the server about 0.4 s (it writes
    the whole database to its log) and dropping it 0.2 s, so background threads make the next two
    migrated copies, and drop the used ones, while the tests run."""

    BUILD = {"migrated": _migrate, "demo": _seed_demo}

    def __init__(self, directory: Path):
        self.directory = directory
        self.admin = None  # connected when a test first needs PostgreSQL (False: it is not running)
        self.creating = ThreadPoolExecutor(max_workers=2)
        self.dropping = ThreadPoolExecutor(max_workers=1)
        self.next_migrated = []  # the background's next PostgreSQL copies of the migrated template
        self.drops = []  # the background's drops, checked at the end
        self.templates: dict[tuple[str, str], str] = {}  # (backend, kind) -> file path or database name

    def sqlite(self, kind: str, path: Path) -> str:
        """The URL of a new SQLite file at `path` holding a database of `kind`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind != "empty":
            shutil.copy(self._template("sqlite", kind), path)
        return f"sqlite:///{path}"

    def postgresql(self, kind: str) -> str:
        """The URL of a new PostgreSQL database of `kind`; `drop` it when done."""
        if kind != "migrated":
            return self._create(kind)
        made = self.next_migrated.pop(0).result() if self.next_migrated else self._create(kind)
        while len(self.next_migrated) < 2:
            self.next_migrated.append(self.creating.submit(self._create, kind))
        return made

    def _create(self, kind: str) -> str:
        name = f"cchc_test_{uuid.uuid4().hex[:12]}"
        template = "" if kind == "empty" else f' TEMPLATE "{self._template("postgresql", kind)}"'
        self._execute(f'CREATE DATABASE "{name}"{template}')
        return postgres_url(name)

    def drop_later(self, url: str) -> None:
        self.drops.append(self.dropping.submit(self.drop, url))

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'")
        self._execute(f'DROP DATABASE IF EXISTS "{name}"')

    def close(self) -> None:
        for made in self.next_migrated:
            self.drop_later(made.result())
        self.creating.shutdown()
        self.dropping.shutdown()
        for dropped in self.drops:
            dropped.result()  # a drop that failed fails here
        for (backend, _), name in self.templates.items():
            if backend == "postgresql":
                self.drop(postgres_url(name))
        if self.admin:
            self.admin.dispose()

    def _template(self, backend: str, kind: str) -> str:
        if (backend, kind) not in self.templates:
            if backend == "sqlite":
                made = str(self.directory / f"{kind}.db")
                url = f"sqlite:///{made}"
            else:
                made = f"cchc_template_{uuid.uuid4().hex[:12]}_{kind}"
                self._execute(f'CREATE DATABASE "{made}"')
                url = postgres_url(made)
            self.templates[(backend, kind)] = made
            engine = db.get_engine.__wrapped__(url)  # the app's engine, kept out of its cache
            self.BUILD[kind](engine)
            engine.dispose()  # a template is copied only while nobody is connected to it
        return self.templates[(backend, kind)]

    def _execute(self, sql: str) -> None:
        if self.admin is None:
            self.admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT") if _postgres_available() else False
        if self.admin is False:
            pytest.skip("PostgreSQL is not running here (it runs in CI)")
        with self.admin.connect() as conn:
            conn.execute(text(sql))


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    made = Databases(tmp_path_factory.mktemp("templates"))
    yield made
    made.close()


def fresh_url(request, tmp_path, kind: str) -> str:
    """A new database of `kind` for one test, on the backend of the test's parameter."""
    databases = request.getfixturevalue("databases")
    if request.param == "sqlite":
        return databases.sqlite(kind, tmp_path / "test.db")
    url = databases.postgresql(kind)

    def drop():
        db.get_engine.cache_clear()
        databases.drop_later(url)

    request.addfinalizer(drop)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A new, empty database: an SQLite file, and a fresh PostgreSQL database."""
    return fresh_url(request, tmp_path, "empty")


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request, tmp_path):
    """A new, migrated database (a copy of the session's template): SQLite and PostgreSQL."""
    return fresh_url(request, tmp_path, "migrated")


@pytest.fixture(params=["sqlite"])
def sqlite_url(request, tmp_path):
    return fresh_url(request, tmp_path, "migrated")


@pytest.fixture
def engine(migrated_url):
    """A migrated database with the catalogue and the 2022 targets (SQLite and PostgreSQL)."""
    engine = db.get_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_engine(request, tmp_path):
    """A new copy of the demo district (seed_demo, run once per session): SQLite and PostgreSQL."""
    engine = db.get_engine(fresh_url(request, tmp_path, "demo"))
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url):
    engine = db.get_engine(sqlite_url)
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
                unit_id=ids[code], indicator=indicator, **p.columns(),
                numerator=num, denominator=den, source=source, created_by=user, updated_by=user))
        db.bump_data_version(conn)


@pytest.fixture
def small_district(engine):
    add_units(engine)
    return engine


# One account of each role in the small district: the officers of two communes, the secretariat, a leader.
ROLE_ACCOUNTS = [  # username, name, role, password, unit
    ("xa1", "Xã Một", "don_vi", "mat-khau-xa-1", "99901"), ("xa2", "Xã Hai", "don_vi", "mat-khau-xa-2", "99902"),
    ("noivu", "Nội vụ", "noi_vu", "mat-khau-noi-vu", None), ("lanhdao", "Lãnh đạo", "lanh_dao", "mat-khau-lanh-dao", None),
]


@pytest.fixture
def accounts(small_district) -> dict:
    """The small district's ROLE_ACCOUNTS, created: username -> lib.store.auth.Account."""
    from lib.store import auth

    for username, name, role, password, unit in ROLE_ACCOUNTS:
        auth.add_user(small_district, username, name, role, password, unit_code=unit)
    return {username: auth.account(small_district, username) for username, *_ in ROLE_ACCOUNTS}


def unit_ids(engine) -> dict[str, int]:
    """Every unit's id by its code."""
    from lib.store.models import Unit
    from sqlalchemy import select

    with engine.connect() as conn:
        return dict(conn.execute(select(Unit.code, Unit.id)).all())


def statuses_scores(units: dict[str, list[str]], level: str = "commune", year: int = 2023,
                    indicators: list[str] | None = None):
    """Scores (lib.core.scoring) whose unit rows give each unit (by name) one status per indicator, in
    order: what the ranking reads."""
    import pandas as pd

    from lib.core import status as st
    from lib.core.scoring import Scores

    rows = []
    for i, (name, statuses) in enumerate(units.items()):
        codes = indicators or [f"i{k}" for k in range(len(statuses))]
        for code, status in zip(codes, statuses):
            rows.append({"indicator": code, "unit_id": i, "unit_code": f"U{i:02d}", "unit_name": name,
                         "kind": "xa" if level == "commune" else "co_quan", "level": level,
                         "applicable": status != st.NOT_APPLICABLE, "status": status})
    return Scores(year=year, month=12, units=pd.DataFrame(rows), levels=pd.DataFrame(), district=pd.DataFrame())


def ranks(frame) -> list[tuple]:
    """(rank, tied, unit name) of each row of a ranking (lib.core.ranking.rank); None: not ranked."""
    import pandas as pd

    return [(None if pd.isna(r) else int(r), t, n) for r, t, n in zip(frame["rank"], frame["tied"], frame["unit_name"])]


@pytest.fixture
def router_mode(monkeypatch):
    """AppTest resets Streamlit's legacy pages/ mode before every run, so each run of a page first
    passes through lib.web.guard.page_guard's one-time rerun, which drops button clicks. Run as the server
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


# Names an attacker would choose: HTML, an attribute break-out, a Markdown image, a blank line before HTML.
HOSTILE_NAMES = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "![x](http://x.example/a.png)",
                 "Xã A\n\n<img src=x>"]


def html_tags_and_text(page: str) -> tuple[set[str], str]:
    """The tags of an HTML page or piece and the text a reader sees of it."""
    from html.parser import HTMLParser

    tags, parts = set(), []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)

        def handle_data(self, data):
            parts.append(data)

    Reader(convert_charrefs=True).feed(page)
    return tags, "".join(parts)


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
