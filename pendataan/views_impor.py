"""Upload pages of the imports: the page returns at once, a Celery task does the work (a job of
imp_smart/jobs.py) and the detail page polls its progress (static/js/pekerjaan.js)."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView

from imp_smart.views import DaftarView
from kader.scoping import lihat_semua
from pendataan import forms, impor
from pendataan.filters import ImporFilter
from pendataan.models import Impor
from pendataan.tables import ImporTable


class ImporListView(DaftarView):
    model = Impor
    teks_kosong = "Belum ada impor. Tekan Tambah untuk mengunggah berkas."
    teks_kosong_saringan = "Tidak ada impor yang cocok dengan saringan ini."
    table_class = ImporTable
    filterset_class = ImporFilter
    permission_required = "pendataan.view_impor"
    judul = "Impor data"
    tambah_url = "pendataan:impor_create"

    def get_queryset(self):
        qs = Impor.objects.select_related("oleh")
        user = self.request.user
        if not lihat_semua(user):
            qs = qs.filter(oleh=user)
        return qs


class ImporCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "pendataan.add_impor"
    form_class = forms.ImporForm
    template_name = "pendataan/impor_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        jenis = self.request.POST.get("jenis")
        if jenis not in Impor.Jenis.values:
            form.add_error(None, "Pilih jenis data.")
            return self.form_invalid(form)
        job = impor.impor_buat(
            jenis=jenis, berkas=form.cleaned_data["berkas"], oleh=self.request.user
        )
        return redirect(job)


class ImporMilikMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "pendataan.view_impor"

    def get_queryset(self):
        qs = Impor.objects.all()
        if not lihat_semua(self.request.user):
            qs = qs.filter(oleh=self.request.user)
        return qs


class ImporDetailView(ImporMilikMixin, DetailView):
    model = Impor
    template_name = "pendataan/impor_detail.html"


class ImporKesalahanView(ImporMilikMixin, DetailView):
    """Errors of an import as CSV (baris, kolom, pesan)."""

    model = Impor

    def render_to_response(self, context):
        resp = HttpResponse(impor.kesalahan_csv(self.object), content_type="text/csv")
        resp["Content-Disposition"] = f'attachment; filename="kesalahan-impor-{self.object.pk}.csv"'
        return resp
