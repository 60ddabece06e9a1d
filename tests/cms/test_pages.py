import re

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

from cms.models import HomePage, NewsIndexPage, NewsPage, StandardPage

pytestmark = pytest.mark.usefixtures("demo_site")

PAGES = {
    "/": ("vi", "Cổng thông tin điện tử tỉnh Tân Hòa"),
    "/gioi-thieu/co-cau-to-chuc/": ("vi", "Sở Tư pháp"),
    "/tin-tuc/khai-truong-cong-dich-vu-cong/": ("vi", "Tỉnh Tân Hòa khai trương"),
    "/en/": ("en", "Tan Hoa Province e-Portal"),
    "/en/about/organisation/": ("en", "Department of Justice"),
    "/en/news/public-service-portal-launched/": ("en", "Tan Hoa launches"),
}


@pytest.mark.parametrize(("url", "expected"), PAGES.items())
def test_pages_serve_in_their_language(client, url, expected):
    language, text = expected
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert text in html


def test_header_and_footer_name_the_agency_and_its_contacts(client):
    html = client.get("/").content.decode()
    for text in (
        "Ủy ban nhân dân tỉnh Tân Hòa",
        "Văn phòng Ủy ban nhân dân tỉnh Tân Hòa",
        "Số 1 đường Trần Hưng Đạo",
        "0200 3812 345",
        "mailto:banbientap@tanhoa.gov.vn",
        'class="skip-link" href="#main"',
        '<main id="main"',
    ):
        assert text in html


def test_english_footer_uses_the_english_names(client):
    html = client.get("/en/").content.decode()
    assert "People&#x27;s Committee of Tan Hoa Province" in html
    assert "1 Tran Hung Dao Street" in html


def test_main_menu_has_home_introduction_online_services_and_sitemap(client):
    html = client.get("/").content.decode()
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    hrefs = re.findall(r'href="([^"]+)"', menu)
    assert hrefs[0] == "/"
    assert "/gioi-thieu/" in hrefs
    assert "/dich-vu-cong/" in hrefs
    assert "/so-do-cong/" in hrefs


def test_language_switcher_links_to_the_translated_page(client):
    html = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert 'href="/en/about/organisation/" lang="en" hreflang="en"' in html
    assert 'rel="alternate" hreflang="en" href="http://testserver/en/about/organisation/"' in html
    html_en = client.get("/en/about/organisation/").content.decode()
    assert 'href="/gioi-thieu/co-cau-to-chuc/" lang="vi" hreflang="vi"' in html_en


def test_language_switcher_on_a_view_translates_the_route(client):
    html = client.get("/dich-vu-cong/?q=abc").content.decode()
    assert 'href="/en/dich-vu-cong/?q=abc" lang="en"' in html


def test_news_article_shows_author_source_and_date(client):
    article = NewsPage.objects.get(slug="phong-chong-thien-tai")
    html = client.get(article.url).content.decode()
    assert article.author in html
    assert article.source in html
    assert article.published_on.astimezone().strftime("%d/%m/%Y") in html


def test_html_sitemap_lists_every_page_of_the_language(client):
    html = client.get("/so-do-cong/").content.decode()
    home = HomePage.objects.get(locale__language_code="vi", slug="trang-chu")
    for page in home.get_descendants(inclusive=True).live():
        assert f'href="{page.url}"' in html
    assert "/en/about/" not in html
    # A component site has its own sitemap.
    assert "sotuphap.localhost" not in html


def test_sitemap_xml_lists_both_languages(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/gioi-thieu/co-cau-to-chuc/" in xml
    assert "/en/about/organisation/" in xml


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert 'class="skip-link"' in response.content.decode()


def test_search_finds_published_pages_of_the_active_language(client):
    from search import engine

    engine.rebuild()  # as load_demo does after loading the pages
    html = client.get("/tim-kiem/", {"q": "thiên tai"}).content.decode()
    assert "Chủ động phòng, chống thiên tai" in html
    assert "Preparing for the storm season" not in html


class TestPageTree(WagtailTestUtils):
    def test_page_types_sit_where_editors_expect(self):
        assert HomePage.can_create_at(Page.get_first_root_node())
        assert not StandardPage.can_create_at(Page.get_first_root_node())
        home = HomePage.objects.get(locale__language_code="vi", slug="trang-chu")
        assert StandardPage.can_create_at(home)
        assert NewsIndexPage.can_create_at(home)
        assert not NewsPage.can_create_at(home)
        assert NewsPage.can_create_at(NewsIndexPage.objects.filter(locale=home.locale).first())
        assert not HomePage.can_create_at(home)


def test_news_feed_lists_the_latest_articles_with_author(client):
    response = client.get("/tin-tuc/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    article = NewsPage.objects.filter(locale__language_code="vi").order_by("-published_on").first()
    assert f"<title>{article.title}</title>" in xml
    assert article.author in xml
    assert "Preparing for the storm season" not in xml
    assert "Preparing for the storm season" in client.get("/en/news/rss/").content.decode()


def test_news_index_announces_its_feed_and_articles_offer_printing(client):
    assert 'type="application/rss+xml"' in client.get("/tin-tuc/").content.decode()
    article = NewsPage.objects.get(slug="phong-chong-thien-tai")
    assert "data-print" in client.get(article.url).content.decode()


def test_search_results_link_to_the_next_page(client, django_capture_on_commit_callbacks):
    from cms import demo

    news_index = NewsIndexPage.objects.get(slug="tin-tuc")
    for number in range(11):
        # Pages added live are indexed once their transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            demo.ensure_child(
                news_index,
                NewsPage,
                f"thong-bao-{number}",
                title=f"Thông báo lịch tiếp dân số {number}",
                author="Ban biên tập",
                body=[demo.paragraph("Lịch tiếp dân định kỳ.")],
            )
    first = client.get("/tim-kiem/", {"q": "tiếp dân"}).content.decode()
    assert 'rel="next"' in first
    second = client.get("/tim-kiem/", {"q": "tiếp dân", "page": 2})
    assert len(second.context["page_obj"]) == 1
    assert 'rel="prev"' in second.content.decode()


def test_the_news_list_total_follows_publishing_and_deleting(client):
    from cms import demo

    def total():
        return client.get("/tin-tuc/").context["news"].paginator.count

    news_index = NewsIndexPage.objects.get(slug="tin-tuc")
    before = total()
    article = demo.ensure_child(
        news_index,
        NewsPage,
        "thong-bao-moi",
        title="Thông báo mới",
        author="Ban biên tập",
        body=[demo.paragraph("Nội dung.")],
    )
    assert total() == before + 1  # added already live
    article.unpublish()
    assert total() == before
    article.save_revision().publish()
    assert total() == before + 1
    article.delete()
    assert total() == before


def test_the_news_list_counts_its_articles_once_until_pages_change(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted_articles():
        with CaptureQueriesContext(connection) as queries:
            client.get("/tin-tuc/")
        return any("COUNT(" in query["sql"] and "cms_newspage" in query["sql"] for query in queries)

    counted_articles()
    assert not counted_articles()
    NewsPage.objects.live().first().unpublish()
    assert counted_articles()
