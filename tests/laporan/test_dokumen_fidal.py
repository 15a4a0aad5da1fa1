"""The F/I/Dal/13 documents (DOMAIN.md §9): the desa form as printed (pdftotext: one page, one
desa's items in their places, the signers), the kecamatan document (one row per desa, the
kecamatan's sums), and the workbooks (columns in the form's item order, typed cells, sums,
formula-safe names)."""

import io
import re
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from imp_smart.pdf import render_pdf
from laporan import dokumen_fidal as D
from laporan import fidal
from tests.factories import PengurusFactory, PenugasanFactory, UserFactory

pytestmark = pytest.mark.django_db

MAR = date(2025, 3, 1)


def teks_pdf(isi: bytes, tmp_path) -> list[str]:
    """Each page's text (pdftotext -layout)."""
    berkas = tmp_path / "f.pdf"
    berkas.write_bytes(isi)
    keluar = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [h for h in keluar.split("\f") if h.strip()]


ANGKA = re.compile(r"[0-9][0-9.,]*")


def baris_dengan(teks: str, awal: str) -> list[str]:
    """The words after `awal` on the first line that starts with it and goes on with a number
    (layout text: a section printed beside it may follow on the same line)."""
    for baris in teks.splitlines():
        b = baris.strip()
        if b.startswith(awal + " "):
            kata = b[len(awal) :].split()
            if kata and ANGKA.fullmatch(kata[0]):
                return kata
    raise AssertionError(f"no line starting with {awal!r} in:\n{teks}")


def _angka(**isi) -> dict:
    """Stored items (all 0) with the given values, plus the report items."""
    angka = {**fidal.simpan_kosong(), "pus": 0}
    for m in fidal.METODE:
        angka[f"pa_{m.lower()}"] = 0
    angka.update(isi)
    return angka


DESA_A = _angka(
    i_ppkbd_ada=1,
    i_ppkbd_lapor=1,
    i_sub_ppkbd_ada=4,
    i_sub_ppkbd_lapor=3,
    ii_rakor=2,
    ii_penyuluhan_pkb=5,
    iii_bkb_sasaran=41,
    iii_bkb_anggota=17,
    iii_bkb_pus=11,
    iii_bkb_kb=8,
    iii_bkb_pertemuan=1,
    iv_modal_swadaya=1_250_000,
    iv_modal_pemerintah=500_000,
    pus=812,
    v_iud_ppm_pb=120,
    v_iud_pb=7,
    v_iud_pb_kumulatif=19,
    v_iud_ppm_pa=340,
    v_iud_pa_pemerintah=210,
    v_iud_pa_swasta=35,
    pa_iud=245,
    v_iud_ganti_cara=3,
    v_iud_drop_out=2,
    v_suntik_ppm_pb=30,
    v_suntik_pb=4,
    v_suntik_pb_kumulatif=9,
    v_suntik_ppm_pa=160,
    pa_suntik=155,
    v_suntik_pa_swasta=155,
    pa_kondom=5,
)
DESA_B = _angka(
    i_ppkbd_ada=1,
    iii_bkb_sasaran=9,
    pus=1000,
    v_iud_ppm_pb=80,
    v_iud_pb=1,
    v_iud_pb_kumulatif=101,  # past its target: the rest is 0, never negative
    v_iud_ppm_pa=60,
    v_iud_pa_pemerintah=50,
    pa_iud=50,
    iv_modal_lainnya=2_000,
)


