"""Writes of the kader app. Every function is atomic and validates before it saves."""

import csv
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from imp_smart.fields import isi_nomor
from imp_smart.nik import cek_nik
from imp_smart.saringan import lupakan_opsi
from kader.models import Institusi, Kader, Pengurus, Penugasan, Peran, Profil, Wilayah
from kader.wilayah_nasional import baris_kabupaten


@transaction.atomic
def wilayah_muat(*, kode_kabupaten: str | None = None, path: Path | None = None) -> dict[str, int]:
    """Load the official areas of one kabupaten/kota (default: settings.IMP_KODE_KABUPATEN) from
    the national data, or of a CSV file (kode, tingkat, nama, kode_induk); running it again
    changes nothing. Returns created counts. A wrong code raises KodeTidakDikenal."""
    if path is not None:
        with open(path, newline="", encoding="utf-8") as f:
            baris = list(csv.DictReader(f))
    else:
        baris = baris_kabupaten(kode_kabupaten or settings.IMP_KODE_KABUPATEN)
    ada = {w.kode: w for w in Wilayah.objects.exclude(tingkat=Wilayah.Tingkat.DUSUN)}
    dibuat = {"kabupaten": 0, "kecamatan": 0, "desa": 0, "kelurahan": 0}
    # Parents come before children in the file (kabupaten, kecamatan, then villages).
    for r in sorted(baris, key=lambda r: r["kode"].count(".")):
        induk = ada.get(r["kode_induk"])
        w = ada.get(r["kode"])
        if w is None:
            w = Wilayah.objects.create(
                kode=r["kode"], nama=r["nama"], tingkat=r["tingkat"], induk=induk
            )
            dibuat[r["tingkat"]] += 1
            ada[w.kode] = w
        elif (w.nama, w.tingkat, w.induk_id) != (
            r["nama"],
            r["tingkat"],
            getattr(induk, "pk", None),
        ):
            w.nama, w.tingkat, w.induk = r["nama"], r["tingkat"], induk
            w.save(update_fields=["nama", "tingkat", "induk"])
        _simpan_leluhur(w)
    return dibuat


def _simpan_leluhur(w: Wilayah) -> None:
    kec, desa = w.leluhur_ids()
    if (w.kecamatan_id, w.desa_id) != (kec, desa):
        Wilayah.objects.filter(pk=w.pk).update(kecamatan_id=kec, desa_id=desa)
        lupakan_opsi()  # update() sends no signal; the filters' area options depend on these ids
        w.kecamatan_id, w.desa_id = kec, desa


@transaction.atomic
def dusun_create(*, desa: Wilayah, nama: str) -> Wilayah:
    """Add a dusun/lingkungan under a desa, or return the one with that name."""
    nama = " ".join(nama.split())
    if not desa.is_desa:
        raise ValidationError({"desa": "Dusun harus berada di bawah desa/kelurahan."})
    if not nama:
        raise ValidationError({"nama": "Nama dusun wajib diisi."})
    Wilayah.objects.select_for_update().filter(pk=desa.pk).first()  # serialise numbering
    ada = Wilayah.objects.filter(induk=desa, tingkat=Wilayah.Tingkat.DUSUN, nama__iexact=nama)
    if dusun := ada.first():
        return dusun
    nomor = Wilayah.objects.filter(induk=desa, tingkat=Wilayah.Tingkat.DUSUN).count() + 1
    while Wilayah.objects.filter(kode=f"{desa.kode}.{nomor:02d}").exists():
        nomor += 1
    dusun = Wilayah.objects.create(
        kode=f"{desa.kode}.{nomor:02d}",
        nama=nama,
        tingkat=Wilayah.Tingkat.DUSUN,
        induk=desa,
        kecamatan_id=desa.kecamatan_id,
        desa=desa,
    )
    return dusun


def _isi_nik(kader: Kader, nik: str) -> None:
    isi_nomor(
        kader, "nik", nik, cek=cek_nik, pesan_ganda="NIK ini sudah terdaftar sebagai kader lain."
    )


@transaction.atomic
def kader_simpan(*, kader: Kader | None = None, nik: str, **data) -> Kader:
    """Create or update a cadre; the NIK is checked, hashed and stored encrypted."""
    kader = kader or Kader()
    for nama, nilai in data.items():
        setattr(kader, nama, nilai)
    _isi_nik(kader, nik)
    if kader.dusun is not None and kader.institusi_id:
        desa_id = kader.institusi.wilayah.desa_id
        if kader.dusun.desa_id != desa_id:
            raise ValidationError({"dusun": "Dusun harus di desa yang sama dengan institusinya."})
    kader.full_clean(exclude=["nik_hash"])
    kader.save()
    return kader


