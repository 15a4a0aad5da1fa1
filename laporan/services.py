"""Writes of the monthly desa report and its flow (DOMAIN.md §7).

DRAFT/DIKEMBALIKAN → DIKIRIM (PPKBD or penyuluh) → DIVERIFIKASI (penyuluh) → DISETUJUI
(koordinator). Reviewers send back with a reason; approval freezes the figures; reopening an
approved report needs a reason. Every transition is logged in RiwayatLaporan.
Role checks raise PermissionDenied (403); state, data and four-eyes problems raise
ValidationError (a message on the report's page).

Four eyes (§7): nobody takes two consecutive steps of one submission — the sender may not
verify it, the verifier may not approve it. When a penyuluh sends, no second penyuluh is needed:
the koordinator verifies and approves in one act ("Verifikasi & setujui", DIKIRIM → DISETUJUI,
logged as both steps). That is the one case where one person takes two steps, and it still
puts two people (sender, koordinator) on every approved report.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kader.models import Peran
from laporan import angka as A
from laporan import fidal, selectors
from laporan.models import LaporanDesa, RiwayatLaporan
from laporan.selectors_dasbor import dasbor_usang

S = LaporanDesa.Status
IZIN_AKSI: dict[str, str] = {
    RiwayatLaporan.Aksi.KIRIM: "laporan.kirim_laporandesa",
    RiwayatLaporan.Aksi.VERIFIKASI: "laporan.verifikasi_laporandesa",
    RiwayatLaporan.Aksi.SETUJUI: "laporan.setujui_laporandesa",
    RiwayatLaporan.Aksi.KEMBALIKAN: "laporan.kembalikan_laporandesa",
    RiwayatLaporan.Aksi.BUKA: "laporan.buka_laporandesa",
}
# Which states each action starts from, and where it leads.
ALUR: dict[str, tuple[tuple[str, ...], str]] = {
    RiwayatLaporan.Aksi.KIRIM: ((S.DRAFT, S.DIKEMBALIKAN), S.DIKIRIM),
    RiwayatLaporan.Aksi.VERIFIKASI: ((S.DIKIRIM,), S.DIVERIFIKASI),
    # From DIKIRIM only when a penyuluh sent it (the koordinator verifies and approves).
    RiwayatLaporan.Aksi.SETUJUI: ((S.DIVERIFIKASI, S.DIKIRIM), S.DISETUJUI),
    RiwayatLaporan.Aksi.KEMBALIKAN: ((S.DIKIRIM, S.DIVERIFIKASI), S.DIKEMBALIKAN),
    RiwayatLaporan.Aksi.BUKA: ((S.DISETUJUI,), S.DIKEMBALIKAN),
}


def aksi_tersedia(laporan: LaporanDesa, user) -> list[str]:
    """Actions this user may take on the report now (for the buttons): the role allows it, the
    state allows it and four eyes does not refuse it. `laporan` may carry the annotations of
    selectors.dengan_pelaku (no query then)."""
    pelaku = selectors.pelaku_laporan(laporan)
    return [
        aksi
        for aksi, (dari, _) in ALUR.items()
        if laporan.status in dari
        and user.has_perm(IZIN_AKSI[aksi])
        and not tolak_empat_mata(aksi, status=laporan.status, user=user, pelaku=pelaku)
    ]


def empat_mata_menahan(laporan: LaporanDesa, user) -> list[str]:
    """Why steps this user's role could take now are held back by four eyes (shown in place of
    the hidden buttons)."""
    pelaku = selectors.pelaku_laporan(laporan)
    pesan = [
        tolak_empat_mata(aksi, status=laporan.status, user=user, pelaku=pelaku)
        for aksi, (dari, _) in ALUR.items()
        if laporan.status in dari and user.has_perm(IZIN_AKSI[aksi])
    ]
    return list(dict.fromkeys(p for p in pesan if p))


def tolak_empat_mata(aksi: str, *, status: str, user, pelaku: selectors.Pelaku) -> str:
    """Why four eyes (§7) refuses this step to this user now; "" when it does not."""
    A_ = RiwayatLaporan.Aksi
    if aksi == A_.VERIFIKASI and pelaku.pengirim_id == user.pk:
        return (
            "Anda sendiri yang mengirim laporan ini, jadi verifikasinya harus dilakukan orang "
            "lain (prinsip empat mata)."
        )
    if aksi == A_.SETUJUI and status == S.DIVERIFIKASI and pelaku.pemverifikasi_id == user.pk:
        return (
            "Anda sendiri yang memverifikasi laporan ini, jadi persetujuannya harus dilakukan "
            "orang lain (prinsip empat mata)."
        )
    if aksi == A_.SETUJUI and status == S.DIKIRIM:
        if pelaku.pengirim_peran != Peran.PENYULUH:
            return "Laporan ini belum diverifikasi penyuluh; persetujuan menunggu verifikasi."
        if pelaku.pengirim_id == user.pk:
            return (
                "Anda sendiri yang mengirim laporan ini, jadi verifikasi dan persetujuannya "
                "harus dilakukan orang lain (prinsip empat mata)."
            )
    return ""


def setujui_langsung(laporan: LaporanDesa) -> bool:
    """Approval here also verifies (a penyuluh sent the report): the button says so."""
    return laporan.status == S.DIKIRIM


@transaction.atomic
def laporan_buat(*, desa, bulan: date) -> LaporanDesa:
    """The desa's report for the month, created as a pre-filled draft if missing."""
    if not desa.is_desa:
        raise ValidationError("Laporan bulanan dibuat untuk desa/kelurahan.")
    if bulan.day != 1 or bulan > timezone.localdate():
        raise ValidationError("Laporan hanya dapat dibuat untuk bulan berjalan atau yang lalu.")
    laporan, dibuat = LaporanDesa.objects.get_or_create(desa=desa, bulan=bulan)
    if dibuat:
        _segarkan(laporan)
        transaction.on_commit(selectors.mulai_usang)  # the desa may start earlier now
    return laporan


