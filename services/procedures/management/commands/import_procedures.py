from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services.procedures.importer import (
    ImportReport,
    import_catalog,
    import_details,
    import_fields,
)
from services.procedures.models import FIXTURES_DIR

CATALOGUES = {"national-catalog-citizens.json", "national-catalog-businesses.json"}
IGNORED = {"agencies.json", "publishing-decisions.json"}


class ProgressBar:
    """A plain-text bar; redrawn in place on a terminal, one line per tenth otherwise (CI logs)."""

    def __init__(self, stream, total, width=30):
        self.stream, self.total, self.width = stream, max(total, 1), width
        self.done, self.last_tenth = 0, -1
        self.is_tty = hasattr(stream, "isatty") and stream.isatty()

    def __call__(self, label=""):
        self.done += 1
        filled = self.width * self.done // self.total
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} {label}"
        if self.is_tty:
            self.stream.write(f"\r{line[:100]:<100}")
            if self.done == self.total:
                self.stream.write("\n")
        elif (tenth := 10 * self.done // self.total) != self.last_tenth:
            self.last_tenth = tenth
            self.stream.write(f"{line}\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import procedures from national detail records (JSON files or folders), the fields list "
        "and the catalogue lists. Re-running updates in place; malformed records are reported "
        "and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="Files or folders (default: the bundled fixtures: fields, details, catalogue).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        paths = [Path(path) for path in options["paths"]] or [FIXTURES_DIR]
        files = []
        for path in paths:
            if path.is_dir():
                files += sorted(path.rglob("*.json"))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path}: no such file or folder")
        fields = [f for f in files if f.name == "fields.json"]
        catalogues = {f.name: f for f in files if f.name in CATALOGUES}
        details = [f for f in files if f.name not in CATALOGUES | IGNORED | {"fields.json"}]
        report = ImportReport()
        for path in fields:
            result = import_fields(path)
            self.stdout.write(f"Fields ({path.name}): {result}")
            report.errors += result.errors
        if details:
            progress = None if options["no_progress"] else ProgressBar(self.stderr, len(details))
            result = import_details(details, progress=progress)
            self.stdout.write(f"Procedure records: {result}")
            report.merge(result)
        if catalogues:
            result = import_catalog(
                catalogues.get("national-catalog-citizens.json", False),
                catalogues.get("national-catalog-businesses.json", False),
            )
            self.stdout.write(f"Catalogue: {result}")
            report.merge(result)
        for source, reason in report.errors:
            self.stderr.write(self.style.ERROR(f"Skipped {source}: {reason}"))
        self.stdout.write(self.style.SUCCESS(f"Total: {report}"))
