import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def private_storage():
    return storages["private"]


def new_verification_code():
    # 128 bits, URL-safe: printed on the document and in its QR code.
    return secrets.token_urlsafe(16)


def verification_path(code):
    """The public verification page's address for `code` (signing:verify_code, language-neutral)."""
    return f"/xac-thuc/{code}/"


def signed_path(instance, filename):
    return f"signed/{timezone.now():%Y/%m}/{instance.verification_code}.pdf"


class SignedDocumentQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(valid=True)


class SignedDocument(models.Model):
    """A signed PDF issued or accepted by the portal: its bytes' hash is the registry entry the
    public verification page checks, and `validation` is the report made when it was stored."""

    class Kind(models.TextChoices):
        DECLARATION = "declaration", _("Applicant's declaration")
        BM01 = "BM.01", _("Receipt and appointment (BM.01)")
        BM02 = "BM.02", _("Request for additional documents (BM.02)")
        BM03 = "BM.03", _("Refusal to receive the dossier (BM.03)")
        BM04 = "BM.04", _("Apology and new appointment (BM.04)")
        BM05 = "BM.05", _("Dossier control sheet (BM.05)")
        RESULT = "result", _("Electronic result")
        PAYMENT_RECEIPT = "payment_receipt", _("Electronic fee receipt")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_documents",
        verbose_name=_("dossier"),
    )
    agency = models.ForeignKey(
        "accounts.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_documents",
        verbose_name=_("agency"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signed_documents",
        verbose_name=_("signed by"),
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=signed_path, storage=private_storage)
    sha256 = models.CharField(_("SHA-256 of the signed file"), max_length=64, db_index=True)
    source_sha256 = models.CharField(
        _("SHA-256 of the content signed"),
        max_length=64,
        blank=True,
        help_text=_("For a declaration: the hash of the answers it was generated from."),
    )
    verification_code = models.CharField(
        _("verification code"), max_length=32, unique=True, default=new_verification_code
    )
    valid = models.BooleanField(_("valid when stored"), default=False)
    validation = models.JSONField(_("validation report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SignedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("signed document")
        verbose_name_plural = _("signed documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["dossier", "kind", "-created_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("signing:download", args=[self.pk])

    @property
    def verification_path(self):
        return verification_path(self.verification_code)

    @property
    def signatures(self):
        return (self.validation or {}).get("signatures", [])

    @property
    def filename(self):
        code = self.dossier.code if self.dossier_id and self.dossier.code else self.pk
        return f"{self.kind}-{code}.pdf".replace("/", "-")
