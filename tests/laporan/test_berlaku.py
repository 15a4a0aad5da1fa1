"""Months before a desa started using the app are "belum berlaku", not late (issue 9 §2): one
rule (jadwal.berlaku + selectors.mulai_desa) for the board, the report page and the recap."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kader.scoping import SEMUA
from laporan import jadwal, selectors, selectors_rekap
from laporan.models import LaporanDesa
from tests.laporan.factories import LaporanDesaFactory, isi_register

S = LaporanDesa.Status


def _papan(client, user, **param):
    client.force_login(user)
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025, **param})
    assert respons.status_code == 200
    return {
        b["desa"].nama: [s["kode"] for s in b["sel"]] for b in respons.context["papan"]["baris"]
    }, respons


def test_rule_itself():
    assert jadwal.berlaku(date(2025, 3, 1), date(2025, 3, 1))
    assert not jadwal.berlaku(date(2025, 2, 1), date(2025, 3, 1))
    assert not jadwal.berlaku(date(2025, 2, 1), None)


def test_months_before_first_report_are_belum_berlaku(client, users, area, angka_tetap):
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 3, 1), status=S.DIKIRIM)
    kode, respons = _papan(client, users.koordinator)
    assert kode["Desa A"][:3] == ["BELUM_BERLAKU", "BELUM_BERLAKU", "DIKIRIM"]
    assert kode["Desa A"][3] == "TERLAMBAT"  # April: started, nothing sent, past due
    # Desa B has no record at all: nothing is expected of it yet.
    assert set(kode["Desa B"]) == {"BELUM_BERLAKU"}
    # Coverage counts the desa expected: in March only desa A.
    maret = respons.context["papan"]["ringkas"][2]
    assert (maret["diharapkan"], maret["disetujui"]) == (1, 0)
    assert "Belum berlaku" in respons.content.decode()


def test_first_kb_status_starts_the_desa(client, users, area, angka_tetap):
    isi_register(dusun=area.dusun_a1, bulan=date(2025, 2, 1), status=["SUNTIK"])
    kode, _ = _papan(client, users.koordinator)
    assert kode["Desa A"][0] == "BELUM_BERLAKU"
    assert kode["Desa A"][1:3] == ["TERLAMBAT", "TERLAMBAT"]


def test_go_live_setting_applies_to_every_desa(client, users, area, angka_tetap, settings):
    settings.IMP_TANGGAL_MULAI = "2025-02-15"
    kode, respons = _papan(client, users.koordinator)
    for desa in ("Desa A", "Desa B"):
        assert kode[desa][0] == "BELUM_BERLAKU"
        assert kode[desa][1] == "TERLAMBAT"  # from February every desa is expected
    assert respons.context["papan"]["ringkas"][1]["diharapkan"] == 2


def test_recap_counts_only_desa_expected(area, angka_tetap):
    bulan = date(2025, 3, 1)
    LaporanDesaFactory(
        desa=area.desa_a,
        bulan=bulan,
        status=S.DISETUJUI,
        angka_beku={"pus": 1},
        dikirim_pertama_pada=timezone.now(),
    )
    rekap = selectors_rekap.rekap_bulan(bulan=bulan, kecamatan_ids=SEMUA)
    # Desa B and X have no record: not expected, shown as "Belum berlaku".
    assert (rekap["cakupan"]["disetujui"], rekap["cakupan"]["diharapkan"]) == (1, 1)
    status = {b["wilayah"].nama: b["status"] for k in rekap["kecamatan"] for b in k["desa"]}
    assert status == {"Desa A": "Disetujui", "Desa B": "Belum berlaku", "Desa X": "Belum berlaku"}


def test_report_page_says_belum_berlaku_not_late(client, users, area, angka_tetap, settings):
    settings.IMP_TANGGAL_MULAI = "2025-06-01"
    client.force_login(users.ppkbd)
    teks = client.get(
        reverse("laporan:desa_bulan", args=[area.desa_a.pk, "2025-03"])
    ).content.decode()
    assert "belum berlaku" in teks.lower()
    lap = LaporanDesaFactory(
        desa=area.desa_a,
        bulan=date(2025, 3, 1),
        status=S.DIKIRIM,
        dikirim_pertama_pada=timezone.now(),
    )
    teks = client.get(lap.get_absolute_url()).content.decode()
    assert "bulan belum berlaku untuk desa ini" in teks and "(terlambat)" not in teks


def test_start_months_cached_and_cleared_by_a_new_report(
    area, angka_tetap, django_capture_on_commit_callbacks
):
    from laporan import services

    assert selectors.mulai_desa([area.desa_b.pk]) == {area.desa_b.pk: None}
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_buat(desa=area.desa_b, bulan=date(2025, 3, 1))
    assert selectors.mulai_desa([area.desa_b.pk]) == {area.desa_b.pk: date(2025, 3, 1)}


@pytest.mark.parametrize("nilai", ["2025-13-01", "bukan tanggal"])
def test_wrong_go_live_value_fails_loudly(settings, nilai):
    settings.IMP_TANGGAL_MULAI = nilai
    with pytest.raises(ValueError):
        jadwal.tanggal_mulai()


def test_dashboard_coverage_counts_only_desa_expected(client, users, area, angka_tetap):
    LaporanDesaFactory(
        desa=area.desa_a, bulan=date(2025, 3, 1), status=S.DISETUJUI, angka_beku={"pus": 1}
    )
    client.force_login(users.koordinator)
    d = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    # Desa B has no record: not expected, so 1 of 1 (was 1 of 2).
    assert (d["cakupan"]["disetujui"], d["cakupan"]["diharapkan"]) == (1, 1)
    assert [(desa.nama, n, dari) for desa, n, dari in d["cakupan_terendah"]] == [("Desa A", 1, 1)]
