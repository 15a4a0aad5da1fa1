"""Reads of the pertemuan app. `kegiatan_desa` is THE place that counts a month's activities per
desa for the monthly report (laporan); the pages use the other selectors."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import TruncMonth

from kader.models import Institusi, Kader, Wilayah
from kader.scoping import SEMUA, Semua, wilayah_saring
from pendataan.indikator import METODE, persen
from pendataan.models import Anggota, Keluarga, PerubahanStatus
from pendataan.selectors import akhir_bulan, awal_bulan, geser_bulan, kurangi_tahun, pus_bulan
from pertemuan.models import (
    HadirUndangan,
    KegiatanPoktan,
    Konseling,
    Pelatihan,
    Pertemuan,
    PesertaPelatihan,
    Poktan,
    SesiKIE,
    TindakLanjut,
)

KOLOM_KEGIATAN = [
    "pertemuan",
    "hadir_kader",
    "hadir_undangan",
    "kie_sesi",
    "kie_peserta_l",
    "kie_peserta_p",
    "konseling",
    "rujukan",
    "bersedia_kb",
    "poktan_bkb",
    "poktan_bkr",
    "poktan_bkl",
    "poktan_uppka",
    "poktan_pikr",
    "pelatihan",
    "institusi_ada",
    "institusi_lapor",
]


def _isi(hasil: dict, baris: Iterable[tuple], kolom: str) -> None:
    for desa_id, n in baris:
        if desa_id in hasil:
            hasil[desa_id][kolom] = n or 0


def _per_desa(qs: QuerySet, desa: str, agregat) -> Iterable[tuple]:
    return qs.order_by().values(desa).annotate(n=agregat).values_list(desa, "n")


def kegiatan_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict[str, int]]:
    """Per desa id, the month's activity counts: pertemuan, hadir_kader, hadir_undangan,
    kie_sesi, kie_peserta_l, kie_peserta_p, konseling, rujukan, bersedia_kb, poktan_bkb,
    poktan_bkr, poktan_bkl, poktan_uppka, poktan_pikr (activities held), pelatihan (trainings
    with a participant from the desa), institusi_ada, institusi_lapor (institutions with any
    activity that month). Every requested desa present, zeros included.

    A meeting or session held in a dusun counts for its desa. About a dozen queries, whatever
    the number of desa."""
    awal = awal_bulan(bulan)
    akhir = akhir_bulan(awal)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: every desa
    if ids is None:
        ids = list(Wilayah.objects.desa().values_list("pk", flat=True))
    hasil = {pk: dict.fromkeys(KOLOM_KEGIATAN, 0) for pk in ids}
    if not ids:
        return hasil
    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir}

    pertemuan = Pertemuan.objects.filter(wilayah__desa_id__in=ids, **rentang)
    _isi(hasil, _per_desa(pertemuan, "wilayah__desa_id", Count("pk")), "pertemuan")
    hadir = Pertemuan.kader_hadir.through.objects.filter(pertemuan__in=pertemuan)
    _isi(hasil, _per_desa(hadir, "pertemuan__wilayah__desa_id", Count("pk")), "hadir_kader")
    undangan = HadirUndangan.objects.filter(pertemuan__in=pertemuan)
    _isi(hasil, _per_desa(undangan, "pertemuan__wilayah__desa_id", Sum("jumlah")), "hadir_undangan")

    kie = (
        SesiKIE.objects.filter(wilayah__desa_id__in=ids, **rentang)
        .order_by()
        .values("wilayah__desa_id")
        .annotate(n=Count("pk"), l=Sum("peserta_l"), p=Sum("peserta_p"))
    )
    for r in kie:
        baris = hasil[r["wilayah__desa_id"]]
        baris["kie_sesi"], baris["kie_peserta_l"], baris["kie_peserta_p"] = r["n"], r["l"], r["p"]

    konseling = (
        Konseling.objects.filter(desa_id__in=ids, **rentang)
        .order_by()
        .values("desa_id")
        .annotate(
            n=Count("pk"),
            rujuk=Count("pk", filter=Q(hasil="dirujuk")),
            bersedia=Count("pk", filter=Q(hasil="bersedia")),
        )
    )
    for r in konseling:
        baris = hasil[r["desa_id"]]
        baris["konseling"], baris["rujukan"], baris["bersedia_kb"] = (
            r["n"],
            r["rujuk"],
            r["bersedia"],
        )

    kegiatan = (
        KegiatanPoktan.objects.filter(poktan__wilayah__desa_id__in=ids, **rentang)
        .order_by()
        .values("poktan__wilayah__desa_id", "poktan__jenis")
        .annotate(n=Count("pk"))
    )
    for r in kegiatan:
        hasil[r["poktan__wilayah__desa_id"]][f"poktan_{r['poktan__jenis']}"] = r["n"]

    peserta = PesertaPelatihan.objects.filter(
        kader__institusi__wilayah__desa_id__in=ids,
        pelatihan__tanggal_mulai__gte=awal,
        pelatihan__tanggal_mulai__lte=akhir,
    )
    _isi(
        hasil,
        _per_desa(peserta, "kader__institusi__wilayah__desa_id", Count("pelatihan", distinct=True)),
        "pelatihan",
    )

    institusi = Institusi.objects.filter(aktif=True, wilayah__desa_id__in=ids)
    _isi(hasil, _per_desa(institusi, "wilayah__desa_id", Count("pk")), "institusi_ada")
    lapor = institusi.filter(
        Q(Exists(Pertemuan.objects.filter(institusi=OuterRef("pk"), **rentang)))
        | Q(Exists(SesiKIE.objects.filter(institusi=OuterRef("pk"), **rentang)))
        | Q(Exists(Konseling.objects.filter(kader__institusi=OuterRef("pk"), **rentang)))
        | Q(Exists(KegiatanPoktan.objects.filter(poktan__institusi=OuterRef("pk"), **rentang)))
    )
    _isi(hasil, _per_desa(lapor, "wilayah__desa_id", Count("pk")), "institusi_lapor")
    return hasil


# --- meetings --------------------------------------------------------------------------------


def tindak_lanjut_terlambat(*, user, pada: date | None = None) -> QuerySet[TindakLanjut]:
    """Open follow-up actions past their due date, in the user's areas."""
    return (
        TindakLanjut.objects.visible_to(user)
        .terlambat(pada)
        .select_related("masalah__pertemuan__wilayah")
    )


