import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.templatetags.portal_tags import portal_settings_for

from . import personal_data


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html", {"data": personal_data.collect(request.user)})


@login_required
def export_json(request):
    data = personal_data.export(request.user, request)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.json"'
    return response


@login_required
def export_pdf(request):
    data = personal_data.export(request.user, request)
    portal_name = portal_settings_for(request).portal_name or "Cổng thông tin điện tử"
    response = HttpResponse(
        personal_data.render_pdf(data, portal_name), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="du-lieu-ca-nhan.pdf"'
    return response


@login_required
@require_POST
def request_deletion(request):
    personal_data.request_deletion(request.user, request)
    messages.success(
        request,
        _(
            "Your deletion request has been received. An administrator will complete it and tell you by e-mail."
        ),
    )
    return redirect("my_data")
