"""Reads for reports and recaps: pre-fill figures, frozen-or-live recaps, status board."""

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection
from django.db.models import Min, OuterRef, Q, Subquery
from django.urls import reverse

from imp_smart.halaman import catat_tabel
from kader.dana.selectors import dana_desa
from kader.models import Wilayah
from kader.scoping import SEMUA, Semua, lihat_semua, wilayah_saring
from laporan import angka as A
from laporan import fidal, jadwal
from laporan.models import CuplikanDesa, LaporanDesa, RiwayatLaporan
from laporan.selectors_fidal import fidal_desa
from pendataan.models import PerubahanStatus
from pendataan.selectors import indikator_desa, pb_kumulatif_desa
from pendataan.selectors_target import target_pb_tahunan
from pertemuan.selectors import kegiatan_desa


def target_pb_desa(*, tahun: int, desa_ids: Iterable[int] | Semua) -> dict[int, int]:
    """Yearly PB target (PPM) per desa id: the sum over methods (DOMAIN.md §8.5)."""
    return target_pb_tahunan(tahun=tahun, desa_ids=desa_ids)


def angka_otomatis_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict]:
    """Computed figures of each desa for a month (register + activity logs + group funds), of
    the desa given (SEMUA: every desa of the kabupaten; leaving them out is an error)."""
    ids = wilayah_saring(desa_ids)
    desa_ids = SEMUA if ids is None else ids
    # Plain imports (laporan is the top layer): a renamed selector fails at start-up instead of
    # silently counting 0 for a whole report section.
    bagian = [f(bulan=bulan, desa_ids=desa_ids) for f in (indikator_desa, kegiatan_desa, dana_desa)]
    kumulatif = pb_kumulatif_desa(bulan=bulan, desa_ids=desa_ids)
    target = target_pb_desa(tahun=bulan.year, desa_ids=desa_ids)
    if desa_ids is SEMUA:
        desa_ids = Wilayah.objects.desa().values_list("pk", flat=True)
    desa_ids = list(desa_ids)
    bagian.append(fidal_desa(bulan=bulan, desa_ids=desa_ids))  # F/I/Dal/13 items (§9)
    hasil = {}
    for desa_id in desa_ids:
        angka = A.kosong()
        for data in bagian:
            angka.update({k: A.ke_json(v) for k, v in data.get(desa_id, {}).items()})
        angka["pb_kumulatif"] = int(kumulatif.get(desa_id, 0))
        angka["target_pb"] = target.get(desa_id)
        angka.update(fidal.masukan_target(angka))  # PPM PA of the §9 indicators
        hasil[desa_id] = angka
    return hasil


def laporan_per_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, LaporanDesa]:
    qs = LaporanDesa.objects.filter(bulan=bulan).defer("angka_otomatis", "koreksi")
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: the kabupaten
    if ids is not None:
        qs = qs.filter(desa_id__in=ids)
    return {lap.desa_id: lap for lap in qs}


def cuplikan_desa(*, bulan: date, desa_ids) -> dict[int, dict]:
    """{desa_id: {"angka": ..., "dihitung": datetime}} for the desa that have a snapshot."""
    qs = CuplikanDesa.objects.filter(bulan=bulan, desa_id__in=list(desa_ids))
    return {
        desa_id: {"angka": angka, "dihitung": dihitung}
        for desa_id, angka, dihitung in qs.values_list("desa_id", "angka", "dihitung")
    }


def angka_rekap_desa(
    *, bulan: date, desa_ids: Iterable[int] | Semua, cuplikan: bool = False
) -> dict[int, dict]:
    """Per desa: the approved report's frozen figures, else live figures from the register
    (or, with `cuplikan`, from the worker's latest snapshot where there is one).

    Returns {desa_id: {"angka": {...}, "disetujui": bool, "laporan": LaporanDesa | None,
    "dihitung": datetime | None (when the figures came from a snapshot)}}.
    """
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: the kabupaten
    laporan = laporan_per_desa(bulan=bulan, desa_ids=SEMUA if ids is None else ids)
    beku = {d: lap for d, lap in laporan.items() if lap.status == LaporanDesa.Status.DISETUJUI}
    desa_ids = list(Wilayah.objects.desa().values_list("pk", flat=True)) if ids is None else ids
    perlu_hidup = [d for d in desa_ids if d not in beku]
    tersimpan = cuplikan_desa(bulan=bulan, desa_ids=perlu_hidup) if cuplikan else {}
    perlu_hidup = [d for d in perlu_hidup if d not in tersimpan]
    hidup = angka_otomatis_desa(bulan=bulan, desa_ids=perlu_hidup) if perlu_hidup else {}
    hidup.update({d: c["angka"] for d, c in tersimpan.items()})
    hasil = {}
    for desa_id in desa_ids:
        if desa_id in beku:
            angka = {**A.kosong(), **beku[desa_id].angka_beku}
        else:
            angka = hidup.get(desa_id, A.kosong())
        hasil[desa_id] = {
            "angka": angka,
            "disetujui": desa_id in beku,
            "laporan": laporan.get(desa_id),
            "dihitung": tersimpan[desa_id]["dihitung"] if desa_id in tersimpan else None,
        }
    return hasil


