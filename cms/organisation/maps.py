"""The administrative boundary map, drawn as SVG on the server from the stored coordinates.

No tile server and no script: each commune's [longitude, latitude] ring becomes one SVG path in an
equirectangular projection, longitudes shrunk by the cosine of the mean latitude so shapes keep
their proportions at the province's latitude.
"""

import math
from dataclasses import dataclass

WIDTH = 600
PADDING = 8


@dataclass(frozen=True)
class Shape:
    area: object
    d: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class BoundaryMap:
    width: float
    height: float
    shapes: list[Shape]

    @property
    def view_box(self):
        return f"0 0 {self.width:g} {self.height:g}"


def centroid(points):
    """The centroid of a simple polygon (shoelace formula); the mean point when it is degenerate."""
    twice_area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(twice_area) < 1e-12:
        return sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points)
    return cx / (3 * twice_area), cy / (3 * twice_area)


def boundary_map(areas, width=WIDTH):
    """A BoundaryMap of the areas that have a usable boundary, or None when none has."""
    areas = [area for area in areas if _ring(area.boundary)]
    if not areas:
        return None
    points = [point for area in areas for point in _ring(area.boundary)]
    min_lon = min(lon for lon, _ in points)
    max_lon = max(lon for lon, _ in points)
    min_lat = min(lat for _, lat in points)
    max_lat = max(lat for _, lat in points)
    shrink = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * shrink, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * PADDING) / span_x
    height = span_y * scale + 2 * PADDING

    def project(lon, lat):
        return (
            round(PADDING + (lon - min_lon) * shrink * scale, 1),
            round(PADDING + (max_lat - lat) * scale, 1),
        )

    shapes = []
    for area in areas:
        projected = [project(lon, lat) for lon, lat in _ring(area.boundary)]
        d = "M" + " L".join(f"{x:g},{y:g}" for x, y in projected) + " Z"
        label_x, label_y = centroid(projected)
        shapes.append(Shape(area, d, round(label_x, 1), round(label_y, 1)))
    return BoundaryMap(width, round(height, 1), shapes)


def _ring(boundary):
    """The boundary's points as (lon, lat) floats, without a closing repeat; [] if unusable."""
    try:
        ring = [(float(lon), float(lat)) for lon, lat in boundary]
    except (TypeError, ValueError):
        return []
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring = ring[:-1]
    return ring if len(ring) >= 3 else []
