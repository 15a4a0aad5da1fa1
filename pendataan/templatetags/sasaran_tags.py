"""The rows of the priority worklist (pendataan:sasaran) and of the desa comparison, rendered
in Python: a desa has hundreds of worklist rows, and the template engine's loop, {% url %} and
variable nodes per row were most of the page's time. The markup is the one the templates' loops
wrote, byte for byte."""

import html

from django import template
from django.template.base import render_value_in_context
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# A family id no family has: reversed once, then replaced by each row's id.
_TANDA = 987654321


def _teks(nilai, context) -> str:
    """What {{ nilai }} writes with autoescape on: a str is escaped; an int below 1000 (an age,
    a priority) has no thousands separator to localise; anything else as the template does."""
    if type(nilai) is str:
        return html.escape(nilai)
    if type(nilai) is int and -1000 < nilai < 1000:
        return str(nilai)
    return conditional_escape(render_value_in_context(nilai, context))


@register.simple_tag(takes_context=True)
def baris_sasaran(context, daftar):
    """The <tr> of each worklist row (sasaran_prioritas): every value escaped, the family
    link from one reverse()."""
    pola = reverse("pendataan:keluarga_detail", args=[_TANDA]).split(str(_TANDA))
    awal, akhir = html.escape(pola[0]), html.escape(pola[1])
    # The reasons, dusun, RT, statuses and advice repeat from row to row: each escaped once
    # (keyed by type too: an equal SafeString is not escaped).
    tetap: dict = {}

    def ulang(nilai) -> str:
        kunci = (type(nilai), nilai)
        teks = tetap.get(kunci)
        if teks is None:
            teks = tetap[kunci] = _teks(nilai, context)
        return teks

    baris = []
    for x in daftar:
        rincian = x["rincian"]
        nasihat = x["nasihat"]
        baris.append(
            f'<tr><td class="d-none d-sm-table-cell">{ulang(x["prioritas"])}</td>'
            f"<td>{ulang(x['alasan'])}"
            + (f'<div class="small text-muted">{_teks(rincian, context)}</div>' if rincian else "")
            + "</td>\n"
            f'<td><a href="{awal}{int(x["keluarga_id"])}{akhir}">'
            f"{_teks(x['nama'], context)}</a>"
            + (
                '<div class="small text-body-secondary"><i class="bi bi-info-circle" '
                f'aria-hidden="true"></i> {ulang(nasihat)}</div>'
                if nasihat
                else ""
            )
            + "</td>\n"
            f"<td>{ulang(x['umur'])}</td>"
            f"<td>{ulang(x['dusun'])} / {ulang(x['rt'])}</td>"
            f"<td>{ulang(x['status'])}</td></tr>\n"
        )
    return mark_safe("".join(baris))


@register.simple_tag(takes_context=True)
def baris_perbandingan(context, baris):
    """The <tr> of each desa of the comparison (perbandingan_desa): the name escaped, the
    figures localised as {{ }} writes them, a weak cell marked 'lemah'."""
    hasil = []
    for b in baris:
        sel = [f"<td>{_teks(b['desa'].nama, context)}</td>"]
        sel.append(f'<td class="text-end">{_teks(b["pus"], context)}</td>\n')
        for kolom in ("cpr", "mkjp_persen", "unmet_need_persen"):
            lemah = " lemah" if b[f"lemah_{kolom}"] else ""
            sel.append(f'<td class="text-end{lemah}">{_teks(b[kolom], context)}</td>')
            sel.append("\n" if kolom != "unmet_need_persen" else "</tr>\n")
        hasil.append("<tr>" + "".join(sel))
    return mark_safe("".join(hasil))


@register.simple_tag
def opsi_wilayah(pilihan, wilayah):
    """The <option> of each area of the area choice (pendataan/_pilih_wilayah.html), the chosen
    one selected and a dusun marked "· ": the Dinas chooses among ~900 areas, which the
    template's loop took ~20 ms to write."""
    terpilih = getattr(wilayah, "pk", None)
    return mark_safe(
        "".join(
            f'<option value="{int(w.pk)}"{" selected" if w.pk == terpilih else ""}>'
            f"{'· ' if w.tingkat == 'dusun' else ''}{html.escape(str(w.nama))}</option>"
            for w in pilihan
        )
    )
