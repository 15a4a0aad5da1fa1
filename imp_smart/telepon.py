"""Indonesian phone numbers in one stored form, +62… (E.164 without spaces), and the WhatsApp
click-to-chat link (https://wa.me/<number>?text=…: no API, no key).

Accepted as typed: 0812-3456-789, 0812 3456 789, 62812…, +62 812…, (0411) 861234. Stored:
+628123456789 / +62411861234. Every form, import and service that takes a phone number calls
`normalisasi_telepon` (or uses `TeleponField` / `validasi_telepon`), so the same number is never
stored two ways.
"""

import re
from urllib.parse import quote

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

_PEMISAH = re.compile(r"[\s\-.()/]")
# After +62: an area code or a mobile prefix (never 0), 8 to 12 more digits in all.
_NASIONAL = re.compile(r"^[1-9]\d{7,11}$")
_SELULER = re.compile(r"^8\d{8,11}$")  # mobile: 08xx + 7–10 digits (9–12 after the 8)

PESAN_TIDAK_VALID = "Nomor telepon tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890."
PESAN_BUKAN_HP = "Masukkan nomor HP (diawali 08 atau +628), contoh 0812 3456 7890."


def normalisasi_telepon(teks: str | None, *, hp: bool = False) -> str:
    """The number as +62…; "" for an empty input. Raises ValidationError (Indonesian message)
    for anything that is not an Indonesian number; with `hp`, also for a landline."""
    teks = (teks or "").strip()
    if not teks:
        return ""
    angka = _PEMISAH.sub("", teks)
    if angka.startswith("+62"):
        angka = angka[3:]
    elif angka.startswith("0062"):
        angka = angka[4:]
    elif angka.startswith("62") and len(angka) >= 10:
        angka = angka[2:]
    elif angka.startswith("0"):
        angka = angka[1:]
    else:
        raise ValidationError(PESAN_TIDAK_VALID, code="telepon")
    if not _NASIONAL.match(angka):
        raise ValidationError(PESAN_TIDAK_VALID, code="telepon")
    if hp and not _SELULER.match(angka):
        raise ValidationError(PESAN_BUKAN_HP, code="telepon_hp")
    return f"+62{angka}"


def normalisasi_atau_asli(teks: str | None, *, hp: bool = False) -> str:
    """For data migrations and imports that must not fail: the +62 form when the text is a
    valid number, else the text unchanged (stripped)."""
    try:
        return normalisasi_telepon(teks, hp=hp)
    except ValidationError:
        return (teks or "").strip()


def validasi_telepon(teks: str) -> None:
    """Model-field validator: the stored value must already be in the +62 form."""
    if teks and normalisasi_telepon(teks) != teks:
        raise ValidationError(PESAN_TIDAK_VALID, code="telepon")


def validasi_hp(teks: str) -> None:
    if teks and normalisasi_telepon(teks, hp=True) != teks:
        raise ValidationError(PESAN_BUKAN_HP, code="telepon_hp")


def tampil_telepon(teks: str | None) -> str:
    """+628123456789 → 0812-3456-789 (how people read it); other text unchanged."""
    if not teks or not teks.startswith("+62"):
        return teks or ""
    lokal = "0" + teks[3:]
    return "-".join(lokal[i : i + 4] for i in range(0, len(lokal), 4))


def tautan_whatsapp(telepon: str | None, pesan: str = "") -> str:
    """https://wa.me/62…?text=… for a mobile number (any accepted form); "" when the number is
    missing or not a mobile number (WhatsApp needs one)."""
    try:
        nomor = normalisasi_telepon(telepon, hp=True)
    except ValidationError:
        return ""
    if not nomor:
        return ""
    url = f"https://wa.me/{nomor[1:]}"
    return f"{url}?text={quote(pesan, safe='')}" if pesan else url


class TeleponField(forms.CharField):
    """A form field that accepts the usual ways of writing a number and cleans it to +62…."""

    def __init__(self, *args, hp: bool = False, **kwargs):
        self.hp = hp
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault(
            "help_text", "Contoh: 0812 3456 7890; disimpan sebagai +62812…" if hp else ""
        )
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")

    def to_python(self, value):
        return normalisasi_telepon(super().to_python(value), hp=self.hp)


class TeleponModelField(models.CharField):
    """A model field that stores a phone number in the +62 form whatever the path that cleans
    it (app forms, the admin, services calling full_clean): `to_python` normalises, and the
    form field accepts the usual ways of writing a number. `hp=True`: mobile numbers only."""

    def __init__(self, *args, hp: bool = False, **kwargs):
        self.hp = hp
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.hp:
            kwargs["hp"] = True
        return name, path, args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return normalisasi_telepon(value, hp=self.hp) if value else (value or "")

    def get_prep_value(self, value):
        # Every save stores a readable number as +62…; an old unreadable text is kept (not a
        # crash on save): only cleaning (forms, full_clean) refuses it, on its field.
        value = models.Field.get_prep_value(self, value)
        return normalisasi_atau_asli(value, hp=self.hp) if value else (value or "")

    def formfield(self, **kwargs):
        # max_length 24 on the form: "+62 812 3456 7890" is typed longer than it is stored.
        return super().formfield(
            **{"form_class": TeleponField, "hp": self.hp, **kwargs, "max_length": 24}
        )
