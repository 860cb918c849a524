"""What the AppTest pages' tests share: the demo district with a few accounts of each role (seeded
once per session; tests that write work on a copy of the file), the fixtures that open a page
signed in, and helpers that read and type into it. Test modules import the fixtures by name."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from conftest import unescaped

from lib.store import auth, db
from lib.store.models import AuditEntry, Observation
from lib.web import guard

APP = "../../app.py"  # AppTest resolves it from this file
PAGES = "../../pages"
COOKIE_KEY = "test-cookie-key-0123456789abcdef-0123456789"
ACCOUNTS = [  # username, name, role, unit
    ("nv_test", "Phòng Nội vụ (kiểm thử)", auth.NOI_VU, None),
    ("ld_test", "Lãnh đạo (kiểm thử)", auth.LANH_DAO, None),
    ("xa_test", "Cán bộ Thị trấn Sóc Sơn (kiểm thử)", auth.DON_VI, "00376"),
    ("xa_khac", "Cán bộ Xã Bắc Sơn (kiểm thử)", auth.DON_VI, "00379"),
]
OFFICER_UNIT = "00376"
TODAY = date.today()
@pytest.fixture(scope="session")
def seeded(databases, tmp_path_factory):
    """The demo district and the test accounts, once per session (read-only for the tests)."""
    path = tmp_path_factory.mktemp("data_pages") / "seeded.db"
    engine = db.get_engine(databases.sqlite("demo", path))
    rounds, auth.BCRYPT_ROUNDS = auth.BCRYPT_ROUNDS, 4  # hashing cost is not behaviour
    try:
        for username, name, role, unit in ACCOUNTS:
            auth.add_user(engine, username, name, role, "mat-khau-kiem-thu", unit_code=unit, actor="test")
    finally:
        auth.BCRYPT_ROUNDS = rounds
    engine.dispose()
    db.get_engine.cache_clear()
    return path


@pytest.fixture
def database(seeded, tmp_path, monkeypatch, router_mode):
    """Point the app at a database: the shared seeded file (read only) or a copy of it (`writable`)."""
    monkeypatch.setenv("CCHC_COOKIE_KEY", COOKIE_KEY)

    def use(writable: bool = False):
        path = seeded
        if writable:
            path = tmp_path / "copy.db"
            shutil.copy(seeded, path)
        url = f"sqlite:///{path}"
        monkeypatch.setenv("DATABASE_URL", url)
        db.get_engine.cache_clear()
        return db.get_engine(url)
    return use


@pytest.fixture
def page(database):
    """Open a page signed in as `username` (AppTest has no cookies: seed what the login sets)."""
    database()

    def open_page(name: str, username: str = "nv_test") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["authentication_status"] = True
        at.session_state["username"] = username
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        at.switch_page(f"pages/{name}.py").run()
        ok(at)
        return at
    return open_page


@pytest.fixture
def writable(database, page):
    """Like `page`, on a copy of the database that the test may change; yields (open_page, engine)."""
    engine = database(writable=True)
    yield page, engine
    engine.dispose()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def opened(at: AppTest, *keys: str) -> AppTest:
    """The page again with the expanders or popovers keyed `{key}_open` opened (drawn with
    on_change="rerun": their content is built only once opened)."""
    for key in keys:
        at.session_state[f"{key}_open"] = True
    return ok(at.run())


def texts(at: AppTest, *kinds: str) -> str:
    kinds = kinds or ("markdown", "caption", "info", "success", "warning", "error")
    return "\n".join(unescaped(str(e.value)) for kind in kinds for e in getattr(at, kind))


class _Table:
    def __init__(self, value):
        self.value = value


def table(at: AppTest, column: str) -> _Table:
    """The table that has `column` (read-only tables carry no key under AppTest)."""
    found = [d for d in at.dataframe if column in d.value.columns and d not in at.data_editor]
    assert found, f"no table with a column {column!r}"
    return _Table(found[0].value)


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(Observation)).scalar(),
                conn.execute(select(func.count()).select_from(AuditEntry)).scalar())


def edit(at: AppTest, key: str, rows: dict[int, dict]) -> None:
    """Type into a data editor (AppTest seeds a keyed editor's edit state)."""
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def choose_period(at: AppTest, year: int, kind: str, which: int | None = None, prefix: str = "entry") -> None:
    ok(at.selectbox(key=f"{prefix}_year").set_value(year).run())
    ok(at.radio(key=f"{prefix}_kind").set_value(kind).run())
    if which is not None:
        ok(at.selectbox(key=f"{prefix}_which_{kind}_{year}").set_value(which).run())


def editor_row(at: AppTest, indicator: str) -> int:
    return at.data_editor[0].value["ma_chi_tieu"].tolist().index(indicator)


def run_directly(seeded, name: str, username: str) -> AppTest:
    """Run a page file as the router would (routed, with `username` signed in), whatever the
    navigation offers that account."""
    account = auth.account(db.get_engine(f"sqlite:///{seeded}"), username)
    direct = AppTest.from_file(f"{PAGES}/{name}.py", default_timeout=60)
    direct.session_state[guard.ROUTER_MARK] = True
    direct.session_state[guard.ACCOUNT] = account
    ok(direct.run())
    return direct
