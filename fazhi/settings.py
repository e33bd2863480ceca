"""Settings of Fazhi, read from FAZHI_* environment variables.

Embedded default: SQLite (WAL) and a SQLite job queue in FAZHI_DATA_DIR, so that
`pip install -e . && fazhi demo` runs with no server. Production: PostgreSQL
through FAZHI_DATABASE_URL, Redis through FAZHI_REDIS_URL, FAZHI_HTTPS=1 behind
a TLS proxy. docs/deployment.md explains each variable.
"""

import datetime as dt
import os
import re
import secrets
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
TESTING = "pytest" in sys.modules or env.bool("FAZHI_TESTING", default=False)
# Tests never write into a working data dir unless told to.
_default_data_dir = tempfile.mkdtemp(prefix="fazhi-test-") if TESTING else "./fazhi-data"
DATA_DIR = Path(env.str("FAZHI_DATA_DIR", default=_default_data_dir)).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = env.bool("FAZHI_DEBUG", default=False)
HTTPS = env.bool("FAZHI_HTTPS", default=False)


def _secret_key() -> str:
    """The key from the environment, else one generated once into the data dir."""
    given = env.str("FAZHI_SECRET_KEY", default="")
    if given:
        return given
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("FAZHI_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("FAZHI_CSRF_TRUSTED_ORIGINS", default=[])
# Reverse proxies (nginx) whose X-Forwarded-For is believed, for client IPs in audit events.
FAZHI_TRUSTED_PROXIES = frozenset(env.list("FAZHI_TRUSTED_PROXIES", default=[]))

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
    "django_filters",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "huey.contrib.djhuey",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "fazhi.core",
    "fazhi.enforcement",
    "fazhi.portal",
    "fazhi.oversight",
    "fazhi.decisions",
    "fazhi.disputes",
    "fazhi.education",
    "fazhi.emergency",
    "fazhi.services",
    "fazhi.reports",
]
if TESTING:
    INSTALLED_APPS.append("fazhi.core.tests.testapp")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.RequestContextMiddleware",
    "fazhi.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "fazhi.core.middleware.LoginRequiredMiddleware",
    "fazhi.core.middleware.AccountPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

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
                "fazhi.core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in WAL mode unless FAZHI_DATABASE_URL names another.
DATABASES = {
    "default": env.db_url("FAZHI_DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'fazhi.sqlite3'}"),
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so that two writers queue instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if TESTING:
        # A file, not SQLite's in-memory default: the browser tests' live server then
        # gives each of its threads (a page, its htmx requests, a live stream) its own
        # connection, as in production, instead of sharing one across threads.
        _db["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}
else:
    # Tests drop their databases at the end: no connection may outlive a request there.
    _db.setdefault("CONN_MAX_AGE", 0 if TESTING else 60)
    _db.setdefault("CONN_HEALTH_CHECKS", True)
    # CI creates a database with LOCALE 'C.UTF-8' and names it here, so that test
    # databases inherit its locale (Chinese text search depends on it).
    _template = env.str("FAZHI_TEST_DB_TEMPLATE", default="")
    if _template:
        _db["TEST"] = {"TEMPLATE": _template}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 on purpose costs time; tests log in thousands of times.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "fazhi.core.passwords.CharacterClassValidator"},
]
PASSWORD_MAX_AGE_DAYS = env.int("FAZHI_PASSWORD_MAX_AGE_DAYS", default=90)

