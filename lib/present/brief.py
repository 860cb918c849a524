"""The one-page brief for the district chairman: the overview and the worst gaps on one printed
A4 page, with the glance chart as an image. No Streamlit.

Format: a self-contained, print-friendly HTML document (UTF-8, A4 portrait `@page`, no external
resources; the chart is a PNG in a data URI, drawn by vl_convert). The user opens it in the
browser and prints it or saves it as PDF there. There is no `brief_pdf`: a PDF made on the server
would need a browser engine (Chromium through Playwright) or a PDF library with Vietnamese fonts,
and the app's server is not guaranteed to have either; the browser's "Save as PDF" gives the same
page. tests/browser/test_brief_print.py checks that Chromium prints it on exactly one page.

`brief_html` only draws; `gap_frame` (the worst gaps) and the frames of lib.present.views hold the logic.
"""
from __future__ import annotations

import base64
import html
from datetime import date

import altair as alt
import pandas as pd
import vl_convert

from lib.present import charts, i18n, views
from lib.present import format as fmt
from lib.core import status as st
from lib.core.catalogue import Catalogue, level_name
from lib.core.scoring import Scores, shortfall

MESSAGES: dict[str, tuple[str, str]] = {
    "title": ("Tóm tắt kết quả cải cách hành chính năm {year}", "Administrative reform brief, {year}"),
    "stamp": ("Số liệu đến hết tháng {month:02d}/{year}", "Figures up to the end of {month:02d}/{year}"),
    "issued": ("Ngày lập: {day}", "Issued: {day}"),
    "sample_marker": ("DỮ LIỆU MẪU", "SAMPLE DATA"),
    "sample_note": ("số liệu minh họa, không phải số liệu thật", "synthetic figures, not real data"),
    "glance_title": ("Bảy lĩnh vực (kết quả {whole}, theo số chỉ tiêu)",
                     "The seven areas ({whole}, number of indicators)"),
    "glance_area": ("Lĩnh vực", "Area"),
    "glance_indicators": ("Số chỉ tiêu", "Total"),
    "chart_alt": ("Biểu đồ: số chỉ tiêu của từng lĩnh vực theo trạng thái",
                  "Chart: each area's indicators by status"),
    "indicators_title": ("Kết quả {whole} theo từng chỉ tiêu", "Every indicator: {whole}"),
    "col_code": ("Mã", "Code"),
    "col_indicator": ("Chỉ tiêu", "Indicator"),
    "col_value": ("Giá trị", "Value"),
    "col_target": ("Chỉ tiêu giao", "Target"),
    "col_value_target": ("Kết quả / chỉ tiêu", "Value / target"),
    "col_status": ("Trạng thái", "Status"),
    "gaps_title": ("Chỉ tiêu chưa đạt, gần đạt (thiếu nhiều nhất trước)",
                   "Targets not met or close (biggest shortfall first)"),
    "gaps_none": ("Mọi chỉ tiêu có số liệu đều đã đạt.", "Every target with data is met."),
    "col_gap": ("Còn thiếu", "Still needed"),
    "gap_level": ("{level}: {gap}", "{level}: {gap}"),
    "communes_title": ("Xã, thị trấn có nhiều chỉ tiêu chưa đạt nhất", "Communes with the most unmet targets"),
    "communes_none": ("Không có xã, thị trấn nào có chỉ tiêu chưa đạt.", "No commune has an unmet target."),
    "col_commune": ("Xã, thị trấn", "Commune"),
    "col_unmet": ("Các chỉ tiêu chưa đạt", "Unmet indicators"),
    "footer": ("Trạng thái tính trên số liệu lũy kế từ đầu năm; đơn vị chưa báo cáo không được tính. "
               "Ký hiệu: {legend}.",
               "Statuses are judged on the year-to-date figures; units that have not reported are left out. "
               "Symbols: {legend}."),
}

GAP_COLUMNS = ["code", "indicator", "value", "target", "status", "status_text", "shortfall", "gap"]
GAP_STATUSES = (st.NOT_MET, st.CLOSE)


def _m(key: str, lang: str, **params) -> str:
    return i18n.pick(MESSAGES, key, lang, **params)


