"""Forms of the group funds. Every choice queryset belongs to the institution being edited."""

import django_filters
from django import forms
from django.db.models import Q

from imp_smart.saringan import PilihanModelFilter
from kader.filters import NILAI_WILAYAH
from kader.forms import ScopedForm, TanggalInput
from kader.models import AnggotaArisan, Institusi, Kader, KelompokArisan, TransaksiKas, Wilayah


class BulanInput(forms.DateInput):
    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m")


class BulanField(forms.DateField):
    """A month picker (YYYY-MM) whose value is the month's first day."""

    widget = BulanInput

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m", "%Y-%m-%d"], **kwargs)

    def to_python(self, value):
        nilai = super().to_python(value)
        return nilai.replace(day=1) if nilai else nilai


class TransaksiForm(ScopedForm, forms.Form):
    jenis = forms.ChoiceField(
        label="Jenis",
        choices=[
            (TransaksiKas.Jenis.PEMASUKAN_LAIN, "Pemasukan lain"),
            (TransaksiKas.Jenis.PENGELUARAN, "Pengeluaran"),
        ],
    )
    tanggal = forms.DateField(label="Tanggal", widget=TanggalInput())
    jumlah = forms.DecimalField(label="Jumlah (Rp)", min_value=1, max_digits=14, decimal_places=0)
    uraian = forms.CharField(label="Uraian", max_length=200)


class BatalTransaksiForm(ScopedForm, forms.Form):
    tombol = "Batalkan transaksi"
    alasan = forms.CharField(
        label="Alasan pembatalan",
        max_length=200,
        help_text="Mis. salah ketik jumlah, tercatat dua kali. "
        "Catat transaksi yang benar sesudahnya.",
    )


class TarifForm(ScopedForm, forms.Form):
    nominal = forms.DecimalField(
        label="Iuran per anggota per bulan (Rp)", min_value=1, max_digits=14, decimal_places=0
    )
    berlaku_mulai = BulanField(label="Berlaku mulai bulan")


class IuranBayarForm(ScopedForm, forms.Form):
    tombol = "Catat pembayaran"
    kader = forms.ModelMultipleChoiceField(
        queryset=Kader.objects.none(),
        label="Kader yang membayar",
        widget=forms.CheckboxSelectMultiple,
    )
    tanggal = forms.DateField(label="Tanggal bayar", widget=TanggalInput())
    jumlah = forms.DecimalField(
        label="Jumlah per kader (Rp)",
        min_value=1,
        max_digits=14,
        decimal_places=0,
        required=False,
        help_text="Kosongkan untuk memakai tarif yang berlaku.",
    )

    def __init__(self, *args, user, belum_bayar, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kader"].queryset = belum_bayar


class ArisanForm(ScopedForm, forms.ModelForm):
    class Meta:
        model = KelompokArisan
        fields = ["nama", "setoran"]


class AnggotaArisanForm(ScopedForm, forms.Form):
    tombol = "Tambah anggota"
    kader = forms.ModelChoiceField(
        queryset=Kader.objects.none(), required=False, label="Kader institusi"
    )
    nama = forms.CharField(label="atau nama anggota lain", max_length=120, required=False)

    def __init__(self, *args, user, kelompok: KelompokArisan, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        sudah = kelompok.anggota.exclude(kader=None).values("kader_id")
        self.fields["kader"].queryset = Kader.objects.filter(
            institusi=kelompok.institusi, aktif=True
        ).exclude(pk__in=sudah)


class SetoranForm(ScopedForm, forms.Form):
    tombol = "Catat setoran"
    anggota = forms.ModelMultipleChoiceField(
        queryset=AnggotaArisan.objects.none(),
        label="Anggota yang menyetor",
        widget=forms.CheckboxSelectMultiple,
    )
    tanggal = forms.DateField(label="Tanggal", widget=TanggalInput())

    def __init__(self, *args, user, belum_setor, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["anggota"].queryset = belum_setor


class UndiForm(ScopedForm, forms.Form):
    tombol = "Undi sekarang"
    tanggal = forms.DateField(label="Tanggal undian", widget=TanggalInput())


class KasFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari institusi/wilayah")
    jenis = django_filters.ChoiceFilter(choices=Institusi.Jenis.choices, label="Jenis")
    kecamatan = PilihanModelFilter(
        field_name="wilayah__kecamatan",
        label="Kecamatan",
        queryset=lambda r: (
            Wilayah.objects.visible_to(r.user).kecamatan() if r else Wilayah.objects.none()
        ),
        label_nilai=NILAI_WILAYAH,
    )

    class Meta:
        model = Institusi
        fields = ["q", "jenis", "kecamatan"]

    def cari(self, queryset, name, value):
        value = value.strip()
        return (
            queryset.filter(Q(nama__icontains=value) | Q(wilayah__nama__icontains=value))
            if value
            else queryset
        )


class ArisanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="nama", lookup_expr="icontains", label="Nama arisan")
    aktif = django_filters.BooleanFilter(label="Aktif")

    class Meta:
        model = KelompokArisan
        fields = ["q", "aktif"]
