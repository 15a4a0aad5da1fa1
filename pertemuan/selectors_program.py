"""Reads of the programme activities (pertemuan/models/program.py).

`program_desa` counts a month's KB service events, acceptors served and sosialisasi per desa
(DOMAIN.md §8.6, §10) in a fixed number of queries, as `pertemuan.selectors.kegiatan_desa` does
for the report; `kontribusi_mitra` is the partner page's list and yearly sums (through the
kader.panel "mitra_detail" fragment); `pohon_kelompok` the snowball tree per institution."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear

from imp_smart.bulan import akhir_bulan, awal_bulan
from kader.models import Institusi, Mitra, Wilayah
from kader.scoping import Semua, lihat_semua, wilayah_saring
from pendataan.indikator import METODE
from pertemuan.models import (
    AkseptorPelayanan,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    Sosialisasi,
)

KOLOM_PROGRAM = ["pelayanan_kb", "akseptor_dilayani", "sosialisasi"]


def program_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict[str, int]]:
    """Per desa id, the month's pelayanan_kb (KB service events held in the desa or one of its
    dusun), akseptor_dilayani (acceptors served at them, register and anonymous) and
    sosialisasi (events organised in the desa or a dusun; kecamatan and kabupaten events
    belong to no desa). Every requested desa present, zeros included. Three queries."""
    awal = awal_bulan(bulan)
    akhir = akhir_bulan(awal)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: every desa
    if ids is None:
        ids = list(Wilayah.objects.desa().values_list("pk", flat=True))
    hasil = {pk: dict.fromkeys(KOLOM_PROGRAM, 0) for pk in ids}
    if not ids:
        return hasil
    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir, "wilayah__desa_id__in": ids}
    for desa_id, n in (
        PelayananKB.objects.filter(**rentang)
        .order_by()
        .values("wilayah__desa_id")
        .annotate(n=Count("pk"))
        .values_list("wilayah__desa_id", "n")
    ):
        hasil[desa_id]["pelayanan_kb"] = n
    for desa_id, n in (
        AkseptorPelayanan.objects.filter(**{f"pelayanan__{k}": v for k, v in rentang.items()})
        .order_by()
        .values("pelayanan__wilayah__desa_id")
        .annotate(n=Sum("jumlah"))
        .values_list("pelayanan__wilayah__desa_id", "n")
    ):
        hasil[desa_id]["akseptor_dilayani"] = n or 0
    for desa_id, n in (
        Sosialisasi.objects.filter(**rentang)
        .order_by()
        .values("wilayah__desa_id")
        .annotate(n=Count("pk"))
        .values_list("wilayah__desa_id", "n")
    ):
        hasil[desa_id]["sosialisasi"] = n
    return hasil


# --- KB service events -----------------------------------------------------------------------


def akseptor_ringkas(*, pelayanan: PelayananKB) -> dict:
    """The acceptors of one event: per method (report order, only methods served), per cadre
    who brought them, and the total; register women listed by name. Two queries."""
    per_metode = dict(
        pelayanan.akseptor.order_by()
        .values("metode")
        .annotate(n=Sum("jumlah"))
        .values_list("metode", "n")
    )
    per_kader = list(
        pelayanan.akseptor.order_by()
        .values("kader_id", nama=F("kader__nama"))
        .annotate(n=Sum("jumlah"))
        .order_by("-n", "nama")
    )
    return {
        "per_metode": [(m, per_metode[m]) for m in METODE if per_metode.get(m)],
        "per_kader": per_kader,
        "total": sum(per_metode.values()),
    }


def akseptor_baris(*, pelayanan: PelayananKB) -> QuerySet[AkseptorPelayanan]:
    return pelayanan.akseptor.select_related("anggota", "kader").order_by("anggota_id", "pk")


# --- partners --------------------------------------------------------------------------------


def _keterlibatan_terlihat(user, qs: QuerySet[KeterlibatanMitra]) -> QuerySet[KeterlibatanMitra]:
    """Rows whose activity the user may read (own areas and the areas above)."""
    if lihat_semua(user):
        return qs
    ids = Wilayah.objects.visible_to(user, atas=True).values("pk")
    return qs.filter(
        Q(pertemuan__wilayah__in=ids)
        | Q(sesi_kie__wilayah__in=ids)
        | Q(sosialisasi__wilayah__in=ids)
        | Q(pelayanan__wilayah__in=ids)
    )


def _tanggal_kegiatan():
    return Coalesce(
        "pertemuan__tanggal", "sesi_kie__tanggal", "sosialisasi__tanggal", "pelayanan__tanggal"
    )


def kontribusi_mitra(*, mitra: Mitra, user, batas: int = 50) -> dict:
    """A partner's contribution: its latest activities (each with role, people reached and
    acceptors mobilised) and the sums per year (activities, people reached, acceptors
    mobilised), over the activities the user may read. Two queries."""
    qs = _keterlibatan_terlihat(user, KeterlibatanMitra.objects.filter(mitra=mitra)).annotate(
        tanggal=_tanggal_kegiatan()
    )
    baris = list(
        qs.select_related("pertemuan", "sesi_kie", "sosialisasi", "pelayanan").order_by(
            "-tanggal", "-pk"
        )[:batas]
    )
    per_tahun = list(
        qs.order_by()
        .annotate(tahun=ExtractYear("tanggal"))
        .values("tahun")
        .annotate(
            kegiatan=Count("pertemuan", distinct=True)
            + Count("sesi_kie", distinct=True)
            + Count("sosialisasi", distinct=True)
            + Count("pelayanan", distinct=True),
            terjangkau=Sum("jumlah_terjangkau"),
            akseptor=Sum("jumlah_akseptor"),
        )
        .order_by("-tahun")
    )
    return {"baris": baris, "per_tahun": per_tahun}


def mitra_kegiatan(*, kegiatan) -> QuerySet[KeterlibatanMitra]:
    """The partners of one activity, for its detail page."""
    return kegiatan.mitra_terlibat.select_related("mitra").order_by("mitra__nama", "peran")


# --- snowball community groups ---------------------------------------------------------------


def pohon_kelompok(*, user, institusi_ids: Iterable[int] | None = None) -> list[dict]:
    """The trees of community groups grown from each institution the user may see:
    [{"institusi": Institusi, "akar": [node, ...], "jumlah": n, "anggota": total members}],
    node = {"kelompok": KelompokMasyarakat, "cabang": [node, ...], "kedalaman": d}. Two queries
    whatever the size. A group whose parent is outside the user's view becomes a root."""
    kelompok = (
        KelompokMasyarakat.objects.visible_to(user)
        .select_related("wilayah", "kader")
        .order_by("tanggal_mulai", "nama")
    )
    if institusi_ids is not None:
        kelompok = kelompok.filter(institusi_asal_id__in=list(institusi_ids))
    kelompok = list(kelompok)
    ada = {k.pk for k in kelompok}
    anak: dict[int | None, list[KelompokMasyarakat]] = defaultdict(list)
    per_institusi: dict[int, list[KelompokMasyarakat]] = defaultdict(list)
    for k in kelompok:
        induk = k.induk_id if k.induk_id in ada else None
        if induk is None:
            per_institusi[k.institusi_asal_id].append(k)
        else:
            anak[induk].append(k)

    def simpul(k: KelompokMasyarakat, d: int, dilihat: set) -> dict:
        dilihat.add(k.pk)
        return {
            "kelompok": k,
            "kedalaman": d,
            "cabang": [simpul(c, d + 1, dilihat) for c in anak[k.pk] if c.pk not in dilihat],
        }

    institusi = Institusi.objects.filter(pk__in=per_institusi).select_related("wilayah")
    hasil = []
    for i in sorted(institusi, key=lambda i: (i.wilayah.kode, i.nama)):
        dilihat: set[int] = set()
        akar = [simpul(k, 0, dilihat) for k in per_institusi[i.pk]]
        anggota = sum(k.jumlah_anggota for k in kelompok if k.pk in dilihat)
        hasil.append({"institusi": i, "akar": akar, "jumlah": len(dilihat), "anggota": anggota})
    return hasil


def ratakan_pohon(akar: list[dict]) -> list[dict]:
    """A tree as a flat list in display order (each node keeps its depth), for templates."""
    hasil = []

    def jalan(n):
        hasil.append(n)
        for c in n["cabang"]:
            jalan(c)

    for n in akar:
        jalan(n)
    return hasil
