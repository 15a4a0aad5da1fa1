"""Every spreadsheet or CSV a user downloads: text that starts like a formula stays text.

Hostile names (`=HYPERLINK(...)`, `@SUM(1)`, `-2+3`) are put into every kind of record the
exports list; each export is downloaded: in an XLSX every such cell is a string with Excel's
quote prefix (never data_type "f"), in a CSV it starts with an apostrophe; numbers stay numbers.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from openpyxl import load_workbook

from imp_smart.ekspor import AWAL_RUMUS, EksporXlsxMixin, baris_aman, sel_aman
from kader.dana import services as sd
from kader.models import TransaksiKas
from pendataan import services as ps
from pendataan.models import Impor
from pertemuan.models import KelompokMasyarakat, PelayananKB, Sosialisasi
from tests.factories import (
    DesaFactory,
    DusunFactory,
    KaderFactory,
    MitraFactory,
    SKFactory,
    SubPpkbdFactory,
)
from tests.pendataan.factories import pus_buat
from tests.pertemuan.factories import (
    MasalahFactory,
    PelatihanFactory,
    PertemuanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
)

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://x","klik")'
AT = "@SUM(1)"
MINUS = "-2+3"
RACUN = (RUMUS, AT, MINUS, "-1")


@pytest.fixture
def data(area, users):
    """Hostile text in every record an export lists (desa A, dusun A1, kecamatan K)."""
    DesaFactory(induk=area.kec_k, nama=RUMUS)
    dusun = DusunFactory(induk=area.desa_a, nama=AT)
    inst = SubPpkbdFactory(wilayah=dusun, nama=RUMUS)
    KaderFactory(institusi=area.ppkbd_a, nama=RUMUS, pekerjaan=MINUS)
    KaderFactory(institusi=inst, nama=AT)
    MitraFactory(wilayah=area.desa_a, nama=RUMUS)
    SKFactory(nomor=RUMUS, tentang=AT)
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 1),
        jenis=TransaksiKas.Jenis.PEMASUKAN_LAIN,
        jumlah=Decimal(25000),
        uraian=RUMUS,
    )
    sd.arisan_buat(institusi=area.ppkbd_a, nama=RUMUS, setoran=Decimal(5000))
    pertemuan = PertemuanFactory(wilayah=area.desa_a, judul=RUMUS, tempat=AT)
    TindakLanjutFactory(
        masalah=MasalahFactory(pertemuan=pertemuan, uraian=AT),
        uraian=RUMUS,
        penanggung_jawab=MINUS,
    )
    SesiKIEFactory(wilayah=area.desa_a, penyaji=RUMUS)
    Sosialisasi.objects.create(
        jenis="eksternal",
        judul=RUMUS,
        tanggal=date(2025, 3, 12),
        wilayah=area.desa_a,
        sasaran="kua",
        jumlah_terjangkau=40,
    )
    PelayananKB.objects.create(
        jenis="bakti_tni", judul=AT, tanggal=date(2025, 3, 12), wilayah=area.desa_a, tempat=RUMUS
    )
    KelompokMasyarakat.objects.create(
        nama=RUMUS,
        jenis="remaja",
        wilayah=area.dusun_a1,
        jumlah_anggota=12,
        tanggal_mulai=date(2024, 6, 1),
        institusi_asal=area.ppkbd_a,
    )
    PoktanFactory(wilayah=area.desa_a, nama=RUMUS)
    plt = PelatihanFactory(wilayah=area.desa_a, judul=RUMUS)
    PesertaPelatihanFactory(pelatihan=plt, kader=KaderFactory(institusi=area.ppkbd_a))
    from tests.pertemuan.factories import KonselingFactory

    ibu = pus_buat(dusun=area.dusun_a1, nama=RUMUS, rt="-1")
    KonselingFactory(
        anggota=ibu, tanggal=date(2025, 3, 20), tanggal_tindak_lanjut=date(2025, 3, 25), faskes=AT
    )
    belum = pus_buat(dusun=area.dusun_a1, nama=AT)  # not counselled: on the worklist
    ps.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus={w.pk: area.desa_a.pk for w in (ibu, belum)},
        isian={w.pk: ps.Isian("TIAL") for w in (ibu, belum)},
    )
    return area


def _list(nama, **q):
    return lambda area: (reverse(nama), {"ekspor": "xlsx", **q})


def _induk(nama, attr, **q):
    return lambda area: (reverse(nama, args=[getattr(area, attr).pk]), {"ekspor": "xlsx", **q})


# Every XLSX a user downloads: (name, user, url builder).
EKSPOR_XLSX = [
    ("wilayah", "dinas", _list("kader:wilayah_list")),
    ("institusi", "dinas", _list("kader:institusi_list")),
    ("kader", "dinas", _list("kader:kader_list")),
    ("sk", "dinas", _list("kader:sk_list")),
    ("mitra", "dinas", _list("kader:mitra_list")),
    ("kas", "dinas", _list("kader:dana:kas_list")),
    ("arisan", "dinas", _list("kader:dana:arisan_list")),
    ("buku_kas", "ppkbd", _induk("kader:dana:kas_detail", "ppkbd_a", dari="2025-01-01")),
    ("pertemuan", "dinas", _list("pertemuan:list")),
    ("tindak_lanjut", "dinas", _list("pertemuan:tindak_lanjut_list")),
    ("kie", "dinas", _list("pertemuan:kie_list")),
    ("konseling", "dinas", _list("pertemuan:konseling_list")),
    ("konseling_jatuh_tempo", "ppkbd", _list("pertemuan:konseling_jatuh_tempo")),
    ("poktan", "dinas", _list("pertemuan:poktan_list")),
    ("pelatihan", "dinas", _list("pertemuan:pelatihan_list")),
    ("belum_dilatih", "dinas", _list("pertemuan:belum_dilatih")),
    ("sosialisasi", "dinas", _list("pertemuan:sosialisasi_list")),
    ("pelayanan_kb", "dinas", _list("pertemuan:pelayanan_list")),
    ("kelompok", "dinas", _list("pertemuan:kelompok_list")),
    ("ringkasan_kas", "ppkbd", _induk("kader:dana:ringkasan", "ppkbd_a", tahun="2025")),
    (
        "sasaran",
        "sub_ppkbd",
        lambda a: (reverse("pendataan:sasaran"), {"bulan": "2025-03", "format": "xlsx"}),
    ),
    ("rekap", "dinas", lambda a: (reverse("laporan:rekap_xlsx", args=["2025-03"]), {})),
    (
        "fidal13",
        "dinas",
        lambda a: (reverse("laporan:fidal_xlsx", args=["2025-03"]), {"tingkat": "desa"}),
    ),
]

# Exports with no free text (monthly sums): checked for formulas only.
TANPA_TEKS = {"ringkasan_kas"}


def _sel_teks(buku):
    for lembar in buku.worksheets:
        for baris in lembar.iter_rows():
            yield from baris


@pytest.mark.parametrize("nama,peran,url", EKSPOR_XLSX, ids=[e[0] for e in EKSPOR_XLSX])
def test_xlsx_export_writes_formula_like_text_as_text(client, users, data, nama, peran, url):
    client.force_login(getattr(users, peran))
    alamat, q = url(data)
    resp = client.get(alamat, q)
    assert resp.status_code == 200 and resp.content[:2] == b"PK", nama
    buku = load_workbook(io.BytesIO(resp.content))
    sel = list(_sel_teks(buku))
    assert not [c.coordinate for c in sel if c.data_type == "f"], f"{nama}: live formula"
    berbahaya = [c for c in sel if isinstance(c.value, str) and c.value.startswith(AWAL_RUMUS)]
    assert berbahaya or nama in TANPA_TEKS, f"{nama}: no hostile name in this export (test data)"
    for c in berbahaya:
        assert c.data_type == "s" and c.quotePrefix, f"{nama} {c.coordinate}: {c.value!r}"
    assert {c.value for c in berbahaya} <= set(RACUN)


def test_xlsx_export_keeps_numbers_numbers(client, users, data):
    client.force_login(users.ppkbd)
    resp = client.get(
        reverse("kader:dana:kas_detail", args=[data.ppkbd_a.pk]),
        {"ekspor": "xlsx", "dari": "2025-01-01"},
    )
    sel = list(_sel_teks(load_workbook(io.BytesIO(resp.content))))
    assert 25000 in [c.value for c in sel if c.data_type == "n"]


def test_rekap_csv_neutralises_text_and_keeps_columns_and_numbers(client, users, data):
    client.force_login(users.dinas)
    resp = client.get(reverse("laporan:rekap_csv", args=["2025-03"]), {"tingkat": "desa"})
    baris = list(csv.reader(io.StringIO(resp.content.decode())))
    kepala = baris[0]
    assert kepala[:4] == ["kode_wilayah", "nama_wilayah", "tingkat", "bulan"]
    nama = [b[1] for b in baris[1:]]
    assert "'" + RUMUS in nama and RUMUS not in nama
    desa_a = next(b for b in baris[1:] if b[1] == "Desa A")
    assert desa_a[kepala.index("pus")] == "2"  # counts are written as they were


# Every CSV a user downloads, besides the import errors (below): (name, user, url builder).
EKSPOR_CSV = [
    (
        "rekap",
        "dinas",
        lambda a: (reverse("laporan:rekap_csv", args=["2025-03"]), {"tingkat": "desa"}),
    ),
    (
        "rekap_metode",
        "dinas",
        lambda a: (reverse("laporan:rekap_metode_csv", args=["2025-03"]), {"tingkat": "desa"}),
    ),
    (
        "program",
        "dinas",
        lambda a: (reverse("laporan:program_csv", args=["2025-03"]), {"tingkat": "desa"}),
    ),
    ("target", "dinas", lambda a: (reverse("pendataan:target_ekspor"), {})),
]
CSV_TANPA_TEKS = {"target"}  # codes and numbers only


def _angka(teks: str) -> bool:
    try:
        float(teks.replace(",", "."))
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("nama,peran,url", EKSPOR_CSV, ids=[e[0] for e in EKSPOR_CSV])
def test_csv_export_writes_formula_like_text_with_an_apostrophe(
    client, users, data, nama, peran, url
):
    client.force_login(getattr(users, peran))
    alamat, q = url(data)
    resp = client.get(alamat, q)
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv"), nama
    sel = [c for b in list(csv.reader(io.StringIO(resp.content.decode())))[1:] for c in b]
    mentah = [c for c in sel if c.startswith(AWAL_RUMUS) and not _angka(c)]
    assert not mentah, f"{nama}: formula-like text written as it is: {mentah}"
    dinetralkan = {c[1:] for c in sel if c.startswith("'") and c[1:].startswith(AWAL_RUMUS)}
    assert dinetralkan or nama in CSV_TANPA_TEKS, f"{nama}: no hostile name in this export"
    assert dinetralkan <= set(RACUN)


def _rute(patterns=None, awalan=""):
    """(name, pattern, callback) of every routed URL."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{awalan}{p.namespace}:" if p.namespace else awalan
            yield from _rute(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield f"{awalan}{p.name}", str(p.pattern), p.callback


def test_every_list_export_and_download_is_in_the_tables_above(area):
    """A new list with 'Ekspor XLSX', or a new .csv/.xlsx address, fails here until it is added
    to EKSPOR_XLSX / EKSPOR_CSV (and so downloaded with hostile text by the tests above)."""
    diuji = {resolve(url(area)[0]) for _, _, url in EKSPOR_XLSX + EKSPOR_CSV}
    kelas_diuji = {getattr(r.func, "view_class", None) for r in diuji}
    nama_diuji = {r.view_name for r in diuji} | {"pendataan:impor_kesalahan"}  # test above
    rute = list(_rute())
    daftar_ekspor = {
        cb.view_class
        for _, _, cb in rute
        if isinstance(getattr(cb, "view_class", None), type)
        and issubclass(cb.view_class, EksporXlsxMixin)
    }
    assert len(daftar_ekspor) >= 18
    assert not daftar_ekspor - kelas_diuji, "list exports without a formula test"
    unduhan = {nama for nama, pola, _ in rute if pola.endswith((".csv", ".xlsx"))}
    assert len(unduhan) >= 6
    assert not unduhan - nama_diuji, "downloads without a formula test"


AKAR = Path(__file__).resolve().parents[2]


def test_every_module_that_writes_a_sheet_or_csv_uses_the_neutralising_helper():
    """Code that builds a workbook or a CSV writer passes its cells through imp_smart.ekspor
    (sel_aman/baris_aman for CSV, sel_xlsx/baris_xlsx for XLSX)."""
    menulis = re.compile(r"\bWorkbook\(|csv\.(writer|DictWriter)\(")
    penetral = re.compile(r"\b(sel_aman|baris_aman|sel_xlsx|baris_xlsx)\b")
    ditemukan, tanpa = [], []
    for app in ("imp_smart", "kader", "pendataan", "pertemuan", "laporan"):
        for berkas in sorted((AKAR / app).rglob("*.py")):
            if "migrations" in berkas.parts or berkas == AKAR / "imp_smart" / "ekspor.py":
                continue
            teks = berkas.read_text()
            if menulis.search(teks):
                ditemukan.append(berkas)
                if not penetral.search(teks):
                    tanpa.append(str(berkas.relative_to(AKAR)))
    assert len(ditemukan) >= 5
    assert not tanpa, f"writes a sheet/CSV without the formula-neutralising helper: {tanpa}"


def test_import_errors_csv_neutralises_quoted_file_content(client, users):
    job = Impor.objects.create(
        jenis="keluarga",
        nama_berkas="k.csv",
        berkas="impor/k.csv",
        oleh=users.ppkbd,
        status=Impor.Status.GAGAL,
        kesalahan=[
            {"baris": 2, "kolom": RUMUS, "pesan": AT},
            {"baris": 3, "kolom": MINUS, "pesan": "x"},
        ],
        jumlah_kesalahan=2,
    )
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pendataan:impor_kesalahan", args=[job.pk]))
    baris = list(csv.reader(io.StringIO(resp.content.decode())))
    assert baris[1] == ["2", "'" + RUMUS, "'" + AT]
    assert baris[2] == ["3", "'" + MINUS, "x"]


@pytest.mark.parametrize(
    "nilai,hasil",
    [
        (RUMUS, "'" + RUMUS),
        (AT, "'" + AT),
        (MINUS, "'" + MINUS),
        ("+62 811", "'+62 811"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Desa A", "Desa A"),
        (-5, -5),
        (Decimal("-2.5"), Decimal("-2.5")),
        (None, None),
    ],
)
def test_sel_aman(nilai, hasil):
    assert sel_aman(nilai) == hasil
    assert baris_aman({"a": nilai}) == {"a": hasil}
