"""Django settings, read from the environment. Helpers fail loudly on a bad value."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CHANGEPATH_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean; use true or false")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def envsecret(name: str) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (for container secrets)."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={path!r} cannot be read: {exc.strerror}") from None
    return None


def _local_secret_key() -> str:
    """For a single local install: a random key kept in var/, made on first start."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("CHANGEPATH_DEBUG", False)
SECRET_KEY = envsecret("CHANGEPATH_SECRET_KEY") or _local_secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("CHANGEPATH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
HTTPS = envbool("CHANGEPATH_HTTPS", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "changepath.helpchat",
    "changepath.accounts",
    "changepath.audit",
    "changepath.casework",
    "changepath.programmes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "changepath.casework.security.StaffSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "changepath.helpchat.privacy.PrivacyHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

# --- staff accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/casework/login/"
AXES_FAILURE_LIMIT = envint("CHANGEPATH_LOGIN_FAILURE_LIMIT", 5)  # then the account is locked
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = ["username"]  # lock the account, not an address: staff share NHS and council networks
SILENCED_SYSTEM_CHECKS = ["axes.W006"]  # that choice, made on purpose (see the line above)
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # keep no log of successful sign-ins with addresses; failures are kept for lock-out
AXES_LOCKOUT_TEMPLATE = "casework/locked.html"
OTP_TOTP_ISSUER = "changepath"
STAFF_REAUTH_SECONDS = 300  # exports and deletions need a password entered this recently ("sudo mode")
# Keys that encrypt what identifies or locates a person (Fernet keys, comma-separated; the first
# encrypts, all decrypt, so keys can be rotated). Unset: a local key is made in var/field_keys.
CHANGEPATH_FIELD_KEYS = [k for k in (envsecret("CHANGEPATH_FIELD_KEYS") or "").split(",") if k.strip()]

ROOT_URLCONF = "changepath.urls"
WSGI_APPLICATION = "changepath.wsgi.application"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.csrf",
        "changepath.helpchat.context.site",
    ]},
}]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'changepath.sqlite3'}", conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- the anonymous chat's session: the only cookie, the only place a message lives -----------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"  # shared by every app server
SESSION_COOKIE_NAME = "cp_session"
SESSION_COOKIE_AGE = 60 * envint("CHANGEPATH_CHAT_IDLE_MINUTES", 30)  # idle conversations end
SESSION_SAVE_EVERY_REQUEST = True  # the idle clock restarts on every turn
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # no cookie on disk after the browser closes
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_SECURE = HTTPS
CSRF_USE_SESSIONS = True  # no separate CSRF cookie
CSRF_FAILURE_VIEW = "changepath.helpchat.views.csrf_failure"
# Transcripts are never kept beyond the session: how long an idle conversation lasts
# (CHANGEPATH_CHAT_IDLE_MINUTES) is the only retention there is.

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # other sites (the quick-exit one too) learn nothing; our own
# form posts keep their Origin header, which the CSRF check needs ("no-referrer" makes it "null").
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # serve straight from the app's static folder; no collectstatic step
USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

# --- changepath ------------------------------------------------------------------------------------
CHANGEPATH = {
    "CONTENT_DIR": os.environ.get("CHANGEPATH_CONTENT_DIR") or None,
    "COUNTRY": os.environ.get("CHANGEPATH_COUNTRY", "GB").upper(),
    # Where the quick exit goes: an ordinary, neutral page. A deployment may pick a local one.
    "QUICK_EXIT_URL": os.environ.get("CHANGEPATH_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather"),
    "SERVICE_NAME": os.environ.get("CHANGEPATH_SERVICE_NAME", "changepath"),
    "MAX_MESSAGE": 2000,
}

# --- logging: nothing a person wrote, and no address or browser, ever reaches a log -----------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "changepath.helpchat.privacy.RedactRequestFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("CHANGEPATH_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
