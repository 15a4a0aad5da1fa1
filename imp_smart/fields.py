"""Encrypted text field for personal data (NIK, no KK).

We evaluated django-fernet-encrypted-fields: it derives its key from SECRET_KEY, so rotating the
session secret would make the family register unreadable. This field keeps its own key list
(DJANGO_FIELD_ENCRYPTION_KEY, comma-separated; the first encrypts, all decrypt) on top of
`cryptography`'s Fernet. Encrypted values cannot be searched: pair the field with a keyed hash.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


def _fernet_key(rahasia: str) -> bytes:
    """Accept a real Fernet key, or derive one from any passphrase."""
    try:
        Fernet(rahasia.encode())
        return rahasia.encode()
    except ValueError:
        return base64.urlsafe_b64encode(hashlib.sha256(rahasia.encode()).digest())


@cache
def _fernet(kunci: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(k)) for k in kunci])


def fernet() -> MultiFernet:
    kunci = settings.FIELD_ENCRYPTION_KEY
    kunci = tuple(k.strip() for k in kunci.split(",") if k.strip())
    return _fernet(kunci)


class EncryptedCharField(models.TextField):
    """Stores Fernet ciphertext; Python code sees plain text. Not usable in lookups."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return fernet().encrypt(str(value).encode()).decode()

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            return None  # wrong key: show nothing rather than ciphertext
