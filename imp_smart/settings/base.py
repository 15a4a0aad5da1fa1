"""Settings shared by every environment; overrides live in local/test/production."""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.contrib.messages import constants as message_constants

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parents[2]
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

SECRET_KEY = env("DJANGO_SECRET_KEY")  # no default: fail at start-up
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "imp_smart.views.csrf_gagal"  # "Formulir sudah kedaluwarsa", in Indonesian

# Keys for personal data (UU 27/2022): NIK is stored encrypted (Fernet) and found by a keyed hash.
# Separate from SECRET_KEY so that rotating sessions does not lose the register, and with no
# fallback: local.py and test.py set their own; production refuses to start without them, and
# `check --deploy` reports a missing or reused key (imp_smart/checks.py).
FIELD_ENCRYPTION_KEY = env("DJANGO_FIELD_ENCRYPTION_KEY", default="")
NIK_HASH_KEY = env("DJANGO_NIK_HASH_KEY", default="")

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections: opening a PostgreSQL connection per request cost more than most pages'
# own queries. Health checks drop a connection the server closed (restart, idle timeout).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # No JIT: the counting statements of the reports and maps have plan costs that switch it
    # on, and compiling cost ~0.4 s each while saving nothing (they ran SET LOCAL jit = off in
    # a transaction of their own: three more round trips per statement).
    _opsi = DATABASES["default"].setdefault("OPTIONS", {})
    _opsi["options"] = f"{_opsi.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tables2",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "axes",
    "csp",
    "imp_smart",
    "kader",
    "pendataan",
    "pertemuan",
    "laporan",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "imp_smart.sesi.SesiGeserMiddleware",  # sliding expiry, written at most every 5 minutes
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "imp_smart.izin.AuthenticationMiddlewareIzin",  # Django's, with permissions from the cache
    "django.contrib.messages.middleware.MessageMiddleware",
    "imp_smart.halaman.HalamanMiddleware",  # what a request reads and writes (kept pages)
    "imp_smart.offline.OfflineMiddleware",  # phone submissions exactly once; pages it may keep
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

ROOT_URLCONF = "imp_smart.urls"
WSGI_APPLICATION = "imp_smart.wsgi.application"

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
                "kader.context_processors.peran",
                "imp_smart.context_processors.daerah",
                "imp_smart.offline.pwa",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # throttles failed logins
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Failed logins: 5 tries per username+IP, then 15 minutes of waiting.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Makassar"  # WITA
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["imp_smart.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Several web/worker machines: uploads, scans, photos and generated files go to one S3-compatible
# bucket (MinIO, AWS, …) through django-storages, imported only when selected. Every file is
# private: the app reads it through the storage API and serves it from a view that checks the
# user's scope; a URL of the bucket itself is never shown (and would be signed and short-lived).
DJANGO_STORAGE_BACKEND = env("DJANGO_STORAGE_BACKEND", default="local")
if DJANGO_STORAGE_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),  # required: fail at start-up
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "location": env("AWS_LOCATION", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="path"),
            "signature_version": "s3v4",
        },
    }
elif DJANGO_STORAGE_BACKEND != "local":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_STORAGE_BACKEND must be 'local' or 's3'.")
# Assets for WeasyPrint are read from disk: a worker has no request to fetch /static/ with.
PDF_ASSETS_DIR = BASE_DIR / "static" / "pdf"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # the cadre's monthly PUS page posts one field per PUS
SK_SCAN_MAX_BYTES = env.int("SK_SCAN_MAX_BYTES", default=5 * 1024 * 1024)

MESSAGE_TAGS = {message_constants.ERROR: "danger"}
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# The sender of reminders; set it to the office's own address (the default names no district).
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="IMP Smart <imp-smart@localhost>")

