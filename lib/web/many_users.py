"""Many users at once, for the benchmark (python -m lib.bench --users N): real `streamlit run app.py`
servers on the demo district, and N sessions in headless Chromium (one browser context each, signed
in with the demo secretariat's login cookie) that open area 3 from the overview at the same moment.

A session's time is measured in its page, from the click on the sidebar's link to the end of the
run that draws area 3 (the app's script state going from running back to not running): what a user
waits for after the click, the server's run and the drawing of its elements. Rounds: every session
opens area 3 (timed) then goes back to the overview (not timed); the first round warms the caches
and is not counted.

Three set-ups on one database: one session alone on one server; N sessions on one server; N
sessions on two servers behind the README's proxy (nginx with a sticky cookie) where nginx is
installed, else split evenly between the two servers (each session straight to its server)."""
from __future__ import annotations

import asyncio
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lib.web.served import CHROMIUM, CHROMIUM_ARGS, STICKY_COOKIE, Proxy, Server, nginx

COOKIE_KEY = "bench-users-cookie-key-0123456789abcdef-0123"
ACCOUNT = ("noivu", "demo-noivu")  # the demo secretariat (lib.store.demo)
AREA_LINK = "a[data-testid='stSidebarNavLink'][href$='/area_3']"
OVERVIEW_LINK = "a[data-testid='stSidebarNavLink'][href$='/']"
# ten windows at once: Chromium would slow the timers of those it deems in the background to one
# tick a second, and the polling below with them
UNTHROTTLED = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding",
               "--disable-backgrounding-occluded-windows"]
TIMEOUT_MS = 60_000  # a loaded machine can take long to answer a first page
APP = "[data-testid='stApp']"

# Click the link; resolve with the milliseconds until the last run it led to ended, once the page
# shows `path` and no run has started for `quiet` ms (a component of the page, the login cookie's,
# can ask for one more run right after the first: its end is what the user waits for). The app's
# state is polled every POLL_MS (React may replace the element an observer would watch); a run that
# fell between two polls shows by the page's path, which changes once the new page runs. A click
# that led only to a run of the same page (it came as the cookie component asked for its run, which
# took the click's place) is made again, once, as a user would: the time counts from the first.
QUIET_MS = 1500
POLL_MS = 20
_CLICK_AND_TIME = """
([selector, path, quiet, poll]) => new Promise((resolve, reject) => {
    const link = document.querySelector(selector);
    if (!link) { reject(new Error("no link " + selector)); return; }
    let ran = false, ended = null, again = false;
    const start = performance.now(), from = location.pathname;
    window.cchcStates = [];
    const tick = () => {
        const state = document.querySelector("[data-testid='stApp']")?.getAttribute("data-test-script-state");
        const now = performance.now();
        if (window.cchcStates.at(-1)?.[0] !== state) window.cchcStates.push([state, Math.round(now - start), location.pathname]);
        if (state === "running") { ran = true; ended = null; }
        else if ((ran || location.pathname !== from) && state === "notRunning") {
            if (ended === null) ended = now;
            if (now - ended >= quiet) {
                if (location.pathname.endsWith(path)) { resolve(ended - start); return; }
                if (!again) { again = true; ran = false; ended = null; document.querySelector(selector)?.click(); }
            }
        }
        setTimeout(tick, poll);
    };
    link.click();
    tick();
})
"""


@dataclass
class Timing:
    """Seconds a session waited for area 3, per opening, in one set-up."""
    setup: str
    sessions: int
    servers: int
    seconds: list[float] = field(default_factory=list)
    how: str = ""
    backend: str = ""

    def quantile(self, q: float) -> float:
        if not self.seconds:
            return float("nan")
        if len(self.seconds) == 1:
            return self.seconds[0]
        return statistics.quantiles(self.seconds, n=100, method="inclusive")[round(q * 100) - 1]

    @property
    def p50(self) -> float:
        return self.quantile(0.5)

    @property
    def p95(self) -> float:
        return self.quantile(0.95)


async def _signed_in_state(browser, base: str) -> dict:
    """The cookies of the demo secretariat signed in once through the form (the login cookie; this
    module does not import lib.web.login, which would bring Streamlit into the benchmark's process)."""
    from lib.present import i18n

    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()
    await page.goto(base)
    await page.get_by_label(i18n.t("login_username", "vi")).fill(ACCOUNT[0])
    await page.get_by_label(i18n.t("login_password", "vi")).fill(ACCOUNT[1])
    await page.get_by_role("button", name=i18n.t("login_button", "vi")).click()
    for _ in range(300):  # the cookie is written by a small component, asynchronously
        if [c for c in await context.cookies() if _login_cookie(c)]:
            break
        await page.wait_for_timeout(100)
    else:
        raise RuntimeError("the login cookie was never set")
    state = await context.storage_state()
    await context.close()
    # not the proxy's sticky cookie: it would send every session to one server
    return {"cookies": [c for c in state["cookies"] if _login_cookie(c)], "origins": []}


