"""E-mail reminders (DOMAIN.md §7), one per recipient, kind and period (laporan.Pengingat):
- 3 days before and 1 day after the desa report due date, to the PPKBD users of each desa that
  has not sent its report and to the desa's penyuluh (SEBELUM, SESUDAH);
- from 3 days before the kecamatan approval deadline (the 10th) to that day, to each koordinator
  whose kecamatan has reports of the month still waiting for approval (SETUJUI), with the
  WhatsApp link to the penyuluh whose verification a report waits for;
- 1 day after a follow-up's due date (pertemuan.TindakLanjut not done), to whoever recorded its
  meeting and to the accounts named as its owner in that area (TINDAK), with a WhatsApp link
  that reminds the owner (their cadre's number when the name matches a cadre of the area).
All run from the daily beat task laporan.tasks.laporan_kirim_pengingat."""

from collections import defaultdict
from datetime import date, timedelta

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from imp_smart.daerah import dinas_singkat
from imp_smart.telepon import tampil_telepon, tautan_whatsapp
from kader.models import Kader, Penugasan, Peran, Profil, Wilayah
from laporan import jadwal, pengingat_wa, selectors
from laporan.models import LaporanDesa, Pengingat
from pertemuan.models import TindakLanjut

# The koordinator is reminded from this many days before the approval deadline up to it.
HARI_SEBELUM_SETUJUI = 3


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
    """Send the reminders due today (all kinds); each user gets one e-mail per period and kind.
    Returns the number of e-mails sent."""
    hari_ini = hari_ini or timezone.localdate()
    awal = jadwal.awal_bulan(hari_ini)
    terkirim = 0
    for bulan in (jadwal.geser_bulan(awal, -2), jadwal.geser_bulan(awal, -1), awal):
        jenis = jenis_pengingat(bulan, hari_ini)
        if jenis is None:
            continue
        terkirim += _kirim(bulan=bulan, jenis=jenis, hari_ini=hari_ini)
    terkirim += kirim_pengingat_setujui(hari_ini=hari_ini)
    terkirim += kirim_pengingat_tindak_lanjut(hari_ini=hari_ini)
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
    return _simpan_dan_kirim(pesan, catatan)


def _simpan_dan_kirim(pesan: list[EmailMessage], catatan: list[Pengingat]) -> int:
    """Record the reminders and send their e-mails together (a failed send records nothing)."""
    if not pesan:
        return 0
    with transaction.atomic():
        Pengingat.objects.bulk_create(catatan, ignore_conflicts=True)
        get_connection().send_messages(pesan)
    return len(pesan)


def _email(template: str, konteks: dict, kepada: str) -> EmailMessage:
    konteks = {**konteks, "nama_dinas_singkat": dinas_singkat()}  # no request: no processor
    subjek = render_to_string(f"laporan/email/{template}_subjek.txt", konteks).strip()
    return EmailMessage(
        subjek, render_to_string(f"laporan/email/{template}.txt", konteks), to=[kepada]
    )


# --- The koordinator before the approval deadline --------------------------------------------


def bulan_pengingat_setujui(hari_ini: date) -> date | None:
    """The report month whose approval the koordinator is reminded of today, or None: the
    previous month, from HARI_SEBELUM_SETUJUI days before its approval deadline to that day."""
    bulan = jadwal.bulan_laporan_berjalan(hari_ini)
    batas = jadwal.batas_setujui(bulan)
    if batas - timedelta(days=HARI_SEBELUM_SETUJUI) <= hari_ini <= batas:
        return bulan
    return None


def menunggu_persetujuan(kecamatan_ids, bulan: date, *, hari_ini: date) -> dict[int, list]:
    """{kecamatan_id: [{"desa", "laporan", "keterangan", "wa"}, ...]}: the desa reports of the
    month sent or verified but not yet approved, with the WhatsApp link to the penyuluh when a
    report waits for their verification (pengingat_wa.tautan_verifikasi). Two queries."""
    S = LaporanDesa.Status
    laporan = list(
        selectors.dengan_pelaku(
            LaporanDesa.objects.filter(
                bulan=bulan,
                status__in=[S.DIKIRIM, S.DIVERIFIKASI],
                desa__kecamatan_id__in=list(kecamatan_ids),
            )
        )
        .select_related("desa")
        .defer("angka_otomatis", "koreksi", "angka_beku")
        .order_by("desa__kode")
    )
    wa = pengingat_wa.tautan_verifikasi(laporan, hari_ini=hari_ini)
    hasil = defaultdict(list)
    for lap in laporan:
        if lap.status == S.DIVERIFIKASI:
            keterangan = "sudah diverifikasi, menunggu persetujuan Anda"
        elif getattr(lap, "pengirim_peran", None) == "penyuluh":
            keterangan = "dikirim penyuluh, menunggu verifikasi dan persetujuan Anda"
        else:
            keterangan = "menunggu verifikasi penyuluh"
        hasil[lap.desa.kecamatan_id].append(
            {"desa": lap.desa, "laporan": lap, "keterangan": keterangan, "wa": wa.get(lap.pk)}
        )
    return hasil


