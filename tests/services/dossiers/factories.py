import io
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from fpdf import FPDF
from PIL import Image

from services.dossiers.models import Dossier
from services.eforms.blocks import raw_step
from services.eforms.models import FormDefinition
from services.procedures.models import DossierComponent, Procedure, ProcessingTime
from tests.portal.accounts.factories import AgencyFactory, UserFactory

STEPS = [
    raw_step(
        "Người khai",
        [
            ("text", "full_name", "Họ và tên", {"max_length": 100, "prefill": "full_name"}),
            ("citizen_id", "citizen_id", "Số định danh cá nhân"),
            ("phone", "phone", "Số điện thoại", {"prefill": "phone"}),
        ],
    ),
    raw_step(
        "Nội dung đề nghị",
        [("long_text", "content", "Nội dung đề nghị", {"max_length": 500})],
    ),
]
ANSWERS = {
    "full_name": "Nguyễn Văn An",
    "citizen_id": "001099012345",
    "phone": "0912345678",
    "content": "Đề nghị cấp bản sao trích lục khai sinh.",
}
COMPONENTS = ["Tờ khai theo mẫu", "Bản sao giấy tờ tùy thân"]


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A procedure filed on this portal at level 4, 3 working days online, two required components."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Cấp bản sao trích lục hộ tịch số {n}")
    for_citizens = True
    agency = factory.SubFactory(
        AgencyFactory, code=factory.Sequence(lambda n: f"000.00.{n % 90 + 10:02d}.H99")
    )
    filing_channel = Procedure.FilingChannel.HERE
    online_level = "4"
    online_scope = "full"

    @factory.post_generation
    def details(self, create, extracted, **kwargs):
        if not create:
            return
        ProcessingTime.objects.create(
            procedure=self, channel="online", amount=Decimal(3), unit="working_day"
        )
        for position, name in enumerate(COMPONENTS):
            DossierComponent.objects.create(
                procedure=self, position=position, name=name, originals=1, is_required=True
            )

    @factory.post_generation
    def with_form(self, create, extracted, **kwargs):
        if create and extracted is not False:
            FormDefinition.objects.create(procedure=self, steps=STEPS)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    procedure = factory.SubFactory(ProcedureFactory)
    applicant = factory.SubFactory(UserFactory)
    agency = factory.LazyAttribute(lambda dossier: dossier.procedure.agency)
    answers = factory.LazyFunction(lambda: dict(ANSWERS))


def pdf_bytes(text="To khai"):
    pdf = FPDF(format=(148, 210))
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def pdf_file(name="to-khai.pdf", text="To khai"):
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def png_file(name="giay-to.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def attach_required(dossier):
    from services.dossiers import flows

    for component in dossier.procedure.components_for():
        flows.add_attachment(dossier, component, pdf_file(f"{component.pk}.pdf"))


def ready_draft(**kwargs):
    """A complete draft: answers given, every required document attached."""
    dossier = DossierFactory(**kwargs)
    attach_required(dossier)
    return dossier


def submitted_dossier(**kwargs):
    """An online dossier the citizen has submitted (status 1 unless the province auto-receives)."""
    from services.dossiers import flows

    dossier = ready_draft(**kwargs)
    dossier, problems = flows.submit_draft(dossier.pk, dossier.applicant, dossier.submission_key)
    assert not problems, problems
    return dossier


def received_dossier(*, by=None, **kwargs):
    """A submitted online dossier the one-stop unit has received (code, appointment), whatever
    DOSSIERS_AUTO_RECEIVE_ONLINE says."""
    dossier = submitted_dossier(**kwargs)
    if dossier.status == Dossier.Status.NEW:
        dossier.receive(by=by)
    return dossier


def officer(role=None, agency=None, **kwargs):
    """A back-office account of `agency` holding `role` (default: the receiving officer)."""
    from portal.accounts import roles

    return UserFactory.with_role(role or roles.RECEIVING_OFFICER, agency=agency, **kwargs)


def dossier_in_status(status, **kwargs):
    """A dossier put straight into `status` (no events, no files): for inbox and list tests."""
    from django.utils import timezone

    kwargs.setdefault("submitted_at", timezone.now())
    return DossierFactory(status=status, **kwargs)