def _login_cookie(cookie: dict) -> bool:
    """Neither the proxy's sticky cookie nor Streamlit's own (its XSRF token)."""
    return cookie["name"] != STICKY_COOKIE and not cookie["name"].startswith("_streamlit")


async def _open_sessions(browser, bases: list[str], count: int, state: dict) -> list:
    """`count` sessions (one context each), spread over `bases` in turn, each on the overview."""
    pages = []
    for n in range(count):
        context = await browser.new_context(storage_state=state, viewport={"width": 1280, "height": 720})
        context.set_default_timeout(TIMEOUT_MS)
        page = await context.new_page()
        await page.goto(bases[n % len(bases)])
        await page.locator(AREA_LINK).first.wait_for(timeout=TIMEOUT_MS)
        await _idle(page)
        pages.append(page)
    return pages


async def _idle(page) -> None:
    await page.wait_for_function(
        "s => document.querySelector(s)?.getAttribute('data-test-script-state') === 'notRunning'",
        arg=APP, timeout=TIMEOUT_MS)


async def _open(page, link: str, path: str) -> float:
    """Seconds from a click on `link` to the end of the runs it led to (the page then at `path`)."""
    try:
        return await asyncio.wait_for(page.evaluate(_CLICK_AND_TIME, [link, path, QUIET_MS, POLL_MS]),
                                      TIMEOUT_MS / 1000) / 1000
    except asyncio.TimeoutError:
        states = await page.evaluate("[window.cchcStates, location.href, document.querySelector(\"[data-testid='stApp']\")?.getAttribute('data-test-script-state')]")
        raise RuntimeError(f"no run ended within {TIMEOUT_MS / 1000:.0f} s of a click on {link}: {states}")


async def _rounds(pages: list, rounds: int, log) -> list[float]:
    """Every session opens area 3 at once (timed) then goes back to the overview, `rounds` times
    after one warm-up round; the seconds of every timed opening."""
    seconds = []
    for n in range(rounds + 1):
        waited = await asyncio.gather(*(_open(p, AREA_LINK, '/area_3') for p in pages))
        if n:
            seconds.extend(waited)
        log(f"  [users] {len(pages)} sessions, round {n}{' (warm-up)' if not n else ''}: "
            f"{', '.join(f'{s:.2f}' for s in sorted(waited))} s")
        await asyncio.gather(*(_open(p, OVERVIEW_LINK, '/') for p in pages))
    return seconds


async def _measure(setups: list[tuple[str, list[str], int, int]], log) -> list[list[float]]:
    from playwright.async_api import async_playwright

    out = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + UNTHROTTLED)
        try:
            for _name, bases, count, rounds in setups:
                state = await _signed_in_state(browser, bases[0])
                pages = await _open_sessions(browser, bases, count, state)
                out.append(await _rounds(pages, rounds, log))
                for page in pages:
                    await page.context.close()
        finally:
            await browser.close()
    return out


def measure_users(url: str, users: int = 10, rounds: int = 3, alone_rounds: int = 10,
                  folder: Path | None = None, log=print) -> list[Timing]:
    """The three set-ups' timings on the database at `url` (the demo district, signed in as its
    secretariat): one session alone, `users` on one server, `users` on two servers."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(folder or tmp)
        servers = [Server(url, folder / f"server_{n}.log", cookie_key=COOKIE_KEY) for n in range(2)]
        proxy = None
        try:
            for server in servers:
                server.wait_healthy()
            one = [servers[0].base]
            if nginx():
                proxy = Proxy([s.base for s in servers], folder / "nginx")
                two, how = [proxy.base], "two servers behind nginx (sticky cookie, as in the README)"
            else:
                two, how = [s.base for s in servers], "two servers, sessions split evenly (nginx not installed)"
            log(f"  [users] {users} sessions, {rounds} rounds; 1 alone, {alone_rounds} rounds; {how}")
            setups = [("alone", one, 1, alone_rounds), ("one server", one, users, rounds),
                      ("two servers", two, users, rounds)]
            measured = asyncio.run(_measure(setups, log))
        finally:
            if proxy is not None:
                proxy.stop()
            for server in servers:
                server.stop()
    return [Timing(name, count, len(bases) if name != "two servers" else 2, seconds,
                   how if name == "two servers" else "")
            for (name, bases, count, _), seconds in zip(setups, measured)]