def _segarkan(laporan: LaporanDesa) -> None:
    """Recompute the pre-filled figures of a draft."""
    otomatis = selectors.angka_otomatis_desa(bulan=laporan.bulan, desa_ids=[laporan.desa_id])
    laporan.angka_otomatis = otomatis[laporan.desa_id]
    laporan.save(update_fields=["angka_otomatis", "diubah_pada"])


def _kunci(laporan: LaporanDesa) -> LaporanDesa:
    return LaporanDesa.objects.select_for_update().select_related("desa").get(pk=laporan.pk)


@transaction.atomic
def laporan_segarkan(*, laporan: LaporanDesa) -> LaporanDesa:
    """Refresh a draft's computed figures from the register (no-op after sending)."""
    laporan = _kunci(laporan)
    if laporan.is_draf:
        _segarkan(laporan)
    return laporan


@transaction.atomic
def laporan_simpan(
    *, laporan: LaporanDesa, oleh, nilai: dict, alasan: dict, nihil: bool, catatan: str
) -> LaporanDesa:
    """Save a draft's corrections: a figure that differs from the computed one needs a reason."""
    if not oleh.has_perm("laporan.change_laporandesa"):
        raise PermissionDenied
    laporan = _kunci(laporan)
    if not laporan.is_draf:
        raise ValidationError("Laporan yang sudah dikirim tidak dapat diubah.")
    otomatis = {**A.kosong(), **fidal.simpan_kosong(), **laporan.angka_otomatis}
    dapat_dikoreksi = {*A.KOLOM_KOREKSI, *fidal.KOLOM_KOREKSI}
    koreksi, galat = {}, {}
    for kolom, isi in nilai.items():
        if kolom not in dapat_dikoreksi or isi is None or str(isi) == str(otomatis.get(kolom)):
            continue
        teks = (alasan.get(kolom) or "").strip()
        if A.dari_json(kolom, isi) < 0:
            galat[kolom] = "Angka tidak boleh negatif."
        elif not teks:
            galat[kolom] = (
                f"Angka berbeda dari hasil perhitungan ({otomatis.get(kolom)}); tuliskan alasannya."
            )
        else:
            koreksi[kolom] = {"nilai": A.ke_json(isi), "alasan": teks, "otomatis": otomatis[kolom]}
    if galat:
        raise ValidationError(galat)
    laporan.koreksi, laporan.nihil, laporan.catatan = koreksi, nihil, catatan
    laporan.save(update_fields=["koreksi", "nihil", "catatan", "diubah_pada"])
    return laporan