def tindak_lanjut_terbuka_sebelum(*, pertemuan: Pertemuan) -> QuerySet[TindakLanjut]:
    """Open actions of earlier meetings of the same area: they can be closed at this one."""
    return (
        TindakLanjut.objects.terbuka()
        .filter(
            masalah__pertemuan__wilayah_id=pertemuan.wilayah_id,
            masalah__pertemuan__tanggal__lte=pertemuan.tanggal,
        )
        .exclude(masalah__pertemuan=pertemuan)
        .select_related("masalah__pertemuan")
        .order_by("batas_waktu", "pk")
    )


def pertemuan_akan_datang(*, user, dari: date) -> QuerySet[Pertemuan]:
    """Coming meetings of the user's areas and of the areas above (desa, kecamatan)."""
    return (
        Pertemuan.objects.visible_to(user, atas=True)
        .filter(tanggal__gte=dari)
        .select_related("wilayah", "institusi")
        .order_by("tanggal", "jam", "pk")
    )


def institusi_bulan_tanpa_pertemuan(*, user, sampai: date, n_bulan: int = 6) -> list[dict]:
    """Per active institution in the user's areas: meetings per month for the last n months
    (oldest first), so that months with none can be highlighted. Two queries."""
    akhir = awal_bulan(sampai)
    bulan = [geser_bulan(akhir, -i) for i in range(n_bulan - 1, -1, -1)]
    institusi = list(
        Institusi.objects.visible_to(user)
        .filter(aktif=True)
        .select_related("wilayah")
        .order_by("wilayah__kode", "jenis", "nama")
    )
    hitung: dict[tuple[int, date], int] = defaultdict(int)
    rows = Pertemuan.objects.filter(
        institusi__in=institusi, tanggal__gte=bulan[0], tanggal__lte=akhir_bulan(akhir)
    ).values_list("institusi_id", "tanggal")
    for institusi_id, tanggal in rows:
        hitung[(institusi_id, awal_bulan(tanggal))] += 1
    return [
        {
            "institusi": i,
            "bulan": [(b, hitung[(i.pk, b)]) for b in bulan],
            "kosong": sum(1 for b in bulan if not hitung[(i.pk, b)]),
        }
        for i in institusi
    ]


# --- counselling -----------------------------------------------------------------------------


def konseling_jatuh_tempo(*, user, pada: date) -> QuerySet[Konseling]:
    """Counselling follow-ups due on or before `pada` and not yet done (the cadre's worklist)."""
    return (
        Konseling.objects.visible_to(user)
        .tindak_lanjut_jatuh_tempo(pada)
        .select_related("anggota", "kader", "dusun")
        .order_by("tanggal_tindak_lanjut")
    )


