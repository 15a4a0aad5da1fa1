"""Documents of the official monthly form BKKBN F/I/Dal/13 (DOMAIN.md §9): the desa report in
the form's own layout (A4, one page per desa, signed by the PPKBD and the PKB/PLKB), and the
kecamatan and kabupaten documents — the same items summed, one row per desa or kecamatan — as
PDF and as one XLSX per level in the form's item order, for keying SIGA with no arithmetic.

The items, their order, labels and sums come from laporan.fidal (KATALOG, rekap_fidal); this
module only lays them out. Numbers are formatted once here (`1.234`, `12,50`), not by template
filters, so a kabupaten document stays fast.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from imp_smart import jobs
from imp_smart.bulan import akhir_bulan
from imp_smart.daerah import identitas
from imp_smart.ekspor import baris_xlsx
from imp_smart.models import Pekerjaan
from imp_smart.pdf import penandatangan, render_pdf
from kader.models import Institusi, Pengurus, Penugasan, Peran, Profil, Wilayah
from kader.scoping import SEMUA, saring, wilayah_saring
from laporan import fidal

TEMPLATE_DESA = "laporan/pdf/fidal_desa.html"
TEMPLATE_TINGKAT = "laporan/pdf/fidal_tingkat.html"
KODE_FORMULIR = "F/I/Dal/13"
# Value columns of one table in the landscape kecamatan/kabupaten PDF (beside the name column).
MAKS_KOLOM = 16
TINGKAT_XLSX = ("desa", "kecamatan", "kabupaten")


# --- values and labels ---------------------------------------------------------------------


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def teks_nilai(butir, nilai) -> str:
    """An item's value as printed: `1.234` (counts, rupiah), `12,50` (percentages)."""
    if butir.satuan == "persen":
        d = Decimal(nilai or 0).quantize(Decimal("0.01"))
        bulat, _, pecahan = f"{d:.2f}".partition(".")
        return f"{_ribuan(int(bulat))},{pecahan}"
    return _ribuan(int(nilai or 0))


def nilai_sel(butir, nilai):
    """An item's value for a spreadsheet cell: an int, or a float for a percentage."""
    if butir.satuan == "persen":
        return float(Decimal(nilai or 0).quantize(Decimal("0.01")))
    return int(nilai or 0)


def label_pendek(butir) -> str:
    """The item's short column header (the catalogue's `kolom`), else its label without its
    group's name ('PB IUD bulan ini' under IUD → 'PB bulan ini'), for a column or row that
    already names the group."""
    if getattr(butir, "kolom", ""):
        return butir.kolom
    if not butir.kelompok:
        return butir.label
    teks = re.sub(rf"(?<![\w-]){re.escape(butir.kelompok)}(?![\w-])", "", butir.label)
    teks = re.sub(r"\s+", " ", teks).strip()
    teks = re.sub(r"\s+ke$", "", teks)  # 'Ganti cara ke' (IUD) → 'Ganti cara'
    return teks[:1].upper() + teks[1:]


def _grup_bagian(bagian: str) -> list[tuple[str, list]]:
    """Consecutive items of a section grouped by `kelompok`: [(kelompok or '', [Butir])]."""
    grup: list[tuple[str, list]] = []
    for b in fidal.KATALOG:
        if b.bagian != bagian:
            continue
        if grup and b.kelompok and grup[-1][0] == b.kelompok:
            grup[-1][1].append(b)
        else:
            grup.append((b.kelompok, [b]))
    return grup


def _urutan_bagian() -> list[str]:
    urutan = []
    for b in fidal.KATALOG:
        if b.bagian not in urutan:
            urutan.append(b.bagian)
    return urutan


# --- one desa: the form's own layout --------------------------------------------------------


@dataclass
class SeksiDesa:
    """One section of the desa form: plain rows (label, value) and, where the section repeats
    the same items for several groups (institutions, poktan, methods), a pivot table with one
    row per group and one column per item."""

    kode: str
    judul: str
    daftar: list[tuple[str, str]] = field(default_factory=list)
    kolom: list[str] = field(default_factory=list)
    baris: list[tuple[str, list[str]]] = field(default_factory=list)
    jumlah: list[str] | None = None