# Lock-out: 5 failures on one account name lock it for 15 minutes, on the login
# page and the API token endpoint alike (GB/T 22239 8.1.4.1b). Keyed on the name
# only, so an unknown name and a wrong password behave the same.
AXES_FAILURE_LIMIT = env.int("FAZHI_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("FAZHI_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "fazhi.core.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# axes.W006 suggests locking by IP address too: a town office reaches the server
# through one NAT address, so an IP lock would lock out the whole office.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# TOTP second factor for these roles (GB/T 22239 8.1.4.1d).
FAZHI_TOTP_ROLES = ("sysadmin", "secadmin", "auditor", "leader")
OTP_TOTP_ISSUER = "法治政府建设平台"
# Absolute session lifetime, whatever the activity (ASVS 3.3).
FAZHI_SESSION_ABSOLUTE_SECONDS = env.int("FAZHI_SESSION_ABSOLUTE_SECONDS", default=12 * 3600)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out account before any other
    "rules.permissions.ObjectPermissionBackend",
    "fazhi.core.permcache.CachedModelBackend",  # ModelBackend, its permission sets kept per process
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "files"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING or DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG

# Sessions: idle timeout 30 minutes (GB/T 22239 8.1.4.1b), renewed by activity at
# most once a minute (AccountPolicyMiddleware), not written back on every request:
# a session may end up to a minute before 30 idle minutes, never after.
SESSION_COOKIE_AGE = env.int("FAZHI_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
FAZHI_SESSION_RENEW_SECONDS = env.int("FAZHI_SESSION_RENEW_SECONDS", default=60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Background jobs: huey on SQLite in the data dir, on Redis when configured,
# and run at once (immediate mode) in tests.
REDIS_URL = env.str("FAZHI_REDIS_URL", default="")
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": "fazhi", "url": REDIS_URL, "immediate": TESTING}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "fazhi",
        "filename": str(DATA_DIR / "jobs.sqlite3"),
        "immediate": TESTING,
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "fazhi.core.api.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["fazhi.core.api.permissions.RegisterPermission"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "fazhi.core.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治 Fazhi API",
    "DESCRIPTION": "乡镇法治政府建设平台接口。工作流步骤为独立的动作接口。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "fazhi.core.api.schema.database_independent",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ApplicantKindEnum": "fazhi.services.choices.ApplicantKind",
        "ReportKindEnum": "fazhi.reports.choices.ReportKind",
        "ReportStatusEnum": "fazhi.reports.choices.ReportStatus",
        "ApplicationChannelEnum": "fazhi.services.choices.ApplicationChannel",
        "ApplicationStateEnum": "fazhi.services.choices.ApplicationState",
        "ApplicationOutcomeEnum": "fazhi.services.choices.ApplicationOutcome",
        "ServiceItemKindEnum": "fazhi.services.choices.ItemKind",
        "ServiceItemStatusEnum": "fazhi.services.choices.ItemStatus",
        "VisitsNeededEnum": [(0, "0次（零跑腿）"), (1, "1次（最多跑一次）")],
        "CaseStatusEnum": "fazhi.enforcement.choices.CaseStatus",
        "OfficerStatusEnum": "fazhi.enforcement.choices.OfficerStatus",
        "PartyKindEnum": "fazhi.enforcement.choices.PartyKind",
        "PenaltyKindEnum": "fazhi.enforcement.choices.PenaltyKind",
        "SummaryPenaltyKindEnum": [("warning", "警告"), ("fine", "罚款")],
        "RectificationSourceEnum": "fazhi.oversight.choices.RectificationSource",
        "RectificationStatusEnum": "fazhi.oversight.choices.RectificationStatus",
        "RubricItemKindEnum": "fazhi.oversight.choices.RubricItemKind",
        "DeductionKindEnum": "fazhi.oversight.choices.DeductionKind",
        "ReviewStatusEnum": "fazhi.oversight.choices.ReviewStatus",
        "ReviewGradeEnum": "fazhi.oversight.choices.ReviewGrade",
        "ActivityKindEnum": "fazhi.decisions.choices.ActivityKind",
        "ContractOpinionEnum": "fazhi.decisions.choices.ContractOpinion",
        "LegalityOpinionEnum": "fazhi.decisions.choices.ReviewOpinion",
        "DocumentStatusEnum": "fazhi.decisions.choices.DocumentStatus",
        "CleanupOutcomeEnum": "fazhi.decisions.choices.CleanupOutcome",
        "CommentChannelEnum": "fazhi.decisions.choices.CommentChannel",
        "CatalogueStatusEnum": "fazhi.decisions.choices.CatalogueStatus",
        "DecisionStatusEnum": "fazhi.decisions.choices.DecisionStatus",
        "StepStateEnum": "fazhi.decisions.choices.StepState",
        "RiskLevelEnum": "fazhi.decisions.choices.RiskLevel",
        "DeliberationOutcomeEnum": "fazhi.decisions.choices.DeliberationOutcome",
        "MemberPositionEnum": "fazhi.decisions.choices.MemberPosition",
        "CommitteeLevelEnum": "fazhi.disputes.choices.CommitteeLevel",
        "MediatorRoleEnum": "fazhi.disputes.choices.MediatorRole",
        "ReconsiderationStatusEnum": "fazhi.disputes.choices.ReconsiderationStatus",
        "ReconsiderationOutcomeEnum": "fazhi.disputes.choices.ReconsiderationOutcome",
        "LitigationStatusEnum": "fazhi.disputes.choices.LitigationStatus",
        "LitigationOutcomeEnum": "fazhi.disputes.choices.LitigationOutcome",
        "EmergencyPlanCategoryEnum": "fazhi.emergency.choices.PlanCategory",
        "EmergencyPlanLevelEnum": "fazhi.emergency.choices.PlanLevel",
        "EmergencyPlanStatusEnum": "fazhi.emergency.choices.PlanStatus",
        "EmergencyDrillKindEnum": "fazhi.emergency.choices.DrillKind",
        "EmergencyTeamKindEnum": "fazhi.emergency.choices.TeamKind",
        "EmergencyTeamMemberRoleEnum": "fazhi.emergency.choices.MemberRole",
        "StudyKindEnum": "fazhi.education.choices.StudyKind",
        "OutreachTopicEnum": "fazhi.education.choices.OutreachTopic",
        "VenueKindEnum": "fazhi.education.choices.VenueKind",
        "PresenterEnum": "fazhi.education.choices.Presenter",
        "ServiceKindEnum": "fazhi.education.choices.ServiceKind",
        "ServiceOutcomeEnum": "fazhi.education.choices.ServiceOutcome",
        "RosterKindEnum": "fazhi.education.choices.RosterKind",
        "TrainingModeEnum": "fazhi.education.choices.TrainingMode",
        "EntityTypeEnum": "fazhi.services.choices.EntityType",
        "MarketEntityStatusEnum": "fazhi.services.choices.EntityStatus",
        "DisputeStatusEnum": "fazhi.disputes.choices.DisputeStatus",
        "DisputeSourceEnum": "fazhi.disputes.choices.DisputeSource",
        "DisputeCategoryEnum": "fazhi.disputes.choices.DisputeCategory",
        "DisputeRiskLevelEnum": "fazhi.disputes.choices.RiskLevel",
        "TaskStatusEnum": "fazhi.oversight.choices.TaskStatus",
        "GroupRoleEnum": "fazhi.oversight.choices.GroupRole",
        "MeetingKindEnum": "fazhi.oversight.choices.MeetingKind",
        "AssessmentResultEnum": "fazhi.oversight.choices.AssessmentResult",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("FAZHI_LOG_LEVEL", default="INFO")},
    "loggers": {"django.request": {"level": "ERROR"}, "axes": {"level": "ERROR"}},
}

# Fazhi's own settings.
FAZHI_WORKBENCH_DAYS = env.int("FAZHI_WORKBENCH_DAYS", default=3)  # working days ahead
# The warnings board: yellow while due within this many working days, red after the due date.
FAZHI_WARNING_DAYS = env.int("FAZHI_WARNING_DAYS", default=5)
# Notices about deadlines (fazhi/reports/notify): the SMS gateway (a dotted path to a
# class with send(phone, text); the default only logs), the webhook signing secret,
# how old an overdue item may be and still get its red notice (0: any), and the staff
# site's address for links in notices.
FAZHI_SMS_GATEWAY = env.str("FAZHI_SMS_GATEWAY", default="fazhi.reports.notify.channels.LoggingSmsGateway")
FAZHI_NOTICE_WEBHOOK_SECRET = env.str("FAZHI_NOTICE_WEBHOOK_SECRET", default="")
FAZHI_RED_NOTICE_MAX_DAYS = env.int("FAZHI_RED_NOTICE_MAX_DAYS", default=30)
FAZHI_SITE_URL = env.str("FAZHI_SITE_URL", default="")
EMAIL_HOST = env.str("FAZHI_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("FAZHI_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("FAZHI_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env.str("FAZHI_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("FAZHI_EMAIL_TLS", default=False)
EMAIL_TIMEOUT = env.int("FAZHI_EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("FAZHI_EMAIL_FROM", default="fazhi@localhost")
FAZHI_IMPORT_MAX_ROWS = env.int("FAZHI_IMPORT_MAX_ROWS", default=20000)
FAZHI_IMPORT_MAX_BYTES = env.int("FAZHI_IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
FAZHI_UPLOAD_MAX_BYTES = env.int("FAZHI_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024)  # evidence video
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o640
FAZHI_AUDIT_KEY = env.str("FAZHI_AUDIT_KEY", default="")  # HMAC-SM3 key of the audit chain
FAZHI_AUDIT_RETENTION_DAYS = max(180, env.int("FAZHI_AUDIT_RETENTION_DAYS", default=180))
CSRF_FAILURE_VIEW = "fazhi.core.views.csrf_failure"
FAZHI_BENCH = env.bool("FAZHI_BENCH", default=False)  # the baseline endpoint of bench/api_summary_cases.py

# Live updates and webhooks (docs/adr/0003-live-updates.md).
# A stream holds one web thread: it ends after FAZHI_LIVE_STREAM_SECONDS and the
# browser reconnects; each process keeps at most FAZHI_LIVE_MAX_STREAMS open
# (0: half its threads), refusing more so that the page falls back to polling.
FAZHI_LIVE_STREAM_SECONDS = env.float("FAZHI_LIVE_STREAM_SECONDS", default=25.0)
FAZHI_LIVE_MAX_STREAMS = env.int("FAZHI_LIVE_MAX_STREAMS", default=0)
FAZHI_LIVE_DB_POLL_SECONDS = env.float("FAZHI_LIVE_DB_POLL_SECONDS", default=2.0)  # streams without Redis
FAZHI_LIVE_POLL_SECONDS = env.int("FAZHI_LIVE_POLL_SECONDS", default=15)  # the browser's fallback
FAZHI_LIVE_RETENTION_HOURS = env.int("FAZHI_LIVE_RETENTION_HOURS", default=24)
# News younger than this is not yet read from the table: on PostgreSQL two writers
# may commit their ids out of order. SQLite has one writer at a time.
FAZHI_LIVE_SETTLE_SECONDS = env.float(
    "FAZHI_LIVE_SETTLE_SECONDS", default=0.0 if _db["ENGINE"] == "django.db.backends.sqlite3" else 1.0
)
FAZHI_WEBHOOK_MAX_ATTEMPTS = env.int("FAZHI_WEBHOOK_MAX_ATTEMPTS", default=10)
FAZHI_WEBHOOK_TIMEOUT_SECONDS = env.float("FAZHI_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
FAZHI_WEBHOOK_RETRY_SECONDS = env.float("FAZHI_WEBHOOK_RETRY_SECONDS", default=30.0)  # doubles each time
FAZHI_WEBHOOK_RETRY_MAX_SECONDS = env.float("FAZHI_WEBHOOK_RETRY_MAX_SECONDS", default=3600.0)
# Webhook receivers on loopback, link-local (169.254/16, fe80::/10), private,
# multicast or unspecified addresses are refused (server-side request forgery), when a
# subscription is saved and again at each attempt. 1 lets loopback and private
# addresses through (a receiver inside the government network, the tests' local
# receiver); link-local, multicast and unspecified addresses stay refused.
FAZHI_WEBHOOK_ALLOW_PRIVATE = env.bool("FAZHI_WEBHOOK_ALLOW_PRIVATE", default=False)

# The public portal (fazhi/portal).


def public_url(value: str) -> str:
    """FAZHI_PUBLIC_URL: the public portal's address (scheme, host, optional port and
    path prefix), printed on officer cards and beside the case code on decisions,
    since staff may reach Fazhi on another host than the public. Empty: pages use
    the host they were requested on, and documents print no address."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ImproperlyConfigured(
            f"FAZHI_PUBLIC_URL={value!r}: expected http(s)://host[:port][/prefix], e.g. https://fazhi.example.gov.cn"
        )
    return value


FAZHI_PUBLIC_URL = public_url(env.str("FAZHI_PUBLIC_URL", default=""))

_RATE = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd]?)\s*")
_RATE_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(name: str, value: str) -> tuple[int, int]:
    """A rate as (requests allowed per window, the window in seconds): "20/10m" is
    (20, 600). The window is a number of seconds, or a number with s, m, h or d
    ("5/h" is "5/1h"), at most a day, the age at which the portal drops counters."""
    match = _RATE.fullmatch(value)
    count, seconds = 0, 0
    if match and (match[2] or match[3]):
        count, seconds = int(match[1]), int(match[2] or 1) * _RATE_UNITS[match[3]]
    if count < 1 or not 1 <= seconds <= 86400:
        raise ImproperlyConfigured(
            f"{name}={value!r}: expected COUNT/WINDOW with a window of at most a day, e.g. 20/10m, 5/1h or 20/600"
        )
    return count, seconds


def portal_rates(environment) -> dict[str, tuple[int, int]]:
    """The portal's rate limits per client address (fazhi/portal/throttle.py), one
    variable per scope: FAZHI_PORTAL_RATE_CASE_LOOKUP=20/10m, FAZHI_PORTAL_RATE_RATING=5/1h,
    FAZHI_PORTAL_RATE_<SCOPE> for any other. A scope not set keeps the code's limit."""
    return {
        name.removeprefix("FAZHI_PORTAL_RATE_").lower(): parse_rate(name, value)
        for name, value in environment.items()
        if name.startswith("FAZHI_PORTAL_RATE_") and value.strip()
    }


FAZHI_PORTAL_RATES = portal_rates(os.environ)
