import json
from pathlib import Path

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from portal.text import fold, nfc

CATALOG_DIR = Path(__file__).resolve().parent / "fixtures" / "national"


class ProcedureQuerySet(models.QuerySet):
    def for_audience(self, audience):
        if audience == Procedure.Audience.CITIZEN:
            return self.filter(for_citizens=True)
        if audience == Procedure.Audience.BUSINESS:
            return self.filter(for_businesses=True)
        return self

    def matching(self, text):
        """Procedures whose code or name contains the text, ignoring case and diacritics."""
        folded = fold(text)
        return self.filter(search_text__contains=folded) if folded else self

    def most_used(self):
        return self.order_by("-popularity", "code")

    @transaction.atomic
    def import_national_catalog(self, citizens_path=None, businesses_path=None):
        """Create or update procedures from the national catalogue files; return (created, updated)."""
        rows = {}
        sources = (
            (citizens_path or CATALOG_DIR / "national-catalog-citizens.json", "for_citizens"),
            (businesses_path or CATALOG_DIR / "national-catalog-businesses.json", "for_businesses"),
        )
        for path, audience_field in sources:
            for record in json.loads(Path(path).read_text(encoding="utf-8")):
                code = record["TTHC_MA"].strip()
                row = rows.setdefault(
                    code,
                    {
                        "name": nfc(record["NAME"]),
                        "popularity": 0,
                        "for_citizens": False,
                        "for_businesses": False,
                        "is_sector_managed": False,
                    },
                )
                row[audience_field] = True
                row["popularity"] = max(row["popularity"], int(record.get("WEIGHT") or 0))
                row["is_sector_managed"] = (
                    row["is_sector_managed"] or record.get("ISNGANHDOC") == "1"
                )
        existing = {procedure.code: procedure for procedure in self.filter(code__in=rows)}
        to_create, to_update = [], []
        for code, values in rows.items():
            values["search_text"] = fold(f"{code} {values['name']}")
            procedure = existing.get(code)
            if procedure is None:
                to_create.append(Procedure(code=code, **values))
                continue
            if any(getattr(procedure, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(procedure, field, value)
                to_update.append(procedure)
        self.bulk_create(to_create, batch_size=500)
        self.bulk_update(to_update, list(next(iter(rows.values())).keys()), batch_size=500)
        return len(to_create), len(to_update)


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) from the national catalogue."""

    class Audience(models.TextChoices):
        CITIZEN = "citizen", _("Citizens")
        BUSINESS = "business", _("Businesses")

    code = models.CharField(_("national code"), max_length=30, unique=True)
    # Some legal procedure names run past 700 characters.
    name = models.TextField(_("name"))
    for_citizens = models.BooleanField(_("for citizens"), default=False)
    for_businesses = models.BooleanField(_("for businesses"), default=False)
    is_sector_managed = models.BooleanField(
        _("managed by a sector"),
        default=False,
        help_text=_("Handled by a vertically managed agency (ngành dọc)."),
    )
    popularity = models.PositiveBigIntegerField(_("popularity on the national portal"), default=0)
    search_text = models.TextField(editable=False, default="")

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["-popularity", "code"]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.name}")
        super().save(*args, **kwargs)
