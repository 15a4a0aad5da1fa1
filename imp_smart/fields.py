"""Encrypted text field for personal data (NIK, no KK).

We evaluated django-fernet-encrypted-fields: it derives its key from SECRET_KEY, so rotating the
session secret would make the family register unreadable. This field keeps its own key list
(DJANGO_FIELD_ENCRYPTION_KEY, comma-separated; the first encrypts, all decrypt) on top of
`cryptography`'s Fernet. Encrypted values cannot be searched: pair the field with a keyed hash
(`hash_field`), which the field keeps in step itself: assigning the number (a service, a form, an
import) sets its HMAC (imp_smart.nik.hash_nik) at once, and saving sets it again (a number given
to the model's constructor). Nothing else sets it.
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute

from imp_smart.nik import hash_nik


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


class _NomorDenganHash(DeferredAttribute):
    """Setting the number (NIK, no KK) also sets its keyed hash on the same instance."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value
        if value:  # None: unreadable with the current keys; the stored hash stays
            instance.__dict__[self.field.hash_field] = hash_nik(value)


class EncryptedCharField(models.TextField):
    """Stores Fernet ciphertext; Python code sees plain text. Not usable in lookups.

    `hash_field`: the name of the sibling field that holds the number's keyed hash (for
    uniqueness and search); it is set whenever this field is assigned. Behaviour only, so it is
    not part of migrations."""

    def __init__(self, *args, hash_field: str | None = None, **kwargs):
        self.hash_field = hash_field
        super().__init__(*args, **kwargs)

    @property
    def descriptor_class(self):
        return _NomorDenganHash if self.hash_field else DeferredAttribute

    def pre_save(self, model_instance, add):
        # A number given to the constructor (Model(nik=...), then save or bulk_create): the hash
        # field's default was assigned after it, so set the hash again before writing. This
        # field comes before its hash field, so the hash is read after this.
        value = super().pre_save(model_instance, add)
        if self.hash_field and value:
            model_instance.__dict__[self.hash_field] = hash_nik(value)
        return value

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


def isi_nomor(obj: models.Model, nama: str, nilai: str, *, cek, pesan_ganda: str) -> None:
    """Check a NIK or no KK with `cek` (imp_smart.nik.cek_nik / cek_no_kk; its message lands on
    the field `nama`), assign it (the field sets its hash) and refuse a number another row of
    the model already has (`pesan_ganda`)."""
    try:
        nilai = cek(nilai)
    except ValidationError as e:
        raise ValidationError({nama: e.messages}) from None
    setattr(obj, nama, nilai)
    field = obj._meta.get_field(nama)
    assert isinstance(field, EncryptedCharField) and field.hash_field, f"{nama}: no hash_field"
    hash_field = field.hash_field
    lain = type(obj)._default_manager.filter(**{hash_field: getattr(obj, hash_field)})
    if lain.exclude(pk=obj.pk).exists():
        raise ValidationError({nama: pesan_ganda})
