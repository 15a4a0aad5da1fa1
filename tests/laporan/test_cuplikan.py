"""Dashboard snapshots: the worker counts the register; the dashboard reads the snapshot."""

from datetime import date

import pytest
from django.urls import reverse

from laporan import beat, selectors, services_cuplikan
from laporan.models import CuplikanDesa, LaporanDesa
from tests.laporan.factories import LaporanDesaFactory, angka_seimbang

pytestmark = pytest.mark.django_db
BULAN = date(2025, 3, 1)


def test_refresh_writes_one_row_per_desa_and_month_and_is_idempotent(area, angka_tetap):
    angka_tetap[area.desa_a.pk] = angka_seimbang(pus=20)
    n = services_cuplikan.cuplikan_perbarui(n_bulan=2, sampai=BULAN)
    jumlah_desa = 3  # desa A, B and X of the fixture
    assert n == 2 * jumlah_desa
    assert CuplikanDesa.objects.count() == 2 * jumlah_desa
    services_cuplikan.cuplikan_perbarui(n_bulan=2, sampai=BULAN)
    assert CuplikanDesa.objects.count() == 2 * jumlah_desa
    assert CuplikanDesa.objects.get(desa=area.desa_a, bulan=BULAN).angka["pus"] == 20


def test_snapshot_is_used_and_not_recounted(area, angka_tetap, monkeypatch):
    services_cuplikan.cuplikan_perbarui(n_bulan=1, sampai=BULAN)
    CuplikanDesa.objects.filter(desa=area.desa_a, bulan=BULAN).update(
        angka=angka_seimbang(pus=777, hamil=759)
    )

    def tidak_boleh(**kwargs):
        raise AssertionError(f"register recounted for {kwargs}")

    monkeypatch.setattr(selectors, "angka_otomatis_desa", tidak_boleh)
    data = selectors.angka_rekap_desa(bulan=BULAN, desa_ids=[area.desa_a.pk], cuplikan=True)
    assert data[area.desa_a.pk]["angka"]["pus"] == 777
    assert data[area.desa_a.pk]["dihitung"] is not None


def test_missing_snapshot_is_counted_live_and_approved_report_wins(area, angka_tetap):
    angka_tetap[area.desa_b.pk] = angka_seimbang(pus=31, hamil=13)
    services_cuplikan.cuplikan_perbarui(n_bulan=1, sampai=BULAN)
    CuplikanDesa.objects.filter(desa=area.desa_b).delete()
    LaporanDesaFactory(
        desa=area.desa_a,
        bulan=BULAN,
        status=LaporanDesa.Status.DISETUJUI,
        angka_beku={"pus": 100, "pa_suntik": 60, "hamil": 40},
    )
    data = selectors.angka_rekap_desa(
        bulan=BULAN, desa_ids=[area.desa_a.pk, area.desa_b.pk], cuplikan=True
    )
    assert data[area.desa_a.pk]["angka"]["pus"] == 100 and data[area.desa_a.pk]["disetujui"]
    assert data[area.desa_b.pk]["angka"]["pus"] == 31 and data[area.desa_b.pk]["dihitung"] is None


def test_dashboard_shows_snapshot_figures_and_their_time(client, users, area, angka_tetap):
    services_cuplikan.cuplikan_perbarui(n_bulan=12, sampai=BULAN)
    CuplikanDesa.objects.filter(desa=area.desa_a, bulan=BULAN).update(
        angka=angka_seimbang(pus=555, hamil=537)
    )
    client.force_login(users.penyuluh)
    resp = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"})
    assert resp.context["d"]["angka"]["pus"] == 555
    assert "Angka register per" in resp.content.decode()


def test_beat_registers_snapshot_schedules_with_their_arguments():
    import json

    from django_celery_beat.models import PeriodicTask

    beat.daftarkan_jadwal()
    beat.daftarkan_jadwal()
    tugas = PeriodicTask.objects.filter(task="laporan.tasks.cuplikan_perbarui")
    assert sorted(json.loads(t.kwargs)["n_bulan"] for t in tugas) == [2, 13]


def test_warmed_dashboards_are_served_without_computing(
    client, users, area, angka_tetap, monkeypatch
):
    from laporan import selectors_dasbor

    services_cuplikan.cuplikan_perbarui(n_bulan=12, sampai=BULAN)
    assert selectors_dasbor.dasbor_panaskan(bulan=BULAN) == 1 + 2  # kabupaten + 2 kecamatan

    def tidak_boleh(*args, **kwargs):
        raise AssertionError("dashboard recomputed")

    monkeypatch.setattr(selectors_dasbor, "_dasbor", tidak_boleh)
    for user in (users.dinas, users.koordinator):
        client.force_login(user)
        assert client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).status_code == 200


def test_report_transition_makes_cached_dashboard_stale(
    client, users, area, angka_tetap, django_capture_on_commit_callbacks
):
    from laporan import services

    lap = LaporanDesaFactory(desa=area.desa_a, bulan=BULAN)
    client.force_login(users.penyuluh)
    sebelum = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    assert sebelum["cakupan"]["persen"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
        services.laporan_verifikasi(laporan=lap, oleh=users.penyuluh)
        services.laporan_setujui(laporan=lap, oleh=users.koordinator)
    sesudah = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    assert sesudah["cakupan"]["persen"] == 100
