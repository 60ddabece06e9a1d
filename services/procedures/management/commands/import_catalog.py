from django.core.management.base import BaseCommand

from services.procedures.models import Procedure


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
        created, updated = Procedure.objects.import_national_catalog(
            options["citizens"], options["businesses"]
        )
        self.stdout.write(f"Procedures: {created} created, {updated} updated.")
