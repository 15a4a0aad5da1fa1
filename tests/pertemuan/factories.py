"""Factories of the pertemuan app (and register helpers through pendataan's own services)."""

import itertools
from datetime import date

import factory

from pertemuan.models import (
    KegiatanPoktan,
    Konseling,
    Masalah,
    Pelatihan,
    Pertemuan,
    PesertaPelatihan,
    Poktan,
    SesiKIE,
    TindakLanjut,
)
from tests.factories import DesaFactory, KaderFactory, nik_valid

_kk = itertools.count(1)


class PertemuanFactory(factory.django.DjangoModelFactory):
    """A desa meeting in a fresh desa (out of everyone's scope but dinas) by default."""

    class Meta:
        model = Pertemuan

    wilayah = factory.SubFactory(DesaFactory)
    judul = factory.Sequence(lambda n: f"Pertemuan rutin {n}")
    tanggal = date(2025, 3, 10)
    tempat = "Balai desa"


class MasalahFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Masalah

    pertemuan = factory.SubFactory(PertemuanFactory)
    uraian = "Banyak PUS belum ber-KB"


class TindakLanjutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TindakLanjut

    masalah = factory.SubFactory(MasalahFactory)
    uraian = "Kunjungan rumah"
    penanggung_jawab = "Ketua PPKBD"
    batas_waktu = date(2025, 3, 31)


class SesiKIEFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SesiKIE

    wilayah = factory.SubFactory(DesaFactory)
    tanggal = date(2025, 3, 12)
    topik = "pup"
    sasaran = "remaja"
    peserta_l = 5
    peserta_p = 7
    media_kie = "ceramah"
    penyaji = "PKB"


class PoktanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poktan

    jenis = "bkb"
    nama = factory.Sequence(lambda n: f"Poktan {n}")
    wilayah = factory.SubFactory(DesaFactory)


class KegiatanPoktanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KegiatanPoktan

    poktan = factory.SubFactory(PoktanFactory)
    tanggal = date(2025, 3, 15)
    materi = "Stimulasi tumbuh kembang"
    hadir = 12


class PelatihanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pelatihan

    judul = factory.Sequence(lambda n: f"Pelatihan kader {n}")
    wilayah = factory.SubFactory(DesaFactory)
    penyelenggara = "Dinas PPKB"
    narasumber = "dr. Ani\nBudi, S.KM"
    tempat = "Aula"
    tanggal_mulai = date(2025, 3, 3)
    tanggal_selesai = date(2025, 3, 4)


class PesertaPelatihanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PesertaPelatihan

    pelatihan = factory.SubFactory(PelatihanFactory)
    kader = factory.SubFactory(KaderFactory)


def keluarga(*, dusun, nama_kepala="Kepala Uji", rt="001"):
    from pendataan import services as ps

    return ps.keluarga_simpan(
        no_kk=f"7306{next(_kk):012d}", dusun=dusun, rt=rt, nama_kepala=nama_kepala
    )


def anggota(
    *,
    keluarga,
    nama="Ibu Uji",
    jenis_kelamin="P",
    lahir=date(1990, 5, 17),
    hubungan=2,
    status_kawin=2,
):
    from pendataan import services as ps

    return ps.anggota_tambah(
        keluarga=keluarga,
        nik=nik_valid(jenis_kelamin=jenis_kelamin, lahir=lahir),
        nama=nama,
        jenis_kelamin=jenis_kelamin,
        tanggal_lahir=lahir,
        hubungan=hubungan,
        status_kawin=status_kawin,
    )


def pus(*, dusun, nama="Ibu Uji", lahir=date(1990, 5, 17)):
    """A PUS woman in a new family of `dusun`."""
    return anggota(keluarga=keluarga(dusun=dusun), nama=nama, lahir=lahir)


class KonselingFactory(factory.django.DjangoModelFactory):
    """Pass anggota= (a PUS); desa/dusun are copied from her family."""

    class Meta:
        model = Konseling

    desa_id = factory.LazyAttribute(lambda o: o.anggota.keluarga.desa_id)
    dusun_id = factory.LazyAttribute(lambda o: o.anggota.keluarga.dusun_id)
    tanggal = date(2025, 3, 20)
    topik = "kelahiran"
    hasil = "belum"
