"""What the user feels, in Chromium (`python -m lib.bench --browser`): on the demo district (init-db
and seed-demo into a temporary SQLite file), the app under `streamlit run` beside a bare Streamlit
app drawing the same elements (lib.web.page_times' floor: the same specs, tables and texts, taken
from the pages' own output under AppTest) on a second server, in the same run:

- **new tab**: a signed-in new tab at the address, to the overview's first screen;
- **sidebar click**: from the overview, the sidebar's link to area 3, to its first screen;
- **map click**: a click on a commune of area 3's first map, to the end of its rerun.

*First screen* = what shows at 1920x1080 without scrolling is drawn: the page's title is there;
every element of the main area and the sidebar that lies (even partly) in the window belongs to
this run (none stale) and is drawn (a Vega chart has its svg or canvas, a data frame its canvas, a static table its cells, no skeleton); and the window is filled (the main area's content reaches
its bottom) or the run is over. *Whole* = every element of the page is drawn, the run's
`script_finished` message has arrived and nothing has changed on the page (DOM mutations, messages)
for QUIET_MS; its time is that of the last change. The bare app is timed to its whole page: it is
the floor of each goal. The times are taken in the page (performance.now(): from the navigation's
start for a new tab, from the click's pointerdown otherwise) by a script added before the page's
own (it also reads script_finished out of Streamlit's websocket messages).

Playwright drives Debian's Chromium (/usr/bin/chromium, headless), never a downloaded browser.
"""
from __future__ import annotations

import json
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib.core.settings import ROOT
from lib.web.served import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, serving, sign_in

USER, PASSWORD = "noivu", "demo-noivu"  # the demo's secretariat (lib.store.demo)
OVERVIEW_TITLE = "Kết quả cải cách hành chính năm"
AREA_3_TITLE = "Lĩnh vực 3: Cải cách thủ tục hành chính"
AREA_3_LINK = "3. Cải cách thủ tục hành chính"
TILE = "[data-testid='stVegaLiteChart'] svg g.mark-rect path"  # a commune of a tile map
QUIET_MS = 800
FRAGMENT_RUN = 3  # ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
TIMEOUT_S = 60
RUNS = 3
COOKIE_KEY = "browser-bench-key-0123456789abcdef-0123456789"


PAGE_SCRIPT = """
(() => {
  const B = window.__bench = {finished: [], deltas: [], lastChange: 0, lastMessage: 0, t0: null, title: null,
                              first: null};
  const DELTA = 5, FINISHED = 6;  // ForwardMsg.delta, ForwardMsg.script_finished
  function varint(b, i) { let v = 0, m = 1; for (;;) { const x = b[i++]; v += (x & 127) * m; if (x < 128) return [v, i]; m *= 128; } }
  function onMessage(t, buffer) {  // a ForwardMsg: its top-level fields
    B.lastMessage = t;
    const b = new Uint8Array(buffer);
    let i = 0;
    while (i < b.length) {
      let tag, n; [tag, i] = varint(b, i);
      const field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { [n, i] = varint(b, i); if (field === FINISHED) B.finished.push([t, n]); }
      else if (wire === 2) { [n, i] = varint(b, i); i += n; if (field === DELTA) B.deltas.push(t); }
      else if (wire === 1) i += 8; else if (wire === 5) i += 4; else return;
    }
  }
  const Native = window.WebSocket;
  function Watched(...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", e => {
      const t = performance.now();
      if (e.data instanceof ArrayBuffer) onMessage(t, e.data);
      else if (e.data instanceof Blob) e.data.arrayBuffer().then(b => onMessage(t, b));
    });
    return ws;
  }
  Watched.prototype = Native.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) Watched[k] = Native[k];
  window.WebSocket = Watched;

  const IGNORED = "[data-testid='stHeader'], [data-testid='stStatusWidget'], #vg-tooltip-element, .vg-tooltip";
  new MutationObserver(list => {
    for (const m of list) {
      const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (node && !node.closest(IGNORED)) { B.lastChange = performance.now(); return; }
    }
  }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});

  function drawn(el) {
    if (el.querySelector("[data-testid='stSkeleton']")) return false;
    const chart = el.querySelector("[data-testid='stVegaLiteChart']");
    if (chart) return !!chart.querySelector("svg, canvas");
    const frame = el.querySelector("[data-testid='stDataFrame']");
    if (frame) return !!frame.querySelector("canvas");
    const table = el.querySelector("[data-testid='stTable']");
    if (table) return !!table.querySelector("td, th");
    return true;
  }
  // every element of the run in the window (all: of the page) drawn; the main area's bottom
  B.check = (all) => {
    const main = document.querySelector("[data-testid='stMain']");
    if (!main || (B.title && !main.textContent.includes(B.title))) return null;
    if (document.querySelector("[data-testid='stMain'] > [data-testid='stSkeleton']")) return null;
    const h = window.innerHeight;
    let bottom = 0;
    for (const el of document.querySelectorAll("[data-testid='stElementContainer']")) {
      if (!el.checkVisibility()) continue;  // not displayed (e.g. in a closed expander)
      const r = el.getBoundingClientRect();
      if (main.contains(el)) bottom = Math.max(bottom, r.bottom);
      const inView = r.bottom > 0 && r.top < h;
      if (!all && !inView) continue;
      if (el.dataset.stale === "true" || !drawn(el)) return null;
    }
    return {bottom, h};
  };
  B.finishedSince = t => B.finished.some(([at, status]) => at >= t && status !== 2);  // 2: cut short by a rerun
  function watch() {
    if (B.first !== null || B.t0 === null) return;
    const seen = B.check(false);
    if (seen && (seen.bottom >= seen.h || B.finishedSince(B.t0))) B.first = performance.now();
    else requestAnimationFrame(watch);
  }
  B.arm = (title, t0) => { B.title = title; B.t0 = t0; B.first = null; requestAnimationFrame(watch); };
  B.armOnPointer = (title) => {
    B.title = title; B.t0 = null; B.first = null;
    window.addEventListener("pointerdown", () => { B.t0 = performance.now(); requestAnimationFrame(watch); },
                            {capture: true, once: true});
  };
})();
"""