@transaction.atomic
def institusi_simpan(*, institusi: Institusi | None = None, **data) -> Institusi:
    """Create or update an institution (type must match its area level)."""
    institusi = institusi or Institusi()
    for nama, nilai in data.items():
        setattr(institusi, nama, nilai)
    institusi.full_clean()
    institusi.save()
    return institusi


@transaction.atomic
def institusi_nonaktifkan(*, institusi: Institusi, alasan: str, tanggal: date | None = None):
    """Deactivate (never delete) an institution, with a reason; its open terms end that day."""
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan penonaktifan wajib diisi."})
    tanggal = tanggal or timezone.localdate()
    institusi.aktif, institusi.alasan_nonaktif, institusi.tanggal_nonaktif = False, alasan, tanggal
    institusi.save(update_fields=["aktif", "alasan_nonaktif", "tanggal_nonaktif"])
    institusi.pengurus.filter(Q(selesai__isnull=True) | Q(selesai__gt=tanggal)).filter(
        mulai__lte=tanggal
    ).update(selesai=tanggal)
    return institusi


@transaction.atomic
def pengurus_simpan(*, pengurus: Pengurus | None = None, **data) -> Pengurus:
    """Put a cadre on a board. One ketua/sekretaris/bendahara at a time per institution."""
    pengurus = pengurus or Pengurus()
    for nama, nilai in data.items():
        setattr(pengurus, nama, nilai)
    pengurus.full_clean()
    # Lock the institution so that two concurrent saves cannot both pass the overlap check.
    Institusi.objects.select_for_update().filter(pk=pengurus.institusi_id).first()
    if pengurus.kader.institusi_id != pengurus.institusi_id:
        raise ValidationError({"kader": "Kader ini bukan anggota institusi tersebut."})
    if pengurus.jabatan in Pengurus.JABATAN_TUNGGAL:
        bentrok = _masa_bentrok(pengurus).filter(jabatan=pengurus.jabatan).first()
        if bentrok:
            raise ValidationError(
                {
                    "mulai": f"Sudah ada {pengurus.get_jabatan_display().lower()} "
                    f"({bentrok.kader.nama}) pada masa bakti yang bertumpang tindih."
                }
            )
    if _masa_bentrok(pengurus).filter(kader=pengurus.kader).exists():
        raise ValidationError({"kader": "Kader ini sudah menjabat di institusi ini pada masa itu."})
    pengurus.save()
    return pengurus


def _masa_bentrok(p: Pengurus):
    """Terms in the same institution that overlap p's term."""
    qs = Pengurus.objects.filter(institusi_id=p.institusi_id).exclude(pk=p.pk)
    if p.selesai:
        qs = qs.filter(mulai__lte=p.selesai)
    return qs.filter(Q(selesai__isnull=True) | Q(selesai__gte=p.mulai))


@transaction.atomic
def pengguna_buat(
    *,
    username: str,
    password: str,
    peran: str,
    wilayah: Wilayah | None = None,
    institusi: Institusi | None = None,
    nama: str = "",
    email: str = "",
):
    """Create a login with its role group and profile (or update them if it exists)."""
    User = get_user_model()
    user, baru = User.objects.get_or_create(username=username)
    if baru:
        user.set_password(password)
    user.first_name, user.email = nama or user.first_name, email or user.email
    user.is_superuser = peran == Peran.ADMIN
    # Dinas staff use the admin for what has no page of its own (SK template, assignments).
    user.is_staff = peran in (Peran.ADMIN, Peran.DINAS)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=peran)[0]])
    profil, _ = Profil.objects.update_or_create(
        user=user, defaults={"peran": peran, "wilayah": wilayah, "institusi": institusi}
    )
    profil.full_clean()
    return user


@transaction.atomic
def penugasan_simpan(
    *, penyuluh, desa: Wilayah, mulai: date, selesai: date | None = None, nomor_sk: str = ""
) -> Penugasan:
    """Assign a desa binaan to a penyuluh for a period (history is never overwritten)."""
    p = Penugasan(penyuluh=penyuluh, desa=desa, mulai=mulai, selesai=selesai, nomor_sk=nomor_sk)
    p.full_clean()
    p.save()
    return p


@transaction.atomic
def pengurus_akhiri(*, pengurus: Pengurus, selesai: date) -> Pengurus:
    """End a board term on a date; the row stays as history."""
    if selesai < pengurus.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum masa bakti mulai."})
    pengurus.selesai = selesai
    pengurus.save(update_fields=["selesai"])
    return pengurus