def _transisi(
    laporan: LaporanDesa, *, aksi: str, oleh, alasan: str = "", angka=None, ke: str | None = None
):
    if not oleh.has_perm(IZIN_AKSI[aksi]):
        raise PermissionDenied("Peran Anda tidak dapat melakukan tindakan ini.")
    dari, ke_alur = ALUR[aksi]
    if laporan.status not in dari:
        raise ValidationError(
            f"Laporan berstatus {laporan.get_status_display().lower()}; tindakan "
            f"'{RiwayatLaporan.Aksi(aksi).label.lower()}' tidak dapat dilakukan."
        )
    pelaku = selectors.pelaku_laporan(laporan, segar=True)
    if pesan := tolak_empat_mata(aksi, status=laporan.status, user=oleh, pelaku=pelaku):
        raise ValidationError(pesan)
    ke = ke or ke_alur
    riwayat = RiwayatLaporan.objects.create(
        laporan=laporan,
        aksi=aksi,
        dari_status=laporan.status,
        ke_status=ke,
        oleh=oleh,
        alasan=alasan,
        angka=angka,
    )
    laporan.status = ke
    transaction.on_commit(dasbor_usang)  # coverage and frozen figures on the dashboard
    return riwayat


@transaction.atomic
def laporan_kirim(*, laporan: LaporanDesa, oleh) -> LaporanDesa:
    """Send a draft for verification after the balance rule and the nihil rule hold."""
    laporan = _kunci(laporan)
    if laporan.is_draf:
        _segarkan(laporan)
        # F/I/Dal/13 I: the PPKBD reports by sending this report (§9).
        otomatis = laporan.angka_otomatis
        if "i_ppkbd_ada" in otomatis:
            otomatis["i_ppkbd_lapor"] = min(int(otomatis["i_ppkbd_ada"] or 0), 1)
            laporan.save(update_fields=["angka_otomatis"])
    angka = A.efektif(laporan.angka_otomatis, laporan.koreksi)
    if laporan.is_draf:
        if pesan := A.cek_keseimbangan(angka):
            raise ValidationError(pesan)
        if butir := fidal.cek_konsistensi(angka):
            raise ValidationError(
                ["Butir laporan F/I/Dal/13 tidak saling sesuai; periksa angka atau koreksinya:"]
                + butir
            )
        if laporan.nihil and not A.tanpa_kegiatan(angka):
            raise ValidationError(
                "Laporan ditandai nihil tetapi ada kegiatan tercatat bulan ini. "
                "Hapus tanda nihil atau periksa catatan kegiatan."
            )
        if not laporan.nihil and A.tanpa_kegiatan(angka):
            raise ValidationError(
                "Tidak ada kegiatan tercatat bulan ini. Centang 'laporan nihil' bila memang "
                "tidak ada kegiatan, lalu kirim kembali."
            )
    _transisi(laporan, aksi=RiwayatLaporan.Aksi.KIRIM, oleh=oleh, angka=angka)
    sekarang = timezone.now()
    laporan.dikirim_pada = sekarang
    laporan.dikirim_pertama_pada = laporan.dikirim_pertama_pada or sekarang
    laporan.save(update_fields=["status", "dikirim_pada", "dikirim_pertama_pada", "diubah_pada"])
    return laporan


