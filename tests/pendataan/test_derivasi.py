"""PUS derivation for any month, from birth date, marital status and dated mutations."""

from datetime import date

import pytest

from kader.scoping import SEMUA
from pendataan import services
from pendataan.models import Anggota, Mutasi, PerubahanStatus, RiwayatAnggota, StatusKawin
from pendataan.selectors import indikator_desa, pb_kumulatif_desa, pus_bulan
from tests.pendataan.factories import anggota_buat, keluarga_buat, pus_buat


def _pus(bulan, desa):
    return set(pus_bulan(bulan=bulan, desa_ids=[desa.pk]).values_list("anggota_id", flat=True))


@pytest.mark.django_db
def test_woman_turning_50_leaves_pus_in_the_month_after_her_birthday(area):
    w = pus_buat(dusun=area.dusun_a1, lahir=date(1975, 6, 15))
    assert w.pk in _pus(date(2025, 5, 1), area.desa_a)  # 49 on 31 May 2025
    assert w.pk not in _pus(date(2025, 6, 1), area.desa_a)  # 50 on 30 June 2025


@pytest.mark.django_db
def test_girl_becomes_pus_in_the_month_she_turns_15(area):
    w = pus_buat(dusun=area.dusun_a1, lahir=date(2010, 4, 30))
    assert w.pk not in _pus(date(2025, 3, 1), area.desa_a)
    assert w.pk in _pus(date(2025, 4, 1), area.desa_a)  # 15 on 30 April 2025


@pytest.mark.django_db
def test_divorce_removes_from_pus_from_its_month_and_keeps_history(area):
    w = pus_buat(dusun=area.dusun_a1)
    services.mutasi_catat(anggota=w, jenis=Mutasi.Jenis.BERCERAI, tanggal=date(2025, 3, 10))
    assert w.pk in _pus(date(2025, 2, 1), area.desa_a)
    assert w.pk not in _pus(date(2025, 3, 1), area.desa_a)
    riwayat = list(RiwayatAnggota.objects.filter(anggota=w).order_by("mulai"))
    assert [r.status_kawin for r in riwayat] == [StatusKawin.KAWIN, StatusKawin.CERAI_HIDUP]
    assert riwayat[0].selesai == date(2025, 3, 10) == riwayat[1].mulai


@pytest.mark.django_db
def test_death_and_moving_away_end_membership(area):
    mati = pus_buat(dusun=area.dusun_a1)
    pindah = pus_buat(dusun=area.dusun_a1)
    services.mutasi_catat(anggota=mati, jenis=Mutasi.Jenis.MENINGGAL, tanggal=date(2025, 2, 28))
    services.mutasi_catat(anggota=pindah, jenis=Mutasi.Jenis.PINDAH, tanggal=date(2025, 3, 1))
    jan, feb, mar = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
    assert {mati.pk, pindah.pk} <= _pus(jan, area.desa_a)
    # Died on the last day of February: not a member on that day any more.
    assert mati.pk not in _pus(feb, area.desa_a)
    assert pindah.pk in _pus(feb, area.desa_a)
    assert pindah.pk not in _pus(mar, area.desa_a)
    assert not Anggota.objects.get(pk=mati.pk).aktif


@pytest.mark.django_db
def test_death_of_husband_makes_wife_cerai_mati(area):
    w = pus_buat(dusun=area.dusun_a1)
    suami = Anggota.objects.get(keluarga=w.keluarga, hubungan=1)
    services.mutasi_catat(anggota=suami, jenis=Mutasi.Jenis.MENINGGAL, tanggal=date(2025, 1, 5))
    w.refresh_from_db()
    assert w.status_kawin == StatusKawin.CERAI_MATI
    assert w.pk in _pus(date(2024, 12, 1), area.desa_a)
    assert w.pk not in _pus(date(2025, 1, 1), area.desa_a)


@pytest.mark.django_db
def test_marriage_makes_pus_from_its_month(area):
    kel = keluarga_buat(dusun=area.dusun_a1)
    w = anggota_buat(
        keluarga=kel, lahir=date(2000, 1, 1), hubungan=3, status_kawin=StatusKawin.BELUM
    )
    services.mutasi_catat(anggota=w, jenis=Mutasi.Jenis.MENIKAH, tanggal=date(2025, 4, 20))
    assert w.pk not in _pus(date(2025, 3, 1), area.desa_a)
    assert w.pk in _pus(date(2025, 4, 1), area.desa_a)


@pytest.mark.django_db
def test_mutation_before_last_change_is_refused(area):
    w = pus_buat(dusun=area.dusun_a1)
    services.mutasi_catat(anggota=w, jenis=Mutasi.Jenis.BERCERAI, tanggal=date(2025, 3, 10))
    with pytest.raises(services.ValidationError):
        services.mutasi_catat(anggota=w, jenis=Mutasi.Jenis.MENIKAH, tanggal=date(2025, 3, 1))
    assert RiwayatAnggota.objects.filter(anggota=w).count() == 2


@pytest.mark.django_db
def test_status_holds_until_next_change_and_counts(area, pus_a1):
    a, b, c = pus_a1.a1
    simpan = services.status_simpan_bulan
    pus = {x.pk: area.desa_a.pk for x in pus_a1.a1}
    simpan(
        bulan=date(2025, 1, 1),
        pus=pus,
        isian={
            a.pk: services.Isian("PIL", "PEMERINTAH", True),
            b.pk: services.Isian("IAT"),
        },
    )
    simpan(
        bulan=date(2025, 3, 1),
        pus=pus,
        isian={
            a.pk: services.Isian("IMPLAN", "SWASTA"),  # ganti cara: not PB
            b.pk: services.Isian("SUNTIK", "PEMERINTAH", True),
        },
    )
    feb = indikator_desa(bulan=date(2025, 2, 1), desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert (feb["pus"], feb["pa_pil"], feb["iat"], feb["tanpa_status"], feb["pb"]) == (
        4,
        1,
        1,
        2,
        0,
    )
    mar = indikator_desa(bulan=date(2025, 3, 1), desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert (mar["pa_implan"], mar["pa_suntik"], mar["pb"], mar["jumlah_keluarga"]) == (1, 1, 1, 4)
    assert pb_kumulatif_desa(bulan=date(2025, 3, 1), desa_ids=SEMUA)[area.desa_a.pk] == 2
    assert c.pk and PerubahanStatus.objects.count() == 4


@pytest.mark.django_db
def test_indikator_desa_lists_every_requested_desa_with_zeros(area):
    hasil = indikator_desa(bulan=date(2025, 1, 1), desa_ids=SEMUA)
    assert {area.desa_a.pk, area.desa_b.pk, area.desa_x.pk} <= set(hasil)
    assert hasil[area.desa_b.pk]["pus"] == 0
