"""The login gate under AppTest: no default accounts outside demo mode, the cookie key, the
sample accounts of demo mode, lockout, and pages by role."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from conftest import unescaped

from lib.io import official
from lib.store import auth, db
from lib.store.units import setup_district

APP = "../../app.py"


@pytest.fixture(autouse=True)
def _routed(router_mode):
    """Run as the server does after its first run (see tests/conftest.py)."""


@pytest.fixture
def real_url(databases, tmp_path, monkeypatch):
    """A set-up district without sample data (what a real installation has before its first account)."""
    url = databases.sqlite("migrated", tmp_path / "real.db")
    engine = db.get_engine(url)
    setup_district(engine, official.find_district("016"))
    monkeypatch.setenv("DATABASE_URL", url)
    db.get_engine.cache_clear()
    return url


@pytest.fixture
def demo_copy(databases, tmp_path, monkeypatch):
    url = databases.sqlite("demo", tmp_path / "demo.db")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    db.get_engine.cache_clear()
    return url


def run(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def signed_in(at: AppTest) -> bool:
    return "authentication_status" in at.session_state and at.session_state["authentication_status"] is True


def attempt(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    attempt(at, username, password)
    at.run()  # the run the cookie's component asks for after a sign-in, in a browser
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def test_outside_demo_mode_the_app_refuses_to_start_without_a_cookie_key(real_url, monkeypatch):
    monkeypatch.delenv("CCHC_COOKIE_KEY", raising=False)
    at = run()
    assert "CCHC_COOKIE_KEY" in at.error[0].value
    assert not at.text_input  # no login form, no data


def test_a_fresh_install_asks_for_a_first_account_before_anyone_sees_data(real_url, monkeypatch):
    monkeypatch.setenv("CCHC_COOKIE_KEY", "test-cookie-key-0123456789abcdef-0123456789")
    at = run()
    assert "Chưa có tài khoản nào" in at.error[0].value
    assert "users add" in at.code[0].value and "--role noi_vu" in at.code[0].value
    # no default account or password opens anything: even a forged session shows no page
    at = run(authentication_status=True, username="admin")
    assert "Chưa có tài khoản nào" in at.error[0].value
    assert not any("Kết quả" in t for t in page_titles(at))


def test_sample_accounts_do_not_work_outside_demo_mode(demo_copy):
    with db.get_engine(demo_copy).begin() as conn:
        db.set_meta(conn, "sample_data", "0")  # the database no longer holds sample data
    at = run(authentication_status=True, username="noivu")
    assert "Chưa có tài khoản nào" in at.error[0].value


def test_demo_mode_shows_its_sample_accounts_and_signs_in(demo_copy):
    at = run()
    assert not page_titles(at) or "Kết quả" not in page_titles(at)[0]
    listed = at.table[0].value
    assert "noivu" in listed.iloc[:, 0].tolist() and "demo-noivu" in listed.iloc[:, 1].tolist()
    sign_in(at, "lanhdao", "demo-lanhdao")
    assert at.session_state["authentication_status"] is True
    assert page_titles(at)[0].startswith("Kết quả cải cách hành chính")
    assert any("Chủ tịch UBND huyện (mẫu)" in unescaped(m.value) for m in at.sidebar.markdown)


def test_a_wrong_password_is_refused(demo_copy):
    at = attempt(run(), "lanhdao", "sai-mat-khau")
    assert "không đúng" in at.error[0].value
    assert not any(t.startswith("Kết quả") for t in page_titles(at))


def test_repeated_failures_lock_the_account_even_for_the_right_password(demo_copy):
    at = run()
    for _ in range(auth.MAX_FAILED_LOGINS):
        attempt(at, "xa00376", "sai-mat-khau")
    assert "tạm khóa" in " ".join(e.value for e in at.error)
    at = attempt(run(), "xa00376", "demo-xa00376")
    assert "tạm khóa" in " ".join(e.value for e in at.error)
    assert not signed_in(at)


def test_an_officer_does_not_get_the_secretariats_pages(demo_copy):
    officer = run(authentication_status=True, username="xa00376")
    secretariat = run(authentication_status=True, username="noivu")

    def nav_links(at):
        return {link.proto.label for link in at.get("page_link")} if at.get("page_link") else set()

    assert page_titles(officer)[0].startswith("Kết quả")
    officer_pages = str(officer.get("navigation")) if officer.get("navigation") else ""
    assert "Tài khoản" not in officer_pages
    assert page_titles(secretariat)[0].startswith("Kết quả")


def test_the_example_placeholder_and_short_cookie_keys_are_refused(real_url, monkeypatch):
    auth.add_user(db.get_engine(real_url), "noivu", "Phòng Nội vụ", auth.NOI_VU, "mat-khau-noi-vu")
    for key, said in [("REPLACE-WITH-A-LONG-RANDOM-STRING", "chuỗi mẫu"), ("k", "quá dễ đoán")]:
        monkeypatch.setenv("CCHC_COOKIE_KEY", key)
        at = run()
        assert said in at.error[0].value
        assert "secrets.token_urlsafe" in at.code[0].value
        assert not at.text_input  # no login form
        at = run(authentication_status=True, username="noivu")  # nor any page
        assert not any(t.startswith("Kết quả") for t in page_titles(at))


def test_an_unknown_name_is_locked_out_with_the_same_words(demo_copy):
    said = {}
    for name in ("xa00376", "khong-co-ai"):
        at = run()
        for _ in range(auth.MAX_FAILED_LOGINS):
            attempt(at, name, "sai-mat-khau")
        said[name] = [e.value for e in at.error]
    assert said["xa00376"] == said["khong-co-ai"]
    assert "tạm khóa" in said["khong-co-ai"][0]


def test_a_real_import_ends_the_demo_and_the_login_page_says_so(demo_copy, tmp_path):
    from lib.io import importer

    importer.import_observations(db.get_engine(demo_copy), b"ma_don_vi,ma_chi_tieu,ky,tu_so,mau_so\n"
                                 b"00376,3.4,2024-05,40,41\n", "that.csv")
    at = run()  # the key is set; the sample accounts are gone
    assert "Chưa có tài khoản nào" in at.error[0].value
    assert "Chế độ demo đã kết thúc" in at.warning[0].value
    assert not at.table  # the sample accounts are no longer listed
    at = run(authentication_status=True, username="noivu")  # a sample session signs in no more
    assert not any(t.startswith("Kết quả") for t in page_titles(at))


def test_a_session_whose_sessions_were_ended_is_signed_out(demo_copy):
    at = run(authentication_status=True, username="lanhdao")
    assert page_titles(at)[0].startswith("Kết quả")
    auth.end_sessions(db.get_engine(demo_copy), "lanhdao")  # e.g. logout elsewhere, or a new password
    at.run()
    assert not any(t.startswith("Kết quả") for t in page_titles(at))
    assert not signed_in(at)
    assert at.text_input  # the form again


def test_an_unreachable_database_shows_a_plain_message(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://127.0.0.1:9/khong_co")
    db.get_engine.cache_clear()
    at = run()
    shown = " ".join(e.value for e in at.error)
    assert "Không kết nối được cơ sở dữ liệu" in shown
    assert "psycopg" not in shown and "sqlalchemy" not in shown.lower() and "127.0.0.1" not in shown


def test_a_database_that_stops_answering_under_way_shows_a_plain_message_then_recovers(demo_copy, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from lib.store import queries

    at = run(authentication_status=True, username="lanhdao")
    answers = queries.years_with_data

    def down(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(queries, "years_with_data", down)
    with db.get_engine(demo_copy).begin() as conn:
        db.bump_data_version(conn)  # a new data version: the pages read the database again
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Không kết nối được cơ sở dữ liệu" in shown and "server closed" not in shown
    monkeypatch.setattr(queries, "years_with_data", answers)
    at.run()
    assert not at.exception and page_titles(at)[0].startswith("Kết quả")


def test_the_login_page_names_the_product_and_switches_language(demo_copy):
    at = run()
    assert at.title[0].value == "Theo dõi cải cách hành chính"
    at.radio(key="dang_nhap_ngon_ngu").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Administrative reform tracker"
    assert at.query_params["lang"] in ("en", ["en"])  # kept in the address: a reload stays in English
    # a link that says English opens the login page in English
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert at.title[0].value == "Administrative reform tracker"
    assert at.radio(key="dang_nhap_ngon_ngu").value == "en"


def test_the_login_page_is_drawn_without_the_librarys_wait(demo_copy, monkeypatch):
    """streamlit-authenticator sleeps 0.7 s (its PRE_LOGIN_SLEEP_TIME) in its login before every run
    nobody is signed in to, which is every new tab's first run: the gate signs in by the cookie itself
    and, where it builds the library's Authenticate, asks it not to wait."""
    from types import SimpleNamespace

    import streamlit_authenticator.views.authentication_view as view
    from streamlit_authenticator import params

    waits = []
    monkeypatch.setattr(view, "time", SimpleNamespace(sleep=waits.append))
    assert params.PRE_LOGIN_SLEEP_TIME > 0
    at = run()
    assert at.text_input, "the login form is drawn"
    assert max(waits, default=0) == 0, waits


def test_a_sign_in_writes_a_cookie_the_gate_reads_back_and_a_logout_deletes_it(demo_copy):
    """After the form, the login cookie waits to be written (the library's component is drawn run
    after run until it says it has): signed with the key, it names the user and dates the session
    the gate's later reading of it starts from; the logout asks for its deletion."""
    import os

    import jwt

    from lib.web import login

    at = sign_in(run(), "lanhdao", "demo-lanhdao")
    action, token, expiry = at.session_state[login.COOKIE_PENDING]
    decoded = jwt.decode(token, os.environ["CCHC_COOKIE_KEY"], algorithms=["HS256"])  # demo_copy's key
    assert action == "set" and decoded == {"username": "lanhdao", "exp_date": expiry}
    assert login.cookie_started(decoded, "lanhdao") == pytest.approx(at.session_state[login.SESSION_STARTED])
    assert expiry - at.session_state[login.SESSION_STARTED] == pytest.approx(login.COOKIE_DAYS * 86400)
    ok = at.sidebar.button(key="dang_xuat").click().run()
    assert not ok.exception and not signed_in(ok)
    assert ok.session_state[login.COOKIE_PENDING] == ("delete",)
