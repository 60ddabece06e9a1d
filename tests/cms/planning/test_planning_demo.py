"""The demo province's public-information section, and its pages once an editor translates them."""

from wagtail.models import Locale

from cms import demo
from cms.planning.models import (
    DisseminationPage,
    EnvironmentalRecord,
    PlanningDocument,
    Project,
    PublicInformationPage,
)
from cms.publications.models import (
    Consultation,
    GazetteIssue,
    ScienceProgramme,
    StatisticsRelease,
)


def counts():
    return [
        model.objects.count()
        for model in (
            PublicInformationPage,
            DisseminationPage,
            PlanningDocument,
            EnvironmentalRecord,
            Project,
            GazetteIssue,
            Consultation,
            ScienceProgramme,
            StatisticsRelease,
        )
    ]


def test_the_demo_covers_every_kind_and_loads_once(demo_site):
    first = counts()
    demo.load_site()
    assert counts() == first
    assert set(PlanningDocument.objects.values_list("kind", flat=True)) == set(
        PlanningDocument.Kind.values
    )
    assert EnvironmentalRecord.objects.count() >= 15
    assert set(EnvironmentalRecord.objects.values_list("kind", flat=True)) == set(
        EnvironmentalRecord.Kind.values
    )
    for lat, lon in EnvironmentalRecord.objects.values_list("latitude", "longitude"):
        assert 10.9 <= lat <= 11.3 and 106.3 <= lon <= 106.9
    assert set(Project.objects.values_list("stage", flat=True)) == set(Project.Stage.values)
    assert DisseminationPage.objects.live().count() >= 2


def test_the_section_is_in_the_main_menu_and_links_every_section(client, demo_site):
    hub = PublicInformationPage.objects.get(locale__language_code="vi")
    assert hub.show_in_menus and hub.get_parent().specific == demo_site
    home = client.get("/").content.decode()
    assert f'href="{hub.url}"' in home
    html = client.get(hub.url).content.decode()
    for child in hub.get_children().live():
        assert f'href="{child.url}"' in html


def test_every_section_works_in_english_once_translated(client, demo_site):
    english = Locale.objects.get(language_code="en")
    hub = PublicInformationPage.objects.get(locale__language_code="vi")
    translated = hub.copy_for_translation(english)
    translated.save_revision().publish()
    for child in hub.get_children().specific():
        copy = child.copy_for_translation(english)
        copy.save_revision().publish()
    for page in translated.specific.get_descendants(inclusive=True).live().specific():
        url = page.url
        assert url.startswith("/en/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.content.decode()
