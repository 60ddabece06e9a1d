"""What tells the cache that pages changed (cms.models.pages_changed): publishing, unpublishing,
moving, renaming or deleting a page, a page added already live (the demo and the importers), and
any change to a view restriction."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .models import pages_changed


def page_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and isinstance(instance, Page) and instance.live:
        pages_changed()


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pages_changed()


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(pages_changed, dispatch_uid=f"cms-pages-changed-{id(signal)}")
    post_save.connect(page_saved, dispatch_uid="cms-page-added-live")
    post_delete.connect(page_deleted, dispatch_uid="cms-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(
            pages_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"cms-restriction-changed-{id(signal)}",
        )
