"""The environmental map is computed on the server from the records' coordinates."""

from decimal import Decimal

from cms.planning.maps import (
    MARGIN,
    SHAPES,
    WIDTH,
    bounds_for,
    drawing_height,
    environment_map,
    project,
)
from cms.planning.models import EnvironmentalRecord

Kind = EnvironmentalRecord.Kind


def record(pk, kind, lat, lon, name=None):
    return EnvironmentalRecord(
        pk=pk,
        kind=kind,
        name=name or f"Điểm {pk}",
        location="Xã Tân Phú",
        latitude=Decimal(lat),
        longitude=Decimal(lon),
    )


def test_north_is_up_and_east_is_right():
    bounds = bounds_for([(10.9, 106.3), (11.3, 106.9)])
    height = drawing_height(bounds)
    west_x, north_y = project(11.3, 106.3, bounds, height)
    east_x, south_y = project(10.9, 106.9, bounds, height)
    assert MARGIN < west_x < east_x < WIDTH - MARGIN
    assert MARGIN < north_y < south_y < height - MARGIN


def test_the_box_keeps_the_ground_proportions():
    # 0.4° of latitude and 0.6° of longitude at 11° N: about 44 km by 65 km.
    bounds = bounds_for([(10.9, 106.3), (11.3, 106.9)])
    inner_height = drawing_height(bounds) - 2 * MARGIN
    assert abs(inner_height / (WIDTH - 2 * MARGIN) - 0.4 / (0.6 * 0.9816)) < 0.01


def test_a_single_record_is_centred_with_room_around_it():
    bounds = bounds_for([(11.0, 106.5)])
    assert bounds.north - bounds.south >= 0.2
    height = drawing_height(bounds)
    x, y = project(11.0, 106.5, bounds, height)
    assert abs(x - WIDTH / 2) < 1
    assert abs(y - height / 2) < 1


def test_a_long_thin_spread_of_records_still_gives_a_usable_map():
    bounds = bounds_for([(10.0, 106.5), (12.0, 106.5)])
    assert drawing_height(bounds) <= 0.9 * (WIDTH - 2 * MARGIN) + 2 * MARGIN + 1


def test_one_marker_per_record_with_its_shape_link_and_title():
    records = [
        record(1, Kind.WASTE_PLAN, "11.215", "106.452", "Khu xử lý chất thải Suối Đá"),
        record(2, Kind.POLLUTION_SOURCE, "11.012", "106.702"),
        record(3, Kind.HAZARDOUS_WASTE, "11.030", "106.721"),
        record(4, Kind.POLLUTED_AREA, "10.915", "106.880"),
    ]
    drawn = environment_map(records, lambda r: f"/moi-truong/{r.pk}/")
    assert [m.record.pk for m in drawn.markers] == [1, 2, 3, 4]
    assert [m.url for m in drawn.markers] == [f"/moi-truong/{pk}/" for pk in (1, 2, 3, 4)]
    assert [m.shape for m in drawn.markers] == [SHAPES[r.kind] for r in records]
    assert len(set(SHAPES.values())) == len(Kind.values)
    assert drawn.markers[0].label.startswith("Khu xử lý chất thải Suối Đá (")
    # Polygons are centred on the point; the circle has no points.
    assert drawn.markers[1].points == ""
    assert len(drawn.markers[0].points.split()) == 4
    assert len(drawn.markers[2].points.split()) == 3
    # The most northern record is the highest on the map, the most eastern the rightmost.
    assert min(drawn.markers, key=lambda m: m.y).record.pk == 1
    assert max(drawn.markers, key=lambda m: m.x).record.pk == 4


def test_no_records_no_map():
    assert environment_map([], str) is None


def test_grid_and_scale_bar_follow_the_box():
    drawn = environment_map(
        [record(1, Kind.WASTE_PLAN, "10.9", "106.3"), record(2, Kind.WASTE_PLAN, "11.3", "106.9")],
        str,
    )
    texts = [line.text for line in drawn.grid]
    # One line per tenth of a degree, each named once: 10.9 to 11.3 N, 106.3 to 106.9 E.
    numbers = [text.split("°")[0] for text in texts]
    assert len(numbers) == len(set(numbers))
    assert {"11,0", "11,2", "106,5"} <= {n.replace(".", ",") for n in numbers}
    assert drawn.scale_km in (10, 20)
    assert 0 < drawn.scale_length < WIDTH / 2
