"""Pages of the kader app (Pengorganisasian): areas, institutions, cadres, boards, SK, partners."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import FormView

from imp_smart.berkas import unduh_berkas
from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.nik import peringatan_nik
from imp_smart.pdf import render_pdf
from imp_smart.views import BuatView, DaftarView, IndukFormView, RincianView, UbahView
from imp_smart.views_pekerjaan import kabari_permintaan
from kader import draft_sk, forms, selectors, services
from kader.cari_nik import CariNikViewMixin
from kader.filters import InstitusiFilter, KaderFilter, MitraFilter, SKFilter, WilayahFilter
from kader.models import SK, Institusi, Kader, Mitra, Pengurus, Wilayah
from kader.tables import InstitusiTable, KaderTable, MitraTable, SKTable, WilayahTable


class WilayahListView(EksporXlsxMixin, DaftarView):
    model = Wilayah
    table_class = WilayahTable
    filterset_class = WilayahFilter
    permission_required = "kader.view_wilayah"
    judul = "Wilayah"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(tingkat=Wilayah.Tingkat.KABUPATEN)
            .select_related("kecamatan")
            .annotate(
                jumlah_dusun=Count("anak", filter=Q(anak__tingkat="dusun"), distinct=True),
                jumlah_institusi=Count("institusi", filter=Q(institusi__aktif=True), distinct=True),
            )
        )


class WilayahDetailView(RincianView):
    model = Wilayah
    permission_required = "kader.view_wilayah"
    template_name = "kader/wilayah_detail.html"

    def get_context_data(self, **kwargs):
        w = self.object
        user = self.request.user
        ctx = super().get_context_data(**kwargs)
        ctx["anak"] = (
            Wilayah.objects.visible_to(user)
            .filter(induk=w)
            .annotate(jumlah_institusi=Count("institusi", filter=Q(institusi__aktif=True)))
        )
        ctx["institusi"] = Institusi.objects.visible_to(user).filter(wilayah=w)
        if w.is_desa and user.has_perm("kader.add_wilayah"):
            ctx["dusun_form"] = forms.DusunForm(user=user)
        return ctx


class DusunCreateView(IndukFormView):
    permission_required = "kader.add_wilayah"
    form_class = forms.DusunForm
    pesan_sukses = "Dusun tersimpan."

    def induk_queryset(self):
        return Wilayah.objects.visible_to(self.request.user).desa()

    def get_judul(self):
        return f"Tambah dusun di {self.induk}"

    def simpan(self, form):
        return services.dusun_create(desa=self.induk, nama=form.cleaned_data["nama"])


# Institusi --------------------------------------------------------------------------------


# Active cadres per institution, as a correlated subquery (not a join with GROUP BY): the
# paginator's count stays a plain count and only the page's rows are counted.
KADER_AKTIF = selectors.JumlahTerkait(Kader, "institusi", hanya="aktif")


class InstitusiListView(EksporXlsxMixin, DaftarView):
    model = Institusi
    table_class = InstitusiTable
    filterset_class = InstitusiFilter
    permission_required = "kader.view_institusi"
    judul = "Institusi (PPKBD, Sub-PPKBD, Kelompok KB)"
    tambah_url = "kader:institusi_create"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("wilayah__kecamatan")
            .only(*InstitusiTable.muat)
            .annotate(jumlah_kader=KADER_AKTIF)
        )


class InstitusiDetailView(RincianView):
    model = Institusi
    permission_required = "kader.view_institusi"
    template_name = "kader/institusi_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("wilayah__kecamatan", "wilayah__desa")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["roster"] = selectors.institusi_roster(institusi=self.object)
        ctx["riwayat"] = self.object.pengurus.select_related("kader", "sk").order_by(
            "-mulai", "jabatan"
        )
        ctx["kader_list"] = self.object.kader.order_by("-aktif", "nama")
        return ctx


class InstitusiCreateView(BuatView):
    model = Institusi
    form_class = forms.InstitusiForm
    permission_required = "kader.add_institusi"
    judul = "Tambah institusi"
    pesan_sukses = "Institusi tersimpan."

    def simpan(self, form):
        return services.institusi_simpan(**form.cleaned_data)


class InstitusiUpdateView(UbahView):
    model = Institusi
    form_class = forms.InstitusiForm
    permission_required = "kader.change_institusi"
    pesan_sukses = "Perubahan institusi tersimpan."

    def simpan(self, form):
        return services.institusi_simpan(institusi=self.object, **form.cleaned_data)


class InstitusiNonaktifView(IndukFormView):
    permission_required = "kader.change_institusi"
    form_class = forms.NonaktifForm
    pesan_sukses = "Institusi dinonaktifkan."
    keterangan = (
        "Institusi tidak dihapus; riwayatnya tetap tersimpan. Masa bakti pengurus yang masih "
        "berjalan diakhiri pada tanggal nonaktif."
    )

    def induk_queryset(self):
        return Institusi.objects.visible_to(self.request.user).aktif()

    def get_judul(self):
        return f"Nonaktifkan {self.induk}"

    def simpan(self, form):
        return services.institusi_nonaktifkan(institusi=self.induk, **form.cleaned_data)


# Kader ------------------------------------------------------------------------------------


class KaderListView(CariNikViewMixin, EksporXlsxMixin, DaftarView):
    model = Kader
    table_class = KaderTable
    filterset_class = KaderFilter
    permission_required = "kader.view_kader"
    judul = "Kader"
    tambah_url = "kader:kader_create"

    def get_queryset(self):
        return super().get_queryset().select_related("institusi__wilayah").only(*KaderTable.muat)


class KaderDetailView(RincianView):
    model = Kader
    permission_required = "kader.view_kader"
    template_name = "kader/kader_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("institusi__wilayah", "dusun")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        jabatan = self.object.jabatan.select_related("institusi", "sk").order_by("-mulai")
        ctx["jabatan_list"] = [(j, j.berlaku_pada(hari_ini)) for j in jabatan]
        return ctx


class KaderSimpanMixin:
    pesan_sukses = "Data kader tersimpan."

    def simpan(self, form):
        data = dict(form.cleaned_data)
        kader = services.kader_simpan(kader=getattr(self, "object", None), **data)
        for pesan in peringatan_nik(
            kader.nik, jenis_kelamin=kader.jenis_kelamin, tanggal_lahir=kader.tanggal_lahir
        ):
            messages.warning(self.request, f"Periksa kembali: {pesan}")
        return kader


class KaderCreateView(KaderSimpanMixin, BuatView):
    model = Kader
    form_class = forms.KaderForm
    permission_required = "kader.add_kader"
    judul = "Tambah kader"


class KaderUpdateView(KaderSimpanMixin, UbahView):
    model = Kader
    form_class = forms.KaderForm
    permission_required = "kader.change_kader"

    def get_initial(self):
        return {"nik": self.object.nik}


# Pengurus ---------------------------------------------------------------------------------


class PengurusCreateView(IndukFormView):
    """Put a cadre of this institution on its board."""

    permission_required = "kader.add_pengurus"
    form_class = forms.PengurusForm
    pesan_sukses = "Pengurus tersimpan."

    def induk_queryset(self):
        return Institusi.objects.visible_to(self.request.user).aktif()

    def get_judul(self):
        return f"Tambah pengurus {self.induk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "institusi": self.induk}

    def get_initial(self):
        return {"mulai": timezone.localdate()}

    def simpan(self, form):
        return services.pengurus_simpan(institusi=self.induk, **form.cleaned_data)


class PengurusAkhiriView(IndukFormView):
    """End a board term (the row stays as history)."""

    permission_required = "kader.change_pengurus"
    form_class = forms.AkhiriMasaForm
    pesan_sukses = "Masa bakti diakhiri."

    def induk_queryset(self):
        return Pengurus.objects.visible_to(self.request.user).select_related("institusi", "kader")

    def get_judul(self):
        return f"Akhiri masa bakti: {self.induk}"

    def simpan(self, form):
        return services.pengurus_akhiri(pengurus=self.induk, selesai=form.cleaned_data["selesai"])


# SK ---------------------------------------------------------------------------------------


class SKListView(EksporXlsxMixin, DaftarView):
    model = SK
    table_class = SKTable
    filterset_class = SKFilter
    permission_required = "kader.view_sk"
    judul = "Surat Keputusan (SK) pengurus"
    tambah_url = "kader:sk_create"

    def get_queryset(self):
        # SK of the Bupati are kabupaten-wide; their pengurus are scoped on the detail page.
        return SK.objects.annotate(jumlah_pengurus=Count("pengurus"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.request.user.has_perm("kader.add_sk"):
            ctx["aksi_lain"] = [(reverse("kader:sk_draft"), "Draf SK (PDF)")]
        return ctx


class SKDetailView(RincianView):
    model = SK
    permission_required = "kader.view_sk"
    template_name = "kader/sk_detail.html"

    def get_queryset(self):
        return SK.objects.all()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pengurus_list"] = (
            Pengurus.objects.visible_to(self.request.user)
            .filter(sk=self.object)
            .select_related("kader", "institusi__wilayah")
            .order_by("institusi__wilayah__kode")
        )
        return ctx


class SKBerkasView(SKDetailView):
    """The SK scan, read through the storage API (local disk or S3) after the permission check;
    never a public media URL."""

    def get(self, request, *args, **kwargs):
        sk = self.get_object()
        return unduh_berkas(sk.berkas, nama=f"sk-{slugify(sk.nomor)}.pdf", jenis="application/pdf")


class SKCreateView(BuatView):
    model = SK
    form_class = forms.SKForm
    permission_required = "kader.add_sk"
    judul = "Catat SK"
    pesan_sukses = "SK tersimpan."

    def simpan(self, form):
        return form.save()  # a single row with no workflow: the ModelForm validates it all


class SKUpdateView(UbahView):
    model = SK
    form_class = forms.SKForm
    permission_required = "kader.change_sk"
    pesan_sukses = "SK tersimpan."

    def get_queryset(self):
        return SK.objects.all()

    def simpan(self, form):
        return form.save()


class SKDraftView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """Draft of the Bupati's decree for a year, with the appendix of every board, as PDF.

    One kecamatan: the PDF is the answer (a few seconds; also by GET ?tahun=&kecamatan=).
    The whole kabupaten: one press of the same button asks for a background job
    (kader/draft_sk.py) and the page says at once what happened; the drafts made are listed
    under the form with their live progress. A GET never starts a job."""

    permission_required = "kader.add_sk"
    form_class = forms.DraftSKForm
    template_name = "kader/sk_draft.html"

    def get_form_kwargs(self):
        kwargs = {"user": self.request.user, "initial": self.get_initial()}
        if self.request.method == "POST":
            kwargs["data"] = self.request.POST
        elif "tahun" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        tahun = None
        if form.is_bound and form.is_valid():
            tahun, kec = form.cleaned_data["tahun"], form.cleaned_data["kecamatan"]
            if kec is not None:
                return self._pdf_kecamatan(tahun, kec)
        return self.render_to_response(self.get_context_data(form=form, tahun_berkas=tahun))

    def form_valid(self, form):
        tahun, kec = form.cleaned_data["tahun"], form.cleaned_data["kecamatan"]
        if kec is not None:
            return self._pdf_kecamatan(tahun, kec)
        pekerjaan = draft_sk.draft_sk_minta(tahun=tahun, oleh=self.request.user)
        kabari_permintaan(
            self.request, pekerjaan, f"Draf SK {tahun} seluruh kabupaten (versi {pekerjaan.versi})"
        )
        return redirect(f"{reverse('kader:sk_draft')}?tahun={tahun}")

    def _pdf_kecamatan(self, tahun: int, kec: Wilayah) -> HttpResponse:
        konteks = selectors.konteks_draft_sk(tahun=tahun, kecamatan=kec)
        pdf = render_pdf("kader/pdf/draft_sk.html", konteks)
        resp = HttpResponse(pdf, content_type="application/pdf")
        resp["Content-Disposition"] = (
            f'inline; filename="draf-sk-pengurus-{tahun}-{slugify(kec.nama)}.pdf"'
        )
        return resp

    def get_context_data(self, **kwargs):
        tahun = kwargs.pop("tahun_berkas", None)
        return super().get_context_data(
            judul="Draf SK Bupati tentang pengurus PPKBD/Sub-PPKBD",
            keterangan="Teks SK diambil dari Templat SK terbaru (diubah di Admin). Lampiran "
            "memuat setiap institusi aktif dan pengurus yang berlaku pada 1 Januari tahun itu.",
            tahun_berkas=tahun,
            berkas_kabupaten=draft_sk.draft_sk_daftar(tahun),
            belum_dilatih=selectors.pengurus_belum_dilatih(user=self.request.user),
            **kwargs,
        )


# Mitra ------------------------------------------------------------------------------------


class MitraListView(EksporXlsxMixin, DaftarView):
    model = Mitra
    table_class = MitraTable
    filterset_class = MitraFilter
    permission_required = "kader.view_mitra"
    judul = "Mitra"
    tambah_url = "kader:mitra_create"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("wilayah").annotate(jumlah_kontak=Count("kontak"))
        )


class MitraDetailView(RincianView):
    model = Mitra
    permission_required = "kader.view_mitra"
    template_name = "kader/mitra_detail.html"


class MitraFormMixin:
    """Mitra with its contact persons, saved together (atomic)."""

    template_name = "kader/mitra_form.html"
    pesan_sukses = "Mitra tersimpan."

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("kontak", forms.KontakFormSet(instance=getattr(self, "object", None)))
        return ctx

    def form_valid(self, form):
        kontak = forms.KontakFormSet(self.request.POST, instance=form.instance)
        if not kontak.is_valid():
            return self.render_to_response(self.get_context_data(form=form, kontak=kontak))
        with transaction.atomic():
            self.object = form.save()
            kontak.instance = self.object
            kontak.save()
        messages.success(self.request, self.pesan_sukses)
        return redirect(self.object)


class MitraCreateView(MitraFormMixin, BuatView):
    model = Mitra
    form_class = forms.MitraForm
    permission_required = "kader.add_mitra"
    judul = "Tambah mitra"


class MitraUpdateView(MitraFormMixin, UbahView):
    model = Mitra
    form_class = forms.MitraForm
    permission_required = "kader.change_mitra"
