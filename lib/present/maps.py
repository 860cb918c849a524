"""The traffic-light map of the communes.

`commune_map(frame, geometry=None)` draws one labelled tile per commune in a near-square grid
(sorted by code, so the layout is the same on every run). When real boundaries exist, pass
them as `geometry` (a GeoJSON FeatureCollection whose features carry the commune code in
`properties.ma_don_vi`) and the same call draws the shapes: pages never change.

Both forms fill the width of their column, colour by status with lib.present.charts.status_scale
(all five statuses in the legend), write the status symbol on each commune and its name where it
fits (the shapes: lib.present.map_labels; every name is in the tooltip), and carry the point
selection `SELECTION` on the commune code, so a click tells the page which commune was chosen.
`for_slides(spec)` turns a map's spec into the slides' (type of at least 16 px, as tall as the
slide leaves).
"""
from __future__ import annotations

import math

import pandas as pd
import shapely

from lib.core import status as st
from lib.present import charts, map_labels

SELECTION = "commune"  # the selection's name: event["selection"][SELECTION] -> [{"unit_code": ...}]
TILE_HEIGHT = 46  # pixels; tiles are as wide as the column allows
# px: the narrowest tile on the page, where "◐ 100,00%" still fits in 9.5 px type; a narrower column
# lays fewer tiles a row than the near-square grid (a map of 126 tiles at 1280x720: 7 a row, not 12)
MIN_TILE_WIDTH = 62
LEGEND_HEIGHT = 72  # the legend below the tiles (two rows), which the chart's height must include
CODE_PROPERTY = "ma_don_vi"
SLIDE = "slide"  # the spec's parameter: true on a slide (for_slides)
# Type sizes in px, (name, symbol), on the page and on a slide (at least 16 px in a meeting room)
SIZES = {"page": (12, 14), "slide": (16, 20)}
# What a slide leaves for its map: the window's height less the controls, stamp and titles above
# it, which grow with the slide's type (lib.web.presentation: 1.5% of the window's width, 18-32 px)
SLIDE_ROOM = "windowSize()[1] - 104 - 4.4 * clamp(windowSize()[0] * 0.015, 18, 32)"
SHAPES_LEGEND = {"page": 88, "slide": 112}  # px the status legend takes below the shapes
SLIDE_TILE_HEIGHT = 70  # px; a tile's two lines of 16 px type


def grid_size(n: int) -> tuple[int, int]:
    """Columns and rows of a near-square grid holding n tiles."""
    if n <= 0:
        return 0, 0
    cols = math.ceil(math.sqrt(n))
    return cols, math.ceil(n / cols)


def tile_layout(codes) -> pd.DataFrame:
    """Each commune code's place among the tiles (`order`, from 0): sorted by code. The map lays
    them row by row, as many a row as its width allows (tile_map)."""
    ordered = sorted(set(codes))
    return pd.DataFrame({"unit_code": ordered, "order": range(len(ordered))}, columns=["unit_code", "order"])


