"""Citizens' payment screens (i18n) and the gateways' fixed addresses (gateway_urls, no prefix).

The return addresses only display: the state shown always comes from our database, which only a
server notification or a reconciliation query changes.
"""

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from services.dossiers.models import Dossier, IllegalTransition

from . import flows
from .backends import UnknownBackend, get_backend, is_configured
from .backends.base import GatewayError, int_or_none
from .backends.sandbox import CANCELLED, SUCCESS
from .models import Payment

logger = logging.getLogger(__name__)


def owned_dossier(request, pk):
    return get_object_or_404(
        Dossier.objects.for_citizen(request.user).select_related("procedure"), pk=pk
    )


@login_required
@require_POST
def pay(request, pk):
    """Create or reuse the pending payment of what is due, and send the citizen to the gateway."""
    dossier = owned_dossier(request, pk)
    try:
        payment = flows.start_payment(dossier, by=request.user)
        url = get_backend(payment.backend).payment_url(payment, request=request)
    except IllegalTransition as error:
        messages.error(request, error.message)
    except (GatewayError, UnknownBackend):
        logger.exception("Could not start a payment for dossier %s", dossier.pk)
        messages.error(
            request, _("The payment gateway cannot be reached. Please try again in a few minutes.")
        )
    else:
        return redirect(url)
    return redirect(dossier.get_absolute_url())


@login_required
def result(request, pk, reference):
    dossier = owned_dossier(request, pk)
    payment = get_object_or_404(dossier.payments.prefetch_related("lines"), reference=reference)
    return render(
        request,
        "payments/result.html",
        {
            "dossier": dossier,
            "payment": payment,
            "gateway_failed": payment.is_pending and request.GET.get("cong") == "0",
            "continue_url": dossier.get_absolute_url(),
        },
    )


# Gateways ---------------------------------------------------------------------------------------


def configured_backend(alias):
    if not is_configured(alias):
        raise Http404
    return get_backend(alias)


def return_error(request):
    return render(request, "payments/return_error.html", status=400)


def gateway_return(request, alias):
    backend = configured_backend(alias)
    message = backend.parse_return(request)
    payment = (
        Payment.objects.filter(reference=message.reference, backend=alias).first()
        if message.reference
        else None
    )
    if payment is None or (backend.signed_return and not message.signature_valid):
        return return_error(request)
    url = reverse("payments:result", args=[payment.dossier_id, payment.reference])
    if message.signature_valid and message.succeeded is False:
        url += "?cong=0"
    return redirect(url)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def gateway_notification(request, alias):
    """The gateway's server-to-server notification: the authority on a payment's state.

    Always answers in the gateway's format, even to nonsense: VNPay retries until it gets one.
    """
    backend = configured_backend(alias)
    message = backend.parse_notification(request)
    outcome = flows.receive_notification(
        backend, message, remote_addr=request.META.get("REMOTE_ADDR") or None
    )
    return backend.notification_response(outcome, message)


@require_http_methods(["GET", "POST"])
def sandbox_pay(request):
    """The simulated gateway's payment page."""
    backend = configured_backend("sandbox")
    params = request.GET.dict()
    amount = int_or_none(params.get("amount"))
    if not backend.verify(params) or amount is None:
        return return_error(request)
    if request.method == "POST":
        choice = request.POST.get("outcome")
        if choice not in ("pay", "cancel", "lose"):
            return return_error(request)
        code = CANCELLED if choice == "cancel" else SUCCESS
        result = backend.complete(params.get("reference", ""), amount, code)
        if choice != "lose":
            # The gateway's server notification, through the same handler as /payments/sandbox/ipn/.
            flows.receive_notification(
                backend, backend.message_from(result), remote_addr=request.META.get("REMOTE_ADDR")
            )
        return redirect(f"{reverse('payment_gateways:sandbox_return')}?{urlencode(result)}")
    return render(
        request,
        "payments/sandbox_gateway.html",
        {"reference": params.get("reference", ""), "amount": amount, "info": params.get("info")},
    )
