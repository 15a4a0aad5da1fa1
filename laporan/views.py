"""Pages of the monthly desa report: list, status board, to-do, detail, edit, flow actions."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView

from imp_smart.halaman import HalamanTersimpanMixin
from imp_smart.parameter import angka_param, tahun_param
from imp_smart.views import DaftarView, ScopedViewMixin
from kader.models import Wilayah
from kader.scoping import desa_cakupan
from laporan import angka as A
from laporan import fidal, jadwal, pengingat_wa, selectors, services
from laporan.filters import LaporanFilter
from laporan.forms import AlasanForm, LaporanForm
from laporan.models import LaporanDesa, RiwayatLaporan
from laporan.tables import LaporanTable


def _pesan_galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class LaporanListView(DaftarView):
    """The desa reports of the user's area; an empty list says whether a filter hides them."""

    model = LaporanDesa
    table_class = LaporanTable
    filterset_class = LaporanFilter
    permission_required = "laporan.view_laporandesa"
    template_name = "laporan/laporandesa_list.html"
    judul = "Daftar laporan desa"
    teks_kosong = (
        "Belum ada laporan desa di wilayah Anda. Laporan bulan ini dibuat dari halaman "
        "Tugas laporan atau papan status."
    )
    teks_kosong_saringan = "Tidak ada laporan yang cocok dengan filter ini."

    def halaman_wilayah(self):
        """The reports of the user's desas only: a kept list waits for writes in them."""
        return desa_cakupan(self.request.user)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("desa", "desa__kecamatan")
            # The table's columns only (the figures are JSON of several kB per report).
            .only(
                "bulan",
                "status",
                "nihil",
                "dikirim_pertama_pada",
                "desa__nama",
                "desa__kecamatan__nama",
            )
        )


class LaporanDetailView(ScopedViewMixin, DetailView):
    model = LaporanDesa
    permission_required = "laporan.view_laporandesa"
    template_name = "laporan/laporandesa_detail.html"

    def get_queryset(self):
        return selectors.dengan_pelaku(
            super().get_queryset().select_related("desa", "desa__kecamatan")
        )

    def get_context_data(self, **kwargs):
        lap = self.object
        if lap.is_beku:
            angka = {**A.kosong(), **lap.angka_beku}
        else:
            angka = A.dengan_indikator(A.efektif(lap.angka_otomatis, lap.koreksi))
        return super().get_context_data(
            angka=angka,
            tabel=_tabel_angka(angka, lap),
            riwayat=lap.riwayat.select_related("oleh").all(),
            selisih=selectors.laporan_selisih(lap),
            aksi=services.aksi_tersedia(lap, self.request.user),
            empat_mata=services.empat_mata_menahan(lap, self.request.user),
            setujui_langsung=services.setujui_langsung(lap),
            form_alasan=AlasanForm(),
            keseimbangan=A.cek_keseimbangan(angka) if lap.is_draf else None,
            fidal=fidal.tabel(angka, lap.koreksi),
            # Approved before the F/I/Dal/13 items existed: they were not frozen with it.
            fidal_tanpa_beku=lap.is_beku
            and not any(k in lap.angka_beku for k in fidal.KOLOM_SIMPAN),
            konsistensi=fidal.cek_konsistensi(angka) if lap.is_draf else [],
            batas_kirim=jadwal.batas_kirim(lap.bulan),
            berlaku=jadwal.berlaku(lap.bulan, selectors.mulai_desa([lap.desa_id])[lap.desa_id]),
            tepat_waktu=jadwal.tepat_waktu(lap.dikirim_pertama_pada, lap.bulan),
            dapat_ubah=lap.is_draf and self.request.user.has_perm("laporan.change_laporandesa"),
            **kwargs,
        )


def _tabel_angka(angka: dict, lap: LaporanDesa) -> list[tuple[str, list]]:
    """Grouped (label, value, correction) rows for the detail page."""
    koreksi = lap.koreksi or {}
    hasil = []
    for judul, label in (
        ("Indikator", A.LABEL_INDIKATOR),
        ("Angka pendataan", A.LABEL_HITUNG),
        ("Kegiatan", A.LABEL_KEGIATAN),
        ("Dana kelompok", A.LABEL_DANA),
    ):
        baris = [
            (
                teks,
                A.dari_json(k, angka.get(k)) if k not in A.LABEL_INDIKATOR else angka.get(k),
                koreksi.get(k),
            )
            for k, teks in label.items()
        ]
        hasil.append((judul, baris))
    return hasil


