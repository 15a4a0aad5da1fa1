"""Mutations and counselling numbered per desa (imp_smart.halaman): this month's worklist of a
desa user reads the marriages (Mutasi, seen from the family's current desa) and who was
counselled lately (Konseling, seen from its desa and from the desa its woman lives in now). A
mutation or counselling saved in another desa leaves the worklist kept; one in the desa renews
it; a counselling saved without its woman's family at hand renews every page of the table. The
counselling lists follow the desas their women have moved to; a family's page the desas its
members' facts lie in.

These tests commit (transactional_db), with Redis as the shared cache."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from imp_smart import halaman
from pendataan import services
from pendataan.models import Anggota, Keluarga, Mutasi, RiwayatAnggota
from pertemuan import services as pertemuan_services
from pertemuan.models import Konseling
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import kept as _kept
from tests.framework.halaman_support import masuk as _masuk
from tests.pendataan.factories import pus_buat

pytestmark = pytest.mark.django_db(transaction=True)

MUTASI = Mutasi._meta.db_table
KONSELING = Konseling._meta.db_table


def _nomor(tabel, desa=None):
    kunci = halaman.kunci_tabel(tabel) + halaman.UTUH if desa is None else None
    return cache.get(kunci or halaman.kunci_bagian(tabel, desa))


def _konseling(pus, **data):
    return pertemuan_services.konseling_simpan(
        anggota=pus, tanggal=timezone.localdate(), topik="pup", hasil="belum", **data
    )


def _worklist(users, area):
    c = _masuk(users.ppkbd)
    url = reverse("pendataan:sasaran")
    _buka(c, url, wilayah=area.desa_a.pk)
    assert _kept(c, url, wilayah=area.desa_a.pk)
    return c, url


def test_mutation_and_counselling_in_another_desa_leave_the_worklist_kept(
    users, area, pus_a, pus_b
):
    c, url = _worklist(users, area)
    hari = timezone.localdate()
    _konseling(Anggota.objects.get(pk=pus_b.pk))
    suami_b = pus_b.keluarga.anggota.get(jenis_kelamin="L")
    services.mutasi_catat(anggota=suami_b, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert Mutasi.objects.filter(keluarga__desa=area.desa_b).count() == 1
    assert Konseling.objects.filter(desa=area.desa_b).count() == 1
    assert _kept(c, url, wilayah=area.desa_a.pk)

    _konseling(Anggota.objects.get(pk=pus_a.pk))  # in the desa: renewed
    html, n = _buka(c, url, wilayah=area.desa_a.pk)
    assert n > 2 and "Ibu Desa A" in html
    assert _kept(c, url, wilayah=area.desa_a.pk)
    suami_a = pus_a.keluarga.anggota.get(jenis_kelamin="L")
    services.mutasi_catat(anggota=suami_a, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert not _kept(c, url, wilayah=area.desa_a.pk)


def test_a_mutation_says_its_familys_desa(area, pus_a):
    sebelum_b = _nomor(MUTASI, area.desa_b.pk)
    suami = pus_a.keluarga.anggota.get(jenis_kelamin="L")
    m = services.mutasi_catat(
        anggota=suami, jenis=Mutasi.Jenis.MENINGGAL, tanggal=timezone.localdate()
    )
    assert m.keluarga_id == pus_a.keluarga_id
    assert _nomor(MUTASI, area.desa_a.pk) is not None
    assert _nomor(MUTASI, area.desa_b.pk) == sebelum_b
    assert _nomor(MUTASI) is None  # nothing said "all"

    # Loaded without its family, a mutation's save knows no desa: every page of the table.
    m = Mutasi.objects.get(pk=m.pk)
    m.keterangan = "Dikoreksi"
    m.save(update_fields=["keterangan"])
    assert _nomor(MUTASI) is not None


def test_a_counselling_says_its_desa_and_where_she_lives_now(area, dusun_b, pus_a):
    """Counselled in desa A, her family has since moved to desa B: corrected through the
    service, the counselling moves to B and its save says both."""
    k = _konseling(Anggota.objects.get(pk=pus_a.pk))
    assert (k.desa_id, _nomor(KONSELING)) == (area.desa_a.pk, None)
    Keluarga.objects.filter(pk=pus_a.keluarga_id).update(desa=area.desa_b, dusun=dusun_b)
    anggota = Anggota.objects.get(pk=pus_a.pk)
    k = Konseling.objects.get(pk=k.pk)
    sebelum = (_nomor(KONSELING, area.desa_a.pk), _nomor(KONSELING, area.desa_b.pk))
    k = pertemuan_services.konseling_simpan(
        konseling=k, anggota=anggota, tanggal=k.tanggal, topik="pup", hasil="belum"
    )
    assert k.desa_id == area.desa_b.pk
    sesudah = (_nomor(KONSELING, area.desa_a.pk), _nomor(KONSELING, area.desa_b.pk))
    assert sesudah[0] != sebelum[0] and sesudah[1] != sebelum[1]
    assert _nomor(KONSELING) is None

    # Her family not at hand (a follow-up marked done): not known, every page of the table.
    pertemuan_services.konseling_tindak_lanjut_selesai(konseling=Konseling.objects.get(pk=k.pk))
    assert _nomor(KONSELING) is not None


def test_counselling_desas_from_the_model(area, pus_a):
    anggota = Anggota.objects.select_related("keluarga").get(pk=pus_a.pk)
    baru = Konseling(anggota=anggota, desa_id=area.desa_a.pk)
    assert baru.wilayah_halaman(None, True) == {area.desa_a.pk}
    pindah = Konseling(anggota=anggota, desa_id=area.desa_b.pk)
    assert pindah.wilayah_halaman({"desa_id": area.desa_b.pk, "anggota_id": anggota.pk}, False) == {
        area.desa_a.pk,
        area.desa_b.pk,
    }
    lain = {"desa_id": area.desa_a.pk, "anggota_id": anggota.pk + 1}
    assert baru.wilayah_halaman(lain, False) is None  # given to another woman
    assert Konseling(anggota_id=anggota.pk, desa_id=1).wilayah_halaman(None, True) is None
    tanggal = date(2026, 1, 1)
    assert Mutasi(keluarga=anggota.keluarga, tanggal=tanggal).wilayah_halaman(None, True) == {
        area.desa_a.pk
    }


def _daftar_konseling(users, nama="pertemuan:konseling_list"):
    c = _masuk(users.ppkbd)
    url = reverse(nama)
    _buka(c, url)
    assert _kept(c, url)
    return c, url


@pytest.mark.parametrize("nama", ["pertemuan:konseling_list", "pertemuan:konseling_jatuh_tempo"])
def test_counselling_lists_stay_kept_while_others_counsel_elsewhere(users, pus_a, pus_b, nama):
    tindak_lanjut = {"tanggal_tindak_lanjut": timezone.localdate()}
    _konseling(Anggota.objects.get(pk=pus_a.pk), **tindak_lanjut)
    c, url = _daftar_konseling(users, nama)
    _konseling(Anggota.objects.get(pk=pus_b.pk), **tindak_lanjut)
    assert _kept(c, url)

    _konseling(Anggota.objects.get(pk=pus_a.pk), **tindak_lanjut)  # in the desa: renewed
    html, n = _buka(c, url)
    assert n > 2 and html.count("Ibu Desa A") == 2


def test_a_counselled_woman_whose_family_moved_is_followed(users, area, dusun_b, pus_a):
    """Counselled in desa A, her family moved to desa B: her name corrected there (a save that
    says desa B) renews the counselling list of desa A, which names her."""
    _konseling(Anggota.objects.get(pk=pus_a.pk))
    keluarga = Keluarga.objects.get(pk=pus_a.keluarga_id)
    keluarga.desa, keluarga.dusun = area.desa_b, dusun_b
    keluarga.save()
    c, url = _daftar_konseling(users)

    anggota = Anggota.objects.select_related("keluarga").get(pk=pus_a.pk)
    anggota.nama = "Ibu Sudah Pindah"
    anggota.save(update_fields=["nama"])
    assert "Ibu Sudah Pindah" in _buka(c, url)[0]


def test_a_familys_page_follows_the_desas_of_its_rows(users, area, dusun_b, pus_a):
    """Her facts of earlier years lie in desa B: the family's page of desa A depends on A and B.
    A family, mutation or status saved in desa X leaves it kept; a save of her old fact in B
    renews it, as does a mutation in the family."""
    fakta = RiwayatAnggota.objects.get(anggota=pus_a)
    fakta.selesai = date(2024, 6, 1)
    fakta.save(update_fields=["selesai"])
    fakta.pk, fakta.mulai, fakta.selesai = None, date(2024, 6, 1), date(9999, 12, 31)
    fakta.save()  # since June 2024 in desa A
    lama = RiwayatAnggota.objects.get(anggota=pus_a, mulai=pus_a.tanggal_lahir)
    lama.desa, lama.dusun = area.desa_b, dusun_b
    lama.save()  # until then in desa B
    c = _masuk(users.dinas)
    url = reverse("pendataan:keluarga_detail", args=[pus_a.keluarga_id])
    _buka(c, url)
    assert _kept(c, url)

    di_x = pus_buat(dusun=area.dusun_x1, nama="Ibu Desa X")
    suami_x = di_x.keluarga.anggota.get(jenis_kelamin="L")
    hari = timezone.localdate()
    services.mutasi_catat(anggota=suami_x, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert _kept(c, url)

    lama.save()  # says desa B
    assert not _kept(c, url)
    assert _kept(c, url)
    suami = pus_a.keluarga.anggota.get(jenis_kelamin="L")
    services.mutasi_catat(anggota=suami, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert "Meninggal dunia" in _buka(c, url)[0]
