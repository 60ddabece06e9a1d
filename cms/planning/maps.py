"""The environmental map, worked out on the server: coordinates projected into an SVG box.

No tile server and no request leaves the portal: the map is a frame with a graticule, a scale bar
and one marker per record. Each kind has its own shape, so the legend never relies on colour alone.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

WIDTH = 800
MARGIN = 40
MARKER_SIZE = 13
MIN_SPAN = 0.2  # degrees: a single record still gets a few kilometres around it
PADDING = 0.1  # of the span, on every side
KM_PER_DEGREE = 111.32

# Each kind's marker shape; the legend and the map draw the same one.
SHAPES = {
    "waste_plan": "square",
    "pollution_source": "circle",
    "hazardous_waste": "triangle",
    "polluted_area": "diamond",
}


@dataclass(frozen=True)
class Bounds:
    south: float
    north: float
    west: float
    east: float

    @property
    def x_scale(self):
        # Equirectangular projection: a degree of longitude shrinks with the cosine of the latitude.
        return math.cos(math.radians((self.south + self.north) / 2))


@dataclass(frozen=True)
class Marker:
    record: object
    x: float
    y: float
    shape: str
    points: str
    url: str
    label: str


@dataclass(frozen=True)
class GridLine:
    x1: float
    y1: float
    x2: float
    y2: float
    text: str
    text_x: float
    text_y: float


@dataclass
class EnvironmentMap:
    width: int
    height: int
    markers: list[Marker] = field(default_factory=list)
    grid: list[GridLine] = field(default_factory=list)
    scale_km: int = 0
    scale_length: float = 0.0

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def scale_y(self):
        return self.height - MARGIN / 2

    @property
    def scale_end(self):
        return MARGIN + self.scale_length


def bounds_for(points):
    """The box around (lat, lon) points, padded, never narrower than MIN_SPAN degrees."""
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    lat_pad = max(north - south, MIN_SPAN) * PADDING + max(0, MIN_SPAN - (north - south)) / 2
    lon_pad = max(east - west, MIN_SPAN) * PADDING + max(0, MIN_SPAN - (east - west)) / 2
    return fit_aspect(Bounds(south - lat_pad, north + lat_pad, west - lon_pad, east + lon_pad))


def fit_aspect(bounds, lowest=0.5, highest=0.9):
    """Widen the box in one direction so the map is neither a ribbon nor a tower."""
    lat_span, lon_span = bounds.north - bounds.south, bounds.east - bounds.west
    ratio = lat_span / (lon_span * bounds.x_scale)
    if ratio > highest:
        grow = (lat_span / (highest * bounds.x_scale) - lon_span) / 2
        return Bounds(bounds.south, bounds.north, bounds.west - grow, bounds.east + grow)
    if ratio < lowest:
        grow = (lowest * lon_span * bounds.x_scale - lat_span) / 2
        return Bounds(bounds.south - grow, bounds.north + grow, bounds.west, bounds.east)
    return bounds


def drawing_height(bounds):
    inner = WIDTH - 2 * MARGIN
    ratio = (bounds.north - bounds.south) / ((bounds.east - bounds.west) * bounds.x_scale)
    return round(inner * ratio + 2 * MARGIN)


def project(lat, lon, bounds, height):
    """SVG (x, y) of a point: west to east left to right, north at the top."""
    inner_width, inner_height = WIDTH - 2 * MARGIN, height - 2 * MARGIN
    x = MARGIN + (lon - bounds.west) / (bounds.east - bounds.west) * inner_width
    y = MARGIN + (bounds.north - lat) / (bounds.north - bounds.south) * inner_height
    return round(x, 1), round(y, 1)


def shape_points(shape, x, y, size=MARKER_SIZE):
    """The polygon points of a marker centred on (x, y); circles have none."""
    corners = {
        "square": [(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)],
        "triangle": [(0, -1.1), (1, 0.8), (-1, 0.8)],
        "diamond": [(0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)],
    }.get(shape)
    if corners is None:
        return ""
    return " ".join(f"{x + dx * size:.1f},{y + dy * size:.1f}" for dx, dy in corners)


def graticule(bounds, height, step=0.1):
    lines = []
    first = math.ceil(bounds.south / step)
    for index in range(first, math.floor(bounds.north / step) + 1):
        lat = round(index * step, 6)
        _x, y = project(lat, bounds.west, bounds, height)
        text = _("%(degrees)s° N") % {"degrees": number_format(lat, 1)}
        lines.append(GridLine(MARGIN, y, WIDTH - MARGIN, y, text, MARGIN + 4, y - 4))
    first = math.ceil(bounds.west / step)
    for index in range(first, math.floor(bounds.east / step) + 1):
        lon = round(index * step, 6)
        x, _y = project(bounds.south, lon, bounds, height)
        text = _("%(degrees)s° E") % {"degrees": number_format(lon, 1)}
        lines.append(GridLine(x, MARGIN, x, height - MARGIN, text, x + 4, MARGIN - 6))
    return lines


def scale_bar(bounds):
    """A round number of kilometres about a fifth of the map's width, and its length in SVG units."""
    km_across = (bounds.east - bounds.west) * bounds.x_scale * KM_PER_DEGREE
    km = next((n for n in (50, 20, 10, 5, 2, 1) if n <= km_across / 4), 1)
    return km, round(km / km_across * (WIDTH - 2 * MARGIN), 1)


def environment_map(records, url_for):
    """The map of the records: one marker per record with coordinates, linked to url_for(record)."""
    placed = [r for r in records if r.latitude is not None and r.longitude is not None]
    if not placed:
        return None
    bounds = bounds_for([(float(r.latitude), float(r.longitude)) for r in placed])
    height = drawing_height(bounds)
    km, length = scale_bar(bounds)
    result = EnvironmentMap(WIDTH, height, grid=graticule(bounds, height), scale_km=km)
    result.scale_length = length
    for record in placed:
        x, y = project(float(record.latitude), float(record.longitude), bounds, height)
        shape = SHAPES.get(record.kind, "circle")
        label = f"{record.name} ({record.get_kind_display()}, {record.location})"
        result.markers.append(
            Marker(record, x, y, shape, shape_points(shape, x, y), url_for(record), label)
        )
    return result


def legend_symbol(kind):
    """The shape of a kind at the centre of a 24 × 24 box, for the legend."""
    shape = SHAPES.get(kind, "circle")
    return {"shape": shape, "points": shape_points(shape, 12, 12, size=8), "kind": kind}
