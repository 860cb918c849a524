"""The drawing helpers every page shares: status badges, a line legend, the data stamp, tables
(interactive and static, the status by symbol and word), the export's download buttons, and charts from
cached Vega-Lite specs."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.core import status as status_mod
from lib.present import html, i18n, workflow_view
from lib.web.cached import Context, Data
from lib.web.sidebar import Choices
from lib.web.text import md


def badges(items: list[tuple]) -> None:
    """A row of badges given as (status code, text) or (status code, text, quiet): a quiet one (a
    count of zero) is drawn in grey outline, not in its status's colour."""
    st.markdown(html.macros("status.html.j2").badges(items), unsafe_allow_html=True)


def line_legend(items: list[dict]) -> None:
    """A legend for lines (lib.present.charts.trend_legend): a short line in each colour, then its label."""
    st.markdown(html.macros("status.html.j2").line_legend(items), unsafe_allow_html=True)


def stamp(context: Context, choices: Choices) -> None:
    """The data stamp of every page: the district, `Số liệu đến hết tháng MM/YYYY`, what the pages
    count (`tính chỉ số liệu đã duyệt`), and the sample-data marker when the figures are synthetic."""
    lang = choices.lang
    text = workflow_view.stamp_text(choices.month, choices.year, choices.counting, lang)
    st.markdown(f"**{md(context.district['name'])}** · {text}")
    if context.sample:
        st.warning(f"**{i18n.t('sample_marker', lang)}**: {i18n.t('sample_note', lang)}",
                   icon=":material/science:")


# Column widths in pixels (the rest share what is left).
WIDTHS = {"code": 55, "unit_code": 70, "unit": 210, "kind": 135, "level_name": 130, "value": 70, "numerator": 70,
          "denominator": 75, "target": 90, "status_text": 115, "not_met": 80, "close": 80, "no_data": 120, "why": 250}
NUMERIC = {"value", "numerator", "denominator", "not_met", "close", "no_data"}
# Up to this many rows a table shows them all (no inner scroll box); longer ones scroll.
FULL_ROWS = 300


def table(frame: pd.DataFrame, columns: dict[str, str], lang: str = "vi", key: str | None = None,
          height: int | str | None = None, extra_config: dict | None = None, row_height: int | None = None,
          widths: dict[str, int] | None = None) -> None:
    """An interactive table (scrolls, sorts) of `columns` (name -> i18n key of its header), its
    columns WIDTHS wide unless `widths` says otherwise. The status column says the status by its
    symbol and word (`✔ Đạt`) on a label of its colour (status_labels; not a pandas Styler, whose
    handling by Streamlit cost more than the rest of an area page together on every run). Every row
    shows up to FULL_ROWS rows (unless `height` says otherwise)."""
    if height is None:
        height = "content" if len(frame) <= FULL_ROWS else 700
    widths = {**WIDTHS, **(widths or {})}
    headers = {name: i18n.t(header, lang) for name, header in columns.items()}
    config = {name: st.column_config.TextColumn(header, width=widths.get(name),
                                                alignment="right" if name in NUMERIC else None)
              for name, header in headers.items()}
    painted = "status" in frame.columns and frame["status"].dropna().isin(status_mod.STATUSES).all()
    if "status_text" in columns and painted:
        frame, config["status_text"] = status_labels(frame, headers["status_text"], widths.get("status_text"))
    config.update(extra_config or {})
    st.dataframe(frame, column_order=list(columns), column_config=config, hide_index=True, key=key, height=height,
                 row_height=row_height)


def status_labels(frame: pd.DataFrame, header: str, width: int | None) -> tuple[pd.DataFrame, dict]:
    """The status column as coloured labels: each cell a one-item list that a read-only multiselect
    column draws on its status's colour (Streamlit picks dark or white text by the colour)."""
    pairs = frame[["status_text", "status"]].dropna().drop_duplicates("status_text")
    config = st.column_config.MultiselectColumn(
        header, width=width, options=pairs["status_text"].tolist(),
        color=[status_mod.get(code).colour for code in pairs["status"]] or None)
    labels = [[text] if isinstance(text, str) else [] for text in frame["status_text"]]
    return frame.assign(status_text=labels), config


