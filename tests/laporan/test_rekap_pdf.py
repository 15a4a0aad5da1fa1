"""The recap PDF as printed: signature block (kept with its text, name and NIP from settings),
"belum ada data" for a kecamatan with nothing behind its figures, charts not clipped."""

import re
import subprocess

import pytest

from laporan import angka as A
from laporan import grafik, services_rekap
from tests.laporan.test_rekap import BULAN, disetujui  # noqa: F401  (fixture)


def halaman_pdf(isi: bytes, tmp_path) -> list[str]:
    """The text of each page (pdftotext, layout kept)."""
    berkas = tmp_path / "rekap.pdf"
    berkas.write_bytes(isi)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    return teks.split("\f")


@pytest.fixture
def tanpa_data_l(disetujui, angka_tetap):  # noqa: F811
    """Kecamatan L (desa X): no report and nothing in the register or the activity logs."""
    angka_tetap[disetujui.desa_x.pk] = A.kosong()
    return disetujui


def _pdf(**kw) -> bytes:
    return services_rekap.pdf_kecamatan(bulan=BULAN, **kw) if kw else _pdf_kabupaten()


def _pdf_kabupaten() -> bytes:
    from imp_smart.pdf import render_pdf

    return render_pdf(services_rekap.TEMPLATE_PDF, services_rekap.konteks_pdf(bulan=BULAN))


def test_signature_carries_name_and_nip_from_settings(settings, tanpa_data_l, tmp_path):
    settings.IMP_KEPALA_DINAS_NAMA = "dr. Andi Pengujian, M.Kes"
    settings.IMP_KEPALA_DINAS_NIP = "19700101 200003 1 001"
    settings.IMP_JABATAN_PENANDATANGAN = "Plt. Kepala Dinas PPKB"
    halaman = halaman_pdf(_pdf(), tmp_path)
    teks = "".join(halaman)
    assert "dr. Andi Pengujian, M.Kes" in teks
    assert "NIP. 19700101 200003 1 001" in teks
    assert "Plt. Kepala Dinas PPKB" in teks
    # The signature sits on the page of the closing sentence, never alone on a page.
    ttd = [i for i, h in enumerate(halaman) if "NIP." in h]
    penutup = [i for i, h in enumerate(halaman) if "Demikian rekapitulasi" in h]
    assert ttd and ttd == penutup


def test_signature_without_settings_prints_dotted_lines(settings, tanpa_data_l, tmp_path):
    settings.IMP_KEPALA_DINAS_NAMA = ""
    settings.IMP_KEPALA_DINAS_NIP = ""
    settings.IMP_JABATAN_PENANDATANGAN = ""
    teks = "".join(halaman_pdf(_pdf(), tmp_path))
    assert re.search(r"\(\.{20,}\)", teks)
    assert re.search(r"NIP\. \.{20,}", teks)
    assert "Kepala Dinas Pengendalian Penduduk" in teks


def test_kecamatan_without_data_prints_belum_ada_data(tanpa_data_l, tmp_path):
    teks = " ".join(" ".join(halaman_pdf(_pdf(), tmp_path)).split())
    # Section 4, 5 (desa X and its total), 7 (twice) and 8: the row says so instead of zeros.
    assert len(re.findall(r"Kecamatan L belum ada data", teks)) >= 4
    assert "Desa X belum ada data Belum berlaku" in teks  # no record: not expected yet
    assert "Jumlah Kecamatan L belum ada data" in teks
    # Kecamatan K has figures (desa A approved): printed as numbers.
    assert "Kecamatan K belum ada data" not in teks
    assert re.search(r"Kecamatan K [\d.]+ [\d.]+", teks)


def test_kecamatan_with_register_figures_but_no_approval_prints_them(disetujui, tmp_path):  # noqa: F811
    """Desa X has register figures (angka_tetap default): provisional, printed and flagged."""
    teks = " ".join(" ".join(halaman_pdf(_pdf(), tmp_path)).split())
    assert "Jumlah Kecamatan L belum ada data" not in teks
    assert "Desa X 20 15" in teks and "Jumlah Kecamatan L 20 15" in teks
    # Only the coverage chart says it: desa X has no record, so no desa is expected there yet.
    assert teks.count("Kecamatan L belum ada data") == 1