def desa_terlihat(user, *, kecamatan_id: int | None = None):
    """Desa rows the user may see (optionally within one kecamatan), ordered by code."""
    qs = Wilayah.objects.desa().visible_to(user).select_related("kecamatan")
    if kecamatan_id:
        qs = qs.filter(kecamatan_id=kecamatan_id)
    return qs.order_by("kode")


def kecamatan_terlihat(user):
    """Kecamatan the user may see fully or partly."""
    qs = Wilayah.objects.kecamatan()
    if not lihat_semua(user):
        terlihat = Wilayah.objects.visible_to(user).values("pk")
        qs = qs.filter(Q(pk__in=terlihat) | Q(anak__in=terlihat)).distinct()
    return qs.order_by("kode")


KUNCI_MULAI = "laporan:mulai_desa"
MULAI_DETIK = 10 * 60


def mulai_desa(desa_ids) -> dict[int, date | None]:
    """Per desa, the first month it is expected to report (jadwal.berlaku): the go-live month
    when IMP_TANGGAL_MULAI is set, else its first record — first desa report or first KB
    status entered — or None (nothing recorded yet). The first-record months of every desa are
    cached for a few minutes (one GROUP BY over the status table); a new report clears them."""
    desa_ids = list(desa_ids)
    mulai = jadwal.tanggal_mulai()
    if mulai is not None:
        return dict.fromkeys(desa_ids, mulai)
    semua = cache.get(KUNCI_MULAI)
    if semua is None:
        semua = _catatan_pertama()
        cache.set(KUNCI_MULAI, semua, MULAI_DETIK)
    else:  # a kept page (imp_smart.halaman) read these tables through the cache
        catat_tabel(LaporanDesa._meta.db_table, PerubahanStatus._meta.db_table)
    return {d: semua.get(d) for d in desa_ids}


def mulai_usang() -> None:
    """A desa may have started earlier than cached (a report was created)."""
    cache.delete(KUNCI_MULAI)


def _catatan_pertama() -> dict[int, date]:
    pertama: dict[int, date] = dict(
        LaporanDesa.objects.values("desa_id").annotate(m=Min("bulan")).values_list("desa_id", "m")
    )
    status = PerubahanStatus.objects.values("desa_id").annotate(m=Min("bulan"))
    for desa_id, bulan in status.values_list("desa_id", "m"):
        pertama[desa_id] = min(bulan, pertama.get(desa_id, bulan))
    return pertama


def status_sel(lap, terlambat: bool, berlaku: bool = True) -> str:
    """The board's cell state for one desa and month; `terlambat`: the due date has passed;
    `berlaku`: the desa is expected to report for the month (jadwal.berlaku)."""
    if lap is None and not berlaku:
        return "BELUM_BERLAKU"
    if lap is None or lap.status == LaporanDesa.Status.DRAFT:
        if terlambat and berlaku:
            return "TERLAMBAT"
        return "BELUM" if lap is None else "DRAFT"
    return lap.status


LABEL_SEL = {
    "BELUM_BERLAKU": "Belum berlaku",
    "BELUM": "Belum dibuat",
    "DRAFT": "Draf",
    "TERLAMBAT": "Terlambat",
    "DIKIRIM": "Dikirim",
    "DIVERIFIKASI": "Diverifikasi",
    "DISETUJUI": "Disetujui",
    "DIKEMBALIKAN": "Dikembalikan",
}


# Cell text on the board (unique, so that the legend can explain each).
SINGKAT_SEL = {
    "BELUM_BERLAKU": "–",
    "BELUM": "Blm",
    "DRAFT": "Drf",
    "TERLAMBAT": "Tlt",
    "DIKIRIM": "Krm",
    "DIVERIFIKASI": "Ver",
    "DISETUJUI": "Stj",
    "DIKEMBALIKAN": "Kbl",
}


