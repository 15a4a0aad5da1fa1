"""Pages of the programme activities: sosialisasi (with photos), KB service events (with
acceptors by method and the cadres who brought them), the partners of any activity, and the
community groups grown by cadres (list, record, tree per institution)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
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
    IndukMixin,
    JudulMixin,
    RincianView,
    ScopedViewMixin,
    UbahView,
)
from kader.scoping import dalam_wilayah
from pertemuan import forms_program as forms
from pertemuan import selectors_program as selectors
from pertemuan import services_program as services
from pertemuan.filters_program import KelompokFilter, PelayananFilter, SosialisasiFilter
from pertemuan.models import (
    AkseptorPelayanan,
    FotoSosialisasi,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    Pertemuan,
    SesiKIE,
    Sosialisasi,
)
from pertemuan.selectors import pus_untuk_konseling
from pertemuan.tables_program import KelompokTable, PelayananTable, SosialisasiTable


def _jumlah_mitra(medan: str):
    """Partners of each row as a correlated subquery (the paginator's count stays plain)."""
    return Coalesce(
        Subquery(
            KeterlibatanMitra.objects.filter(**{medan: OuterRef("pk")})
            .order_by()
            .values(medan)
            .annotate(n=Count("mitra", distinct=True))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def _jumlah_akseptor():
    return Coalesce(
        Subquery(
            AkseptorPelayanan.objects.filter(pelayanan=OuterRef("pk"))
            .order_by()
            .values("pelayanan")
            .annotate(s=Sum("jumlah"))
            .values("s")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


# --- sosialisasi -----------------------------------------------------------------------------


class SosialisasiListView(EksporXlsxMixin, DaftarView):
    model = Sosialisasi
    table_class = SosialisasiTable
    filterset_class = SosialisasiFilter
    permission_required = "pertemuan.view_sosialisasi"
    judul = "Sosialisasi"
    tambah_url = "pertemuan:sosialisasi_create"
    baca_atas = True  # a desa sees the kecamatan's and the kabupaten's sosialisasi

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah")
            .annotate(jumlah_mitra=_jumlah_mitra("sosialisasi"))
        )


class SosialisasiSimpanMixin:
    model = Sosialisasi
    form_class = forms.SosialisasiForm
    pesan_sukses = "Sosialisasi disimpan."

    def simpan(self, form):
        return services.sosialisasi_simpan(
            sosialisasi=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            **form.cleaned_data,
        )


class SosialisasiCreateView(SosialisasiSimpanMixin, BuatView):
    permission_required = "pertemuan.add_sosialisasi"
    judul = "Catat sosialisasi"

    def get_success_url(self):
        return reverse("pertemuan:mitra_kegiatan", args=["sosialisasi", self.object.pk])


class SosialisasiUpdateView(SosialisasiSimpanMixin, UbahView):
    permission_required = "pertemuan.change_sosialisasi"


class SosialisasiDetailView(RincianView):
    model = Sosialisasi
    permission_required = "pertemuan.view_sosialisasi"
    template_name = "pertemuan/program/sosialisasi_detail.html"
    baca_atas = True

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "dibuat_oleh")

    def get_context_data(self, **kwargs):
        s, user = self.object, self.request.user
        boleh_ubah = dalam_wilayah(user, s.wilayah_id)
        return super().get_context_data(
            boleh_ubah=boleh_ubah,
            mitra=selectors.mitra_kegiatan(kegiatan=s),
            foto=s.foto.all(),
            foto_form=forms.FotoForm(user=user)
            if boleh_ubah and user.has_perm("pertemuan.add_fotososialisasi")
            else None,
            **kwargs,
        )


class FotoSosialisasiTambahView(IndukFormView):
    permission_required = "pertemuan.add_fotososialisasi"
    form_class = forms.FotoForm
    pesan_sukses = "Foto diunggah."

    def induk_queryset(self):
        return Sosialisasi.objects.visible_to(self.request.user)

    def get_judul(self):
        return f"Unggah foto: {self.induk}"

    def simpan(self, form):
        services.foto_sosialisasi_tambah(
            sosialisasi=self.induk,
            berkas=form.cleaned_data["berkas"],
            keterangan=form.cleaned_data["keterangan"],
        )


class FotoSosialisasiView(RincianView):
    """A sosialisasi photo, to users who may see the event; read through the storage API."""

    model = FotoSosialisasi
    permission_required = "pertemuan.view_sosialisasi"

    def get_queryset(self):
        return FotoSosialisasi.objects.filter(
            sosialisasi__in=Sosialisasi.objects.visible_to(self.request.user, atas=True)
        )

    def get(self, request, *args, **kwargs):
        return unduh_berkas(self.get_object().berkas, lampiran=False, jenis="image/jpeg")


class FotoSosialisasiHapusView(IndukAksiView):
    permission_required = "pertemuan.delete_fotososialisasi"
    pesan_sukses = "Foto dihapus."

    def induk_queryset(self):
        return FotoSosialisasi.objects.filter(
            sosialisasi__in=Sosialisasi.objects.visible_to(self.request.user)
        )

    def get_success_url(self):
        return reverse("pertemuan:sosialisasi_detail", args=[self.induk.sosialisasi_id])

    def aksi(self):
        services.foto_sosialisasi_hapus(foto=self.induk)


# --- KB service events -----------------------------------------------------------------------


class PelayananListView(EksporXlsxMixin, DaftarView):
    model = PelayananKB
    table_class = PelayananTable
    filterset_class = PelayananFilter
    permission_required = "pertemuan.view_pelayanankb"
    judul = "Pelayanan KB"
    tambah_url = "pertemuan:pelayanan_create"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah")
            .annotate(jumlah_akseptor=_jumlah_akseptor(), jumlah_mitra=_jumlah_mitra("pelayanan"))
        )


class PelayananSimpanMixin:
    model = PelayananKB
    form_class = forms.PelayananForm
    pesan_sukses = "Pelayanan KB disimpan."

    def simpan(self, form):
        return services.pelayanan_simpan(
            pelayanan=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            **form.cleaned_data,
        )


class PelayananCreateView(PelayananSimpanMixin, BuatView):
    permission_required = "pertemuan.add_pelayanankb"
    judul = "Catat pelayanan KB"


class PelayananUpdateView(PelayananSimpanMixin, UbahView):
    permission_required = "pertemuan.change_pelayanankb"


class PelayananDetailView(RincianView):
    model = PelayananKB
    permission_required = "pertemuan.view_pelayanankb"
    template_name = "pertemuan/program/pelayanan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "dibuat_oleh")

    def get_context_data(self, **kwargs):
        p = self.object
        return super().get_context_data(
            ringkas=selectors.akseptor_ringkas(pelayanan=p),
            akseptor=selectors.akseptor_baris(pelayanan=p),
            mitra=selectors.mitra_kegiatan(kegiatan=p),
            **kwargs,
        )


class PelayananIndukMixin:
    def induk_queryset(self):
        return PelayananKB.objects.visible_to(self.request.user).select_related("wilayah")


class AkseptorAnonimView(PelayananIndukMixin, IndukFormView):
    permission_required = "pertemuan.add_akseptorpelayanan"
    form_class = forms.AkseptorAnonimForm
    pesan_sukses = "Akseptor ditambahkan."
    keterangan = (
        "Akseptor yang tidak dicatat namanya: isi jumlah per metode yang dilayani. Untuk PUS "
        "yang ada di register, pakai “Akseptor dari register” agar status KB-nya ikut tercatat."
    )

    def get_judul(self):
        return f"Akseptor tanpa nama: {self.induk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pelayanan": self.induk}

    def simpan(self, form):
        services.akseptor_anonim_simpan(
            pelayanan=self.induk,
            jumlah_per_metode=form.jumlah_per_metode(),
            kader=form.cleaned_data.get("kader"),
        )


def _pus_pelayanan(user, pelayanan: PelayananKB):
    """PUS of the event's month the user may see, living in the event's desa."""
    w = pelayanan.wilayah
    desa_id = w.pk if w.is_desa else w.desa_id
    return pus_untuk_konseling(user=user, bulan=pelayanan.tanggal).filter(keluarga__desa_id=desa_id)


class AkseptorCariView(PelayananIndukMixin, JudulMixin, IndukMixin, TemplateView):
    """Step 1 of a register acceptor: find the PUS woman of the event's desa by name."""

    permission_required = "pertemuan.add_akseptorpelayanan"
    template_name = "pertemuan/program/akseptor_cari.html"

    def get_judul(self):
        return f"Akseptor dari register: {self.induk}"

    def get_context_data(self, **kwargs):
        form = forms.CariPusForm(self.request.GET or None)
        hasil = None
        if form.is_valid():
            hasil = (
                _pus_pelayanan(self.request.user, self.induk)
                .filter(nama__icontains=form.cleaned_data["q"])
                .select_related("keluarga__dusun")
                .order_by("nama")[:30]
            )
        return super().get_context_data(induk=self.induk, form=form, hasil=hasil, **kwargs)


class AkseptorRegisterView(PelayananIndukMixin, IndukFormView):
    permission_required = "pertemuan.add_akseptorpelayanan"
    form_class = forms.AkseptorRegisterForm
    template_name = "pertemuan/program/akseptor_register.html"
    pesan_sukses = "Akseptor dicatat dan status KB-nya disimpan."

    def anggota(self):
        pk = self.request.POST.get("anggota") or self.request.GET.get("anggota")
        if not str(pk or "").isdigit():
            return None
        return _pus_pelayanan(self.request.user, self.induk).filter(pk=pk).first()

    def get(self, request, *args, **kwargs):
        if self.anggota() is None:
            messages.warning(request, "Pilih PUS dari hasil pencarian.")
            return redirect("pertemuan:akseptor_cari", pk=self.induk.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        a = self.anggota()
        return {"anggota": a.pk} if a else {}

    def get_judul(self):
        return f"Akseptor dari register: {self.induk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pelayanan": self.induk}

    def get_context_data(self, **kwargs):
        return super().get_context_data(anggota=self.anggota(), **kwargs)

    def simpan(self, form):
        anggota = self.anggota()
        if anggota is None:
            raise ValidationError({"anggota": "PUS ini tidak ada di desa pelayanan. Cari ulang."})
        services.akseptor_register_simpan(
            pelayanan=self.induk,
            anggota=anggota,
            metode=form.cleaned_data["metode"],
            kader=form.cleaned_data.get("kader"),
            oleh=self.request.user,
        )


class AkseptorHapusView(IndukAksiView):
    permission_required = "pertemuan.delete_akseptorpelayanan"
    pesan_sukses = "Baris akseptor dihapus."

    def induk_queryset(self):
        return AkseptorPelayanan.objects.visible_to(self.request.user)

    def get_success_url(self):
        return reverse("pertemuan:pelayanan_detail", args=[self.induk.pelayanan_id])

    def aksi(self):
        services.akseptor_hapus(akseptor=self.induk)


# --- partners of an activity -----------------------------------------------------------------

# kind in the URL → (model, permission to change it, field name on KeterlibatanMitra)
KEGIATAN_MITRA = {
    "pertemuan": (Pertemuan, "pertemuan.change_pertemuan", "pertemuan"),
    "kie": (SesiKIE, "pertemuan.change_sesikie", "sesi_kie"),
    "sosialisasi": (Sosialisasi, "pertemuan.change_sosialisasi", "sosialisasi"),
    "pelayanan": (PelayananKB, "pertemuan.change_pelayanankb", "pelayanan"),
}


class MitraKegiatanView(JudulMixin, IndukMixin, TemplateView):
    """The partners of one activity, picked from the partner registry, with their role, the
    people each reached and the acceptors each mobilised (saved together, atomic)."""

    template_name = "pertemuan/program/mitra_kegiatan.html"

    def _jenis(self):
        jenis = self.kwargs.get("jenis")
        if jenis not in KEGIATAN_MITRA:
            raise Http404
        return KEGIATAN_MITRA[jenis]

    def get_permission_required(self):
        return (self._jenis()[1], "kader.view_mitra")

    def induk_queryset(self):
        model = self._jenis()[0]
        return model.objects.visible_to(self.request.user).select_related("wilayah")

    def get_judul(self):
        return f"Mitra: {self.induk}"

    def _formset(self, data=None):
        mitra_qs = services.mitra_boleh(self.request.user, self.induk.wilayah)
        awal = [
            {
                "mitra": k.mitra_id,
                "peran": k.peran,
                "jumlah_terjangkau": k.jumlah_terjangkau,
                "jumlah_akseptor": k.jumlah_akseptor,
            }
            for k in selectors.mitra_kegiatan(kegiatan=self.induk)
        ]
        return forms.MitraKegiatanFormSet(
            data, initial=awal, mitra_qs=mitra_qs, prefix="mitra"
        ), mitra_qs

    def get_context_data(self, **kwargs):
        if "formset" not in kwargs:
            kwargs["formset"] = self._formset()[0]
        return super().get_context_data(induk=self.induk, **kwargs)

    def post(self, request, *args, **kwargs):
        formset, mitra_qs = self._formset(request.POST)
        if formset.is_valid():
            try:
                services.mitra_kegiatan_simpan(
                    kegiatan=self.induk, baris=formset.baris(), boleh=list(mitra_qs)
                )
            except ValidationError as e:
                formset._non_form_errors = formset.error_class(e.messages)
            else:
                messages.success(request, "Mitra kegiatan disimpan.")
                return redirect(self.induk.get_absolute_url())
        return self.render_to_response(self.get_context_data(formset=formset))


# --- snowball community groups ---------------------------------------------------------------


class KelompokListView(EksporXlsxMixin, DaftarView):
    model = KelompokMasyarakat
    table_class = KelompokTable
    filterset_class = KelompokFilter
    permission_required = "pertemuan.view_kelompokmasyarakat"
    judul = "Kelompok masyarakat (bola salju)"
    tambah_url = "pertemuan:kelompok_create"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah", "institusi_asal", "induk", "kader")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["aksi_lain"] = [
            (reverse("pertemuan:kelompok_pohon"), "Pohon kelompok"),
            *ctx.get("aksi_lain", []),
        ]
        return ctx


