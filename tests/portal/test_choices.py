"""The long-list choice field: the same options, selection, escaping and cleaning as Django's
ModelChoiceField, written without a model instance or a template per option."""

import pytest
from django import forms

from portal.choices import LongModelChoiceField
from services.procedures.models import Procedure
from tests.services.dossiers.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


class ProcedureForm(forms.Form):
    procedure = LongModelChoiceField(
        label="Thủ tục",
        queryset=Procedure.objects.order_by("code"),
        to_field_name="code",
        label_fields=("name", "code"),
        label_format="{} ({})",
        required=False,
        empty_label="Tất cả thủ tục",
    )


def test_options_selection_and_escaping():
    first = ProcedureFactory(code="1.000001", name="Đăng ký khai sinh")
    ProcedureFactory(code="1.000002", name='Cấp "giấy phép" <xây dựng> & sửa chữa')
    html = str(ProcedureForm({"procedure": "1.000001"})["procedure"])
    assert html.startswith('<select name="procedure" id="id_procedure">')
    assert '<option value="">Tất cả thủ tục</option>' in html
    assert '<option value="1.000001" selected>Đăng ký khai sinh (1.000001)</option>' in html
    assert (
        '<option value="1.000002">Cấp &quot;giấy phép&quot; &lt;xây dựng&gt; &amp; sửa chữa '
        "(1.000002)</option>"
    ) in html
    assert html.count(" selected") == 1
    form = ProcedureForm({"procedure": "1.000001"})
    assert form.is_valid() and form.cleaned_data["procedure"] == first


def test_a_value_outside_the_list_is_refused():
    ProcedureFactory(code="1.000001")
    form = ProcedureForm({"procedure": "9.999999"})
    assert not form.is_valid() and "procedure" in form.errors
