#!/usr/bin/env bash
# Back up the portal: the database first, then the public media and the private media (citizens'
# dossier files), into one folder TARGET/portal-backup-<UTC time>/. Restore with deploy/restore.sh.
#
#   deploy/backup.sh [TARGET]          TARGET: $BACKUP_DIR, else $VAR_DIR/backups
#   BACKUP_KEEP=14 deploy/backup.sh    then deletes all but the 14 newest backups in TARGET
#
# Run it with the portal's own environment (DJANGO_SETTINGS_MODULE=portal.settings.base,
# DATABASE_URL, MEDIA_ROOT, PRIVATE_MEDIA_ROOT...), for example from a systemd timer whose service
# reads the same EnvironmentFile as the web process. Without DATABASE_URL it backs up the SQLite
# file of `make run`. PostgreSQL needs pg_dump of the server's major version or newer.
#
# The folder holds:
#   database.dump          pg_dump custom format (or database.sqlite3, SQLite's online backup)
#   media.tar              MEDIA_ROOT (images, documents)
#   private-media.tar      PRIVATE_MEDIA_ROOT (citizens' dossier files)
#   manifest.json          time, git commit, last migration per app, row counts of key tables,
#                          size and SHA-256 of each part
# It appears under its final name only when complete; a failed run exits non-zero and leaves
# nothing but a message. Media on object storage (S3_BUCKET) are not copied: back the bucket up
# with its own versioning or replication.
#
# PERSONAL DATA: the backup holds citizens' accounts, dossiers and their identity documents
# (Law 91/2025 on personal data protection). Its files are readable by their owner only; store it
# encrypted (gpg or age, to a key kept off this server), on infrastructure separate from production,
# and restore it on a test stack regularly. It holds nothing beyond the database and the two media
# folders: no environment file, no key from VAR_DIR, no agency signing key. Keep those in the
# secrets store.
set -euo pipefail
umask 077

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
# The same default as manage.py.
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}

fail() {
  echo "backup: $*" >&2
  exit 1
}

# Where the portal keeps its data, from its settings (shell assignments).
settings=$("$PYTHON" - <<'PYTHON'
import shlex

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

values = {
    "ENGINE": connection.vendor,
    "VAR_DIR": settings.VAR_DIR,
    "MEDIA_ROOT": settings.MEDIA_ROOT,
    "PRIVATE_MEDIA_ROOT": settings.PRIVATE_MEDIA_ROOT,
    "MEDIA_ON_DISK": int(isinstance(storages["default"], FileSystemStorage)),
    "PRIVATE_ON_DISK": int(isinstance(storages["private"], FileSystemStorage)),
}
for name, value in values.items():
    print(f"{name}={shlex.quote(str(value))}")
PYTHON
) || fail "cannot read the portal's settings (is its environment set?)"
eval "$settings"
case $ENGINE in
postgresql | sqlite) ;;
*) fail "unsupported database engine: $ENGINE" ;;
esac

TARGET=${1:-${BACKUP_DIR:-$VAR_DIR/backups}}
KEEP=${BACKUP_KEEP:-0}
[[ $KEEP =~ ^[0-9]+$ ]] || fail "BACKUP_KEEP must be a number of backups, not '$KEEP'"
mkdir -p "$TARGET"
TARGET=$(cd "$TARGET" && pwd -P)
for root in "$MEDIA_ROOT" "$PRIVATE_MEDIA_ROOT"; do
  case "$TARGET/" in
  "$(realpath -m "$root")/"*) fail "the target $TARGET is inside the media folder $root" ;;
  esac
done

# One backup at a time per target.
exec 9>"$TARGET/.backup.lock"
flock --nonblock 9 || fail "another backup is writing to $TARGET"
# Folders left behind by a backup that was killed (the lock says none is running).
find "$TARGET" -mindepth 1 -maxdepth 1 -type d -name '.portal-backup-*.partial' -exec rm -rf {} +

CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
NAME=portal-backup-$(date -u -d "$CREATED" +%Y%m%dT%H%M%SZ)
[[ ! -e $TARGET/$NAME ]] || fail "$TARGET/$NAME already exists"
WORK=$(mktemp -d "$TARGET/.$NAME.XXXXXX.partial")
trap 'rm -rf -- "$WORK"' EXIT

# 1. The database, with the facts of the manifest read from the same snapshot.
#
# The database goes first and the media after it, on purpose: the portal writes a file before the
# database row that refers to it commits (Django saves a FileField's file, then the row). So every
# file the dump refers to is already on disk when the copy of the media starts, and the archive
# holds it. The other way round, a dossier submitted between the two steps would be in the dump
# without its files. Files written after the dump are copied as harmless orphans. The one gap:
# a draft attachment deleted by its citizen while the backup runs (its file is removed before
# its row) can be referenced by the dump and missing from the copy.
"$PYTHON" - "$WORK" <<'PYTHON' || fail "the database dump failed"
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.db import DatabaseError, connection  # noqa: E402

