"""Filters of the pendataan app; area choices are restricted to the user's areas."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from imp_smart.saringan import PilihanModelFilter
from imp_smart.widgets import PilihanCepat
from kader.cari_nik import CariNikFilterSet
from kader.filters import NILAI_WILAYAH
from kader.models import Wilayah
from kader.scoping import SEMUA, lihat_semua
from pendataan.cari import cari_nama, saring_id
from pendataan.indikator import METODE, MKJP
from pendataan.models import Anggota, Impor, Keluarga, TahapanKS
from pendataan.selectors import awal_bulan, pus_bulan

BATAS_ID_CARI = 2000
STATUS_PUS = [
    ("pus", "Punya PUS"),
    ("mkjp", "PUS ber-KB MKJP"),
    ("non_mkjp", "PUS ber-KB non-MKJP"),
    ("hamil", "PUS hamil"),
    ("unmet", "Unmet need (IAT/TIAL)"),
    ("ias", "PUS IAS"),
    ("tanpa", "PUS tanpa status"),
    ("bukan", "Tidak ada PUS"),
]
STATUS_KELOMPOK = {
    "mkjp": sorted(MKJP),
    "non_mkjp": [m for m in METODE if m not in MKJP],
    "hamil": ["HAMIL"],
    "unmet": ["IAT", "TIAL"],
    "ias": ["IAS"],
}


def _wilayah(request, *tingkat):
    if request is None:
        return Wilayah.objects.none()
    return Wilayah.objects.visible_to(request.user).filter(tingkat__in=tingkat).order_by("kode")


def _dusun(request):
    """Dusun of the chosen desa; without a desa only for users limited to a few areas (the
    kabupaten has ~726 dusun: a select that long makes the page slow and useless)."""
    qs = _wilayah(request, "dusun")
    if request is None:
        return qs
    desa = request.GET.get("desa", "")
    if desa.isdigit():
        return qs.filter(desa_id=int(desa))
    return qs.none() if lihat_semua(request.user) else qs


class KeluargaFilter(CariNikFilterSet):
    q = django_filters.CharFilter(method="cari", label="Cari nama, NIK atau no KK lengkap")
    # A NIK/no KK search travels as its keyed hash `nik_token` (kader.cari_nik).
    kecamatan = PilihanModelFilter(
        field_name="desa__kecamatan",
        label="Kecamatan",
        queryset=lambda r: _wilayah(r, "kecamatan"),
        label_nilai=NILAI_WILAYAH,
    )
    desa = PilihanModelFilter(
        label="Desa/kelurahan",
        queryset=lambda r: _wilayah(r, "desa", "kelurahan"),
        label_nilai=NILAI_WILAYAH,
    )
    dusun = PilihanModelFilter(
        label="Dusun", queryset=lambda r: _dusun(r), label_nilai=NILAI_WILAYAH
    )
    rt = django_filters.CharFilter(label="RT")
    tahapan_ks = django_filters.ChoiceFilter(
        label="Tahapan KS", choices=TahapanKS.choices, widget=PilihanCepat
    )
    status_pus = django_filters.ChoiceFilter(
        label="Status PUS bulan ini", choices=STATUS_PUS, method="saring_pus", widget=PilihanCepat
    )

    class Meta:
        model = Keluarga
        fields = ["q", "nik_token", "kecamatan", "desa", "dusun", "rt", "tahapan_ks", "status_pus"]

    def cari_per_hash(self, queryset, h: str):
        # Ids first: "no_kk_hash = h OR pk IN (subquery)" would scan every family.
        ids = list(Anggota.objects.filter(nik_hash=h).values_list("keluarga_id", flat=True))
        return queryset.filter(Q(no_kk_hash=h) | Q(pk__in=ids))

    def cari(self, queryset, name, value):
        if (hasil := self.cari_nik(queryset, value)) is not None:  # full NIK or no KK
            return hasil
        value = " ".join(value.split())
        if not value:
            return queryset
        # The head of family is a member too: searching members finds families by either.
        # A user limited to some areas searches their members only (the queryset is scoped
        # the same way: the ids found are inside it).
        user = getattr(self.request, "user", None)
        pengguna = user if user is not None and not lihat_semua(user) else None
        hasil = cari_nama(value, BATAS_ID_CARI, pengguna=pengguna)
        # Past BATAS_ID_CARI families (or not known) the list caps its count at that number
        # (KeluargaListView.batas_hitung); `jumlah_cocok`: the matching families of the user's
        # areas when known (KeluargaListView.jumlah_diketahui).
        self.batas_hitung = None if isinstance(hasil.keluarga, list) else BATAS_ID_CARI
        self.jumlah_cocok = hasil.jumlah
        if isinstance(hasil.keluarga, list):
            return saring_id(queryset, hasil.keluarga)
        return queryset.filter(pk__in=hasil.keluarga)

    def saring_pus(self, queryset, name, value):
        pus = pus_bulan(bulan=awal_bulan(timezone.localdate()), desa_ids=SEMUA)  # qs is scoped
        if value == "bukan":
            return queryset.exclude(pk__in=pus.values("keluarga_id"))
        if value == "tanpa":
            pus = pus.filter(status_kb__isnull=True)
        elif value in STATUS_KELOMPOK:
            pus = pus.filter(status_kb__in=STATUS_KELOMPOK[value])
        return queryset.filter(pk__in=pus.values("keluarga_id"))


class ImporFilter(django_filters.FilterSet):
    class Meta:
        model = Impor
        fields = ["jenis", "status"]
