"""Report reminders as a WhatsApp click-to-chat link (issue 12 §3): the penyuluh's due list and
the status board offer "Ingatkan lewat WhatsApp" per desa whose report of the month is not sent,
to the cadre's mobile number with a prefilled Indonesian message. No API and no key: the link
(https://wa.me/<number>?text=…) opens the officer's own WhatsApp."""

from collections.abc import Iterable
from datetime import date
from urllib.parse import quote

from django.utils.formats import date_format

from imp_smart.telepon import tampil_telepon, tautan_whatsapp
from kader.models import Penugasan, Wilayah
from kader.selectors import telepon_kader_desa
from laporan import jadwal
from laporan.models import LaporanDesa
from laporan.selectors import mulai_desa

# Roles that remind others (a cadre is not offered a link to herself).
PERAN_PENGINGAT = {"admin", "dinas", "koordinator", "penyuluh"}


def boleh_mengingatkan(user) -> bool:
    profil = getattr(user, "profil", None)
    return user.is_superuser or (profil is not None and profil.peran in PERAN_PENGINGAT)


def pesan_pengingat(*, nama: str, desa: Wilayah, bulan: date, hari_ini: date) -> str:
    """The prefilled message (Indonesian), before or after the due date."""
    batas = jadwal.batas_kirim(bulan)
    lewat = hari_ini > batas
    return (
        f"Yth. Ibu/Bapak {nama}, laporan bulanan PPKBD {desa.nama} bulan "
        f"{date_format(bulan, 'F Y')} belum dikirim. "
        + (
            f"Batas kirim {date_format(batas, 'j F Y')} sudah lewat; mohon segera dikirim "
            if lewat
            else f"Mohon dikirim paling lambat {date_format(batas, 'j F Y')} "
        )
        + "lewat aplikasi IMP Smart. Terima kasih."
    )


def tautan_pengingat(*, desa: Iterable[Wilayah], bulan: date, hari_ini: date) -> dict[int, dict]:
    """{desa_id: {"url", "nama", "telepon"}} for the desa expected to report for `bulan`
    (jadwal.berlaku) whose report is missing or still a draft/sent back, and whose cadre has a
    mobile number. A fixed number of queries for any number of desa."""
    desa = {d.pk: d for d in desa}
    if not desa:
        return {}
    terkirim = set(
        LaporanDesa.objects.filter(bulan=bulan, desa_id__in=desa)
        .exclude(status__in=LaporanDesa.STATUS_DRAF)
        .values_list("desa_id", flat=True)
    )
    belum = [pk for pk in desa if pk not in terkirim]
    mulai = mulai_desa(belum)
    belum = [pk for pk in belum if jadwal.berlaku(bulan, mulai.get(pk))]
    hasil = {}
    for desa_id, kontak in telepon_kader_desa(belum, pada=hari_ini).items():
        pesan = pesan_pengingat(
            nama=kontak["nama"], desa=desa[desa_id], bulan=bulan, hari_ini=hari_ini
        )
        url = tautan_whatsapp(kontak["telepon"], pesan)
        if url:
            hasil[desa_id] = {
                "url": url,
                "nama": kontak["nama"],
                "telepon": tampil_telepon(kontak["telepon"]),
            }
    return hasil


# --- The koordinator before the approval deadline, and overdue follow-ups (e-mail + link) ----


def pesan_verifikasi(*, nama: str, desa: Wilayah, bulan: date) -> str:
    """The prefilled message to the penyuluh whose verification an approval waits for."""
    return (
        f"Yth. Ibu/Bapak {nama}, laporan bulanan PPKBD {desa.nama} bulan "
        f"{date_format(bulan, 'F Y')} sudah dikirim desa dan menunggu verifikasi Anda. "
        f"Batas persetujuan kecamatan {date_format(jadwal.batas_setujui(bulan), 'j F Y')}; "
        "mohon diverifikasi lewat aplikasi IMP Smart. Terima kasih."
    )


def tautan_verifikasi(laporan: Iterable[LaporanDesa], *, hari_ini: date) -> dict[int, dict]:
    """{laporan_id: {"url", "nama", "telepon"}} for the reports sent by the desa (DIKIRIM, not
    sent by a penyuluh: `pengirim_peran` from selectors.dengan_pelaku) that wait for the
    verification of the desa's penyuluh assigned on `hari_ini`, who has a mobile number. The
    koordinator's reminder e-mail and due list offer it. One query."""
    menunggu = [
        lap
        for lap in laporan
        if lap.status == LaporanDesa.Status.DIKIRIM
        and getattr(lap, "pengirim_peran", None) != "penyuluh"
    ]
    if not menunggu:
        return {}
    kontak = {}
    tugas = (
        Penugasan.objects.aktif_pada(hari_ini)
        .filter(desa_id__in={lap.desa_id for lap in menunggu}, penyuluh__is_active=True)
        .exclude(penyuluh__profil__telepon="")
        .order_by("pk")
        .values_list(
            "desa_id", "penyuluh__first_name", "penyuluh__username", "penyuluh__profil__telepon"
        )
    )
    for desa_id, nama, username, telepon in tugas:
        kontak.setdefault(desa_id, (nama or username, telepon))
    hasil = {}
    for lap in menunggu:
        if lap.desa_id not in kontak:
            continue
        nama, telepon = kontak[lap.desa_id]
        url = tautan_whatsapp(telepon, pesan_verifikasi(nama=nama, desa=lap.desa, bulan=lap.bulan))
        if url:
            hasil[lap.pk] = {"url": url, "nama": nama, "telepon": tampil_telepon(telepon)}
    return hasil


def tautan_whatsapp_tanpa_nomor(pesan: str) -> str:
    """https://wa.me/?text=… : WhatsApp opens with the message and lets the sender pick the
    contact (for a follow-up owner whose number the app does not know)."""
    return f"https://wa.me/?text={quote(pesan, safe='')}"
