"""Community groups (poktan BKB/BKR/BKL/UPPKA/PIK-R): list, record, members, activities."""

from django.db.models import Count, Q
from django.utils import timezone

from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.views import (
    BuatView,
    DaftarView,
    IndukFormView,
    RincianView,
    UbahView,
)
from pertemuan import forms, selectors, services
from pertemuan.filters import (
    PoktanFilter,
)
from pertemuan.models import Poktan
from pertemuan.selectors_modal import buku_modal
from pertemuan.services_modal import modal_uppka_catat
from pertemuan.tables import (
    PoktanTable,
)

# --- KIE -------------------------------------------------------------------------------------


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
            modal=buku_modal(poktan=p) if p.jenis == "uppka" else None,
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


class ModalUppkaTambahView(PoktanIndukMixin, IndukFormView):
    """Capital ledger of an UPPKA group (F/I/Dal/13 IV); other poktan kinds answer 404."""

    permission_required = "pertemuan.add_modaluppka"
    form_class = forms.ModalUppkaForm
    pesan_sukses = "Modal UPPKA dicatat."

    def induk_queryset(self):
        return super().induk_queryset().filter(jenis="uppka")

    def get_judul(self):
        return f"Catat modal: {self.induk}"

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def simpan(self, form):
        modal_uppka_catat(poktan=self.induk, oleh=self.request.user, **form.cleaned_data)


# --- training --------------------------------------------------------------------------------