def esc(value) -> str:
    """Any value as HTML text (None and NaN as empty)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


# --- the worst gaps ----------------------------------------------------------------------------

def _gap_words(ind, rule, numerator: int, denominator: int, status: str, month: int, lang: str) -> tuple[int, str]:
    """How many more (dossiers, communes...) would meet `rule`, and that in words."""
    return (shortfall(numerator, denominator, rule),
            views.gap_text(ind, rule, numerator, denominator, status, month, lang, whole=True))


def gap_frame(catalogue: Catalogue, scores: Scores, lang: str = "vi", limit: int = 5) -> pd.DataFrame:
    """The district's indicators that are not met, then those close to it, each group with the
    biggest shortfall (lib.core.scoring.shortfall: how many more dossiers, communes... would meet the
    target) first. An indicator judged level by level (3.3, 7.2) adds up its levels' shortfalls."""
    district = scores.district.set_index("indicator")
    levels = scores.levels
    rows = []
    for ind in catalogue.indicators:
        if ind.code not in district.index:
            continue
        d = district.loc[ind.code]
        if d["status"] not in GAP_STATUSES:
            continue
        if ind.aggregate == "worst_level":
            parts = levels[(levels["indicator"] == ind.code) & levels["status"].isin(GAP_STATUSES)]
            total, words = 0, []
            for lv in parts.itertuples():
                rule = catalogue.target(ind.code, scores.year, lv.level)
                n, text = _gap_words(ind, rule, int(lv.numerator), int(lv.denominator), lv.status, scores.month, lang)
                total += n
                words.append(_m("gap_level", lang, level=level_name(lv.level, lang), gap=text))
            gap = "; ".join(words)
        else:
            rule = catalogue.targets_for(ind.code, scores.year)["all"]
            total, gap = _gap_words(ind, rule, int(d["numerator"]), int(d["denominator"]), d["status"],
                                    scores.month, lang)
        rows.append({"code": ind.code, "indicator": ind.name(lang),
                     "value": views.value_text(d["numerator"], d["denominator"], d["status"], lang),
                     "target": fmt.target_text(d["target"], lang), "status": d["status"],
                     "status_text": views.status_text(d["status"], lang), "shortfall": total, "gap": gap,
                     "severity": GAP_STATUSES.index(d["status"]), "order": len(rows)})
    frame = pd.DataFrame(rows, columns=[*GAP_COLUMNS, "severity", "order"])
    frame = frame.sort_values(["severity", "shortfall", "order"], ascending=[True, False, True], kind="stable")
    return frame.head(limit)[GAP_COLUMNS].reset_index(drop=True)


# --- the chart ---------------------------------------------------------------------------------

CHART_FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"


def glance_png(glance: pd.DataFrame, lang: str = "vi") -> bytes:
    """The glance bar chart (lib.present.charts.glance_bars) as a PNG for the brief: the areas named by
    their number and no legend, since the table beside it names the areas and its column heads
    (colour, symbol and word of each status) are the legend."""
    long = views.glance_long(glance, lang)
    long["area_label"] = long["area"].astype(str)
    chart = charts.glance_bars(long, lang).properties(width=190, height=alt.Step(22))
    spec = chart.to_dict(validate=False)
    for layer in spec.get("layer", []):
        color = layer.get("encoding", {}).get("color", {})
        if "legend" in color:
            color["legend"] = None
    spec["config"] = {**spec.get("config", {}), "font": CHART_FONT}
    return vl_convert.vegalite_to_png(spec, scale=2)


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


# --- the page ----------------------------------------------------------------------------------

