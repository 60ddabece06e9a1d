import pytest
from django.core.cache import cache


@pytest.fixture
def library(db):
    """The multimedia demo pages under minimal Vietnamese and English home pages."""
    from wagtail.models import Locale, Page, Site

    from cms.demo import ensure_child, ensure_translation
    from cms.models import HomePage
    from cms.multimedia.demo import populate

    Locale.objects.get_or_create(language_code="vi")
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
    page = populate(home, home_en)
    cache.clear()
    return page
