from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap as sitemap_xml
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.sitemaps import MultilingualSitemap
from portal import health
from search import views as search_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's own login would bypass allauth's rate limits and two-step verification.
    path("quan-tri/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("quan-tri/", include(wagtailadmin_urls)),
    path("", include("allauth.idp.urls")),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("api/", include("services.api.urls")),
    # Registered with VNPay by the merchant: these two addresses must never move.
    path("payments/", include("services.payments.gateway_urls")),
    path("api/lien-thong/", include("services.sync.urls")),
    path(
        "sitemap.xml", sitemap_xml, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap-xml"
    ),
]

urlpatterns += i18n_patterns(
    path("tai-khoan/", include("portal.accounts.urls")),
    path("dich-vu-cong/", include("services.procedures.urls")),
    path("ho-so/", include("services.dossiers.urls")),
    path("", include("services.signing.urls")),
    path("", include("services.payments.urls")),
    path("thong-ke/", include("services.backoffice.public_urls")),
    path("so-do-cong/", cms_views.sitemap, name="sitemap-html"),
    path("tim-kiem/", search_views.search, name="search"),
    path("tim-kiem/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# allauth looks for this name: its refusals (too many logins, sign-ups…) get the portal's 429 page.
handler429 = "portal.ratelimit.allauth_refused"
handler500 = "portal.middleware.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
