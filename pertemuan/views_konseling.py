"""Counselling (konseling) of families: list, search, record, follow-ups due, MKJP conversion."""

from django import forms as djforms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.halaman import BATAS_WILAYAH
from imp_smart.offline import boleh_offline
from imp_smart.parameter import tanggal_param
from imp_smart.views import (
    BuatView,
    DaftarView,
    IndukAksiView,
    RincianView,
    ScopedViewMixin,
    UbahView,
)
from kader.scoping import desa_cakupan
from pendataan.models import Anggota, Keluarga
from pertemuan import forms, selectors, services
from pertemuan.filters import (
    KonselingFilter,
)
from pertemuan.models import Konseling
from pertemuan.tables import (
    KonselingTable,
)

# A cadre's search page with no name lists every PUS of the month of her area (kept on her phone:
# counselling with no signal for any of them); at most this many.
BATAS_SEMUA_PUS = 500


class KonselingWilayahMixin:
    """A counselling list of a desa user stays kept while others write in other desas
    (imp_smart.halaman): its counselling rows lie in the user's desas, and the women it names are
    read through them — each a member of a family of those desas, or of the desa her family has
    moved to since (asked before the page is built: one query). A family that moves out while
    the page is being built is followed from the page's next build (at the latest after
    IMP_HALAMAN_UMUR): until then a correction of her name made in her new desa may not show."""

    def halaman_wilayah(self) -> frozenset[int] | None:
        desa = desa_cakupan(self.request.user)  # type: ignore[attr-defined]
        if not desa:
            return desa  # everywhere (None), or nothing
        pindah = (
            Keluarga.objects.filter(anggota__konseling__desa_id__in=desa)
            .exclude(desa_id__in=desa)
            .order_by()
            .values_list("desa_id", flat=True)
            .distinct()
        )
        semua = desa | frozenset(pindah)
        return semua if len(semua) <= BATAS_WILAYAH else None


class KonselingListView(KonselingWilayahMixin, EksporXlsxMixin, DaftarView):
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
        hasil, semua = None, False
        if form.is_valid():
            hasil = selectors.pus_cari(
                user=self.request.user, nama=form.cleaned_data["q"], bulan=timezone.localdate()
            )
        elif not form.is_bound and boleh_offline(self.request.user):
            semua = True
            hasil = selectors.pus_cari(
                user=self.request.user, nama="", bulan=timezone.localdate(), batas=BATAS_SEMUA_PUS
            )
        return super().get_context_data(
            judul="Catat konseling: cari PUS", form=form, hasil=hasil, semua=semua, **kwargs
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

    def umum(self) -> bool:
        """The generic form of a cadre (no woman chosen): the woman is a field, chosen among
        the PUS of the month of her area. Kept on her phone, it serves offline the form of any
        woman picked from the list (the service worker's fallback, static/pwa/sw-inti.js)."""
        return (
            self.request.method == "GET"
            and "anggota" not in self.request.GET
            and boleh_offline(self.request.user)
        )

    def get(self, request, *args, **kwargs):
        anggota = self.anggota()
        if anggota is None:
            if self.umum():
                return super().get(request, *args, **kwargs)
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

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.umum():
            pilih = form.fields["anggota"]
            pilih.queryset = selectors.pus_untuk_konseling(
                user=self.request.user, bulan=timezone.localdate()
            ).order_by("nama", "pk")
            pilih.label = "PUS"
            pilih.empty_label = "— pilih PUS —"
            pilih.label_from_instance = lambda a: f"{a.nama} (lahir {a.tanggal_lahir:%d-%m-%Y})"
            pilih.widget = djforms.Select(attrs={"data-pwa-param": "anggota"})
            pilih.widget.choices = pilih.choices
        return form


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


class KonselingJatuhTempoView(KonselingWilayahMixin, EksporXlsxMixin, DaftarView):
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
