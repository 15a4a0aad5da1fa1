"""The official monthly desa report BKKBN F/I/Dal/13 (DOMAIN.md §9): its items in the form's
order with the form's Indonesian labels, how a level (kecamatan, kabupaten) sums them, the
derived items, the consistency rules checked before a report is sent, and `rekap_fidal` —
every item per desa for a month, with the kecamatan and kabupaten sums.

Pure functions over plain dicts, except `rekap_fidal` (which reads through laporan.selectors).
The counting itself: laporan.selectors_fidal.

Item kinds (`Butir.sumber`):
- "hitung": counted from the register and activity logs, stored in the report's figures and
  correctable with a reason (like the §6 counts);
- "target": the yearly PPM of the method (pendataan.TargetMetode), stored, not correctable;
- "laporan": a §6 figure the report already holds (pus, pa_<method>), shown in its place here;
- "turunan": derived on the level's own sums (rest of the target, total capital, indicators).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kader.models import Wilayah
from kader.scoping import Semua, wilayah_saring
from pendataan import indikator
from pendataan.indikator import METODE, MKJP

LEMBAGA = [
    ("ppkbd", "PPKBD"),
    ("sub_ppkbd", "Sub-PPKBD"),
    ("kelompok_kb", "Kelompok KB"),
    ("bkb", "BKB"),
    ("bkr", "BKR"),
    ("bkl", "BKL"),
    ("uppka", "UPPKA"),
    ("pikr", "PIK-R"),
]
KODE_LEMBAGA = [k for k, _ in LEMBAGA]
POKTAN_KETAHANAN = [("bkb", "BKB"), ("bkr", "BKR"), ("bkl", "BKL")]
SUMBER_MODAL = [("swadaya", "Swadaya"), ("pemerintah", "Pemerintah"), ("lainnya", "Lainnya")]
LABEL_METODE = {
    "IUD": "IUD",
    "MOW": "MOW",
    "MOP": "MOP",
    "KONDOM": "Kondom",
    "IMPLAN": "Implan",
    "SUNTIK": "Suntik",
    "PIL": "Pil",
    "MAL": "MAL",
    "TRADISIONAL": "Tradisional",
}

BAGIAN = {
    "I": "I. Keadaan umum",
    "II": "II. Kegiatan operasional",
    "III": "III. Ketahanan keluarga (BKB, BKR, BKL)",
    "IV": "IV. Usaha Peningkatan Pendapatan Keluarga Akseptor (UPPKA)",
    "V": "V. PUS dan kesertaan ber-KB",
    "VI": "Indikator",
}


@dataclass(frozen=True)
class Butir:
    """One item of the form."""

    kode: str  # key in the report's figures
    label: str  # the form's words
    bagian: str  # I … V, VI = indicators
    kelompok: str = ""  # sub-heading within the section: "PPKBD", "BKB", "IUD" …
    sumber: str = "hitung"  # hitung | target | laporan | turunan (see the module docstring)
    satuan: str = "jumlah"  # jumlah | rupiah | persen
    kolom: str = ""  # short column header where a section is a table (kelompok × kolom)

    @property
    def dapat_dikoreksi(self) -> bool:
        return self.sumber == "hitung"


def _katalog() -> list[Butir]:
    b: list[Butir] = []
    for kode, nama in LEMBAGA:
        b.append(Butir(f"i_{kode}_ada", f"Jumlah {nama} yang ada", "I", nama, kolom="Ada"))
        b.append(
            Butir(f"i_{kode}_lapor", f"Jumlah {nama} yang melapor", "I", nama, kolom="Melapor")
        )
    b += [
        Butir("ii_rakor", "Rapat koordinasi KB tingkat desa/kelurahan", "II"),
        Butir("ii_penyuluhan_pkb", "Penyuluhan KB oleh PKB/PLKB", "II"),
        Butir("ii_kie_kit", "KIE dengan KIE-Kit", "II"),
        Butir("ii_tokoh_aktif", "Tokoh agama/masyarakat/adat yang aktif dalam KIE", "II"),
    ]
    for kode, nama in POKTAN_KETAHANAN:
        b += [
            Butir(
                f"iii_{kode}_sasaran",
                f"Jumlah keluarga sasaran {nama}",
                "III",
                nama,
                kolom="Keluarga sasaran",
            ),
            Butir(
                f"iii_{kode}_anggota",
                f"Jumlah keluarga anggota {nama}",
                "III",
                nama,
                kolom="Keluarga anggota",
            ),
            Butir(
                f"iii_{kode}_pus",
                f"Jumlah anggota {nama} yang PUS",
                "III",
                nama,
                kolom="Anggota PUS",
            ),
            Butir(
                f"iii_{kode}_kb",
                f"Jumlah PUS anggota {nama} yang ber-KB",
                "III",
                nama,
                kolom="PUS ber-KB",
            ),
            Butir(
                f"iii_{kode}_pertemuan", f"Jumlah pertemuan {nama}", "III", nama, kolom="Pertemuan"
            ),
        ]
    b += [
        Butir("iv_anggota", "Jumlah keluarga anggota UPPKA", "IV"),
        Butir("iv_pus", "Jumlah anggota UPPKA yang PUS", "IV"),
        Butir("iv_kb", "Jumlah PUS anggota UPPKA yang ber-KB", "IV"),
        Butir("iv_pertemuan", "Jumlah pertemuan UPPKA", "IV"),
    ]
    for kode, nama in SUMBER_MODAL:
        b.append(
            Butir(
                f"iv_modal_{kode}",
                f"Modal UPPKA dari {nama.lower()} (Rp)",
                "IV",
                "Modal",
                satuan="rupiah",
            )
        )
    b.append(
        Butir("iv_modal_jumlah", "Jumlah modal UPPKA (Rp)", "IV", "Modal", "turunan", "rupiah")
    )
    b.append(Butir("pus", "Jumlah PUS", "V", sumber="laporan"))
    for metode in METODE:
        m, nama = metode.lower(), LABEL_METODE[metode]
        b += [
            Butir(f"v_{m}_ppm_pb", f"PPM PB {nama}", "V", nama, "target", kolom="PPM PB"),
            Butir(f"v_{m}_pb", f"PB {nama} bulan ini", "V", nama, kolom="PB bulan ini"),
            Butir(
                f"v_{m}_pb_kumulatif",
                f"PB {nama} s.d. bulan ini",
                "V",
                nama,
                kolom="PB s.d. bulan ini",
            ),
            Butir(
                f"v_{m}_sisa_pb", f"Sisa PPM PB {nama}", "V", nama, "turunan", kolom="Sisa PPM PB"
            ),
            Butir(f"v_{m}_ppm_pa", f"PPM PA {nama}", "V", nama, "target", kolom="PPM PA"),
            Butir(
                f"v_{m}_pa_pemerintah",
                f"PA {nama} jalur pemerintah",
                "V",
                nama,
                kolom="PA pemerintah",
            ),
            Butir(f"v_{m}_pa_swasta", f"PA {nama} jalur swasta", "V", nama, kolom="PA swasta"),
            Butir(f"pa_{m}", f"PA {nama} jumlah", "V", nama, "laporan", kolom="PA jumlah"),
            Butir(f"v_{m}_ganti_cara", f"Ganti cara ke {nama}", "V", nama, kolom="Ganti cara"),
            Butir(f"v_{m}_drop_out", f"Drop out {nama}", "V", nama, kolom="Drop out"),
        ]
    b += [
        Butir("pa_ppm_persen", "PA terhadap PPM PA (%)", "VI", sumber="turunan", satuan="persen"),
        Butir(
            "mkjp_ppm_persen",
            "PA MKJP terhadap PPM PA MKJP (%)",
            "VI",
            sumber="turunan",
            satuan="persen",
        ),
        Butir(
            "pa_pria_persen",
            "Kesertaan KB pria (MOP + kondom) terhadap PA (%)",
            "VI",
            sumber="turunan",
            satuan="persen",
        ),
    ]
    return b


# Every item in the form's order.
KATALOG: list[Butir] = _katalog()
BUTIR: dict[str, Butir] = {b.kode: b for b in KATALOG}
# Stored in a report's figures (angka_otomatis, frozen with it): counted items and targets.
KOLOM_SIMPAN = [b.kode for b in KATALOG if b.sumber in ("hitung", "target")]
# Corrected with a reason on the report's edit page.
KOLOM_KOREKSI = [b.kode for b in KATALOG if b.dapat_dikoreksi]
# Summed from desa to kecamatan and kabupaten (derived items are computed on the sums).
KOLOM_JUMLAH = [b.kode for b in KATALOG if b.sumber != "turunan"]
LABEL = {b.kode: b.label for b in KATALOG}
INDIKATOR = ["pa_ppm_persen", "mkjp_ppm_persen", "pa_pria_persen"]


def koreksi_per_bagian() -> list[tuple[str, list[str]]]:
    """The correctable items by section (title, codes), in the form's order."""
    hasil: dict[str, list[str]] = {}
    for butir in KATALOG:
        if butir.dapat_dikoreksi:
            hasil.setdefault(BAGIAN[butir.bagian], []).append(butir.kode)
    return list(hasil.items())


