from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from services.signing.validation import validate_pdf


class Command(BaseCommand):
    help = (
        "Validate the signatures of a PDF and print the report as JSON, one object per signature. "
        "Exit code 0 when every signature is intact, trusted and covers the whole document, else 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        report = validate_pdf(data)
        self.stdout.write(report.dumps())
        if not report.is_valid:
            self.stderr.write(report.summary())  # the message, when the file could not be checked
            raise SystemExit(1)
