"""Pages of meetings (pertemuan rutin): list, record, attendance, photos, problems and actions,
the overdue list and the schedule."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from imp_smart.berkas import unduh_berkas
from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.views import (
    BuatView,
    DaftarView,
    IndukAksiView,
    IndukFormView,
    RincianView,
    ScopedViewMixin,
    UbahView,
)
from kader.scoping import dalam_wilayah, desa_cakupan
from kader.selectors import JumlahTerkait
from pertemuan import forms, selectors, services
from pertemuan.filters import PertemuanFilter, TindakLanjutFilter
from pertemuan.models import FotoPertemuan, HadirUndangan, Pertemuan, TindakLanjut
from pertemuan.tables import PertemuanTable, TindakLanjutTable

# Per row, as correlated subqueries (not joins), so that the paginator's count stays a plain
# count; built once, not per request (annotate() resolves a copy).
KADER_HADIR = JumlahTerkait(Pertemuan.kader_hadir.through, "pertemuan")
UNDANGAN_HADIR = JumlahTerkait(HadirUndangan, "pertemuan", jumlahkan="jumlah")


class PertemuanListView(EksporXlsxMixin, DaftarView):
    model = Pertemuan
    table_class = PertemuanTable
    filterset_class = PertemuanFilter
    permission_required = "pertemuan.view_pertemuan"
    judul = "Pertemuan rutin"
    tambah_url = "pertemuan:create"
    baca_atas = True  # a Sub-PPKBD sees the desa's meetings, a PPKBD the kecamatan's

    def halaman_wilayah(self):
        """Its meetings are those seen from the user's desas, their attendance with them
        (Pertemuan.wilayah_halaman): a kept list waits only for writes seen there."""
        return desa_cakupan(self.request.user)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah", "institusi")
            .only(*PertemuanTable.muat)
            .annotate(jumlah_kader=KADER_HADIR, jumlah_undangan=UNDANGAN_HADIR)
        )


class PertemuanSimpanMixin:
    model = Pertemuan
    form_class = forms.PertemuanForm
    pesan_sukses = "Pertemuan disimpan."

    def simpan(self, form):
        data = dict(form.cleaned_data)
        agenda = data.pop("agenda")
        return services.pertemuan_simpan(
            pertemuan=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            agenda=agenda,
            **data,
        )


class PertemuanCreateView(PertemuanSimpanMixin, BuatView):
    permission_required = "pertemuan.add_pertemuan"
    judul = "Catat pertemuan"

    def get_success_url(self):
        return reverse("pertemuan:kehadiran", args=[self.object.pk])


class PertemuanUpdateView(PertemuanSimpanMixin, UbahView):
    permission_required = "pertemuan.change_pertemuan"


class PertemuanDetailView(RincianView):
    model = Pertemuan
    permission_required = "pertemuan.view_pertemuan"
    template_name = "pertemuan/pertemuan_detail.html"
    baca_atas = True

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "institusi", "dibuat_oleh")

    def get_context_data(self, **kwargs):
        p, user = self.object, self.request.user
        # A meeting of an area above the user's is read-only for them (organisers record it).
        boleh_ubah = dalam_wilayah(user, p.wilayah_id)
        return super().get_context_data(
            boleh_ubah=boleh_ubah,
            agenda=p.agenda.all(),
            kader_hadir=p.kader_hadir.select_related("institusi").order_by("nama"),
            undangan=p.undangan.all(),
            foto=p.foto.all(),
            masalah=p.masalah.prefetch_related(
                Prefetch("tindak_lanjut", TindakLanjut.objects.select_related("ditutup_pada"))
            ),
            ditutup_di_sini=p.tindak_lanjut_ditutup.select_related("masalah__pertemuan"),
            terbuka_sebelumnya=selectors.tindak_lanjut_terbuka_sebelum(pertemuan=p),
            foto_form=forms.FotoForm(user=user)
            if boleh_ubah and user.has_perm("pertemuan.add_fotopertemuan")
            else None,
            **kwargs,
        )


class KehadiranView(IndukFormView):
    permission_required = "pertemuan.change_pertemuan"
    form_class = forms.KehadiranForm
    pesan_sukses = "Kehadiran disimpan."

    def induk_queryset(self):
        return Pertemuan.objects.visible_to(self.request.user).select_related("wilayah")

    def get_judul(self):
        return f"Kehadiran: {self.induk}"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "pertemuan": self.induk,
            "kader_qs": services.kader_pertemuan(self.induk),
        }

    def simpan(self, form):
        services.pertemuan_catat_kehadiran(
            pertemuan=self.induk, kader=list(form.cleaned_data["kader"]), undangan=form.undangan()
        )


class FotoTambahView(IndukFormView):
    permission_required = "pertemuan.add_fotopertemuan"
    form_class = forms.FotoForm
    pesan_sukses = "Foto diunggah."

    def induk_queryset(self):
        return Pertemuan.objects.visible_to(self.request.user)

    def get_judul(self):
        return f"Unggah foto: {self.induk}"

    def simpan(self, form):
        services.foto_tambah(
            pertemuan=self.induk,
            berkas=form.cleaned_data["berkas"],
            keterangan=form.cleaned_data["keterangan"],
        )


class FotoView(RincianView):
    """A meeting photo, to users who may see its meeting; read through the storage API."""

    model = FotoPertemuan
    permission_required = "pertemuan.view_pertemuan"

    def get_queryset(self):
        return FotoPertemuan.objects.filter(
            pertemuan__in=Pertemuan.objects.visible_to(self.request.user)
        )

    def get(self, request, *args, **kwargs):
        foto = self.get_object()
        return unduh_berkas(foto.berkas, lampiran=False, jenis="image/jpeg")


class FotoHapusView(IndukAksiView):
    permission_required = "pertemuan.delete_fotopertemuan"
    pesan_sukses = "Foto dihapus."

    def induk_queryset(self):
        return FotoPertemuan.objects.filter(
            pertemuan__in=Pertemuan.objects.visible_to(self.request.user)
        )

    def get_success_url(self):
        return reverse("pertemuan:detail", args=[self.induk.pertemuan_id])

    def aksi(self):
        services.foto_hapus(foto=self.induk)


class MasalahTambahView(IndukFormView):
    permission_required = "pertemuan.add_tindaklanjut"
    form_class = forms.MasalahForm
    pesan_sukses = "Masalah dan tindak lanjut dicatat."

    def induk_queryset(self):
        return Pertemuan.objects.visible_to(self.request.user)

    def get_judul(self):
        return f"Masalah dan tindak lanjut: {self.induk}"

    def simpan(self, form):
        services.masalah_tambah(pertemuan=self.induk, **form.cleaned_data)


class TindakLanjutUbahView(IndukFormView):
    permission_required = "pertemuan.change_tindaklanjut"
    form_class = forms.TindakLanjutForm
    pesan_sukses = "Status tindak lanjut disimpan."

    def induk_queryset(self):
        return TindakLanjut.objects.visible_to(self.request.user).select_related(
            "masalah__pertemuan"
        )

    def get_judul(self):
        return f"Tindak lanjut: {self.induk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tindak_lanjut": self.induk}

    def simpan(self, form):
        services.tindak_lanjut_perbarui(tindak_lanjut=self.induk, **form.cleaned_data)


class TindakLanjutTutupView(IndukAksiView):
    """Close an open action of an earlier meeting at this meeting (a button on its page)."""

    permission_required = "pertemuan.change_tindaklanjut"
    pesan_sukses = "Tindak lanjut ditutup pada pertemuan ini."

    def induk_queryset(self):
        return Pertemuan.objects.visible_to(self.request.user)

    def aksi(self):
        tl = get_object_or_404(
            selectors.tindak_lanjut_terbuka_sebelum(pertemuan=self.induk), pk=self.kwargs["tl"]
        )
        services.tindak_lanjut_perbarui(
            tindak_lanjut=tl, status=TindakLanjut.Status.SELESAI, ditutup_pada=self.induk
        )


class TindakLanjutListView(EksporXlsxMixin, DaftarView):
    model = TindakLanjut
    table_class = TindakLanjutTable
    filterset_class = TindakLanjutFilter
    permission_required = "pertemuan.view_tindaklanjut"
    judul = "Tindak lanjut pertemuan"

    def get_queryset(self):
        return super().get_queryset().select_related("masalah__pertemuan__wilayah")


class JadwalView(ScopedViewMixin, TemplateView):
    """Upcoming meetings, and per institution the last six months with no meeting marked."""

    permission_required = "pertemuan.view_pertemuan"
    template_name = "pertemuan/jadwal.html"

    def get_context_data(self, **kwargs):
        user, hari_ini = self.request.user, timezone.localdate()
        return super().get_context_data(
            judul="Jadwal pertemuan",
            akan_datang=selectors.pertemuan_akan_datang(user=user, dari=hari_ini)[:50],
            per_institusi=selectors.institusi_bulan_tanpa_pertemuan(user=user, sampai=hari_ini),
            **kwargs,
        )
