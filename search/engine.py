"""The search entry points. The database engine always answers; Elasticsearch answers instead
when ELASTICSEARCH_URL is set and the cluster responds. Writes go to the database index always
and to Elasticsearch as well when it is configured: a cluster that is down never breaks a page
or a publication."""

import logging

from django.conf import settings

from . import documents as searchable
from .database import DatabaseEngine

logger = logging.getLogger(__name__)


def elasticsearch_engine():
    """The Elasticsearch engine when it is configured and available, else None."""
    if not settings.ELASTICSEARCH_URL:
        return None
    try:
        from .elastic import ElasticsearchEngine

        return ElasticsearchEngine()
    except ImportError:
        logger.warning("ELASTICSEARCH_URL is set but search.elastic is missing: database search.")
    except Exception:
        logger.warning("Elasticsearch engine unavailable: database search.", exc_info=True)
    return None


def get_engine():
    """The engine that answers searches: Elasticsearch when configured, else the database."""
    return elasticsearch_engine() or DatabaseEngine()


def write_engines():
    return [engine for engine in (DatabaseEngine(), elasticsearch_engine()) if engine]


def _ask(method, *args, **kwargs):
    engine = get_engine()
    if engine.name != DatabaseEngine.name:
        try:
            return getattr(engine, method)(*args, **kwargs)
        except Exception:
            logger.warning(
                "Search engine %s failed on %s: answered from the database.",
                engine.name,
                method,
                exc_info=True,
            )
    return getattr(DatabaseEngine(), method)(*args, **kwargs)


def search(query):
    return _ask("search", query)


def suggest(text, *, locale="vi", limit=8):
    return _ask("suggest", text, locale=locale, limit=limit)


def _write(engine, method, *args, **kwargs):
    if engine.name == DatabaseEngine.name:
        return getattr(engine, method)(*args, **kwargs)
    try:
        return getattr(engine, method)(*args, **kwargs)
    except Exception:
        logger.warning("Search engine %s failed on %s.", engine.name, method, exc_info=True)
        return None


def index_keys(keys):
    """Index these items again, or remove them when they are gone or no longer public."""
    documents, gone = searchable.documents_for_keys(keys)
    for engine in write_engines():
        if documents:
            _write(engine, "index", documents)
        if gone:
            _write(engine, "remove", gone)


def remove_keys(keys):
    keys = list(keys)
    for engine in write_engines():
        _write(engine, "remove", keys)


def rebuild(progress=None, engines=None):
    """Rebuild every index from scratch; `progress(done, total)` is called per engine as it goes."""
    documents = list(searchable.iter_documents())
    for engine in engines or write_engines():
        _write(engine, "rebuild", documents, progress=progress)
    return len(documents)
