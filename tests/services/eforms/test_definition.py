import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import override

from services.eforms import admin_units
from services.eforms.blocks import StepsBlock, raw_step

pytestmark = pytest.mark.django_db

COMPLETE = {
    "full_name": "Nguyễn Văn An",
    "citizen_id": "001090012345",
    "birth_date": "1990-09-05",
    "phone": "0912345678",
    "email": "",
    "residence": {"province": "01", "commune": "00226", "street": "12 Hàng Bài"},
    "reason": "Đi làm",
    "area": "950.5",
    "note": "",
    "members": [
        {"member_name": "Trần Thị Bình", "member_birth": "2015-02-01", "member_id": ""},
        {
            "member_name": "Trần Văn Cường",
            "member_birth": "2018-07-30",
            "member_id": "001218000123",
        },
    ],
}


def test_steps(definition):
    assert definition.step_count == 3
    assert [definition.step_title(i) for i in range(3)] == ["Người khai", "Nơi cư trú", "Gia đình"]
    assert definition.procedure.form_definition == definition


def test_prefill_from_the_profile(definition):
    user = get_user_model().objects.create_user(
        "citizen", email="an@example.vn", full_name="Nguyễn Văn An", phone="0912345678"
    )
    assert definition.prefill(user, None) == {
        "full_name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
    }


def test_prefill_from_earlier_answers_then_the_profile(definition):
    user = get_user_model().objects.create_user("citizen", email="", full_name="Nguyễn Văn An")
    earlier = {**COMPLETE, "full_name": "Tên cũ", "phone": "0987654321", "unknown_key": "x"}
    answers = definition.prefill(user, earlier)
    assert answers["full_name"] == "Nguyễn Văn An"  # the account is newer than an old dossier
    assert answers["phone"] == "0987654321"  # the account has none: the earlier dossier's
    assert answers["residence"] == COMPLETE["residence"]
    assert answers["members"] == COMPLETE["members"]
    assert "unknown_key" not in answers
    assert "email" not in answers
    # The prefilled answers fill the forms in.
    html = str(definition.step_form(1, initial=answers))
    assert 'value="12 Hàng Bài"' in html
    assert '<option value="00226" selected>' in html


def test_prefill_for_an_anonymous_visitor(definition):
    from django.contrib.auth.models import AnonymousUser

    assert definition.prefill(AnonymousUser(), {"phone": "0912345678"}) == {"phone": "0912345678"}


def test_complete_answers_validate(definition):
    assert definition.validate_answers(COMPLETE) == {}


def test_validate_answers_reports_missing_steps(definition):
    with override("en"):
        problems = definition.validate_answers({"full_name": "Nguyễn Văn An"})
    assert set(problems) == {0, 1, 2}
    assert "Số định danh cá nhân: This field is required." in [
        line.replace("Trường này là bắt buộc.", "This field is required.") for line in problems[0]
    ]
    assert any(line.startswith("Thành viên gia đình") for line in problems[2])


def test_validate_answers_reports_bad_values(definition):
    answers = {
        **COMPLETE,
        "residence": {"province": "79", "commune": "00226", "street": "x"},
        "members": [{"member_name": "A", "member_birth": "2015-02-01", "member_id": "12"}],
    }
    with override("en"):
        problems = definition.validate_answers(answers)
    assert set(problems) == {1, 2}
    assert problems[1] == [
        "Commune or ward: The chosen commune or ward does not belong to Thành phố Hồ Chí Minh."
    ]
    assert problems[2] == [
        "Thành viên gia đình (1) – Số định danh cá nhân: "
        "The citizen ID number must have exactly 12 digits."
    ]


def test_answers_from_the_forms_round_trip(definition):
    answers = {}
    for index in range(definition.step_count):
        form = definition.step_form(index, data=_post_of(definition, index, COMPLETE))
        assert form.is_valid(), form.errors
        answers.update(json.loads(json.dumps(form.cleaned_data)))
    assert answers == COMPLETE


def _post_of(definition, index, answers):
    from services.eforms.forms import answers_to_data

    return answers_to_data(definition.spec[index]["fields"], answers)


def test_summary(definition):
    with override("vi"):
        lines = definition.summary(COMPLETE)
    assert lines == [
        ("Họ và tên", "Nguyễn Văn An"),
        ("Số định danh cá nhân", "001090012345"),
        ("Ngày sinh", "05/09/1990"),
        ("Số điện thoại", "0912345678"),
        ("Nơi thường trú", "12 Hàng Bài, Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội"),
        ("Lý do", "Đi làm"),
        ("Diện tích nhà ở (m²)", "950,5"),
        ("Thành viên gia đình (1)", "Họ và tên: Trần Thị Bình; Ngày sinh: 01/02/2015"),
        (
            "Thành viên gia đình (2)",
            "Họ và tên: Trần Văn Cường; Ngày sinh: 30/07/2018; Số định danh cá nhân: 001218000123",
        ),
    ]


def test_duplicate_keys_are_refused():
    block = StepsBlock()
    value = block.to_python(
        [
            raw_step("A", [("text", "name", "Họ tên")]),
            raw_step("B", [("text", "name", "Tên khác")]),
        ]
    )
    from wagtail.blocks import StreamBlockValidationError

    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_admin_units():
    assert len(admin_units.provinces()) == 34
    assert admin_units.provinces()[0] == ("01", "Thành phố Hà Nội")
    assert sum(len(admin_units.communes(code)) for code, _ in admin_units.provinces()) == 3321
    assert admin_units.province_name("96") == "Cà Mau"
    assert admin_units.commune_name("00070") == "Phường Hoàn Kiếm"
    assert admin_units.communes("00") == []
    assert admin_units.commune_in_province("00070", "01")
    assert not admin_units.commune_in_province("00070", "79")


def test_fixture_matches_the_source_lists(tmp_path):
    # The public data the fixture was built from, beside the repository when it is there.
    source = Path(settings.BASE_DIR).parent / "shared" / "data" / "admin-units"
    if not (source / "communes-2025.md").exists():
        pytest.skip("The source lists are not on this machine.")
    data = admin_units.write_fixture(
        f"{source}/provinces-2025.csv",
        f"{source}/communes-2025.md",
        target=tmp_path / "units.json",
        static=tmp_path / "communes.json",
    )
    assert (tmp_path / "units.json").read_text(
        encoding="utf-8"
    ) == admin_units.UNITS_FILE.read_text(encoding="utf-8")
    assert json.loads(admin_units.STATIC_COMMUNES_FILE.read_text(encoding="utf-8")) == json.loads(
        json.dumps(data["communes"])
    )
