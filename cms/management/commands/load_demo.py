from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms import demo
from services.backoffice import demo as backoffice_demo
from services.dossiers import demo as dossiers_demo
from services.procedures.models import Procedure


class Command(BaseCommand):
    help = "Load the demo province (pages, settings, procedure catalogue) and, in demo mode, demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Generate and print new passwords for the demo accounts.",
        )

    def handle(self, *args, **options):
        steps = ["pages", "procedures", "search", "accounts"]
        self.progress(1, steps, "Trang nội dung / pages")
        demo.load_site()
        self.progress(2, steps, "Danh mục thủ tục / procedure catalogue")
        created, updated = Procedure.objects.import_national_catalog()
        self.stdout.write(f"  {created} procedures created, {updated} updated.")
        self.progress(3, steps, "Chỉ mục tìm kiếm / search index")
        # The catalogue is imported in bulk, which sends no save signal: index everything once.
        call_command("search_reindex", "--no-progress", stdout=self.stdout)
        self.progress(4, steps, "Tài khoản demo / demo accounts")
        if not settings.DEMO_MODE:
            self.stdout.write("  DEMO_MODE is off: no account created.")
            return
        passwords = demo.ensure_demo_accounts(reset_passwords=options["reset_passwords"])
        # The demo dossiers were filed by a stand-in until the demo citizen existed.
        dossiers_demo.populate(None, None)
        # The back office's demo dossiers need the demo officers, created just above.
        backoffice_demo.populate(None, None)
        self.print_accounts(passwords)
        client_secret = demo.ensure_oidc_client(reset_secret=options["reset_passwords"])
        client = demo.DEMO_OIDC_CLIENT
        self.stdout.write(f"OpenID Connect client for other provincial systems: {client['id']}")
        self.stdout.write(
            f"  discovery: /.well-known/openid-configuration, redirect: {client['redirect_uris']}"
        )
        if client_secret:
            self.stdout.write(f"  secret (shown once): {client_secret}")

    def progress(self, number, steps, label):
        bar = "#" * number + "." * (len(steps) - number)
        self.stdout.write(f"[{bar}] {number}/{len(steps)} {label}")

    def print_accounts(self, passwords):
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Demo accounts (http://127.0.0.1:8000/quan-tri/ for staff):")
        )
        for account in demo.DEMO_ACCOUNTS:
            password = passwords.get(
                account.username, "(set earlier; --reset-passwords for a new one)"
            )
            self.stdout.write(f"  {account.label:<28} {account.username:<10} {password}")
        if passwords:
            self.stdout.write(self.style.WARNING("These passwords are shown once. Note them now."))
        self.stdout.write(
            "Staff accounts set up two-step verification (an authenticator app) at first login."
        )
