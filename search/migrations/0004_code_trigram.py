"""PostgreSQL only: a trigram index on the folded code as well. A search matches a word in the
title, the code or the body; with one of the three unindexed, PostgreSQL cannot combine the
indexes and reads the whole table on every search (seconds at 50,000 entries)."""

from django.db import migrations

from search.migrations._postgresql import run

FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_entry_code_fold_trgm "
    "ON search_searchentry USING gin (code_fold gin_trgm_ops)",
]
BACKWARDS = ["DROP INDEX IF EXISTS search_entry_code_fold_trgm"]


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [migrations.RunPython(run(FORWARDS), run(BACKWARDS))]
