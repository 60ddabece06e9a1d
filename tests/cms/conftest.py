"""Fixtures for the content apps' tests: a bare home page and the public-information hub."""

import pytest
from django.core.cache import cache


@pytest.fixture
def home(db):
    """A bare Vietnamese home page as the default site's root: quicker than the whole demo."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    locale = Locale.objects.get_or_create(language_code="vi")[0]
    home = HomePage(title="Cổng thông tin điện tử tỉnh Tân Hòa", slug="trang-chu", locale=locale)
    Page.get_first_root_node().add_child(instance=home)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    cache.clear()
    return home


@pytest.fixture
def hub(home):
    from cms.planning.demo import ensure_hub

    return ensure_hub(home)


@pytest.fixture
def section(hub):
    """section(Model, slug): a published section page of that type under the hub."""
    from cms.demo import ensure_child

    def make(model, slug):
        return ensure_child(hub, model, slug, title=slug.replace("-", " ").capitalize())

    return make
