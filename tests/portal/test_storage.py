from pathlib import Path

from django.core.files.base import ContentFile

from services.dossiers.models import DossierAttachment


def test_dossier_files_are_kept_outside_the_public_media_folder(settings):
    storage = DossierAttachment._meta.get_field("file").storage
    name = storage.save("dossiers/1/giay-to.pdf", ContentFile(b"%PDF-1.4"))
    path = Path(storage.path(name))
    assert path.is_file()
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
