from django.core.management.base import BaseCommand
from django.utils import timezone

from services.workdays.seeding import seed_holidays


class Command(BaseCommand):
    help = (
        "Add Vietnam's days off and make-up working days for the given years (holidays package plus "
        "the Government's official schedule). Idempotent: days already in the calendar, including "
        "editors' corrections, are never changed."
    )

    def add_arguments(self, parser):
        this_year = timezone.localdate().year
        parser.add_argument("--years", nargs="+", type=int, default=[this_year, this_year + 1])

    def handle(self, *args, years, **options):
        added = seed_holidays(years)
        self.stdout.write(f"Added {added} calendar days for {', '.join(map(str, sorted(years)))}.")