def susun_desa(angka: dict) -> list[SeksiDesa]:
    """The sections of the form for one desa's items (as `fidal.lengkapi` gives them)."""
    hasil = []
    for kode in _urutan_bagian():
        seksi = SeksiDesa(kode=kode, judul=fidal.BAGIAN.get(kode, kode))
        grup = _grup_bagian(kode)
        berulang = [(k, daftar) for k, daftar in grup if k]
        panjang = {len(daftar) for _, daftar in berulang}
        pivot = len(berulang) >= 2 and len(panjang) == 1
        for k, daftar in grup:
            if pivot and k:
                continue
            seksi.daftar += [(b.label, teks_nilai(b, angka.get(b.kode))) for b in daftar]
        if pivot:
            seksi.kolom = [label_pendek(b) for b in berulang[0][1]]
            for k, daftar in berulang:
                seksi.baris.append((k, [teks_nilai(b, angka.get(b.kode)) for b in daftar]))
            if kode == "V":  # methods: the column totals (what the officer would add up)
                contoh = berulang[0][1]
                seksi.jumlah = [
                    teks_nilai(contoh[i], sum(int(angka.get(d[i].kode) or 0) for _, d in berulang))
                    for i in range(len(contoh))
                ]
        hasil.append(seksi)
    return hasil