def _settled(page, deadline: float) -> dict:
    """Waits for the whole page (see the module's doc) and returns the times in ms from t0:
    {"first": first screen or None, "ran": the last run's script_finished, "whole": last change}."""
    while time.monotonic() < deadline:
        state = page.evaluate("""() => {
            const B = window.__bench, now = performance.now();
            if (B.t0 === null) return null;
            const done = B.finishedSince(B.t0) && B.check(true) !== null;
            const quiet = now - Math.max(B.lastChange, B.lastMessage) >= %d;
            if (!done || !quiet) return {done, quiet};
            const ran = B.finished.at(-1)[0];
            return {done, quiet, first: B.first === null ? null : B.first - B.t0, ran: ran - B.t0,
                    whole: Math.max(B.lastChange, B.lastMessage, ran) - B.t0};
        }""" % QUIET_MS)
        if state and state["done"] and state["quiet"]:
            return {"first": state["first"], "ran": state["ran"], "whole": state["whole"]}
        page.wait_for_timeout(50)
    raise TimeoutError("the page did not settle")


def _new_tab(context, url: str, title: str) -> tuple[object, dict]:
    page = context.new_page()
    page.add_init_script(PAGE_SCRIPT + f"\nwindow.__bench.arm({json.dumps(title)}, 0);")
    page.goto(url, wait_until="commit")
    return page, _settled(page, time.monotonic() + TIMEOUT_S)


def _sidebar_click(page, link: str, title: str) -> dict:
    page.evaluate("t => window.__bench.armOnPointer(t)", title)
    page.locator("[data-testid='stSidebarNav'] a", has_text=link).first.click()
    return _settled(page, time.monotonic() + TIMEOUT_S)


def _map_click(page, title: str, nth: int) -> dict:
    tile = page.locator(TILE).nth(nth)
    tile.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(QUIET_MS)
    box = tile.bounding_box()
    page.evaluate("t => window.__bench.armOnPointer(t)", title)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    times = _settled(page, time.monotonic() + TIMEOUT_S)
    page.mouse.move(0, 0)  # off the map: its tooltip gone before the next click
    return times


def one_round(context, base: str) -> dict[str, dict]:
    """The three steps once, in a new tab of `context`: {step: {"first", "ran", "whole": ms}}; two
    map clicks (the first commune, then another), the second one counted."""
    page, new_tab = _new_tab(context, base + "/", OVERVIEW_TITLE)
    sidebar = _sidebar_click(page, AREA_3_LINK, AREA_3_TITLE)
    clicks = [_map_click(page, AREA_3_TITLE, nth) for nth in (1, 2)]
    page.close()
    return {"new_tab": new_tab, "sidebar": sidebar, "map_click": clicks[-1], "map_click_1": clicks[0]}


# --- the bare app: the same elements, drawn plainly ------------------------------------------------

BARE_APP = '''\
import pickle
import streamlit as st
from lib.web.page_times import draw_floor

st.set_page_config(layout="wide")
with open({path!r}, "rb") as f:
    captured = pickle.load(f)


def page(name):
    def draw():
        draw_floor(captured[name]["main"], prefix=name)
    return draw


with st.sidebar:
    draw_floor(captured["area_3"]["sidebar"], prefix="sidebar")
st.navigation([st.Page(page("overview"), title={overview!r}, url_path="overview", default=True),
               st.Page(page("area_3"), title={area!r}, url_path="area_3")]).run()
'''