@login_required
@permission_required("laporan.change_laporandesa", raise_exception=True)
def laporan_ubah(request, pk):
    lap = get_object_or_404(
        LaporanDesa.objects.visible_to(request.user).select_related("desa"), pk=pk
    )
    if not lap.is_draf:
        messages.error(request, "Laporan yang sudah dikirim tidak dapat diubah.")
        return redirect(lap)
    if request.method == "POST" and "segarkan" in request.POST:
        services.laporan_segarkan(laporan=lap)
        messages.info(request, "Angka otomatis diperbarui dari pendataan dan catatan kegiatan.")
        return redirect("laporan:ubah", pk=lap.pk)
    form = LaporanForm(request.POST or None, laporan=lap)
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_simpan(
                laporan=lap,
                oleh=request.user,
                nilai=form.nilai(),
                alasan=form.alasan(),
                nihil=form.cleaned_data["nihil"],
                catatan=form.cleaned_data["catatan"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for kolom, galat in exc.message_dict.items():
                    form.add_error(f"a_{kolom}" if f"a_{kolom}" in form.fields else None, galat)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, "Laporan disimpan.")
            return redirect(lap)
    return render(request, "laporan/laporandesa_form.html", {"form": form, "laporan": lap})


AKSI_URL = {
    "kirim": (RiwayatLaporan.Aksi.KIRIM, "Laporan dikirim untuk diverifikasi."),
    "verifikasi": (RiwayatLaporan.Aksi.VERIFIKASI, "Laporan diverifikasi."),
    "setujui": (RiwayatLaporan.Aksi.SETUJUI, "Laporan disetujui; angkanya dibekukan."),
    "kembalikan": (RiwayatLaporan.Aksi.KEMBALIKAN, "Laporan dikembalikan ke desa."),
    "buka": (RiwayatLaporan.Aksi.BUKA, "Laporan dibuka kembali sebagai draf."),
}
LAYANAN = {
    RiwayatLaporan.Aksi.KIRIM: services.laporan_kirim,
    RiwayatLaporan.Aksi.VERIFIKASI: services.laporan_verifikasi,
    RiwayatLaporan.Aksi.SETUJUI: services.laporan_setujui,
    RiwayatLaporan.Aksi.KEMBALIKAN: services.laporan_kembalikan,
    RiwayatLaporan.Aksi.BUKA: services.laporan_buka,
}


@login_required
@require_POST
def laporan_aksi(request, pk, aksi):
    """One flow transition; wrong role → 403 (PermissionDenied from the service)."""
    if aksi not in AKSI_URL:
        raise Http404
    kode, berhasil = AKSI_URL[aksi]
    lap = get_object_or_404(LaporanDesa.objects.visible_to(request.user), pk=pk)
    kwargs = {"laporan": lap, "oleh": request.user}
    if kode in (RiwayatLaporan.Aksi.KEMBALIKAN, RiwayatLaporan.Aksi.BUKA):
        kwargs["alasan"] = request.POST.get("alasan", "")
    try:
        LAYANAN[kode](**kwargs)
    except ValidationError as exc:
        messages.error(request, _pesan_galat(exc))
    else:
        messages.success(request, berhasil)
    return redirect(lap)


@login_required
def laporan_desa_bulan(request, desa_id, bulan):
    """Open the report of a desa and month, creating the pre-filled draft on POST."""
    desa = get_object_or_404(Wilayah.objects.desa().visible_to(request.user), pk=desa_id)
    try:
        bln = jadwal.parse_bulan(bulan)
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    lap = LaporanDesa.objects.filter(desa=desa, bulan=bln).first()
    if lap is not None:
        return redirect(lap)
    if not request.user.has_perm("laporan.view_laporandesa"):
        raise PermissionDenied
    dapat_buat = request.user.has_perm("laporan.add_laporandesa")
    if request.method == "POST":
        if not dapat_buat:
            raise PermissionDenied
        try:
            lap = services.laporan_buat(desa=desa, bulan=bln)
        except ValidationError as exc:
            messages.error(request, _pesan_galat(exc))
        else:
            messages.success(request, "Draf laporan dibuat dan diisi dari data yang ada.")
            return redirect("laporan:ubah", pk=lap.pk)
    return render(
        request,
        "laporan/laporan_baru.html",
        {
            "desa": desa,
            "bulan": bln,
            "dapat_buat": dapat_buat,
            "batas_kirim": jadwal.batas_kirim(bln),
            "berlaku": jadwal.berlaku(bln, selectors.mulai_desa([desa.pk])[desa.pk]),
        },
    )


class PapanStatusView(
    HalamanTersimpanMixin, LoginRequiredMixin, PermissionRequiredMixin, TemplateView
):
    """Desa × month status board of a kecamatan; for a wider area (the kabupaten) a kecamatan ×
    month summary first, each kecamatan opening its own board (the full desa board of the
    kabupaten was 7,900 px tall and 300 kB)."""

    permission_required = "laporan.view_laporandesa"
    template_name = "laporan/papan_status.html"
    # More desa than this without a kecamatan chosen: the kecamatan summary is shown.
    BATAS_DESA = 40

    def get_context_data(self, **kwargs):
        user = self.request.user
        hari_ini = timezone.localdate()
        kecamatan = list(selectors.kecamatan_terlihat(user))
        kec_id = angka_param(self.request, "kecamatan", 0, min=0)
        if kec_id and kec_id not in {k.pk for k in kecamatan}:
            raise Http404
        tahun = tahun_param(self.request, default=hari_ini.year, max=hari_ini.year)
        bulan_list = [date(tahun, m, 1) for m in range(1, 13) if date(tahun, m, 1) <= hari_ini]
        desa_qs = selectors.desa_terlihat(user, kecamatan_id=kec_id or None)
        # Ids first: the kabupaten summary needs no desa row (167 rows and their kecamatan).
        urutan = [] if kec_id else list(desa_qs.values_list("pk", "kecamatan_id"))
        ringkasan = len(urutan) > self.BATAS_DESA
        if ringkasan:
            papan = selectors.papan_kecamatan(
                desa_qs=desa_qs,
                urutan=urutan,
                kecamatan={k.pk: k for k in kecamatan},
                bulan_list=bulan_list,
                hari_ini=hari_ini,
            )
            # Not shown under the summary: the desa rows are built only if asked for.
            papan["baris"] = SimpleLazyObject(
                lambda: selectors.papan_status(
                    desa_list=desa_qs, bulan_list=bulan_list, hari_ini=hari_ini
                )["baris"]
            )
        else:
            desa = list(desa_qs)
            papan = selectors.papan_status(desa_list=desa, bulan_list=bulan_list, hari_ini=hari_ini)
        bulan_wa = jadwal.bulan_laporan_berjalan(hari_ini)
        if not ringkasan and bulan_wa in bulan_list and pengingat_wa.boleh_mengingatkan(user):
            wa = pengingat_wa.tautan_pengingat(desa=desa, bulan=bulan_wa, hari_ini=hari_ini)
            for baris in papan.get("baris", []):
                baris["wa"] = wa.get(baris["desa"].pk)
        return super().get_context_data(
            papan=papan,
            ringkasan_kecamatan=ringkasan,
            beberapa_kecamatan=len(papan["kecamatan"]) > 1,
            bulan_list=bulan_list,
            kecamatan=kecamatan,
            kec_id=kec_id,
            kec_pilihan=next((k for k in kecamatan if k.pk == kec_id), None),
            tanggal_mulai=jadwal.tanggal_mulai(),
            tahun=tahun,
            tahun_pilihan=range(hari_ini.year - 3, hari_ini.year + 1),
            legenda=selectors.LEGENDA_KECAMATAN
            if ringkasan
            else [
                (selectors.SINGKAT_SEL[k], label, selectors.WARNA_SEL[k])
                for k, label in selectors.LABEL_SEL.items()
            ],
            **kwargs,
        )


class TugasView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """Per user: reports due this month with their deadline, to review, and sent back."""

    permission_required = "laporan.view_laporandesa"
    template_name = "laporan/tugas.html"

    def get_context_data(self, **kwargs):
        user, hari_ini = self.request.user, timezone.localdate()
        tugas = selectors.laporan_tugas(user, hari_ini=hari_ini)
        if pengingat_wa.boleh_mengingatkan(user):  # "Ingatkan lewat WhatsApp" per desa
            baris = [*tugas["perlu_tindakan"], *tugas["lainnya"]]
            wa = pengingat_wa.tautan_pengingat(
                desa={b["desa"] for b in baris if b["bulan"] == tugas["bulan"]},
                bulan=tugas["bulan"],
                hari_ini=hari_ini,
            )
            for b in baris:
                if b["bulan"] == tugas["bulan"]:
                    b["wa"] = wa.get(b["desa"].pk)
            if getattr(getattr(user, "profil", None), "peran", None) != "penyuluh":
                # A report sent by the desa, waiting for the penyuluh's verification.
                verifikasi = pengingat_wa.tautan_verifikasi(
                    [b["laporan"] for b in baris if b["laporan"]], hari_ini=hari_ini
                )
                for b in baris:
                    if b["laporan"] and b["laporan"].pk in verifikasi:
                        b["wa"] = verifikasi[b["laporan"].pk]
        return super().get_context_data(tugas=tugas, **kwargs)
