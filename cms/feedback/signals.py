from django.conf import settings
from django.core.cache import cache
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .templatetags.feedback_tags import CACHE_KEY


def forget_statement_url(**kwargs):
    cache.delete_many([CACHE_KEY.format(code) for code, _name in settings.LANGUAGES])


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(forget_statement_url, dispatch_uid=f"feedback-statement-url-{id(signal)}")
