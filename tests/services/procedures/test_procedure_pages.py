import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from portal.accounts.models import Agency
from services.procedures import demo
from services.procedures.importer import detail_files, import_details
from services.procedures.models import Channel, DossierComponent, Procedure, TimeUnit
from tests.portal.accounts.factories import enable_totp


@pytest.fixture
def records(db):
    import_details(detail_files())
    return Procedure.objects.all()


def codes(response):
    return [procedure.code for procedure in response.context["page_obj"]]


def text(response):
    return response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"level": "commune"},
            {"1.000253", "1.010041", "1.014801", "1.116535", "1.116538", "2.000206", "3.000351"},
        ),
        ({"online": "full"}, {"1.010041", "1.116535", "1.116612", "2.000260"}),
        ({"online": "2"}, {"1.000178", "1.000253", "1.003290", "1.116538", "2.000206"}),
        (
            {"audience": "foreigner", "level": "commune"},
            {"1.000253", "1.014801", "1.116535", "2.000206", "3.000351"},
        ),
        ({"q": "giay phep lai xe"}, {"3.000351"}),
    ],
)
def test_catalogue_filters(client, records, params, expected):
    response = client.get("/dich-vu-cong/", params)
    assert response.status_code == 200
    assert set(codes(response)) == expected


def test_filter_by_field_subject_and_agency(client, records):
    licence = Procedure.objects.get(code="3.000351")
    response = client.get("/dich-vu-cong/", {"field": licence.field_id})
    assert codes(response) == ["3.000351"]
    response = client.get("/dich-vu-cong/", {"subject": "ĐT4"})
    assert "3.000351" in codes(response) and "1.010041" not in codes(response)
    agency = Agency.objects.create(code="000.00.05.H99", name="Sở Xây dựng")
    licence.agency = agency
    licence.save()
    response = client.get("/dich-vu-cong/", {"agency": agency.code})
    assert codes(response) == ["3.000351"]
    assert 'value="000.00.05.H99"' in text(response)


def test_pagination_keeps_the_filters(client, records):
    response = client.get("/dich-vu-cong/", {"level": "province", "online": "3"})
    assert response.status_code == 200
    Procedure.objects.bulk_create(
        Procedure(code=f"9.{n:06d}", name=f"Thủ tục {n}", level_province=True, online_level="3")
        for n in range(30)
    )
    response = client.get("/dich-vu-cong/", {"level": "province", "online": "3"})
    assert "level=province&amp;online=3&amp;page=2" in text(response)


@pytest.mark.parametrize(
    "params",
    [{"field": "abc"}, {"field": "9" * 40}, {"level": "<b>"}, {"online": "9"}, {"page": "x"}],
)
def test_odd_filters_are_ignored(client, records, params):
    response = client.get("/dich-vu-cong/", params)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 21


