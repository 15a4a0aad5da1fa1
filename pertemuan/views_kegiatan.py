"""Pages of KIE sessions, counselling, poktan and training (upgrading)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from imp_smart.parameter import tanggal_param
from kader.ekspor import EksporXlsxMixin
from kader.models import Kader
from kader.scoping import ScopedViewMixin, dalam_wilayah
from kader.views_base import (
    BuatView,
    DaftarView,
    IndukAksiView,
    IndukFormView,
    IndukMixin,
    RincianView,
    UbahView,
)
from pendataan.models import Anggota
from pertemuan import forms, selectors, services
from pertemuan.filters import (
    KaderBelumDilatihFilter,
    KonselingFilter,
    PelatihanFilter,
    PoktanFilter,
    SesiKIEFilter,
)
from pertemuan.models import Konseling, Pelatihan, PesertaPelatihan, Poktan, SesiKIE
from pertemuan.tables import (
    KaderBelumDilatihTable,
    KonselingTable,
    PelatihanTable,
    PoktanTable,
    SesiKIETable,
)

# --- KIE -------------------------------------------------------------------------------------


class SesiKIEListView(EksporXlsxMixin, DaftarView):
    model = SesiKIE
    table_class = SesiKIETable
    filterset_class = SesiKIEFilter
    permission_required = "pertemuan.view_sesikie"
    judul = "Sesi KIE"
    tambah_url = "pertemuan:kie_create"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah")


class SesiKIESimpanMixin:
    model = SesiKIE
    form_class = forms.SesiKIEForm
    pesan_sukses = "Sesi KIE disimpan."

    def simpan(self, form):
        return services.sesi_kie_simpan(
            sesi=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            **form.cleaned_data,
        )


class SesiKIECreateView(SesiKIESimpanMixin, BuatView):
    permission_required = "pertemuan.add_sesikie"
    judul = "Catat sesi KIE"


class SesiKIEUpdateView(SesiKIESimpanMixin, UbahView):
    permission_required = "pertemuan.change_sesikie"


class SesiKIEDetailView(RincianView):
    model = SesiKIE
    permission_required = "pertemuan.view_sesikie"
    template_name = "pertemuan/sesikie_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "institusi")


# --- counselling -----------------------------------------------------------------------------


class KonselingListView(EksporXlsxMixin, DaftarView):
    model = Konseling
    table_class = KonselingTable
    filterset_class = KonselingFilter
    permission_required = "pertemuan.view_konseling"
    judul = "Konseling PUS"
    tambah_url = "pertemuan:konseling_cari"
    tambah_perm = "pertemuan.add_konseling"

    def get_queryset(self):
        return super().get_queryset().select_related("anggota", "dusun", "kader")


class KonselingCariView(ScopedViewMixin, TemplateView):
    """Step 1 of recording a counselling: find the PUS woman in the register by name."""

    permission_required = "pertemuan.add_konseling"
    template_name = "pertemuan/konseling_cari.html"

    def get_context_data(self, **kwargs):
        form = forms.CariPusForm(self.request.GET or None)
        hasil = None
        if form.is_valid():
            hasil = selectors.pus_cari(
                user=self.request.user, nama=form.cleaned_data["q"], bulan=timezone.localdate()
            )
        return super().get_context_data(
            judul="Catat konseling: cari PUS", form=form, hasil=hasil, **kwargs
        )


class KonselingSimpanMixin:
    model = Konseling
    form_class = forms.KonselingForm
    template_name = "pertemuan/konseling_form.html"
    pesan_sukses = "Konseling disimpan."

    def anggota(self):
        return self.object.anggota if getattr(self, "object", None) else None

    def get_context_data(self, **kwargs):
        anggota = self.anggota()
        saran = (
            selectors.saran_konseling(anggota=anggota, pada=timezone.localdate())
            if anggota
            else None
        )
        return super().get_context_data(anggota=anggota, saran=saran, **kwargs)

    def simpan(self, form):
        return services.konseling_simpan(
            konseling=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            **form.cleaned_data,
        )


class KonselingCreateView(KonselingSimpanMixin, BuatView):
    permission_required = "pertemuan.add_konseling"
    judul = "Catat konseling"

    def anggota(self):
        pk = self.request.POST.get("anggota") or self.request.GET.get("anggota")
        if not str(pk or "").isdigit():
            return None
        return Anggota.objects.visible_to(self.request.user).filter(pk=pk).first()

    def get(self, request, *args, **kwargs):
        anggota = self.anggota()
        if anggota is None:
            return redirect("pertemuan:konseling_cari")
        bulan = timezone.localdate()
        pus = selectors.pus_untuk_konseling(user=request.user, bulan=bulan)
        if not pus.filter(pk=anggota.pk).exists():
            messages.warning(
                request,
                f"{anggota.nama} bukan PUS bulan ini (istri berstatus kawin, umur 15–49 tahun). "
                "Pilih PUS dari hasil pencarian.",
            )
            return redirect("pertemuan:konseling_cari")
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        a = self.anggota()
        return {"anggota": a.pk if a else None, "tanggal": timezone.localdate()}


class KonselingUpdateView(KonselingSimpanMixin, UbahView):
    permission_required = "pertemuan.change_konseling"


class KonselingDetailView(RincianView):
    model = Konseling
    permission_required = "pertemuan.view_konseling"
    template_name = "pertemuan/konseling_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("anggota__keluarga", "dusun", "kader")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            saran=selectors.saran_konseling(anggota=self.object.anggota, pada=self.object.tanggal),
            **kwargs,
        )


class KonselingSelesaiView(IndukAksiView):
    permission_required = "pertemuan.change_konseling"
    pesan_sukses = "Tindak lanjut konseling ditandai selesai."

    def induk_queryset(self):
        return Konseling.objects.visible_to(self.request.user)

    def aksi(self):
        services.konseling_tindak_lanjut_selesai(konseling=self.induk)


class KonselingJatuhTempoView(EksporXlsxMixin, DaftarView):
    """The cadre's worklist: counselling follow-ups due today or earlier, not yet done."""

    model = Konseling
    table_class = KonselingTable
    filterset_class = KonselingFilter
    permission_required = "pertemuan.view_konseling"
    judul = "Tindak lanjut konseling jatuh tempo"
    teks_kosong = "Tidak ada tindak lanjut konseling yang jatuh tempo."

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .tindak_lanjut_jatuh_tempo(timezone.localdate())
            .select_related("anggota", "dusun", "kader")
            .order_by("tanggal_tindak_lanjut")
        )