CSS = """
@page { size: A4 portrait; margin: 10mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", Arial, "Segoe UI", sans-serif; font-size: 8pt;
       line-height: 1.2; color: #111; background: #fff; }
.sheet { width: 188mm; }
header { display: flex; justify-content: space-between; align-items: flex-start; gap: 4mm;
         border-bottom: 1.5pt solid #1f3b73; padding-bottom: 1.5mm; }
h1 { font-size: 12.5pt; margin: 0.5mm 0; color: #1f3b73; }
h2 { font-size: 9.5pt; margin: 2.2mm 0 1mm 0; color: #1f3b73; }
.district { font-size: 11pt; font-weight: bold; }
.stamp { font-size: 9pt; font-weight: bold; }
.right { text-align: right; }
.issued { white-space: nowrap; font-size: 8.5pt; }
.sample { display: inline-block; border: 1.5pt solid #b00020; color: #b00020; font-weight: bold; padding: 0.8mm 2mm;
          margin-top: 1.5mm; font-size: 8.5pt; max-width: 60mm; text-align: center; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 0.5pt solid #999; padding: 0.3mm 1mm; vertical-align: middle; overflow-wrap: break-word; }
th { background: #e8ecf4; font-weight: bold; text-align: left; }
.n { text-align: right; }
td.n { white-space: nowrap; }
td.code { white-space: nowrap; font-weight: bold; }
td.target { text-align: right; }
tr.area-start td { border-top: 1.2pt solid #555; }
tr.total td { font-weight: bold; border-top: 1.2pt solid #555; }
td.zero { color: #aaa; }
.badge { display: inline-block; padding: 0 1mm; border-radius: 1mm; white-space: nowrap; font-weight: bold;
         border: 0.5pt solid #666; }
th .badge { white-space: normal; font-size: 7pt; }
.s-not_applicable { border-style: dashed; }
.glance { display: flex; gap: 3mm; align-items: flex-start; }
.glance table { width: 136mm; flex: 0 0 136mm; }
.glance img { flex: 0 0 49mm; width: 49mm; height: auto; }
.gaps { display: flex; gap: 3mm; align-items: flex-start; }
.gaps > div:first-child { flex: 0 0 117mm; width: 117mm; }
.gaps > div:last-child { flex: 1 1 auto; }
footer { margin-top: 2mm; border-top: 0.5pt solid #999; padding-top: 1mm; font-size: 7pt; color: #333; }
@media print {
  tr, img { break-inside: avoid; page-break-inside: avoid; }
}
@media screen {
  body { background: #ddd; }
  .sheet { background: #fff; padding: 10mm 11mm; margin: 5mm auto; width: 210mm; min-height: 297mm;
           box-shadow: 0 0 3mm rgba(0, 0, 0, 0.3); }
}
"""


def _badge(code: str, lang: str) -> str:
    s = st.get(code)
    return (f'<span class="badge s-{esc(code)}" style="background:{esc(s.colour)};color:{esc(s.text_colour)}">'
            f"{esc(s.badge(lang))}</span>")


def _colgroup(*widths: str) -> str:
    return "<colgroup>" + "".join(f'<col style="width:{w}">' if w else "<col>" for w in widths) + "</colgroup>"


def _header(district_name: str, year: int, month: int, issued: date, lang: str, sample: bool) -> str:
    marker = ""
    if sample:
        marker = (f'<div class="sample">{esc(_m("sample_marker", lang))}: '
                  f'{esc(_m("sample_note", lang))}</div>')
    return (
        "<header><div>"
        f'<div class="district">{esc(district_name)}</div>'
        f"<h1>{esc(_m('title', lang, year=year))}</h1>"
        f'<div class="stamp">{esc(_m("stamp", lang, month=month, year=year))}</div>'
        '</div><div class="right">'
        f'<div class="issued">{esc(_m("issued", lang, day=issued.strftime("%d/%m/%Y")))}</div>{marker}'
        "</div></header>"
    )