def pus_untuk_konseling(*, user, bulan: date) -> QuerySet[Anggota]:
    """The women a user may counsel: the PUS of the month (the register's rule,
    pendataan.selectors.pus_bulan) in the user's areas."""
    pus = pus_bulan(bulan=awal_bulan(bulan), desa_ids=SEMUA)  # of the members visible_to(user)
    return Anggota.objects.visible_to(user).filter(pk__in=pus.values("anggota_id"))


def pus_cari(*, user, nama: str, bulan: date, batas: int = 30) -> QuerySet[Anggota]:
    """Step 1 of recording a counselling: PUS of the month found by (part of) the name."""
    return (
        pus_untuk_konseling(user=user, bulan=bulan)
        .filter(nama__icontains=nama)
        .select_related("keluarga__dusun")
        .order_by("nama")[:batas]
    )


def _ber_kb_setelah():
    """Exists: a KB method status of the counselled woman from the counselling month on."""
    return Exists(
        PerubahanStatus.objects.filter(
            anggota_id=OuterRef("anggota_id"),
            status__in=METODE,
            bulan__gte=OuterRef("bulan_konseling"),
        )
    )


def konversi_konseling(*, user, dari: date, sampai: date, per: str = "desa") -> list[dict]:
    """Counselled PUS → acceptor conversion: per desa (per="desa") or per cadre (per="kader"),
    counselled women in the period and how many later have a KB method status."""

    kunci = {"desa": ("desa_id", "desa__nama"), "kader": ("kader_id", "kader__nama")}[per]
    qs = (
        Konseling.objects.visible_to(user)
        .filter(tanggal__gte=dari, tanggal__lte=sampai)
        .annotate(bulan_konseling=TruncMonth("tanggal"))
        .annotate(jadi=_ber_kb_setelah())
    )
    baris: dict = {}
    for pk, nama, anggota_id, jadi in qs.values_list(*kunci, "anggota_id", "jadi"):
        b = baris.setdefault(
            pk, {"id": pk, "nama": nama or "(tanpa kader)", "pus": set(), "jadi": set()}
        )
        b["pus"].add(anggota_id)
        if jadi:
            b["jadi"].add(anggota_id)
    hasil = []
    for b in sorted(baris.values(), key=lambda b: b["nama"]):
        n, j = len(b["pus"]), len(b["jadi"])
        hasil.append(
            {
                "id": b["id"],
                "nama": b["nama"],
                "dikonseling": n,
                "menjadi_peserta": j,
                "persen": float(persen(j, n)),  # the one rounding rule (half up)
            }
        )
    return hasil


# Reproductive phase of the wife → method priorities (BKKBN counselling guidance, advice only).
FASE_REPRODUKSI = [
    (20, "Menunda kehamilan", ["PIL", "KONDOM", "IMPLAN", "SUNTIK", "IUD"]),
    (36, "Menjarangkan kehamilan", ["IUD", "SUNTIK", "PIL", "IMPLAN", "KONDOM"]),
    (50, "Mengakhiri kesuburan", ["MOW", "MOP", "IUD", "IMPLAN", "SUNTIK", "PIL"]),
]


def saran_konseling(*, anggota: Anggota, pada: date) -> dict | None:
    """The wife's reproductive phase by age (< 20 menunda, 20–35 menjarangkan, > 35 mengakhiri)
    and the matching method priorities. Advice only; the choice is the couple's."""
    umur = anggota.umur_pada(pada)
    for batas, fase, metode in FASE_REPRODUKSI:
        if umur < batas:
            return {"umur": umur, "fase": fase, "metode": metode}
    return None


# --- poktan ----------------------------------------------------------------------------------

# Target age ranges of each poktan (inclusive lower, exclusive upper bound in years).
SASARAN_UMUR = {"bkb": (0, 5), "bkr": (10, 25), "bkl": (60, None)}


