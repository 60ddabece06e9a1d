from datetime import date

from django.core.management.base import BaseCommand, CommandError

from services.payments import flows


class Command(BaseCommand):
    help = "List the payments of one day whose state differs between the portal and the gateway."

    def add_arguments(self, parser):
        parser.add_argument("--date", required=True, help="YYYY-MM-DD (Vietnam's day)")

    def handle(self, *args, **options):
        try:
            day = date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from error
        found = flows.mismatches(day)
        self.stdout.write(f"Payment mismatches on {day:%d/%m/%Y}: {len(found)}")
        if found:
            self.stdout.write("reference\tdossier\tamount\tportal\tgateway\tdetail")
        for item in found:
            payment = item.payment
            self.stdout.write(
                f"{payment.reference}\t{payment.dossier.code or payment.dossier_id}\t"
                f"{payment.amount}\t{item.ours}\t{item.gateway}\t{item.detail}"
            )
