#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an empty stack, then migrate it to this code.
#
#   deploy/restore.sh [--force] BACKUP        BACKUP: a portal-backup-<UTC time> folder
#
# Run it with the environment of the stack to fill (DJANGO_SETTINGS_MODULE, DATABASE_URL,
# MEDIA_ROOT, PRIVATE_MEDIA_ROOT...), with its web and worker processes stopped. In order:
#   1. checks the size and SHA-256 of every part against manifest.json;
#   2. refuses a database that already has tables, or media folders that are not empty:
#      --force empties the database first (tables, sequences, the search configuration...) and
#      unpacks over the media folders;
#   3. restores the database (pg_restore --no-owner --exit-on-error, in one transaction; or the
#      SQLite file) and checks its row counts against the manifest;
#   4. unpacks the public and the private media;
#   5. runs `manage.py migrate` (a backup from older code is brought forward) and prints the row
#      counts beside the manifest's.
# The backup holds personal data: see deploy/backup.sh. A PostgreSQL backup goes into PostgreSQL
# and a SQLite one into SQLite.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
# The same default as manage.py.
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}

fail() {
  echo "restore: $*" >&2
  exit 1
}

FORCE=0
BACKUP=
for argument in "$@"; do
  case $argument in
  --force) FORCE=1 ;;
  -*) fail "unknown option $argument (usage: deploy/restore.sh [--force] BACKUP)" ;;
  *)
    [[ -z $BACKUP ]] || fail "one backup at a time (usage: deploy/restore.sh [--force] BACKUP)"
    BACKUP=$argument
    ;;
  esac
done
[[ -n $BACKUP ]] || fail "usage: deploy/restore.sh [--force] BACKUP"
[[ -f $BACKUP/manifest.json ]] || fail "$BACKUP is not a backup folder (no manifest.json)"
BACKUP=$(cd "$BACKUP" && pwd)
cd "$ROOT"

# 1. Every part is there and intact, before anything is touched.
archive=$("$PYTHON" - "$BACKUP" <<'PYTHON'
import hashlib
import json
import shlex
import sys
from pathlib import Path

folder = Path(sys.argv[1])
manifest = json.loads((folder / "manifest.json").read_text())
if manifest.get("format") != 1:
    sys.exit(f"restore: unknown backup format {manifest.get('format')!r}.")
for name, expected in manifest["parts"].items():
    path = folder / name
    if "/" in name or not path.is_file():
        sys.exit(f"restore: the part {name} is missing from {folder}.")
    with path.open("rb") as part:
        digest = hashlib.file_digest(part, "sha256").hexdigest()
    if path.stat().st_size != expected["bytes"] or digest != expected["sha256"]:
        sys.exit(f"restore: {name} is damaged (not the manifest's SHA-256): nothing restored.")
database = manifest["database"]
print(f"ARCHIVE_ENGINE={shlex.quote(database['engine'])}")
print(f"DATABASE_PART={shlex.quote(database['part'])}")
print(f"CREATED={shlex.quote(manifest['created'])}")
print(f"COMMIT={shlex.quote(manifest['git_commit'] or 'unknown')}")
PYTHON
) || exit 1
eval "$archive"
echo "restore: $BACKUP (made $CREATED from commit $COMMIT): checksums match the manifest"

# 2. The stack to fill, from its settings: engine, database, media folders.
stack=$("$PYTHON" - <<'PYTHON'
import shlex

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

database = connection.settings_dict
values = {
    "ENGINE": connection.vendor,
    "SQLITE_FILE": database["NAME"] if connection.vendor == "sqlite" else "",
    "MEDIA_ROOT": settings.MEDIA_ROOT,
    "PRIVATE_MEDIA_ROOT": settings.PRIVATE_MEDIA_ROOT,
    "MEDIA_ON_DISK": int(isinstance(storages["default"], FileSystemStorage)),
    "PRIVATE_ON_DISK": int(isinstance(storages["private"], FileSystemStorage)),
}
if connection.vendor == "postgresql":
    # libpq's variables, so pg_restore and psycopg connect as the portal does.
    _, extra = connection.client.settings_to_cmd_args_env(database, [])
    named = {"PGHOST": "HOST", "PGPORT": "PORT", "PGUSER": "USER", "PGDATABASE": "NAME"}
    values |= {key: database[setting] for key, setting in named.items() if database[setting]}
    values |= extra or {}
for name, value in values.items():
    print(f"{name}={shlex.quote(str(value))}")
PYTHON
) || fail "cannot read this stack's settings (is its environment set?)"
eval "$stack"
[[ $ENGINE == "$ARCHIVE_ENGINE" ]] ||
  fail "this is a $ARCHIVE_ENGINE backup and this stack's database is $ENGINE (see DATABASE_URL)."
for part in media.tar private-media.tar; do
  on_disk=$MEDIA_ON_DISK
  [[ $part == media.tar ]] || on_disk=$PRIVATE_ON_DISK
  [[ ! -f $BACKUP/$part ]] || ((on_disk)) ||
    fail "this stack keeps its media on object storage: unpack $BACKUP/$part there yourself."
done
export ENGINE SQLITE_FILE PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD PGSSLMODE PGSSLROOTCERT \
  PGSSLCERT PGSSLKEY PGPASSFILE PGSERVICE

