"""Safe sign-in (lib.store.auth, lib.web.login, lib.store.demo), on SQLite and PostgreSQL: the demo ends with the
first real figures, cookie keys that anyone could guess are refused, sessions can be ended,
passwords are checked the same way everywhere, and a sign-in does not tell whether a name exists."""
from __future__ import annotations

import io
import secrets
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from conftest import run_cli
from lib.io import importer, official
from lib.present import i18n
from lib.store import auth, db, demo, queries
from lib.store.models import AuditEntry, User
from lib.web import login

REAL_FIGURE = "ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n00376,3.4,2024-05,40,41\n"
VIETNAMESE_PASSPHRASE = "Cải cách hành chính là khâu đột phá của huyện Sóc Sơn năm"  # 57 characters


@pytest.fixture
def accounts(small_district):
    auth.add_user(small_district, "noivu", "Phòng Nội vụ", auth.NOI_VU, "mat-khau-noi-vu", actor="test")
    auth.add_user(small_district, "xa1", "Cán bộ xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901", actor="test")
    return small_district


def sample(engine) -> bool:
    with engine.connect() as conn:
        return queries.is_sample_data(conn)


# --- 1. the demo ends with the first real figures ------------------------------------------------

def test_the_first_real_figures_end_the_demo_for_good(demo_engine):
    assert sample(demo_engine)
    assert auth.verify(demo_engine, "noivu", "demo-noivu", include_demo=True)[0].role == auth.NOI_VU

    summary = importer.import_observations(demo_engine, REAL_FIGURE.encode(), "that.csv", user="cli")

    assert summary.ended_demo and "chế độ demo đã kết thúc" in summary.text("vi")
    assert "demo mode has ended" in summary.text("en")
    assert not sample(demo_engine)
    with demo_engine.connect() as conn:
        demo_accounts = conn.execute(select(User.active).where(User.is_demo.is_(True))).scalars().all()
        ended = conn.execute(select(AuditEntry.action).where(AuditEntry.action == "demo.ended")).scalars().all()
        assert db.get_meta(conn, db.DEMO_ENDED)
    assert demo_accounts and not any(demo_accounts)
    assert ended == ["demo.ended"]
    # the sample password opens nothing, in demo mode or not
    for include_demo in (True, False):
        assert auth.verify(demo_engine, "noivu", "demo-noivu", include_demo=include_demo)[0] is None
    # a second real import says nothing more
    again = importer.import_observations(demo_engine, REAL_FIGURE.replace("40,41", "41,41").encode(), "b.csv")
    assert not again.ended_demo and "demo" not in again.text("vi")


def test_sample_data_is_not_demo_mode_once_any_real_figure_is_stored(demo_engine):
    """Even a figure written around the importer (a restore, a hand edit) ends demo mode."""
    with demo_engine.begin() as conn:
        conn.execute(db.text("UPDATE observations SET source = 'tay.csv' WHERE id = (SELECT MIN(id) FROM observations)"))
    assert not sample(demo_engine)


def test_the_cli_import_says_the_demo_is_over(cli_db, capsys):
    demo.seed_demo(db.get_engine(), official.find_district(demo.DEMO_DISTRICT))
    path = io.BytesIO(REAL_FIGURE.encode())
    from pathlib import Path
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "so_lieu.csv"
        file.write_bytes(path.getvalue())
        code, out, err = run_cli(capsys, "import", str(file))
    assert code == 0, err
    assert "chế độ demo đã kết thúc" in out


# --- 2. the cookie key -------------------------------------------------------------------------

@pytest.fixture
def key_env(monkeypatch, tmp_path):
    monkeypatch.delenv("CCHC_COOKIE_KEY", raising=False)
    monkeypatch.setattr(login, "DEMO_KEY_FILE", tmp_path / ".demo_cookie_key")
    monkeypatch.setattr(login, "_secret", lambda section, name: None)
    return monkeypatch


