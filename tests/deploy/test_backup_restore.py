"""deploy/backup.sh and deploy/restore.sh: a received dossier and its files, backed up from one
stack and restored into an empty one, on SQLite and on PostgreSQL (scratch databases)."""

import json
import os
import secrets
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import port_open, require_service

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "deploy" / "backup.sh"
RESTORE = ROOT / "deploy" / "restore.sh"

pytestmark = pytest.mark.slow

# A citizen's dossier, received (so it has its code), with its two required PDFs in private media,
# and a document in public media.
CREATE = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.services.dossiers.factories import received_dossier

received_dossier()
Document.objects.create(title="Biểu mẫu", file=ContentFile(b"%PDF-1.4 bieu mau", name="bieu-mau.pdf"))
"""
# What must come back: each dossier's code, status and applicant, and every file's bytes.
DESCRIBE = """
import hashlib
import json

from wagtail.documents.models import Document

from services.dossiers.models import Dossier


def sha256(field):
    with field.open("rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


print(json.dumps({
    "dossiers": [
        {
            "code": dossier.code,
            "status": dossier.status,
            "applicant": dossier.applicant.email,
            "attachments": [
                {"name": file.file.name, "recorded_sha256": file.sha256, "sha256": sha256(file.file)}
                for file in dossier.attachments.order_by("pk")
            ],
        }
        for dossier in Dossier.objects.order_by("pk")
    ],
    "documents": [
        {"name": document.file.name, "sha256": sha256(document.file)}
        for document in Document.objects.order_by("pk")
    ],
}))
"""


@dataclass
class Stack:
    """A portal installation: its own folder for VAR_DIR and the media, its own database."""

    folder: Path
    database_url: str = ""  # empty: SQLite in the folder

    def environ(self):
        environ = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
        environ |= {
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "SECRET_KEY": "backup-test-only",
            "PYTHON": sys.executable,
            "VAR_DIR": str(self.folder / "var"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.folder / "private"),
        }
        if self.database_url:
            environ["DATABASE_URL"] = self.database_url
        return environ

    def run(self, *command, check=True):
        result = subprocess.run(
            [str(part) for part in command],
            cwd=ROOT,
            env=self.environ(),
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode:
            pytest.fail(f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        return result

    def manage(self, *arguments):
        return self.run(sys.executable, "manage.py", *arguments)

    def describe(self):
        return json.loads(self.manage("shell", "-c", DESCRIBE).stdout.splitlines()[-1])


def postgres_server():
    """The PostgreSQL server CI points DATABASE_URL at, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlsplit(url)._replace(path="", query="").geturl()


def psql(server, sql):
    subprocess.run(
        ["psql", f"{server}/postgres", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request):
    """Makes an empty database and returns its DATABASE_URL ("" for SQLite in the stack's folder).
    The PostgreSQL databases are scratch ones, dropped at the end."""
    if request.param == "sqlite":
        yield lambda role: ""
        return
    server = postgres_server()
    address = urlsplit(server)
    require_service(
        shutil.which("pg_dump") and port_open(address.hostname, address.port or 5432),
        f"PostgreSQL at {address.hostname}:{address.port or 5432} (with pg_dump)",
    )
    made = []

    def create(role):
        name = f"backup_{role}_{secrets.token_hex(4)}"
        psql(server, f'CREATE DATABASE "{name}"')
        made.append(name)
        return f"{server}/{name}"

    yield create
    for name in made:
        psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def damaged_copy(archive, folder):
    copy = shutil.copytree(archive, folder / archive.name)
    with (copy / "private-media.tar").open("r+b") as part:
        part.seek(600)
        byte = part.read(1)[0]
        part.seek(600)
        part.write(bytes([byte ^ 1]))
    return copy


# One test per database, in steps: under pytest-xdist, separate tests sharing a module fixture
# would each build their own source stack (a full migrate) on another worker.
def test_a_dossier_and_its_files_survive_a_backup_restored_into_an_empty_stack(
    new_database, tmp_path
):
    source = Stack(tmp_path / "source", new_database("src"))
    source.manage("migrate", "--noinput")
    source.manage("shell", "-c", CREATE)
    original = source.describe()
    [dossier] = original["dossiers"]
    assert dossier["code"]
    assert len(dossier["attachments"]) == 2
    assert all(file["sha256"] == file["recorded_sha256"] for file in dossier["attachments"])

    # The backup: one complete folder, readable by its owner only (personal data).
    backups = tmp_path / "backups"
    archive = Path(source.run(BACKUP, backups).stdout.splitlines()[-1])
    assert [path.name for path in backups.glob("*portal-backup-*")] == [archive.name]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o700
    manifest = json.loads((archive / "manifest.json").read_text())
    assert manifest["row_counts"]["dossiers_dossier"] == 1
    assert manifest["row_counts"]["dossiers_dossierattachment"] == 2
    assert manifest["migrations"]["dossiers"].startswith("0")
    assert set(manifest["parts"]) == {
        manifest["database"]["part"],
        "media.tar",
        "private-media.tar",
    }

    # A damaged backup is refused before anything is written.
    target = Stack(tmp_path / "target", new_database("dst"))
    refused = target.run(RESTORE, damaged_copy(archive, tmp_path), check=False)
    assert refused.returncode != 0
    assert "private-media.tar is damaged" in refused.stderr
    assert not (target.folder / "private").exists()

    # Restored into the empty stack: the same dossier, the same bytes.
    restored = target.run(RESTORE, archive).stdout
    assert "checksums match the manifest" in restored
    assert "row counts match the manifest" in restored
    assert target.describe() == original
    for file in dossier["attachments"]:
        assert (target.folder / "private" / file["name"]).is_file()

    # Not over a database that has tables, unless forced.
    refused = target.run(RESTORE, archive, check=False)
    assert refused.returncode != 0
    assert "already has" in refused.stderr
    assert "nothing restored" in refused.stderr
    forced = target.run(RESTORE, "--force", archive).stdout
    assert "emptying the database" in forced
    assert target.describe() == original


def test_a_failed_backup_leaves_no_folder(tmp_path):
    # No database file yet: the dump fails.
    stack = Stack(tmp_path / "empty")
    result = stack.run(BACKUP, tmp_path / "backups", check=False)
    assert result.returncode != 0
    assert "does not exist" in result.stderr
    assert [path.name for path in (tmp_path / "backups").iterdir()] == [".backup.lock"]
