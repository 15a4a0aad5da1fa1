"""Demo reports: past months approved (frozen), the month due now in every state of the flow.

Called by `manage.py seed_demo` after the register and activity demos. Idempotent: a desa-month
that already has a report is left alone. Written in bulk (thousands of rows at district scale);
the flow services are exercised by the tests and the pages, not by the seed.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kader.models import Wilayah
from laporan import angka as A
from laporan import jadwal, selectors
from laporan.models import LaporanDesa, RiwayatLaporan
from laporan.services_cuplikan import cuplikan_perbarui
from pendataan.models import Keluarga

S = LaporanDesa.Status
BULAN_PER_SKALA = {"demo": 3, "persen": 6, "kabupaten": 12}


def _tulis(stdout, teks):
    if stdout is not None:
        stdout.write(teks)


def _pengguna(username):
    User = get_user_model()
    return (
        User.objects.filter(username=username).first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )


def _waktu(tanggal, jam=9):
    return timezone.make_aware(datetime.combine(tanggal, time(jam)))


def isi_demo(*, skala: str = "demo", stdout=None) -> dict[str, int]:
    """Create the demo reports for `skala`; returns counts created."""
    if skala not in BULAN_PER_SKALA:
        raise ValueError(f"skala tidak dikenal: {skala}")
    desa = list(Wilayah.objects.desa().order_by("kode"))
    if skala == "demo":
        ada = set(Keluarga.objects.values_list("desa_id", flat=True).distinct())
        desa = [d for d in desa if d.pk in ada]
    petugas = {u: _pengguna(u) for u in ("ppkbd", "penyuluh", "koordinator")}
    if not desa or petugas["ppkbd"] is None:
        _tulis(stdout, "Tidak ada desa berdata atau pengguna demo: laporan demo dilewati.")
        return {}
    kini = jadwal.bulan_laporan_berjalan()
    hasil = {"laporan": 0, "disetujui": 0}
    acak = random.Random(f"laporan-{skala}")
    for i in range(BULAN_PER_SKALA[skala], -1, -1):
        bulan = jadwal.geser_bulan(kini, -i)
        n = _isi_bulan(bulan, desa, petugas, terakhir=(i == 0), acak=acak)
        hasil["laporan"] += n[0]
        hasil["disetujui"] += n[1]
    _tulis(stdout, f"  laporan: {hasil['laporan']} dibuat, {hasil['disetujui']} disetujui")
    # The dashboard reads the worker's snapshots; without a beat in the demo, make them now.

    hasil["cuplikan"] = cuplikan_perbarui(n_bulan=13)
    _tulis(stdout, f"  cuplikan dasbor: {hasil['cuplikan']} baris")
    return hasil


@transaction.atomic
def _isi_bulan(bulan, desa, petugas, *, terakhir: bool, acak) -> tuple[int, int]:
    sudah = set(LaporanDesa.objects.filter(bulan=bulan).values_list("desa_id", flat=True))
    baru = [d for d in desa if d.pk not in sudah]
    if not baru:
        return 0, 0
    otomatis = selectors.angka_otomatis_desa(bulan=bulan, desa_ids=[d.pk for d in baru])
    batas = jadwal.batas_kirim(bulan)
    laporan, log = [], []
    for d in baru:
        angka = otomatis[d.pk]
        if A.cek_keseimbangan(angka) is not None and not terakhir:
            continue  # a month whose register is incomplete is not reported
        status = S.DISETUJUI
        if terakhir:
            status = acak.choice(
                [S.DRAFT, S.DIKIRIM, S.DIVERIFIKASI, S.DISETUJUI, S.DIKEMBALIKAN, S.DISETUJUI]
            )
            if A.cek_keseimbangan(angka) is not None:
                status = S.DRAFT
        kirim = _waktu(batas + timedelta(days=acak.choice([-2, -1, 0, 0, 1, 4])))
        lap = LaporanDesa(
            desa=d,
            bulan=bulan,
            status=status,
            angka_otomatis=angka,
            nihil=A.tanpa_kegiatan(angka),
            dikirim_pertama_pada=None if status == S.DRAFT else kirim,
            dikirim_pada=None if status == S.DRAFT else kirim,
            diverifikasi_pada=kirim + timedelta(days=1)
            if status in (S.DIVERIFIKASI, S.DISETUJUI)
            else None,
            disetujui_pada=kirim + timedelta(days=3) if status == S.DISETUJUI else None,
            angka_beku=A.dengan_indikator(angka) if status == S.DISETUJUI else None,
        )
        laporan.append(lap)
    LaporanDesa.objects.bulk_create(laporan)
    for lap in laporan:
        log.extend(_riwayat(lap, petugas))
    RiwayatLaporan.objects.bulk_create(log)
    return len(laporan), sum(lap.status == S.DISETUJUI for lap in laporan)


def _riwayat(lap: LaporanDesa, petugas) -> list[RiwayatLaporan]:
    langkah = []
    if lap.dikirim_pada:
        langkah.append(("KIRIM", S.DRAFT, S.DIKIRIM, petugas["ppkbd"], ""))
    if lap.status == S.DIKEMBALIKAN:
        langkah.append(
            (
                "KEMBALIKAN",
                S.DIKIRIM,
                S.DIKEMBALIKAN,
                petugas["penyuluh"],
                "Jumlah IAT tidak sesuai catatan dusun; mohon diperiksa.",
            )
        )
    if lap.diverifikasi_pada:
        langkah.append(("VERIFIKASI", S.DIKIRIM, S.DIVERIFIKASI, petugas["penyuluh"], ""))
    if lap.disetujui_pada:
        langkah.append(("SETUJUI", S.DIVERIFIKASI, S.DISETUJUI, petugas["koordinator"], ""))
    return [
        RiwayatLaporan(
            laporan=lap,
            aksi=a,
            dari_status=dari,
            ke_status=ke,
            oleh=oleh or petugas["ppkbd"],
            alasan=alasan,
            angka=lap.angka_otomatis if a == "KIRIM" else None,
        )
        for a, dari, ke, oleh, alasan in langkah
    ]