class KelompokSimpanMixin:
    model = KelompokMasyarakat
    form_class = forms.KelompokForm
    pesan_sukses = "Kelompok disimpan."

    def simpan(self, form):
        return services.kelompok_simpan(
            kelompok=self.object if self.object and self.object.pk else None,
            oleh=self.request.user,
            **form.cleaned_data,
        )


class KelompokCreateView(KelompokSimpanMixin, BuatView):
    permission_required = "pertemuan.add_kelompokmasyarakat"
    judul = "Catat kelompok masyarakat"

    def get_initial(self):
        awal = super().get_initial()
        induk = self.request.GET.get("induk", "")
        if induk.isdigit():
            awal["induk"] = int(induk)
        awal.setdefault("tanggal_mulai", timezone.localdate())
        return awal


class KelompokUpdateView(KelompokSimpanMixin, UbahView):
    permission_required = "pertemuan.change_kelompokmasyarakat"


class KelompokDetailView(RincianView):
    model = KelompokMasyarakat
    permission_required = "pertemuan.view_kelompokmasyarakat"
    template_name = "pertemuan/program/kelompok_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah", "institusi_asal__wilayah", "induk", "kader")
        )

    def get_context_data(self, **kwargs):
        k = self.object
        pohon = selectors.pohon_kelompok(
            user=self.request.user, institusi_ids=[k.institusi_asal_id]
        )
        simpul = [
            n for p in pohon for n in selectors.ratakan_pohon(p["akar"]) if n["kelompok"].pk == k.pk
        ]
        cabang = selectors.ratakan_pohon(simpul[0]["cabang"]) if simpul else []
        return super().get_context_data(cabang=cabang, **kwargs)


class KelompokPohonView(ScopedViewMixin, TemplateView):
    """The tree of community groups grown from each institution (the Dinas's view of the
    seed's "auto-replication")."""

    permission_required = "pertemuan.view_kelompokmasyarakat"
    template_name = "pertemuan/program/kelompok_pohon.html"

    def get_context_data(self, **kwargs):
        pohon = selectors.pohon_kelompok(user=self.request.user)
        for p in pohon:
            p["baris"] = selectors.ratakan_pohon(p["akar"])
        return super().get_context_data(
            judul="Pohon kelompok masyarakat per institusi",
            pohon=pohon,
            jumlah_kelompok=sum(p["jumlah"] for p in pohon),
            jumlah_anggota=sum(p["anggota"] for p in pohon),
            **kwargs,
        )