def _nama_pengguna(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()


def penandatangan_desa(desa: Wilayah, bulan: date) -> dict:
    """Who signs a desa's form for the month: the PPKBD's chair and the PKB/PLKB assigned to
    the desa on the month's last day (empty: a dotted line to fill in by hand)."""
    akhir = akhir_bulan(bulan)
    ketua = (
        Pengurus.objects.filter(
            institusi__wilayah=desa,
            institusi__jenis=Institusi.Jenis.PPKBD,
            jabatan=Pengurus.Jabatan.KETUA,
        )
        .berlaku_pada(akhir)
        .select_related("kader", "institusi")
        .order_by("-mulai")
        .first()
    )
    tugas = (
        Penugasan.objects.filter(desa=desa)
        .aktif_pada(akhir)
        .select_related("penyuluh")
        .order_by("-mulai")
        .first()
    )
    return {
        "tempat": desa.nama,
        "ppkbd": ketua.kader.nama if ketua else "",
        "nama_ppkbd": ketua.institusi.nama if ketua else "",
        "pkb": _nama_pengguna(tugas.penyuluh) if tugas else "",
    }


def _halaman(seksi: list[SeksiDesa], lebar: int = 5) -> list[list[SeksiDesa]]:
    """Sections two by two across the page; one with a table wider than `lebar` columns (the
    methods) takes the whole width."""
    hasil: list[list[SeksiDesa]] = []
    for s in seksi:
        if len(s.kolom) > lebar:
            hasil.append([s])
        elif hasil and len(hasil[-1]) == 1 and len(hasil[-1][0].kolom) <= lebar:
            hasil[-1].append(s)
        else:
            hasil.append([s])
    return hasil


def konteks_desa(*, desa: Wilayah, bulan: date, angka: dict, disetujui: bool) -> dict:
    """Everything the desa form prints; `angka` the report's figures (frozen or current)."""
    return {
        "kode_formulir": KODE_FORMULIR,
        "desa": desa,
        "kecamatan": desa.kecamatan,
        "bulan": bulan,
        "lajur": _halaman(susun_desa(fidal.lengkapi(angka))),
        "disetujui": disetujui,
        "nama_provinsi": identitas().nama_provinsi,
        "ttd": penandatangan_desa(desa, bulan),
    }


def pdf_desa(*, desa: Wilayah, bulan: date, angka: dict, disetujui: bool) -> bytes:
    """The desa report on the form's A4 page."""
    return render_pdf(
        TEMPLATE_DESA, konteks_desa(desa=desa, bulan=bulan, angka=angka, disetujui=disetujui)
    )


# --- the section of the district recap PDF ---------------------------------------------------


def ringkasan_rekap(rekap: dict) -> dict:
    """The §9 section of the recap PDF (laporan.services_rekap.konteks_pdf): the items of the
    recap's area summed, in the form's layout, and the yearly targets against the month per
    kecamatan. From the recap's own per-desa figures (`mentah`): no query."""
    total, target = [], []
    for k in rekap["kecamatan"]:
        daftar = k.get("mentah") or [b["angka"] for b in k["desa"]]
        total += daftar
        target.append((k["wilayah"].nama, _baris_target(fidal.jumlahkan(daftar))))
    jumlah = fidal.jumlahkan(total)
    return {
        "lajur": _halaman(susun_desa(jumlah)),
        "kolom_target": KOLOM_TARGET,
        "target": target,
        "target_jumlah": _baris_target(jumlah),
    }


KOLOM_TARGET = [
    "PPM PB",
    "PB s.d. bulan ini",
    "Sisa PPM PB",
    "PPM PA",
    "PA",
    "PA terhadap PPM PA (%)",
    "PA MKJP terhadap PPM PA MKJP (%)",
]


def _baris_target(h: dict) -> list[str]:
    """A level's targets (summed over the methods) against the month: KOLOM_TARGET."""
    ms = [m.lower() for m in fidal.METODE]
    nilai = [
        sum(h[f"v_{m}_ppm_pb"] for m in ms),
        sum(h[f"v_{m}_pb_kumulatif"] for m in ms),
        sum(h[f"v_{m}_sisa_pb"] for m in ms),
        sum(h[f"v_{m}_ppm_pa"] for m in ms),
        sum(h[f"pa_{m}"] for m in ms),
    ]
    persen = fidal.BUTIR["pa_ppm_persen"]
    return [teks_nilai(fidal.BUTIR["pus"], n) for n in nilai] + [
        teks_nilai(persen, h["pa_ppm_persen"]),
        teks_nilai(persen, h["mkjp_ppm_persen"]),
    ]


# --- kecamatan and kabupaten: one row per desa or kecamatan ----------------------------------


@dataclass
class TabelTingkat:
    """One table of a level document: a section's items (or part of them) as columns, one row
    per desa or kecamatan, the level's sums as the last row."""

    judul: str
    kepala_atas: list[tuple[str, int, int]]  # (text, colspan, rowspan) after the name column
    kepala_bawah: list[str]  # the item labels under a group heading
    baris: list[tuple[str, list[str]]]
    jumlah: tuple[str, list[str]]

    @property
    def dua_baris(self) -> bool:
        return bool(self.kepala_bawah)


def _kepala_tabel(bagian: list[tuple[str, list]]):
    """Header rows: a group's name over its items' short labels; a lone item (no group, or a
    group of one) spans both rows with its full label."""
    atas, bawah = [], []
    dua = any(k and len(d) > 1 for k, d in bagian)
    for k, daftar in bagian:
        if k and len(daftar) > 1:
            atas.append((k, len(daftar), 1))
            bawah += [label_pendek(b) for b in daftar]
        else:
            atas += [(b.label, 1, 2 if dua else 1) for b in daftar]
    return atas, bawah


def _potong(grup: list[tuple[str, list]], maks: int) -> list[list[tuple[str, list]]]:
    """Groups packed in order into tables of at most `maks` columns (a group is never split
    unless it alone is wider)."""
    potongan, kini, lebar = [], [], 0
    for k, daftar in grup:
        for i in range(0, len(daftar), maks):
            bagian = daftar[i : i + maks]
            if kini and lebar + len(bagian) > maks:
                potongan.append(kini)
                kini, lebar = [], 0
            kini.append((k, bagian))
            lebar += len(bagian)
    if kini:
        potongan.append(kini)
    return potongan


def susun_tingkat(
    baris: list[tuple[str, dict]], jumlah: tuple[str, dict], *, maks: int = MAKS_KOLOM
) -> list[TabelTingkat]:
    """Tables of a level document: every section in the form's order, cut to `maks` columns;
    `baris` = [(name, items)] one per desa or kecamatan, `jumlah` = (label, the level's sums)."""
    hasil = []
    for kode in _urutan_bagian():
        potongan = _potong(_grup_bagian(kode), maks)
        for i, bagian in enumerate(potongan):
            butir = [b for _, daftar in bagian for b in daftar]
            judul = fidal.BAGIAN.get(kode, kode)
            if len(potongan) > 1:
                nama = [k for k, daftar in bagian if k and len(daftar) > 1]
                judul += f" ({i + 1}/{len(potongan)}{': ' if nama else ''}{', '.join(nama)})"
            atas, bawah = _kepala_tabel(bagian)
            hasil.append(
                TabelTingkat(
                    judul=judul,
                    kepala_atas=atas,
                    kepala_bawah=bawah,
                    baris=[
                        (nama, [teks_nilai(b, angka.get(b.kode)) for b in butir])
                        for nama, angka in baris
                    ],
                    jumlah=(jumlah[0], [teks_nilai(b, jumlah[1].get(b.kode)) for b in butir]),
                )
            )
    return hasil


def penandatangan_kecamatan(kecamatan: Wilayah) -> dict:
    """The kecamatan's coordinator (the user with that role and area; empty: dotted line)."""
    profil = (
        Profil.objects.filter(peran=Peran.KOORDINATOR, wilayah=kecamatan, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return {
        "tempat": penandatangan()["tempat"],
        "jabatan": f"Koordinator PKB/PLKB Kecamatan {kecamatan.nama}",
        "nama": _nama_pengguna(profil.user) if profil else "",
        "nip": "",
    }


def konteks_kecamatan(*, bulan: date, kecamatan: Wilayah, rekap=None) -> dict:
    """The kecamatan document: one row per desa, the kecamatan's sums."""
    rekap = rekap or fidal.rekap_fidal(
        bulan=bulan,
        desa_ids=Wilayah.objects.desa().filter(kecamatan=kecamatan).values_list("pk", flat=True),
    )
    baris = [
        (rekap.wilayah[d].nama + ("" if d in rekap.disetujui else " *"), a)
        for d, a in rekap.desa.items()
        if rekap.wilayah[d].kecamatan_id == kecamatan.pk
    ]
    jumlah = rekap.kecamatan.get(kecamatan.pk) or fidal.jumlahkan([])
    return {
        "kode_formulir": KODE_FORMULIR,
        "bulan": bulan,
        "tingkat": "kecamatan",
        "wilayah": kecamatan,
        "judul_baris": "Desa/kelurahan",
        "tabel": susun_tingkat(baris, (f"Jumlah {kecamatan.nama}", jumlah)),
        "sementara": _sementara(rekap),
        "ttd": penandatangan_kecamatan(kecamatan),
    }


def _sementara(rekap) -> int:
    """Desa whose figures are live (no approved report yet), marked * in the documents."""
    return sum(1 for d in rekap.desa if d not in rekap.disetujui)


def konteks_kabupaten(*, bulan: date, rekap=None) -> dict:
    """The kabupaten document: one row per kecamatan, the kabupaten's sums."""
    rekap = rekap or fidal.rekap_fidal(bulan=bulan, desa_ids=SEMUA)
    kec_sementara = {rekap.wilayah[d].kecamatan_id for d in rekap.desa if d not in rekap.disetujui}
    baris = [
        (rekap.wilayah[k].nama + (" *" if k in kec_sementara else ""), a)
        for k, a in rekap.kecamatan.items()
    ]
    nama = identitas().nama_kabupaten
    return {
        "kode_formulir": KODE_FORMULIR,
        "bulan": bulan,
        "tingkat": "kabupaten",
        "wilayah": None,
        "judul_baris": "Kecamatan",
        "tabel": susun_tingkat(baris, (f"Jumlah {nama}", rekap.kabupaten)),
        "sementara": _sementara(rekap),
        "ttd": penandatangan(),
    }


def pdf_kecamatan(*, bulan: date, kecamatan: Wilayah, berkas=None) -> bytes:
    return render_pdf(
        TEMPLATE_TINGKAT, {**konteks_kecamatan(bulan=bulan, kecamatan=kecamatan), "berkas": berkas}
    )


def pdf_kabupaten(*, bulan: date, berkas=None) -> bytes:
    return render_pdf(TEMPLATE_TINGKAT, {**konteks_kabupaten(bulan=bulan), "berkas": berkas})


# --- XLSX: one workbook per level, items in the form's order --------------------------------


def _kepala(ws, teks, *, tebal=True, miring=False):
    sel = WriteOnlyCell(ws, value=teks)
    sel.font = Font(bold=tebal, italic=miring)
    sel.alignment = Alignment(wrap_text=True, vertical="top")
    return sel


def xlsx_baris(
    *,
    judul: str,
    kolom_awal: list[str],
    baris: list[tuple[list, dict]],
    jumlah: tuple[list, dict] | None = None,
) -> bytes:
    """A workbook with one sheet: three header rows (section, group, the form's label) above
    the item columns in KATALOG order, then one row per area ([first cells], items), then the
    level's sums. Text cells pass through `imp_smart.ekspor` (formula-safe)."""
    butir = list(fidal.KATALOG)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(re.sub(r"[\[\]:*?/\\]", "-", judul)[:31])
    n_awal = len(kolom_awal)
    for i in range(1, n_awal + 1):
        ws.column_dimensions[get_column_letter(i)].width = 14 if i > 1 else 16
    for i in range(len(butir)):
        ws.column_dimensions[get_column_letter(n_awal + i + 1)].width = 13
    ws.freeze_panes = f"{get_column_letter(n_awal + 1)}5"
    ws.append([_kepala(ws, judul)])
    ws.append(
        [_kepala(ws, "")] * n_awal
        + [_kepala(ws, fidal.BAGIAN.get(b.bagian, b.bagian)) for b in butir]
    )
    ws.append([_kepala(ws, "")] * n_awal + [_kepala(ws, b.kelompok, tebal=False) for b in butir])
    ws.append([_kepala(ws, k) for k in kolom_awal] + [_kepala(ws, b.label) for b in butir])
    for awal, angka in baris:
        ws.append(baris_xlsx(ws, [*awal, *[nilai_sel(b, angka.get(b.kode)) for b in butir]]))
    if jumlah is not None:
        awal, angka = jumlah
        sel = baris_xlsx(ws, [*awal, *[nilai_sel(b, angka.get(b.kode)) for b in butir]])
        tebal = []
        for v in sel:
            c = v if isinstance(v, Cell) else WriteOnlyCell(ws, value=v)
            c.font = Font(bold=True)
            tebal.append(c)
        ws.append(tebal)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def _status(rekap, desa_id) -> str:
    return "Disetujui" if desa_id in rekap.disetujui else "Sementara"


def xlsx_fidal(*, bulan: date, tingkat: str, desa_ids, kecamatan: Wilayah | None = None):
    """(file name, bytes) of the F/I/Dal/13 workbook of a level for the month, over `desa_ids`
    (the user's areas, or SEMUA; leaving them out is an error):
    - `desa`: one row per desa (the given set, or every desa of `kecamatan`, or all), no sums;
    - `kecamatan`: one row per desa of `kecamatan` and its sums;
    - `kabupaten`: one row per kecamatan and the kabupaten's sums (every desa)."""
    if tingkat not in TINGKAT_XLSX:
        raise ValueError(
            f"Tingkat '{tingkat}' tidak dikenal; pilih desa, kecamatan atau kabupaten."
        )
    desa_ids = wilayah_saring(desa_ids)  # fails closed; None from here on: every desa
    bln = f"{bulan:%Y-%m}"
    if tingkat == "kabupaten":
        rekap = fidal.rekap_fidal(bulan=bulan, desa_ids=SEMUA)
        kab = identitas().nama_kabupaten
        baris = [
            ([rekap.wilayah[k].kode, rekap.wilayah[k].nama], a) for k, a in rekap.kecamatan.items()
        ]
        isi = xlsx_baris(
            judul=f"FIDAL13 kabupaten {bln}",
            kolom_awal=["Kode kecamatan", "Kecamatan"],
            baris=baris,
            jumlah=(["", f"Jumlah {kab}"], rekap.kabupaten),
        )
        return f"fidal13-kabupaten-{bln}.xlsx", isi
    if kecamatan is not None:
        ids = Wilayah.objects.desa().filter(kecamatan=kecamatan).values_list("pk", flat=True)
        desa_ids = set(ids) if desa_ids is None else set(ids) & set(desa_ids)
    rekap = fidal.rekap_fidal(bulan=bulan, desa_ids=SEMUA if desa_ids is None else desa_ids)
    baris = [
        (
            [
                rekap.wilayah[d].kode,
                rekap.wilayah[d].nama,
                rekap.wilayah[d].kecamatan.nama,
                _status(rekap, d),
            ],
            a,
        )
        for d, a in rekap.desa.items()
    ]
    awal = ["Kode desa", "Desa/kelurahan", "Kecamatan", "Angka"]
    if tingkat == "kecamatan":
        if kecamatan is None:
            raise ValueError("Pilih kecamatan.")
        jumlah = rekap.kecamatan.get(kecamatan.pk) or fidal.jumlahkan([])
        isi = xlsx_baris(
            judul=f"FIDAL13 {kecamatan.nama} {bln}",
            kolom_awal=awal,
            baris=baris,
            jumlah=(["", f"Jumlah {kecamatan.nama}", "", ""], jumlah),
        )
        return f"fidal13-kecamatan-{slugify(kecamatan.nama)}-{bln}.xlsx", isi
    akhiran = f"-{slugify(kecamatan.nama)}" if kecamatan is not None else ""
    isi = xlsx_baris(judul=f"FIDAL13 desa {bln}", kolom_awal=awal, baris=baris)
    return f"fidal13-desa{akhiran}-{bln}.xlsx", isi


# --- the kecamatan and kabupaten PDF as background jobs ---------------------------------------

JENIS = "laporan.fidal"


def jenis_pekerjaan():
    """Registered by LaporanConfig.ready(): a plain job row (no table of its own) whose
    `parameter` names the month and the kecamatan (None: the kabupaten)."""
    return jobs.JenisPekerjaan(
        kode=JENIS,
        label="Rekap F/I/Dal/13 (PDF)",
        tugas="laporan.tasks.fidal_buat",
        izin="laporan.view_laporandesa",
        terlihat=fidal_terlihat,
    )


def fidal_terlihat(user, qs):
    """A kecamatan's files to whoever sees that kecamatan; the kabupaten's to the whole-district
    roles only."""
    return saring(qs, user, "parameter__wilayah_id")


def _kunci(bulan: date, kecamatan: Wilayah | None) -> str:
    return f"{bulan:%Y-%m}/{kecamatan.kode if kecamatan else 'kabupaten'}"


def fidal_minta(*, bulan: date, kecamatan: Wilayah | None = None, oleh=None):
    """Ask for the PDF of a kecamatan (or, None, of the kabupaten) for the month: a new
    numbered version, or the one already waiting."""
    nama = slugify(kecamatan.nama) if kecamatan else "kabupaten"
    return jobs.minta(
        Pekerjaan,
        jenis_pekerjaan=JENIS,
        kunci=_kunci(bulan, kecamatan),
        oleh=oleh,
        parameter={"bulan": f"{bulan:%Y-%m}", "wilayah_id": kecamatan.pk if kecamatan else None},
        nama_berkas=f"fidal13-{nama}-{bulan:%Y-%m}-v{{versi}}.pdf",
    )


def fidal_buat(*, pekerjaan_id: int) -> bool:
    """The task's work: render and store one PDF. False if another run holds (or finished) it."""
    return jobs.buat_berkas(
        Pekerjaan,
        pekerjaan_id,
        render=_render_pekerjaan,
        jalur=lambda p: f"fidal13/{p.parameter['bulan'].replace('-', '/')}/{p.nama_berkas}",
        tahap="Menghitung butir F/I/Dal/13",
    )


def _render_pekerjaan(pekerjaan, k) -> bytes:
    tahun, bln = (int(x) for x in pekerjaan.parameter["bulan"].split("-"))
    bulan = date(tahun, bln, 1)
    wilayah_id = pekerjaan.parameter.get("wilayah_id")
    if wilayah_id:
        kecamatan = Wilayah.objects.kecamatan().get(pk=wilayah_id)
        konteks = konteks_kecamatan(bulan=bulan, kecamatan=kecamatan)
    else:
        konteks = konteks_kabupaten(bulan=bulan)
    k.lapor(60, "Menyusun PDF")
    return render_pdf(TEMPLATE_TINGKAT, {**konteks, "berkas": pekerjaan})


def fidal_daftar(*, bulan: date, user) -> list:
    """The month's PDF versions the user may see, newest first, each with `wilayah` (the
    kecamatan, or None for the kabupaten)."""
    qs = Pekerjaan.objects.filter(jenis_pekerjaan=JENIS, kunci__startswith=f"{bulan:%Y-%m}/")
    daftar = list(fidal_terlihat(user, qs).order_by("-diminta_pada", "-versi")[:60])
    ids = {p.parameter.get("wilayah_id") for p in daftar} - {None}
    wilayah = Wilayah.objects.in_bulk(ids)
    for p in daftar:
        p.wilayah = wilayah.get(p.parameter.get("wilayah_id"))
    return daftar