@pytest.mark.parametrize("key, reason", [
    ("REPLACE-WITH-A-LONG-RANDOM-STRING", "cookie_key_placeholder"),
    ("  replace-with-a-long-random-string  ", "cookie_key_placeholder"),
    ("a", "cookie_key_weak"),
    ("x" * 64, "cookie_key_weak"),
    ("abcdefgh" * 8, "cookie_key_weak"),  # long, but eight different characters
    (secrets.token_urlsafe(48)[:31], "cookie_key_weak"),
], ids=["placeholder", "placeholder-spaced", "one-character", "one-character-64", "eight-characters", "random-31"])
def test_a_guessable_cookie_key_is_refused(key_env, key, reason):
    key_env.setenv("CCHC_COOKIE_KEY", key)
    for demo_mode in (False, True):
        with pytest.raises(login.CookieKeyRefused) as refused:
            login.cookie_key(demo_mode)
        assert refused.value.key == reason
    text, commands = login.key_refusal(refused.value, "vi")
    assert "secrets.token_urlsafe" in commands[0] and text


def test_a_long_random_cookie_key_is_taken(key_env):
    key = secrets.token_urlsafe(48)
    key_env.setenv("CCHC_COOKIE_KEY", key)
    assert login.cookie_key(False) == key


def test_the_demo_cookie_key_lives_only_as_long_as_the_demo(key_env):
    first = login.cookie_key(True)
    assert len(first) >= login.MIN_KEY_LENGTH and login.cookie_key(True) == first
    with pytest.raises(login.CookieKeyRefused) as refused:
        login.cookie_key(False)  # the demo is over
    assert refused.value.key == "no_cookie_key"
    assert not login.DEMO_KEY_FILE.exists()  # cookies signed with it are dead for good
    assert login.cookie_key(True) != first


# --- 3. sessions that can be ended ----------------------------------------------------------------

def test_logout_password_reset_and_deactivation_end_every_earlier_session(accounts):
    def alive(started):
        return auth.account(accounts, "xa1", session_started=started) is not None

    before = time.time()
    assert alive(before)
    auth.end_sessions(accounts, "xa1")  # logout
    assert not alive(before)
    assert alive(time.time())  # signing in again works

    before = time.time()
    auth.set_password(accounts, "xa1", "mat-khau-moi-xa-1", actor="noivu")
    assert not alive(before) and alive(time.time())

    before = time.time()
    auth.set_active(accounts, "xa1", False, actor="noivu")
    auth.set_active(accounts, "xa1", True, actor="noivu")
    assert not alive(before)
    # someone else's sessions are untouched
    assert auth.account(accounts, "noivu", session_started=before) is not None


def test_a_cookie_tells_when_it_was_issued():
    issued = time.time() - 3600
    token = {"username": "xa1", "exp_date": issued + login.COOKIE_DAYS * 86400}
    assert login.cookie_started(token, "xa1") == pytest.approx(issued)
    assert login.cookie_started(token, "noivu") is None
    assert login.cookie_started(False, "xa1") is None
    assert login.cookie_started({"username": "xa1", "exp_date": "soon"}, "xa1") is None


# --- 10. passwords --------------------------------------------------------------------------------

@pytest.mark.parametrize("password, reason", [
    (" " * 8, "short_password"),
    ("  abc   defg ", "short_password"),  # seven characters that are not spaces
    (VIETNAMESE_PASSPHRASE, "long_password"),  # 57 characters, 78 bytes: bcrypt would cut it
    ("x" * 65, "long_password"),
])
def test_passwords_that_cannot_work_are_refused_with_a_sentence(accounts, password, reason):
    assert len(VIETNAMESE_PASSPHRASE) == 57 and len(VIETNAMESE_PASSPHRASE.encode()) > 72
    with pytest.raises(auth.UserError) as error:
        auth.check_passwords(password, password)
    assert error.value.key == reason
    assert i18n.say(error.value, "vi") != i18n.say(error.value, "en")
    with pytest.raises(auth.UserError):
        auth.set_password(accounts, "xa1", password, actor="noivu")
    assert auth.verify(accounts, "xa1", "mat-khau-xa-1")[0] is not None  # nothing changed


