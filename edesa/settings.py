"""E-Desa settings, read from the environment (12-factor).

Every value that differs between a laptop, a village node, CI and the regency hub comes from an
environment variable (or a `.env` file beside manage.py); defaults are safe for `make run`.
"""
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# A missing key is only tolerated in DEBUG/test runs; production must set DJANGO_SECRET_KEY.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or env.bool("EDESA_ALLOW_DEV_KEY", default=False)):
        raise environ.ImproperlyConfigured("DJANGO_SECRET_KEY harus diisi di lingkungan produksi.")
    SECRET_KEY = "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# hub = the regency server; node = an isolated village's own machine (see docs/architecture.md).
EDESA_ROLE = env.str("EDESA_ROLE", default="hub")
if EDESA_ROLE not in {"hub", "node"}:
    raise environ.ImproperlyConfigured("EDESA_ROLE harus 'hub' atau 'node'.")
EDESA_NODE_ID = env.str("EDESA_NODE_ID", default=EDESA_ROLE)
EDESA_KABUPATEN = env.str("EDESA_KABUPATEN", default="62.07")
EDESA_2FA_WAJIB_ADMIN = env.bool("EDESA_2FA_WAJIB_ADMIN", default=False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "apps.sinkron",
    "apps.wilayah",
    "apps.akun",
    "apps.kependudukan",
    "apps.dokumen",
    "apps.surat",
    "apps.persuratan",
    "apps.perencanaan",
    "apps.aspirasi",
    "apps.dasbor",
]

# Background work (imports, reports) goes through Django's task interface (django-tasks
# backport). The embedded default keeps the queue in the database: no broker, one
# `manage.py db_worker` process beside the web server (`make run` starts both). At scale,
# workers run on other machines against the same database.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "edesa.middleware.TolakKarakterNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "apps.akun.middleware.TwoFactorMiddleware",
    "apps.sinkron.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "edesa.urls"
WSGI_APPLICATION = "edesa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.akun.context_processors.navigasi",
            ],
        },
    }
]

# SQLite (WAL) is the embedded default: `make run` and a village node need no database server.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'edesa.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue instead of
            # failing with "database is locked" halfway through (the journal chain needs this).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000; PRAGMA temp_store=MEMORY;"
            ),
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by all web processes on the machine (rate limits, cached counts); Redis at scale:
# CACHE_URL=redis://127.0.0.1:6379/1
CACHES = {"default": env.cache_url("CACHE_URL", default=f"filecache://{BASE_DIR / 'var' / 'cache'}")}

AUTH_USER_MODEL = "akun.Pengguna"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.akun.backends.UsernameOrEmailBackend",
    "apps.surat.backends.NikPinBackend",  # layanan mandiri: residents log in with NIK + PIN
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2  # a reset link is valid for two hours
EDESA_RESET_SANDI_PER_JAM = env.int("EDESA_RESET_SANDI_PER_JAM", default=5)
LOGIN_URL = "akun:masuk"
LOGIN_REDIRECT_URL = "dasbor:beranda"
LOGOUT_REDIRECT_URL = "akun:masuk"

# Lockout after repeated failures (django-axes): per username+IP so one attacker cannot lock
# every official out of the system from one address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "akun/terkunci.html"
AXES_VERBOSE = False
# Failures count per account, whatever spelling reached it ("Bpd", "bpd@...", " bpd").
AXES_USERNAME_CALLABLE = "apps.akun.backends.axes_username"
# Behind a reverse proxy, the client address is in X-Forwarded-For: set the number of proxies.
EDESA_JUMLAH_PROXY = env.int("AXES_IPWARE_PROXY_COUNT", default=0)
# One notion of "the client's address" for axes, our rate limits and DRF (apps/akun/klien.py).
AXES_CLIENT_IP_CALLABLE = "apps.akun.klien.ip_klien"

# Sessions: officials share PCs in village offices; idle sessions end.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 2)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# HTTPS hardening turns on where the deployment says it runs behind TLS.
HTTPS = env.bool("EDESA_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("EDESA_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Bootstrap components and Leaflet set style attributes; scripts stay strict.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "id"
# Source strings are Indonesian; add a language here once its catalogue in locale/ exists.
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")  # Seruyan is WIB (UTC+7)
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names + far-future caching; served by WhiteNoise so a village node needs no web server.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")

# EMAIL_URL=smtp+tls://user:password@smtp.example.go.id:587 configures outgoing mail. Without
# it, mail is printed to the console only in DEBUG; in production it is dropped, because a
# password-reset link in a server log is an account takeover for anyone who reads the log.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env.str(
        "EMAIL_BACKEND",
        default="django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.dummy.EmailBackend",
    )
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="E-Desa <noreply@edesa.local>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "apps.akun.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "30/min", "user": "600/min"},
    # Anonymous throttling keys on the client address; behind N reverse proxies DRF must know N,
    # else it would trust whatever X-Forwarded-For a client sends (the same setting as axes).
    "NUM_PROXIES": env.int("AXES_IPWARE_PROXY_COUNT", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "E-Desa API",
    "DESCRIPTION": "API E-Desa: wilayah, unit kerja, kependudukan, jurnal perubahan. "
    "Semua data dibatasi oleh cakupan (scope) peran pengguna.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "edesa.akses": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "edesa.akun": {"level": "INFO", "handlers": ["console"], "propagate": False},
    },
}


# Electronic signatures (docs/decisions/0009-tanda-tangan-elektronik.md). The server key
# encrypts the regency CA's private key and the QR seal key; production must set it (and keep
# a copy off the server: losing it means issuing a new CA). Officials' keys are encrypted with
# their own passphrases, which the system never stores.
EDESA_TTE_KEY = env.str("EDESA_TTE_KEY", default="")
if not EDESA_TTE_KEY:
    if not (DEBUG or env.bool("EDESA_ALLOW_DEV_KEY", default=False)):
        raise environ.ImproperlyConfigured("EDESA_TTE_KEY harus diisi di lingkungan produksi.")
    EDESA_TTE_KEY = "dev-only-tte-key-not-secret"
# "lokal": sign with the regency CA (uncertified TTE); "bsre": certified TTE through BSrE's API.
EDESA_TTE_BACKEND = env.str("EDESA_TTE_BACKEND", default="lokal")
EDESA_BSRE_URL = env.str("EDESA_BSRE_URL", default="")
EDESA_BSRE_CLIENT_ID = env.str("EDESA_BSRE_CLIENT_ID", default="")
EDESA_BSRE_CLIENT_SECRET = env.str("EDESA_BSRE_CLIENT_SECRET", default="")
EDESA_BSRE_TIMEOUT = env.float("EDESA_BSRE_TIMEOUT", default=30.0)
# Public address printed in QR codes (the verification page), e.g. https://edesa.seruyankab.go.id
EDESA_URL_PUBLIK = env.str("EDESA_URL_PUBLIK", default="http://127.0.0.1:8000")
# Requirement scans and attachments: size cap per file.
EDESA_UNGGAH_MAKS = env.int("EDESA_UNGGAH_MAKS", default=5 * 1024 * 1024)
# E-office attachments (scanned letters, reports, office documents) may be larger.
EDESA_UNGGAH_NASKAH_MAKS = env.int("EDESA_UNGGAH_NASKAH_MAKS", default=20 * 1024 * 1024)
