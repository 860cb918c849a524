"""The meeting-room view: a presentation mode that walks through the overview and the seven areas.

Turned on by the sidebar's toggle or the URL parameter `?trinh_chieu=1` (the toggle sets it, so a
reload stays in the mode). The router (app.py) then draws `show()` instead of the pages: no
sidebar, large type that grows with the screen, high contrast, the data stamp on every slide, and
a walk from slide to slide at a chosen pace that a person can pause and step. Each slide is one
screen of HTML built by the plain functions below (tested without a browser); the walk is a
Streamlit fragment that re-runs on a timer (STACK.md: `@st.fragment(run_every=...)`).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.core import status as status_mod
from lib.core.scoring import Scores
from lib.present import html, i18n, lift_text, maps, views
from lib.web import cached, directive_ui, sidebar, widgets

PARAM = "trinh_chieu"  # ?trinh_chieu=1
OVERVIEW = 0  # slide 0; slide n (1-7) is area n
PACES = (10, 20, 30, 60)  # seconds per slide
DEFAULT_PACE = 20
# session-state keys
SLIDE, PACE, PAUSED, HELD, RESTART = ("present_slide", "present_pace", "present_paused", "present_held",
                                      "present_restart")
TOGGLE = "present_toggle"



# --- the mode ------------------------------------------------------------------------------------

def active() -> bool:
    """Whether the page is in presentation mode (the URL says so)."""
    return st.query_params.get(PARAM) == "1"


def _toggled() -> None:
    if st.session_state.get(TOGGLE):
        st.query_params[PARAM] = "1"
        st.session_state[SLIDE] = OVERVIEW
    else:
        st.query_params.pop(PARAM, None)


def toggle(lang: str) -> None:
    """The sidebar's switch into the mode."""
    st.session_state[TOGGLE] = active()
    st.toggle(i18n.t("slides.toggle", lang), key=TOGGLE, on_change=_toggled,
              help=i18n.t("slides.toggle_help", lang))


# --- slides as HTML (plain functions) --------------------------------------------------------------

def slides(areas) -> list[int]:
    """The walk: the overview, then each area of the catalogue."""
    return [OVERVIEW, *sorted(areas)]


def _slides():
    """The slides' template (lib/present/templates/slides.html.j2): one macro per piece."""
    return html.macros("slides.html.j2")


def _m(lang: str, layout: str = "district"):
    """The message function the slides' template calls, in `lang`, worded for the layout (i18n.t_layout)."""
    return lambda key, **params: i18n.t_layout(key, layout, lang, **params)


def stamp_html(place: str, stamp: str, sample: str | None) -> str:
    """The data stamp every slide carries: the place, `Số liệu đến hết tháng MM/YYYY`, sample marker."""
    return _slides().stamp(place, stamp, sample)


def overview_html(glance: pd.DataFrame, worst: pd.DataFrame, whole: str, year: int, lang: str = "vi",
                  layout: str = "district") -> str:
    """The overview slide: a card per area and one for the whole, then the worst communes."""
    total = {"area": "", "name": whole, **views.glance_total(glance)}
    cards = [{"title": f"{row['area']}. {row['name']}" if row["area"] != "" else row["name"],
              "indicators": row["indicators"], "counts": views.glance_items(row, lang), "total": row["area"] == ""}
             for row in [*glance.to_dict("records"), total]]
    return _slides().overview(cards, worst.to_dict("records"), _m(lang, layout))


def unit_counts(scores: Scores, code: str) -> dict[str, int]:
    """How many units of the indicator's levels have each status (applicable ones)."""
    statuses = scores.units.loc[scores.units["indicator"] == code, "status"]
    return {c: int((statuses == c).sum()) for c in views.GLANCE}


def title_html(area: int, name: str, year: int, lang: str = "vi") -> str:
    text = (i18n.t("slides.overview_title", lang, year=year) if area == OVERVIEW
            else i18n.t("slides.area_title", lang, n=area, name=name))
    return _slides().title(text)


def map_code(scores: Scores, codes: list[str]) -> str | None:
    """Which of the area's commune indicators the slide maps: the one most communes miss (not met,
    then close), the first on a tie; None when communes report none of them."""
    communes = scores.units[(scores.units["level"] == "commune") & scores.units["indicator"].isin(codes)]
    if communes.empty:
        return None
    ranked = sorted(codes, key=lambda code: (
        -int(((communes["indicator"] == code) & (communes["status"] == status_mod.NOT_MET)).sum()),
        -int(((communes["indicator"] == code) & (communes["status"] == status_mod.CLOSE)).sum()),
        codes.index(code)))
    return next(code for code in ranked if (communes["indicator"] == code).any())


