import json

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils.translation import override

from services.eforms.forms import ACTION
from services.eforms.validators import validate_citizen_id

pytestmark = pytest.mark.django_db

STEP0 = {
    "full_name": "Nguyễn Văn An",
    "citizen_id": "001090012345",
    "birth_date": "05/09/1990",
    "phone": "0912 345 678",
    "email": "an@example.vn",
}
STEP1 = {
    "residence__province": "01",
    "residence__commune": "00070",
    "residence__street": "12 Hàng Bài",
    "reason": "Đi làm",
    "area": "85,5",
    "note": "",
}


@pytest.mark.parametrize(
    "number",
    ["001090012345", "079301000123", "096199000001", "038 090 012 345", "001.090.012.345"],
)
def test_valid_citizen_ids(number):
    validate_citizen_id(number)


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("00109001234", "citizen_id_length"),  # 11 digits
        ("0010900123456", "citizen_id_length"),
        ("00109001234a", "citizen_id_length"),
        ("003090012345", "citizen_id_province"),  # 003 is no province code
        ("099090012345", "citizen_id_province"),
        ("000090012345", "citizen_id_province"),
        ("001690012345", "citizen_id_century"),  # 23rd century
        ("001499012345", "citizen_id_century"),  # born in 2199
        ("001399012345", "citizen_id_century"),  # a woman born in 2099: in the future
    ],
)
def test_invalid_citizen_ids(number, code):
    with time_machine.travel("2026-01-10"), pytest.raises(ValidationError) as error:
        validate_citizen_id(number)
    assert error.value.code == code


def test_citizen_id_message_names_the_problem():
    with override("en"):
        with pytest.raises(ValidationError) as error:
            validate_citizen_id("123")
        # The message is translated lazily: read it in the language under test.
        assert error.value.messages == ["The citizen ID number must have exactly 12 digits."]


def test_valid_step_cleans_to_json(definition):
    form = definition.step_form(0, data=STEP0)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "full_name": "Nguyễn Văn An",
        "citizen_id": "001090012345",
        "birth_date": "1990-09-05",
        "phone": "0912345678",
        "email": "an@example.vn",
    }
    json.dumps(form.cleaned_data)


def test_address_number_and_choice_clean_to_json(definition):
    form = definition.step_form(1, data=STEP1)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "residence": {"province": "01", "commune": "00070", "street": "12 Hàng Bài"},
        "reason": "Đi làm",
        "area": "85.5",
        "note": "",
    }
    json.dumps(form.cleaned_data)


@pytest.mark.parametrize(
    "typed", ["05/09/1990", "5/9/1990", "05-09-1990", "05.09.1990", "1990-09-05"]
)
def test_dates_typed_dd_mm_yyyy_or_from_a_date_input(definition, typed):
    form = definition.step_form(0, data={**STEP0, "birth_date": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birth_date"] == "1990-09-05"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/1990", "Enter a date as dd/mm/yyyy, for example 05/09/2025."),
        ("09/05", "Enter a date as dd/mm/yyyy, for example 05/09/2025."),
        ("01/01/2090", "The date cannot be later than today."),
    ],
)
def test_bad_dates(definition, typed, message):
    with override("en"):
        form = definition.step_form(0, data={**STEP0, "birth_date": typed})
        assert not form.is_valid()
        assert form.errors["birth_date"] == [message]


def test_initial_iso_date_shows_as_dd_mm_yyyy(definition):
    html = str(definition.step_form(0, initial={"birth_date": "1990-09-05"}))
    assert 'value="05/09/1990"' in html


def test_text_max_length_and_required(definition):
    form = definition.step_form(0, data={**STEP0, "full_name": "x" * 101, "phone": ""})
    assert not form.is_valid()
    assert "full_name" in form.errors
    assert form.errors["phone"] == ["Trường này là bắt buộc."]


def test_long_text_max_length(definition):
    form = definition.step_form(1, data={**STEP1, "note": "y" * 51})
    assert not form.is_valid()
    assert list(form.errors) == ["note"]


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("0,5", False), ("1000,1", False), ("1.000", True), ("12", True), ("abc", False)],
)
def test_number_bounds(definition, typed, ok):
    form = definition.step_form(1, data={**STEP1, "area": typed})
    assert form.is_valid() is ok, form.errors


def test_choice_must_be_an_option(definition):
    form = definition.step_form(1, data={**STEP1, "reason": "Du lịch"})
    assert not form.is_valid()
    assert list(form.errors) == ["reason"]


@pytest.mark.parametrize(
    ("phone", "ok"),
    [
        ("0912345678", True),
        ("+84912345678", True),
        ("0241 3825 123", True),
        ("12345", False),
        ("0112345678", False),
    ],
)
def test_phone(definition, phone, ok):
    assert definition.step_form(0, data={**STEP0, "phone": phone}).is_valid() is ok


def test_email(definition):
    form = definition.step_form(0, data={**STEP0, "email": "not-an-address"})
    assert list(form.errors) == ["email"]


def test_citizen_id_field_rejects_bad_province(definition):
    with override("en"):
        form = definition.step_form(0, data={**STEP0, "citizen_id": "003090012345"})
        assert form.errors["citizen_id"] == [
            "The first three digits of the citizen ID number (003) are not a province code."
        ]


def test_commune_must_belong_to_the_province(definition):
    # 00070 is Phường Hoàn Kiếm, Hà Nội; 79 is Hồ Chí Minh City.
    with override("en"):
        form = definition.step_form(1, data={**STEP1, "residence__province": "79"})
        assert not form.is_valid()
        assert form.errors["residence__commune"] == [
            "The chosen commune or ward does not belong to Thành phố Hồ Chí Minh."
        ]
    # What was typed stays on the page.
    assert 'value="12 Hàng Bài"' in str(form)


