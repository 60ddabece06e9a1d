import pytest
from django.core.cache import cache


@pytest.fixture
def homes(db):
    """A Vietnamese and an English home page on the default site, without the rest of the demo."""
    from wagtail.models import Locale, Page, Site

    from cms.demo import ensure_child, ensure_translation
    from cms.models import HomePage

    vi = Locale.objects.get_or_create(language_code="vi")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    home = ensure_child(root, HomePage, "trang-chu", title="Trang chủ")
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page_id
    site.hostname, site.root_page = "localhost", home
    site.save()
    Page.objects.filter(pk=old_root, depth=2).exclude(pk=home.pk).delete()
    home_en = ensure_translation(home, root, "home", locale=en, title="Home")
    site.save()
    cache.clear()
    assert vi
    return home, home_en


@pytest.fixture
def qa_page(homes):
    from cms.feedback.demo import ensure_questions_page

    page = ensure_questions_page(*homes)
    cache.clear()
    return page