@transaction.atomic
def laporan_verifikasi(*, laporan: LaporanDesa, oleh) -> LaporanDesa:
    """The penyuluh confirms a sent report."""
    laporan = _kunci(laporan)
    _transisi(laporan, aksi=RiwayatLaporan.Aksi.VERIFIKASI, oleh=oleh)
    laporan.diverifikasi_pada = timezone.now()
    laporan.save(update_fields=["status", "diverifikasi_pada", "diubah_pada"])
    return laporan


@transaction.atomic
def laporan_setujui(*, laporan: LaporanDesa, oleh) -> LaporanDesa:
    """The koordinator approves: the figures as sent are frozen with their indicators.
    A report a penyuluh sent is verified and approved in this one act (§7)."""
    laporan = _kunci(laporan)
    sekarang = timezone.now()
    if laporan.status == S.DIKIRIM:
        # Checked as an approval, logged as two steps: the history shows who verified.
        riwayat = _transisi(laporan, aksi=RiwayatLaporan.Aksi.SETUJUI, oleh=oleh, ke=S.DIVERIFIKASI)
        riwayat.aksi = RiwayatLaporan.Aksi.VERIFIKASI
        riwayat.save(update_fields=["aksi"])
        laporan.diverifikasi_pada = sekarang
        RiwayatLaporan.objects.create(
            laporan=laporan,
            aksi=RiwayatLaporan.Aksi.SETUJUI,
            dari_status=S.DIVERIFIKASI,
            ke_status=S.DISETUJUI,
            oleh=oleh,
        )
        laporan.status = S.DISETUJUI
    else:
        _transisi(laporan, aksi=RiwayatLaporan.Aksi.SETUJUI, oleh=oleh)
    # Frozen with every §6 indicator and every F/I/Dal/13 item, derived ones included (§9).
    laporan.angka_beku = _beku(A.efektif(laporan.angka_otomatis, laporan.koreksi))
    laporan.disetujui_pada = sekarang
    laporan.save(
        update_fields=["status", "angka_beku", "diverifikasi_pada", "disetujui_pada", "diubah_pada"]
    )
    return laporan


def _beku(angka: dict) -> dict:
    """The approved figures: the §6 indicators and the F/I/Dal/13 items (fidal.lengkapi), as
    JSON-ready values."""
    lengkap = fidal.lengkapi(A.dengan_indikator(angka))
    return {k: A.ke_json(v) for k, v in lengkap.items()}


def _wajib_alasan(alasan: str, tindakan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": f"Tuliskan alasan {tindakan}."})
    return alasan


@transaction.atomic
def laporan_kembalikan(*, laporan: LaporanDesa, oleh, alasan: str) -> LaporanDesa:
    """A reviewer sends the report back to draft with a written reason."""
    alasan = _wajib_alasan(alasan, "pengembalian")
    laporan = _kunci(laporan)
    _transisi(laporan, aksi=RiwayatLaporan.Aksi.KEMBALIKAN, oleh=oleh, alasan=alasan)
    laporan.save(update_fields=["status", "diubah_pada"])
    return laporan


@transaction.atomic
def laporan_buka(*, laporan: LaporanDesa, oleh, alasan: str) -> LaporanDesa:
    """Reopen an approved report: it becomes a draft again and its numbers unfreeze."""
    alasan = _wajib_alasan(alasan, "membuka kembali laporan")
    laporan = _kunci(laporan)
    _transisi(laporan, aksi=RiwayatLaporan.Aksi.BUKA, oleh=oleh, alasan=alasan)
    laporan.angka_beku = None
    laporan.save(update_fields=["status", "angka_beku", "diubah_pada"])
    return laporan