# Celery. Without REDIS_URL (the embedded demo), tasks run in-process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
# A message is acknowledged only when its task returns: safe because every job claims its row
# first (imp_smart/jobs.py: a message for a job done or held by a live lease does nothing).
CELERY_TASK_ACKS_LATE = True
# Put back in the queue when the pool process dies (SIGKILL, OOM): only for the job tasks, which
# count attempts and stop after MAKS_PERCOBAAN (they set reject_on_worker_lost themselves); a
# task with no attempt count that kills its process every time would come back for ever.
CELERY_TASK_REJECT_ON_WORKER_LOST = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Time limits: soft < hard for every task; imports (pendataan.tasks) get their own, longer pair.
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
IMP_IMPOR_TIME_LIMIT = 600
IMP_IMPOR_SOFT_TIME_LIMIT = 540
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged message to another worker after visibility_timeout: just above
# the longest hard limit, so a running job's message is never handed out twice while it may
# still run. The last resort for a whole worker killed: its message comes back after 11 minutes
# (plus kombu's scan for such messages, every 100 s); the sweep below is the prompt path.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": max(CELERY_TASK_TIME_LIMIT, IMP_IMPOR_TIME_LIMIT) + 60
}
# The prompt path: a worker renews its job row's lease every DETAK seconds; the sweeper (beat,
# every minute) re-queues rows whose lease lapsed. Killed → sent again ≤ LEASE + 60 s = 100 s.
IMP_PEKERJAAN_LEASE = env.int("IMP_PEKERJAAN_LEASE", default=40)
IMP_PEKERJAAN_DETAK = env.int("IMP_PEKERJAAN_DETAK", default=10)
IMP_PEKERJAAN_ANTREAN_HILANG = 300  # ANTRI and sent this long ago: the message was lost; resend
# Each worker sweeps too (imp_smart/celery.py): recovery within 2 minutes without beat.
IMP_PEKERJAAN_SAPU_DI_PEKERJA = env.bool("IMP_PEKERJAAN_SAPU_DI_PEKERJA", default=True)
# List exports up to this many rows are written in the request; longer ones by a background job.
IMP_EKSPOR_LANGSUNG = env.int("IMP_EKSPOR_LANGSUNG", default=5000)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# One cache shared by every web process when Redis is there (dashboard figures, 5 minutes);
# a per-process memory cache for the embedded demo.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "imp",
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Permissions and area ids are kept in the cache only when every process shares it (Redis): see
# imp_smart/tembolok.py. Unset: guessed from the backend.
IMP_CACHE_BERSAMA = env.bool("IMP_CACHE_BERSAMA", default=None)
# List pages kept in that shared cache, per user and URL, until a table they read is written
# (imp_smart/halaman.py); at most IMP_HALAMAN_UMUR seconds (a bound for writes made outside
# Django, e.g. with psql).
IMP_HALAMAN_SIMPAN = env.bool("IMP_HALAMAN_SIMPAN", default=True)
IMP_HALAMAN_UMUR = env.int("IMP_HALAMAN_UMUR", default=600)
# A user who sees the whole kabupaten (the Dinas) may be served a kept page up to this many seconds
# after others wrote what it shows (never after the user's own write; the page says "Data per
# pukul …"): a cadre saving a family anywhere would otherwise rebuild each of the Dinas's lists.
# 0: never late.
IMP_HALAMAN_BASI = env.int("IMP_HALAMAN_BASI", default=20)
# Sessions are read on every request: from the shared cache when Redis is there (written through
# to the database, so a Redis restart logs nobody out); from the database otherwise.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# A session's expiry moves with the user's requests (SESSION_COOKIE_AGE after the last one), but
# it is written at most once in this many seconds (imp_smart/sesi.py), not on every request.
IMP_SESI_SEGARKAN = env.int("IMP_SESI_SEGARKAN", default=300)
# Garbage collector of a web process (imp_smart.proses): the youngest generation is collected
# every this many allocations (Python's default 700), what the process loaded at start is frozen.
# IMP_GC_AMBANG="" keeps Python's defaults.
IMP_GC_AMBANG = tuple(env.list("IMP_GC_AMBANG", cast=int, default=[20000, 20, 20])) or None