def test_desa_form_is_one_page_with_every_item_in_its_place(area, tmp_path):
    ketua = PengurusFactory(
        kader__nama="Sitti Ketua", kader__institusi=area.ppkbd_a, jabatan="ketua"
    )
    pkb = UserFactory(
        username="pkb_form", first_name="Andi", last_name="Penyuluh", peran="penyuluh"
    )
    PenugasanFactory(penyuluh=pkb, desa=area.desa_a, mulai=date(2024, 1, 1))
    isi = D.pdf_desa(desa=area.desa_a, bulan=MAR, angka=DESA_A, disetujui=True)
    halaman = teks_pdf(isi, tmp_path)
    assert len(halaman) == 1
    t = halaman[0]
    assert "F/I/Dal/13" in t and "LAPORAN BULANAN PENGENDALIAN LAPANGAN" in t
    assert "Desa A" in t and "Kecamatan K" in t and "Maret 2025" in t
    # I: one row per institution, ada then melapor.
    assert baris_dengan(t, "PPKBD")[:2] == ["1", "1"]
    assert baris_dengan(t, "Sub-PPKBD")[:2] == ["4", "3"]
    # III: BKB row (sasaran, anggota, PUS, ber-KB, pertemuan).
    iii = t.split("III. Ketahanan keluarga")[1]
    assert baris_dengan(iii, "BKB")[:5] == ["41", "17", "11", "8", "1"]
    # IV: capital by source in rupiah with thousands dots, and its total.
    assert "1.250.000" in t and "1.750.000" in t
    # V: per method in the form's order: PPM PB, PB, PB s.d., sisa, PPM PA, PA pem., PA swa.,
    # PA, ganti cara, drop out.
    assert baris_dengan(t, "IUD") == ["120", "7", "19", "101", "340", "210", "35", "245", "3", "2"]
    assert baris_dengan(t, "Suntik") == ["30", "4", "9", "21", "160", "0", "155", "155", "0", "0"]
    assert baris_dengan(t, "Jumlah")[:4] == ["150", "11", "28", "122"]
    assert "812" in t  # PUS
    # Indicators: PA 405 / PPM PA 500 = 81,00 %; MKJP 245/340 = 72,06 %; pria 5/405 = 1,23 %.
    assert "81,00" in t and "72,06" in t and "1,23" in t
    # Signed by the PPKBD's chair and the PKB/PLKB assigned to the desa.
    assert ketua.kader.nama in t and "Andi Penyuluh" in t
    assert "Ketua PPKBD" in t and "PKB/PLKB" in t
    assert "belum disetujui" not in t


def test_desa_form_without_signers_prints_dotted_lines_and_says_provisional(area, tmp_path):
    t = teks_pdf(D.pdf_desa(desa=area.desa_b, bulan=MAR, angka=DESA_B, disetujui=False), tmp_path)
    assert len(t) == 1
    assert t[0].count("(.....") == 2
    assert "belum disetujui" in t[0]
    assert baris_dengan(t[0], "IUD")[:4] == ["80", "1", "101", "0"]


def _rekap(area):
    a, b = fidal.lengkapi(DESA_A), fidal.lengkapi(DESA_B)
    return fidal.RekapFidal(
        bulan=MAR,
        desa={area.desa_a.pk: a, area.desa_b.pk: b},
        kecamatan={area.kec_k.pk: fidal.jumlahkan([DESA_A, DESA_B])},
        kabupaten=fidal.jumlahkan([DESA_A, DESA_B]),
        wilayah={
            area.desa_a.pk: area.desa_a,
            area.desa_b.pk: area.desa_b,
            area.kec_k.pk: area.kec_k,
        },
        disetujui={area.desa_a.pk},
    )


def test_kecamatan_document_has_a_row_per_desa_and_the_sums(area, users, tmp_path):
    konteks = D.konteks_kecamatan(bulan=MAR, kecamatan=area.kec_k, rekap=_rekap(area))
    halaman = teks_pdf(render_pdf(D.TEMPLATE_TINGKAT, konteks), tmp_path)
    t = "\n".join(halaman)
    assert "Kecamatan K" in t and "Maret 2025" in t
    # Section I (one table): desa A's row, desa B marked provisional (*), the kecamatan's sums.
    bagian_i = t.split("I. Keadaan umum")[1].split("II. Kegiatan operasional")[0]
    assert baris_dengan(bagian_i, "Desa A")[:4] == ["1", "1", "4", "3"]
    assert baris_dengan(bagian_i, "Desa B *")[:4] == ["1", "0", "0", "0"]
    assert baris_dengan(bagian_i, "Jumlah Kecamatan K")[:4] == ["2", "1", "4", "3"]
    # Section V, IUD: sums of the counts; the rest of the target computed on the sums
    # (200 − 120 = 80, not 101 + 0).
    iud = t.split("V. PUS dan kesertaan ber-KB (1/9: IUD)")[1]
    jumlah = baris_dengan(iud, "Jumlah Kecamatan K")
    assert jumlah == ["1.812", "200", "8", "120", "80", "400", "260", "35", "295", "3", "2"]
    # Capital total and the coordinator's signature.
    assert "1.752.000" in t
    assert "Koordinator PKB/PLKB Kecamatan Kecamatan K" in t or "Koordinator PKB/PLKB" in t
    assert users.koordinator.get_username() in t or users.koordinator.get_full_name() in t


