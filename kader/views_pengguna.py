"""Accounts of the office's users, managed in the app (kader/services_pengguna.py)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from imp_smart.views import (
    DaftarView,
    IndukAksiView,
    IndukFormView,
    JudulMixin,
    SimpanMixin,
    UserFormKwargsMixin,
)
from kader import services_pengguna as sp
from kader.filters import PenggunaFilter
from kader.forms import AkunBaruForm, AkunUbahForm, PenugasanForm
from kader.models import Penugasan, Profil
from kader.models.akun import Peran, peran_dikelola
from kader.services import penugasan_simpan
from kader.tables import PenggunaTable

IZIN = "kader.kelola_pengguna"


class PenggunaMixin:
    def peran_boleh(self):
        return peran_dikelola(self.request.user)

    def profil_queryset(self):
        return (
            Profil.objects.visible_to(self.request.user)
            .filter(peran__in=self.peran_boleh())
            .select_related("user", "wilayah", "institusi")
        )


class PenggunaListView(PenggunaMixin, DaftarView):
    model = Profil
    table_class = PenggunaTable
    filterset_class = PenggunaFilter
    permission_required = IZIN
    judul = "Akun pengguna"
    tambah_url = "kader:pengguna_create"
    tambah_perm = IZIN

    def get_queryset(self):
        return self.profil_queryset().order_by("peran", "user__username")


class PenggunaCreateView(
    JudulMixin,
    LoginRequiredMixin,
    PermissionRequiredMixin,
    UserFormKwargsMixin,
    SimpanMixin,
    FormView,
):
    """A new account; its generated password is shown once on the next page."""

    permission_required = IZIN
    form_class = AkunBaruForm
    judul = "Akun baru"
    pesan_sukses = "Akun dibuat."

    def simpan(self, form):
        user, sandi = sp.akun_buat(oleh=self.request.user, **form.cleaned_data)
        _sandi_sekali(self.request, user.profil, sandi)
        return user.profil

    def get_success_url(self):
        return reverse("kader:pengguna_update", args=[self.object.pk])


class PenggunaUpdateView(PenggunaMixin, IndukFormView):
    permission_required = IZIN
    form_class = AkunUbahForm
    pesan_sukses = "Akun tersimpan."
    template_name = "kader/pengguna_form.html"

    def induk_queryset(self):
        return self.profil_queryset()

    def get_judul(self):
        return f"Akun {self.induk.user.username}"

    def get_initial(self):
        p = self.induk
        return {
            "nama": p.user.first_name,
            "peran": p.peran,
            "wilayah": p.wilayah_id,
            "institusi": p.institusi_id,
            "telepon": p.telepon,
            "aktif": p.user.is_active,
        }

    def get_context_data(self, **kwargs):
        p, user = self.induk, self.request.user
        penugasan = None
        if p.peran == Peran.PENYULUH and user.has_perm("kader.add_penugasan"):
            penugasan = {
                "daftar": Penugasan.objects.filter(penyuluh=p.user).select_related("desa"),
                "form": PenugasanForm(
                    user=user, initial={"mulai": timezone.localdate()}, auto_id="pg_%s"
                ),
                "url": reverse("kader:pengguna_penugasan", args=[p.pk]),
                "hari_ini": timezone.localdate(),
            }
        return super().get_context_data(
            sandi_url=reverse("kader:pengguna_sandi", args=[p.pk]), penugasan=penugasan, **kwargs
        )

    def simpan(self, form):
        return sp.akun_ubah(oleh=self.request.user, profil=self.induk, **form.cleaned_data)

    def get_success_url(self):
        return reverse("kader:pengguna_list")


class PenugasanTambahView(PenggunaMixin, IndukFormView):
    """A penyuluh's desa binaan (Dinas): from that day the desa is in the penyuluh's scope."""

    permission_required = "kader.add_penugasan"
    form_class = PenugasanForm
    pesan_sukses = "Desa binaan ditambahkan."

    def induk_queryset(self):
        return self.profil_queryset().filter(peran=Peran.PENYULUH)

    def get_judul(self):
        return f"Desa binaan {self.induk.user.username}"

    def simpan(self, form):
        return penugasan_simpan(penyuluh=self.induk.user, **form.cleaned_data)

    def get_success_url(self):
        return reverse("kader:pengguna_update", args=[self.induk.pk])


class PenugasanAkhiriView(IndukAksiView):
    """End an assignment today (the penyuluh keeps the desa until the end of the day)."""

    permission_required = "kader.change_penugasan"
    pesan_sukses = "Penugasan diakhiri."

    def induk_queryset(self):
        return Penugasan.objects.visible_to(self.request.user).select_related("penyuluh__profil")

    def aksi(self):
        sp.penugasan_akhiri(penugasan=self.induk, selesai=timezone.localdate())

    def get_success_url(self):
        return reverse("kader:pengguna_update", args=[self.induk.penyuluh.profil.pk])


class PenggunaSandiView(PenggunaMixin, IndukAksiView):
    """POST: a new generated password, shown once."""

    permission_required = IZIN

    def induk_queryset(self):
        return self.profil_queryset()

    def post(self, request, *args, **kwargs):
        sandi = sp.sandi_atur_ulang(oleh=request.user, profil=self.induk)
        _sandi_sekali(request, self.induk, sandi)
        return redirect("kader:pengguna_update", pk=self.induk.pk)


def _sandi_sekali(request, profil, sandi: str) -> None:
    messages.warning(
        request,
        f"Kata sandi {profil.user.username}: {sandi} — berikan kepada pemiliknya sekarang; "
        "kata sandi ini tidak ditampilkan lagi. Minta ia menggantinya setelah masuk "
        "(menu akun › Ganti kata sandi).",
    )