def kirim_pengingat_setujui(*, hari_ini: date) -> int:
    """E-mail each koordinator (once per month) whose kecamatan still has reports of the month
    waiting for approval, between 3 days before the deadline and the deadline itself."""
    bulan = bulan_pengingat_setujui(hari_ini)
    if bulan is None:
        return 0
    jenis = Pengingat.Jenis.SETUJUI
    sudah = Pengingat.objects.filter(bulan=bulan, jenis=jenis).values("user_id")
    koordinator = list(
        Profil.objects.filter(peran=Peran.KOORDINATOR, user__is_active=True, wilayah__isnull=False)
        .exclude(user__email="")
        .exclude(user_id__in=sudah)
        .select_related("user", "wilayah")
    )
    if not koordinator:
        return 0
    per_kec = menunggu_persetujuan({p.wilayah_id for p in koordinator}, bulan, hari_ini=hari_ini)
    pesan, catatan = [], []
    for profil in koordinator:
        baris = per_kec.get(profil.wilayah_id)
        if not baris:
            continue
        konteks = {
            "user": profil.user,
            "kecamatan": profil.wilayah,
            "bulan": bulan,
            "batas": jadwal.batas_setujui(bulan),
            "baris": baris,
        }
        pesan.append(_email("pengingat_setujui", konteks, profil.user.email))
        catatan.append(
            Pengingat(
                bulan=bulan, jenis=jenis, user=profil.user, desa=[b["desa"].pk for b in baris]
            )
        )
    return _simpan_dan_kirim(pesan, catatan)


# --- Overdue follow-ups ----------------------------------------------------------------------


def pesan_tindak_lanjut(tl: TindakLanjut) -> str:
    """The prefilled WhatsApp message to a follow-up's owner."""
    pertemuan = tl.masalah.pertemuan
    return (
        f"Yth. Ibu/Bapak {tl.penanggung_jawab}, tindak lanjut dari pertemuan "
        f'"{pertemuan.judul}" ({date_format(pertemuan.tanggal, "j F Y")}): {tl.uraian} — '
        f"batas waktunya {date_format(tl.batas_waktu, 'j F Y')} sudah lewat. Mohon segera "
        "dikerjakan dan dilaporkan hasilnya. Terima kasih."
    )


def _nama(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def kirim_pengingat_tindak_lanjut(*, hari_ini: date) -> int:
    """1 day after a follow-up's due date (not done): e-mail the user who recorded its meeting
    and the active accounts of the meeting's area whose full name is the owner's, once per
    recipient and due date, listing all their overdue follow-ups, each with a WhatsApp link to
    the owner (the phone of an active cadre of the area with the owner's name, else a link
    without a number: WhatsApp asks for the contact)."""
    kemarin = hari_ini - timedelta(days=1)
    jenis = Pengingat.Jenis.TINDAK
    if not TindakLanjut.objects.terbuka().filter(batas_waktu=kemarin).exists():
        return 0
    terlambat = list(
        TindakLanjut.objects.terlambat(pada=hari_ini)
        .select_related("masalah__pertemuan__wilayah", "masalah__pertemuan__dibuat_oleh")
        .order_by("batas_waktu", "pk")
    )
    wilayah_ids = {tl.masalah.pertemuan.wilayah_id for tl in terlambat}
    akun = defaultdict(list)  # (wilayah_id, name) -> users
    for p in Profil.objects.filter(wilayah_id__in=wilayah_ids, user__is_active=True).select_related(
        "user"
    ):
        akun[(p.wilayah_id, _nama(p.user.get_full_name()))].append(p.user)
    telepon: dict[tuple[int, str], str] = {}  # (wilayah_id, name) -> the cadre's phone
    kader = (
        Kader.objects.filter(aktif=True, institusi__wilayah_id__in=wilayah_ids)
        .exclude(telepon="")
        .order_by("pk")
        .values_list("institusi__wilayah_id", "nama", "telepon")
    )
    for wilayah_id, nama, nomor in kader:
        telepon.setdefault((wilayah_id, _nama(nama)), nomor)

    per_user, baru = defaultdict(list), set()
    for tl in terlambat:
        pertemuan = tl.masalah.pertemuan
        kunci = (pertemuan.wilayah_id, _nama(tl.penanggung_jawab))
        pesan = pesan_tindak_lanjut(tl)
        nomor = telepon.get(kunci, "")
        url = tautan_whatsapp(nomor, pesan) or pengingat_wa.tautan_whatsapp_tanpa_nomor(pesan)
        baris = {"tl": tl, "pertemuan": pertemuan, "wa": url, "telepon": tampil_telepon(nomor)}
        penerima_tl = [pertemuan.dibuat_oleh, *akun.get(kunci, [])]
        for user in {u.pk: u for u in penerima_tl if u is not None and u.is_active}.values():
            per_user[user].append(baris)
            if tl.batas_waktu == kemarin:
                baru.add(user.pk)
    sudah = set(
        Pengingat.objects.filter(bulan=kemarin, jenis=jenis).values_list("user_id", flat=True)
    )
    surat: list[EmailMessage] = []
    catatan: list[Pengingat] = []
    for user, daftar in per_user.items():
        if user.pk not in baru or user.pk in sudah or not user.email:
            continue
        konteks = {"user": user, "baris": daftar, "hari_ini": hari_ini}
        surat.append(_email("pengingat_tindak_lanjut", konteks, user.email))
        catatan.append(
            Pengingat(bulan=kemarin, jenis=jenis, user=user, desa=[b["tl"].pk for b in daftar])
        )
    return _simpan_dan_kirim(surat, catatan)
