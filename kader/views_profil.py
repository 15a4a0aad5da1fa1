"""The office's identity page for the Dinas, and the letterhead emblem as an image (the preview,
pages that show the office's emblem).

An uploaded emblem is read through the storage API; without one, IMP_LAMBANG from the PDF
assets. Either way it is answered as an image that cannot run script (imp_smart.lambang).
"""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.files.storage import default_storage
from django.http import Http404
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import UpdateView

from imp_smart.daerah import identitas, lambang_bawaan
from imp_smart.lambang import respons_lambang
from imp_smart.views import JudulMixin, SimpanMixin, UserFormKwargsMixin
from kader.forms_profil import ProfilDinasForm
from kader.models import ProfilDinas
from kader.services_profil import profil_dinas_simpan


@require_GET
def lambang(request):
    nama = identitas().lambang
    if nama:
        try:
            with default_storage.open(nama, "rb") as berkas:
                return respons_lambang(nama, berkas.read())
        except OSError:
            pass  # the stored file is gone: the default emblem
    jalur = lambang_bawaan()
    try:
        return respons_lambang(jalur.name, jalur.read_bytes())
    except OSError as exc:
        raise Http404("Lambang tidak ada.") from exc


class ProfilDinasView(
    JudulMixin,
    SimpanMixin,
    LoginRequiredMixin,
    PermissionRequiredMixin,
    UserFormKwargsMixin,
    UpdateView,
):
    """The Dinas edits the office's identity (names, signer, emblem) without the admin."""

    permission_required = "kader.change_profildinas"
    form_class = ProfilDinasForm
    judul = "Profil dinas"
    pesan_sukses = "Profil dinas tersimpan."

    def get_object(self, queryset=None):
        return ProfilDinas.ambil()

    def simpan(self, form):
        return profil_dinas_simpan(profil=form.save(commit=False))

    def get_success_url(self):
        return reverse("kader:profil_dinas")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            keterangan="Nama daerah, dinas, penandatangan dan lambang pada kop surat. Isian "
            "yang dikosongkan memakai pengaturan server.",
            **kwargs,
        )
