"""The database is gone (restarted, failed over, network cut): answer 503 with a plain Vietnamese page
and Retry-After instead of the generic 500, and recover by itself at the next request.

The page is a static template rendered without a request, so it needs neither the database nor the
site settings. Every uncaught error, in a view or in a middleware (the session or the user loaded
before the view), reaches `server_error`, the handler500: one place decides 503 or 500.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def unavailable(exception):
    logger.warning("Database unavailable, answered 503: %s", exception)
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the 503 page when the database is the cause, Django's 500 page otherwise."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable(exception)
    return defaults.server_error(request, template_name)
