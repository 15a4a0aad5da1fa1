"""Production: everything from the environment; secure cookies behind a TLS proxy."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# The register cannot be protected, nor read back, without its own keys: refuse to start.
_kunci_kosong = [
    nama
    for nama, nilai in (
        ("DJANGO_FIELD_ENCRYPTION_KEY", FIELD_ENCRYPTION_KEY),
        ("DJANGO_NIK_HASH_KEY", NIK_HASH_KEY),
    )
    if not nilai
]
if _kunci_kosong:
    raise ImproperlyConfigured(
        f"{' and '.join(_kunci_kosong)} must be set in production (see .env.example): "
        "the NIKs of the family register are encrypted and hashed with them."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cadres share phones: a session ends after 12 hours of inactivity (within IMP_SESI_SEGARKAN,
# five minutes: the expiry is moved by imp_smart.sesi, not by a session write on every request).
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 12)
# The app lives on a subdomain of the regency's domain, whose other subdomains are run by other
# offices: HSTS for subdomains and the preload list are theirs to decide.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