def simpan_kosong() -> dict[str, int]:
    """The stored items of one desa, all zero."""
    return dict.fromkeys(KOLOM_SIMPAN, 0)


def _int(nilai) -> int:
    try:
        return int(nilai or 0)
    except (TypeError, ValueError):
        return 0


def lengkapi(angka: dict) -> dict:
    """The figures with every catalogue item: the stored and report items (0 when missing, e.g.
    a report frozen before these items existed) and the derived ones computed on these figures
    — so on a kecamatan's or the kabupaten's sums, never summed themselves. Other keys of
    `angka` are kept. Percentages as Decimal (two decimals, half up, 0 on a zero denominator)."""
    h = {**angka}
    for kode in KOLOM_JUMLAH:
        h[kode] = _int(angka.get(kode))
    for metode in METODE:
        m = metode.lower()
        h[f"v_{m}_sisa_pb"] = max(h[f"v_{m}_ppm_pb"] - h[f"v_{m}_pb_kumulatif"], 0)
    h["iv_modal_jumlah"] = sum(h[f"iv_modal_{k}"] for k, _ in SUMBER_MODAL)
    # The three indicators: formulas from the one catalogue (pendataan.indikator), targets
    # summed from this level's per-method PPM PA.
    target = masukan_target(h)
    h.update(target)
    lengkap = indikator.lengkapi({k: _int(h.get(k)) for k in indikator.KOLOM_HITUNG}, **target)
    for kode in INDIKATOR:
        h[kode] = lengkap[kode]
    return h


