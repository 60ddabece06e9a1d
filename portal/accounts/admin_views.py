"""Administrator screens in the Wagtail admin: unlock accounts, complete personal-data deletion."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import flows, personal_data
from .admin_forms import UnlockForm
from .models import User


@permission_required("accounts.unlock_accounts", raise_exception=True)
def unlock(request):
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        flows.unlock(
            form.cleaned_data["login"], ip=form.cleaned_data["ip"], by=request.user, request=request
        )
        messages.success(
            request,
            _("The lock on %(login)s has been lifted.") % {"login": form.cleaned_data["login"]},
        )
        return redirect("accounts_admin_unlock")
    return render(request, "accounts/admin/unlock.html", {"form": form})


@permission_required("accounts.change_user", raise_exception=True)
def deletion_requests(request):
    pending = User.objects.filter(deletion_requested_at__isnull=False, is_active=True).order_by(
        "deletion_requested_at"
    )
    return render(request, "accounts/admin/deletion_requests.html", {"pending": pending})


@require_POST
@permission_required("accounts.change_user", raise_exception=True)
def complete_deletion(request, pk):
    person = get_object_or_404(User, pk=pk, deletion_requested_at__isnull=False, is_active=True)
    personal_data.complete_deletion(person, by=request.user, request=request)
    messages.success(request, _("The account and its personal data have been deleted."))
    return redirect("accounts_admin_deletions")