# Office rules (DOMAIN.md §7, "choice"): report due dates as day of the next month.
IMP_BATAS_LAPORAN_DESA = env.int("IMP_BATAS_LAPORAN_DESA", default=3)
IMP_BATAS_PERSETUJUAN_KECAMATAN = env.int("IMP_BATAS_PERSETUJUAN_KECAMATAN", default=10)
IMP_NAMA_DINAS = "Dinas Pengendalian Penduduk dan Keluarga Berencana"
# The kabupaten/kota this installation serves: its code in the national area data
# (`manage.py muat_wilayah` loads it) and its name as letters and reports print it.
IMP_KODE_KABUPATEN = env("IMP_KODE_KABUPATEN", default="73.06")
IMP_NAMA_KABUPATEN = env("IMP_NAMA_KABUPATEN", default="Kabupaten Gowa")
IMP_NAMA_PROVINSI = env("IMP_NAMA_PROVINSI", default="Provinsi Sulawesi Selatan")
# The emblem on every PDF letterhead (SVG or PNG; a path, relative to PDF_ASSETS_DIR or absolute).
# The default is Gowa's (the demo). An emblem uploaded in the admin is left for later.
IMP_LAMBANG = env("IMP_LAMBANG", default="lambang.svg")
IMP_KEPALA_DINAS = env("IMP_KEPALA_DINAS", default="")  # name in the recap's signature block
# The recap's signature block (empty: dotted lines to fill in by hand).
IMP_KEPALA_DINAS_NAMA = env("IMP_KEPALA_DINAS_NAMA", default=IMP_KEPALA_DINAS)
IMP_KEPALA_DINAS_NIP = env("IMP_KEPALA_DINAS_NIP", default="")
IMP_JABATAN_PENANDATANGAN = env("IMP_JABATAN_PENANDATANGAN", default="")  # "": Kepala <dinas>
IMP_TEMPAT_PENANDATANGAN = env("IMP_TEMPAT_PENANDATANGAN", default="Sungguminasa")
# Go-live of the app in this kabupaten (YYYY-MM-DD). Months before it are "belum berlaku" on the
# status board, the report page and the recap; empty: each desa from its first record (first
# report or first KB status).
IMP_TANGGAL_MULAI = env("IMP_TANGGAL_MULAI", default="")
IMP_ALAMAT_DINAS = env(
    "IMP_ALAMAT_DINAS", default="Jl. Mesjid Raya No. 30, Sungguminasa, Kabupaten Gowa"
)
MAP_TILE_URL = env("MAP_TILE_URL", default="")  # empty: the map works without tiles


def _asal_ubin(url: str) -> list[str]:
    """Origin of the map tiles for img-src: "https://{s}.t.org/{z}/{x}/{y}.png" → "https://*.t.org"."""
    bagian = urlsplit(url)
    if not (bagian.scheme and bagian.netloc):
        return []
    host = bagian.netloc.replace("{s}.", "*.")
    return [f"{bagian.scheme}://{host}"]


# Content-Security-Policy (django-csp 4): only the app's own files run or style a page; no inline
# <script>, on*= handler, style="" or <style> (JS files under static/ read data-* attributes and
# may set element.style). Map tiles are the one outside origin, when MAP_TILE_URL is set.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *_asal_ubin(MAP_TILE_URL)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],  # the service worker (/sw.js, issue 13)
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# The installable app for cadres, working offline (issue 13; imp_smart/offline.py explains each).
IMP_OFFLINE_TANPA_IZIN = ["kader.lihat_nik_lengkap", "pendataan.lihat_nik_lengkap"]
# URL name → "cepat" (shown from the phone at once, refreshed behind) or "segar" (the network
# first, the phone's copy when there is no signal).
IMP_OFFLINE_HALAMAN = {
    "beranda": "cepat",
    "pendataan:pus_bulanan": "segar",
    "pertemuan:create": "cepat",
    "pertemuan:kehadiran": "segar",
    "pertemuan:kehadiran_baru": "cepat",
    "pertemuan:kie_create": "cepat",
    "pertemuan:konseling_cari": "segar",
    "pertemuan:konseling_create": "cepat",
    "pertemuan:pelayanan_create": "cepat",
    "kader:dana:iuran": "segar",
}
IMP_OFFLINE_SIAPKAN = [
    "beranda",
    "pendataan:pus_bulanan",
    "pertemuan:create",
    "pertemuan:kehadiran_baru",
    "pertemuan:kie_create",
    "pertemuan:konseling_cari",
    "pertemuan:konseling_create",
    "pertemuan:pelayanan_create",
]
IMP_OFFLINE_SIAPKAN_PENGGUNA = ["kader.dana.selectors.halaman_offline"]
IMP_OFFLINE_CADANGAN = ["pertemuan:konseling_cari", "pertemuan:konseling_create"]
IMP_OFFLINE_LANJUTAN = {"pertemuan:create": "pertemuan:kehadiran_baru"}
IMP_OFFLINE_WARNA = "#0b6e4f"
IMP_OFFLINE_PRECACHE = [
    "vendor/bootstrap/css/bootstrap-imp.min.css",
    "vendor/bootstrap/js/bootstrap-imp.min.js",
    "vendor/bootstrap-icons/bootstrap-icons-imp.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons-imp.woff2",
    "css/imp.css",
    "js/imp.js",
    "img/favicon.svg",
    "pwa/pwa.js",
    "pwa/antrian-halaman.js",
    "pwa/ikon-192.png",
    "vendor/workbox/workbox-core.prod.js",
    "vendor/workbox/workbox-routing.prod.js",
    "vendor/workbox/workbox-strategies.prod.js",
    "vendor/workbox/workbox-precaching.prod.js",
    "vendor/idb/idb.umd.js",
    "pwa/antrian.js",
    "pendataan/pus.css",
    "pendataan/pus.js",
]
