"""Project-wide invariants: lint, migrations, and what must never be committed."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail("Model changes without a migration:\n" + out.getvalue())


def test_no_locale_package_shadows_the_standard_library():
    assert not (ROOT / "locale" / "__init__.py").exists()


def test_nothing_reads_the_shared_folder_at_run_time():
    offenders = []
    for folder in ("portal", "cms", "services", "search"):
        for path in (ROOT / folder).rglob("*.py"):
            if "../shared" in path.read_text(encoding="utf-8") or "/shared/data" in path.read_text(
                encoding="utf-8"
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
