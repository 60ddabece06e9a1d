"""PostgreSQL only: accent-insensitive text search and trigram indexes that make the database
engine's `LIKE '%word%'` filters fast. Nothing to do on SQLite."""

from django.db import migrations

from search.migrations._postgresql import run

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vietnamese_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION vietnamese_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION vietnamese_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END
    $$
    """,
    "CREATE INDEX IF NOT EXISTS search_entry_title_fold_trgm "
    "ON search_searchentry USING gin (title_fold gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS search_entry_body_fold_trgm "
    "ON search_searchentry USING gin (body_fold gin_trgm_ops)",
]
BACKWARDS = [
    "DROP INDEX IF EXISTS search_entry_body_fold_trgm",
    "DROP INDEX IF EXISTS search_entry_title_fold_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vietnamese_unaccent",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