def test_unknown_commune_refused(definition):
    form = definition.step_form(1, data={**STEP1, "residence__commune": "99999"})
    assert "residence__commune" in form.errors


def test_incomplete_address_marks_the_missing_parts(definition):
    form = definition.step_form(
        1, data={**STEP1, "residence__commune": "", "residence__street": ""}
    )
    assert set(form.errors) == {"residence__commune", "residence__street"}


def test_commune_list_follows_the_province(definition):
    html = str(
        definition.step_form(1, data={**STEP1, "residence__province": "79", ACTION: "refresh"})
    )
    assert "Phường Sài Gòn" in html
    assert "Phường Hoàn Kiếm" not in html
    with override("en"):
        empty = str(definition.step_form(1))
    assert "Phường Hoàn Kiếm" not in empty
    assert "Choose the province first" in empty


def test_refresh_button_rerenders_without_errors(definition):
    form = definition.step_form(1, data={"residence__province": "79", ACTION: "refresh"})
    assert form.rerender
    assert not form.is_valid()
    assert form.errors == {}


def _family_data(**extra):
    return {
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "0",
        "members-0-member_name": "Trần Thị Bình",
        "members-0-member_birth": "01/02/2015",
        "members-0-member_id": "",
        **extra,
    }


def test_group_rows_clean_to_a_list(definition):
    form = definition.step_form(2, data=_family_data())
    assert form.is_valid(), (form.errors, form.groups["members"].errors)
    assert form.cleaned_data == {
        "members": [{"member_name": "Trần Thị Bình", "member_birth": "2015-02-01", "member_id": ""}]
    }
    json.dumps(form.cleaned_data)


def test_add_row_keeps_what_was_typed(definition):
    form = definition.step_form(2, data=_family_data(**{ACTION: "add:members"}))
    assert form.rerender and not form.is_valid()
    html = str(form)
    assert 'value="Trần Thị Bình"' in html
    assert 'value="01/02/2015"' in html
    assert 'name="members-1-member_name"' in html
    assert 'name="members-TOTAL_FORMS" value="2"' in html
    assert "field-errors" not in html
    # The next post with both rows filled in is accepted.
    data = _family_data(
        **{
            "members-TOTAL_FORMS": "2",
            "members-1-member_name": "Trần Văn Cường",
            "members-1-member_birth": "2018-07-30",
            "members-1-member_id": "",
        }
    )
    form = definition.step_form(2, data=data)
    assert form.is_valid()
    assert [row["member_name"] for row in form.cleaned_data["members"]] == [
        "Trần Thị Bình",
        "Trần Văn Cường",
    ]


def test_add_row_stops_at_the_maximum(definition):
    data = _family_data(**{"members-TOTAL_FORMS": "3", ACTION: "add:members"})
    form = definition.step_form(2, data=data)
    assert form.groups["members"].total_form_count() == 3
    assert 'value="add:members"' not in str(form)


def test_remove_row_shifts_the_rows_below(definition):
    data = _family_data(
        **{
            "members-TOTAL_FORMS": "2",
            "members-1-member_name": "Trần Văn Cường",
            "members-1-member_birth": "30/07/2018",
            ACTION: "remove:members:0",
        }
    )
    form = definition.step_form(2, data=data)
    assert form.rerender
    html = str(form)
    assert 'value="Trần Văn Cường"' in html
    assert "Trần Thị Bình" not in html
    assert 'name="members-TOTAL_FORMS" value="1"' in html


def test_required_group_needs_a_row(definition):
    data = {"members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0", "members-0-member_name": ""}
    form = definition.step_form(2, data=data)
    assert not form.is_valid()
    assert "members" in form.errors
    assert form.groups["members"].forms[0].errors["member_name"] == ["Trường này là bắt buộc."]


def test_group_row_errors_are_shown_next_to_the_field(definition):
    with override("en"):
        form = definition.step_form(2, data=_family_data(**{"members-0-member_id": "12"}))
        assert not form.is_valid()
        html = str(form)
    assert "The citizen ID number must have exactly 12 digits." in html
    assert 'aria-describedby="id_members-0-member_id-errors' in html


def test_group_initial_rows_are_shown(definition):
    rows = [
        {"member_name": "A", "member_birth": "2015-02-01", "member_id": ""},
        {"member_name": "B", "member_birth": "2016-03-04", "member_id": ""},
    ]
    html = str(definition.step_form(2, initial={"members": rows}))
    assert 'name="members-TOTAL_FORMS" value="2"' in html
    assert 'value="04/03/2016"' in html


def test_tampered_row_count_does_not_break(definition):
    form = definition.step_form(
        2, data={"members-TOTAL_FORMS": "9999", "members-INITIAL_FORMS": "0"}
    )
    assert not form.is_valid()
    form = definition.step_form(2, data={"members-TOTAL_FORMS": "x", ACTION: "add:members"})
    str(form)


def test_error_summary_links_to_fields_and_group_rows(definition):
    with override("en"):
        form = definition.step_form(2, data=_family_data(**{"members-0-member_id": "12"}))
        assert form.error_summary == [
            (
                "id_members-0-member_id",
                "Thành viên gia đình (1) – Số định danh cá nhân: "
                "The citizen ID number must have exactly 12 digits.",
            )
        ]
        form = definition.step_form(0, data={**STEP0, "phone": "1"})
        assert form.error_summary == [
            (
                "id_phone",
                "Số điện thoại: Enter a Vietnamese phone number, for example 0912 345 678.",
            )
        ]
