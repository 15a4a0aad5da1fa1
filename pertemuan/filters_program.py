"""Filters of the programme activities; choices are restricted to the user's areas."""

import django_filters
from django.db.models import Q

from imp_smart.saringan import PilihanModelFilter
from kader.filters import NILAI_INSTITUSI, NILAI_WILAYAH
from pertemuan.filters import CEPAT, TANGGAL, _desa, _institusi, _kecamatan
from pertemuan.models import KelompokMasyarakat, PelayananKB, Sosialisasi

TINGKAT = [("desa", "Desa/dusun"), ("kecamatan", "Kecamatan"), ("kabupaten", "Kabupaten")]


def _saring_tingkat(queryset, value):
    if value == "desa":
        return queryset.filter(wilayah__tingkat__in=("desa", "kelurahan", "dusun"))
    return queryset.filter(wilayah__tingkat=value)


def _cari(queryset, *medan, value):
    value = value.strip()
    if not value:
        return queryset
    q = Q()
    for m in medan:
        q |= Q(**{f"{m}__icontains": value})
    return queryset.filter(q)


class SosialisasiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari judul/tempat")
    tanggal = django_filters.DateFromToRangeFilter(label="Tanggal", **TANGGAL)
    jenis = django_filters.ChoiceFilter(choices=Sosialisasi.Jenis.choices, label="Jenis")
    sasaran = django_filters.ChoiceFilter(choices=Sosialisasi.Sasaran.choices, label="Sasaran")
    tingkat = django_filters.ChoiceFilter(method="saring_tingkat", label="Tingkat", choices=TINGKAT)
    kecamatan = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__kecamatan",
        queryset=_kecamatan,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )

    class Meta:
        model = Sosialisasi
        fields = ["q", "tanggal", "jenis", "sasaran", "tingkat", "kecamatan"]

    def cari(self, queryset, name, value):
        return _cari(queryset, "judul", "tempat", value=value)

    def saring_tingkat(self, queryset, name, value):
        return _saring_tingkat(queryset, value)


class PelayananFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama/tempat")
    tanggal = django_filters.DateFromToRangeFilter(label="Tanggal", **TANGGAL)
    jenis = django_filters.ChoiceFilter(choices=PelayananKB.Jenis.choices, label="Jenis")
    kecamatan = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__kecamatan",
        queryset=_kecamatan,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )
    desa = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__desa",
        queryset=_desa,
        label="Desa/kelurahan",
        label_nilai=NILAI_WILAYAH,
    )

    class Meta:
        model = PelayananKB
        fields = ["q", "tanggal", "jenis", "kecamatan", "desa"]

    def cari(self, queryset, name, value):
        return _cari(queryset, "judul", "tempat", value=value)


class KelompokFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label="Nama")
    jenis = django_filters.ChoiceFilter(choices=KelompokMasyarakat.Jenis.choices, label="Jenis")
    institusi_asal = PilihanModelFilter(
        **CEPAT,
        queryset=_institusi,
        label="Institusi asal",
        label_nilai=NILAI_INSTITUSI,
    )
    desa = PilihanModelFilter(
        **CEPAT,
        field_name="wilayah__desa",
        queryset=_desa,
        label="Desa/kelurahan",
        label_nilai=NILAI_WILAYAH,
    )
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = KelompokMasyarakat
        fields = ["q", "jenis", "institusi_asal", "desa", "aktif"]
