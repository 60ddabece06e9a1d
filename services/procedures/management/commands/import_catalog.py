from django.core.management.base import BaseCommand

from services.procedures.importer import import_catalog


class Command(BaseCommand):
    help = "Create or update procedures from the national catalogue files (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--citizens", help="Citizens' catalogue JSON (default: the bundled copy)"
        )
        parser.add_argument(
            "--businesses", help="Businesses' catalogue JSON (default: the bundled copy)"
        )

    def handle(self, *args, **options):
        report = import_catalog(options["citizens"], options["businesses"])
        self.stdout.write(f"Procedures: {report}.")
