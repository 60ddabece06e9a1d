import pytest

from services.eforms.blocks import raw_step
from services.eforms.models import FormDefinition
from services.procedures.models import Procedure

FAMILY = (
    "group",
    "members",
    "Thành viên gia đình",
    {
        "row_label": "Thành viên",
        "max_rows": 3,
        "fields": [
            ("text", "member_name", "Họ và tên"),
            ("date", "member_birth", "Ngày sinh", {"period": "past"}),
            ("citizen_id", "member_id", "Số định danh cá nhân", {"required": False}),
        ],
    },
)

STEPS = [
    raw_step(
        "Người khai",
        [
            ("text", "full_name", "Họ và tên", {"max_length": 100, "prefill": "full_name"}),
            ("citizen_id", "citizen_id", "Số định danh cá nhân"),
            ("date", "birth_date", "Ngày sinh", {"period": "past"}),
            ("phone", "phone", "Số điện thoại", {"prefill": "phone"}),
            ("email", "email", "Thư điện tử", {"required": False, "prefill": "email"}),
        ],
    ),
    raw_step(
        "Nơi cư trú",
        [
            ("address", "residence", "Nơi thường trú"),
            ("choice", "reason", "Lý do", {"options": ["Đi làm", "Đi học", "Khác"]}),
            (
                "number",
                "area",
                "Diện tích nhà ở (m²)",
                {"min_value": "1", "max_value": "1000", "decimal_places": 1, "required": False},
            ),
            ("long_text", "note", "Ghi chú", {"required": False, "max_length": 50}),
        ],
    ),
    raw_step("Gia đình", [FAMILY]),
]


@pytest.fixture
def procedure(db):
    return Procedure.objects.create(code="1.001234", name="Đăng ký tạm trú", for_citizens=True)


@pytest.fixture
def definition(procedure):
    return FormDefinition.objects.create(procedure=procedure, steps=STEPS)
