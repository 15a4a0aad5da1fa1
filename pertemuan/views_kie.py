"""KIE sessions (penyuluhan): list, record, edit, detail."""

from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.views import (
    BuatView,
    DaftarView,
    RincianView,
    UbahView,
)
from pertemuan import forms, services
from pertemuan.filters import (
    SesiKIEFilter,
)
from pertemuan.models import SesiKIE
from pertemuan.tables import (
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
