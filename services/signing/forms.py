from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .validation import too_large_message


class PdfUploadForm(forms.Form):
    """One PDF file, read into `cleaned_data["data"]`; larger than SIGNING_MAX_PDF_BYTES is refused
    before it is read."""

    file = forms.FileField(
        label=_("Signed PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > settings.SIGNING_MAX_PDF_BYTES:
            raise forms.ValidationError(too_large_message())
        self.cleaned_data["data"] = uploaded.read()
        return uploaded

    @staticmethod
    def limit_text():
        return _("PDF, at most %(size)s MB") % {
            "size": settings.SIGNING_MAX_PDF_BYTES // (1024 * 1024)
        }
