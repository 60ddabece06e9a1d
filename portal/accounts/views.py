import json

from allauth.usersessions.internal.flows.sessions import end_other_sessions
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.templatetags.portal_tags import portal_settings_for

from . import audit, personal_data
from .forms import ConsentForm
from .models import AuditEvent


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


@login_required
@require_POST
def logout_everywhere(request):
    """End every session of this person, on every device, this one included."""
    user = request.user
    end_other_sessions(request, user)
    audit.record(AuditEvent.Action.LOGOUT_EVERYWHERE, actor=user, subject=user, request=request)
    logout(request)
    messages.success(request, _("You have been logged out on every device."))
    return redirect("account_login")


@login_required
def consent(request):
    form = ConsentForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST" and form.is_valid():
        request.user.consented_at = timezone.now()
        request.user.save(update_fields=["consented_at"])
        return redirect(next_url)
    return render(request, "accounts/consent.html", {"form": form, "next": next_url})
