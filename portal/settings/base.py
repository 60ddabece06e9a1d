"""Production-safe settings. Every deploy-time value comes from the environment (see .env.example).

Each external component is switched on by one variable and otherwise falls back to an embedded
default, so the portal runs on a bare machine: SQLite, eager Celery tasks, local-memory cache,
Wagtail's database search, e-mail written to the console and a folder, media on the local disk.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from portal.env import email_settings, env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = env("VAR_DIR", BASE_DIR / "var", cast=Path)

DEBUG = env("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env("ALLOWED_HOSTS", [], cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", [], cast=list)
# Demo mode loads the fictional province and creates demo accounts with generated passwords.
# It is never on unless asked for, so a production start creates no account at all.
DEMO_MODE = env("DEMO_MODE", False)

INSTALLED_APPS = [
    "portal.accounts",
    "cms",
    "cms.organisation",
    "cms.direction",
    "cms.planning",
    "cms.publications",
    "cms.feedback",
    "cms.multimedia",
    "cms.analytics",
    "cms.compliance",
    "services.procedures",
    "services.workdays",
    "services.eforms",
    "services.dossiers",
    "services.signing",
    "services.payments",
    "services.backoffice",
    "services.sync",
    "search",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wagtail.contrib.forms",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.accounts.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.idp.oidc",
]
# Widgets render through the project's templates, so our nonce-carrying overrides of Wagtail's
# date-picker widgets (portal/templates/wagtailadmin/widgets/) are used.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "portal.accounts.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Page views per section and day, without any personal data (cms/analytics).
    "cms.analytics.middleware.VisitCounterMiddleware",
]
# Page views are added up in memory and written this often (and when a process exits).
VISIT_COUNT_FLUSH_SECONDS = env("VISIT_COUNT_FLUSH_SECONDS", 10)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["portal.security"],
        },
    },
]

# Database: SQLite on a bare machine, PostgreSQL when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Covering-index columns (Index.include) speed PostgreSQL up; SQLite gets the plain index.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory, or Redis when REDIS_URL is set.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "portal"),
            # Short timeouts: a dead Redis must slow a page by seconds, not hang it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background jobs: run eagerly in-process unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Worker processes per node (default: one per core).
CELERY_WORKER_CONCURRENCY = env("CELERY_WORKER_CONCURRENCY", 0) or None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_EXPIRES = 24 * 3600
# Nothing in the portal waits on a task's return value. Storing none also keeps the result store
# out of sending a task, so while Redis is down a request that queues work still gets its answer.
# (The integration tests that wait on a real worker's result turn it back on.)
CELERY_TASK_IGNORE_RESULT = env("CELERY_TASK_IGNORE_RESULT", True)
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {
    "disable-dormant-staff": {
        "task": "portal.accounts.tasks.disable_dormant_staff",
        "schedule": 24 * 3600,
    },
    # Notifications recorded while the broker was down, or whose retries ran out.
    "send-unsent-notifications": {
        "task": "services.dossiers.tasks.send_unsent_notifications",
        "schedule": 60,
    },
    # Scheduled publishing (Wagtail's "go live" and "expiry" times) within five minutes.
    "publish-scheduled-pages": {
        "task": "portal.tasks.publish_scheduled_pages",
        "schedule": 5 * 60,
    },
    # The board's Monday-morning list of missing or overdue mandatory sections (ND 43 Art. 17).
    "send-weekly-compliance-report": {
        "task": "cms.compliance.tasks.send_weekly_compliance_report",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Next year's public holidays, before the government's schedule is typed in by an editor.
    "seed-coming-holidays": {
        "task": "services.workdays.tasks.seed_coming_holidays",
        "schedule": crontab(hour=2, minute=0, day_of_month=1, month_of_year=12),
    },
}

# Front cache (nginx, deploy/nginx/): when FRONTEND_CACHE_PURGE_URL is set, Wagtail sends PURGE
# for a page's URLs on publish, unpublish and move, so anonymous visitors never wait for the TTL.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", "")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Search: Wagtail's database backend always serves the admin; public search uses Elasticsearch
# when ELASTICSEARCH_URL is set (search/queries.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "portal")

# E-mail: written to the console and to var/mail/ unless EMAIL_URL names a real server.
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_BACKEND = "portal.mail.ConsoleAndFileBackend"
EMAIL_URL = env("EMAIL_URL", "")
if EMAIL_URL:
    globals().update(email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cổng thông tin điện tử <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS: written to the console and var/sms/ unless a gateway is configured (portal/sms.py).
SMS_BACKENDS = {
    "default": {
        "BACKEND": env("SMS_BACKEND", "portal.sms.ConsoleBackend"),
        "OPTIONS": {
            "url": env("SMS_GATEWAY_URL", ""),
            "token": env("SMS_GATEWAY_TOKEN", ""),
            "sender": env("SMS_SENDER", ""),
            "folder": VAR_DIR / "sms",
        },
    }
}

# Files: local folders, or S3-compatible object storage when S3_BUCKET is set.
MEDIA_ROOT = env("MEDIA_ROOT", VAR_DIR / "media", cast=Path)
MEDIA_URL = "/media/"
STATIC_ROOT = env("STATIC_ROOT", VAR_DIR / "static", cast=Path)
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
# Citizens' dossier files live apart from the public media folder: no web server or DEBUG route
# serves them; only permission-checked views stream them.
PRIVATE_MEDIA_ROOT = env("PRIVATE_MEDIA_ROOT", VAR_DIR / "private", cast=Path)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.storage.PrivateFileStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
S3_BUCKET = env("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", None),
            "region_name": env("S3_REGION", None),
            "access_key": env("S3_ACCESS_KEY_ID"),
            "secret_key": env("S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**STORAGES["default"]["OPTIONS"], "location": "private"},
    }

# Languages: Vietnamese first and unprefixed; English under /en/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Every login, staff included, goes through allauth: its rate limits, MFA and audit trail.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Nobody types a password for somebody else: new staff get a one-time invitation link.
WAGTAILUSERS_PASSWORD_ENABLED = False

# Accounts (django-allauth). Citizens sign up with an e-mail address and verify it.
ACCOUNT_ADAPTER = "portal.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "portal.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# Security level 3: at most 5 failed logins per account and per IP address in 15 minutes.
ACCOUNT_RATE_LIMITS = {"login_failed": "5/15m/ip,5/15m/key"}
# A province that uses only the national SSO (VNeID) switches citizens' local passwords off.
CITIZEN_LOCAL_PASSWORDS = env("CITIZEN_LOCAL_PASSWORDS", True)
# Idle time after which a session ends, in minutes.
SESSION_IDLE_MINUTES = {"citizen": 30, "staff": 15, "administrator": 5}
SESSION_COOKIE_AGE = 8 * 3600
STAFF_DORMANT_DAYS = 45
STAFF_DORMANT_WARNING_DAYS = 7

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = env("PORTAL_NAME", "Cổng thông tin điện tử")
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_FORMS = {"add_webauthn": "portal.accounts.mfa_forms.AddSecurityKeyForm"}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
USERSESSIONS_TRACK_ACTIVITY = True

# Login through an external OpenID Connect provider: the national identity (VNeID) or the national
# public-service portal's SSO in production; any standard provider works.
OIDC_PROVIDER_URL = env("OIDC_PROVIDER_URL", "")
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if OIDC_PROVIDER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": env("OIDC_PROVIDER_ID", "vneid"),
            "name": env("OIDC_PROVIDER_NAME", "VNeID"),
            "client_id": env("OIDC_CLIENT_ID"),
            "secret": env("OIDC_CLIENT_SECRET"),
            "settings": {"server_url": OIDC_PROVIDER_URL, "fetch_userinfo": True},
        }
    )
# The national providers verify e-mail addresses: an existing account with the same address is
# linked instead of being created twice.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False

# The portal as an OpenID Connect provider: one account for every system of the province.
IDP_OIDC_PRIVATE_KEY = env("IDP_OIDC_PRIVATE_KEY", "")
if not IDP_OIDC_PRIVATE_KEY and env("IDP_OIDC_PRIVATE_KEY_FILE", ""):
    IDP_OIDC_PRIVATE_KEY = Path(env("IDP_OIDC_PRIVATE_KEY_FILE")).read_text()
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

WAGTAIL_SITE_NAME = env("PORTAL_NAME", "Cổng thông tin điện tử")
WAGTAILADMIN_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Transport and browser security. Local development over http turns these off in dev.py.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain http inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_COOKIES = env("SECURE_COOKIES", True)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    # The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and Path=/.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail 8 logs every background task it runs; only problems are worth reading.
        "django_tasks": {"level": "WARNING"},
    },
}

# Public read API (services/api): OpenAPI schema at /api/schema/, browsable docs at /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": None,
    # Per client address, counted in the default cache (Redis when configured).
    "DEFAULT_THROTTLE_CLASSES": ["services.api.throttling.PublicRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env("API_THROTTLE_RATE", "120/minute")},
    # The one proxy in front (nginx) appends the client's address: count that last hop, not the
    # whole X-Forwarded-For header a client could vary at will (portal.accounts.audit.client_ip).
    "NUM_PROXIES": 1,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API of the provincial portal",
    "DESCRIPTION": "Public, read-only and rate-limited per client, with no sign-in: administrative "
    "procedures (National Procedure Database), the working-day calendar, dossier status by code and "
    "dossier statistics. For connected systems: the status webhook of an external one-stop system "
    "(HMAC-SHA256 signed) and the signed file links sent with synchronised dossiers.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Wagtail's admin API views are not part of the public API.
    "PREPROCESSING_HOOKS": ["services.api.schema.public_endpoints_only"],
    # Swagger UI from the drf-spectacular-sidecar package's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
}

# --- eforms: uploads and virus scanning (services/files) ---
# The largest document a citizen may upload; shown on screen as "PDF, JPG, PNG, tối đa 10 MB".
UPLOAD_MAX_BYTES = env("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# Uploads are scanned by clamd when CLAMD_URL is set (unix:///run/clamav/clamd.ctl or
# tcp://127.0.0.1:3310); otherwise by a dummy that only flags the EICAR test string.
# Scanning fails closed: an unreachable clamd refuses every upload.
CLAMD_URL = env("CLAMD_URL", "")
VIRUS_SCANNERS = {
    "default": (
        {
            "BACKEND": "services.files.scanning.ClamdScanner",
            "OPTIONS": {"url": CLAMD_URL, "timeout": env("CLAMD_TIMEOUT", 15.0)},
        }
        if CLAMD_URL
        else {"BACKEND": "services.files.scanning.EicarTestScanner"}
    )
}
# --- end eforms ---

# Dossiers: a one-stop officer checks each online dossier and receives it in the back office
# (code, receipt, appointment); set to 1 to receive online dossiers the moment they are submitted.
DOSSIERS_AUTO_RECEIVE_ONLINE = env("DOSSIERS_AUTO_RECEIVE_ONLINE", False)
DOSSIERS_SMS_BACKEND = "default"

# --- backoffice processing: daily deadline warnings and consultation reminders ---
# Every morning: dossiers due within one working day get an extension suggestion (BM.04 can be
# issued once, at the latest one day before the appointment), and consulted units late with their
# answer get a reminder (ND 61 Arts. 19.5, 19.9).
CELERY_BEAT_SCHEDULE["suggest-extensions"] = {
    "task": "services.backoffice.tasks.suggest_extensions",
    "schedule": crontab(hour=7, minute=15),
}
CELERY_BEAT_SCHEDULE["remind-late-consultations"] = {
    "task": "services.backoffice.tasks.remind_late_consultations",
    "schedule": crontab(hour=7, minute=30),
}
# Statistics: one computation per selection shared by every screen, the API and the exports for
# this long (0: computed on every request); the public page's default selection is recomputed
# before it expires, so no visitor waits for a province's year to be counted.
STATISTICS_CACHE_SECONDS = env("STATISTICS_CACHE_SECONDS", 600)
CELERY_BEAT_SCHEDULE["warm-statistics"] = {
    "task": "services.backoffice.tasks.warm_statistics",
    "schedule": max(STATISTICS_CACHE_SECONDS // 2, 60),
}
# --- end backoffice processing ---

# --- sync: national public service portal (DVCQG) and an external one-stop system ---
# Every dossier event is queued in a transactional outbox and delivered by Celery (services/sync).
# DVCQG_SYNC_URL is the national portal's dossier-sync endpoint; without it, DEBUG points at the
# local test endpoint below, and production keeps the messages queued until it is set.
DVCQG_SYNC_URL = env("DVCQG_SYNC_URL", "")
SYNC_TEST_ENDPOINT = env("SYNC_TEST_ENDPOINT", DEBUG)
SYNC_DESTINATIONS = {
    "dvcqg": {
        "BACKEND": "services.sync.destinations.NationalPortal",
        "OPTIONS": (
            {
                "url": DVCQG_SYNC_URL,
                "token": env("DVCQG_SYNC_TOKEN"),
                "secret": env("DVCQG_SYNC_SECRET", ""),
                "timeout": env("DVCQG_SYNC_TIMEOUT", 10.0),
            }
            if DVCQG_SYNC_URL
            else {
                "url": (
                    WAGTAILADMIN_BASE_URL.rstrip("/") + "/api/lien-thong/dvcqg-thu-nghiem/"
                    if DEBUG
                    else ""
                ),
                "timeout": 10.0,
            }
        ),
    },
}
# A province that keeps its own one-stop system: received dossiers are pushed to it, and it
# reports status changes to /api/lien-thong/mot-cua/trang-thai/ signed with the shared secret.
EXTERNAL_ONESTOP_URL = env("EXTERNAL_ONESTOP_URL", "")
EXTERNAL_ONESTOP_SECRET = env("EXTERNAL_ONESTOP_SECRET") if EXTERNAL_ONESTOP_URL else ""
if EXTERNAL_ONESTOP_URL:
    SYNC_DESTINATIONS["onestop"] = {
        "BACKEND": "services.sync.destinations.ExternalOneStop",
        "OPTIONS": {
            "url": EXTERNAL_ONESTOP_URL,
            "secret": EXTERNAL_ONESTOP_SECRET,
            "token": env("EXTERNAL_ONESTOP_TOKEN", ""),
            "timeout": env("EXTERNAL_ONESTOP_TIMEOUT", 10.0),
        },
    }
SYNC_WEBHOOK_WINDOW_SECONDS = env("SYNC_WEBHOOK_WINDOW_SECONDS", 300)
SYNC_FILE_LINK_MAX_AGE = env("SYNC_FILE_LINK_MAX_AGE", 24 * 3600)
# Delivery: claim SYNC_BATCH_SIZE messages at a time under a lease longer than the batch can take;
# retry with exponential back-off from 30 s up to 1 h; give up (for an operator) after 60 attempts.
SYNC_DELIVER_ON_COMMIT = True
SYNC_BATCH_SIZE = env("SYNC_BATCH_SIZE", 10)
SYNC_LEASE_SECONDS = env("SYNC_LEASE_SECONDS", 300)
SYNC_RETRY_BASE_SECONDS = env("SYNC_RETRY_BASE_SECONDS", 30)
SYNC_RETRY_MAX_SECONDS = env("SYNC_RETRY_MAX_SECONDS", 3600)
SYNC_MAX_ATTEMPTS = env("SYNC_MAX_ATTEMPTS", 60)
SYNC_RUN_SECONDS = env("SYNC_RUN_SECONDS", 50)
CELERY_BEAT_SCHEDULE["deliver-sync-messages"] = {
    "task": "services.sync.tasks.deliver_pending",
    "schedule": 60,
}
# --- end sync ---

# --- signing: digital signatures (services/signing) ---
# Backends by alias: "agency" signs forms, results and receipts; "citizen" signs the applicant's
# declaration. Without configuration both use the sandbox test CA (VAR_DIR/signing-sandbox/), whose
# documents say visibly that they are test signatures and whose root is trusted only while it is on.
# Production: SIGNING_AGENCY_BACKEND=pkcs12 (or pkcs11) and SIGNING_CITIZEN_BACKEND=csc or upload.
SIGNING_AGENCY_BACKEND = env(
    "SIGNING_AGENCY_BACKEND", "pkcs12" if env("SIGNING_PKCS12_FILE", "") else "sandbox"
)
SIGNING_CITIZEN_BACKEND = env(
    "SIGNING_CITIZEN_BACKEND", "csc" if env("SIGNING_CSC_URL", "") else "sandbox"
)
_SIGNING_CHOICES = {
    "sandbox": {"BACKEND": "services.signing.backends.sandbox.SandboxSigner"},
    "pkcs12": {
        "BACKEND": "services.signing.backends.pkcs12.Pkcs12Signer",
        "OPTIONS": {
            "path": env("SIGNING_PKCS12_FILE", ""),
            "passphrase": env("SIGNING_PKCS12_PASSPHRASE", ""),
        },
    },
    "pkcs11": {
        "BACKEND": "services.signing.backends.pkcs11.Pkcs11Signer",
        "OPTIONS": {
            "module": env("SIGNING_PKCS11_MODULE", ""),
            "token_label": env("SIGNING_PKCS11_TOKEN", ""),
            "key_label": env("SIGNING_PKCS11_KEY", ""),
            "pin": env("SIGNING_PKCS11_PIN", ""),
        },
    },
    "csc": {
        "BACKEND": "services.signing.backends.csc.CscSigner",
        "OPTIONS": {
            "service_url": env("SIGNING_CSC_URL", ""),
            "credential_id": env("SIGNING_CSC_CREDENTIAL", ""),
            "token": env("SIGNING_CSC_TOKEN", ""),
            "pin": env("SIGNING_CSC_PIN", ""),
        },
    },
    "upload": {"BACKEND": "services.signing.backends.upload.UploadOnly"},
}
SIGNING_BACKENDS = {
    "agency": _SIGNING_CHOICES[SIGNING_AGENCY_BACKEND],
    "citizen": _SIGNING_CHOICES[SIGNING_CITIZEN_BACKEND],
}
# Extra trusted root or intermediate certificates (files or folders of .crt/.pem), beside the
# Vietnamese roots shipped in services/signing/trust/.
SIGNING_TRUST_ROOTS = env("SIGNING_TRUST_ROOTS", [], cast=list)
# The largest PDF the verification page and the declaration upload accept.
SIGNING_MAX_PDF_BYTES = env("SIGNING_MAX_PDF_BYTES", 20 * 1024 * 1024)
# RFC 3161 time-stamping authority; empty: no timestamp token.
SIGNING_TIMESTAMP_URL = env("SIGNING_TIMESTAMP_URL", "")
SIGNING_TIMESTAMP_TIMEOUT = env("SIGNING_TIMESTAMP_TIMEOUT", 10)
# Fetch CRLs/OCSP when validating (needs outbound access); otherwise revocation is "not checked".
SIGNING_FETCH_REVOCATION = env("SIGNING_FETCH_REVOCATION", False)
SIGNING_LOCATION = env("SIGNING_LOCATION", "Việt Nam")
SIGNING_VERIFICATIONS_PER_HOUR = env("SIGNING_VERIFICATIONS_PER_HOUR", 30)
# --- end signing ---

# --- payments: online fees and charges (services/payments) ---
# Gateways by alias. VNPay is on when VNPAY_TMN_CODE and VNPAY_HASH_SECRET are set; the merchant
# registers the return URL /payments/vnpay/return/ and the IPN URL /payments/vnpay/ipn/ with VNPay.
# The DVCQG payment platform is on when DVCQG_PAYMENT_URL is set. The sandbox (a simulated gateway
# on this site, where anyone can "pay") runs only when no real gateway is set, or when
# PAYMENT_SANDBOX=1 says so explicitly.
VNPAY_TMN_CODE = env("VNPAY_TMN_CODE", "")
VNPAY_HASH_SECRET = env("VNPAY_HASH_SECRET", "")
VNPAY_PAYMENT_URL = env("VNPAY_PAYMENT_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")
VNPAY_API_URL = env("VNPAY_API_URL", "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction")
DVCQG_PAYMENT_URL = env("DVCQG_PAYMENT_URL", "")
PAYMENT_BACKENDS = {}
if VNPAY_TMN_CODE and VNPAY_HASH_SECRET:
    PAYMENT_BACKENDS["vnpay"] = {
        "BACKEND": "services.payments.backends.vnpay.VnpayBackend",
        "OPTIONS": {
            "tmn_code": VNPAY_TMN_CODE,
            "hash_secret": VNPAY_HASH_SECRET,
            "payment_url": VNPAY_PAYMENT_URL,
            "api_url": VNPAY_API_URL,
            "server_ip": env("VNPAY_SERVER_IP", "127.0.0.1"),
        },
    }
if DVCQG_PAYMENT_URL:
    PAYMENT_BACKENDS["dvcqg"] = {
        "BACKEND": "services.payments.backends.dvcqg.DvcqgBackend",
        "OPTIONS": {
            "url": DVCQG_PAYMENT_URL,
            "partner_code": env("DVCQG_PAYMENT_PARTNER_CODE"),
            "secret": env("DVCQG_PAYMENT_SECRET"),
            "token": env("DVCQG_PAYMENT_TOKEN", ""),
            "beneficiary_account": env("DVCQG_PAYMENT_ACCOUNT", ""),
            "beneficiary_bank": env("DVCQG_PAYMENT_BANK", ""),
            "beneficiary_name": env("DVCQG_PAYMENT_ACCOUNT_NAME", ""),
        },
    }
if env("PAYMENT_SANDBOX", not PAYMENT_BACKENDS):
    PAYMENT_BACKENDS["sandbox"] = {
        "BACKEND": "services.payments.backends.sandbox.SandboxBackend",
        "OPTIONS": {"secret": env("PAYMENT_SANDBOX_SECRET", "")},
    }
# The gateway new payments go to: PAYMENT_BACKEND, else VNPay, else DVCQG, else the sandbox.
PAYMENT_DEFAULT_BACKEND = env("PAYMENT_BACKEND", next(iter(PAYMENT_BACKENDS), "sandbox"))
# A payment not confirmed within this many minutes expires; reconciliation queries the gateway
# for payments pending longer than PAYMENT_RECONCILE_AFTER_MINUTES.
PAYMENT_EXPIRE_MINUTES = env("PAYMENT_EXPIRE_MINUTES", 15)
PAYMENT_RECONCILE_AFTER_MINUTES = env("PAYMENT_RECONCILE_AFTER_MINUTES", 15)
# Who receives the end-of-day mismatch report (comma-separated e-mail addresses).
PAYMENT_REPORT_EMAILS = env("PAYMENT_REPORT_EMAILS", [])
CELERY_BEAT_SCHEDULE["reconcile-pending-payments"] = {
    "task": "services.payments.tasks.reconcile_pending_payments",
    "schedule": 5 * 60,
}
CELERY_BEAT_SCHEDULE["report-payment-mismatches"] = {
    "task": "services.payments.tasks.report_payment_mismatches",
    "schedule": crontab(hour=23, minute=45),
}
# --- end payments ---

# --- rate limits: login, public look-ups, questions and dossier submission (portal/ratelimit.py) ---
# Counted per client address ("ip": behind our proxy, the last X-Forwarded-For hop) and per account
# ("user": signed-in visitors only), in the cache. The numbers leave room for a whole one-stop
# counter or a mobile carrier's shared address behind one IP: nobody on a normal journey meets them.
RATE_LIMITS = {
    # A look-up with a code, of a dossier or of a question (a GET with the code filled in).
    "lookup": env("RATE_LIMIT_LOOKUP", "60/m/ip,30/m/user"),
    # A question accepted for the editorial board (robots, errors and resends do not count).
    "question": env("RATE_LIMIT_QUESTION", "5/h/ip,5/h/user"),
    # The citizen's final "submit" of a dossier, accepted or not.
    "submission": env("RATE_LIMIT_SUBMISSION", "60/h/ip,20/h/user"),
}
# allauth counts every login POST per address itself, beside its failed-login lock above.
ACCOUNT_RATE_LIMITS["login"] = env("RATE_LIMIT_LOGIN", "30/m/ip")
# --- end rate limits ---
