"""Factories and helpers for laporan tests (register data through pendataan's own services)."""

import itertools
from datetime import date

import factory

from laporan import angka as A
from laporan.models import LaporanDesa
from tests.factories import nik_valid

_kk = itertools.count(1)


def angka_seimbang(**ubah) -> dict:
    """Figures of a report that satisfy the balance rule, with some activity."""
    angka = A.kosong()
    angka.update(
        jumlah_keluarga=40,
        pus=20,
        pa_iud=2,
        pa_implan=3,
        pa_suntik=6,
        pa_pil=3,
        pa_tradisional=1,
        pb=2,
        hamil=2,
        ias=1,
        iat=1,
        tial=1,
        pertemuan=1,
        hadir_kader=8,
        pb_kumulatif=5,
        target_pb=50,
    )
    angka.update(ubah)
    return angka


class LaporanDesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LaporanDesa

    bulan = date(2025, 3, 1)
    angka_otomatis = factory.LazyFunction(angka_seimbang)


def isi_register(*, dusun, bulan: date, status: list[str], pb: int = 0) -> list:
    """One family per PUS woman in `dusun`, with the given KB statuses in `bulan`.

    The first `pb` statuses that are methods are flagged peserta baru. Returns the members.
    """
    from pendataan import services as ps

    anggota = []
    for _ in status:
        kk = f"7306{next(_kk):012d}"
        kel = ps.keluarga_simpan(no_kk=kk, dusun=dusun, rt="001", nama_kepala="Kepala Uji")
        anggota.append(
            ps.anggota_tambah(
                keluarga=kel,
                nik=nik_valid(jenis_kelamin="P", lahir=date(1990, 5, 17)),
                nama="Ibu Uji",
                jenis_kelamin="P",
                tanggal_lahir=date(1990, 5, 17),
                hubungan=2,
                status_kawin=2,
            )
        )
    isian, sisa_pb = {}, pb
    for a, s in zip(anggota, status, strict=True):
        if not s:
            continue
        metode = s not in ("HAMIL", "IAS", "IAT", "TIAL")
        baru = metode and sisa_pb > 0
        sisa_pb -= baru
        isian[a.pk] = ps.Isian(status=s, jalur="PEMERINTAH" if metode else "", peserta_baru=baru)
    if isian:
        ps.status_simpan_bulan(bulan=bulan, isian=isian, pus={a.pk: dusun.desa_id for a in anggota})
    return anggota
