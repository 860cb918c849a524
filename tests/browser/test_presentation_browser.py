"""The meeting-room view in headless Chromium at the two sizes a meeting room has (a 1280x720
projector and a 1920x1080 screen): no sidebar, the data stamp on every slide, nothing wider than
the screen, no text cut off, and a walk that can be stepped, paused and left."""
from __future__ import annotations

from tests.browser.browser_kit import BROWSER, SHOTS, SIZES, open_page, settled
from tests.browser.browser_kit import browser, server, signed_in  # noqa: F401 - fixtures

pytestmark = BROWSER

WAIT = 30_000
SLIDE_TITLES = ["Tổng quan cải cách hành chính", "Lĩnh vực 1.", "Lĩnh vực 2.", "Lĩnh vực 3.", "Lĩnh vực 4.",
                "Lĩnh vực 5.", "Lĩnh vực 6.", "Lĩnh vực 7."]

# Elements whose text is cut: wider content than their box where they hide the overflow, or any
# part of the slide outside the window.
CUT_OFF = """() => {
  const out = [];
  const width = document.documentElement.clientWidth;
  const shown = '.present *, .present-walk, [data-testid="stButton"] button, [data-testid="stVegaLiteChart"]';
  for (const el of document.querySelectorAll(shown)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    const style = getComputedStyle(el);
    const hides = style.overflow !== 'visible' || style.textOverflow === 'ellipsis';
    if ((hides && el.scrollWidth > el.clientWidth + 1) || r.right > width + 1 || r.left < -1)
      out.push(el.tagName + ' ' + (el.innerText || '').slice(0, 40));
  }
  return out;
}"""


def wait_text(page, text: str) -> None:
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=WAIT)


def slide_title(page) -> str:
    return page.locator(".present-title").first.inner_text()


def test_every_slide_fits_the_screen(signed_in, server):  # noqa: F811
    """Each slide at each size: the window resized on it (the app does not know the window's size)."""
    page = open_page(signed_in, f"{server}/?trinh_chieu=1", *SIZES[0])
    try:
        wait_text(page, SLIDE_TITLES[0])
        assert page.locator("[data-testid='stSidebar']").is_hidden()
        for n, title in enumerate(SLIDE_TITLES):
            if n:
                page.get_by_role("button", name="Tiếp").click()
                wait_text(page, title)
                page.wait_for_function("t => document.querySelector('.present-title').innerText.startsWith(t)",
                                       arg=title, timeout=WAIT)
            if page.locator(".present-map-title").count():  # the map is drawn after the text
                page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for(timeout=WAIT)
            for width, height in SIZES if n % 2 == 0 else SIZES[::-1]:  # (the size it is at first)
                page.set_viewport_size({"width": width, "height": height})
                settled(page)
                # the data stamp on every slide, the sample marker with it
                stamp = page.locator(".present-stamp").inner_text()
                assert "Số liệu đến hết tháng" in stamp and "DỮ LIỆU MẪU" in stamp
                assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
                assert page.evaluate(CUT_OFF) == [], (width, height)
                # the whole slide is on the screen: nothing to scroll to in a meeting
                bottom = page.evaluate("Math.max(...[...document.querySelectorAll('.present *, "
                                       "[data-testid=\"stVegaLiteChart\"]')]"
                                       ".map(e => e.getBoundingClientRect().bottom))")
                assert bottom <= height, f"slide {n} ends at {bottom}px on a {height}px screen"
                SHOTS.mkdir(exist_ok=True)
                page.screenshot(path=SHOTS / f"presentation_{width}x{height}_{n}.png")
        assert page.locator("[data-testid='stException']").count() == 0
    finally:
        page.close()


def test_the_walk_moves_on_its_own_and_can_be_paused_stepped_and_left(signed_in, server):  # noqa: F811
    page = open_page(signed_in, f"{server}/?trinh_chieu=1", 1280, 720)
    try:
        wait_text(page, SLIDE_TITLES[0])
        # the shortest pace: the next slide comes on its own
        page.locator("[data-testid='stSelectbox']").first.click()
        page.get_by_role("option", name="10 giây").click()
        wait_text(page, "Tự chuyển sau 10 giây")
        page.wait_for_function("() => document.querySelector('.present-title').innerText.startsWith('Lĩnh vực 1.')",
                               timeout=WAIT)
        page.get_by_role("button", name="Tạm dừng").click()
        wait_text(page, "Đang dừng")
        shown = slide_title(page)
        page.wait_for_timeout(12_000)  # longer than the pace: a paused walk stays
        assert slide_title(page) == shown
        page.get_by_role("button", name="Trước").click()
        page.wait_for_function("() => document.querySelector('.present-title').innerText.startsWith('Tổng quan')",
                               timeout=WAIT)
        page.get_by_role("button", name="Thoát trình chiếu").click()
        page.locator("[data-testid='stSidebar']").wait_for(state="visible", timeout=WAIT)
        assert "trinh_chieu" not in page.url
    finally:
        page.close()


def test_the_sidebar_switch_turns_the_mode_on(signed_in, server):  # noqa: F811
    page = open_page(signed_in, server, 1920, 1080)
    try:
        page.get_by_text("Chế độ trình chiếu").first.click()
        wait_text(page, SLIDE_TITLES[0])
        assert "trinh_chieu=1" in page.url
    finally:
        page.close()
