import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from cms.compliance.report import RED, compliance_report


class Command(BaseCommand):
    help = (
        "Print the legal content compliance report (ND 43 Arts. 10-13, ND 42 Art. 4) for monitoring. "
        "Exit code 0 when no item is red, 1 when at least one item is missing or overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, format, **options):
        with translation.override("vi"):
            results = compliance_report()
            if format == "json":
                self.stdout.write(
                    json.dumps(
                        [result.as_dict() for result in results], ensure_ascii=False, indent=2
                    )
                )
            else:
                for result in results:
                    due = (
                        " " + _("due %(day)s") % {"day": f"{result.due_on:%d/%m/%Y}"}
                        if result.due_on
                        else ""
                    )
                    self.stdout.write(
                        f"[{result.state.upper():5}] {result.item.code:7} {result.item.title}{due}"
                    )
        red = sum(result.state == RED for result in results)
        if red:
            # CommandError makes manage.py exit with status 1, which monitoring treats as an alert.
            raise CommandError(
                _("%(count)d item(s) missing or overdue.") % {"count": red}, returncode=1
            )
