"""Every published page is reachable: within 3 clicks of the home page, and listed in sitemap.xml."""

import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.usefixtures("demo_site")
LINK = re.compile(r'href="(/[^"#?]*)')


def clicks_from(client, start, depth):
    """Shortest number of clicks from `start` to every internal page, up to `depth` clicks."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        if seen[url] == depth:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        for link in LINK.findall(response.content.decode()):
            if link.startswith(("/static/", "/media/", "/tai-lieu/", "/quan-tri/")) or link in seen:
                continue
            seen[link] = seen[url] + 1
            queue.append(link)
    return seen


@pytest.mark.parametrize(("home", "language"), [("/", "vi"), ("/en/", "en")])
def test_every_page_is_within_three_clicks_of_home(client, home, language):
    reached = clicks_from(client, home, depth=3)
    pages = Page.objects.live().public().filter(locale__language_code=language, depth__gte=2)
    missing = [page.url for page in pages if page.url not in reached]
    assert not missing


def test_the_html_sitemap_is_linked_from_every_footer(client):
    for url in ("/", "/tin-tuc/", "/van-ban/", "/dich-vu-cong/", "/tai-khoan/login/"):
        footer = re.search(
            r'<footer class="site-footer">.*?</footer>', client.get(url).content.decode(), re.S
        )
        assert 'href="/so-do-cong/"' in footer.group(0), url


def test_sitemap_xml_lists_every_published_page_in_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    listed = {urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", xml)}
    published = {page.url for page in Page.objects.live().public().filter(depth__gte=2)}
    assert published <= listed
    assert any(path.startswith("/en/") for path in listed)
