"""Settings for thidua, read from the environment (one file for every deployment).

Production is the default: DEBUG is off unless ``DJANGO_DEBUG=1`` (``make run`` sets it), and then a
secret key is required. docs/deployment.md lists every variable with a complete production example.

Environment variables:
    DJANGO_DEBUG          "1" for development only (default off: production)
    DJANGO_SECRET_KEY     secret key, required when DEBUG is off (a development key is used when it is on)
    DJANGO_ALLOWED_HOSTS  comma-separated host names (default: none in production, local names in development)
    DJANGO_CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://thidua.example.gov.vn
    DJANGO_SECURE_PROXY_SSL_HEADER  header set by the HTTPS reverse proxy, e.g. X-Forwarded-Proto (value https)
    DJANGO_SECURE_SSL_REDIRECT  "1" to redirect plain HTTP to HTTPS
    DJANGO_SECURE_HSTS_SECONDS, DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS, DJANGO_SECURE_HSTS_PRELOAD   HSTS
    DJANGO_SECURE_COOKIES "0" to send session and CSRF cookies over plain HTTP too (default on in production)
    DATABASE_URL          e.g. postgres://postgres@127.0.0.1:5432/test; SQLite file when unset
    DJANGO_STATIC_ROOT    where collectstatic writes the static files WhiteNoise serves (default staticfiles/)
    THIDUA_ADMIN_2FA      "1" to require a TOTP second factor for system admins
    THIDUA_LOCKOUT_ATTEMPTS / THIDUA_LOCKOUT_MINUTES   login lock-out policy (passwords and TOTP codes)
    THIDUA_TASKS_IMMEDIATE  "1" to run background tasks inline (tests, demos)
    THIDUA_REVIEW_OPENS   "MM-DD" from which the current school year is the one under review (default 05-15)
    THIDUA_SITE_URL       the site's address for links in e-mails, e.g. https://thidua.example.gov.vn
    THIDUA_DISCLOSURE_DAYS  working days a round's proposed list stays disclosed by default (5)
    THIDUA_DISCLOSURE_REQUIRED  1: a line must have been disclosed before it is decided (default: not required)
    THIDUA_DOCUMENT_FONT_DIRS  ":"-separated font directories for generated PDFs (default: Debian's liberation2 and croscore)
    DJANGO_EMAIL_HOST, DJANGO_EMAIL_PORT, DJANGO_EMAIL_HOST_USER, DJANGO_EMAIL_HOST_PASSWORD,
    DJANGO_EMAIL_USE_TLS, DJANGO_EMAIL_USE_SSL, DJANGO_DEFAULT_FROM_EMAIL   SMTP for notification e-mails
    DJANGO_EMAIL_BACKEND  another e-mail backend (default: SMTP in production, the console in development)
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
# Commands that only compare or show the migrations sign nothing, so they run without the production secret
# (`manage.py makemigrations --check` in CI or packaging); everything that serves, works or checks still refuses.
KEYLESS_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate"}
_command = sys.argv[1] if len(sys.argv) > 1 and Path(sys.argv[0]).name == "manage.py" else ""
if not SECRET_KEY:
    if not DEBUG and _command in KEYLESS_COMMANDS:
        SECRET_KEY = secrets.token_urlsafe(50)  # throw-away: nothing is signed by these commands
    elif not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set: DJANGO_DEBUG is off, so this is a production configuration "
            "(see docs/deployment.md). For development set DJANGO_DEBUG=1 (make run does)."
        )
    else:
        SECRET_KEY = "dev-only-insecure-key-thidua"  # noqa: S105 - development default only
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Behind an HTTPS reverse proxy (docs/deployment.md): trust its header only when it is configured, and
# only then does Django know a request came in over HTTPS.
_proxy_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "thidua.core",
    "thidua.audit",
    "thidua.years",
    "thidua.org",
    "thidua.people",
    "thidua.accounts",
    "thidua.awards",
    "thidua.imports",
    "thidua.rules",
    "thidua.notifications",
    "thidua.movements",
    "thidua.scoring",
    "thidua.documents",
    "thidua.nominations",
    "thidua.dossiers",
    "thidua.councils",
    "thidua.disclosures",
    "thidua.registrations",
    "thidua.initiatives",
    "thidua.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from STATIC_ROOT (collectstatic), before sessions or the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thidua.core.csp.ContentSecurityPolicyMiddleware",
    "thidua.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.LanguageMiddleware",
    "thidua.core.middleware.InputCleaningMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "thidua.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "thidua.urls"
WSGI_APPLICATION = "thidua.wsgi.application"

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
                "django.template.context_processors.i18n",
                "thidua.accounts.context_processors.navigation",
                "thidua.notifications.context_processors.inbox",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["thidua.accounts.backends.LockoutModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
THIDUA_LOCKOUT_ATTEMPTS = int(os.environ.get("THIDUA_LOCKOUT_ATTEMPTS", "5"))
THIDUA_LOCKOUT_MINUTES = int(os.environ.get("THIDUA_LOCKOUT_MINUTES", "15"))
THIDUA_ADMIN_2FA = env_bool("THIDUA_ADMIN_2FA", False)
THIDUA_API_TOKEN_DAYS = int(os.environ.get("THIDUA_API_TOKEN_DAYS", "30"))
THIDUA_MAX_UPLOAD_MB = int(os.environ.get("THIDUA_MAX_UPLOAD_MB", "10"))
# Where generated PDFs find their Times-compatible faces (thidua/documents/fonts.py); ":"-separated.
THIDUA_DOCUMENT_FONT_DIRS = os.environ.get(
    "THIDUA_DOCUMENT_FONT_DIRS", "/usr/share/fonts/truetype/liberation2:/usr/share/fonts/truetype/croscore"
).split(":")
THIDUA_MAX_IMPORT_MB = int(os.environ.get("THIDUA_MAX_IMPORT_MB", "20"))
# Working days a round's list stays disclosed (công khai) unless the officer picks another number (DOMAIN §8.4 ❓).
THIDUA_DISCLOSURE_DAYS = int(os.environ.get("THIDUA_DISCLOSURE_DAYS", "5"))
# A line never disclosed blocks its decision only when this is set (the strict reading of Luật TĐKT 2022 Điều 84.5).
THIDUA_DISCLOSURE_REQUIRED = os.environ.get("THIDUA_DISCLOSURE_REQUIRED", "") == "1"
THIDUA_REVIEW_OPENS = os.environ.get("THIDUA_REVIEW_OPENS", "05-15")  # thidua.years.review
# Notification e-mails (thidua.notifications): the console in development, SMTP in production.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "thidua@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in e-mails: the site's public address (default: https:// and the first allowed host).
THIDUA_SITE_URL = os.environ.get("THIDUA_SITE_URL", "").strip() or (
    "http://127.0.0.1:8000" if DEBUG else (f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "")
)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("THIDUA_MEDIA_ROOT", BASE_DIR / "media"))

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
# collectstatic writes hashed, compressed copies (gzip, brotli) that WhiteNoise serves with a far-future
# cache; with DEBUG off a page needs that manifest (``make serve`` runs collectstatic first).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Source maps are for developer tools only; compressing them (5 MB of the API docs' bundles) would double
# the time collectstatic takes.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "thidua.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("THIDUA_TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "thidua.core.middleware.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Where a missing registration (đăng ký thi đua) makes an emulation title not eligible (decision 0017; DOMAIN §8.1 ❓):
# entries {"regime": code or "*", "unit": unit code or "*", "required": bool}, the most specific unit winning
# (``rules.registration_policy``). Empty: the registration criterion is shown and never changes a verdict.
THIDUA_REGISTRATION_REQUIRED: list[dict] = []
