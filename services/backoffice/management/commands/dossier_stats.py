"""manage.py dossier_stats --from YYYY-MM-DD --to YYYY-MM-DD [--agency CODE] [--procedure CODE]
[--field ID] [--format json|table]: the figures of statistics.compute(), as on every screen."""

import json
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from services.backoffice import statistics


def iso_date(value):
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = "Dossier statistics of a period (the same figures as the report, the page and the API)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, type=iso_date)
        parser.add_argument("--to", dest="end", required=True, type=iso_date)
        parser.add_argument("--agency", help="Agency code, e.g. 000.00.12.H99.")
        parser.add_argument("--procedure", help="Procedure code, e.g. 1.010041.")
        parser.add_argument("--field", type=int, help="Field id.")
        parser.add_argument("--format", choices=("json", "table"), default="table")

    def handle(self, *args, start, end, agency, procedure, field, format, **options):
        if end < start:
            raise CommandError("--to is before --from.")
        try:
            report = statistics.compute(start, end, agency=agency, field=field, procedure=procedure)
        except ObjectDoesNotExist as error:
            raise CommandError(f"Unknown agency, field or procedure: {error}") from error
        if format == "json":
            document = {
                "from": start.isoformat(),
                "to": end.isoformat(),
                "agency": agency,
                "field": field,
                "procedure": procedure,
                "totals": report.as_dict(),
                "agencies": [row.as_dict() for row in report.agencies],
                "procedures": [row.as_dict() for row in report.procedures],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{start:%d/%m/%Y} – {end:%d/%m/%Y}")
        width = max(len(str(label)) for label in statistics.LABELS.values())
        for _key, label, value in report.rows():
            self.stdout.write(f"{str(label):<{width}}  {value:>8}")
        for key, value in report.rates().items():
            shown = "–" if value is None else f"{value:.1f}%"
            self.stdout.write(f"{str(statistics.RATE_LABELS[key]):<{width}}  {shown:>8}")
