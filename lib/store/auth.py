"""Users, passwords and lockout, kept in the shared database (no Streamlit here); the roles are
lib.core.roles (what a unit officer may write: Account.can_write). A refused change raises UserError
(lib.present.i18n.say words it; lib.present.accounts_view words the accounts list)."""
from __future__ import annotations

import functools
import re
import secrets
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

import bcrypt
import pandas as pd
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.engine import Connection

from lib.core import clock
from lib.core.errors import Refused
from lib.core.roles import DON_VI, LANH_DAO, NOI_VU, ROLES  # noqa: F401  (the pages say auth.NOI_VU...)
from lib.store.models import LoginAttempt, Unit, User
from lib.store.transaction import Write, writing

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8  # characters that are not spaces
MAX_PASSWORD_CHARS = 64
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further
BCRYPT_ROUNDS = 12  # tests lower it: hashing cost is not behaviour
USERNAME = re.compile(r"^[a-z0-9_.-]{3,64}$")


class UserError(Refused):
    """A user cannot be created or changed as asked: nothing was changed."""
    topic = "auth"


@dataclass(frozen=True)
class Account:
    username: str
    name: str
    role: str
    unit_id: int | None

    def can_write(self, unit_id: int) -> bool:
        """Whether this account may write figures of the unit `unit_id`."""
        if self.role == NOI_VU:
            return True
        return self.role == DON_VI and self.unit_id is not None and self.unit_id == unit_id


def clean_password(password: str) -> str:
    """A typed password as it is checked and stored: spaces around it dropped, Unicode composed (NFC),
    so a password typed on another keyboard or pasted with a space still matches."""
    return unicodedata.normalize("NFC", password or "").strip()


