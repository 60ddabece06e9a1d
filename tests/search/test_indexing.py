"""What gets indexed and when (acceptance 3): only live, public content, on publication."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import StandardPage
from search import engine
from search.documents import document_for, iter_documents
from search.models import SearchEntry, SearchTerm
from search.types import Query
from services.procedures.models import Procedure


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run what is scheduled after commit (the index tasks) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def new_page(home, title, body, *, live=True):
    page = StandardPage(title=title, slug=title.lower().replace(" ", "-"), summary=body, live=live)
    home.add_child(instance=page)
    return page


def titles(text):
    return [hit.title for hit in engine.search(Query(text=text)).hits]


def test_publishing_indexes_and_unpublishing_removes(home, run_on_commit):
    with run_on_commit():
        page = new_page(home, "Lich tiep cong dan", "Lịch tiếp công dân tháng mười", live=False)
        page.save_revision()
    assert titles("tiep cong dan") == []
    with run_on_commit():
        page.get_latest_revision().publish()
    assert titles("tiep cong dan") == ["Lich tiep cong dan"]
    with run_on_commit():
        StandardPage.objects.get(pk=page.pk).unpublish()
    assert titles("tiep cong dan") == []
    assert not SearchEntry.objects.filter(key=f"page:{page.pk}").exists()


def test_a_draft_changes_nothing_until_it_is_published(home, run_on_commit):
    with run_on_commit():
        page = new_page(home, "Gio lam viec", "Giờ làm việc buổi sáng", live=False)
        page.save_revision().publish()
    page = StandardPage.objects.get(pk=page.pk)
    page.summary = "Giờ làm việc buổi chiều"
    with run_on_commit():
        revision = page.save_revision()
    assert titles("buoi chieu") == []
    assert titles("buoi sang") == ["Gio lam viec"]
    with run_on_commit():
        revision.publish()
    assert titles("buoi chieu") == ["Gio lam viec"]
    assert titles("buoi sang") == []


def test_drafts_and_private_pages_are_never_documents(home):
    draft = new_page(home, "Ban nhap", "Nội dung nháp", live=False)
    private = new_page(home, "Noi bo", "Nội dung nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    child = new_page(private, "Con noi bo", "Nội dung con")
    public = new_page(home, "Cong khai", "Nội dung công khai")
    assert document_for(draft) is None
    assert document_for(private) is None
    assert document_for(child) is None
    assert document_for(public).url == public.get_url()
    keys = {document.key for document in iter_documents()}
    assert f"page:{public.pk}" in keys
    assert not {f"page:{p.pk}" for p in (draft, private, child)} & keys


def test_deleting_and_moving_pages(home, run_on_commit):
    with run_on_commit():
        section = new_page(home, "Chuyen muc", "Chuyên mục")
        section.save_revision().publish()
        other = new_page(home, "Chuyen muc khac", "Chuyên mục khác")
        other.save_revision().publish()
        page = new_page(section, "Trang con di chuyen", "Trang con")
        page.save_revision().publish()
    with run_on_commit():
        Page.objects.get(pk=page.pk).move(other, pos="last-child")
    entry = SearchEntry.objects.get(key=f"page:{page.pk}")
    assert entry.url.startswith(other.get_url())
    with run_on_commit():
        Page.objects.get(pk=other.pk).delete()
    assert not SearchEntry.objects.filter(key__in=[f"page:{other.pk}", f"page:{page.pk}"]).exists()


def test_procedures_are_indexed_when_saved_and_removed_when_deleted(db, run_on_commit):
    with run_on_commit():
        procedure = Procedure.objects.create(
            code="9.999999", name="Cấp giấy phép nuôi chim yến", online_level="4", popularity=5
        )
    entry = SearchEntry.objects.get(key=f"procedure:{procedure.pk}")
    assert (entry.code, entry.online_level, entry.title_fold) == (
        "9.999999",
        4,
        "cap giay phep nuoi chim yen",
    )
    assert SearchTerm.objects.filter(word="yen").exists()
    assert titles("chim yen") == ["Cấp giấy phép nuôi chim yến"]
    with run_on_commit():
        procedure.delete()
    assert titles("chim yen") == []


def test_reindex_command_rebuilds_from_scratch(home, capsys):
    new_page(home, "Trang tim kiem", "Tìm kiếm toàn văn")
    SearchEntry.objects.create(key="page:999999", kind="page", title="Gone", url="/gone/")
    call_command("search_reindex")
    assert not SearchEntry.objects.filter(key="page:999999").exists()
    assert titles("tim kiem toan van") == ["Trang tim kiem"]
    assert "items indexed" in capsys.readouterr().out
