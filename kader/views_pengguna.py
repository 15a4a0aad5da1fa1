"""Accounts of the office's users, managed in the app (kader/services_pengguna.py)."""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView

from kader import services_pengguna as sp
from kader.forms import ScopedForm, TanggalInput, WilayahChoiceField, wilayah_pilihan
from kader.models import Institusi, Penugasan, Profil, Wilayah
from kader.models.akun import Peran
from kader.services import penugasan_simpan
from kader.tables import HANYA_DESKTOP
from kader.views_base import (
    DaftarView,
    IndukAksiView,
    IndukFormView,
    JudulMixin,
    terapkan_error,
)

IZIN = "kader.kelola_pengguna"


class PenggunaFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama pengguna atau nama")
    peran = django_filters.ChoiceFilter(choices=Peran.choices)
    aktif = django_filters.BooleanFilter(field_name="user__is_active", label="Aktif")

    class Meta:
        model = Profil
        fields = ["q", "peran", "aktif"]

    def cari(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__username__icontains=value) | Q(user__first_name__icontains=value)
        )


class PenggunaTable(tables.Table):
    username = tables.Column(
        accessor="user__username",
        verbose_name="Nama pengguna",
        linkify=("kader:pengguna_update", [tables.A("pk")]),
    )
    nama = tables.Column(accessor="user__first_name", verbose_name="Nama")
    peran = tables.Column()
    wilayah = tables.Column(accessor="wilayah__nama", verbose_name="Wilayah", attrs=HANYA_DESKTOP)
    aktif = tables.BooleanColumn(accessor="user__is_active", yesno="Aktif,Nonaktif")
    masuk = tables.DateTimeColumn(
        accessor="user__last_login",
        verbose_name="Terakhir masuk",
        format="j M Y",
        attrs=HANYA_DESKTOP,
    )

    class Meta:
        model = Profil
        fields = ("username", "nama", "peran", "wilayah", "aktif", "masuk")
        empty_text = "Belum ada akun di wilayah Anda."


class PenggunaMixin:
    def peran_boleh(self):
        return sp.peran_dikelola(self.request.user)

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


class AkunForm(ScopedForm, forms.Form):
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    peran = forms.ChoiceField(label="Peran")
    wilayah = WilayahChoiceField(
        queryset=None,
        required=False,
        label="Wilayah",
        help_text="Kecamatan untuk koordinator, desa untuk PPKBD, dusun untuk Sub-PPKBD; "
        "kosong untuk Dinas dan penyuluh (desa binaan penyuluh diatur lewat penugasan).",
    )
    institusi = forms.ModelChoiceField(
        queryset=None, required=False, label="Institusi (untuk kader)"
    )
    telepon = forms.CharField(label="Telepon", max_length=20, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        boleh = sp.peran_dikelola(user)
        self.fields["peran"].choices = [(p, label) for p, label in Peran.choices if p in boleh]
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kecamatan", "desa", "kelurahan", "dusun"
        )
        self.fields["institusi"].queryset = (
            Institusi.objects.visible_to(user).filter(aktif=True).select_related("wilayah")
        )


class AkunBaruForm(AkunForm):
    tombol = "Buat akun"
    username = forms.RegexField(
        label="Nama pengguna",
        regex=r"^[a-zA-Z0-9_.-]{3,30}$",
        error_messages={"invalid": "3–30 huruf, angka, titik, garis bawah atau tanda hubung."},
        help_text="Untuk masuk; kata sandi dibuat otomatis dan ditampilkan sekali.",
    )
    field_order = ["username", "nama", "peran", "wilayah", "institusi", "telepon"]


class AkunUbahForm(AkunForm):
    aktif = forms.BooleanField(label="Akun aktif (boleh masuk)", required=False)


class PenugasanForm(ScopedForm, forms.Form):
    tombol = "Tambah desa binaan"
    desa = WilayahChoiceField(queryset=None, label="Desa/kelurahan binaan")
    mulai = forms.DateField(label="Mulai", widget=TanggalInput())
    selesai = forms.DateField(label="Selesai", widget=TanggalInput(), required=False)
    nomor_sk = forms.CharField(label="Nomor SK penugasan", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["desa"].queryset = wilayah_pilihan(user, "desa", "kelurahan")


class PenggunaCreateView(JudulMixin, LoginRequiredMixin, PermissionRequiredMixin, FormView):
    """A new account; its generated password is shown once on the next page."""

    permission_required = IZIN
    form_class = AkunBaruForm
    template_name = "generic/object_form.html"
    judul = "Akun baru"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            user, sandi = sp.akun_buat(oleh=self.request.user, **form.cleaned_data)
        except ValidationError as e:
            terapkan_error(form, e)
            return self.form_invalid(form)
        _sandi_sekali(self.request, user.profil, sandi)
        return redirect("kader:pengguna_update", pk=user.profil.pk)


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
        desa = Wilayah.objects.visible_to(self.request.user)
        return Penugasan.objects.filter(desa__in=desa).select_related("penyuluh__profil")

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
