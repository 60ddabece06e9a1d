"""Keep the index in step with what the public can see: pages when they are published (or added
already live), unpublished, moved or deleted (never on a draft save), procedures, legal documents and questions
when they are saved or deleted. The work runs in a task after the transaction commits."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.tasks import later

from . import tasks as search_tasks
from .documents import key_for


def index_later(keys):
    keys = list(keys)
    later(search_tasks.index_keys, keys)


def remove_later(keys):
    keys = list(keys)
    later(search_tasks.remove_keys, keys)


def page_changed(sender, instance, **kwargs):
    index_later([key_for(instance)])


def page_created_live(sender, instance, created, raw=False, **kwargs):
    """A page added already live (the demo, imports) is published without a publish signal."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        index_later([key_for(instance)])


def page_deleted(sender, instance, **kwargs):
    remove_later([key_for(instance)])


def page_moved(sender, instance, **kwargs):
    # The addresses of the page and of everything under it have changed.
    pages = Page.objects.descendant_of(instance, inclusive=True)
    index_later(key_for(page) for page in pages.only("pk"))


def item_saved(sender, instance, **kwargs):
    index_later([key_for(instance)])


def item_deleted(sender, instance, **kwargs):
    remove_later([key_for(instance)])


def connect():
    from cms.feedback.models import Question
    from cms.models import LegalDocument
    from services.procedures.models import Procedure

    page_published.connect(page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search_page_moved")
    # Any sender: post_save names the page's own class, never Page.
    post_save.connect(page_created_live, dispatch_uid="search_page_created_live")
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="search_page_deleted")
    for model in (Procedure, LegalDocument, Question):
        post_save.connect(item_saved, sender=model, dispatch_uid=f"search_{model.__name__}_saved")
        post_delete.connect(
            item_deleted, sender=model, dispatch_uid=f"search_{model.__name__}_deleted"
        )
