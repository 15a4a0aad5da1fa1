"""SVG charts drawn by one piece of code for the web pages and the PDF (WeasyPrint renders SVG).

Pure functions: figures in, an SVG string out (no JavaScript, no external assets, no style=
attributes: the pages run under CSP style-src 'self'; presentation attributes only). Numbers are
written the Indonesian way (1.234 and 12,5). Every text that comes from data (titles, area
names, labels) goes through escape(); numbers go through float() first.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WARNA = ["#1b6e3a", "#c0392b", "#2471a3", "#b9770e", "#7d3c98"]
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
TANPA_DATA = "belum ada data"
LEBAR_HURUF = 5.8  # average advance of a 9-unit DejaVu Sans character, in SVG units


def _potong(teks: str, muat: int) -> str:
    """Shorten a label to `muat` characters with an ellipsis (the full name stays in <title>)."""
    return teks if len(teks) <= muat else teks[: max(muat - 1, 1)].rstrip() + "…"


def angka_id(nilai, desimal: int = 0) -> str:
    """1234.5 → '1.234,5' (Indonesian separators)."""
    teks = f"{float(nilai):,.{desimal}f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _desimal_tik(nilai: float) -> int:
    """Decimals an axis tick needs to be exact: 25/4 → "6,25", not "6,2"."""
    for d in (0, 1):
        if round(nilai, d) == nilai:
            return d
    return 2


def _skala_atas(maks: float) -> float:
    """A round upper bound for the axis (1, 2, 2.5, 5 × 10^n)."""
    if maks <= 0:
        return 1.0
    pangkat = 10 ** (len(str(int(maks))) - 1) if maks >= 1 else 1
    for langkah in (1, 2, 2.5, 5, 10):
        if maks <= langkah * pangkat:
            return langkah * pangkat
    return 10 * pangkat


def _svg(lebar: int, tinggi: int, isi: list[str], judul: str) -> SafeString:
    kepala = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik" role="img" '
        f'width="{lebar}" height="{tinggi}" viewBox="0 0 {lebar} {tinggi}" '
        f'aria-label="{escape(judul)}">'
        f"<title>{escape(judul)}</title>"
        f'<text x="8" y="16" {FONT} font-size="13" font-weight="bold">{escape(judul)}</text>'
    )
    return mark_safe(kepala + "".join(isi) + "</svg>")


def garis(
    judul: str,
    label_x: list[str],
    seri: list[tuple[str, list]],
    *,
    desimal: int = 0,
    lebar: int = 560,
    tinggi: int = 220,
) -> SafeString:
    """A line chart of one or more series over the same x labels (e.g. 12 months)."""
    semua = [float(v or 0) for _, nilai in seri for v in nilai] or [0.0]
    maks = _skala_atas(max(semua))
    if desimal == 0:
        maks = max(maks, 4.0)  # whole-number series: ticks stay whole
    # Room for the widest tick label on the left (the PDF clipped it at 12 units); on the right,
    # room for half the last month label and for the end labels, written right of the lines'
    # last points so that no line runs through them.
    tik = max(len(angka_id(maks * k / 4, _desimal_tik(maks * k / 4))) for k in range(5))
    teks_ujung = [angka_id(nilai[-1] or 0, desimal) for _, nilai in seri if nilai]
    kanan = max(26, int(max((len(t) for t in teks_ujung), default=0) * LEBAR_HURUF) + 12)
    kiri, atas, bawah = max(52, int(tik * LEBAR_HURUF) + 10), 40, 34
    w, h = lebar - kiri - kanan, tinggi - atas - bawah
    n = max(len(label_x), 1)
    dx = w / max(n - 1, 1)

    def xy(i, v):
        return kiri + i * dx, atas + h - float(v or 0) / maks * h

    isi = []
    for k in range(5):
        nilai = maks * k / 4
        y = atas + h - h * k / 4
        isi.append(f'<line x1="{kiri}" y1="{y:.1f}" x2="{kiri + w}" y2="{y:.1f}" stroke="#ddd"/>')
        isi.append(
            f'<text x="{kiri - 4}" y="{y + 3:.1f}" {FONT} font-size="9" text-anchor="end">'
            f"{angka_id(nilai, _desimal_tik(nilai))}</text>"
        )
    for i, label in enumerate(label_x):
        x = kiri + i * dx
        isi.append(
            f'<text x="{x:.1f}" y="{atas + h + 14}" {FONT} font-size="9" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    ujung = []  # the last value of each series, written beside the end of its line
    for j, (nama, nilai) in enumerate(seri):
        warna = WARNA[j % len(WARNA)]
        titik = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in enumerate(nilai)))
        isi.append(f'<polyline points="{titik}" fill="none" stroke="{warna}" stroke-width="2"/>')
        for i, v in enumerate(nilai):
            x, y = xy(i, v)
            isi.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{warna}">'
                f"<title>{escape(label_x[i])}: {angka_id(v or 0, desimal)}</title></circle>"
            )
        if nilai:
            _, y = xy(len(nilai) - 1, nilai[-1])
            ujung.append((y + 3, warna, angka_id(nilai[-1] or 0, desimal)))
        isi.append(
            f'<rect x="{kiri + 150 * j}" y="{tinggi - 12}" width="10" height="3" fill="{warna}"/>'
            f'<text x="{kiri + 150 * j + 14}" y="{tinggi - 8}" {FONT} font-size="9">'
            f"{escape(nama)}</text>"
        )
    isi.extend(_label_ujung(ujung, x=kiri + w + 6, bawah=atas + h + 3))
    return _svg(lebar, tinggi, isi, judul)


def _label_ujung(
    ujung: list[tuple[float, str, str]], *, x: float, bawah: float, jarak: float = 11
) -> list[str]:
    """End labels right of the plot, each beside its line's last point: from top to bottom,
    each at least `jarak` below the one above (close values such as CPR 61 and mCPR 59 do not
    print over each other), moved up together when the lowest would leave the plot."""
    ujung = sorted(ujung)
    y = []
    for y_asli, _, _ in ujung:
        y.append(max(y_asli, y[-1] + jarak) if y else y_asli)
    geser = max((y[-1] - bawah) if y else 0, 0)
    y = [v - geser for v in y]
    return [
        f'<text x="{x:.1f}" y="{yy:.1f}" {FONT} font-size="9" fill="{warna}">{teks}</text>'
        for yy, (_, warna, teks) in zip(y, ujung, strict=True)
    ]


def batang(
    judul: str,
    kategori: list[str],
    nilai: list,
    *,
    desimal: int = 2,
    lebar: int = 560,
    penanda: list[bool] | None = None,
    sempit: bool = False,
) -> SafeString:
    """Horizontal bars, one per category (e.g. per kecamatan); `penanda` hatches a bar grey;
    a value None draws no bar and says "belum ada data" (not a misleading 0,00).

    The label column is as wide as the longest name needs (up to 40 % of the chart; longer
    names are shortened, the full one is in the bar's <title>). `sempit`: the phone layout,
    320 units wide with each name on its own line above its bar, so that the chart fits a
    360 px screen without scrolling and its text stays readable."""
    if sempit:
        return _batang_sempit(judul, kategori, nilai, desimal=desimal, penanda=penanda)
    baris, atas, kanan = 16, 28, 50
    terpanjang = max((len(k) for k in kategori), default=0)
    kiri = min(max(60, int(terpanjang * LEBAR_HURUF) + 10), int(lebar * 0.4))
    muat = int((kiri - 8) / LEBAR_HURUF)
    tinggi = atas + baris * len(kategori) + 10
    w = lebar - kiri - kanan
    maks = _skala_atas(max([float(v or 0) for v in nilai] or [0]))
    isi = []
    for i, (nama, v) in enumerate(zip(kategori, nilai, strict=True)):
        y = atas + i * baris
        panjang = float(v or 0) / maks * w
        warna = "#9e9e9e" if penanda and penanda[i] else WARNA[0]
        teks_nilai = TANPA_DATA if v is None else angka_id(v, desimal)
        isi.append(
            f'<text x="{kiri - 4}" y="{y + 11}" {FONT} font-size="9" text-anchor="end">'
            f"{escape(_potong(nama, muat))}</text>"
            f'<rect x="{kiri}" y="{y + 2}" width="{panjang:.1f}" height="{baris - 5}" '
            f'fill="{warna}"><title>{escape(nama)}: {teks_nilai}</title></rect>'
            f'<text x="{kiri + panjang + 3:.1f}" y="{y + 11}" {FONT} font-size="9">'
            f"{teks_nilai}</text>"
        )
    return _svg(lebar, tinggi, isi, judul)


def _batang_sempit(judul, kategori, nilai, *, desimal, penanda) -> SafeString:
    lebar, baris, atas, kiri, kanan = 320, 30, 28, 6, 52
    tinggi = atas + baris * len(kategori) + 6
    w = lebar - kiri - kanan
    maks = _skala_atas(max([float(v or 0) for v in nilai] or [0]))
    isi = []
    for i, (nama, v) in enumerate(zip(kategori, nilai, strict=True)):
        y = atas + i * baris
        panjang = float(v or 0) / maks * w
        warna = "#9e9e9e" if penanda and penanda[i] else WARNA[0]
        teks_nilai = TANPA_DATA if v is None else angka_id(v, desimal)
        isi.append(
            f'<text x="{kiri}" y="{y + 11}" {FONT} font-size="11">'
            f"{escape(_potong(nama, 40))}</text>"
            f'<rect x="{kiri}" y="{y + 15}" width="{panjang:.1f}" height="10" fill="{warna}">'
            f"<title>{escape(nama)}: {teks_nilai}</title></rect>"
            f'<text x="{kiri + panjang + 3:.1f}" y="{y + 24}" {FONT} font-size="11">'
            f"{teks_nilai}</text>"
        )
    return _svg(lebar, tinggi, isi, judul)


def persen_float(nilai) -> float:
    return float(Decimal(str(nilai or 0)))