def masukan_target(angka: dict) -> dict[str, int]:
    """The yearly PPM PA of all methods and of the MKJP methods (the indicators' Masukan
    target_pa, target_pa_mkjp), from the per-method items."""
    return {
        "target_pa": sum(_int(angka.get(f"v_{m.lower()}_ppm_pa")) for m in METODE),
        "target_pa_mkjp": sum(_int(angka.get(f"v_{m.lower()}_ppm_pa")) for m in MKJP),
    }


def jumlahkan(daftar: Iterable[dict]) -> dict:
    """A level's items: the sum of its desa's (KOLOM_JUMLAH), then the derived ones on the sums."""
    total = dict.fromkeys(KOLOM_JUMLAH, 0)
    for angka in daftar:
        for kode in KOLOM_JUMLAH:
            total[kode] += _int(angka.get(kode))
    return lengkapi(total)


def cek_konsistensi(angka: dict) -> list[str]:
    """Why the §9 items of a report disagree with each other (an Indonesian message each);
    empty when they agree. Checked before a desa report is sent, like the balance rule.
    Figures that carry none of the §9 items (computed before they existed) are not checked."""
    if not any(k in angka for k in KOLOM_SIMPAN):
        return []
    h = lengkapi(angka)
    pesan = []

    def lebih(a: str, b: str, konteks: str = "") -> None:
        if h[a] > h[b]:
            awal = f"{konteks}: " if konteks else ""
            pesan.append(
                f"{awal}{LABEL.get(a, a)} ({h[a]}) lebih besar dari {LABEL.get(b, b)} ({h[b]})."
            )

    for kode, _ in LEMBAGA:
        lebih(f"i_{kode}_lapor", f"i_{kode}_ada")
    kie = _int(angka.get("kie_sesi"))
    for kode in ("ii_penyuluhan_pkb", "ii_kie_kit"):
        if h[kode] > kie:
            pesan.append(f"{LABEL[kode]} ({h[kode]}) lebih besar dari jumlah sesi KIE ({kie}).")
    for awal in [f"iii_{k}_" for k, _ in POKTAN_KETAHANAN] + ["iv_"]:
        lebih(f"{awal}kb", f"{awal}pus")
        lebih(f"{awal}pus", f"{awal}anggota")
    pb_metode = 0
    for metode in METODE:
        m = metode.lower()
        pb_metode += h[f"v_{m}_pb"]
        lebih(f"v_{m}_pb", f"v_{m}_pb_kumulatif")
        jalur = h[f"v_{m}_pa_pemerintah"] + h[f"v_{m}_pa_swasta"]
        if jalur > h[f"pa_{m}"]:
            nama = LABEL_METODE[metode]
            pesan.append(
                f"PA {nama} jalur pemerintah + swasta ({jalur}) lebih besar dari PA {nama} "
                f"({h[f'pa_{m}']})."
            )
    pb = _int(angka.get("pb"))
    if pb_metode != pb:
        pesan.append(
            f"Jumlah PB per metode ({pb_metode}) tidak sama dengan peserta baru (PB) bulan ini "
            f"({pb})."
        )
    return pesan


