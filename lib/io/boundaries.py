"""Commune boundaries: match the features of a boundary file (read by lib.io.geojson) to the
default district's communes, and store the matched polygons (table `boundaries`).

Matching (`match_features`): by code when a property holds the official 5-digit GSO commune
codes (found on its own, or named with `code_field`), else by name (the property whose values
best match the communes' names, or `name_field`). Names are compared exactly first, then without
their type prefix ("Xã", "Thị trấn", "Phường", "TT.", "P."...), then on a key without diacritics
(đ→d), in any case and spacing. A name that fits two communes at the same step is not guessed.

A file is refused (lib.io.geojson.BoundaryError), with a Vietnamese message naming it and without
any change, when it is too large, when lib.io.geojson refuses it (not JSON, not GeoJSON/TopoJSON,
no Polygon/MultiPolygon, [lat, lon] coordinates, far outside Vietnam...), or when none of its
features matches a commune.

Stored geometries are GeoJSON text: when a commune is large, the district's shapes are
simplified together so that neighbours keep their shared borders (`simplify_together`), then
rounded to ~1 m, outer rings clockwise (what Vega's spherical projections expect; the map
itself uses an identity projection, where the order does not matter). Features that matched
no commune are kept too (unit_id NULL) so that `pair` can give them to a commune later.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

from lib.core import settings
from lib.io.geojson import BoundaryError, Feature, read_features
from lib.present import i18n
from lib.store import boundaries as stored

MAX_POINTS = 400  # a commune with more points than this is simplified
SIMPLIFY_TOLERANCE = 0.0003  # degrees (about 30 m)
DECIMALS = 5  # about 1 m
GRID = 10.0 ** -DECIMALS  # the grid neighbours' borders are noded on before they are simplified

# type prefixes of commune names; "TT"/"P" only as a word of their own or before a dot
PREFIXES = ("thị trấn", "phường", "xã", "tt.", "tt", "p.")
PLAIN_PREFIXES = ("thi tran", "phuong", "xa")  # the same without diacritics (tried as a second reading)


# --- names -----------------------------------------------------------------------------------------

def _nfc(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


def _strip(text: str, prefixes) -> str:
    for prefix in prefixes:
        if text.startswith(prefix):
            rest = text[len(prefix):]
            # a prefix is a word of its own ("Xã Xuân", not "Xuân"), or ends with a dot ("P.1")
            if prefix.endswith(".") or rest[:1] in (" ", "."):
                rest = rest.lstrip(" .")
                if rest:
                    return rest
    return text


def strip_prefix(name: str) -> str:
    """The name without its type prefix, lower case: 'Thị trấn Sóc Sơn' -> 'sóc sơn', 'TT. X' -> 'x'."""
    return _strip(_nfc(name).casefold(), PREFIXES)


def _plain(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "d")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip()


def plain_key(name: str) -> str:
    """The diacritic-free key of an official name: no prefix, no tone marks, đ -> d, lower case."""
    return _plain(strip_prefix(name))


def _plain_keys(name: str) -> set[str]:
    """A file's name read without diacritics; an ASCII prefix ('Xa ', 'Thi tran ') may or may not be one."""
    key = plain_key(name)
    return {key, _strip(key, PLAIN_PREFIXES)}


# (key of a file's name -> candidate keys, key of an official name), tried in this order
LEVELS = (
    (lambda n: {_nfc(n).casefold()}, lambda n: _nfc(n).casefold()),
    (lambda n: {strip_prefix(n)}, strip_prefix),
    (_plain_keys, plain_key),
)


def match_name(name, communes: list[tuple[str, str]]) -> tuple[str | None, bool]:
    """The code of the one commune (code, name) this name fits, and whether it was ambiguous."""
    if name is None or not str(name).strip():
        return None, False
    for file_keys, official_key in LEVELS:
        wanted = file_keys(str(name))
        hits = {code for code, official in communes if official_key(official) in wanted}
        if len(hits) == 1:
            return hits.pop(), False
        if len(hits) > 1:
            return None, True  # two communes: never guess
    return None, False


