"""Content-Security-Policy with a fresh nonce per response (Django 5.2 has no CSP of its own).

Scripts run only from our own origin or when they carry this response's nonce: there is no
'unsafe-inline' for scripts anywhere. Templates print the nonce with {% csp_nonce %}; the tag reads a
context variable, so widget templates rendered without the request can use it too.
"""

import secrets
from contextvars import ContextVar

from django import template

current_nonce = ContextVar("csp_nonce", default="")

register = template.Library()


@register.simple_tag
def csp_nonce():
    return current_nonce.get()


def content_security_policy(nonce, *, admin=False):
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        # Wagtail's admin sets style attributes from its scripts; public pages need no inline style.
        "style-src": "'self' 'unsafe-inline'" if admin else f"'self' 'nonce-{nonce}'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "media-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    admin_prefixes = ("/quan-tri/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce
        token = current_nonce.set(nonce)
        try:
            response = self.get_response(request)
        finally:
            current_nonce.reset(token)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefixes)
            response["Content-Security-Policy"] = content_security_policy(nonce, admin=admin)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
