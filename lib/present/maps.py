"""The traffic-light map of the communes.

`commune_map(frame, geometry=None)` draws one labelled tile per commune in a near-square grid
(sorted by code, so the layout is the same on every run). When real boundaries exist, pass
them as `geometry` (a GeoJSON FeatureCollection whose features carry the commune code in
`properties.ma_don_vi`) and the same call draws the shapes: pages never change.

Both forms colour by status with lib.present.charts.status_scale (all five statuses in the legend),
write the status symbol on each commune, and carry the point selection `SELECTION` on the
commune code, so a click tells the page which commune was chosen.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from lib.present import charts
from lib.core import status as st

SELECTION = "commune"  # the selection's name: event["selection"][SELECTION] -> [{"unit_code": ...}]
TILE_HEIGHT = 46  # pixels; tiles are as wide as the column allows
LEGEND_HEIGHT = 72  # the legend below the tiles (two rows), which the chart's height must include
CODE_PROPERTY = "ma_don_vi"


def grid_size(n: int) -> tuple[int, int]:
    """Columns and rows of a near-square grid holding n tiles."""
    if n <= 0:
        return 0, 0
    cols = math.ceil(math.sqrt(n))
    return cols, math.ceil(n / cols)


def tile_layout(codes) -> pd.DataFrame:
    """The tile (col, row) of each commune code: sorted by code, row by row, in a near-square grid."""
    ordered = sorted(set(codes))
    cols, _rows = grid_size(len(ordered))
    return pd.DataFrame({"unit_code": ordered,
                         "col": [i % cols for i in range(len(ordered))],
                         "row": [i // cols for i in range(len(ordered))]},
                        columns=["unit_code", "col", "row"])


def _inked(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the readable text colour of each tile's status and its second line."""
    ink = frame["status"].map(lambda code: st.get(code).text_colour)
    second = [f"{symbol} {value}".strip() for symbol, value in zip(frame["symbol"], frame["value"])]
    return frame.assign(ink=ink, line2=second)


def _selection():
    return alt.selection_point(name=SELECTION, fields=["unit_code"], on="click", clear="dblclick", empty=False)


def _tooltip():
    return [alt.Tooltip("unit:N", title=" "), alt.Tooltip("status_text:N", title=" "),
            alt.Tooltip("value:N", title=" ")]


KIND = "cchc_map"  # usermeta key: which kind of map a spec draws


def tile_map(frame: pd.DataFrame, lang: str = "vi") -> alt.LayerChart:
    """One labelled tile per commune (lib.present.views.map_frame): status colour, symbol and value."""
    data = _inked(frame).merge(tile_layout(frame["unit_code"]), on="unit_code")
    _cols, rows = grid_size(len(data))
    selection = _selection()
    x = alt.X("col:O", axis=None, scale=alt.Scale(paddingInner=0.08, paddingOuter=0.02))
    y = alt.Y("row:O", axis=None, scale=alt.Scale(paddingInner=0.1, paddingOuter=0.02))
    base = alt.Chart(data).encode(x=x, y=y)
    tiles = base.mark_rect(cornerRadius=4, stroke="#555555", cursor="pointer").encode(
        color=charts.status_color(lang=lang),
        strokeWidth=alt.condition(selection, alt.value(3), alt.value(0.6)),
        tooltip=_tooltip(),
    ).add_params(selection)
    # text fits the tiles, whose width follows the column: smaller type on narrow tiles, cut with "…"
    tile = f"(width / {max(_cols, 1)})"
    font = alt.ExprRef(expr=f"{tile} < 70 ? 9.5 : 11.5")
    limit = alt.ExprRef(expr=f"{tile} - 6")
    names = base.mark_text(dy=-7, fontSize=font, fontWeight="bold", limit=limit).encode(
        text="short:N", color=alt.Color("ink:N", scale=None), tooltip=_tooltip())
    figures = base.mark_text(dy=8, fontSize=font, limit=limit).encode(
        text="line2:N", color=alt.Color("ink:N", scale=None), tooltip=_tooltip())
    # the tiles share the container's width (names are cut to fit, full names in the tooltip)
    height = rows * TILE_HEIGHT + LEGEND_HEIGHT
    return (tiles + names + figures).properties(width="container", height=height,
                                                 usermeta={KIND: "tiles"}).configure_view(stroke=None)


def label_points(geometry: dict) -> pd.DataFrame:
    """A point inside each commune's shape (unit_code, x, y), where its status symbol is written."""
    from shapely.geometry import shape

    rows = []
    for feature in geometry["features"]:
        code = feature.get("properties", {}).get(CODE_PROPERTY)
        if code and feature.get("geometry"):
            point = shape(feature["geometry"]).representative_point()
            rows.append({"unit_code": code, "x": point.x, "y": point.y})
    return pd.DataFrame(rows, columns=["unit_code", "x", "y"])


def shape_map(frame: pd.DataFrame, geometry: dict, lang: str = "vi", width: int = 480,
              height: int = 420) -> alt.LayerChart:
    """The communes' real boundaries (GeoJSON, code in properties.ma_don_vi), coloured by status,
    each with its status symbol (readable in grey print and by colour-blind readers) and its name."""
    data = _inked(frame)
    fields = ["unit_code", "unit", "short", "status_text", "value", "line2", "ink"]
    features = alt.Data(values=geometry["features"])
    selection = _selection()
    shapes = alt.Chart(features).mark_geoshape(stroke="#555555", cursor="pointer").transform_lookup(
        lookup=f"properties.{CODE_PROPERTY}", from_=alt.LookupData(data=data, key="unit_code", fields=fields),
    ).encode(
        color=charts.status_color(lang=lang),
        strokeWidth=alt.condition(selection, alt.value(3), alt.value(0.6)),
        tooltip=_tooltip(),
    ).add_params(selection)
    placed = alt.Chart(data.merge(label_points(geometry), on="unit_code")).encode(
        longitude="x:Q", latitude="y:Q", color=alt.Color("ink:N", scale=None), tooltip=_tooltip())
    # the symbol, and the commune's short name under it (cut to fit; the full name is in the tooltip)
    symbols = placed.mark_text(fontSize=13, fontWeight="bold", dy=-6).encode(text="symbol:N")
    names = placed.mark_text(fontSize=10, dy=8, limit=90).encode(text="short:N")
    return alt.layer(shapes, symbols, names).project(type="identity", reflectY=True).properties(
        width=width, height=height, usermeta={KIND: "shapes"}).configure_view(stroke=None)


def commune_map(frame: pd.DataFrame, geometry: dict | None = None, lang: str = "vi"):
    """The communes' map: tiles, or the real shapes when `geometry` is given."""
    if geometry:
        # a province's boundaries hold every district's communes: draw the ones shown
        codes = set(frame["unit_code"])
        features = [f for f in geometry["features"] if f["properties"]["ma_don_vi"] in codes]
        if features:
            return shape_map(frame, {**geometry, "features": features}, lang=lang)
    return tile_map(frame, lang=lang)


def display_width(spec: dict) -> str:
    """How wide st.altair_chart / st.vega_lite_chart should draw a map spec: tiles fill the
    column; shapes keep their own width, or the legend drifts far from them."""
    return "content" if spec.get("usermeta", {}).get(KIND) == "shapes" else "stretch"


def selected_code(event) -> str | None:
    """The commune code a click chose, from what st.altair_chart(on_select="rerun") returned."""
    try:
        chosen = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if chosen and isinstance(chosen, list) and isinstance(chosen[0], dict):
        return chosen[0].get("unit_code")
    return None