def _as_code(value) -> str | None:
    """A property value as a 5-digit GSO commune code, or None ('376', 376 and '00376' are the same)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if re.fullmatch(r"\d{1,5}", text):
        return f"{int(text):05d}"
    return None


# --- matching -----------------------------------------------------------------------------------------

@dataclass
class Match:
    """What matched: feature label -> commune code, the features left over, the communes left over."""

    district: dict
    matched: list[tuple[Feature, str, str]] = field(default_factory=list)  # (feature, label, unit code)
    unmatched: list[tuple[Feature, str]] = field(default_factory=list)  # (feature, label)
    without: list[tuple[str, str]] = field(default_factory=list)  # (code, name) of communes with no polygon
    name_field: str | None = None
    code_field: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # commune code -> name

    def report(self) -> dict:
        """The `--json` shape of CONTRACT.md."""
        return {"matched": [{"feature": label, "ma_don_vi": code} for _f, label, code in self.matched],
                "unmatched_features": [label for _f, label in self.unmatched],
                "communes_without_boundary": [code for code, _name in self.without]}


def _fields(features: list[Feature]) -> list[str]:
    seen: dict[str, None] = {}
    for feature in features:
        for key in feature.properties:
            seen.setdefault(key, None)
    return list(seen)


def find_code_field(features: list[Feature], codes: set[str]) -> str | None:
    """The property holding official commune codes for at least half of the features, if any."""
    best, best_count = None, 0
    for name in _fields(features):
        hits = {c for f in features if (c := _as_code(f.properties.get(name))) in codes}
        if len(hits) > best_count:
            best, best_count = name, len(hits)
    return best if best_count and best_count * 2 >= min(len(features), len(codes)) else None


def find_name_field(features: list[Feature], communes: list[tuple[str, str]]) -> str | None:
    """The text property whose values match the most distinct communes (ties: more exact matches)."""
    best, best_score = None, (0, 0)
    for name in _fields(features):
        values = [f.properties.get(name) for f in features]
        if not any(isinstance(v, str) for v in values):
            continue
        hits, exact = set(), 0
        for value in values:
            if isinstance(value, str):
                code, _ambiguous = match_name(value, communes)
                if code:
                    hits.add(code)
                    exact += any(_nfc(value) == _nfc(official) for _c, official in communes)
        score = (len(hits), exact)
        if score > best_score:
            best, best_score = name, score
    return best


def match_features(features: list[Feature], district: dict, communes: list[tuple[str, str]],
                   name_field: str | None = None, code_field: str | None = None,
                   pairs: dict[str, str] | None = None, file: str = "") -> Match:
    """Match the file's features to the communes (code, name); `pairs` {feature label: code} wins."""
    fields = set(_fields(features))
    for given in (name_field, code_field):
        if given and given not in fields:
            raise BoundaryError("no_field", file=file, field=given)
    codes = {code for code, _name in communes}
    code_field = code_field or find_code_field(features, codes)
    name_field = name_field or find_name_field(features, communes)
    result = Match(district, name_field=name_field, code_field=code_field, names=dict(communes))
    pairs = {str(k): v for k, v in (pairs or {}).items()}
    taken: set[str] = set()
    for feature in features:
        name = feature.properties.get(name_field) if name_field else None
        code_value = feature.properties.get(code_field) if code_field else None
        label = _nfc(name) if isinstance(name, str) and name.strip() else (
            str(code_value) if code_value is not None else f"#{feature.index + 1}")
        code = None
        if label in pairs and pairs[label] in codes:
            code = pairs[label]
        if code is None and code_field:
            candidate = _as_code(code_value)
            code = candidate if candidate in codes else None
        if code is None and name_field and isinstance(name, str):
            # after codes, names only for the communes that no code claimed
            pool = [c for c in communes if not code_field or c[0] not in taken]
            code, _ambiguous = match_name(name, pool)
        if code:
            taken.add(code)
            result.matched.append((feature, label, code))
        else:
            result.unmatched.append((feature, label))
    matched_codes = {code for _f, _l, code in result.matched}
    result.without = [(code, name) for code, name in communes if code not in matched_codes]
    return result


# --- geometry -----------------------------------------------------------------------------------------

def _round(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), DECIMALS), round(float(coords[1]), DECIMALS)]
    return [_round(c) for c in coords]


def clean_geometries(groups: list[list[dict]]) -> list[dict]:
    """One GeoJSON geometry for each group of features (a commune's, or one feature no commune
    has): valid, simplified together when one is large, rounded, outer rings clockwise and holes
    counter-clockwise."""
    shapes = []
    for geometries in groups:
        parts = [shape(g) for g in geometries]
        parts = [p if p.is_valid else p.buffer(0) for p in parts]
        shapes.append(parts[0] if len(parts) == 1 else unary_union(parts))
    if any(sum(len(p.exterior.coords) for p in _polygons(s)) > MAX_POINTS for s in shapes):
        shapes = simplify_together(shapes)
    cleaned = []
    for geom in shapes:
        polygons = [orient(p, sign=-1.0) for p in _polygons(geom) if not p.is_empty]
        result = mapping(polygons[0] if len(polygons) == 1 else MultiPolygon(polygons))
        cleaned.append({"type": result["type"], "coordinates": _round(result["coordinates"])})
    return cleaned


def shared_borders(shapes: list) -> list:
    """The shapes as a coverage whose neighbours share their borders vertex for vertex: their
    outlines are noded together on a grid of ~1 m and each face between the lines goes to the first
    shape that holds it (an area two features both claim, as files thinned one polygon at a time
    have, goes to the first; a gap stays a gap)."""
    shapes = [shapely.set_precision(s, GRID) for s in shapes]
    lines = shapely.union_all([s.boundary for s in shapes])
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    owned: list[list] = [[] for _ in shapes]
    for face in faces:
        inside = face.point_on_surface()
        owner = next((i for i, s in enumerate(shapes) if s.contains(inside)), None)
        if owner is not None:
            owned[owner].append(face)
    return [shapely.coverage_union_all(faces) if faces else s for s, faces in zip(shapes, owned)]