def test_bar_chart_says_belum_ada_data_instead_of_zero():
    svg = grafik.batang("mCPR per kecamatan (%)", ["Kec A", "Kec B"], [55.5, None])
    assert "belum ada data" in svg and "55,50" in svg
    assert svg.count("<rect") == 2  # a bar for A; an empty (0-wide) bar for B
    assert re.search(r'<rect[^>]*width="0\.0"[^>]*><title>Kec B: belum ada data', svg)


def test_bar_chart_label_column_fits_the_longest_name():
    nama = ["Bontonompo Selatan", "Parangloe", "Tinggimoncong"]
    svg = grafik.batang("x", nama, [10, 20, 30])
    kiri = int(re.search(r'<rect x="(\d+)"', svg).group(1))
    # 18 characters at ~5.8 units each must fit left of the bars (was a fixed 130 - 4).
    assert kiri - 4 >= len("Bontonompo Selatan") * grafik.LEBAR_HURUF
    assert "Bontonompo Selatan</text>" in svg


def test_bar_chart_shortens_very_long_names_keeping_the_full_one_in_title():
    panjang = "Kecamatan Dengan Nama Yang Sangat Panjang Sekali Untuk Diuji"
    svg = grafik.batang("x", [panjang], [10])
    assert f"<title>{panjang}: 10,00</title>" in svg
    assert "…</text>" in svg


def test_line_chart_leaves_room_for_the_last_month_label():
    label = ["Jan 25", "Feb 25", "Mar 25", "Apr 25", "Mei 25", "Jun 25", "Jul 25", "Agu 25",
             "Sep 25", "Okt 25", "Nov 25", "Des 25"]  # fmt: skip
    svg = grafik.garis("PA", label, [("PA", [1200000] * 12)])
    x_akhir = float(re.findall(r'<text x="([\d.]+)" y="200"', svg)[-1])
    assert x_akhir + len("Des 25") * grafik.LEBAR_HURUF / 2 <= 560
    # The widest tick label ("1.200.000" style) fits left of the plot area.
    kiri = float(re.search(r'<line x1="([\d.]+)"', svg).group(1))
    tik = re.findall(r'text-anchor="end">([\d.,]+)</text>', svg)
    assert kiri - 4 >= max(len(t) for t in tik) * grafik.LEBAR_HURUF


@pytest.mark.parametrize(
    "seri",
    [
        [("Unmet need", [22.0] * 11 + [18.29])],  # falls into its last point
        [("CPR", [66.0] * 11 + [69.71]), ("mCPR", [65.0] * 11 + [68.57])],  # close, rising
        [("PA", [1200000] * 12)],
    ],
    ids=["turun", "dua-dekat-naik", "angka-besar"],
)
def test_line_chart_end_labels_sit_right_of_the_lines(seri):
    """The last value of each line was written left of its last point (text-anchor end), so a
    line falling or rising into that point ran through it (unmet need 18,29; mCPR 68,57 under
    the CPR label). Now each sits right of every line's end, inside the chart, beside its point."""
    label = ["Des 25", "Jan 26", "Feb 26", "Mar 26", "Apr 26", "Mei 26", "Jun 26", "Jul 26",
             "Agu 26", "Sep 26", "Okt 26", "Nov 26"]  # fmt: skip
    svg = grafik.garis("Uji", label, seri, desimal=2)
    x_garis = [
        float(x) for p in re.findall(r'points="([^"]+)"', svg) for x in re.findall(r"([\d.]+),", p)
    ]
    ujung = re.findall(
        r'<text x="([\d.]+)" y="([\d.]+)"[^>]*fill="(#[0-9a-f]+)">([\d.,]+)</text>', svg
    )
    assert len(ujung) == len(seri)
    titik = {
        w: float(y)
        for y, w in re.findall(
            r'<circle cx="[\d.]+" cy="([\d.]+)" r="2.5" fill="(#[0-9a-f]+)"', svg
        )
    }
    for x, y, warna, teks in ujung:
        assert float(x) >= max(x_garis) + 4, teks  # right of every line: nothing crosses it
        assert float(x) + len(teks) * grafik.LEBAR_HURUF <= 560, teks  # not clipped
        assert abs(float(y) - 3 - titik[warna]) <= 11, teks  # beside its own point
    ys = sorted(float(y) for _, y, _, _ in ujung)
    assert all(b - a >= 11 for a, b in zip(ys, ys[1:], strict=False)), ys
