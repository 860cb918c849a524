"""What the browser tests share (a module, not a conftest.py: a second conftest module would
shadow tests/conftest.py's helpers): a Streamlit server on a seeded demo database, Debian's
headless Chromium (never a downloaded one), signing in through the login form, opening pages.
Test modules import the fixtures they use from here."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from lib.web import served
from lib.web.login import COOKIE_NAME
from lib.web.served import CHROMIUM, Server, serving  # noqa: F401 - the tests' names
from lib.web.served import CHROMIUM_ARGS as ARGS

ROOT = Path(__file__).resolve().parents[2]
# where the screenshots go (CCHC_SHOTS, e.g. a folder under /tmp; never committed)
SHOTS = Path(os.environ.get("CCHC_SHOTS") or Path(__file__).resolve().parent / "screenshots")
SIZES = [(1920, 1080), (1280, 720)]
COOKIE = COOKIE_NAME


# Every run of the app's script ends with a message from the server (a ForwardMsg whose field 6,
# script_finished, says how: 2 is "stopped early for a rerun", which another run follows). The
# page's own signs of a run come too late to wait on: the running indicator shows only after half a
# second, and a click's rerun starts only once the server has its message. So each page counts the
# finished runs as they arrive on its WebSocket (window.cchcRuns: how many, and when the last).
COUNT_RUNS = """(() => {
  if (window.cchcRuns) return;  // counted already (the context's script and the page's)
  window.cchcRuns = {finished: 0, at: 0};
  const varint = (bytes, at) => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return [value, at];
  };
  const finishes = bytes => {  // the message's top-level fields: is one of them script_finished?
    let at = 0;
    while (at < bytes.length) {
      let tag, value;
      [tag, at] = varint(bytes, at);
      const field = Math.floor(tag / 8), wire = tag % 8;
      if (wire === 0) { [value, at] = varint(bytes, at); if (field === 6) return value !== 2; }
      else if (wire === 2) { [value, at] = varint(bytes, at); at += value; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return false;
    }
    return false;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        if (event.data instanceof ArrayBuffer && finishes(new Uint8Array(event.data))) {
          window.cchcRuns.finished += 1;
          window.cchcRuns.at = performance.now();
        }
      });
    }
  };
})();"""


def sign_in(browser, server: str, username: str, password: str, url: str = ""):
    """A new browser context signed in through the login form (the login cookie is set), whose
    pages count their runs (COUNT_RUNS)."""
    SHOTS.mkdir(exist_ok=True)
    try:
        context = served.sign_in(browser, server, username, password, url, shot=SHOTS / "login_exception.png")
    except RuntimeError as failed:
        pytest.fail(str(failed))
    context.add_init_script(COUNT_RUNS)
    return context


def runs(page) -> int:
    """How many runs of the script the page has seen end."""
    return page.evaluate("window.cchcRuns ? window.cchcRuns.finished : 0")


# The run over as the page shows it: no running indicator, no element of the run before left (the
# attribute Streamlit marks them with), the app not running.
RUN_OVER = """(document.querySelector('[data-testid="stApp"]') || {}).dataset?.testScriptState === 'notRunning' &&
  !document.querySelector("[data-testid='stStatusWidget']") && !document.querySelector('[data-stale="true"]')"""


def ran(page, before: int, timeout: int = 30_000) -> None:
    """Wait until a run after the first `before` has ended and the page has drawn it: the page shows
    the run over 100 ms after the server said so (Streamlit hands each message to React, which
    draws a moment later; the page says nothing when it has)."""
    page.wait_for_function(
        f"b => window.cchcRuns.finished > b && performance.now() - window.cchcRuns.at > 100 && ({RUN_OVER})",
        arg=before, timeout=timeout)


def open_page(context, url: str, width: int = 1920, height: int = 1080, nav: str | None = None):
    """A new tab (signed in by the cookie) at `url`, then, if given, the sidebar link `nav` once the
    first page has run (a link clicked during the first run may be undone by its end)."""
    page = context.new_page()
    page.add_init_script(COUNT_RUNS)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    if nav:
        ran(page, 0)
        page.get_by_role("link", name=nav).first.click()
    return page


class Tabs:
    """A tab kept open for a module's tests of one page at several sizes: the page opened once (at
    the first size asked for), then the window resized and scrolled back to the top for the next;
    closed when another page is asked for. The app does not know the window's size (only the
    browser's layout does), so a resized page is the page opened at that size."""

    def __init__(self):
        self.key, self.page = None, None

    def at(self, context, url: str, width: int, height: int, nav: str | None = None):
        if self.key == (id(context), url, nav) and not self.page.is_closed():
            self.page.set_viewport_size({"width": width, "height": height})
            self.page.evaluate("for (const e of document.querySelectorAll('*')) if (e.scrollTop) e.scrollTop = 0")
            return self.page
        self.close()
        self.key, self.page = (id(context), url, nav), open_page(context, url, width, height, nav)
        return self.page

    def close(self) -> None:
        if self.page is not None and not self.page.is_closed():
            self.page.close()


