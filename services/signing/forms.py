from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PdfUploadForm(forms.Form):
    """One PDF file, read into `cleaned_data["data"]`; larger than SIGNING_MAX_PDF_BYTES is refused
    before it is read."""

    file = forms.FileField(
        label=_("Signed PDF file"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        limit = settings.SIGNING_MAX_PDF_BYTES
        if uploaded.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB, the most that can be checked.")
                % {"size": limit // (1024 * 1024)}
            )
        self.cleaned_data["data"] = uploaded.read()
        return uploaded

    @staticmethod
    def limit_text():
        return _("PDF, at most %(size)s MB") % {
            "size": settings.SIGNING_MAX_PDF_BYTES // (1024 * 1024)
        }