def check_password_rules(password: str) -> str:
    """The cleaned password when it may be set, else UserError: at least MIN_PASSWORD_LENGTH
    characters that are not spaces, at most MAX_PASSWORD_CHARS characters and MAX_PASSWORD_BYTES
    bytes in UTF-8 (bcrypt reads no further: a longer one would be cut without a word)."""
    password = clean_password(password)
    if sum(not c.isspace() for c in password) < MIN_PASSWORD_LENGTH:
        raise UserError("short_password", n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_CHARS:
        raise UserError("long_password", n=MAX_PASSWORD_CHARS, bytes=MAX_PASSWORD_BYTES)
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UserError("long_password", n=MAX_PASSWORD_CHARS, bytes=MAX_PASSWORD_BYTES)
    return password


def hash_password(password: str) -> str:
    password = check_password_rules(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    """Whether `password` (cleaned as when it was set) matches the bcrypt hash."""
    password = clean_password(password).encode("utf-8")
    if len(password) > MAX_PASSWORD_BYTES:
        password = password[:MAX_PASSWORD_BYTES]  # never set so long; bcrypt would refuse it
    try:
        return bcrypt.checkpw(password, hashed.encode("ascii"))
    except ValueError:
        return False


@functools.lru_cache(maxsize=4)
def _stand_in_hash(rounds: int) -> str:
    """A hash of the same cost as the real ones, checked for a name without an account, so a wrong
    password takes as long whether the account exists or not."""
    return bcrypt.hashpw(secrets.token_bytes(16), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def add_user(engine: Engine, username: str, name: str, role: str, password: str,
             unit_code: str | None = None, actor: str = "cli", email: str = "") -> int:
    """Create an account; the password is stored only as a bcrypt hash."""
    with writing(engine, actor, versioned=False) as write:
        return write_user(write, username, name, role, password, unit_code, email)


def write_user(write: Write, username: str, name: str, role: str, password: str,
               unit_code: str | None = None, email: str = "", is_demo: bool = False) -> int:
    """Create an account inside `write` (the demo's accounts come with its figures)."""
    conn = write.conn
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise UserError("bad_username", username=username)
    if role not in ROLES:
        raise UserError("bad_role", role=role)
    password_hash = hash_password(password)
    unit_id = None
    if role == DON_VI:
        if not unit_code:
            raise UserError("unit_required")
        unit_id = conn.execute(select(Unit.id).where(Unit.code == unit_code)).scalar()
        if unit_id is None:
            raise UserError("unknown_unit", unit=unit_code)
    if conn.execute(select(User.id).where(User.username == username)).scalar() is not None:
        raise UserError("user_exists", username=username)
    result = conn.execute(User.__table__.insert().values(
        username=username, name=name.strip() or username, email=email, password_hash=password_hash,
        role=role, unit_id=unit_id, active=True, is_demo=is_demo))
    write.audit("user.add", username, None, {"name": name, "role": role, "unit": unit_code})
    return result.inserted_primary_key[0]


def set_password(engine: Engine, username: str, password: str, actor: str) -> None:
    """A new password; every session of the account ends (a copied cookie included) and its
    failed sign-ins are forgotten."""
    password_hash = hash_password(password)
    with writing(engine, actor, versioned=False) as write:
        done = write.conn.execute(update(User).where(User.username == username).values(
            password_hash=password_hash, **_sessions_ended()))
        if done.rowcount == 0:
            raise UserError("unknown_user", username=username)
        write.conn.execute(delete(LoginAttempt).where(LoginAttempt.username == username))
        write.audit("user.password", username, None, "(đã đổi)")


def end_sessions(engine: Engine, username: str) -> None:
    """Sign the account out everywhere: every login cookie issued until now stops working."""
    with writing(engine, username, versioned=False) as write:
        write.conn.execute(update(User).where(User.username == username).values(**_sessions_ended()))


def deactivate_sample_accounts(conn: Connection) -> None:
    """The demo is over: every sample account stops working, its sessions ended (in `conn`'s transaction)."""
    conn.execute(update(User).where(User.is_demo.is_(True)).values(active=False, **_sessions_ended()))


def _sessions_ended() -> dict:
    """The account values that void every login cookie issued until now."""
    return {"sessions_valid_from": time.time()}


def count_users(engine: Engine, include_demo: bool = True) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(User.id).where(_usable(include_demo))).all())


def _usable(include_demo: bool):
    condition = User.active.is_(True)
    return condition if include_demo else condition & User.is_demo.is_(False)


def account(engine: Engine, username: str, include_demo: bool = True,
            session_started: float | None = None) -> Account | None:
    """The active account `username` (sample accounts only with `include_demo`, i.e. in demo mode);
    with `session_started` (epoch seconds), None as well when the account's sessions were ended
    after that (logout, new password, deactivation)."""
    with engine.connect() as conn:
        return _account(conn, username, include_demo, session_started)


def _account(conn: Connection, username: str, include_demo: bool = True,
             session_started: float | None = None) -> Account | None:
    row = conn.execute(select(User.username, User.name, User.role, User.unit_id, User.sessions_valid_from)
                       .where(User.username == username, _usable(include_demo))).first()
    if row is None:
        return None
    valid_from = row[4]
    if session_started is not None and valid_from is not None and session_started < valid_from:
        return None
    return Account(*row[:4])


def credentials(engine: Engine, include_demo: bool = True) -> dict:
    """A fresh credentials dict for streamlit-authenticator (it mutates what it is given). The
    library only signs in by its cookie (the form is ours: `verify`), so it gets no password hash."""
    users = {}
    with engine.connect() as conn:
        rows = conn.execute(select(User.username, User.name, User.email, User.role)
                            .where(_usable(include_demo))).all()
    for username, name, email, role in rows:
        users[username] = {"name": name, "email": email or f"{username}@local", "password": LOCKED_HASH,
                           "roles": [role]}
    return {"usernames": users}


LOCKED_HASH = "$2b$04$" + "." * 53  # a well-formed bcrypt hash that no password produces


def typed_name(username: str) -> str:
    """A typed user name as accounts and sign-in attempts are keyed."""
    return (username or "").strip().lower()[:64]


def locked_until(engine: Engine, username: str, now: datetime | None = None) -> datetime | None:
    """When sign-ins under this name unlock, if they are locked now (for any name, account or not)."""
    with engine.connect() as conn:
        return _locked_until(conn, username, now)


def _locked_until(conn: Connection, username: str, now: datetime | None = None) -> datetime | None:
    now = clock.utc(now) if now else clock.now()
    until = conn.execute(select(LoginAttempt.locked_until)
                         .where(LoginAttempt.username == typed_name(username))).scalar()
    return until if until and until > now else None


def _count_failure(write: Write, name: str, known: bool, now: datetime) -> None:
    """One more failed sign-in under `name`; the MAX_FAILED_LOGINS-th in a row locks the name for
    LOCK_MINUTES, whether an account of that name exists or not (nothing tells them apart)."""
    conn = write.conn
    row = conn.execute(select(LoginAttempt.failed).where(LoginAttempt.username == name)).first()
    failed = (row[0] if row else 0) + 1
    until = now + timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_LOGINS else None
    values = {"failed": 0 if until else failed, "locked_until": until, "last_at": now}
    if row:
        conn.execute(update(LoginAttempt).where(LoginAttempt.username == name).values(**values))
    else:
        conn.execute(LoginAttempt.__table__.insert().values(username=name, **values))
    if until and known:
        write.audit("user.locked", name, None, {"until": until.isoformat(timespec="minutes")})
    # names nobody has tried for a day are forgotten, so typed names do not pile up
    conn.execute(delete(LoginAttempt).where(LoginAttempt.last_at < now - timedelta(days=1),
                                            (LoginAttempt.locked_until.is_(None)) | (LoginAttempt.locked_until < now)))


def verify(engine: Engine, username: str, password: str, now: datetime | None = None,
           include_demo: bool = True) -> tuple[Account | None, str]:
    """Check a sign-in with the lockout applied: (account, '') or (None, 'locked'/'wrong').

    Every attempt costs one bcrypt check, and failures lock a name after MAX_FAILED_LOGINS
    whether an account of that name exists or not: neither the time nor the answer tells."""
    now = clock.utc(now) if now else clock.now()
    name = typed_name(username)
    with writing(engine, name, versioned=False) as write:
        conn = write.conn
        row = conn.execute(select(User.password_hash).where(User.username == name, _usable(include_demo))).first()
        matches = check_password(password, row[0] if row else _stand_in_hash(BCRYPT_ROUNDS)) and row is not None
        if _locked_until(conn, name, now):
            return None, "locked"
        if not matches:
            _count_failure(write, name, row is not None, now)
            return None, "wrong"
        conn.execute(delete(LoginAttempt).where(LoginAttempt.username == name))
        return _account(conn, name, include_demo), ""


# --- managing accounts (the accounts page) ------------------------------------------------------


def check_passwords(password: str, again: str) -> None:
    """A password typed twice: the same both times and long enough, else UserError."""
    if clean_password(password) != clean_password(again):
        raise UserError("password_mismatch")
    check_password_rules(password)


USER_COLUMNS = ["username", "name", "role", "unit_code", "unit_name", "active", "is_demo", "locked_until",
                "created_at"]


def users(engine: Engine) -> pd.DataFrame:
    """Every account (never its password hash), by username."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(User.username, User.name, User.role, Unit.code, Unit.name, User.active, User.is_demo,
                   LoginAttempt.locked_until, User.created_at)
            .outerjoin(Unit, Unit.id == User.unit_id).outerjoin(LoginAttempt, LoginAttempt.username == User.username)
            .order_by(User.username)).all()
    frame = pd.DataFrame(rows, columns=USER_COLUMNS)
    frame["active"] = frame["active"].astype(bool)
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame


def set_active(engine: Engine, username: str, active: bool, actor: str) -> bool:
    """Deactivate (the account can no longer sign in; its history stays) or reactivate an account;
    nobody deactivates themselves. Returns whether anything changed (a change is audited)."""
    if not active and username == actor:
        raise UserError("self_deactivate")
    with writing(engine, actor, versioned=False) as write:
        current = write.conn.execute(select(User.active).where(User.username == username)).first()
        if current is None:
            raise UserError("unknown_user", username=username)
        if bool(current[0]) == bool(active):
            return False
        values = {"active": True} if active else {"active": False, **_sessions_ended()}
        write.conn.execute(update(User).where(User.username == username).values(**values))
        write.audit("user.activate" if active else "user.deactivate", username,
                    {"active": bool(current[0])}, {"active": bool(active)})
    return True