def tabel(angka: dict, koreksi: dict | None = None) -> list[dict]:
    """The items for a page, by section in the form's order (`angka` as stored or frozen;
    derived items computed here). Each section: {"kode", "judul", "daftar": [sel], "kepala":
    [column headers], "matriks": [{"nama", "sel": [sel]}]} — items with a column header (`kolom`)
    form the table, the others the list; a sel is {"butir", "nilai", "koreksi"}."""
    h = lengkapi(angka)
    koreksi = koreksi or {}
    hasil: dict[str, dict] = {}
    for butir in KATALOG:
        bagian = hasil.setdefault(
            butir.bagian,
            {"kode": butir.bagian, "judul": BAGIAN[butir.bagian], "daftar": [], "kepala": []},
        )
        sel = {"butir": butir, "nilai": h[butir.kode], "koreksi": koreksi.get(butir.kode)}
        if not butir.kolom:
            bagian["daftar"].append(sel)
            continue
        if butir.kolom not in bagian["kepala"]:
            bagian["kepala"].append(butir.kolom)
        baris = bagian.setdefault("_baris", {}).setdefault(
            butir.kelompok, {"nama": butir.kelompok, "sel": []}
        )
        baris["sel"].append(sel)
    for bagian in hasil.values():
        bagian["matriks"] = list(bagian.pop("_baris", {}).values())
    return list(hasil.values())


@dataclass
class RekapFidal:
    """Every item for a month: per desa, per kecamatan (the sum of its desa given) and for the
    whole set (kabupaten). `disetujui`: desa whose figures are the approved, frozen ones (the
    others are live from the register, as the recap)."""

    bulan: date
    desa: dict[int, dict] = field(default_factory=dict)
    kecamatan: dict[int, dict] = field(default_factory=dict)
    kabupaten: dict = field(default_factory=dict)
    wilayah: dict[int, object] = field(default_factory=dict)  # desa and kecamatan rows by id
    disetujui: set[int] = field(default_factory=set)


def rekap_fidal(*, bulan: date, desa_ids: Iterable[int] | Semua) -> RekapFidal:
    """All F/I/Dal/13 items of the month for the given desa (every desa/kelurahan: SEMUA; no
    default, and None is refused: a caller that forgets the scope gets an error):
    an approved report's frozen figures, else the live figures; kecamatan and kabupaten are the
    sums (derived items on the sums). Desa and kecamatan ordered by code in every dict.
    A bounded number of statements whatever the number of desa."""
    from laporan.selectors import angka_rekap_desa  # noqa: PLC0415  (cycle: it imports fidal)

    qs = Wilayah.objects.desa().select_related("kecamatan").order_by("kode")
    ids = wilayah_saring(desa_ids)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    desa = list(qs)
    data = angka_rekap_desa(bulan=bulan, desa_ids=[d.pk for d in desa])
    hasil = RekapFidal(bulan=bulan)
    per_kec: dict[int, list[dict]] = {}
    for d in desa:
        angka = lengkapi(data[d.pk]["angka"])
        hasil.desa[d.pk] = angka
        hasil.wilayah[d.pk] = d
        if data[d.pk]["disetujui"]:
            hasil.disetujui.add(d.pk)
        per_kec.setdefault(d.kecamatan_id, []).append(angka)
        hasil.wilayah.setdefault(d.kecamatan_id, d.kecamatan)
    for kec_id in sorted(per_kec, key=lambda k: hasil.wilayah[k].kode):
        hasil.kecamatan[kec_id] = jumlahkan(per_kec[kec_id])
    hasil.kabupaten = jumlahkan(hasil.desa.values())
    return hasil