WARNA_SEL = {
    "BELUM_BERLAKU": "text-bg-light border text-body-secondary",
    "BELUM": "text-bg-light border",
    "DRAFT": "text-bg-secondary",
    "TERLAMBAT": "text-bg-danger",
    "DIKIRIM": "text-bg-info",
    "DIVERIFIKASI": "text-bg-primary",
    "DISETUJUI": "text-bg-success",
    "DIKEMBALIKAN": "text-bg-warning",
}


class SelLaporan(NamedTuple):
    pk: int
    desa_id: int
    bulan: date
    status: str
    dikirim_pertama_pada: object


def _kelas_kecamatan(disetujui: int, diharapkan: int, terlambat: int) -> str:
    if not diharapkan:
        return WARNA_SEL["BELUM_BERLAKU"]
    if disetujui == diharapkan:
        return WARNA_SEL["DISETUJUI"]
    return WARNA_SEL["TERLAMBAT"] if terlambat else WARNA_SEL["BELUM"]


# Legend of the kecamatan summary: a sample cell of each colour _kelas_kecamatan gives, and
# what it means (cell text: desa approved / desa expected).
LEGENDA_KECAMATAN = [
    ("5/5", "Semua desa yang diharapkan disetujui", _kelas_kecamatan(5, 5, 0)),
    ("3/5", "Belum semua disetujui, belum ada yang terlambat", _kelas_kecamatan(3, 5, 0)),
    ("3/5", "Ada desa yang terlambat", _kelas_kecamatan(3, 5, 1)),
    ("–", "Belum berlaku untuk desa mana pun", _kelas_kecamatan(0, 0, 0)),
]


def papan_status(*, desa_list, bulan_list: list[date], hari_ini: date) -> dict:
    """Status board: desa × month cells; per kecamatan and month the approved / expected /
    late counts; per month coverage % and on-time % of the desa expected (2 queries + the
    cached start months). A desa is expected from its start month (jadwal.berlaku) or when it
    has a report for the month."""
    desa_list = list(desa_list)
    # URLs built by formatting, not one reverse() per cell (167 desa × 12 months).
    pola_detail = reverse("laporan:detail", args=[987654321]).replace("987654321", "{}")
    pola_baru = (
        reverse("laporan:desa_bulan", args=[987654321, "2000-01"])
        .replace("987654321", "{}")
        .replace("2000-01", "{}")
    )
    # Plain tuples: ~2,000 model instances per page cost more than the query itself.
    qs = LaporanDesa.objects.filter(desa__in=[d.pk for d in desa_list], bulan__in=bulan_list)
    laporan = qs.values_list("pk", "desa_id", "bulan", "status", "dikirim_pertama_pada")
    per = {(lap.desa_id, lap.bulan): lap for lap in map(SelLaporan._make, laporan)}
    mulai = mulai_desa(d.pk for d in desa_list)
    # Per month once: whether a missing/draft report is late, and the on-time cut-off
    # (first submission before midnight WITA after the due date).
    lewat = {b: hari_ini > jadwal.batas_kirim(b) for b in bulan_list}
    cutoff = {b: jadwal.batas_tepat_waktu(b) for b in bulan_list}
    sel_tetap = {k: (LABEL_SEL[k], SINGKAT_SEL[k], WARNA_SEL[k]) for k in LABEL_SEL}
    nol = {"disetujui": 0, "diharapkan": 0, "terlambat": 0, "tepat_waktu": 0}
    per_kec: dict[int, dict] = {}
    total = {b: dict(nol) for b in bulan_list}
    baris = []
    for desa in desa_list:
        kec = per_kec.setdefault(
            desa.kecamatan_id,
            {
                "wilayah": desa.kecamatan,
                "jumlah_desa": 0,
                "hitung": {b: dict(nol) for b in bulan_list},
            },
        )
        kec["jumlah_desa"] += 1
        sel = []
        for bulan in bulan_list:
            lap = per.get((desa.pk, bulan))
            berlaku = jadwal.berlaku(bulan, mulai[desa.pk])
            kode = status_sel(lap, lewat[bulan], berlaku)
            label, singkat, kelas = sel_tetap[kode]
            url = pola_detail.format(lap.pk) if lap else pola_baru.format(desa.pk, f"{bulan:%Y-%m}")
            sel.append(
                {"kode": kode, "label": label, "singkat": singkat, "kelas": kelas, "url": url}
            )
            if berlaku or lap is not None:
                tepat = bool(
                    lap and lap.dikirim_pertama_pada and lap.dikirim_pertama_pada < cutoff[bulan]
                )
                for h in (kec["hitung"][bulan], total[bulan]):
                    h["diharapkan"] += 1
                    h["disetujui"] += kode == "DISETUJUI"
                    h["terlambat"] += kode == "TERLAMBAT"
                    h["tepat_waktu"] += tepat
        baris.append({"desa": desa, "sel": sel})
    kecamatan = [
        {
            "wilayah": kec["wilayah"],
            "jumlah_desa": kec["jumlah_desa"],
            "sel": [_sel_kecamatan(kec["hitung"][b]) for b in bulan_list],
        }
        for kec in per_kec.values()
    ]
    return {"baris": baris, "ringkas": _ringkas(total, bulan_list), "kecamatan": kecamatan}