def simplify_together(shapes: list) -> list:
    """The shapes simplified together (shapely.coverage_simplify), so that a border two neighbours
    share is simplified once and stays shared: simplifying each shape alone moves the two copies of
    a border apart and leaves slivers and gaps between neighbours."""
    return list(shapely.coverage_simplify(shared_borders(shapes), SIMPLIFY_TOLERANCE))


def _polygons(geom) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom]
    return [p for p in getattr(geom, "geoms", []) if isinstance(p, (Polygon, MultiPolygon))
            for p in _polygons(p)]


# --- storing (lib.store.boundaries) ---------------------------------------------------------------------

def _district_communes(engine) -> tuple[dict, list[tuple[str, str]], dict[str, int]]:
    found = stored.district_communes(engine)
    if found is None:
        raise BoundaryError("no_district")
    return found


@dataclass
class ImportResult:
    match: Match
    file: str

    def report(self) -> dict:
        return self.match.report()

    def text(self, lang: str = "vi") -> str:
        m = self.match
        how = (i18n.t("boundaries.by_code", lang, field=m.code_field) if m.code_field
               else i18n.t("boundaries.by_name", lang, field=m.name_field))
        lines = [i18n.t("boundaries.stored", lang, count=len(m.matched), district=m.district["name"], file=self.file,
                        how=how)]
        for _f, label, code in m.matched:
            lines.append(f"  ✔ {label} → {code} {m.names.get(code, '')}".rstrip())
        if m.unmatched:
            lines.append(i18n.t("boundaries.unmatched", lang, count=len(m.unmatched)))
            lines += [f"  ✖ {label}" for _f, label in m.unmatched]
        if m.without:
            lines.append(i18n.t("boundaries.without", lang, count=len(m.without)))
            lines += [f"  ? {code} {name}" for code, name in m.without]
        return "\n".join(lines)


def import_boundaries(engine, path: Path | str, filename: str | None = None, user: str = "cli",
                      name_field: str | None = None, code_field: str | None = None,
                      pairs: dict[str, str] | None = None, raw: bytes | None = None) -> ImportResult:
    """Read and match a boundary file, then replace the district's boundaries with it in one transaction.
    Raises BoundaryError (and changes nothing) for a refused file."""
    path = Path(path)
    file = filename or path.name
    limit = settings.limits().max_file_bytes
    if (len(raw) if raw is not None else path.stat().st_size) > limit:
        raise BoundaryError("too_big", file=file, limit=limit // settings.MB)
    if raw is None:
        raw = path.read_bytes()
    features = read_features(raw, file)
    district, communes, ids = _district_communes(engine)
    match = match_features(features, district, communes, name_field=name_field, code_field=code_field,
                           pairs=pairs, file=file)
    if not match.matched:
        how = f"'{match.code_field or match.name_field}'" if (match.code_field or match.name_field) else "—"
        raise BoundaryError("nothing_matched", file=file, district=district["name"], how=how)
    by_unit: dict[str, list[tuple[Feature, str]]] = {}
    for feature, label, code in match.matched:
        by_unit.setdefault(code, []).append((feature, label))
    shapes = [(ids[code], items[0][0], " + ".join(label for _f, label in items), [f.geometry for f, _l in items])
              for code, items in by_unit.items()]
    shapes += [(None, feature, label, [feature.geometry]) for feature, label in match.unmatched]
    geometries = clean_geometries([group for _u, _f, _l, group in shapes])  # the district's together
    rows = [_row(district, unit_id, geometry, label, feature, match, file, user)
            for (unit_id, feature, label, _g), geometry in zip(shapes, geometries)]
    stored.replace(engine, district, rows, user, file, {
        "file": file, "matched": len(match.matched), "unmatched_features": len(match.unmatched),
        "communes_without_boundary": [c for c, _n in match.without]})
    return ImportResult(match, file)


def _row(district, unit_id, geometry, label, feature, match, file, user) -> dict:
    code_value = feature.properties.get(match.code_field) if match.code_field else None
    return {"unit_id": unit_id, "district_id": district["id"],
            "geometry": json.dumps(geometry, separators=(",", ":")),
            "source": file[:200], "feature_name": label[:200],
            "feature_code": None if code_value is None else str(code_value)[:64], "updated_by": user}


def pair(engine, feature_name: str, unit_code: str, user: str = "cli") -> None:
    """Give a stored feature that matched no commune to a commune (replacing that commune's boundary)."""
    district, communes, ids = _district_communes(engine)
    if unit_code not in ids:
        raise BoundaryError("pair_not_commune", feature=feature_name, unit=unit_code)
    if not stored.pair(engine, district, feature_name, ids[unit_code], unit_code, user):
        raise BoundaryError("pair_not_stored", feature=feature_name, unit=unit_code)
