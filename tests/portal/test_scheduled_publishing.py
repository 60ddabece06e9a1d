from datetime import timedelta

from django.utils import timezone

from cms.models import NewsIndexPage, NewsPage
from portal.tasks import publish_scheduled_pages


def test_a_page_whose_go_live_time_has_come_is_published_by_the_beat_task(demo_site):
    news_index = NewsIndexPage.objects.filter(locale__language_code="vi").first()
    article = news_index.add_child(
        instance=NewsPage(
            title="Lịch tiếp công dân tháng 12",
            live=False,
            summary="Lịch tiếp.",
            author="Văn phòng",
        )
    )
    article.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
    assert not NewsPage.objects.get(pk=article.pk).live

    publish_scheduled_pages()

    assert NewsPage.objects.get(pk=article.pk).live