def write_bare_app(captured: dict, folder: Path) -> Path:
    data = folder / "bare_elements.pkl"
    data.write_bytes(pickle.dumps(captured))
    script = folder / "bare_app.py"
    script.write_text(BARE_APP.format(path=str(data), overview="Tổng quan", area=AREA_3_LINK), encoding="utf-8")
    return script


# --- the run --------------------------------------------------------------------------------------

def demo_database(folder: Path) -> str:
    """A new SQLite file with the demo district, made as a user would (init-db, seed-demo)."""
    url = f"sqlite:///{folder / 'demo.db'}"
    env = {**os.environ, "DATABASE_URL": url}
    for command in ("init-db", "seed-demo"):
        subprocess.run([sys.executable, "-m", "lib.cli", command], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    return url


def capture(url: str, folder: Path) -> dict:
    """The elements the overview and area 3 draw (lib.web.page_times.capture, in a fresh process)."""
    out = folder / "captured.pkl"
    env = {**os.environ, "DATABASE_URL": url, "CCHC_COOKIE_KEY": COOKIE_KEY, "STREAMLIT_LOG_LEVEL": "error"}
    subprocess.run([sys.executable, "-m", "lib.bench", "--elements", url, "--user", USER, "--out", str(out)],
                   check=True, env=env, cwd=ROOT)
    return pickle.loads(out.read_bytes())


STEPS = {"new_tab": "new tab → overview", "sidebar": "sidebar click → area 3",
         "map_click": "map click → rerun done"}
GOALS_MS = {"new_tab": 1500, "sidebar": 600, "map_click": 400}


def _median(rounds: list[dict], step: str, what: str) -> float:
    values = [r[step][what] for r in rounds if r[step][what] is not None]
    return statistics.median(values) if values else float("nan")


def summary(app: list[dict], bare: list[dict]) -> dict:
    """Medians in ms: per step the app's first screen, its run's end and its whole page; the bare
    page's run's end and whole page."""
    return {step: {"first": _median(app, step, "first"), "ran": _median(app, step, "ran"),
                   "whole": _median(app, step, "whole"), "bare_ran": _median(bare, step, "ran"),
                   "bare": _median(bare, step, "whole")} for step in STEPS}


def report(medians: dict, runs: int, loads: tuple[str, str]) -> str:
    """The table: the felt time (the first screen; for the map click the whole rerun) beside the
    bare page's whole page, and the goals."""
    lines = [f"Chromium, demo district, 1920x1080, median of {runs} rounds; {loads[0]} → {loads[1]}",
             "| step | app first screen ms | app run ends ms | app whole page ms | bare run ends ms | bare whole page ms "
             "| felt ÷ bare | whole ÷ bare | goal |",
             "|---|---|---|---|---|---|---|---|---|"]
    for step, name in STEPS.items():
        m = medians[step]
        felt = m["whole"] if step == "map_click" else m["first"]
        met = "met" if felt <= GOALS_MS[step] and felt <= m["bare"] else "missed"
        first = "—" if step == "map_click" else f"{m['first']:.0f}"
        lines.append(f"| {name} | {first} | {m['ran']:.0f} | {m['whole']:.0f} | {m['bare_ran']:.0f} | {m['bare']:.0f} "
                     f"| {felt / m['bare']:.2f} | {m['whole'] / m['bare']:.2f} | ≤ {GOALS_MS[step]} ms and ≤ bare: {met} |")
    return "\n".join(lines)


def run(runs: int = RUNS, load=lambda: "") -> str:
    """Everything above; returns the printed report."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = demo_database(folder)
        bare_script = write_bare_app(capture(url, folder), folder)
        env = {"PYTHONPATH": str(ROOT)}
        with serving(url, folder / "app.log", COOKIE_KEY, env=env) as app_base, \
                serving(url, folder / "bare.log", COOKIE_KEY, bare_script, env) as bare_base, \
                sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = sign_in(browser, app_base, USER, PASSWORD)
            bare_context = browser.new_context(viewport=VIEWPORT)
            one_round(context, app_base), one_round(bare_context, bare_base)  # the servers' first runs
            first_load = load()
            app, bare = [], []
            for _ in range(runs):  # taking turns, so that both see the same load
                app.append(one_round(context, app_base))
                bare.append(one_round(bare_context, bare_base))
            browser.close()
    return report(summary(app, bare), runs, (first_load, load()))
