"""Kept pages by desa (imp_smart.halaman: daftarkan_bagian, tulis_wilayah, BagianWilayahMixin):
a family or member saved in one desa leaves the kept family lists of other desas standing, and
renews those of its own desa — and of the desa it left when it moved. A write that does not say
its desa (QuerySet.update, raw SQL, a member whose family is not at hand) renews every list.

These tests commit (transactional_db), with Redis as the shared cache."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.urls import reverse

from imp_smart import halaman
from kader.scoping import desa_cakupan
from laporan.models import LaporanDesa
from pendataan import impor, services
from pendataan.models import Anggota, Keluarga, Mutasi
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import daftar_dibuka as _daftar_dibuka
from tests.framework.halaman_support import masuk as _masuk
from tests.pendataan.factories import anggota_buat, keluarga_buat
from tests.pendataan.test_impor import _csv_keluarga

pytestmark = pytest.mark.django_db(transaction=True)


def _kept(client, url) -> bool:
    """The page came from the cache (the session's user is its only statement)."""
    return _buka(client, url)[1] <= 1


def test_a_family_saved_in_another_desa_leaves_the_list_kept(users, area, dusun_b):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Di Desa A")
    lain = keluarga_buat(dusun=dusun_b, nama_kepala="Di Desa B")
    ppkbd, url = _daftar_dibuka(users.ppkbd)  # desa A
    sub, _ = _daftar_dibuka(users.sub_ppkbd)  # dusun A1
    dinas, _ = _daftar_dibuka(users.dinas)  # the whole kabupaten
    koordinator, _ = _daftar_dibuka(users.koordinator)  # kecamatan K: desa A and B

    lain.nama_kepala = "Diubah Di B"
    lain.save()
    keluarga_buat(dusun=area.dusun_x1, nama_kepala="Baru Di X")  # kecamatan L

    assert _kept(ppkbd, url)
    assert _kept(sub, url)
    html, n = _buka(dinas, url)
    assert n > 1 and "Diubah Di B" in html and "Baru Di X" in html
    html, n = _buka(koordinator, url)
    assert n > 1 and "Diubah Di B" in html and "Baru Di X" not in html


def test_a_family_saved_in_the_desa_renews_its_lists(users, area):
    k = keluarga_buat(dusun=area.dusun_a2, nama_kepala="Nama Lama")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    sub, _ = _daftar_dibuka(users.sub_ppkbd)
    k.nama_kepala = "Nama Baru"
    k.save()
    assert "Nama Baru" in _buka(ppkbd, url)[0]
    # The dusun A1's list waits for any write in its desa (desa is the grain): built again.
    assert not _kept(sub, url)


def test_a_family_moving_out_of_the_desa_leaves_its_list(users, area, dusun_b):
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Akan Pindah")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    k = Keluarga.objects.get(pk=k.pk)  # as a page loads it: the desa it leaves is known
    k.dusun, k.desa = dusun_b, area.desa_b
    k.save()
    assert "Akan Pindah" not in _buka(ppkbd, url)[0]


def test_a_family_refreshed_from_the_database_leaves_the_desa_it_is_in_now(users, area, dusun_b):
    """Moved elsewhere by another process after it was loaded: refresh_from_db() tells where
    it is now, and the move from there renews that desa's lists."""
    k = keluarga_buat(dusun=dusun_b, nama_kepala="Dipindah Dua Kali")
    dimuat = Keluarga.objects.get(pk=k.pk)  # in desa B
    lain = Keluarga.objects.get(pk=k.pk)
    lain.dusun, lain.desa = area.dusun_a1, area.desa_a
    lain.save()  # now in desa A
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    assert "Dipindah Dua Kali" in _buka(ppkbd, url)[0]
    dimuat.refresh_from_db()
    dimuat.dusun, dimuat.desa = area.dusun_x1, area.desa_x
    dimuat.save()
    assert "Dipindah Dua Kali" not in _buka(ppkbd, url)[0]


def test_a_family_saved_without_what_it_was_renews_every_list(users, area, dusun_b):
    """A row saved by primary key with no loaded values (the desa it leaves unknown)."""
    k = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Tanpa Asal")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    salinan = Keluarga.objects.get(pk=k.pk)
    salinan.__dict__.pop("_imp_awal_wilayah")
    salinan.dusun, salinan.desa = dusun_b, area.desa_b
    salinan.save()
    assert "Tanpa Asal" not in _buka(ppkbd, url)[0]


def test_writes_that_do_not_say_their_desa_renew_every_list(users, area, dusun_b):
    lain = keluarga_buat(dusun=dusun_b, nama_kepala="Di B")
    ppkbd, url = _daftar_dibuka(users.ppkbd)

    Keluarga.objects.filter(pk=lain.pk).update(nama_kepala="Update Di B")
    assert not _kept(ppkbd, url)
    assert _kept(ppkbd, url)

    with connection.cursor() as cur:
        cur.execute(f"UPDATE {Keluarga._meta.db_table} SET rt = %s WHERE id = %s", ["009", lain.pk])
    assert not _kept(ppkbd, url)


def test_a_bulk_write_that_says_its_desa_is_counted_there_only(users, area, dusun_b):
    kita = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Di A")
    lain = keluarga_buat(dusun=dusun_b, nama_kepala="Di B")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    tabel = Keluarga._meta.db_table

    with halaman.tulis_wilayah(tabel, [area.desa_b.pk]):
        Keluarga.objects.filter(pk=lain.pk).update(rt="005")
    assert _kept(ppkbd, url)

    with transaction.atomic(), halaman.tulis_wilayah(tabel, {area.desa_a.pk}):
        Keluarga.objects.filter(pk=kita.pk).update(nama_kepala="Massal Di A")
    assert "Massal Di A" in _buka(ppkbd, url)[0]

    # An unregistered table, or no desas: the block says nothing.
    with halaman.tulis_wilayah("pertemuan_agendapertemuan", [area.desa_b.pk]):
        assert halaman._WILAYAH_TULIS.get() is None
    with halaman.tulis_wilayah(tabel, None):
        Keluarga.objects.filter(pk=lain.pk).update(rt="006")
    assert not _kept(ppkbd, url)


def test_members_say_their_family_desa_when_the_family_is_at_hand(users, area, dusun_b):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Keluarga A")
    lain = keluarga_buat(dusun=dusun_b, nama_kepala="Keluarga B")
    ppkbd, url = _daftar_dibuka(users.ppkbd)

    anggota = anggota_buat(keluarga=lain, nama="Anggota B")  # saved with its family at hand
    assert _kept(ppkbd, url)

    anggota = Anggota.objects.select_related("keluarga").get(pk=anggota.pk)
    anggota.nama = "Anggota B Diubah"
    anggota.save()
    assert _kept(ppkbd, url)

    # Loaded without its family: the desa is not at hand, every list is renewed.
    sendiri = Anggota.objects.get(pk=anggota.pk)
    sendiri.nama = "Tanpa Keluarga"
    sendiri.save()
    assert not _kept(ppkbd, url)


def test_a_member_moving_to_a_family_of_another_desa_renews_every_list(users, area, dusun_b):
    asal = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Asal")
    tujuan = keluarga_buat(dusun=dusun_b, nama_kepala="Tujuan")
    anggota_buat(keluarga=asal, nama="Yang Pindah")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    assert "Asal" in _buka(ppkbd, url)[0]

    pindah = Anggota.objects.select_related("keluarga").get(keluarga=asal)
    pindah.keluarga = tujuan  # the family it joins is at hand, the one it leaves is not said
    pindah.save()
    assert not _kept(ppkbd, url)


def test_the_desas_of_a_users_area(users, area):
    assert desa_cakupan(users.dinas) is None
    assert desa_cakupan(users.ppkbd) == {area.desa_a.pk}
    assert desa_cakupan(users.sub_ppkbd) == {area.desa_a.pk}  # the desa of its dusun
    assert desa_cakupan(users.koordinator) == {area.desa_a.pk, area.desa_b.pk}
    assert desa_cakupan(users.penyuluh) == {area.desa_a.pk}  # the ended assignment is not


def test_what_a_write_renews_and_what_a_page_reads():
    kel, jml = "pendataan_keluarga", "pendataan_jumlahkeluargadesa"
    k = halaman.kunci_tabel
    assert halaman._kunci_tulis({kel}, None) == {k(kel), k(kel) + halaman.UTUH, k(jml)}
    assert halaman._kunci_tulis(set(), {kel: {7, 9}}) == {
        k(kel),
        halaman.kunci_bagian(kel, 7),
        halaman.kunci_bagian(kel, 9),
        k(jml),
    }
    assert halaman._kunci_tulis({None}, None) == set()  # the epoch: naikkan's own key
    baca = halaman.kunci_baca({kel, "kader_wilayah"}, frozenset({7}))
    assert baca[-1] == halaman.KUNCI_ZAMAN
    assert set(baca) == {
        k("kader_wilayah"),
        halaman.kunci_bagian(kel, 7),
        k(kel) + halaman.UTUH,
        halaman.KUNCI_ZAMAN,
    }
    assert halaman.kunci_baca({kel}, None) == [k(kel), halaman.KUNCI_ZAMAN]


def test_a_death_recorded_in_another_desa_leaves_the_list_kept(users, area, dusun_b):
    kita = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Keluarga A")
    lain = keluarga_buat(dusun=dusun_b, nama_kepala="Keluarga B")
    di_a = anggota_buat(keluarga=kita, nama="Anggota A")
    di_b = anggota_buat(keluarga=lain, nama="Anggota B")
    ppkbd, url = _daftar_dibuka(users.ppkbd)

    hari = date(2026, 1, 5)
    services.mutasi_catat(anggota=di_b, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert _kept(ppkbd, url)

    services.mutasi_catat(anggota=di_a, jenis=Mutasi.Jenis.MENINGGAL, tanggal=hari)
    assert not _kept(ppkbd, url)  # its family's member count changed


def test_a_family_import_into_another_desa_leaves_the_list_kept(users, area, dusun_b):
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Sudah Ada")
    ppkbd, url = _daftar_dibuka(users.ppkbd)
    ke_b = _csv_keluarga(area).replace(area.desa_a.kode.encode(), area.desa_b.kode.encode())
    h = impor.jalankan_impor(jenis="keluarga", isi=ke_b.replace(b",A1,", b",B1,"), nama="b.csv")
    assert h.berhasil, h.kesalahan
    assert Keluarga.objects.filter(desa=area.desa_b).count() == 1
    assert _kept(ppkbd, url)

    h = impor.jalankan_impor(jenis="keluarga", isi=_csv_keluarga(area), nama="a.csv")
    assert h.berhasil, h.kesalahan
    assert "Baso Tiro" in _buka(ppkbd, url)[0]


def test_a_report_saved_in_another_kecamatan_leaves_the_report_list_kept(users, area):
    LaporanDesa.objects.create(desa=area.desa_a, bulan=date(2026, 1, 1))
    koordinator = _masuk(users.koordinator)  # kecamatan K
    url = reverse("laporan:list")
    _buka(koordinator, url)
    dinas = _masuk(users.dinas)
    _buka(dinas, url)

    di_x = LaporanDesa.objects.create(desa=area.desa_x, bulan=date(2026, 1, 1))  # kecamatan L
    di_x = LaporanDesa.objects.get(pk=di_x.pk)
    di_x.status = LaporanDesa.Status.DIKIRIM
    di_x.save(update_fields=["status"])
    assert _kept(koordinator, url)
    assert not _kept(dinas, url)

    di_b = LaporanDesa.objects.create(desa=area.desa_b, bulan=date(2026, 2, 1))  # kecamatan K
    assert not _kept(koordinator, url)
    LaporanDesa.objects.filter(pk=di_b.pk).update(nihil=True)  # says no desa: every list
    _kept(koordinator, url)
    LaporanDesa.objects.filter(pk=di_x.pk).update(nihil=True)
    assert not _kept(koordinator, url)