def _sel_kecamatan(h: dict) -> dict:
    """One cell of the kecamatan summary from its counts (approved / expected / late / on time)."""
    return {
        **h,
        "kelas": _kelas_kecamatan(h["disetujui"], h["diharapkan"], h["terlambat"]),
        "teks": f"{h['disetujui']}/{h['diharapkan']}" if h["diharapkan"] else "–",
        "label": (
            f"{h['disetujui']} dari {h['diharapkan']} desa disetujui"
            + (f", {h['terlambat']} terlambat" if h["terlambat"] else "")
            if h["diharapkan"]
            else "Belum berlaku untuk desa mana pun"
        ),
    }


def _ringkas(total: dict[date, dict], bulan_list: list[date]) -> list[dict]:
    """Per month: coverage and on-time % of the desa expected, with the counts."""
    return [
        {
            "bulan": b,
            "cakupan": A.persen(total[b]["disetujui"], total[b]["diharapkan"]),
            "tepat_waktu": A.persen(total[b]["tepat_waktu"], total[b]["diharapkan"]),
            "disetujui": total[b]["disetujui"],
            "diharapkan": total[b]["diharapkan"],
            "terlambat": total[b]["terlambat"],
        }
        for b in bulan_list
    ]


def _larik(nilai: Iterable[int | date | None]) -> str:
    """A PostgreSQL array literal ('{1,2,NULL}') of ints and dates, passed as one text
    parameter: psycopg's client-side quoting of a 167-element list per element cost more CPU
    than the statement's own planning."""
    return "{" + ",".join("NULL" if v is None else str(v) for v in nilai) + "}"