def keluarga_sasaran(*, poktan: Poktan, pada: date) -> QuerySet[Keluarga]:
    """Families of the poktan's area with a member in its target age (BKB: under-fives,
    BKR: youth 10–24, BKL: elderly ≥ 60). UPPKA and PIK-R: every family of the area."""
    wilayah = poktan.wilayah
    keluarga = Keluarga.objects.filter(
        **({"dusun": wilayah} if wilayah.is_dusun else {"desa_id": wilayah.desa_id})
    )
    rentang = SASARAN_UMUR.get(poktan.jenis)
    if rentang is None:
        return keluarga
    muda, tua = rentang
    anggota = Anggota.objects.filter(
        keluarga=OuterRef("pk"), aktif=True, tanggal_lahir__lte=kurangi_tahun(pada, muda)
    )
    if tua is not None:
        anggota = anggota.filter(tanggal_lahir__gt=kurangi_tahun(pada, tua))
    return keluarga.filter(Exists(anggota))


def anggota_pada(akhir: date) -> Q:
    """The memberships a month counts (DOMAIN.md §9 III/IV "keluarga anggota"): active and
    joined by `akhir`, the month's last day. On AnggotaPoktan."""
    return Q(aktif=True, tanggal_masuk__lte=akhir)


def pus_keluarga(*, bulan: date, desa_ids: Iterable[int] | Semua, keluarga_ids) -> dict[int, bool]:
    """DOMAIN.md §9 III/IV, counted per FAMILY: of the families `keluarga_ids` (ids or a
    subquery of keluarga_id), those with a PUS in the month (pendataan.selectors.pus_bulan, in
    the given desa) → whether at least one of their PUS uses a method. A family with two PUS is
    one "anggota yang PUS". The F/I/Dal/13 items (laporan.selectors_fidal) and the poktan page
    count with this one function."""
    hasil: dict[int, bool] = {}
    pus = pus_bulan(bulan=awal_bulan(bulan), desa_ids=desa_ids).filter(keluarga_id__in=keluarga_ids)
    for keluarga_id, status in pus.values_list("keluarga_id", "status_kb"):
        hasil[keluarga_id] = hasil.get(keluarga_id, False) or status in METODE
    return hasil


def poktan_ringkasan(*, poktan: Poktan, pada: date) -> dict:
    """Targets, member families, targets not yet members, and — for the month of `pada`, as
    the desa report's F/I/Dal/13 items count them (DOMAIN.md §9: families, `anggota_pada`,
    `pus_keluarga`) — member families with a PUS and those of them with a PUS using KB."""
    bulan = awal_bulan(pada)
    sasaran = keluarga_sasaran(poktan=poktan, pada=pada)
    anggota_ids = set(
        poktan.anggota.filter(anggota_pada(akhir_bulan(bulan))).values_list(
            "keluarga_id", flat=True
        )
    )
    pus = pus_keluarga(
        bulan=bulan, desa_ids=[poktan.wilayah.desa_id], keluarga_ids=sorted(anggota_ids)
    )
    return {
        "bulan": bulan,
        "sasaran": sasaran.count(),
        "anggota": len(anggota_ids),
        "sasaran_bukan_anggota": sasaran.exclude(pk__in=anggota_ids).order_by("nama_kepala"),
        "pus_anggota": len(pus),
        "pus_anggota_kb": sum(pus.values()),
    }


# --- training --------------------------------------------------------------------------------


def kader_belum_pernah_dilatih(*, user) -> QuerySet[Kader]:
    """Active cadres in the user's areas who never attended a training."""
    return (
        Kader.objects.visible_to(user)
        .filter(aktif=True)
        .exclude(Exists(PesertaPelatihan.objects.filter(kader=OuterRef("pk"))))
        .select_related("institusi__wilayah")
    )


def pelatihan_list(*, user) -> QuerySet[Pelatihan]:
    return (
        Pelatihan.objects.visible_to(user)
        .select_related("wilayah")
        .annotate(jumlah_peserta=Count("peserta"))
    )


def peserta_pelatihan(*, pelatihan: Pelatihan, user) -> QuerySet[PesertaPelatihan]:
    """Participants of a training as `user` may see them: everyone listed (the training page is
    read from the areas below too), but the scores (`pre`, `post`, `naik`) only for participants
    whose cadre's institution is in the user's areas — the person's own area and above
    (PesertaPelatihan.visible_to). Elsewhere they are None and `nilai_terlihat` is False."""
    terlihat = Exists(PesertaPelatihan.objects.visible_to(user).filter(pk=OuterRef("pk")))
    return (
        pelatihan.peserta.select_related("kader__institusi__wilayah")
        .annotate(nilai_terlihat=terlihat)
        .annotate(
            pre=Case(When(nilai_terlihat=True, then=F("nilai_pre"))),
            post=Case(When(nilai_terlihat=True, then=F("nilai_post"))),
        )
        .annotate(naik=F("post") - F("pre"))
    )
