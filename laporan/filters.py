import django_filters
from django import forms

from imp_smart.saringan import PilihanModelFilter
from kader.filters import NILAI_WILAYAH
from kader.models import Wilayah
from laporan.models import LaporanDesa


class LaporanFilter(django_filters.FilterSet):
    bulan = django_filters.DateFilter(
        label="Bulan",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    status = django_filters.ChoiceFilter(choices=LaporanDesa.Status.choices, label="Status")
    kecamatan = PilihanModelFilter(
        field_name="desa__kecamatan",
        label="Kecamatan",
        queryset=lambda request: Wilayah.objects.kecamatan().filter(
            pk__in=Wilayah.objects.desa().visible_to(request.user).values("kecamatan_id")
        ),
        label_nilai=NILAI_WILAYAH,
    )
    q = django_filters.CharFilter(method="cari", label="Cari desa")

    class Meta:
        model = LaporanDesa
        fields = ["bulan", "status", "kecamatan", "q"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(desa__nama__icontains=value) if value else queryset
