"""Where each commune's status symbol and name go on the real-boundary map, so that both can be read.

The map (lib.present.maps) is drawn with Vega's Mercator projection, fitted to the width of its
column. Each commune's name (its first line) is centred on the pole of inaccessibility of its polygon (shapely's
polylabel: the inside point farthest from the border), its status symbol just above. A name is written only
where it lies wholly inside its own polygon (so it is never cut at the map's edge and always stands
on its own status colour, whose text colour passes WCAG AA) and clear of every status symbol;
else on two lines (the symbol at the head of the first); else it is left to the tooltip. Type keeps its size while the map grows with its
column, so whether a name fits depends on how wide the map is drawn: for each name, one line and
two, the layout finds the narrowest drawn width from which it fits, and the chart compares.

Text widths are estimated from the characters (the app's font, Source Sans, bold; measured in
Chromium, the estimate is 2-5% wide).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.ops import polylabel

LINE_HEIGHT = 1.15  # of the type size, between the lines of a name
INK_HEIGHT = 1.36  # of the type size: a line's drawn height with Vietnamese marks (measured)
GAP = 3  # px between the symbol and the name
SAFETY = 1.03  # estimated text widths are widened by this much
NARROW, WIDE, CAPITAL = set("iljtfrI.,'’ ()"), set("mwMW◐✔✖"), 0.64
NEVER = 100000  # px: a name that fits at no width
WIDEST = 2400  # px: the widest map looked at


def text_width(text: str, px: float) -> float:
    """About how wide `text` is drawn in bold at `px` pixels."""
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.24
        elif ch in NARROW:
            em += 0.32
        elif ch in WIDE:
            em += 0.84
        elif ch.isupper():
            em += CAPITAL
        else:
            em += 0.54
    return em * px * SAFETY


def two_lines(name: str) -> list[str] | None:
    """`name` on two lines, broken at the space that makes the longer line shortest (None: one word)."""
    words = name.split()
    if len(words) < 2:
        return None
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(len(pair[0]), len(pair[1]))))


def mercator(coords: np.ndarray) -> np.ndarray:
    """lon/lat degrees -> spherical Mercator (radians), as Vega's projection draws them."""
    lon, lat = np.radians(coords[:, 0]), np.radians(coords[:, 1])
    return np.column_stack([lon, np.log(np.tan(math.pi / 4 + lat / 2))])


def inverse(x: float, y: float) -> tuple[float, float]:
    return math.degrees(x), math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass
class Labels:
    """From which drawn width (px) each commune's name fits on one line and on two (code -> px,
    NEVER when it does not), and its two lines (code -> "line\\nline", "" for one word)."""
    one_line: dict[str, float]
    two_lines: dict[str, float]
    broken: dict[str, str]


@dataclass
class Layout:
    """Each commune's anchor (code -> (lon, lat)), its Labels on the page and on slides, and the
    map's aspect (its projected height over its width)."""
    points: dict[str, tuple[float, float]]
    page: Labels
    slide: Labels
    aspect: float


def _anchor(polygon) -> tuple[float, float]:
    """The pole of inaccessibility of the largest part of a (multi)polygon."""
    part = max(getattr(polygon, "geoms", [polygon]), key=lambda p: p.area)
    minx, miny, maxx, maxy = part.bounds
    point = polylabel(part, tolerance=max(maxx - minx, maxy - miny) / 200)
    return point.x, point.y


def _narrowest(fits, low: float = 100) -> float:
    """The narrowest drawn width from which `fits(width)` holds (taken to hold from there on)."""
    if not fits(WIDEST):
        return NEVER
    high = WIDEST
    while high - low > 4:
        middle = (low + high) / 2
        low, high = (low, middle) if fits(middle) else (middle, high)
    return math.ceil(high)


def symbol_rise(name_px: int) -> float:
    """How far (px) the bottom of a symbol stands above its anchor: over a one-line name centred there."""
    return name_px * INK_HEIGHT / 2 + GAP


def _labels(shapes, anchors, names, span: float, name_px: int, symbol_px: int) -> Labels:
    """Labels at this type size; `span`: the map's projected width (a drawn width w puts w / span px
    in a projected unit). A name's first line is centred on the anchor, the symbol above it; a name
    on two lines carries the symbol at the head of its first line."""
    def symbol(code, scale) -> tuple[float, float, float, float]:
        x, y = anchors[code]
        half, low = symbol_px * 0.45 / scale, y + symbol_rise(name_px) / scale
        return x - half, low, x + half, low + symbol_px * INK_HEIGHT / scale

    def overlap(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    # from which width each symbol stays inside its own polygon: below it, it may cover a neighbour's name
    inside = {code: _narrowest(lambda w, c=code: shapes[c].contains(shapely.box(*symbol(c, w / span))))
              for code in shapes}

    def fits(code, lines, width):
        scale = width / span
        x, y = anchors[code]
        half = max(text_width(t, name_px) for t in lines) / 2 / scale
        # Vega centres a name's first line on the point, the second line below it
        ink = name_px * INK_HEIGHT / 2
        label = (x - half, y - (ink + (len(lines) - 1) * name_px * LINE_HEIGHT) / scale, x + half, y + ink / scale)
        return not any(other != code and spill > width and overlap(symbol(other, scale), label)
                       for other, spill in inside.items()) and shapes[code].contains(shapely.box(*label))

    one, two, broken = {}, {}, {}
    for code in shapes:
        name = names.get(code) or ""
        split = two_lines(name)
        one[code] = _narrowest(lambda w: fits(code, [name], w)) if name else NEVER
        # the widest symbol (◐) heads the first line
        two[code] = _narrowest(lambda w: fits(code, ["◐ " + split[0], split[1]], w)) if split else NEVER
        broken[code] = "\n".join(split) if split else ""
    return Labels(one, two, broken)


def layout(features: list[dict], names: dict[str, str], code_property: str,
           sizes: tuple[tuple[int, int], tuple[int, int]]) -> Layout:
    """The label layout of `features` (GeoJSON, code in properties[code_property]); `names`: code
    -> the name to write; `sizes`: (name px, symbol px) on the page and on slides."""
    shapes, anchors = {}, {}
    for feature in features:
        code = feature["properties"][code_property]
        projected = shapely.transform(shape(feature["geometry"]), mercator)
        shapely.prepare(projected)
        shapes[code] = projected
        anchors[code] = _anchor(projected)
    minx, miny, maxx, maxy = shapely.total_bounds(list(shapes.values()))
    span, height = max(maxx - minx, 1e-12), max(maxy - miny, 1e-12)
    page, slide = (_labels(shapes, anchors, names, span, *size) for size in sizes)
    points = {code: inverse(x, y) for code, (x, y) in anchors.items()}
    return Layout(points, page, slide, height / span)


def drawn_width(aspect: float) -> str:
    """A Vega expression for the width the map is drawn at: the projection fits it in the view,
    width x height (the chart's autosize leaves in `height` what the legend leaves), keeping its shape."""
    return f"min(width, height / {aspect:.6f})"
