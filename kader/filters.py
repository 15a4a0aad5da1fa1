"""Filters of the kader app; choices are restricted to the user's areas."""

import django_filters
from django.db.models import Q

from imp_smart.parameter import TahunFilter
from imp_smart.saringan import PilihanModelFilter
from kader.cari_nik import CariNikFilterSet
from kader.models import SK, Institusi, Kader, Mitra, Peran, Profil, Wilayah
from kader.models.organisasi import LABEL_JENIS
from kader.models.wilayah import LABEL_TINGKAT


def _label_wilayah(nama: str, tingkat: str) -> str:
    if tingkat == Wilayah.Tingkat.DUSUN:
        return f"Dusun {nama}"
    if tingkat == Wilayah.Tingkat.KABUPATEN:
        return nama
    return f"{LABEL_TINGKAT.get(tingkat, tingkat)} {nama}"


def _label_institusi(nama: str, jenis: str) -> str:
    label = str(LABEL_JENIS.get(jenis, jenis))
    return nama if nama.lower().startswith(label.lower()) else f"{label} {nama}"


# Option labels of the filters' model choices from plain values (imp_smart.saringan): what
# str() of a Wilayah, an Institusi and a Kader gives (tests/kader/test_saringan_pilihan.py).
NILAI_WILAYAH = (("nama", "tingkat"), _label_wilayah)
NILAI_INSTITUSI = (("nama", "jenis"), _label_institusi)
NILAI_KADER = (("nama",), str)


def _kecamatan_terlihat(request):
    return (
        Wilayah.objects.visible_to(request.user).kecamatan() if request else Wilayah.objects.none()
    )


def _institusi_terlihat(request):
    return Institusi.objects.visible_to(request.user) if request else Institusi.objects.none()


class InstitusiFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama/wilayah")
    kecamatan = PilihanModelFilter(
        field_name="wilayah__kecamatan",
        queryset=_kecamatan_terlihat,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = Institusi
        fields = ["q", "jenis", "klasifikasi", "kecamatan", "aktif"]

    def cari(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(nama__icontains=value) | Q(wilayah__nama__icontains=value))


class KaderFilter(CariNikFilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama atau NIK lengkap")
    # A NIK search travels as its keyed hash `nik_token` (kader.cari_nik), never in the URL.
    institusi = PilihanModelFilter(
        queryset=_institusi_terlihat, label="Institusi", label_nilai=NILAI_INSTITUSI
    )
    kecamatan = PilihanModelFilter(
        field_name="institusi__wilayah__kecamatan",
        queryset=_kecamatan_terlihat,
        label="Kecamatan",
        label_nilai=NILAI_WILAYAH,
    )
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = Kader
        fields = ["q", "nik_token", "institusi", "kecamatan", "jenis_kelamin", "aktif"]

    def cari(self, queryset, name, value):
        if (hasil := self.cari_nik(queryset, value)) is not None:  # a full NIK: its keyed hash
            return hasil
        return queryset.filter(nama__icontains=value.strip()) if value.strip() else queryset


class SKFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nomor/perihal")
    tahun = TahunFilter(field_name="berlaku_mulai__year", label="Tahun berlaku")

    class Meta:
        model = SK
        fields = ["q", "tahun"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(nomor__icontains=value) | Q(tentang__icontains=value))


class MitraFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label="Cari nama")

    class Meta:
        model = Mitra
        fields = ["q", "jenis", "aktif"]


class WilayahFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama/kode")
    kecamatan = PilihanModelFilter(
        queryset=_kecamatan_terlihat, label="Kecamatan", label_nilai=NILAI_WILAYAH
    )
    tingkat = django_filters.ChoiceFilter(choices=Wilayah.Tingkat.choices, label="Tingkat")

    class Meta:
        model = Wilayah
        fields = ["q", "tingkat", "kecamatan"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(nama__icontains=value) | Q(kode__startswith=value))


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
