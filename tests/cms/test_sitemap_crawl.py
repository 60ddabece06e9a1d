"""Every published page is reachable: within 3 clicks of its site's home page, and in sitemap.xml.

Each site (the provincial portal and every component site) is crawled through its own hostname.
"""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.db.models import Q
from wagtail.models import Page, Site

from cms.demo import JUSTICE_HOSTNAME

pytestmark = pytest.mark.usefixtures("demo_site")
LINK = re.compile(r'href="(?:http://([^/"]+))?(/[^"#?]*)')
PROVINCE = "testserver"  # Not a site's hostname: the default (provincial) site answers.


@pytest.fixture(autouse=True)
def _component_hostnames(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, JUSTICE_HOSTNAME]


def site_for(host):
    return Site.objects.filter(hostname=host).first() or Site.objects.get(is_default_site=True)


def site_pages(site, language=None):
    """The live public pages of a site, in one language or all."""
    under_a_home = Q()
    for home in site.root_page.get_translations(inclusive=True):
        under_a_home |= Q(path__startswith=home.path)
    pages = Page.objects.live().public().filter(under_a_home)
    return pages.filter(locale__language_code=language) if language else pages


def clicks_from(client, host, start, depth):
    """Shortest number of clicks from `start` to every internal page, up to `depth` clicks."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if seen[url] == depth:
            continue
        response = client.get(url, HTTP_HOST=host)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for link_host, link in LINK.findall(response.content.decode()):
            # A full address on the same host is a link within the site too.
            if link_host not in ("", host):
                continue
            if link.startswith(("/static/", "/media/", "/tai-lieu/", "/quan-tri/")) or link in seen:
                continue
            seen[link] = seen[url] + 1
            queue.append(link)
    return seen


@pytest.mark.parametrize("host", [PROVINCE, JUSTICE_HOSTNAME])
@pytest.mark.parametrize(("home", "language"), [("/", "vi"), ("/en/", "en")])
def test_every_page_is_within_three_clicks_of_home(client, host, home, language):
    site = site_for(host)
    reached = clicks_from(client, host, home, depth=3)
    pages = site_pages(site, language).filter(depth__gte=2)
    missing = [page.get_url(current_site=site) for page in pages]
    missing = [url for url in missing if url not in reached]
    assert pages.exists()
    assert not missing


def test_the_html_sitemap_is_linked_from_every_footer(client):
    for url in ("/", "/tin-tuc/", "/van-ban/", "/dich-vu-cong/", "/tai-khoan/login/"):
        footer = re.search(
            r'<footer class="site-footer">.*?</footer>', client.get(url).content.decode(), re.S
        )
        assert 'href="/so-do-cong/"' in footer.group(0), url


@pytest.mark.parametrize("host", [PROVINCE, JUSTICE_HOSTNAME])
def test_sitemap_xml_lists_every_published_page_of_the_site_in_both_languages(client, host):
    site = site_for(host)
    xml = client.get("/sitemap.xml", HTTP_HOST=host).content.decode()
    listed = {urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)}
    published = {page.get_url(current_site=site) for page in site_pages(site).filter(depth__gte=2)}
    assert published <= listed
    assert any(path.startswith("/en/") for path in listed)
