"""Reading a boundary file: the Polygon/MultiPolygon features of a GeoJSON FeatureCollection or a
TopoJSON Topology (arcs decoded, quantized or not), checked before anything is matched or stored.

A file is refused (BoundaryError, a Vietnamese message naming it) when it nests too deeply, is not
JSON (NaN and Infinity included), not GeoJSON/TopoJSON, has no Polygon/MultiPolygon, has a point
that is not a pair of finite numbers, has its coordinates as [lat, lon], or lies far outside Vietnam.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import numpy as np

from lib.core.errors import Refused

LON_RANGE = (100.0, 118.0)  # roughly Vietnam with its islands
LAT_RANGE = (6.0, 25.0)
MAX_DEPTH = 32  # JSON nesting: a MultiPolygon's coordinates are 5 levels below its feature
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STRING_OR_CONSTANT = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|(NaN|-?Infinity)')


class BoundaryError(Refused):
    """A refused boundary file: nothing was changed."""
    topic = "boundaries"


@dataclass
class Feature:
    index: int
    properties: dict
    geometry: dict  # GeoJSON Polygon or MultiPolygon


def _decode_topojson(doc: dict, file: str) -> list[Feature]:
    try:
        transform = doc.get("transform")
        arcs = []
        for arc in doc["arcs"]:
            points, x, y = [], 0, 0
            for position in arc:
                if transform:
                    x, y = x + position[0], y + position[1]
                    sx, sy = transform["scale"]
                    tx, ty = transform["translate"]
                    points.append([x * sx + tx, y * sy + ty])
                else:
                    points.append([float(position[0]), float(position[1])])
            arcs.append(points)

        def ring(indexes):
            points = []
            for i in indexes:
                arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
                points.extend(arc if not points else arc[1:])
            return points

        features: list[Feature] = []

        def walk(geometry, inherited=None):
            kind = geometry.get("type")
            properties = dict(geometry.get("properties") or inherited or {})
            if "id" in geometry and "id" not in properties:
                properties["id"] = geometry["id"]
            if kind == "GeometryCollection":
                for child in geometry.get("geometries", []):
                    walk(child)
            elif kind == "Polygon":
                features.append(Feature(len(features), properties,
                                        {"type": "Polygon", "coordinates": [ring(r) for r in geometry["arcs"]]}))
            elif kind == "MultiPolygon":
                features.append(Feature(len(features), properties, {
                    "type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometry["arcs"]]}))

        for obj in doc["objects"].values():
            walk(obj)
        return features
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
        raise BoundaryError("bad_topology", file=file, error=f"{type(error).__name__}: {error}")


class _NotFinite(ValueError):
    """NaN, Infinity or -Infinity where JSON has numbers only (Python's json accepts them)."""


def _refuse_constant(token: str):
    raise _NotFinite(token)


def _not_finite(text: str, token: str, file: str) -> BoundaryError:
    """The refusal of a NaN/Infinity at its line and column (the first such word outside a string)."""
    for match in _STRING_OR_CONSTANT.finditer(text):
        if match.group(1):
            line_start = text.rfind("\n", 0, match.start()) + 1
            return BoundaryError("not_finite", file=file, value=match.group(1),
                                 line=text.count("\n", 0, match.start()) + 1, column=match.start() - line_start + 1)
    return BoundaryError("not_finite", file=file, value=token, line="?", column="?")


def json_depth(raw: bytes) -> int:
    """How deeply the brackets of a JSON text nest (strings left out), without parsing it."""
    brackets = np.frombuffer(_JSON_STRING.sub(b"", raw).translate(None, _NOT_BRACKETS), dtype=np.uint8)
    if not brackets.size:
        return 0
    return int(np.cumsum(np.where((brackets == ord("[")) | (brackets == ord("{")), 1, -1)).max())


def read_features(raw: bytes | str, file: str) -> list[Feature]:
    """The Polygon/MultiPolygon features of a GeoJSON FeatureCollection or a TopoJSON Topology."""
    raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    if json_depth(raw) > MAX_DEPTH:
        raise BoundaryError("too_deep", file=file, limit=MAX_DEPTH)
    try:
        text = raw.decode("utf-8-sig")
        doc = json.loads(text, parse_constant=_refuse_constant)
    except _NotFinite as error:
        raise _not_finite(text, error.args[0], file)
    except (UnicodeDecodeError, ValueError) as error:
        raise BoundaryError("not_json", file=file, error=str(error)[:120])
    if not isinstance(doc, dict):
        raise BoundaryError("not_geo", file=file)
    if doc.get("type") == "Topology":
        features = _decode_topojson(doc, file)
    elif doc.get("type") == "FeatureCollection" and isinstance(doc.get("features"), list):
        features = []
        for item in doc["features"]:
            geometry = item.get("geometry") if isinstance(item, dict) else None
            if isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon"):
                properties = dict(item.get("properties") or {})
                if "id" in item and "id" not in properties:
                    properties["id"] = item["id"]
                features.append(Feature(len(features), properties, geometry))
    else:
        raise BoundaryError("not_geo", file=file)
    if not features:
        raise BoundaryError("no_polygons", file=file)
    _check_coordinates(features, file)
    return features


def _points(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for ring in polygon:
            for point in ring:
                yield point


def _check_coordinates(features: list[Feature], file: str) -> None:
    lons, lats, first = [], [], None
    for feature in features:
        try:
            for point in _points(feature.geometry):
                x, y = float(point[0]), float(point[1])
                if not (math.isfinite(x) and math.isfinite(y)):
                    raise ValueError(f"[{x}, {y}]")
                first = first or (x, y)
                lons.append(x)
                lats.append(y)
        except (TypeError, ValueError, IndexError, KeyError) as error:
            raise BoundaryError("bad_geometry", file=file, feature=feature.index + 1, error=str(error)[:80])
    if not lons:
        raise BoundaryError("no_polygons", file=file)
    x, y = first
    if 6 <= x <= 25 and 100 <= y <= 118:
        raise BoundaryError("swapped", file=file, point=f"[{x:g}, {y:g}]")
    if min(lons) < LON_RANGE[0] or max(lons) > LON_RANGE[1] or min(lats) < LAT_RANGE[0] or max(lats) > LAT_RANGE[1]:
        raise BoundaryError("outside", file=file, lon=f"{min(lons):g}..{max(lons):g}",
                            lat=f"{min(lats):g}..{max(lats):g}")
