"""Users, roles, passwords and lockout, kept in the shared database (no Streamlit here).

Roles: `lanh_dao` reads and downloads everything; `noi_vu` (the secretariat) does everything,
including users, targets and imports; `don_vi` is an officer bound to one commune or agency who
reads everything and writes only their own unit's figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import bcrypt
from sqlalchemy import Engine, select, update
from sqlalchemy.engine import Connection

from lib import audit
from lib.models import Unit, User

LANH_DAO, NOI_VU, DON_VI = "lanh_dao", "noi_vu", "don_vi"
ROLES = {
    LANH_DAO: ("Lãnh đạo", "Leader"),
    NOI_VU: ("Phòng Nội vụ", "Secretariat"),
    DON_VI: ("Cán bộ đơn vị", "Unit officer"),
}
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
BCRYPT_ROUNDS = 12  # tests lower it: hashing cost is not behaviour
USERNAME = re.compile(r"^[a-z0-9_.-]{3,64}$")


class UserError(ValueError):
    """A user cannot be created or changed as asked; `.key` names the reason for the message."""

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key, self.params = key, params


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

    @property
    def is_admin(self) -> bool:
        return self.role == NOI_VU


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("ascii"))
    except ValueError:
        return False


def add_user(conn: Connection, username: str, name: str, role: str, password: str,
             unit_code: str | None = None, actor: str = "cli", email: str = "", is_demo: bool = False) -> int:
    """Create an account; the password is stored only as a bcrypt hash."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise UserError("bad_username", username=username)
    if role not in ROLES:
        raise UserError("bad_role", role=role)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("short_password", n=MIN_PASSWORD_LENGTH)
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
        username=username, name=name.strip() or username, email=email, password_hash=hash_password(password),
        role=role, unit_id=unit_id, active=True, is_demo=is_demo, failed_logins=0))
    audit.record(conn, actor, "user.add", username, None, {"name": name, "role": role, "unit": unit_code})
    return result.inserted_primary_key[0]


def set_password(conn: Connection, username: str, password: str, actor: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("short_password", n=MIN_PASSWORD_LENGTH)
    done = conn.execute(update(User).where(User.username == username).values(
        password_hash=hash_password(password), failed_logins=0, locked_until=None))
    if done.rowcount == 0:
        raise UserError("unknown_user", username=username)
    audit.record(conn, actor, "user.password", username, None, "(đã đổi)")


def count_users(engine: Engine, include_demo: bool = True) -> int:
    with engine.connect() as conn:
        return len(conn.execute(select(User.id).where(_usable(include_demo))).all())


def _usable(include_demo: bool):
    condition = User.active.is_(True)
    return condition if include_demo else condition & User.is_demo.is_(False)


def account(conn: Connection, username: str, include_demo: bool = True) -> Account | None:
    """The active account `username` (sample accounts only with `include_demo`, i.e. in demo mode)."""
    row = conn.execute(select(User.username, User.name, User.role, User.unit_id)
                       .where(User.username == username, _usable(include_demo))).first()
    return Account(*row) if row else None


def credentials(conn: Connection, include_demo: bool = True, locked_out: set[str] = frozenset()) -> dict:
    """A fresh credentials dict for streamlit-authenticator (it mutates what it is given).
    Accounts in `locked_out` get a hash no password matches, so the form refuses them."""
    users = {}
    rows = conn.execute(select(User.username, User.name, User.email, User.password_hash, User.role)
                        .where(_usable(include_demo)))
    for username, name, email, password_hash, role in rows:
        users[username] = {"name": name, "email": email or f"{username}@local",
                           "password": LOCKED_HASH if username in locked_out else password_hash, "roles": [role]}
    return {"usernames": users}


LOCKED_HASH = "$2b$04$" + "." * 53  # a well-formed bcrypt hash that no password produces


def locked_accounts(conn: Connection, now: datetime | None = None) -> set[str]:
    now = now or datetime.now()
    return set(conn.execute(select(User.username).where(User.locked_until > now)).scalars())


def locked_until(conn: Connection, username: str, now: datetime | None = None) -> datetime | None:
    """When the account unlocks, if it is locked now."""
    now = now or datetime.now()
    until = conn.execute(select(User.locked_until).where(User.username == username)).scalar()
    return until if until and until > now else None


def record_login(engine: Engine, username: str, success: bool, now: datetime | None = None) -> datetime | None:
    """Count a login attempt; after MAX_FAILED_LOGINS failures in a row the account locks for
    LOCK_MINUTES. Returns the lock's end when the account is (now) locked."""
    now = now or datetime.now()
    with engine.begin() as conn:
        row = conn.execute(select(User.failed_logins).where(User.username == username)).first()
        if row is None:
            return None
        if success:
            conn.execute(update(User).where(User.username == username).values(failed_logins=0, locked_until=None))
            return None
        failed = row[0] + 1
        until = now + timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_LOGINS else None
        conn.execute(update(User).where(User.username == username).values(
            failed_logins=0 if until else failed, locked_until=until))
        if until:
            audit.record(conn, username, "user.locked", username, None, {"until": until.isoformat(timespec="minutes")})
        return until


def verify(engine: Engine, username: str, password: str, now: datetime | None = None) -> tuple[Account | None, str]:
    """Check a password with the lockout applied: (account, '') or (None, 'locked'/'wrong')."""
    with engine.connect() as conn:
        if locked_until(conn, username, now):
            return None, "locked"
        row = conn.execute(select(User.password_hash).where(User.username == username, User.active.is_(True))).first()
    if row is None or not check_password(password, row[0]):
        record_login(engine, username, False, now)
        return None, "wrong"
    record_login(engine, username, True, now)
    with engine.connect() as conn:
        return account(conn, username), ""
