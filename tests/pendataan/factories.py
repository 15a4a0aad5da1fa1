"""Register helpers for pendataan tests: built through the services so history is consistent."""

import itertools
from datetime import date

from imp_smart.nik import hash_nik
from pendataan import services
from pendataan.models import Hubungan, StatusKawin
from tests.factories import nik_valid

_kk = itertools.count(1)


def no_kk_baru() -> str:
    return f"7306010101{next(_kk) % 999999 + 1:06d}"


def keluarga_buat(*, dusun, rt: str = "001", nama_kepala: str = "Baso Daeng", **kw):
    return services.keluarga_simpan(
        no_kk=kw.pop("no_kk", None) or no_kk_baru(),
        dusun=dusun,
        rt=rt,
        nama_kepala=nama_kepala,
        **kw,
    )


def anggota_buat(
    *,
    keluarga,
    jenis_kelamin="P",
    lahir=date(1990, 5, 17),
    hubungan=Hubungan.PASANGAN,
    status_kawin=StatusKawin.KAWIN,
    nama="Siti Hasnah",
    tanggal_masuk=None,
    nik=None,
):
    return services.anggota_tambah(
        keluarga=keluarga,
        nik=nik or nik_valid(jenis_kelamin=jenis_kelamin, lahir=lahir),
        nama=nama,
        jenis_kelamin=jenis_kelamin,
        tanggal_lahir=lahir,
        hubungan=hubungan,
        status_kawin=status_kawin,
        tanggal_masuk=tanggal_masuk,
    )


def pus_buat(*, dusun, lahir=date(1990, 5, 17), nama="Siti Hasnah", rt="001", **kw):
    """A family with a married head and his wife (the PUS). Returns the wife."""
    kel = keluarga_buat(dusun=dusun, rt=rt)
    anggota_buat(
        keluarga=kel,
        jenis_kelamin="L",
        lahir=date(1985, 1, 1),
        hubungan=Hubungan.KEPALA,
        nama="Baso Daeng",
    )
    return anggota_buat(keluarga=kel, lahir=lahir, nama=nama, **kw)


__all__ = ["anggota_buat", "hash_nik", "keluarga_buat", "no_kk_baru", "pus_buat"]