class KonversiView(ScopedViewMixin, TemplateView):
    """Counselling → acceptor conversion per desa and per cadre for a period."""

    permission_required = "pertemuan.view_konseling"
    template_name = "pertemuan/konversi.html"

    def get_context_data(self, **kwargs):
        hari_ini = timezone.localdate()
        dari = tanggal_param(self.request, "dari", hari_ini.replace(month=1, day=1))
        sampai = tanggal_param(self.request, "sampai", hari_ini)
        user = self.request.user
        return super().get_context_data(
            judul="Konversi konseling menjadi peserta KB",
            dari=dari,
            sampai=sampai,
            per_desa=selectors.konversi_konseling(user=user, dari=dari, sampai=sampai),
            per_kader=selectors.konversi_konseling(
                user=user, dari=dari, sampai=sampai, per="kader"
            ),
            **kwargs,
        )


# --- poktan ----------------------------------------------------------------------------------


class PoktanListView(EksporXlsxMixin, DaftarView):
    model = Poktan
    table_class = PoktanTable
    filterset_class = PoktanFilter
    permission_required = "pertemuan.view_poktan"
    judul = "Poktan (BKB, BKR, BKL, UPPKA, PIK-R)"
    tambah_url = "pertemuan:poktan_create"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah")
            .annotate(
                jumlah_anggota=Count("anggota", filter=Q(anggota__aktif=True), distinct=True),
                jumlah_kegiatan=Count("kegiatan", distinct=True),
            )
        )


class PoktanSimpanMixin:
    model = Poktan
    form_class = forms.PoktanForm
    pesan_sukses = "Poktan disimpan."

    def simpan(self, form):
        return services.poktan_simpan(
            poktan=self.object if self.object and self.object.pk else None, **form.cleaned_data
        )


class PoktanCreateView(PoktanSimpanMixin, BuatView):
    permission_required = "pertemuan.add_poktan"
    judul = "Tambah poktan"


class PoktanUpdateView(PoktanSimpanMixin, UbahView):
    permission_required = "pertemuan.change_poktan"


class PoktanDetailView(RincianView):
    model = Poktan
    permission_required = "pertemuan.view_poktan"
    template_name = "pertemuan/poktan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "institusi")

    def get_context_data(self, **kwargs):
        p = self.object
        return super().get_context_data(
            ringkasan=selectors.poktan_ringkasan(poktan=p, pada=timezone.localdate()),
            anggota=p.anggota.select_related("keluarga__dusun").order_by("keluarga__nama_kepala"),
            kegiatan=p.kegiatan.all()[:24],
            **kwargs,
        )


class PoktanIndukMixin:
    def induk_queryset(self):
        return Poktan.objects.visible_to(self.request.user).select_related("wilayah")


class PoktanAnggotaTambahView(PoktanIndukMixin, IndukFormView):
    permission_required = "pertemuan.add_anggotapoktan"
    form_class = forms.AnggotaPoktanForm
    pesan_sukses = "Anggota ditambahkan."

    def get_judul(self):
        return f"Tambah anggota: {self.induk}"

    def get_initial(self):
        return {"tanggal_masuk": timezone.localdate()}

    def get_form_kwargs(self):
        sasaran = selectors.keluarga_sasaran(poktan=self.induk, pada=timezone.localdate())
        sasaran = sasaran.exclude(poktan__poktan=self.induk).order_by("nama_kepala")
        return {**super().get_form_kwargs(), "sasaran": sasaran}

    def simpan(self, form):
        services.poktan_anggota_tambah(
            poktan=self.induk,
            keluarga=list(form.cleaned_data["keluarga"]),
            tanggal_masuk=form.cleaned_data["tanggal_masuk"],
        )


class KegiatanPoktanTambahView(PoktanIndukMixin, IndukFormView):
    permission_required = "pertemuan.add_kegiatanpoktan"
    form_class = forms.KegiatanPoktanForm
    pesan_sukses = "Kegiatan poktan dicatat."

    def get_judul(self):
        return f"Catat kegiatan: {self.induk}"

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def simpan(self, form):
        services.kegiatan_poktan_simpan(poktan=self.induk, **form.cleaned_data)


# --- training --------------------------------------------------------------------------------


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
