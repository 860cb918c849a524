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
import pandas as pd
from sqlalchemy import Engine, select, update
from sqlalchemy.engine import Connection

from lib import audit, i18n
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


# --- managing accounts (the accounts page) ------------------------------------------------------

MESSAGES = {  # UserError.key -> (Vietnamese, English)
    "bad_username": ("Tên đăng nhập '{username}' không hợp lệ: cần 3–64 ký tự, chỉ gồm chữ thường không dấu, "
                     "chữ số và các dấu . _ -.",
                     "Username '{username}' is not valid: 3–64 characters, only lower-case letters without "
                     "accents, digits and . _ -."),
    "bad_role": ("Vai trò '{role}' không hợp lệ.", "Role '{role}' is not valid."),
    "short_password": ("Mật khẩu quá ngắn: cần ít nhất {n} ký tự.", "The password is too short: at least {n} characters."),
    "password_mismatch": ("Hai lần nhập mật khẩu không khớp nhau.", "The two passwords do not match."),
    "unit_required": ("Tài khoản Cán bộ đơn vị phải gắn với một đơn vị.", "A unit officer's account needs a unit."),
    "unknown_unit": ("Không có đơn vị mã {unit}.", "There is no unit with code {unit}."),
    "user_exists": ("Tên đăng nhập '{username}' đã có người dùng.", "Username '{username}' is already taken."),
    "unknown_user": ("Không có tài khoản '{username}'.", "There is no account '{username}'."),
    "self_deactivate": ("Không thể tự ngừng tài khoản của chính mình.", "You cannot deactivate your own account."),
}


def message(error: UserError, lang: str = "vi") -> str:
    """The sentence for a refused account change, in the language."""
    return i18n.pick(MESSAGES, error.key, lang, **error.params)


def check_passwords(password: str, again: str) -> None:
    """A password typed twice: the same both times and long enough, else UserError."""
    if password != again:
        raise UserError("password_mismatch")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("short_password", n=MIN_PASSWORD_LENGTH)


USER_COLUMNS = ["username", "name", "role", "unit_code", "unit_name", "active", "is_demo", "locked_until",
                "created_at"]


def users(conn: Connection) -> pd.DataFrame:
    """Every account (never its password hash), by username."""
    rows = conn.execute(
        select(User.username, User.name, User.role, Unit.code, Unit.name, User.active, User.is_demo,
               User.locked_until, User.created_at)
        .outerjoin(Unit, Unit.id == User.unit_id).order_by(User.username)).all()
    frame = pd.DataFrame(rows, columns=USER_COLUMNS)
    frame["active"] = frame["active"].astype(bool)
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame


def set_active(conn: Connection, username: str, active: bool, actor: str) -> bool:
    """Deactivate (the account can no longer sign in; its history stays) or reactivate an account;
    nobody deactivates themselves. Returns whether anything changed (a change is audited)."""
    if not active and username == actor:
        raise UserError("self_deactivate")
    current = conn.execute(select(User.active).where(User.username == username)).first()
    if current is None:
        raise UserError("unknown_user", username=username)
    if bool(current[0]) == bool(active):
        return False
    conn.execute(update(User).where(User.username == username).values(active=bool(active)))
    audit.record(conn, actor, "user.activate" if active else "user.deactivate", username,
                 {"active": bool(current[0])}, {"active": bool(active)})
    return True


def users_view(frame: pd.DataFrame, lang: str = "vi", now: datetime | None = None) -> pd.DataFrame:
    """`users` for reading: the role and unit named, and the account's state in words."""
    from lib import i18n

    now = now or datetime.now()
    states = []
    for active, demo, until in zip(frame["active"], frame["is_demo"], frame["locked_until"]):
        words = [i18n.t("account_active" if active else "account_inactive", lang)]
        until = None if until is None or pd.isna(until) else pd.Timestamp(until).to_pydatetime()
        if until and until > now:
            words.append(i18n.t("account_locked", lang, until=until.strftime("%H:%M %d/%m/%Y")))
        if demo:
            words.append(i18n.t("account_demo", lang))
        states.append("; ".join(words))
    units = ["" if code is None or pd.isna(code) else f"{name} ({code})"
             for code, name in zip(frame["unit_code"], frame["unit_name"])]
    return pd.DataFrame({"username": frame["username"], "name": frame["name"],
                         "role": [ROLES[r][lang == "en"] if r in ROLES else r for r in frame["role"]],
                         "unit": units, "state": states, "active": frame["active"]})
