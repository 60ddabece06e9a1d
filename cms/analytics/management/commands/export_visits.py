from datetime import date

from django.core.management.base import BaseCommand, CommandError

from cms.analytics.export import FORMATS, export


class Command(BaseCommand):
    help = "Export page views per day, section and language (CSV or JSON) for the EMC system."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--until", help="Last day, YYYY-MM-DD (default: today).")
        parser.add_argument("--format", choices=FORMATS, default="json", dest="output_format")

    def handle(self, *args, since, until=None, output_format="json", **options):
        try:
            first = date.fromisoformat(since)
            last = date.fromisoformat(until) if until else None
        except ValueError as error:
            raise CommandError("Dates are written YYYY-MM-DD, e.g. 2026-11-01.") from error
        self.stdout.write(export(first, output_format, last), ending="")
