"""Sessions end for good in Chromium: a copied login cookie signs in no more after its owner logs
out, or after the secretariat sets a new password."""
from __future__ import annotations

from browser_kit import BROWSER, COOKIE, browser, demo_server, sign_in  # noqa: F401 (fixtures)

from lib.store import auth, db

pytestmark = BROWSER


def with_copied_cookie(browser, cookies):
    """A fresh browser that carries only a copy of someone's login cookie."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_cookies([c for c in cookies if c["name"] == COOKIE])
    return context


def signed_in_by_cookie(context, server: str) -> bool:
    page = context.new_page()
    page.goto(server)
    signed = page.get_by_text("Đang đăng nhập")
    form = page.get_by_label("Mật khẩu")
    for _ in range(300):
        if signed.count():
            page.close()
            return True
        if form.count():
            page.wait_for_timeout(3000)  # give a cookie sign-in its time before calling it refused
            result = signed.count() > 0
            page.close()
            return result
        page.wait_for_timeout(100)
    raise AssertionError("neither the page nor the login form appeared")


def test_a_copied_cookie_dies_with_its_owners_logout(demo_server, browser):
    server = demo_server[0]
    owner = sign_in(browser, server, "lanhdao", "demo-lanhdao")
    stolen = owner.cookies()
    copy = with_copied_cookie(browser, stolen)
    assert signed_in_by_cookie(copy, server)  # the copy works while the session lives
    copy.close()

    page = owner.new_page()
    page.goto(server)
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Mật khẩu").wait_for(timeout=30_000)
    for _ in range(100):  # the library's component deletes the browser's cookie
        if not [c for c in owner.cookies() if c["name"] == COOKIE]:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the login cookie is still in the browser after the logout")
    owner.close()

    copy = with_copied_cookie(browser, stolen)
    assert not signed_in_by_cookie(copy, server)
    copy.close()


def test_a_copied_cookie_dies_when_the_secretariat_sets_a_new_password(demo_server, browser):
    server, url = demo_server
    owner = sign_in(browser, server, "xa00376", "demo-xa00376")
    stolen = owner.cookies()
    owner.close()
    auth.set_password(db.get_engine(url), "xa00376", "mat-khau-moi-xa", actor="noivu")
    copy = with_copied_cookie(browser, stolen)
    assert not signed_in_by_cookie(copy, server)
    copy.close()