def test_kecamatan_tables_are_cut_to_at_most_16_item_columns():
    tabel = D.susun_tingkat([("X", fidal.lengkapi(_angka()))], ("Jumlah", fidal.jumlahkan([])))
    kolom = [sum(lebar for _, lebar, _ in t.kepala_atas) for t in tabel]
    assert max(kolom) <= D.MAKS_KOLOM
    # Every item appears once, in the form's order.
    assert sum(kolom) == len(fidal.KATALOG)
    assert tabel[0].judul.startswith("I.")


def test_workbook_columns_follow_the_form_and_rows_are_typed(area):
    isi = D.xlsx_baris(
        judul="FIDAL13 uji",
        kolom_awal=["Kode", "Desa"],
        baris=[(["73.06.01.2001", '=HYPERLINK("x")'], fidal.lengkapi(DESA_A))],
        jumlah=(["", "Jumlah"], fidal.jumlahkan([DESA_A, DESA_B])),
    )
    ws = load_workbook(io.BytesIO(isi)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[3][:2] == ("Kode", "Desa")
    assert list(rows[3][2:]) == [b.label for b in fidal.KATALOG]
    assert rows[1][2] == fidal.BAGIAN["I"]
    kode = [b.kode for b in fidal.KATALOG]
    data = dict(zip(kode, rows[4][2:], strict=True))
    assert data["i_sub_ppkbd_lapor"] == 3 and data["v_iud_pa_swasta"] == 35
    assert data["v_iud_sisa_pb"] == 101 and data["iv_modal_jumlah"] == 1_750_000
    assert data["pa_ppm_persen"] == 81.0 and isinstance(data["pus"], int)
    # A name that looks like a formula stays text.
    assert ws.cell(row=5, column=2).value == '=HYPERLINK("x")'
    assert ws.cell(row=5, column=2).data_type == "s"
    jumlah = dict(zip(kode, rows[5][2:], strict=True))
    assert jumlah["pus"] == 1812 and jumlah["v_iud_sisa_pb"] == 80


def test_short_column_headers():
    b = fidal.BUTIR
    assert D.label_pendek(b["v_iud_pb"]) == "PB bulan ini"
    assert D.label_pendek(b["v_kondom_ganti_cara"]) == "Ganti cara"
    assert D.label_pendek(b["pus"]) == b["pus"].label  # no group: the full label


def test_recap_pdf_has_the_form_items_and_targets_per_kecamatan(area, tmp_path):
    from laporan import services_rekap
    from pendataan.models import TargetMetode

    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2025, metode="IUD", target_pb=12, target_pa=30
    )
    TargetMetode.objects.create(
        desa=area.desa_x, tahun=2025, metode="SUNTIK", target_pb=5, target_pa=8
    )
    konteks = services_rekap.konteks_pdf(bulan=MAR)
    t = "\n".join(teks_pdf(render_pdf(services_rekap.TEMPLATE_PDF, konteks), tmp_path))
    bagian = t.split("9. Butir laporan F/I/Dal/13 dan target PPM per metode")[1]
    # The form's sections on the kabupaten's sums: the per-method table with the targets.
    assert "I. Keadaan umum" in bagian and "V. PUS dan kesertaan ber-KB" in bagian
    assert baris_dengan(bagian, "IUD")[:5] == ["12", "0", "0", "12", "30"]
    assert baris_dengan(bagian, "Suntik")[:5] == ["5", "0", "0", "5", "8"]
    # Targets per kecamatan: PPM PB, PB s.d., sisa, PPM PA, PA, %, % MKJP; then the sum.
    tabel = bagian.split("Target PPM dan capaian per kecamatan")[1]
    assert baris_dengan(tabel, "Kecamatan K")[:5] == ["12", "0", "12", "30", "0"]
    assert baris_dengan(tabel, "Kecamatan L")[:5] == ["5", "0", "5", "8", "0"]
    assert baris_dengan(tabel, "Jumlah")[:5] == ["17", "0", "17", "38", "0"]