def _inked(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the readable text colour of each tile's status and its second line."""
    ink = frame["status"].map(lambda code: st.get(code).text_colour)
    second = [f"{symbol} {value}".strip() for symbol, value in zip(frame["symbol"], frame["value"])]
    return frame.assign(ink=ink, line2=second)


VIEW_NAME = "communes"  # the layer that carries the selection


def _selection() -> dict:
    return {"name": SELECTION, "select": {"type": "point", "clear": "dblclick", "fields": ["unit_code"], "on": "click"},
            "views": [VIEW_NAME]}


def _tooltip() -> list[dict]:
    return charts.tooltip(("unit", " "), ("status_text", " "), ("value", " "), ("why", " "))


def _sized(page: float, slide: float) -> dict:
    """A size that is `page` on the page and `slide` on a slide."""
    return {"expr": f"{SLIDE} ? {slide:g} : {page:g}"}


def _slide_param() -> dict:
    return {"name": SLIDE, "value": False}


def _legend(lang: str) -> dict:
    return {**charts.status_legend(lang), "labelFontSize": _sized(12, 16), "titleFontSize": _sized(12, 16)}


def _outlined() -> dict:
    """A commune's outline: thick when it is the one clicked."""
    return {"condition": {"param": SELECTION, "value": 3, "empty": False}, "value": 0.6}


KIND = "cchc_map"  # usermeta key: which kind of map a spec draws


def tile_map(frame: pd.DataFrame, lang: str = "vi") -> dict:
    """One labelled tile per commune (lib.present.views.map_frame): status colour, symbol and value."""
    data = _inked(frame).merge(tile_layout(frame["unit_code"]), on="unit_code")
    square, _rows = grid_size(len(data))
    # tiles a row: the near-square grid's, fewer where the column is too narrow for the values (not
    # on a slide, whose height is fixed); the rows and the chart's height follow
    cols = {"name": "cols", "expr": f"{SLIDE} ? {square} : min({square}, max(1, floor(width / {MIN_TILE_WIDTH})))"}
    rows = f"ceil({len(data)} / cols)"
    x = charts.field("col", "ordinal", axis=None, scale={"paddingInner": 0.08, "paddingOuter": 0.02})
    y = charts.field("row", "ordinal", axis=None, scale={"paddingInner": 0.1, "paddingOuter": 0.02})
    tiles = {"name": VIEW_NAME, "mark": {"type": "rect", "cornerRadius": 4, "stroke": "#555555", "cursor": "pointer"},
             "encoding": {"x": x, "y": y, "color": charts.status_color(lang=lang, legend=_legend(lang)),
                          "strokeWidth": _outlined(), "tooltip": _tooltip()}}
    # text fits the tiles, whose width follows the column: smaller type on narrow tiles, cut with "…";
    # on a slide 16 px type in taller tiles
    tile = "(width / cols)"
    font = {"expr": f"{SLIDE} ? {SIZES['slide'][0]} : {tile} < 70 ? 9.5 : 11.5"}
    limit = {"expr": f"{tile} - 6"}

    def text(name: str, dy: dict, **style) -> dict:
        return {"mark": {"type": "text", "dy": dy, "fontSize": font, "limit": limit, **style},
                "encoding": {"x": x, "y": y, "text": charts.field(name), "color": charts.ink(), "tooltip": _tooltip()}}

    # the two lines 16 px apart: 11.5 px type on wide tiles does not touch
    names = text("short", _sized(-8, -10), fontWeight="bold")
    figures = text("line2", _sized(8, 11))
    # the tiles share the container's width (names are cut to fit, full names in the tooltip)
    page = f"{rows} * {TILE_HEIGHT} + {LEGEND_HEIGHT}"
    slide = (f"min({rows} * {SLIDE_TILE_HEIGHT} + {LEGEND_HEIGHT + 20}, "
             f"isFinite(windowSize()[1]) && windowSize()[1] > 0 ? {SLIDE_ROOM} : 100000)")
    height = {"name": "height", "expr": f"{SLIDE} ? {slide} : {page}"}
    return charts.top({"data": charts.named("communes"), "layer": [tiles, names, figures],
                       "transform": [{"calculate": "datum.order % cols", "as": "col"},
                                     {"calculate": "floor(datum.order / cols)", "as": "row"}],
                       "height": _rows * TILE_HEIGHT + LEGEND_HEIGHT, "width": "container", "usermeta": {KIND: "tiles"},
                       "params": [_selection(), _slide_param(), cols, height]},
                      {"communes": data}, view={"stroke": None})


def label_points(geometry: dict) -> pd.DataFrame:
    """A point inside each commune's shape (unit_code, x, y: lon, lat), where its status symbol is
    written: the pole of inaccessibility of its polygon (lib.present.map_labels)."""
    found = map_labels.layout(geometry["features"], {}, CODE_PROPERTY, (SIZES["page"], SIZES["slide"])).points
    return pd.DataFrame([{"unit_code": code, "x": x, "y": y} for code, (x, y) in found.items()],
                        columns=["unit_code", "x", "y"])


def _clockwise(feature: dict) -> dict:
    """The feature with its rings wound as Vega's spherical projections want them (outer rings
    clockwise: GeoJSON winds them the other way, and a projection would fill the whole globe)."""
    from shapely.geometry import mapping, shape

    wound = shapely.orient_polygons(shape(feature["geometry"]), exterior_cw=True)
    return {**feature, "geometry": mapping(wound)}


def shape_map(frame: pd.DataFrame, geometry: dict, lang: str = "vi",
              layout: map_labels.Layout | None = None) -> dict:
    """The communes' real boundaries (GeoJSON, code in properties.ma_don_vi), coloured by status,
    as wide as the column and as tall as their shape wants (never taller than most of the window),
    each with its status symbol (readable in grey print and by colour-blind readers) and, where it
    fits inside its shape, its name (lib.present.map_labels; every name is in the tooltip)."""
    if layout is None:
        layout = shape_layout(frame, geometry)
    data = _inked(frame)
    codes = data["unit_code"]
    data = data.assign(x=[layout.points.get(c, (None, None))[0] for c in codes],
                       y=[layout.points.get(c, (None, None))[1] for c in codes],
                       broken=[layout.page.broken.get(c, "") for c in codes],
                       **{f"{size}_{lines}": [getattr(getattr(layout, size), lines).get(c, map_labels.NEVER)
                                              for c in codes]
                          for size in ("page", "slide") for lines in ("one_line", "two_lines")}).dropna(subset=["x"])
    fields = ["unit_code", "unit", "short", "status_text", "value", "why", "line2", "ink"]
    features = [_clockwise(f) for f in geometry["features"]]
    shapes = {"data": {"values": features}, "name": VIEW_NAME,
              "mark": {"type": "geoshape", "stroke": "#555555", "cursor": "pointer"},
              "transform": [{"lookup": f"properties.{CODE_PROPERTY}",
                             "from": {"data": charts.named("communes"), "key": "unit_code", "fields": fields}}],
              "encoding": {"color": charts.status_color(lang=lang, legend=_legend(lang)), "strokeWidth": _outlined(),
                           "tooltip": _tooltip()}}
    # as tall as the shape at the column's width with the legend below, at most most of the window
    # (on a slide: what the slide leaves); the projection fits the map in what the legend leaves
    legend = f"({SLIDE} ? {SHAPES_LEGEND['slide']} : {SHAPES_LEGEND['page']})"
    room = "isFinite(windowSize()[1]) && windowSize()[1] > 0"
    tallest = f"({SLIDE} ? {SLIDE_ROOM} : max(320, windowSize()[1] * 0.85))"
    height = {"name": "height",
              "expr": f"round(min(width * {layout.aspect:.6f} + {legend}, {room} ? {tallest} : 100000))"}
    drawn = map_labels.drawn_width(layout.aspect)
    page, slide = SIZES["page"], SIZES["slide"]
    # the name centred on the point, on one line from the width where it fits so, else on two (the
    # symbol heading the first), else none (it is in the tooltip); the symbol above a one-line name
    one, two = (f"({SLIDE} ? datum.slide_{n} : datum.page_{n})" for n in ("one_line", "two_lines"))
    made = [{"calculate": f"{drawn} >= {one} ? datum.short : {drawn} >= {two} ? datum.symbol + ' ' + datum.broken : ''",
             "as": "label"},
            {"calculate": f"{drawn} < {one} && {drawn} >= {two} ? '' : datum.symbol", "as": "mark"}]

    def placed(text: str, **mark) -> dict:
        return {"data": charts.named("communes"), "transform": made, "mark": {"type": "text", **mark},
                "encoding": {"longitude": charts.field("x", "quantitative"), "latitude": charts.field("y", "quantitative"),
                             "color": charts.ink(), "tooltip": _tooltip(), "text": charts.field(text)}}

    rise = _sized(-map_labels.symbol_rise(page[0]), -map_labels.symbol_rise(slide[0]))
    symbols = placed("mark", fontWeight="bold", baseline="bottom", dy=rise, fontSize=_sized(page[1], slide[1]))
    names = placed("label", fontWeight="bold", baseline="middle", lineBreak="\n", fontSize=_sized(page[0], slide[0]),
                   lineHeight=_sized(page[0] * map_labels.LINE_HEIGHT, slide[0] * map_labels.LINE_HEIGHT))
    return charts.top({"layer": [shapes, symbols, names], "projection": {"type": "mercator"}, "width": "container",
                       "height": 400, "usermeta": {KIND: "shapes"}, "params": [_selection(), _slide_param(), height]},
                      {"communes": data}, view={"stroke": None})


def shape_layout(frame: pd.DataFrame, geometry: dict) -> map_labels.Layout:
    """Where the symbols and names of `frame`'s communes go on the shapes of `geometry`."""
    return map_labels.layout(geometry["features"], dict(zip(frame["unit_code"], frame["short"])), CODE_PROPERTY,
                             (SIZES["page"], SIZES["slide"]))


def _shown(frame: pd.DataFrame, geometry: dict | None) -> dict | None:
    """The boundaries of the communes of `frame` (a province's hold every district's), or None."""
    if not geometry:
        return None
    codes = set(frame["unit_code"])
    features = [f for f in geometry["features"] if f["properties"][CODE_PROPERTY] in codes]
    return {**geometry, "features": features} if features else None


def commune_map(frame: pd.DataFrame, geometry: dict | None = None, lang: str = "vi"):
    """The communes' map: tiles, or the real shapes when `geometry` is given."""
    shown = _shown(frame, geometry)
    return shape_map(frame, shown, lang=lang) if shown else tile_map(frame, lang=lang)


def commune_maps(frames: dict[str, pd.DataFrame], geometry: dict | None = None, lang: str = "vi") -> dict:
    """`commune_map` of each frame (indicator code -> lib.present.views.map_frame): frames of the
    same communes share one label layout, which is the costly part."""
    maps, layouts = {}, {}
    for code, frame in frames.items():
        shown = _shown(frame, geometry)
        if not shown:
            maps[code] = tile_map(frame, lang=lang)
            continue
        key = tuple(sorted(zip(frame["unit_code"], frame["short"])))
        if key not in layouts:
            layouts[key] = shape_layout(frame, shown)
        maps[code] = shape_map(frame, shown, lang=lang, layout=layouts[key])
    return maps


def for_slides(spec: dict) -> dict:
    """A map's spec drawn for a slide: bigger type, as tall as the slide leaves."""
    params = [{**p, "value": True} if p.get("name") == SLIDE else p for p in spec.get("params", [])]
    return {**spec, "params": params}


def selected_code(event) -> str | None:
    """The commune code a click chose, from what st.altair_chart(on_select="rerun") returned."""
    try:
        chosen = event["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if chosen and isinstance(chosen, list) and isinstance(chosen[0], dict):
        return chosen[0].get("unit_code")
    return None