@pytest.fixture(scope="module")
def tabs():
    kept = Tabs()
    yield kept
    kept.close()


def shows(page, text: str) -> None:
    """Wait until the page's text contains `text` (Streamlit redraws elements as it reruns)."""
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=30_000)


def no_exception(page) -> None:
    """The page shows no Python exception."""
    assert page.locator("[data-testid='stException']").count() == 0


def shoot(page, name: str) -> None:
    """Screenshots of the page at each of SIZES, once its layout holds still: SHOTS/name_WxH.png."""
    SHOTS.mkdir(exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        steady(page)
        page.screenshot(path=SHOTS / f"{name}_{width}x{height}.png")


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the main area's select box labelled `label` (typed first: long lists are
    drawn only in part)."""
    box = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(
        has=page.get_by_text(label, exact=True))
    box.click()
    page.keyboard.type(option)
    before = runs(page)
    page.get_by_role("option", name=option, exact=True).click()
    ran(page, before)


# A table (st.dataframe, st.data_editor) is drawn on a canvas (Glide Data Grid); its cells are also
# in the page as an accessible table, `#glide-cell-COLUMN-ROW`, which says which one is selected.
GRID_HEADER, GRID_ROW = 36, 35  # pixels


def grid_row(grid, first_cell: str) -> int:
    """The row (from 0) of a drawn table whose first cell says `first_cell` (waited for up to 15 s:
    the table is drawn a moment after its heading)."""
    for _ in range(50):
        for row, cell in enumerate(grid.locator("td[id^='glide-cell-0-']").all()):
            if (cell.text_content() or "").strip() == first_cell:
                return row
        grid.page.wait_for_timeout(300)
    raise AssertionError(f"no row {first_cell!r} in the table")


def grid_cells(grid, row: int) -> list[str]:
    """The texts of a row of a drawn table (the columns on screen)."""
    return [cell.text_content() for cell in grid.locator(f"td[id^='glide-cell-'][id$='-{row}']").all()]


def wait_for_cells(page, grid, first_cell: str, expected: dict[int, str]) -> list[str]:
    """The cells of the row whose first cell says `first_cell`, once those at the `expected` columns
    say their texts (a table is redrawn a moment after its page's text); fails after 15 s."""
    cells = []
    for _ in range(50):
        cells = grid_cells(grid, grid_row(grid, first_cell))
        if cells and all(column < len(cells) and cells[column] == text for column, text in expected.items()):
            return cells
        page.wait_for_timeout(300)
    raise AssertionError(f"row {first_cell!r} says {cells}, not {expected}")


def open_cell(page, grid, row: int, column: int, editor: str | None = None):
    """Select the cell (its row's first cell clicked, then arrows) and open its editor: `editor` (a
    selector), once it shows. A click just after an editor closed may only close it, and a click
    while the page moves may land on the next row: tried again until the grid says the row's first
    cell is selected and the editor shows."""
    def selected(cell: str, timeout: int) -> bool:  # (the accessible table is not drawn: attached)
        try:
            grid.locator(f"{cell}[aria-selected='true']").wait_for(state="attached", timeout=timeout)
            return True
        except Exception:  # playwright's TimeoutError
            return False

    for _ in range(6):
        grid.wait_for(timeout=30_000)
        box = grid.bounding_box()
        if box is None:  # redrawn just now
            page.wait_for_timeout(300)  # nothing says when the redraw is done: a moment, then again
            continue
        page.mouse.click(box["x"] + 20, box["y"] + GRID_HEADER + GRID_ROW * row + GRID_ROW // 2)
        if not selected(f"#glide-cell-0-{row}", 1000):
            continue
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        if not selected(f"#glide-cell-{column}-{row}", 1000):
            continue
        page.keyboard.press("Enter")
        if editor is None:
            return None
        opened = page.locator(editor).first
        try:
            opened.wait_for(timeout=3000)
            return opened
        except Exception:  # playwright's TimeoutError: not opened, once more
            page.keyboard.press("Escape")
    raise AssertionError(f"the cell at row {row}, column {column} of the table could not be opened")


def type_in_cell(page, grid, row: int, column: int, value) -> None:
    """Type `value` into an editable cell (its editor filled at once: keys typed before the editor
    is there are lost) and commit it."""
    open_cell(page, grid, row, column, editor="#portal input, #portal textarea").fill(str(value))
    before = runs(page)
    page.keyboard.press("Enter")
    ran(page, before)  # the edit's rerun


def choose_in_cell(page, grid, row: int, column: int, option: str) -> None:
    """Pick `option` in a select-box cell, and wait for the rerun it makes. A click just after the
    list opened may be lost (the list stays open, nothing runs): clicked again then."""
    choice = open_cell(page, grid, row, column, editor=f"role=option[name=\"{option}\"]")
    before = runs(page)
    for _ in range(5):
        choice.click()
        try:
            ran(page, before, timeout=3000)
            return
        except Exception:  # playwright's TimeoutError: a slow run, or a lost click if the list is still open
            if not choice.is_visible():
                break
    ran(page, before)


@contextlib.contextmanager
def running_demo(databases, tmp_path_factory):
    """(address, database URL) of a server on a new copy of the demo database, while it runs."""
    path = tmp_path_factory.mktemp("browser") / "demo.db"
    url = databases.sqlite("demo", path)
    try:
        with served.serving(url, path.parent / "streamlit.log") as base:
            yield base, url
    except RuntimeError as failed:  # the server did not start: its log
        pytest.fail(str(failed))


@pytest.fixture(scope="session")
def server(databases, tmp_path_factory):
    """One server on the demo database for the modules that only read it (the dashboard, layout and
    presentation tests; a module that writes takes its own, demo_server): started once."""
    with running_demo(databases, tmp_path_factory) as (base, _):
        yield base


@pytest.fixture(scope="module")
def demo_server(databases, tmp_path_factory):
    with running_demo(databases, tmp_path_factory) as started:
        yield started


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def signed_in(server, browser):
    """Signed in as the demo secretariat, first from a deep link straight after the start."""
    context = sign_in(browser, server, "noivu", "demo-noivu", url="/area_3")
    yield context
    context.close()


# --- what a page looks like once drawn -----------------------------------------------------------------

# The page's layout is done: its fonts are loaded, and none of its elements, tables (canvas) or
# charts (SVG) has moved or changed size, nor a table's rows changed in number, for 8 frames and
# 150 ms (a chart or a table is drawn again, at its new size, a few frames after its box changed).
# After 15 s it stops waiting (false): what the test then looks at says what is wrong.
STEADY = """() => new Promise(resolve => {
  const shape = () => [...document.querySelectorAll('[data-testid="stElementContainer"], canvas, svg')].map(e => {
    const r = e.getBoundingClientRect();
    return `${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.width)},${Math.round(r.height)}`;
  }).join(' ') + [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(
    g => g.querySelectorAll('table[role="grid"] tr').length).join(' ');
  const start = performance.now();
  let last = shape(), frames = 0, since = start;
  const tick = () => {
    const now = shape();
    if (performance.now() - start > 15000) return resolve(false);
    if (now !== last) { last = now; frames = 0; since = performance.now(); }
    else if (++frames >= 8 && performance.now() - since >= 150) return resolve(true);
    requestAnimationFrame(tick);
  };
  document.fonts.ready.then(() => requestAnimationFrame(tick));
})"""


def steady(page) -> None:
    """Wait until the page's layout is done (STEADY)."""
    page.evaluate(STEADY)


def settled(page, timeout: int = 30_000) -> None:
    """The run is over (no running indicator, no stale element left) and the last layout pass done."""
    page.wait_for_function("!document.querySelector(\"[data-testid='stStatusWidget']\")", timeout=timeout)
    page.wait_for_function("!document.querySelector('[data-stale=\"true\"]')", timeout=timeout)
    steady(page)


def settle(page, title: str, charts: int) -> None:
    """Wait until the page's title, its charts and its tables are drawn and the run is over."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=30_000)
    page.wait_for_function(
        f"document.querySelectorAll(\"[data-testid='stVegaLiteChart'] svg\").length >= {charts}", timeout=30_000)
    settled(page)


# What is wrong with a drawn page's main part (not the sidebar): elements that reach past the
# window's sides ("wide", only the outermost of each), elements that hide part of their text
# ("cut": wider text than their box where they clip it or end it with an ellipsis), and texts drawn
# over each other ("overlap", a chart label's halo apart). A collapsed expander's content and hidden
# elements are not drawn.
PAGE_TROUBLE = """() => {
  const root = document.querySelector('[data-testid="stMain"]');
  const width = document.documentElement.clientWidth;
  const shown = e => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' &&
      !e.closest('details:not([open]) [data-testid="stExpanderDetails"], [aria-hidden="true"]');
  };
  const name = e => `${e.tagName} ${e.getAttribute('data-testid') || ''} «${(e.textContent || '').trim().slice(0, 50)}»`;
  const beyond = e => { const r = e.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; };
  const wide = [], cut = [], boxes = [];
  for (const el of root.querySelectorAll('*')) {
    if (!shown(el)) continue;
    if (beyond(el) && !(el.parentElement && beyond(el.parentElement))) wide.push(name(el));
    const s = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim() && !el.querySelector('canvas, svg'))
      cut.push(name(el) + ` ${el.scrollWidth}>${el.clientWidth}`);
    for (const n of el.childNodes) {
      if (n.nodeType !== 3 || !n.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const q of range.getClientRects()) if (q.width > 1 && q.height > 1) boxes.push({el, text: n.textContent.trim(), q});
    }
  }
  const overlap = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    // a chart's label drawn twice in one place is its halo (a light outline under the dark text)
    const halo = a.text === b.text && Math.abs(a.q.left - b.q.left) < 2 && Math.abs(a.q.top - b.q.top) < 2;
    if (a.el !== b.el && !halo && a.q.left < b.q.right - 2 && b.q.left < a.q.right - 2 && a.q.top < b.q.bottom - 2 &&
        b.q.top < a.q.bottom - 2) overlap.push([a.text.slice(0, 40), b.text.slice(0, 40)]);
  }
  return {sideways: [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                     root.scrollWidth - root.clientWidth], wide, cut, overlap};
}"""


def check_fits(page) -> dict:
    """Nothing of the page's main part scrolls sideways or leaves the window, no text is cut or
    drawn over another (the tables' and charts' insides are checked apart: they are canvas and SVG)."""
    found = page.evaluate(PAGE_TROUBLE)
    assert found["sideways"] == [0, 0], found
    assert (found["wide"], found["cut"], found["overlap"]) == ([], [], []), found
    return found


# Each table (a canvas grid): its box, whether it scrolls sideways inside, and the text of the cells
# it has drawn (its accessible copy), row by row.
GRIDS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(g => {
  const r = g.getBoundingClientRect(), scroller = g.querySelector('.dvn-scroller');
  return {box: [r.left, r.top, r.right, r.bottom],
          sideways: scroller ? scroller.scrollWidth - scroller.clientWidth : 0,
          rows: [...g.querySelectorAll('table[role="grid"] tr')].map(tr => [...tr.children].map(c => c.textContent))};
})"""

