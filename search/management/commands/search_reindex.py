from django.core.management.base import BaseCommand

from search import engine
from services.procedures.management.commands.import_procedures import ProgressBar


class Command(BaseCommand):
    help = "Rebuild the search index (and the Elasticsearch index when it is configured)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, **options):
        for search_engine in engine.write_engines():
            self.stdout.write(f"Index: {search_engine.name}")
            progress = None if options["no_progress"] else self.progress_bar()
            count = engine.rebuild(progress=progress, engines=[search_engine])
            self.stdout.write(self.style.SUCCESS(f"  {count} items indexed."))

    def progress_bar(self):
        bars = {}

        def report(done, total):
            bar = bars.get("bar") or bars.setdefault("bar", ProgressBar(self.stderr, total))
            while bar.done < min(done, bar.total):
                bar()

        return report