def static_table(frame: pd.DataFrame, columns: dict[str, str], lang: str = "vi") -> None:
    """A static table (long names wrap, every row shows: for projectors), same columns as `table`,
    the status by its symbol and word as there."""
    headers = {name: i18n.t(header, lang) for name, header in columns.items()}
    # st.table renders cells as Markdown: names (and a target such as ">30%") must show as text
    shown = frame[list(columns)].map(lambda v: md(v) if isinstance(v, str) else v).rename(columns=headers)
    st.table(shown, hide_index=True)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def downloads(name: str, xlsx, csv, lang: str, key: str, help: str | None = None) -> None:
    """A table's two files, the Excel workbook first (for people: to read and print), then the CSV
    (for other programs), and a line saying so. `xlsx`, `csv`: the bytes, or a function making
    them when clicked; `name`: the file name without its extension."""
    with st.container(horizontal=True, horizontal_alignment="right"):
        st.download_button(i18n.t("download_xlsx", lang), xlsx, file_name=f"{name}.xlsx", mime=XLSX_MIME,
                           on_click="ignore", key=f"{key}_xlsx", icon=":material/download:", help=help)
        st.download_button(i18n.t("download_csv", lang), csv, file_name=f"{name}.csv", mime="text/csv",
                           on_click="ignore", key=f"{key}_csv", icon=":material/download:", help=help)
    st.caption(i18n.t("download_which", lang), text_alignment="right")


def download_buttons(data: Data, choices: Choices, area: int | None, key: str) -> None:
    """The export of CONTRACT.md for this area and period, as XLSX and as CSV."""
    name = f"cchc_linh_vuc_{area if area is not None else 'all'}_{choices.year}-{choices.month:02d}"
    downloads(name, data.export(choices.year, choices.month, area, "xlsx"),
              data.export(choices.year, choices.month, area, "csv"), choices.lang, key,
              help=i18n.t("download_help", choices.lang))


# Under a focused text field Streamlit writes "Press Enter to apply" or "Press Ctrl+Enter to submit
# form" in English whatever the page's language, and no option changes it: in Vietnamese the page's
# style hides those words; a field's character count (the span after them) stays, without its dot.
# (The count stands alone only in a form made with enter_to_submit=False, which the app never makes.)
HINT_CSS = """<style>
[data-testid="InputInstructions"] > span:first-child:not(:last-child),
[data-testid="InputInstructions"] > span:only-child { display: none; }
[data-testid="InputInstructions"] > span + span::before { content: none !important; }
</style>"""


def field_hints(lang: str) -> None:
    """Streamlit's English hints under text fields hidden on a Vietnamese page (HINT_CSS)."""
    if lang == "vi":
        st.html(HINT_CSS)


# Up to this width a screen is a phone's (Streamlit's own: its columns stack one under another below it).
PHONE_PX = 640
SCREEN_CSS = f"""<style>
@media (max-width: {PHONE_PX}px) {{ [class*="st-key-wide_only_"] {{ display: none !important; }} }}
@media (min-width: {PHONE_PX + 1}px) {{ [class*="st-key-phone_only_"] {{ display: none !important; }} }}
</style>"""


def by_screen(name: str):
    """Two containers for what a phone must draw otherwise (a chart of fixed width): the first is
    shown on wider screens, the second on a phone's; the browser picks by its width."""
    st.html(SCREEN_CSS)
    return st.container(key=f"wide_only_{name}"), st.container(key=f"phone_only_{name}")


def chart(spec: dict, key: str, **kwargs):
    """A chart from a cached Vega-Lite spec (lib.web.cached: built once per data version, its tables
    already in Arrow); returns the selection event when on_select is set."""
    return st.vega_lite_chart(spec, key=key, **kwargs)