def table_drawn(page, table: int = 0) -> None:
    """Wait until the page's table number `table` (from 0) has drawn rows under its header (its
    accessible copy has them: they come a moment after the table), then for the layout to hold still."""
    page.wait_for_function(f"n => ({GRIDS})()[n]?.rows.filter(r => r.length).length > 1", arg=table,
                           timeout=30_000)
    steady(page)


def show_tab(page, name: str, table: int) -> None:
    """Click the tab `name` and wait until the page's table number `table` (from 0), in it, has
    drawn its rows (a table in a hidden tab draws none)."""
    page.get_by_role("tab", name=name).click()
    table_drawn(page, table)


# The width in pixels of each text in a table's type (Streamlit's: 14 px Source Sans) with a cell's
# padding (8 px a side): a cell narrower than that cuts its text.
CELL_WIDTHS = """texts => {
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = '400 14px "Source Sans", sans-serif';
  return texts.map(t => Math.ceil(ctx.measureText(t).width) + 16);
}"""


def whole_screenshot(page, path) -> None:
    """A screenshot of the whole main part: the window made as tall as what it scrolls (Streamlit
    scrolls its main part, not the document), then given back its height."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 16_000)})
    steady(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=path)
    page.set_viewport_size(size)
    steady(page)


# --- maps ----------------------------------------------------------------------------------------------

# The map's pieces, in page pixels: its chart and column, the shapes drawn, and every text on it
# (not the legend's): its words, type size, box, and whether one shape holds its centre and corners.
MAP_TEXTS = """(chart, shapes) => {
  const svg = chart.querySelector('svg');
  const paths = [...svg.querySelectorAll(shapes)];
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const holder = (x, y) => paths.find(p => {
    const at = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
    return p.isPointInFill(at);
  });
  const texts = [...svg.querySelectorAll('g.mark-text text')]
    .filter(t => t.textContent.trim() && !t.closest('.role-legend')).map(t => {
    const [l, top, r, b] = rect(t), inset = 1.5;
    const centre = holder((l + r) / 2, (top + b) / 2);
    const corners = [[l + inset, top + inset], [r - inset, top + inset], [l + inset, b - inset], [r - inset, b - inset]];
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize), box: [l, top, r, b],
            inside: !!centre && corners.every(([x, y]) => holder(x, y) === centre)};
  });
  const drawn = paths.map(rect);
  const column = chart.closest('[data-testid="stColumn"]');
  return {chart: rect(chart), column: column ? rect(column) : rect(chart.parentElement), texts,
          shapes: [Math.min(...drawn.map(d => d[0])), Math.min(...drawn.map(d => d[1])),
                   Math.max(...drawn.map(d => d[2])), Math.max(...drawn.map(d => d[3]))]};
}"""


def overlapping(texts) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["box"][0] < b["box"][2] - 1 and b["box"][0] < a["box"][2] - 1 and \
                    a["box"][1] < b["box"][3] - 1 and b["box"][1] < a["box"][3] - 1:
                out.append((a["text"], b["text"]))
    return out


def check_map(page, chart, min_size: int, shapes: str = "g.mark-shape path") -> dict:
    """The map fills its column; its names lie inside their shapes (`shapes`: the real boundaries'
    by default, "g.mark-rect path" for tiles), over no symbol or other name, in type of at least
    `min_size` px, none cut at the edge."""
    chart.evaluate("e => e.scrollIntoView({block: 'start'})")
    steady(page)
    found = chart.evaluate(MAP_TEXTS, shapes)
    left, top, right, bottom = found["chart"]
    assert right - left >= 0.95 * (found["column"][2] - found["column"][0])  # as wide as its column
    shapes = found["shapes"]
    assert shapes[2] - shapes[0] >= 0.85 * (right - left) or shapes[3] - shapes[1] >= 0.6 * (bottom - top)
    names = [t for t in found["texts"] if len(t["text"].strip()) > 1]
    assert len(names) >= 2, found["texts"]
    for text in found["texts"]:
        assert text["size"] >= min_size, text
        box = text["box"]
        assert left <= box[0] and box[2] <= right and top <= box[1] and box[3] <= bottom, text  # never cut
    assert [t["text"] for t in names if not t["inside"]] == []
    assert overlapping(found["texts"]) == [], overlapping(found["texts"])[:5]
    return found


# Every browser test module starts with: pytestmark = BROWSER
BROWSER = [pytest.mark.browser,
           pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Chromium at /usr/bin/chromium")]