def test_detail_shows_every_component(client, records):
    procedure = Procedure.objects.get(code="1.014777")
    component = procedure.components.first()
    component.template_url = "https://example.gov.vn/mau-05.docx"
    component.save()
    response = client.get(procedure.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert procedure.name in page
    assert procedure.field.name in page
    for step in procedure.steps.all():
        assert step.description.splitlines()[0] in page
    for item in procedure.components.all():
        assert item.name in page
    assert 'href="https://example.gov.vn/mau-05.docx"' in page
    assert "Mẫu số 06.QLT.docx" in page
    # Time and fees per channel, amounts formatted the Vietnamese way.
    with translation.override("vi"):
        assert f"7 {TimeUnit.WORKING_DAY.label}" in page
        for channel in Channel:
            assert f"<caption>{channel.label}</caption>" in page
    assert "1.025.000\u00a0₫" in page and "1.300.000\u00a0₫" in page
    for result in procedure.results.all():
        assert result.name in page
    for basis in procedure.legal_bases.all():
        assert basis.title in page
    assert procedure.get_online_scope_display() in page


def test_detail_of_an_unknown_code_is_404(client, records):
    assert client.get("/dich-vu-cong/9.999999/").status_code == 404


def dossiers_start(code):
    try:
        return reverse("dossiers:start", args=[code])
    except NoReverseMatch:
        return None


def test_filing_here_links_to_the_dossier_start(client, records):
    procedure = Procedure.objects.get(code="1.010041")
    procedure.filing_channel = Procedure.FilingChannel.HERE
    procedure.save()
    assert procedure.accepts_online_filing
    page = text(client.get(procedure.get_absolute_url()))
    start = dossiers_start(procedure.code)
    if start:
        assert f'href="{start}"' in page
    else:
        assert "filing-button" not in page


def test_routed_procedure_deep_links_to_the_national_portal(client, records):
    procedure = Procedure.objects.get(code="1.116612")
    procedure.filing_channel = Procedure.FilingChannel.NATIONAL
    procedure.national_portal_url = "https://dichvucong.gov.vn/p/home/x.html?ma_thu_tuc=1"
    procedure.save()
    assert not procedure.accepts_online_filing
    page = text(client.get(procedure.get_absolute_url()))
    assert 'href="https://dichvucong.gov.vn/p/home/x.html?ma_thu_tuc=1"' in page
    start = dossiers_start(procedure.code)
    assert not start or start not in page


def test_level_2_procedure_is_not_filed_online(client, records):
    procedure = Procedure.objects.get(code="1.003290")
    procedure.filing_channel = Procedure.FilingChannel.HERE
    procedure.save()
    assert procedure.online_level == "2"
    assert not procedure.accepts_online_filing
    page = text(client.get(procedure.get_absolute_url()))
    assert "filing-button" not in page
    # The form to download (level 2) is listed.
    assert "Mẫu-NA12" in page


def test_english_detail_translates_headings_and_keeps_legal_names(client, records):
    procedure = Procedure.objects.get(code="3.000351")
    response = client.get(f"/en{procedure.get_absolute_url()}")
    assert response.status_code == 200
    page = text(response)
    for heading in ("Dossier components", "Legal basis", "Processing time and fees by channel"):
        assert heading in page
    assert "115.000\u00a0₫" in page
    assert f'<h1 lang="vi">{procedure.name}</h1>' in page
    assert "2,5 working days" in page


def test_processing_time_and_fees_contract(records):
    origin = Procedure.objects.get(code="2.000260")
    time_ = origin.processing_time_for()
    assert (time_.amount, time_.unit) == (8, "hour")
    assert list(origin.fees_for().values_list("kind", "amount")) == [("fee", 0)]
    assert (
        origin.components_for().count() == DossierComponent.objects.filter(procedure=origin).count()
    )


def test_demo_populate_is_idempotent(db):
    from cms.demo import ensure_agencies

    ensure_agencies()
    demo.populate(None, None)
    demo.populate(None, None)
    assert Procedure.objects.filter(code__in=demo.FILED_HERE).count() == len(demo.FILED_HERE)
    here = Procedure.objects.filter(filing_channel=Procedure.FilingChannel.HERE)
    assert set(here.values_list("code", flat=True)) == set(demo.FILED_HERE)
    assert all(p.accepts_online_filing and p.agency for p in here)
    national = Procedure.objects.get(filing_channel=Procedure.FilingChannel.NATIONAL)
    assert national.national_portal_url.startswith("https://dichvucong.gov.vn/")


def test_admin_edits_a_procedure(client, records, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri-test", "qt@example.com", "x")
    enable_totp(admin)
    client.force_login(admin)
    procedure = Procedure.objects.get(code="3.000351")
    response = client.get(f"/quan-tri/snippets/procedures/procedure/edit/{procedure.pk}/")
    assert response.status_code == 200
    assert "Thành phần hồ sơ" in text(response) or "Dossier components" in text(response)