def papan_kecamatan(
    *,
    desa_qs,
    urutan: list[tuple[int, int | None]],
    kecamatan: dict[int, Wilayah],
    bulan_list: list[date],
    hari_ini: date,
) -> dict:
    """The kabupaten summary of the status board without its desa rows: the "kecamatan" and
    "ringkas" of papan_status, counted by the database in one statement instead of a cell per
    desa and month in Python (167 × 12 at district scale).

    `desa_qs`: the desa shown (desa_terlihat); `urutan`: its (desa id, kecamatan id) pairs in
    board order; `kecamatan`: kecamatan rows by id (those missing are read).
    The statement is status_sel per cell: the grid of desa × month (with each desa's start
    month, jadwal.berlaku: on or after it) joined to the report of the cell if there is one."""
    if connection.vendor != "postgresql":  # the embedded demo (SQLite): the Python board
        papan = papan_status(desa_list=desa_qs, bulan_list=bulan_list, hari_ini=hari_ini)
        return {"ringkas": papan["ringkas"], "kecamatan": papan["kecamatan"]}
    mulai = mulai_desa(d for d, _ in urutan)
    S = LaporanDesa.Status
    with connection.cursor() as cur:
        cur.execute(
            "SELECT m.kecamatan_id, c.bulan,"
            # expected: the desa has started, or it has a report for the month anyway
            " count(*) FILTER (WHERE c.bulan >= m.mulai OR l.id IS NOT NULL),"
            " count(*) FILTER (WHERE l.status = %s),"
            # late: started, past the due date, and no report or still a draft
            " count(*) FILTER (WHERE c.lewat AND c.bulan >= m.mulai"
            "  AND (l.id IS NULL OR l.status = %s)),"
            # on time: first sent before the cut-off (midnight WITA after the due date)
            " count(*) FILTER (WHERE l.dikirim_pertama_pada < c.batas)"
            " FROM unnest(%s::bigint[], %s::bigint[], %s::date[])"
            "  AS m(desa_id, kecamatan_id, mulai)"
            " CROSS JOIN unnest(%s::date[], %s::timestamptz[], %s::boolean[])"
            "  AS c(bulan, batas, lewat)"
            # the year's reports only (the table holds every year)
            " LEFT JOIN (SELECT id, desa_id, bulan, status, dikirim_pertama_pada"
            f"  FROM {LaporanDesa._meta.db_table} WHERE bulan = ANY(%s::date[])) l"
            "  ON l.desa_id = m.desa_id AND l.bulan = c.bulan"
            " GROUP BY 1, 2",
            [
                S.DISETUJUI.value,
                S.DRAFT.value,
                _larik(d for d, _ in urutan),
                _larik(k for _, k in urutan),
                _larik(mulai[d] for d, _ in urutan),
                bulan_list,
                [jadwal.batas_tepat_waktu(b) for b in bulan_list],
                [hari_ini > jadwal.batas_kirim(b) for b in bulan_list],
                bulan_list,
            ],
        )
        angka = {(kec_id, b): r for kec_id, b, *r in cur.fetchall()}
    jumlah = Counter(k for _, k in urutan)  # in board order: a kecamatan where its first desa is
    kurang = [k for k in jumlah if k is not None and k not in kecamatan]
    if kurang:
        kecamatan = {**kecamatan, **Wilayah.objects.in_bulk(kurang)}
    total = {
        b: {"disetujui": 0, "diharapkan": 0, "terlambat": 0, "tepat_waktu": 0} for b in bulan_list
    }
    hasil = []
    for kec_id, jumlah_desa in jumlah.items():
        sel = []
        for b in bulan_list:
            diharapkan, disetujui, terlambat, tepat_waktu = angka[kec_id, b]
            h = {
                "disetujui": disetujui,
                "diharapkan": diharapkan,
                "terlambat": terlambat,
                "tepat_waktu": tepat_waktu,
            }
            t = total[b]
            t["disetujui"] += disetujui
            t["diharapkan"] += diharapkan
            t["terlambat"] += terlambat
            t["tepat_waktu"] += tepat_waktu
            sel.append(_sel_kecamatan(h))
        hasil.append({"wilayah": kecamatan.get(kec_id), "jumlah_desa": jumlah_desa, "sel": sel})
    return {"ringkas": _ringkas(total, bulan_list), "kecamatan": hasil}


MAJU = ("KIRIM", "VERIFIKASI", "SETUJUI")  # the steps that move a report forward
BELUM_MULAI = "Belum berlaku (desa belum mulai memakai aplikasi)"
LABEL_TINDAKAN = {"KIRIM": "Periksa & kirim", "VERIFIKASI": "Verifikasi", "SETUJUI": "Setujui"}


def _menunggu(lap) -> str:
    """Who a report is waiting for, in words (for the rows that need nothing of this user)."""
    S = LaporanDesa.Status
    if lap.status == S.DIKIRIM:
        if getattr(lap, "pelaku_peran", None) == "penyuluh":
            return "Menunggu verifikasi dan persetujuan koordinator"
        return "Menunggu verifikasi penyuluh"
    if lap.status == S.DIVERIFIKASI:
        return "Menunggu persetujuan koordinator"
    if lap.status == S.DIKEMBALIKAN:
        return "Dikembalikan ke desa, menunggu perbaikan"
    if lap.status == S.DRAFT:
        return "Draf di desa, belum dikirim"
    return "Selesai"