# Python on this stack's database without starting Django (quicker, and no app is loaded while
# the schema is missing or old): `connect()` and `tables(db)`, then the code given on stdin.
with_database() {
  "$PYTHON" - "$@" <<<"$(
    cat <<'PYTHON'
import os
import sqlite3
import sys


def connect():
    try:
        if os.environ["ENGINE"] == "sqlite":
            return sqlite3.connect(os.environ["SQLITE_FILE"])
        import psycopg

        return psycopg.connect("")  # the PG* variables
    except Exception as error:  # noqa: BLE001 (said in one line, not a traceback)
        sys.exit(f"restore: cannot open this stack's database: {error}")


def tables(db):
    if os.environ["ENGINE"] == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = ANY(current_schemas(false))"
    return {name for (name,) in db.execute(query).fetchall()}
PYTHON
    cat
  )"
}

TABLES=$(with_database <<'PYTHON'
print(len(tables(connect())))
PYTHON
) || exit 1
if ((TABLES > 0 && !FORCE)); then
  fail "the database already has $TABLES tables: nothing restored." \
    "Restore into an empty database, or pass --force to empty it first."
fi
has_files() { [[ -d $1 && -n $(find "$1" -mindepth 1 -print -quit) ]]; }
for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
  if has_files "$root" && ((!FORCE)); then
    fail "the media folder $root is not empty: nothing restored. Restore into empty folders," \
      "or pass --force to unpack over it."
  fi
done

# Counts the manifest's tables again: `strict` fails on any difference; `report` prints them.
compare_counts() {
  with_database "$BACKUP/manifest.json" "$1" <<'PYTHON'
import json
from pathlib import Path

manifest = json.loads(Path(sys.argv[1]).read_text())
db = connect()
present = tables(db)
rows = []
for table, expected in manifest["row_counts"].items():
    found = None
    if table in present:
        found = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
    rows.append((table, expected, found))
different = [table for table, expected, found in rows if found != expected]
if sys.argv[2] == "strict":
    if different:
        sys.exit(f"restore: row counts differ from the manifest in {', '.join(different)}.")
    print(f"restore: row counts match the manifest ({len(rows)} tables)")
else:
    width = max(len(table) for table, *_ in rows)
    print(f"{'table':<{width}}  {'backup':>9}  {'restored':>9}")
    for table, expected, found in rows:
        mark = "" if found == expected else "  (changed by a migration)"
        print(f"{table:<{width}}  {expected:>9}  {'-' if found is None else found:>9}{mark}")
PYTHON
}

# 3. The database.
if ((FORCE)); then
  echo "restore: --force: emptying the database ($TABLES tables)"
  if [[ $ENGINE == sqlite ]]; then
    rm -f -- "$SQLITE_FILE" "$SQLITE_FILE-wal" "$SQLITE_FILE-shm" "$SQLITE_FILE-journal"
  else
    with_database <<'PYTHON' || fail "emptying the database failed"
# Everything in the portal's schema that the dump may create again (tables, sequences, the search
# migration's text search configuration...), but not the extensions' own objects: the dump
# creates extensions with IF NOT EXISTS. In one transaction.
KINDS = [
    ("TABLE", "pg_class", "regclass", "relnamespace", "relkind IN ('r', 'p')"),
    ("VIEW", "pg_class", "regclass", "relnamespace", "relkind = 'v'"),
    ("MATERIALIZED VIEW", "pg_class", "regclass", "relnamespace", "relkind = 'm'"),
    ("SEQUENCE", "pg_class", "regclass", "relnamespace", "relkind = 'S'"),
    ("TEXT SEARCH CONFIGURATION", "pg_ts_config", "regconfig", "cfgnamespace", "true"),
    ("TEXT SEARCH DICTIONARY", "pg_ts_dict", "regdictionary", "dictnamespace", "true"),
    ("ROUTINE", "pg_proc", "regprocedure", "pronamespace", "prokind IN ('f', 'p')"),
    ("TYPE", "pg_type", "regtype", "typnamespace", "typtype IN ('e', 'd')"),
]
with connect() as db:
    for what, catalog, name, namespace, condition in KINDS:
        names = db.execute(
            f"SELECT x.oid::{name}::text FROM {catalog} x"  # noqa: S608 (constants above)
            f" WHERE x.{namespace} = current_schema()::regnamespace AND {condition}"
            " AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = x.oid"
            f" AND d.classid = '{catalog}'::regclass AND d.deptype = 'e')"
        ).fetchall()
        for (found,) in names:
            db.execute(f"DROP {what} IF EXISTS {found} CASCADE")
PYTHON
  fi
fi
if [[ $ENGINE == sqlite ]]; then
  mkdir -p "$(dirname "$SQLITE_FILE")"
  cp -- "$BACKUP/$DATABASE_PART" "$SQLITE_FILE.restoring"
  mv -f -- "$SQLITE_FILE.restoring" "$SQLITE_FILE"
else
  # One transaction: a failure leaves the database as empty as it was.
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --no-password \
    --dbname="${PGDATABASE:?DATABASE_URL names no database}" "$BACKUP/$DATABASE_PART" ||
    fail "pg_restore failed: nothing restored"
fi
compare_counts strict || fail "the restored database does not match the manifest"

# 4. The media.
restore_media() {
  local part=$1 root=$2
  if [[ -f $BACKUP/$part ]]; then
    mkdir -p "$root"
    tar --extract --file "$BACKUP/$part" --directory "$root" --no-same-owner
  else
    echo "restore: no $part in the backup (those media were on object storage)"
  fi
}
restore_media media.tar "$MEDIA_ROOT"
restore_media private-media.tar "$PRIVATE_MEDIA_ROOT"

# 5. Forward to this code's schema, then the counts beside the manifest's.
"$PYTHON" manage.py migrate --noinput
compare_counts report
echo "restore: done. Then: manage.py verify_audit_log; manage.py search_reindex if" \
  "ELASTICSEARCH_URL is set; start the web and worker processes."
