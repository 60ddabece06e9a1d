"""Processing screens, included by admin_urls under the "backoffice" namespace (/quan-tri/mot-cua/)."""

from django.urls import path

from . import processing_views as views

ACTION_PATHS = {
    "assign": "phan-cong",
    "appraise": "tham-dinh",
    "visit": "xac-minh",
    "consult": "xin-y-kien",
    "transfer": "chuyen-lien-thong",
    "submit_for_signature": "trinh-ky",
    "sign_result": "ky-ket-qua",
    "return_for_revision": "tra-lai-de-sua",
    "return_result": "tra-ket-qua",
    "propose_extension": "de-xuat-gia-han",
    "extend": "gia-han",
}

urlpatterns = [
    *(
        path(f"ho-so/<int:pk>/{slug}/", views.action, {"name": name}, name=name)
        for name, slug in ACTION_PATHS.items()
    ),
    path("ho-so/<int:pk>/phieu-kiem-soat.pdf", views.control_sheet, name="control_sheet"),
    path("ho-so/<int:pk>/du-thao-ket-qua/<int:draft_id>/", views.draft_file, name="draft_file"),
    path("lien-thong/", views.consultations, name="consultations"),
    path("lien-thong/<int:consultation_id>/", views.consultation, name="consultation"),
    path(
        "lien-thong/<int:consultation_id>/tep/",
        views.consultation_file,
        name="consultation_file",
    ),
    path("so-theo-doi/", views.register, name="register"),
]