def test_spaces_around_a_password_are_dropped_when_set_and_when_typed(accounts):
    auth.set_password(accounts, "xa1", "  mat khau co dau cach  ", actor="noivu")
    assert auth.verify(accounts, "xa1", "mat khau co dau cach")[0] is not None
    assert auth.verify(accounts, "xa1", " mat khau co dau cach\t")[0] is not None
    assert auth.verify(accounts, "xa1", "matkhaucodaucach")[0] is None


def test_a_password_typed_in_decomposed_unicode_still_matches(accounts):
    import unicodedata

    auth.set_password(accounts, "xa1", "Mật khẩu Sóc Sơn", actor="noivu")
    assert auth.verify(accounts, "xa1", unicodedata.normalize("NFD", "Mật khẩu Sóc Sơn"))[0] is not None


def test_the_cli_refuses_a_passphrase_bcrypt_would_cut(cli_db, capsys, monkeypatch):
    run_cli(capsys, "init-db")
    monkeypatch.setattr("sys.stdin", io.StringIO(VIETNAMESE_PASSPHRASE + "\n"))
    code, out, err = run_cli(capsys, "users", "add", "noivu", "--role", "noi_vu", "--password-stdin")
    assert code != 0 and "quá dài" in err and "72 byte" in err and "Traceback" not in err + out
    monkeypatch.setattr("sys.stdin", io.StringIO(" " * 10 + "\n"))
    code, _, err = run_cli(capsys, "users", "add", "noivu", "--role", "noi_vu", "--password-stdin")
    assert code != 0 and "dấu cách" in err
    code, out, _ = run_cli(capsys, "users", "list")
    assert out.strip() == ""


# --- 11. a sign-in does not tell whether an account exists -----------------------------------------

def test_an_unknown_name_locks_exactly_like_a_real_account(accounts):
    now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    answers = {}
    for name in ("xa1", "khong-co-ai"):
        answers[name] = [auth.verify(accounts, name, "sai-mat-khau", now)[1] for _ in range(auth.MAX_FAILED_LOGINS + 1)]
        answers[name].append(auth.locked_until(accounts, name, now))
    assert answers["xa1"] == answers["khong-co-ai"]
    assert answers["xa1"][-2:] == ["locked", now + timedelta(minutes=auth.LOCK_MINUTES)]
    # the lock holds for the right password too, and ends on time
    assert auth.verify(accounts, "xa1", "mat-khau-xa-1", now)[1] == "locked"
    assert auth.verify(accounts, "xa1", "mat-khau-xa-1", now + timedelta(minutes=auth.LOCK_MINUTES + 1))[0]


def test_every_attempt_costs_one_password_check_whether_the_name_exists_or_not(accounts, monkeypatch):
    checks = []
    real_check = auth.bcrypt.checkpw

    def counting(password, hashed):
        checks.append(hashed[:7].decode())
        return real_check(password, hashed)

    monkeypatch.setattr(auth.bcrypt, "checkpw", counting)
    now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    for name in ("xa1", "khong-co-ai", "noivu"):
        for _ in range(auth.MAX_FAILED_LOGINS + 2):  # wrong, then locked
            checks.clear()
            auth.verify(accounts, name, "sai-mat-khau", now)
            # one check, at the real hashes' cost (a name without an account included)
            assert checks == [f"$2b${auth.BCRYPT_ROUNDS:02d}$"]


def test_failed_names_are_forgotten_after_a_day(accounts):
    then = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    auth.verify(accounts, "ai-do", "sai", then)
    auth.verify(accounts, "ai-khac", "sai", then + timedelta(days=2))
    with accounts.connect() as conn:
        from lib.store.models import LoginAttempt

        names = conn.execute(select(LoginAttempt.username)).scalars().all()
    assert names == ["ai-khac"]
