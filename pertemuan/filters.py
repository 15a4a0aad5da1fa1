"""Filters of the pertemuan app; choices are restricted to the user's areas."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from imp_smart.saringan import PilihanModelFilter
from imp_smart.widgets import PilihanCepat
from kader.filters import NILAI_INSTITUSI, NILAI_KADER, NILAI_WILAYAH
from kader.models import Institusi, Kader, Wilayah
from pertemuan.models import (
    JenisPoktan,
    Konseling,
    Pelatihan,
    Pertemuan,
    Poktan,
    SesiKIE,
    TindakLanjut,
    TopikKIE,
)

CEPAT = {"widget": PilihanCepat(attrs={"class": "form-select"})}
TANGGAL = {"widget": django_filters.widgets.DateRangeWidget(attrs={"type": "date"})}


def _kecamatan(request):
    return (
        Wilayah.objects.visible_to(request.user).kecamatan() if request else Wilayah.objects.none()
    )


def _desa(request):
    return (
        Wilayah.objects.visible_to(request.user).desa().order_by("nama")
        if request
        else Wilayah.objects.none()
    )


def _institusi(request):
    return Institusi.objects.visible_to(request.user) if request else Institusi.objects.none()


def _kader(request):
    return Kader.objects.visible_to(request.user) if request else Kader.objects.none()


class PertemuanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari judul/tempat")
    tanggal = django_filters.DateFromToRangeFilter(label="Tanggal", **TANGGAL)
    tingkat = django_filters.ChoiceFilter(
        method="saring_tingkat",
        label="Tingkat",
        choices=[("desa", "Desa/dusun"), ("kecamatan", "Kecamatan"), ("kabupaten", "Kabupaten")],
    )
    kecamatan = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__kecamatan",
        queryset=_kecamatan,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )
    institusi = PilihanModelFilter(
        **CEPAT, queryset=_institusi, label="Institusi", label_nilai=NILAI_INSTITUSI
    )

    class Meta:
        model = Pertemuan
        fields = ["q", "tanggal", "tingkat", "kecamatan", "institusi"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(judul__icontains=value) | Q(tempat__icontains=value))
            if value
            else queryset
        )

    def saring_tingkat(self, queryset, name, value):
        if value == "desa":
            return queryset.filter(wilayah__tingkat__in=("desa", "kelurahan", "dusun"))
        return queryset.filter(wilayah__tingkat=value)


class TindakLanjutFilter(django_filters.FilterSet):
    keadaan = django_filters.ChoiceFilter(
        method="saring_keadaan",
        label="Keadaan",
        empty_label="Semua",
        choices=[("terlambat", "Terlambat"), ("terbuka", "Belum selesai")],
    )
    status = django_filters.ChoiceFilter(choices=TindakLanjut.Status.choices, label="Status")
    batas_waktu = django_filters.DateFromToRangeFilter(label="Batas waktu", **TANGGAL)
    kecamatan = PilihanModelFilter(
        **CEPAT,
        field_name="masalah__pertemuan__wilayah__kecamatan",
        queryset=_kecamatan,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )

    class Meta:
        model = TindakLanjut
        fields = ["keadaan", "status", "batas_waktu", "kecamatan"]

    def saring_keadaan(self, queryset, name, value):
        if value == "terlambat":
            return queryset.terlambat(timezone.localdate())
        return queryset.terbuka() if value == "terbuka" else queryset


class SesiKIEFilter(django_filters.FilterSet):
    tanggal = django_filters.DateFromToRangeFilter(label="Tanggal", **TANGGAL)
    topik = django_filters.ChoiceFilter(choices=TopikKIE.choices, label="Topik")
    desa = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__desa",
        queryset=_desa,
        label="Desa/kelurahan",
        label_nilai=NILAI_WILAYAH,
    )

    dipimpin_oleh = django_filters.ChoiceFilter(
        choices=SesiKIE.Pemimpin.choices, label="Dipimpin oleh"
    )
    media_kie = django_filters.ChoiceFilter(choices=SesiKIE.Media.choices, label="Media")

    class Meta:
        model = SesiKIE
        fields = ["tanggal", "topik", "sasaran", "desa", "dipimpin_oleh", "media_kie"]


class KonselingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        field_name="anggota__nama", lookup_expr="icontains", label="Nama PUS"
    )
    tanggal = django_filters.DateFromToRangeFilter(label="Tanggal", **TANGGAL)
    hasil = django_filters.ChoiceFilter(choices=Konseling.Hasil.choices, label="Hasil")
    kader = PilihanModelFilter(**CEPAT, queryset=_kader, label="Kader", label_nilai=NILAI_KADER)
    desa = PilihanModelFilter(
        **CEPAT, queryset=_desa, label="Desa/kelurahan", label_nilai=NILAI_WILAYAH
    )

    class Meta:
        model = Konseling
        fields = ["q", "tanggal", "hasil", "topik", "kader", "desa"]


class PoktanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label="Nama")
    jenis = django_filters.ChoiceFilter(choices=JenisPoktan.choices, label="Jenis")
    desa = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__desa",
        queryset=_desa,
        label="Desa/kelurahan",
        label_nilai=NILAI_WILAYAH,
    )
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = Poktan
        fields = ["q", "jenis", "desa", "aktif"]


class PelatihanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari judul/penyelenggara")
    jenis = django_filters.ChoiceFilter(choices=Pelatihan.Jenis.choices, label="Jenis")
    tanggal_mulai = django_filters.DateFromToRangeFilter(label="Tanggal mulai", **TANGGAL)

    class Meta:
        model = Pelatihan
        fields = ["q", "jenis", "tanggal_mulai"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(judul__icontains=value) | Q(penyelenggara__icontains=value))
            if value
            else queryset
        )


class KaderBelumDilatihFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label="Nama")
    institusi = PilihanModelFilter(
        **CEPAT, queryset=_institusi, label="Institusi", label_nilai=NILAI_INSTITUSI
    )
    kecamatan = PilihanModelFilter(
        **CEPAT,
        field_name="institusi__wilayah__kecamatan",
        queryset=_kecamatan,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )

    class Meta:
        model = Kader
        fields = ["q", "institusi", "kecamatan"]
