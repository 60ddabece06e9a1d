import pytest

from services.eforms.blocks import StepsBlock
from services.eforms.demo import DEFINITIONS, populate
from services.eforms.models import FormDefinition
from services.procedures.models import Procedure

pytestmark = pytest.mark.django_db


def field_types(definition):
    types = set()
    for field in definition.fields():
        types.add(field["type"])
        types.update(sub["type"] for sub in field.get("fields", []))
    return types


def test_demo_forms():
    populate(None, None)
    populate(None, None)  # idempotent
    definitions = list(FormDefinition.objects.select_related("procedure"))
    assert len(definitions) == len(DEFINITIONS) == 10
    block = StepsBlock()
    for definition in definitions:
        assert 2 <= definition.step_count <= 4
        assert {"address", "citizen_id"} <= field_types(definition)
        block.clean(definition.steps.stream_block.to_python(definition.steps.get_prep_value()))
        procedure = definition.procedure
        assert procedure.filing_channel == Procedure.FilingChannel.HERE
        assert procedure.accepts_online_filing
        for index in range(definition.step_count):
            assert str(definition.step_form(index))
    assert sum("group" in field_types(d) for d in definitions) >= 2


def test_demo_site_has_forms(demo_site):
    assert FormDefinition.objects.count() == 10
