"""Upload and download of the yearly targets (PPM, DOMAIN.md §8.5). A target file is small
(desa × methods), so it is checked and written during the request, all or nothing."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView

from imp_smart.parameter import tahun_param
from kader.scoping import wilayah_ids
from pendataan import forms
from pendataan.services_target import target_csv_teks, target_ekspor_baris, target_impor


class TargetImporView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "pendataan.add_targetmetode"
    form_class = forms.ImporForm
    template_name = "pendataan/target_impor.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        berkas = form.cleaned_data["berkas"]
        hasil = target_impor(isi=berkas.read(), nama=berkas.name, user=self.request.user)
        if not hasil.berhasil:
            form.add_error(
                "berkas",
                f"{len(hasil.kesalahan)} kesalahan; tidak ada target yang disimpan. "
                "Perbaiki baris di bawah lalu unggah lagi.",
            )
            return self.render_to_response(
                self.get_context_data(form=form, kesalahan=hasil.kesalahan)
            )
        r = hasil.ringkasan
        messages.success(self.request, f"{r['target']} target untuk {r['desa']} desa disimpan.")
        return redirect("pendataan:target_impor")


class TargetEksporView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The targets of the desa the user may see, in the import format (`?tahun=` optional)."""

    permission_required = "pendataan.view_targetmetode"

    def get(self, request):
        tahun = tahun_param(request)
        ids = wilayah_ids(request.user)
        baris = target_ekspor_baris(tahun=tahun, desa_ids=None if ids is None else list(ids))
        respons = HttpResponse(target_csv_teks(baris), content_type="text/csv; charset=utf-8")
        akhiran = f"-{tahun}" if tahun else ""
        respons["Content-Disposition"] = f'attachment; filename="target-ppm{akhiran}.csv"'
        return respons
