import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cms.organisation.maps import boundary_map, centroid
from cms.organisation.models import (
    AdministrativeArea,
    Contact,
    Leader,
    OrgUnit,
    email_directory,
    validate_boundary,
)


def square(x, y, size=0.1):
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size]]


@pytest.fixture
def units(db):
    committee = OrgUnit.objects.create(name="Ủy ban nhân dân tỉnh", kind="committee", position=0)
    justice = OrgUnit.objects.create(
        name="Sở Tư pháp", name_en="Department of Justice", parent=committee, position=2
    )
    home = OrgUnit.objects.create(name="Sở Nội vụ", parent=committee, position=1)
    legal_aid = OrgUnit.objects.create(
        name="Trung tâm Trợ giúp pháp lý", parent=justice, email="tgpl@example.vn"
    )
    return committee, home, justice, legal_aid


def test_the_tree_nests_units_under_their_parents_in_position_order(units):
    committee, home, justice, legal_aid = units
    tree = OrgUnit.objects.tree()
    assert [unit for unit, _ in tree] == [committee]
    children = tree[0][1]
    assert [unit for unit, _ in children] == [home, justice]
    assert children[1][1] == [(legal_aid, [])]


def test_a_unit_cannot_be_moved_under_its_own_unit(units):
    committee, _, justice, legal_aid = units
    justice.parent = legal_aid
    with pytest.raises(ValidationError) as error:
        justice.clean()
    assert "parent" in error.value.message_dict
    committee.clean()


def test_english_names_fall_back_to_vietnamese(units):
    _, home, justice, _ = units
    with translation.override("en"):
        assert justice.localized("name") == "Department of Justice"
        assert home.localized("name") == "Sở Nội vụ"
    with translation.override("vi"):
        assert justice.localized("name") == "Sở Tư pháp"


def test_the_email_directory_lists_every_unit_and_official_with_an_email(units):
    _, home, justice, legal_aid = units
    Contact.objects.create(
        full_name="Bùi Quốc Khánh", position="Giám đốc", unit=justice, email="bqk@example.vn"
    )
    Contact.objects.create(full_name="Không Thư", position="Chuyên viên", unit=home)
    rows = email_directory(OrgUnit.objects.prefetch_related("contacts"))
    emails = [row[3] for row in rows]
    assert sorted(emails) == ["bqk@example.vn", "tgpl@example.vn"]
    assert ("Bùi Quốc Khánh", "Giám đốc", "Sở Tư pháp", "bqk@example.vn") in rows


@pytest.mark.parametrize(
    "value",
    [
        [],
        [[1, 2], [3, 4]],
        "abc",
        [[1, 2], [3, 4], [5]],
        [[1, 2], [3, 4], [200, 5]],
        [[1, "a"]] * 3,
    ],
)
def test_a_boundary_needs_three_longitude_latitude_points(value):
    with pytest.raises(ValidationError):
        validate_boundary(value)


def test_a_well_formed_boundary_is_accepted():
    validate_boundary(square(105.8, 20.2))


def test_the_map_has_one_path_per_area_computed_from_the_coordinates():
    west = AdministrativeArea(code="1", name="Tây", boundary=square(105.0, 20.0), kind="commune")
    east = AdministrativeArea(code="2", name="Đông", boundary=square(105.1, 20.0), kind="ward")
    broken = AdministrativeArea(code="3", name="Hỏng", boundary=[[1, 2]], kind="commune")
    drawn = boundary_map([west, east, broken], width=200)
    assert [shape.area for shape in drawn.shapes] == [west, east]
    # Two squares side by side: the map is twice as wide as tall (less the padding), the
    # western square on the left, the north edge at the top.
    assert drawn.height == pytest.approx((200 - 16) / 2 / 0.9397 + 16, abs=0.5)
    first = [
        tuple(map(float, pair.split(",")))
        for pair in re.findall(r"[\d.]+,[\d.]+", drawn.shapes[0].d)
    ]
    assert first[0] == (8.0, pytest.approx(drawn.height - 8, abs=0.2))
    assert max(x for x, _ in first) == pytest.approx(100, abs=0.2)
    assert drawn.shapes[0].d.startswith("M") and drawn.shapes[0].d.endswith("Z")
    assert drawn.shapes[1].label_x > drawn.shapes[0].label_x
    assert drawn.view_box == f"0 0 200 {drawn.height:g}"


def test_no_map_without_usable_boundaries():
    assert boundary_map([]) is None


def test_centroid_of_a_square():
    assert centroid([(0, 0), (2, 0), (2, 2), (0, 2)]) == pytest.approx((1, 1))


def test_density_is_people_per_square_kilometre():
    area = AdministrativeArea(area_km2=Decimal("12.5"), population=25_000)
    assert area.density == 2000


def test_leader_duties_fall_back_to_vietnamese(db):
    leader = Leader.objects.create(full_name="A", position="Chủ tịch", duties="Phụ trách chung")
    with translation.override("en"):
        assert leader.localized("duties") == "Phụ trách chung"
        assert leader.localized("position") == "Chủ tịch"
