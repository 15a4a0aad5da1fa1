"""Deployment checks (`manage.py check --deploy`) for the keys that protect personal data."""

from django.conf import settings
from django.core.checks import Error, Tags, register


def _kunci(nilai: str) -> set[str]:
    return {k.strip() for k in (nilai or "").split(",") if k.strip()}


@register(Tags.security, deploy=True)
def kunci_data_pribadi(app_configs=None, **kwargs) -> list[Error]:
    """Both keys set, neither equal to SECRET_KEY, and not equal to each other."""
    enkripsi = _kunci(settings.FIELD_ENCRYPTION_KEY)
    hash_nik = _kunci(settings.NIK_HASH_KEY)
    rahasia = {settings.SECRET_KEY}
    masalah = []
    if not enkripsi:
        masalah.append(
            Error(
                "DJANGO_FIELD_ENCRYPTION_KEY is not set.",
                hint="Set it (a Fernet key) and back it up: the register's NIKs are "
                "encrypted with it.",
                id="imp_smart.E001",
            )
        )
    if not hash_nik:
        masalah.append(
            Error(
                "DJANGO_NIK_HASH_KEY is not set.",
                hint="Set it to a long random value: duplicate NIKs are found by its hash.",
                id="imp_smart.E002",
            )
        )
    if (enkripsi | hash_nik) & rahasia:
        masalah.append(
            Error(
                "A personal-data key equals DJANGO_SECRET_KEY.",
                hint="Rotating the session secret must not touch the register: use separate keys.",
                id="imp_smart.E003",
            )
        )
    if enkripsi and enkripsi & hash_nik:
        masalah.append(
            Error(
                "DJANGO_NIK_HASH_KEY reuses DJANGO_FIELD_ENCRYPTION_KEY.",
                hint="Use two different keys.",
                id="imp_smart.E004",
            )
        )
    return masalah