def _glance(glance: pd.DataFrame, png: bytes, whole: str, lang: str) -> str:
    codes = list(views.GLANCE) + ([st.NOT_APPLICABLE] if glance[st.NOT_APPLICABLE].any() else [])
    head = "".join(f'<th class="n">{_badge(code, lang)}</th>' for code in codes)
    rows = []
    total = views.glance_total(glance)
    for row in [*glance.to_dict("records"), {**total, "area": "", "name": whole}]:
        name = f"{row['area']}. {row['name']}" if row["area"] != "" else row["name"]
        cells = "".join(f'<td class="n{" zero" if not row[code] else ""}">{esc(row[code])}</td>' for code in codes)
        css = ' class="total"' if row["area"] == "" else ""
        rows.append(f'<tr{css}><td>{esc(name)}</td><td class="n">{esc(row["indicators"])}</td>{cells}</tr>')
    table = (f"<table class=\"glance-table\">{_colgroup('', '13mm', *['13.5mm'] * len(codes))}"
             f"<thead><tr><th>{esc(_m('glance_area', lang))}</th>"
             f'<th class="n">{esc(_m("glance_indicators", lang))}</th>{head}</tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>")
    image = f'<img src="{data_uri(png)}" alt="{esc(_m("chart_alt", lang))}">'
    return f"<h2>{esc(_m('glance_title', lang, whole=whole.lower()))}</h2><div class=\"glance\">{table}{image}</div>"


def _indicators(frame: pd.DataFrame, whole: str, lang: str) -> str:
    rows = []
    last_area = None
    for r in frame.itertuples(index=False):
        css = ' class="area-start"' if last_area is not None and r.area != last_area else ""
        last_area = r.area
        value = f"{r.value}%" if r.value else ""
        rows.append(f'<tr{css}><td class="code">{esc(r.code)}</td><td>{esc(r.indicator)}</td>'
                    f'<td class="n">{esc(value)}</td><td class="target">{esc(r.target)}</td>'
                    f"<td>{_badge(r.status, lang)}</td></tr>")
    head = "".join(f"<th{css}>{esc(_m(key, lang))}</th>" for key, css in (
        ("col_code", ""), ("col_indicator", ""), ("col_value", ' class="n"'), ("col_target", ' class="n"'),
        ("col_status", "")))
    return (f"<h2>{esc(_m('indicators_title', lang, whole=whole.lower()))}</h2>"
            f"<table class=\"indicator-table\">{_colgroup('10.5mm', '', '16mm', '26mm', '32mm')}"
            f"<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def _gaps(gaps: pd.DataFrame, lang: str) -> str:
    if gaps.empty:
        return f"<h2>{esc(_m('gaps_title', lang))}</h2><p>{esc(_m('gaps_none', lang))}</p>"
    rows = "".join(
        f'<tr><td class="code">{esc(r.code)}</td><td>{esc(r.indicator)}</td>'
        f'<td>{_badge(r.status, lang)}</td><td class="n">{esc(r.value + "%" if r.value else "")}<br>'
        f"{esc(r.target)}</td><td>{esc(r.gap)}</td></tr>"
        for r in gaps.itertuples(index=False))
    return (f"<h2>{esc(_m('gaps_title', lang))}</h2><table class=\"gap-table\">"
            f"{_colgroup('10.5mm', '', '21mm', '15mm', '30mm')}<thead><tr>"
            f"<th>{esc(_m('col_code', lang))}</th><th>{esc(_m('col_indicator', lang))}</th>"
            f"<th>{esc(_m('col_status', lang))}</th><th class=\"n\">{esc(_m('col_value_target', lang))}</th>"
            f"<th>{esc(_m('col_gap', lang))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _communes(worst: pd.DataFrame, lang: str) -> str:
    if worst.empty:
        return f"<h2>{esc(_m('communes_title', lang))}</h2><p>{esc(_m('communes_none', lang))}</p>"
    rows = "".join(
        f'<tr><td>{esc(views.short_name(r.unit))}</td><td class="n">{esc(r.not_met)}</td>'
        f'<td class="n">{esc(r.close)}</td>'
        f"<td>{esc(r.unmet)}</td></tr>"
        for r in worst.itertuples(index=False))
    return (f"<h2>{esc(_m('communes_title', lang))}</h2><table class=\"commune-table\">"
            f"{_colgroup('', '10.5mm', '10.5mm', '22mm')}<thead><tr>"
            f"<th>{esc(_m('col_commune', lang))}</th><th class=\"n\">{_badge(st.NOT_MET, lang)}</th>"
            f"<th class=\"n\">{_badge(st.CLOSE, lang)}</th><th>{esc(_m('col_unmet', lang))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def brief_html(catalogue: Catalogue, scores: Scores, district_name: str, year: int, month: int, lang: str = "vi",
               sample: bool = False, issued: date | None = None, limit: int = 5) -> bytes:
    """The one-page brief as a self-contained HTML document (UTF-8 bytes): header with the data
    stamp, the seven areas at a glance (table and chart), every indicator's district figure, and
    the worst gaps (indicators and communes, `limit` each). `issued` defaults to today."""
    issued = issued or date.today()
    glance = views.area_glance(catalogue, scores, lang)
    indicators = views.indicator_frame(catalogue, scores, lang)
    gaps = gap_frame(catalogue, scores, lang, limit=limit)
    worst = views.worst_communes(scores, lang, limit=limit)
    whole = i18n.whole(scores.whole, lang)
    title = f"{district_name} · {_m('title', lang, year=year)}"
    if sample:
        title = f"[{_m('sample_marker', lang)}] {title}"
    legend = ", ".join(st.badge(code, lang) for code in st.CODES)
    body = (
        _header(district_name, year, month, issued, lang, sample)
        + _glance(glance, glance_png(glance, lang), whole, lang)
        + _indicators(indicators, whole, lang)
        + f'<div class="gaps"><div>{_gaps(gaps, lang)}</div><div>{_communes(worst, lang)}</div></div>'
        + f"<footer>{esc(_m('footer', lang, legend=legend))}</footer>"
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f'<body><div class="sheet">{body}</div></body></html>\n'
    )
    return page.encode("utf-8")