work = Path(sys.argv[1])
# What the restore counts again: accounts, the audit log, dossiers and their files, content.
KEY_MODELS = [
    "accounts.User",
    "accounts.AuditEvent",
    "procedures.Procedure",
    "dossiers.Dossier",
    "dossiers.DossierAttachment",
    "dossiers.DossierEvent",
    "payments.Payment",
    "signing.SignedDocument",
    "wagtailcore.Page",
    "wagtaildocs.Document",
    "wagtailimages.Image",
]


def facts(cursor, tables):
    if "django_migrations" not in tables:
        sys.exit("backup: the database has no django_migrations table; nothing to back up.")
    # Migrations are applied in dependency order, so each app's last row is its head.
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    heads = dict(cursor.fetchall())
    counts = {}
    for label in KEY_MODELS:
        table = apps.get_model(label)._meta.db_table
        if table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (a model's table)
            counts[table] = cursor.fetchone()[0]
    return {"migrations": dict(sorted(heads.items())), "row_counts": counts}


def pg_environment():
    database = connection.settings_dict
    _, extra = connection.client.settings_to_cmd_args_env(database, [])
    named = {
        "PGHOST": database["HOST"],
        "PGPORT": database["PORT"],
        "PGUSER": database["USER"],
        "PGDATABASE": database["NAME"],
    }
    return {**os.environ, **{k: str(v) for k, v in named.items() if v}, **(extra or {})}


if connection.vendor == "sqlite":
    part = work / "database.sqlite3"
    source = Path(connection.settings_dict["NAME"]).resolve()
    if not source.is_file():
        sys.exit(f"backup: the database file {source} does not exist.")
    # SQLite's online backup: a consistent copy while the portal keeps writing.
    live = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(part)
    live.backup(copy)
    live.close()
    # Counted in the copy itself: exactly what the archive holds.
    cursor = copy.cursor()
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    found = facts(cursor, {row[0] for row in cursor.fetchall()})
    copy.close()
    server = sqlite3.sqlite_version
else:
    part = work / "database.dump"
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        sys.exit(f"backup: cannot connect to the database: {error}")
    with connection.cursor() as cursor:
        # One read-only snapshot, exported to pg_dump: the counts describe exactly the dump.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server = cursor.fetchone()
        found = facts(cursor, set(connection.introspection.table_names(cursor)))
        dump = subprocess.run(  # noqa: S603, S607 (pg_dump from PATH)
            ["pg_dump", "--format=custom", "--no-password", "--snapshot", snapshot, "--file", part],
            env=pg_environment(),
            check=False,
        )
        if dump.returncode:
            sys.exit("backup: pg_dump failed (its message is above).")
        cursor.execute("COMMIT")

database = {"engine": connection.vendor, "part": part.name, "server_version": server}
(work / "facts.json").write_text(json.dumps({"database": database, **found}))
PYTHON

# 2. The media, after the database (see above). Their files are PDFs and images, already
# compressed: the tars are not.
copy_media() {
  local root=$1 part=$2 status=0
  if [[ ! -d $root ]]; then
    tar --create --file "$WORK/$part" --files-from /dev/null
    return
  fi
  # Exit status 1 means a file changed or vanished while being read: one written or deleted after
  # the dump, which the dump does not refer to (see above). Anything else is an error.
  tar --create --file "$WORK/$part" --directory "$root" \
    --warning=no-file-changed --warning=no-file-removed . || status=$?
  ((status <= 1)) || fail "copying $root failed (tar exit status $status)"
}
if ((MEDIA_ON_DISK)); then
  copy_media "$MEDIA_ROOT" media.tar
else
  echo "backup: warning: media are on object storage, not in this backup" >&2
fi
if ((PRIVATE_ON_DISK)); then
  copy_media "$PRIVATE_MEDIA_ROOT" private-media.tar
else
  echo "backup: warning: private media are on object storage, not in this backup" >&2
fi

# 3. The manifest: the facts, plus the size and SHA-256 of every part.
COMMIT=$(git -C "$ROOT" rev-parse --verify --quiet HEAD 2>/dev/null || true)
"$PYTHON" - "$WORK" "$CREATED" "$COMMIT" <<'PYTHON' || fail "writing the manifest failed"
import hashlib
import json
import sys
from pathlib import Path

work, created, commit = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
facts = json.loads((work / "facts.json").read_text())
(work / "facts.json").unlink()
parts = {}
for path in sorted(work.iterdir()):
    with path.open("rb") as part:
        digest = hashlib.file_digest(part, "sha256").hexdigest()
    parts[path.name] = {"bytes": path.stat().st_size, "sha256": digest}
manifest = {"format": 1, "created": created, "git_commit": commit or None, **facts, "parts": parts}
(work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
PYTHON

# 4. On disk, then under its final name: a folder named portal-backup-* is always complete.
sync "$WORK"/* "$WORK"
mv --no-target-directory "$WORK" "$TARGET/$NAME"
trap - EXIT
sync "$TARGET"
echo "$TARGET/$NAME"

if ((KEEP > 0)); then
  find "$TARGET" -mindepth 1 -maxdepth 1 -type d -name 'portal-backup-*' | sort | head -n "-$KEEP" |
    while read -r old; do
      rm -rf -- "$old"
      echo "backup: deleted $old (BACKUP_KEEP=$KEEP)" >&2
    done
fi