def laporan_tugas(user, *, hari_ini: date) -> dict:
    """What the user must do now, first — reports waiting for this user's next step (send,
    verify, approve, or make this month's report), each with its link — then the rows of the
    user's area that need nothing of them. Four eyes decides like the buttons do."""
    from laporan.services import aksi_tersedia  # noqa: PLC0415  (cycle: services import this)

    S = LaporanDesa.Status
    bulan = jadwal.bulan_laporan_berjalan(hari_ini)
    desa = list(desa_terlihat(user))
    mulai = mulai_desa(d.pk for d in desa)
    alasan = RiwayatLaporan.objects.filter(
        laporan=OuterRef("pk"), aksi=RiwayatLaporan.Aksi.KEMBALIKAN
    ).order_by("-pada", "-pk")
    # Reports in the flow (any month) and every report of the month being reported.
    laporan = list(
        dengan_pelaku(LaporanDesa.objects.visible_to(user))
        .filter(Q(status__in=[S.DRAFT, S.DIKIRIM, S.DIVERIFIKASI, S.DIKEMBALIKAN]) | Q(bulan=bulan))
        .annotate(alasan_kembali=Subquery(alasan.values("alasan")[:1]))
        .select_related("desa", "desa__kecamatan")
        .defer("angka_otomatis", "koreksi", "angka_beku")
    )
    perlu, lainnya = [], []
    for lap in laporan:
        aksi = [a for a in aksi_tersedia(lap, user) if a in MAJU]
        url = lap.get_absolute_url()
        baris = {"desa": lap.desa, "bulan": lap.bulan, "laporan": lap, "url": url}
        if aksi:
            label = LABEL_TINDAKAN[aksi[0]]
            if aksi[0] == "SETUJUI" and lap.status == S.DIKIRIM:
                label = "Verifikasi & setujui"
            perlu.append({**baris, "tindakan": label})
        else:
            lainnya.append({**baris, "keterangan": _menunggu(lap)})
    ada = {lap.desa_id for lap in laporan if lap.bulan == bulan}
    dapat_buat = user.has_perm("laporan.add_laporandesa")
    for d in desa:
        if d.pk in ada:
            continue
        berlaku = jadwal.berlaku(bulan, mulai[d.pk])
        url = reverse("laporan:desa_bulan", args=[d.pk, f"{bulan:%Y-%m}"])
        baris = {"desa": d, "bulan": bulan, "laporan": None, "url": url}
        if dapat_buat and berlaku:
            perlu.append({**baris, "tindakan": "Buat laporan"})
        else:
            teks = "Belum dibuat" if berlaku else BELUM_MULAI
            lainnya.append({**baris, "keterangan": teks})
    perlu.sort(key=lambda b: (b["bulan"], b["desa"].kode))
    lainnya.sort(key=lambda b: (-b["bulan"].toordinal(), b["desa"].kode))
    return {
        "bulan": bulan,
        "batas_kirim": jadwal.batas_kirim(bulan),
        "batas_setujui": jadwal.batas_setujui(bulan),
        "terlambat": hari_ini > jadwal.batas_kirim(bulan),
        "perlu_tindakan": perlu,
        "lainnya": lainnya,
    }


class Pelaku(NamedTuple):
    """Who sent the current submission (and in which role) and who verified it."""

    pengirim_id: int | None
    pengirim_peran: str | None
    pemverifikasi_id: int | None


def dengan_pelaku(qs):
    """Annotate reports with the sender, the sender's role and the verifier of the current
    submission (the latest KIRIM and VERIFIKASI rows): one query for a whole list."""
    riwayat = RiwayatLaporan.objects.filter(laporan=OuterRef("pk")).order_by("-pada", "-pk")
    kirim = riwayat.filter(aksi=RiwayatLaporan.Aksi.KIRIM)
    verifikasi = riwayat.filter(aksi=RiwayatLaporan.Aksi.VERIFIKASI)
    return qs.annotate(
        pelaku_pengirim=Subquery(kirim.values("oleh_id")[:1]),
        pelaku_peran=Subquery(kirim.values("oleh__profil__peran")[:1]),
        pelaku_verifikasi=Subquery(verifikasi.values("oleh_id")[:1]),
    )


def pelaku_laporan(laporan: LaporanDesa, *, segar: bool = False) -> Pelaku:
    """The Pelaku of a report: from dengan_pelaku's annotations, else (or with `segar`, inside
    a transition) read from the history."""
    if segar or not hasattr(laporan, "pelaku_pengirim"):
        laporan = dengan_pelaku(LaporanDesa.objects.filter(pk=laporan.pk)).only("pk").get()
    return Pelaku(laporan.pelaku_pengirim, laporan.pelaku_peran, laporan.pelaku_verifikasi)


def laporan_selisih(laporan: LaporanDesa) -> list[dict]:
    """What changed between the last two submissions (for the reviewer)."""
    kiriman = list(
        laporan.riwayat.filter(aksi=RiwayatLaporan.Aksi.KIRIM).order_by("-pada", "-pk")[:2]
    )
    if len(kiriman) < 2:
        return []
    return A.selisih(kiriman[1].angka, kiriman[0].angka)
