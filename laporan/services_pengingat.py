"""E-mail reminders (DOMAIN.md §7): 3 days before and 1 day after the desa report due date, to
the PPKBD users of each desa that has not sent its report and to the desa's penyuluh."""

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from imp_smart.daerah import dinas_singkat
from kader.models import Penugasan, Peran, Profil, Wilayah
from laporan import jadwal, selectors
from laporan.models import LaporanDesa, Pengingat


def jenis_pengingat(bulan: date, hari_ini: date) -> str | None:
    batas = jadwal.batas_kirim(bulan)
    if hari_ini == batas - timedelta(days=3):
        return Pengingat.Jenis.SEBELUM
    if hari_ini == batas + timedelta(days=1):
        return Pengingat.Jenis.SESUDAH
    return None


def desa_belum_kirim(bulan: date) -> list[Wilayah]:
    """Desa expected to report for the month (jadwal.berlaku, as the status board decides it)
    whose report is missing or still a draft. A month "belum berlaku" (before the desa started:
    go-live or its first record) gets no reminder: it is not late."""
    terkirim = LaporanDesa.objects.filter(bulan=bulan).exclude(status__in=LaporanDesa.STATUS_DRAF)
    desa = list(Wilayah.objects.desa().exclude(pk__in=terkirim.values("desa_id")).order_by("kode"))
    mulai = selectors.mulai_desa(d.pk for d in desa)
    return [d for d in desa if jadwal.berlaku(bulan, mulai[d.pk])]


def penerima(desa: list[Wilayah], hari_ini: date) -> dict:
    """{user: [desa, ...]}: PPKBD users of the desa and the penyuluh assigned to it today."""
    per_id = {d.pk: d for d in desa}
    hasil = defaultdict(list)
    profil = Profil.objects.filter(
        peran=Peran.PPKBD, wilayah_id__in=per_id, user__is_active=True
    ).select_related("user")
    for p in profil:
        hasil[p.user].append(per_id[p.wilayah_id])
    tugas = (
        Penugasan.objects.aktif_pada(hari_ini)
        .filter(desa_id__in=per_id, penyuluh__is_active=True)
        .select_related("penyuluh")
    )
    for t in tugas:
        hasil[t.penyuluh].append(per_id[t.desa_id])
    return hasil


def laporan_kirim_pengingat(*, hari_ini: date | None = None) -> int:
    """Send the reminders due today; each user gets one e-mail per month and kind. Returns count."""
    hari_ini = hari_ini or timezone.localdate()
    awal = jadwal.awal_bulan(hari_ini)
    terkirim = 0
    for bulan in (jadwal.geser_bulan(awal, -2), jadwal.geser_bulan(awal, -1), awal):
        jenis = jenis_pengingat(bulan, hari_ini)
        if jenis is None:
            continue
        terkirim += _kirim(bulan=bulan, jenis=jenis, hari_ini=hari_ini)
    return terkirim


def _kirim(*, bulan: date, jenis: str, hari_ini: date) -> int:
    sudah = set(
        Pengingat.objects.filter(bulan=bulan, jenis=jenis).values_list("user_id", flat=True)
    )
    pesan, catatan = [], []
    for user, desa in penerima(desa_belum_kirim(bulan), hari_ini).items():
        if user.pk in sudah or not user.email:
            continue
        konteks = {
            "user": user,
            "desa": desa,
            "bulan": bulan,
            "jenis": jenis,
            "batas": jadwal.batas_kirim(bulan),
            "terlambat": jenis == Pengingat.Jenis.SESUDAH,
            "nama_dinas_singkat": dinas_singkat(),  # no request: no context processor
        }
        subjek = render_to_string("laporan/email/pengingat_subjek.txt", konteks).strip()
        isi = render_to_string("laporan/email/pengingat.txt", konteks)
        pesan.append(EmailMessage(subjek, isi, to=[user.email]))
        catatan.append(Pengingat(bulan=bulan, jenis=jenis, user=user, desa=[d.pk for d in desa]))
    if not pesan:
        return 0
    with transaction.atomic():
        Pengingat.objects.bulk_create(catatan, ignore_conflicts=True)
        get_connection().send_messages(pesan)
    return len(pesan)
