import html
from decimal import Decimal, InvalidOperation

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.safestring import SafeData, mark_safe

from laporan import angka as A
from laporan.selectors import WARNA_SEL
from pendataan import indikator

register = template.Library()


@register.filter
def warna_status(kode: str) -> str:
    """Bootstrap badge classes for a report or board-cell state."""
    return WARNA_SEL.get(str(kode), "text-bg-light")


@register.filter
def ambil(kamus, kunci):
    """dict lookup in templates: {{ angka|ambil:"pus" }}."""
    if kamus is None:
        return ""
    return kamus.get(kunci, "")


@register.filter
def label_kolom(kolom: str) -> str:
    return A.LABEL_SEMUA.get(kolom, kolom)


@register.filter
def desimal(nilai):
    """A JSON decimal string back to a Decimal so that |floatformat localises it."""

    try:
        return Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        return nilai


@register.filter
def nilai_indikator(angka, nama: str) -> str:
    """One indicator of a figures dict as the catalogue says: a percentage with two decimals,
    a count with thousands separators (both localised): {{ k.angka|nilai_indikator:"cpr" }}."""
    nilai = (angka or {}).get(nama)
    if indikator.INDIKATOR[nama].is_persen:
        return floatformat(desimal(nilai), 2)
    return intcomma(nilai)


@register.simple_tag
def kolom_rekap(tabel: str = "halaman") -> list[dict]:
    """The indicator columns of a recap table ("halaman" or "pdf"): each with its catalogue
    entry (`i`: nama, singkat, label) and whether a phone shows it (`sempit`)."""
    daftar = A.KOLOM_REKAP_PDF if tabel == "pdf" else A.KOLOM_REKAP
    return [
        {"i": indikator.INDIKATOR[k], "sempit": tabel == "pdf" or k in A.KOLOM_REKAP_SEMPIT}
        for k in daftar
    ]


def _teks(nilai) -> str:
    """conditional_escape without its lazy-string wrapper (~10× the cost of the escape itself,
    paid 2,000 times by a board): safe HTML as it is, anything else through html.escape, which
    Django's escape ends in too."""
    return nilai if isinstance(nilai, SafeData) else html.escape(str(nilai))


@register.simple_tag
def sel_papan(sel: list[dict]):
    """The month cells of one board row as HTML (167 × 12 cells: a template loop is slow).
    Every value is escaped, although today they are constants and ids."""
    return mark_safe(  # noqa: S308  (every value escaped by _teks)
        "".join(
            f'<td class="text-center p-1"><a class="badge text-decoration-none {_teks(s["kelas"])}"'
            f' title="{_teks(s["label"])}" href="{_teks(s["url"])}">{_teks(s["singkat"])}</a></td>'
            for s in sel
        )
    )


@register.simple_tag
def baris_kecamatan(kecamatan: list[dict], tahun: int):
    """The rows of the kabupaten summary: each kecamatan's name (a link to its own board for
    the year) and desa count, then its month cells (sel_kecamatan); every value escaped. The
    216 cells hold a few dozen distinct values: each distinct cell is written once."""
    sel: dict = {}
    return mark_safe(  # noqa: S308  (every value escaped by _teks)
        "".join(
            '<tr><th class="sticky-start fw-normal text-nowrap" scope="row">'
            f'<a href="?kecamatan={k["wilayah"].pk:d}&amp;tahun={tahun:d}">'
            f'{_teks(k["wilayah"].nama)}</a><div class="text-body-secondary nama-kec">'
            f"{_teks(localize(k['jumlah_desa']))} desa</div></th>\n    "
            f"{sel_kecamatan(k['sel'], sel)}</tr>\n  "
            for k in kecamatan
        )
    )


@register.simple_tag
def sel_kecamatan(sel: list[dict], tertulis: dict | None = None):
    """The month cells of one row of the kabupaten summary (approved / expected), written as
    sel_papan writes the desa board's: every value escaped. `tertulis`: cells already
    written, by (classes, title, text), shared by the rows of a table."""
    if tertulis is None:
        tertulis = {}
    hasil = []
    for s in sel:
        kunci = (s["kelas"], s["label"], s["teks"])
        # Plain text only: safe HTML equal to a plain string is written differently.
        polos = all(type(v) is str for v in kunci)
        td = tertulis.get(kunci) if polos else None
        if td is None:
            td = (
                f'<td class="text-center p-1"><span class="badge {_teks(kunci[0])}"'
                f' title="{_teks(kunci[1])}">{_teks(kunci[2])}</span></td>'
            )
            if polos:
                tertulis[kunci] = td
        hasil.append(td)
    return mark_safe("".join(hasil))  # noqa: S308  (every value escaped by _teks)
