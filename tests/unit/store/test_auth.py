"""Accounts, roles and lockout (lib.store.auth), on SQLite and PostgreSQL."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from lib.present import accounts_view, i18n
from lib.store import audit, auth
from lib.store.models import User


@pytest.fixture
def accounts(small_district):
    auth.add_user(small_district, "noivu", "Phòng Nội vụ", auth.NOI_VU, "mat-khau-noi-vu", actor="test")
    auth.add_user(small_district, "xa1", "Cán bộ xã Một", auth.DON_VI, "mat-khau-xa-1", unit_code="99901", actor="test")
    auth.add_user(small_district, "lanhdao", "Chủ tịch", auth.LANH_DAO, "mat-khau-lanh-dao", actor="noivu")
    return small_district


def test_fresh_install_has_no_account(engine):
    assert auth.count_users(engine) == 0
    assert auth.credentials(engine) == {"usernames": {}}


def test_passwords_are_stored_as_bcrypt_hashes_only(accounts):
    with accounts.connect() as conn:
        hashes = conn.execute(select(User.password_hash)).scalars().all()
    assert all(h.startswith("$2b$") for h in hashes)
    assert not any("mat-khau" in h for h in hashes)
    account, why = auth.verify(accounts, "xa1", "mat-khau-xa-1")
    assert account.role == auth.DON_VI and why == ""
    assert auth.verify(accounts, "xa1", "sai")[0] is None


@pytest.mark.parametrize("username,role,password,unit,reason", [
    ("ab", auth.NOI_VU, "mat-khau-dai", None, "bad_username"),
    ("Tên Có Dấu", auth.NOI_VU, "mat-khau-dai", None, "bad_username"),
    ("khach", "admin", "mat-khau-dai", None, "bad_role"),
    ("khach", auth.NOI_VU, "ngan", None, "short_password"),
    ("khach", auth.DON_VI, "mat-khau-dai", None, "unit_required"),
    ("khach", auth.DON_VI, "mat-khau-dai", "00000", "unknown_unit"),
    ("noivu", auth.NOI_VU, "mat-khau-dai", None, "user_exists"),
])
def test_refused_accounts(accounts, username, role, password, unit, reason):
    with pytest.raises(auth.UserError) as error:
        auth.add_user(accounts, username, "x", role, password, unit_code=unit)
    assert error.value.key == reason
    assert auth.count_users(accounts) == 3


def test_lockout_after_repeated_failures_even_for_the_right_password(accounts):
    now = datetime(2026, 11, 27, 9, 0)
    for attempt in range(auth.MAX_FAILED_LOGINS - 1):
        assert auth.verify(accounts, "noivu", "sai", now) == (None, "wrong")
    assert auth.verify(accounts, "noivu", "sai", now) == (None, "wrong")  # this one locks
    assert auth.verify(accounts, "noivu", "mat-khau-noi-vu", now + timedelta(minutes=1)) == (None, "locked")
    later = now + timedelta(minutes=auth.LOCK_MINUTES + 1)
    account, why = auth.verify(accounts, "noivu", "mat-khau-noi-vu", later)
    assert account is not None and account.username == "noivu"
    actions = audit.entries(accounts)["action"].tolist()
    assert "user.locked" in actions


def test_a_success_resets_the_failure_count(accounts):
    now = datetime(2026, 11, 27, 9, 0)
    for _ in range(auth.MAX_FAILED_LOGINS - 1):
        auth.verify(accounts, "xa1", "sai", now)
    assert auth.verify(accounts, "xa1", "mat-khau-xa-1", now)[0] is not None
    for _ in range(auth.MAX_FAILED_LOGINS - 1):
        auth.verify(accounts, "xa1", "sai", now)
    assert auth.verify(accounts, "xa1", "mat-khau-xa-1", now)[0] is not None


def test_who_may_write_which_unit(accounts):
    with accounts.connect() as conn:
        officer = auth.account(accounts, "xa1")
        secretariat = auth.account(accounts, "noivu")
        leader = auth.account(accounts, "lanhdao")
        ids = dict(conn.execute(select(User.username, User.unit_id)).all())
    own = ids["xa1"]
    assert officer.can_write(own)
    assert not officer.can_write(own + 1)
    assert secretariat.can_write(own) and secretariat.can_write(own + 1)
    assert not leader.can_write(own)


def test_user_changes_are_audited(accounts):
    auth.set_password(accounts, "xa1", "mat-khau-moi-1", actor="noivu")
    log = audit.entries(accounts)
    adds = log[log["action"] == "user.add"]
    assert set(adds["entity"]) == {"noivu", "xa1", "lanhdao"}
    assert adds[adds["entity"] == "lanhdao"]["username"].item() == "noivu"
    change = log[log["action"] == "user.password"]
    assert change["username"].item() == "noivu" and "mat-khau-moi-1" not in change["new_value"].item()


def test_credentials_dict_is_fresh_each_time(accounts):
    first = auth.credentials(accounts)
    first["usernames"]["noivu"]["failed_login_attempts"] = 9
    second = auth.credentials(accounts)
    assert "failed_login_attempts" not in second["usernames"]["noivu"]
    assert second["usernames"]["xa1"]["roles"] == [auth.DON_VI]


# --- the accounts page ----------------------------------------------------------------------------

def test_the_account_list_never_holds_a_hash(accounts):
    frame = auth.users(accounts)
    assert frame["username"].tolist() == ["lanhdao", "noivu", "xa1"]
    assert "password_hash" not in frame.columns and not frame.astype(str).apply(
        lambda c: c.str.startswith("$2b$")).any().any()
    view = accounts_view.users_view(frame).set_index("username")
    assert view.loc["xa1", ["role", "unit", "state"]].tolist() == ["Cán bộ đơn vị", "Thị trấn Một (99901)", "Đang dùng"]
    assert view.loc["noivu", "unit"] == ""


def test_deactivate_and_reactivate_are_audited_and_nobody_deactivates_themselves(accounts):
    assert auth.set_active(accounts, "xa1", False, actor="noivu") is True
    assert auth.set_active(accounts, "xa1", False, actor="noivu") is False  # already: nothing to record
    assert auth.account(accounts, "xa1") is None  # can no longer sign in
    assert "xa1" not in auth.credentials(accounts)["usernames"]
    log = audit.entries(accounts, action_prefix="user.")
    assert log.iloc[0][["username", "action", "entity"]].tolist() == ["noivu", "user.deactivate", "xa1"]
    assert accounts_view.users_view(auth.users(accounts)).set_index("username").loc["xa1", "state"] == "Đã ngừng"
    auth.set_active(accounts, "xa1", True, actor="noivu")
    assert auth.account(accounts, "xa1") is not None
    for username, key in (("noivu", "self_deactivate"), ("ghost", "unknown_user")):
        with pytest.raises(auth.UserError) as error:
            auth.set_active(accounts, username, False, actor="noivu")
        assert error.value.key == key
    assert auth.account(accounts, "noivu") is not None


def test_every_refusal_has_a_sentence_in_both_languages(accounts):
    refusals = [("bad username", auth.NOI_VU, "mat-khau-dai", None), ("new", "boss", "mat-khau-dai", None),
                ("new", auth.NOI_VU, "ngan", None), ("new", auth.DON_VI, "mat-khau-dai", None),
                ("new", auth.DON_VI, "mat-khau-dai", "00000"), ("xa1", auth.NOI_VU, "mat-khau-dai", None)]
    keys = set()
    for username, role, password, unit in refusals:
        with pytest.raises(auth.UserError) as error:
            auth.add_user(accounts, username, "Tên", role, password, unit_code=unit, actor="noivu")
        keys.add(error.value.key)
        assert i18n.say(error.value) and i18n.say(error.value, "en") != i18n.say(error.value)
    assert keys == {"bad_username", "bad_role", "short_password", "unit_required", "unknown_unit", "user_exists"}
    with pytest.raises(auth.UserError) as error:
        auth.check_passwords("mat-khau-dai", "mat-khau-khac")
    assert i18n.say(error.value) == "Hai lần nhập mật khẩu không khớp nhau."
    with pytest.raises(auth.UserError) as error:
        auth.check_passwords("ngan", "ngan")
    assert i18n.say(error.value) == "Mật khẩu quá ngắn: cần ít nhất 8 ký tự không phải dấu cách."
    assert {f"auth.{k}" for k in keys | {"password_mismatch", "unknown_user", "self_deactivate"}} <= set(i18n.STRINGS)
