"""Elasticsearch down (or not installed): the database engine answers (acceptance 4)."""

import logging

from search import engine
from search.database import DatabaseEngine
from search.models import SearchEntry
from search.types import Document, Query

DOCUMENT = Document(key="procedure:1", kind="procedure", title="Đăng ký tạm trú", url="/tam-tru/")


def test_closed_elasticsearch_port_falls_back_to_the_database(db, settings, caplog):
    DatabaseEngine().index([DOCUMENT])
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        results = engine.search(Query(text="dang ky tam tru"))
        suggestions = engine.suggest("dang ky t")
    assert results.engine == "database"
    assert [hit.title for hit in results.hits] == ["Đăng ký tạm trú"]
    assert [hit.title for hit in suggestions] == ["Đăng ký tạm trú"]
    assert any(record.levelno == logging.WARNING for record in caplog.records)


def test_writes_reach_the_database_when_elasticsearch_is_down(db, settings, caplog):
    DatabaseEngine().index([DOCUMENT])
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        engine.remove_keys([DOCUMENT.key])
    assert not SearchEntry.objects.filter(key=DOCUMENT.key).exists()


def test_without_elasticsearch_the_database_answers(db, settings):
    settings.ELASTICSEARCH_URL = ""
    assert engine.get_engine().name == "database"