def area_html(frame: pd.DataFrame, counts: dict[str, dict[str, int]], whole: str, lang: str = "vi",
              lifts: dict[str, str] | None = None) -> str:
    """An area slide: each indicator's figure for the whole against its target, its status, and how
    many of its units meet it (lib.present.views.indicator_frame for `frame`, unit_counts for `counts`);
    under an indicator the whole does not meet, which units would lift it (lib.present.lift_text.slide_line
    in `lifts`)."""
    rows = [{**row, "units": [(c, f"{status_mod.get(c).symbol} {n}")
                              for c, n in counts.get(row["code"], {}).items() if n],
             "lift": (lifts or {}).get(row["code"], "")}
            for row in frame.to_dict("records")]
    return _slides().area_table(rows, whole, _m(lang))


# The look: type that grows with the screen (19 px on a 1280 projector, 29 px on 1920), black on
# white, no sidebar or Streamlit header, nothing wider than the screen.
CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
/* the login cookie's component and this style sheet take no room on a slide (they still work) */
[data-testid="stElementContainer"]:has(iframe[data-testid="stCustomComponentV1"]),
[data-testid="stElementContainer"]:has(style) { position: absolute !important; height: 0 !important; overflow: hidden; }
[data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0.6rem 1.6rem 0.6rem 1.6rem !important; }
[data-testid="stAppViewContainer"] { background: #ffffff; }
.present { font-size: clamp(18px, 1.5vw, 32px); color: #000; line-height: 1.3; overflow-wrap: anywhere; }
.present-stamp { font-size: 0.85em; padding: 0.2em 0.5em; border-bottom: 2px solid #000; margin-bottom: 0.3em; }
.present-sample { background: #ffe08a; border: 2px solid #000; padding: 0 0.4em; font-weight: 700; }
.present-title { font-size: 1.6em !important; font-weight: 800 !important; margin: 0.1em 0 0.35em 0 !important;
  padding: 0 !important; color: #000 !important; line-height: 1.2 !important; }
.present-sub { font-size: 1.1em !important; font-weight: 700 !important; margin: 0.5em 0 0.2em 0 !important;
  padding: 0 !important; color: #000 !important; }
.present-cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.45em; }
.present-card { border: 2px solid #000; border-radius: 0.4em; padding: 0.35em 0.5em; }
.present-total { background: #eef3ff; }
.present-card-title { font-weight: 700; font-size: 0.95em; }
.present-card-sub { font-size: 0.8em; }
.present-badges { font-size: 0.8em; }
.present .present-badge { font-size: 1em; margin: 0.12em 0.2em 0.12em 0 !important; }
.present-worst { margin: 0 0 0 1.4em; padding: 0; columns: 2; font-size: 0.9em; }
.present-table { width: 100%; border-collapse: collapse; table-layout: auto; font-size: 0.92em; }
.present-table th { text-align: left; border-bottom: 3px solid #000; padding: 0.2em 0.35em; font-size: 0.8em; }
.present-table td { border-bottom: 1px solid #444; padding: 0.28em 0.35em; vertical-align: middle; }
.present-table .present-num { text-align: right; white-space: nowrap; }
.present-table .present-code { font-weight: 700; white-space: nowrap; }
.present-table .present-badge { font-size: 0.85em; }
.present-lift { display: block; font-size: 0.8em; line-height: 1.2; }
@media (max-height: 800px) {  /* a 1280x720 projector: six indicators and their lift lines on one screen */
  .present-table { font-size: 0.84em; }
  .present-table td { padding: 0.18em 0.3em; }
}
.present-walk { font-size: clamp(14px, 1vw, 20px); }
.present.present-map-title { font-weight: 700; font-size: clamp(16px, 1.2vw, 26px); }
</style>
"""


# --- the walk (Streamlit) ---------------------------------------------------------------------------

def _go(step: int, total: int) -> None:
    st.session_state[SLIDE] = (st.session_state.get(SLIDE, OVERVIEW) + step) % total
    st.session_state[HELD] = True  # a slide chosen by hand stays for a full period


def _pause() -> None:
    st.session_state[PAUSED] = not st.session_state.get(PAUSED, False)
    st.session_state[RESTART] = True


def _new_pace() -> None:
    st.session_state[RESTART] = True


def _leave() -> None:
    st.query_params.pop(PARAM, None)
    st.session_state[RESTART] = True


def _slide(area: int, data: cached.Data, choices: sidebar.Choices) -> None:
    """Draw one slide below the walk's controls: the stamp, the title, then the overview's cards or
    the area's table beside the map of the commune indicator most communes miss."""
    lang = choices.lang
    context = data.context()
    catalogue = context.catalogue
    whole = context.whole(lang)
    sample = i18n.t("sample_marker", lang) if context.sample else None
    stamp = stamp_html(context.district["name"], i18n.t("stamp", lang, month=choices.month, year=choices.year),
                       sample)
    name = catalogue.area_name(area, lang) if area != OVERVIEW else ""
    pieces = _slides()
    st.markdown(pieces.block(stamp + title_html(area, name, choices.year, lang)), unsafe_allow_html=True)
    directives_line = directive_ui.slide_line(directive_ui.seen(), lang, None if area == OVERVIEW else area)
    if directives_line:
        st.markdown(pieces.block(directives_line, css="present present-directives"), unsafe_allow_html=True)
    if area == OVERVIEW:
        overview = data.overview(choices)
        st.markdown(pieces.block(overview_html(overview["glance"], overview["communes"], whole, choices.year, lang,
                                               context.layout)),
                    unsafe_allow_html=True)
        return
    scores = data.scores(choices.year, choices.month)
    frame = views.indicator_frame(catalogue, scores, lang, area=area)
    lifts = {code: lift_text.slide_line(catalogue, scores, code, lang) for code in frame["code"]}
    table = pieces.block(area_html(frame, {code: unit_counts(scores, code) for code in frame["code"]}, whole, lang,
                                   lifts))
    code = map_code(scores, list(frame["code"]))
    if code is None:
        st.markdown(table, unsafe_allow_html=True)
        return
    # the map takes its half of the screen
    left, right = st.columns(2)
    left.markdown(table, unsafe_allow_html=True)
    with right:
        spec = maps.for_slides(data.area(choices, area, "month")[1][code])
        st.markdown(pieces.block(i18n.t_layout("slides.map_title", context.layout, lang, code=code), css="present present-map-title"),
                    unsafe_allow_html=True)
        widgets.chart(spec, key=f"present_map_{area}", width="stretch")


def _walk(order: list[int]) -> None:
    state = st.session_state
    if state.pop(RESTART, False):
        # the timer is set when the fragment is made: pausing or a new pace needs a full run
        st.rerun()
    total = len(order)
    if not state.pop(HELD, False) and not state.get(PAUSED, False):
        # a timed run of the fragment: the next slide
        state[SLIDE] = (state.get(SLIDE, OVERVIEW) + 1) % total
    index = state.get(SLIDE, OVERVIEW) % total
    choices = sidebar.choices()
    lang = choices.lang
    data = cached.data()
    paused = state.get(PAUSED, False)
    with st.container(horizontal=True, vertical_alignment="center", key="present_walk"):
        st.button(i18n.t("slides.previous", lang), icon=":material/skip_previous:", key="present_previous",
                  on_click=_go, args=(-1, total))
        st.button(i18n.t("slides.play" if paused else "slides.pause", lang), key="present_pause", on_click=_pause,
                  icon=":material/play_arrow:" if paused else ":material/pause:")
        st.button(i18n.t("slides.next", lang), icon=":material/skip_next:", key="present_next", on_click=_go,
                  args=(1, total))
        st.selectbox(i18n.t("slides.pace", lang), PACES, key=PACE,
                     format_func=lambda n: i18n.t("slides.seconds", lang, n=n),
                     label_visibility="collapsed", width=120, on_change=_new_pace)
        status = (i18n.t("slides.paused", lang) if paused
                  else i18n.t("slides.running", lang, n=state.get(PACE, DEFAULT_PACE)))
        position = i18n.t("slides.position", lang, n=index + 1, total=total)
        st.markdown(_slides().walk(position, status), unsafe_allow_html=True)
        st.button(i18n.t("slides.leave", lang), icon=":material/close:", key="present_leave", on_click=_leave)
    _slide(order[index], data, choices)


def show() -> None:
    """The presentation page (the router runs it instead of the pages while the mode is on)."""
    state = st.session_state
    if state.get(PACE) not in PACES:
        state[PACE] = DEFAULT_PACE
    state[HELD] = True  # the first run of the walk shows the current slide
    st.html(CSS)
    order = slides(cached.data().context().catalogue.areas)
    every = None if state.get(PAUSED, False) else state[PACE]
    st.fragment(run_every=every)(_walk)(order)
