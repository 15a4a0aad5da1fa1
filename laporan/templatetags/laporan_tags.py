from django import template

from laporan import angka as A
from laporan.selectors import WARNA_SEL

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
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        return nilai


@register.simple_tag
def sel_papan(sel: list[dict]):
    """The month cells of one board row as HTML (167 × 12 cells: a template loop is slow)."""
    from django.utils.safestring import mark_safe

    # Labels, classes and URLs are built from constants and ids (selectors.papan_status):
    # nothing user-entered, so no escaping per cell.
    return mark_safe(
        "".join(
            f'<td class="text-center p-1"><a class="badge text-decoration-none {s["kelas"]}" '
            f'title="{s["label"]}" href="{s["url"]}">{s["singkat"]}</a></td>'
            for s in sel
        )
    )


@register.inclusion_tag("laporan/_draft_sk_kabupaten.html", takes_context=True)
def draft_sk_kabupaten(context, tahun: int | None):
    """On kader's draft SK page: the button that asks the worker for the whole-kabupaten draft
    of `tahun`, and the drafts made (that year's, or the latest ten)."""
    from laporan.models import BerkasRekap

    berkas = BerkasRekap.objects.filter(jenis=BerkasRekap.Jenis.DRAFT_SK)
    if tahun:
        berkas = berkas.filter(bulan__year=tahun)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "tahun": tahun,
        "berkas": list(berkas.order_by("-bulan", "-versi")[:10]),
    }
