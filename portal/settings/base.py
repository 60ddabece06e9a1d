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
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.accounts.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Page views per section and day, without any personal data (cms/analytics).
    "cms.analytics.middleware.VisitCounterMiddleware",
]

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory, or Redis when REDIS_URL is set.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {
    "disable-dormant-staff": {
        "task": "portal.accounts.tasks.disable_dormant_staff",
        "schedule": 24 * 3600,
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
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Public API of the provincial portal",
    "DESCRIPTION": "Administrative procedures (National Procedure Database) and the working-day "
    "calendar. Read-only, JSON, no sign-in, rate-limited per client.",
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

# Dossiers: online dossiers are received (code, receipt, appointment) the moment they are
# submitted; set to 0 where a one-stop officer must check each online dossier first.
DOSSIERS_AUTO_RECEIVE_ONLINE = env("DOSSIERS_AUTO_RECEIVE_ONLINE", True)
DOSSIERS_SMS_BACKEND = "default"
