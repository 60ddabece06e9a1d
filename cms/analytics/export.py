"""Visit statistics for the national monitoring system (EMC, TT 22/2023/TT-BTTTT Art. 6).

Annex III of TT 22/2023, which fixes the EMC fields, was not available when this was written, so
the export is a plain, documented table that any connector can map:

One row per (date, section, language), sorted by date then section then language:

- ``date``: the day in the portal's time zone (Asia/Ho_Chi_Minh), ISO 8601 ``YYYY-MM-DD``;
- ``section``: the first segment of the page address after the language prefix (``tin-tuc``,
  ``van-ban``, ``dich-vu-cong``…), ``/`` for the home page;
- ``language``: ``vi`` or ``en``;
- ``views``: the number of pages viewed by people (robots, errors, the admin, files and the API are
  not counted). No visitor data exists to export: nothing about visitors is stored.

CSV: UTF-8, comma-separated, a header line ``date,section,language,views``.
JSON: ``{"generated_at": "<ISO 8601 datetime>", "since": "YYYY-MM-DD", "rows":
[{"date": …, "section": …, "language": …, "views": <int>}, …]}``.
"""

import csv
import io
import json
from datetime import date

from django.utils import timezone

from .models import VisitCount

FIELDS = ["date", "section", "language", "views"]
FORMATS = ("csv", "json")


def rows(since: date, until: date | None = None):
    counts = VisitCount.objects.since(since)
    if until:
        counts = counts.filter(date__lte=until)
    return [
        {
            "date": row["date"].isoformat(),
            "section": row["section"],
            "language": row["language"],
            "views": row["views"],
        }
        for row in counts.order_by("date", "section", "language").values(*FIELDS)
    ]


def to_csv(since: date, until: date | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(since, until))
    return out.getvalue()


def to_json(since: date, until: date | None = None) -> str:
    document = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "since": since.isoformat(),
        "rows": rows(since, until),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def export(since: date, output_format: str, until: date | None = None) -> str:
    if output_format not in FORMATS:
        raise ValueError(output_format)
    return to_csv(since, until) if output_format == "csv" else to_json(since, until)
