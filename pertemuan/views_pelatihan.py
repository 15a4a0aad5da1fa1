"""Trainings of cadres: list, record, participants and scores, certificates, untrained cadres."""

from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.views import (
    BuatView,
    DaftarView,
    IndukFormView,
    IndukMixin,
    RincianView,
    UbahView,
)
from kader.models import Kader
from kader.scoping import dalam_wilayah
from pertemuan import forms, selectors, services
from pertemuan.filters import (
    KaderBelumDilatihFilter,
    PelatihanFilter,
)
from pertemuan.models import Pelatihan, PesertaPelatihan
from pertemuan.tables import (
    KaderBelumDilatihTable,
    PelatihanTable,
)

# --- KIE -------------------------------------------------------------------------------------


class PelatihanListView(EksporXlsxMixin, DaftarView):
    model = Pelatihan
    table_class = PelatihanTable
    filterset_class = PelatihanFilter
    permission_required = "pertemuan.view_pelatihan"
    judul = "Pelatihan kader (upgrading)"
    tambah_url = "pertemuan:pelatihan_create"
    baca_atas = True  # trainings of the kecamatan and kabupaten concern the desa's cadres

    def get_queryset(self):
        return super().get_queryset().annotate(jumlah_peserta=Count("peserta"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["aksi_lain"] = [
            (reverse("pertemuan:belum_dilatih"), "Kader belum pernah dilatih"),
            *ctx.get("aksi_lain", []),
        ]
        return ctx


class PelatihanSimpanMixin:
    model = Pelatihan
    form_class = forms.PelatihanForm
    pesan_sukses = "Pelatihan disimpan."

    def simpan(self, form):
        return services.pelatihan_simpan(
            pelatihan=self.object if self.object and self.object.pk else None, **form.cleaned_data
        )


class PelatihanCreateView(PelatihanSimpanMixin, BuatView):
    permission_required = "pertemuan.add_pelatihan"
    judul = "Tambah pelatihan"


class PelatihanUpdateView(PelatihanSimpanMixin, UbahView):
    permission_required = "pertemuan.change_pelatihan"


class PelatihanDetailView(RincianView):
    model = Pelatihan
    permission_required = "pertemuan.view_pelatihan"
    template_name = "pertemuan/pelatihan_detail.html"
    baca_atas = True

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            peserta=selectors.peserta_pelatihan(pelatihan=self.object, user=user),
            # Organisers (the training's area and above) edit it; those below only read it.
            boleh_ubah=dalam_wilayah(user, self.object.wilayah_id),
            **kwargs,
        )


class PesertaTambahView(IndukFormView):
    permission_required = "pertemuan.add_pesertapelatihan"
    form_class = forms.PesertaTambahForm
    pesan_sukses = "Peserta ditambahkan."

    def induk_queryset(self):
        return Pelatihan.objects.visible_to(self.request.user)

    def get_judul(self):
        return f"Tambah peserta: {self.induk}"

    def simpan(self, form):
        services.peserta_tambah(pelatihan=self.induk, kader=form.daftar_kader())


class PesertaNilaiView(IndukFormView):
    permission_required = "pertemuan.change_pesertapelatihan"
    form_class = forms.PesertaNilaiForm
    pesan_sukses = "Nilai disimpan."

    def induk_queryset(self):
        # The form shows the scores: the organiser's area and the participant's area and above.
        user = self.request.user
        return (
            PesertaPelatihan.objects.visible_to(user)
            .filter(pelatihan__in=Pelatihan.objects.visible_to(user))
            .select_related("kader", "pelatihan")
        )

    def get_judul(self):
        return f"Nilai {self.induk.kader}: {self.induk.pelatihan}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.induk}

    def get_success_url(self):
        return self.induk.pelatihan.get_absolute_url()

    def simpan(self, form):
        services.peserta_nilai(
            peserta=self.induk,
            nilai_pre=form.cleaned_data["nilai_pre"],
            nilai_post=form.cleaned_data["nilai_post"],
        )


class SertifikatView(IndukMixin, TemplateView):
    """A participant's certificate (PDF): visible with the training or with the cadre."""

    permission_required = "pertemuan.view_pelatihan"

    def induk_queryset(self):
        user = self.request.user
        return (
            PesertaPelatihan.objects.filter(
                Q(pelatihan__in=Pelatihan.objects.visible_to(user))
                | Q(kader__in=Kader.objects.visible_to(user))
            )
            .select_related("kader__institusi__wilayah", "pelatihan")
            .distinct()
        )

    def get(self, request, *args, **kwargs):
        pdf = services.sertifikat_pdf(peserta=self.induk)
        resp = HttpResponse(pdf, content_type="application/pdf")
        resp["Content-Disposition"] = f'inline; filename="sertifikat-{self.induk.pk}.pdf"'
        return resp


class KaderBelumDilatihView(EksporXlsxMixin, DaftarView):
    model = Kader
    table_class = KaderBelumDilatihTable
    filterset_class = KaderBelumDilatihFilter
    permission_required = "pertemuan.view_pelatihan"
    judul = "Kader aktif yang belum pernah dilatih"

    def get_queryset(self):
        return selectors.kader_belum_pernah_dilatih(user=self.request.user).order_by("nama")
