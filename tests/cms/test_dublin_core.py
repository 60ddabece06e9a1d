import re

import pytest
from django.utils import timezone

from cms.models import LegalDocument, NewsPage

pytestmark = pytest.mark.usefixtures("demo_site")
ELEMENTS = ("title", "creator", "date", "description", "publisher", "identifier")


def dublin_core(html):
    return dict(re.findall(r'<meta name="DC\.(\w+)" content="([^"]*)">', html))


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/tin-tuc/",
        "/dich-vu-cong/",
        "/so-do-cong/",
        "/van-ban/",
        "/tai-khoan/login/",
    ],
)
def test_every_page_carries_the_mandatory_elements(client, url):
    elements = dublin_core(client.get(url).content.decode())
    assert all(elements.get(name) for name in ELEMENTS), elements


def test_news_metadata_names_the_author_and_the_page(client):
    article = NewsPage.objects.get(slug="phong-chong-thien-tai")
    elements = dublin_core(client.get(article.url).content.decode())
    assert elements["title"] == article.title
    assert elements["creator"] == article.author
    assert elements["publisher"] == "Ủy ban nhân dân tỉnh Tân Hòa"
    assert elements["identifier"] == f"http://testserver{article.url}"
    assert elements["date"] == timezone.localdate(article.last_published_at).isoformat()
    assert elements["language"] == "vi"


def test_a_legal_document_is_described_by_its_own_data(client):
    document = LegalDocument.objects.get(number_symbol="66.9/2025/NQ-CP")
    elements = dublin_core(client.get(f"/van-ban/{document.pk}/").content.decode())
    assert elements["title"] == "66.9/2025/NQ-CP"
    assert elements["creator"] == "Chính phủ"
    assert elements["date"] == document.issued_on.isoformat()
