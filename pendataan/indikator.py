"""The indicator catalogue of docs/aturan-domain.md (DOMAIN §6): every indicator's name, label,
formula and rounding, and the balance rule, in one place. Pure: no database.

Everything that names, computes or lists an indicator reads it from here: the register counts
(pendataan.selectors.indikator_desa counts the `Hitung` entries), the desa report and its labels
(laporan.angka), the recap and its sums, the CSV/XLSX exports and the charts.

A higher level (kecamatan, kabupaten) is the sum of its desa: the raw counts are summed
(`jumlahkan`) and the derived values are computed once more on the sums (`lengkapi`), never
averaged.

Adding an indicator is one entry in KATALOG (see CONTRIBUTING.md, "How to add an indicator"):
a `Jumlah` (a sum/difference of other entries) or a `Persen` (numerator over denominator × 100,
two decimals half up, 0 on a zero or missing denominator). A figure that is not counted from
the register (a yearly target, a cumulative count) is a `Masukan` that the caller passes in.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# BKKBN report order of methods (DOMAIN.md §5).
METODE = ["IUD", "MOW", "MOP", "KONDOM", "IMPLAN", "SUNTIK", "PIL", "MAL", "TRADISIONAL"]
MKJP = {"IUD", "IMPLAN", "MOW", "MOP"}
MODERN = set(METODE) - {"TRADISIONAL"}
TIDAK_BER_KB = ["HAMIL", "IAS", "IAT", "TIAL"]
STATUS = METODE + TIDAK_BER_KB

SERATUS = Decimal(100)
DUA_DESIMAL = Decimal("0.01")


def persen(pembilang: int | Decimal | None, penyebut: int | Decimal | None) -> Decimal:
    """pembilang / penyebut × 100, two decimals, half up; 0 when the denominator is 0 or None.
    The one rounding rule of every percentage (indicators, report coverage, on-time shares)."""
    if not penyebut:
        return Decimal("0.00")
    return (Decimal(pembilang or 0) * SERATUS / Decimal(penyebut)).quantize(
        DUA_DESIMAL, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True, kw_only=True)
class Indikator:
    """One named figure. `singkat`: the short name for chart legends and narrow table headers;
    `rekap_csv`: a column of the fixed recap CSV (DOMAIN §8.3; keep False for new entries, the
    format is fixed for the offices' scripts)."""

    nama: str
    label: str
    singkat: str = ""
    rekap_csv: bool = True

    @property
    def is_persen(self) -> bool:
        return False


@dataclass(frozen=True, kw_only=True)
class Hitung(Indikator):
    """A raw count of the register per desa and month (pendataan.selectors.indikator_desa),
    summed at higher levels."""


@dataclass(frozen=True, kw_only=True)
class Jumlah(Indikator):
    """sum(tambah) − sum(kurang), over entries above it in KATALOG."""

    tambah: tuple[str, ...]
    kurang: tuple[str, ...] = ()

    def nilai(self, angka: Mapping) -> int:
        return sum(angka[k] or 0 for k in self.tambah) - sum(angka[k] or 0 for k in self.kurang)


@dataclass(frozen=True, kw_only=True)
class Persen(Indikator):
    """sum(pembilang) / penyebut × 100 (`persen`), over entries above it or a Masukan."""

    pembilang: tuple[str, ...]
    penyebut: str

    @property
    def is_persen(self) -> bool:
        return True

    def nilai(self, angka: Mapping) -> Decimal:
        return persen(sum(angka.get(k) or 0 for k in self.pembilang), angka.get(self.penyebut))


@dataclass(frozen=True)
class Masukan:
    """A figure a percentage needs that is not counted per month from the register (a yearly
    target, a cumulative count). The caller passes it to `lengkapi`; higher levels sum it, and
    `kosong` is its value when no desa has one (None: "no target", so the percentage is 0)."""

    nama: str
    label: str
    kosong: int | None = 0


PA_METODE = tuple(f"pa_{m.lower()}" for m in METODE)
PA_MKJP = ("pa_iud", "pa_implan", "pa_mow", "pa_mop")

# The catalogue, in the order of the recap CSV (§8.3) and of every table that lists them.
# A derived entry may only use entries above it (they are computed in this order).
KATALOG: tuple[Indikator, ...] = (
    Hitung(nama="jumlah_keluarga", label="Jumlah keluarga", singkat="Keluarga"),
    Hitung(nama="pus", label="PUS", singkat="PUS"),
    Hitung(nama="pa_iud", label="PA IUD", singkat="IUD"),
    Hitung(nama="pa_mow", label="PA MOW", singkat="MOW"),
    Hitung(nama="pa_mop", label="PA MOP", singkat="MOP"),
    Hitung(nama="pa_kondom", label="PA Kondom", singkat="Kondom"),
    Hitung(nama="pa_implan", label="PA Implan", singkat="Implan"),
    Hitung(nama="pa_suntik", label="PA Suntik", singkat="Suntik"),
    Hitung(nama="pa_pil", label="PA Pil", singkat="Pil"),
    Hitung(nama="pa_mal", label="PA MAL", singkat="MAL"),
    Hitung(nama="pa_tradisional", label="PA Tradisional", singkat="Tradisional"),
    Jumlah(nama="pa", label="Peserta KB aktif (PA)", singkat="PA", tambah=PA_METODE),
    Jumlah(
        nama="pa_modern",
        label="PA modern",
        singkat="PA modern",
        tambah=("pa",),
        kurang=("pa_tradisional",),
    ),
    Hitung(nama="pb", label="Peserta baru (PB)", singkat="PB"),
    Hitung(nama="hamil", label="Hamil", singkat="Hamil"),
    Hitung(nama="ias", label="Ingin anak segera (IAS)", singkat="IAS"),
    Hitung(nama="iat", label="Ingin anak ditunda (IAT)", singkat="IAT"),
    Hitung(nama="tial", label="Tidak ingin anak lagi (TIAL)", singkat="TIAL"),
    Hitung(nama="tanpa_status", label="PUS tanpa status", singkat="Tanpa status"),
    Jumlah(nama="unmet_need", label="Unmet need", singkat="Unmet need", tambah=("iat", "tial")),
    Persen(nama="cpr", label="CPR (%)", singkat="CPR", pembilang=("pa",), penyebut="pus"),
    Persen(nama="mcpr", label="mCPR (%)", singkat="mCPR", pembilang=("pa_modern",), penyebut="pus"),
    Persen(nama="mkjp_persen", label="MKJP (%)", singkat="MKJP", pembilang=PA_MKJP, penyebut="pa"),
    Persen(
        nama="unmet_need_persen",
        label="Unmet need (%)",
        singkat="Unmet need",
        pembilang=("unmet_need",),
        penyebut="pus",
    ),
    Persen(
        nama="pb_target_persen",
        label="PB terhadap target (%)",
        singkat="PB/target",
        pembilang=("pb_kumulatif",),
        penyebut="target_pb",
        rekap_csv=False,
    ),
    # Published by the Dinas beside the §6 ones (DOMAIN §9, F/I/Dal/13).
    Persen(
        nama="pa_ppm_persen",
        label="PA terhadap PPM PA (%)",
        singkat="PA/PPM",
        pembilang=("pa",),
        penyebut="target_pa",
        rekap_csv=False,
    ),
    Persen(
        nama="mkjp_ppm_persen",
        label="PA MKJP terhadap PPM PA MKJP (%)",
        singkat="MKJP/PPM",
        pembilang=PA_MKJP,
        penyebut="target_pa_mkjp",
        rekap_csv=False,
    ),
    Persen(
        nama="pa_pria_persen",
        label="Kesertaan KB pria (MOP + kondom) terhadap PA (%)",
        singkat="KB pria",
        pembilang=("pa_mop", "pa_kondom"),
        penyebut="pa",
        rekap_csv=False,
    ),
)
MASUKAN: tuple[Masukan, ...] = (
    Masukan("pb_kumulatif", "PB kumulatif (Januari s.d. bulan ini)", kosong=0),
    Masukan("target_pb", "Target PB setahun (PPM)", kosong=None),
    Masukan("target_pa", "Target PA setahun, semua metode (PPM)", kosong=None),
    Masukan("target_pa_mkjp", "Target PA setahun, metode MKJP (PPM)", kosong=None),
)

INDIKATOR: dict[str, Indikator] = {i.nama: i for i in KATALOG}
LABEL: dict[str, str] = {i.nama: i.label for i in KATALOG}
KOLOM_HITUNG = [i.nama for i in KATALOG if isinstance(i, Hitung)]
KOLOM_TURUNAN = [i.nama for i in KATALOG if not isinstance(i, Hitung)]
KOLOM_PERSEN = [i.nama for i in KATALOG if i.is_persen]
KOLOM_REKAP_CSV = [i.nama for i in KATALOG if i.rekap_csv]
KOLOM_MASUKAN = [m.nama for m in MASUKAN]

# Balance rule (§6), checked before a desa report is submitted: pus = pa + hamil + ias + iat +
# tial, so tanpa_status must be 0.
RINCIAN_PUS = ("pa", "hamil", "ias", "iat", "tial")


def kolom_status(status: str | None) -> str:
    """The raw-count column a PUS with this status falls in ('' or None → tanpa_status)."""
    if not status:
        return "tanpa_status"
    return f"pa_{status.lower()}" if status in METODE else status.lower()


def hitung_kosong() -> dict[str, int]:
    """A row of raw counts, all zero."""
    return dict.fromkeys(KOLOM_HITUNG, 0)


def jumlahkan(daftar: Iterable[Mapping]) -> dict[str, int]:
    """Sum raw counts (a kecamatan is the sum of its desa). Only KOLOM_HITUNG is summed."""
    total = hitung_kosong()
    for baris in daftar:
        for kolom in KOLOM_HITUNG:
            total[kolom] += baris.get(kolom) or 0
    return total


def jumlahkan_masukan(daftar: Iterable[Mapping]) -> dict[str, int | None]:
    """Sum the Masukan figures of several desa; one nobody has stays at its `kosong` value."""
    daftar = list(daftar)
    total: dict[str, int | None] = {}
    for m in MASUKAN:
        isi = [int(a[m.nama]) for a in daftar if a.get(m.nama) is not None]
        total[m.nama] = sum(isi) if isi else m.kosong
    return total


def lengkapi(hitung: Mapping, **masukan: int | None) -> dict:
    """Raw counts plus every derived indicator of KATALOG (percentages as Decimal).

    `masukan`: the Masukan figures by name (pb_kumulatif=, target_pb=); missing ones count as
    absent (their percentage is 0)."""
    tidak_dikenal = set(masukan) - set(KOLOM_MASUKAN)
    if tidak_dikenal:
        raise TypeError(f"Masukan tidak dikenal: {', '.join(sorted(tidak_dikenal))}")
    h = {kolom: hitung.get(kolom) or 0 for kolom in KOLOM_HITUNG}
    nilai: dict = {**h, **masukan}
    for i in KATALOG:
        if isinstance(i, Jumlah | Persen):
            nilai[i.nama] = i.nilai(nilai)
    return {**hitung, **h, **{k: nilai[k] for k in KOLOM_TURUNAN}}


def cek_keseimbangan(hitung: Mapping) -> str | None:
    """The balance rule of §6 on raw counts; an Indonesian message when it fails, else None."""
    h = lengkapi({k: int(hitung.get(k) or 0) for k in KOLOM_HITUNG})
    if h["tanpa_status"]:
        return (
            f"Masih ada {h['tanpa_status']} PUS tanpa status KB. Lengkapi status KB setiap PUS "
            "sebelum laporan dikirim."
        )
    rincian = sum(h[k] for k in RINCIAN_PUS)
    if h["pus"] != rincian:
        return (
            f"Angka tidak seimbang: PUS = {h['pus']}, sedangkan PA + hamil + IAS + IAT + TIAL = "
            f"{rincian} (PA {h['pa']}, hamil {h['hamil']}, IAS {h['ias']}, IAT {h['iat']}, "
            f"TIAL {h['tial']}). Periksa kembali angka atau koreksinya."
        )
    return None


def seimbang(hitung: Mapping) -> bool:
    """Whether the raw counts satisfy the balance rule (`cek_keseimbangan`)."""
    return cek_keseimbangan(hitung) is None


def jenis_perubahan(sebelum: str | None, sesudah: str, *, peserta_baru: bool = False) -> str:
    """Kind of a status change (DOMAIN.md §5): 'pb' (flagged new acceptor), 'ganti_cara'
    (method → other method), 'drop_out' (method → not using), 'ber_kb' (to a method, not
    flagged PB), 'tetap' (same status) or 'lain' (between non-method statuses)."""
    if sebelum == sesudah:
        return "tetap"
    if sesudah in METODE:
        if peserta_baru:
            return "pb"
        return "ganti_cara" if sebelum in METODE else "ber_kb"
    return "drop_out" if sebelum in METODE else "lain"
