"""Accounts managed in the app by the Dinas (every role but admin) and a koordinator (the
PPKBD and Sub-PPKBD of the kecamatan). Passwords are generated and shown once; the user
changes it at /akun/sandi/. Changing a password ends that user's open sessions (Django)."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from imp_smart.telepon import normalisasi_telepon
from kader.models import Institusi, Profil, Wilayah
from kader.models.akun import peran_dikelola
from kader.scoping import dalam_wilayah, lupakan_cache
from kader.services import pengguna_buat

HURUF = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied by hand


def sandi_baru() -> str:
    return "-".join("".join(secrets.choice(HURUF) for _ in range(4)) for _ in range(3))


def _periksa(oleh, *, peran: str, wilayah: Wilayah | None, institusi: Institusi | None):
    if peran not in peran_dikelola(oleh):
        raise ValidationError({"peran": "Anda tidak dapat memberi peran ini."})
    if wilayah is not None and not dalam_wilayah(oleh, wilayah.pk):
        raise ValidationError({"wilayah": "Wilayah ini di luar wilayah Anda."})
    # The level each role needs (a desa for a PPKBD…) is checked by Profil.clean.
    if institusi is not None and institusi.wilayah_id != getattr(wilayah, "pk", None):
        raise ValidationError({"institusi": "Institusi harus berada di wilayah yang dipilih."})


@transaction.atomic
def akun_buat(
    *,
    oleh,
    username: str,
    nama: str,
    peran: str,
    wilayah: Wilayah | None = None,
    institusi: Institusi | None = None,
    telepon: str = "",
) -> tuple:
    """Create an account; returns (user, the generated password to hand over once)."""
    username = username.strip().lower()
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Nama pengguna ini sudah dipakai."})
    _periksa(oleh, peran=peran, wilayah=wilayah, institusi=institusi)
    sandi = sandi_baru()
    user = pengguna_buat(
        username=username, password=sandi, peran=peran, wilayah=wilayah, institusi=institusi,
        nama=nama.strip(),
    )  # fmt: skip
    _telepon(user.profil, telepon)
    return user, sandi


@transaction.atomic
def akun_ubah(
    *,
    oleh,
    profil: Profil,
    nama: str,
    peran: str,
    wilayah: Wilayah | None,
    institusi: Institusi | None,
    telepon: str,
    aktif: bool,
) -> Profil:
    user = profil.user
    if profil.peran not in peran_dikelola(oleh):
        raise PermissionDenied
    if user.pk == oleh.pk and (not aktif or peran != profil.peran):
        raise ValidationError("Anda tidak dapat menonaktifkan atau mengubah peran akun sendiri.")
    _periksa(oleh, peran=peran, wilayah=wilayah, institusi=institusi)
    pengguna_buat(
        username=user.username, password="", peran=peran, wilayah=wilayah, institusi=institusi,
        nama=nama.strip(),
    )  # fmt: skip
    user.is_active = aktif
    user.save(update_fields=["is_active"])
    profil.refresh_from_db()
    _telepon(profil, telepon)
    lupakan_cache(user)
    profil.refresh_from_db()
    return profil


def _telepon(profil: Profil, telepon: str) -> None:
    try:
        telepon = normalisasi_telepon(telepon, hp=True)  # one stored form: +62…
    except ValidationError as e:
        raise ValidationError({"telepon": e.messages}) from None
    if profil.telepon != telepon:
        profil.telepon = telepon
        profil.save(update_fields=["telepon"])  # saved, not updated: the history keeps it


@transaction.atomic
def sandi_atur_ulang(*, oleh, profil: Profil) -> str:
    """A new generated password (the old one and the user's sessions stop working)."""
    if profil.peran not in peran_dikelola(oleh):
        raise PermissionDenied
    sandi = sandi_baru()
    profil.user.set_password(sandi)
    profil.user.save(update_fields=["password"])
    return sandi


@transaction.atomic
def penugasan_akhiri(*, penugasan, selesai) -> None:
    """End a desa assignment (the day itself still counts); history is kept."""
    if selesai < penugasan.mulai:
        raise ValidationError("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    penugasan.selesai = selesai
    penugasan.full_clean()
    penugasan.save(update_fields=["selesai"])
