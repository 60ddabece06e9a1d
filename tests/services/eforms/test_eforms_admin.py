import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from services.eforms.models import FormDefinition
from tests.portal.accounts.factories import UserFactory, enable_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    administrator = UserFactory(is_staff=True, is_superuser=True)
    enable_totp(administrator)
    client.force_login(administrator)
    return client


def field(key, label, **extra):
    return {"key": key, "label": label, "help_text": "", "required": "on", **extra}


def listblock(values):
    data = {str(i): {"value": v, "deleted": "", "order": str(i)} for i, v in enumerate(values)}
    data["count"] = str(len(values))
    return data


def form_post(procedure, fields):
    return nested_form_data(
        {
            "procedure": procedure.pk,
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Người khai",
                            "help": "Điền đầy đủ.",
                            "fields": streamfield(fields),
                        },
                    )
                ]
            ),
        }
    )


def test_editor_creates_a_form_in_the_admin(admin_client, procedure):
    url = "/quan-tri/snippets/eforms/formdefinition/add/"
    assert admin_client.get(url).status_code == 200
    data = form_post(
        procedure,
        [
            ("text", field("ho_ten", "Họ và tên", max_length="100", prefill="full_name")),
            ("citizen_id", field("so_dinh_danh", "Số định danh cá nhân")),
            ("address", field("noi_o", "Nơi ở hiện tại")),
            ("choice", field("gioi_tinh", "Giới tính", options=listblock(["Nam", "Nữ"]))),
            (
                "group",
                {
                    **field("con", "Con"),
                    "row_label": "Con",
                    "max_rows": "5",
                    "fields": streamfield(
                        [("text", field("ten", "Tên", max_length="50", prefill=""))]
                    ),
                },
            ),
        ],
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    definition = FormDefinition.objects.get(procedure=procedure)
    assert definition.step_count == 1
    assert [f["key"] for f in definition.fields()] == [
        "ho_ten",
        "so_dinh_danh",
        "noi_o",
        "gioi_tinh",
        "con",
    ]
    assert definition.fields()[3]["options"] == ["Nam", "Nữ"]
    assert definition.procedure.form_definition == definition
    assert admin_client.get("/quan-tri/snippets/eforms/formdefinition/").status_code == 200
    edit = admin_client.get(f"/quan-tri/snippets/eforms/formdefinition/edit/{definition.pk}/")
    assert edit.status_code == 200


def test_admin_refuses_duplicate_keys(admin_client, procedure):
    data = form_post(
        procedure,
        [("text", field("ten", "Tên", max_length="50")), ("phone", field("ten", "Điện thoại"))],
    )
    response = admin_client.post("/quan-tri/snippets/eforms/formdefinition/add/", data)
    assert response.status_code == 200
    assert not FormDefinition.objects.exists()
