"""Template helpers of pendataan: pre-rendered <select> options for the long monthly page."""

from functools import lru_cache

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from pendataan.indikator import METODE, TIDAK_BER_KB

register = template.Library()


@lru_cache(maxsize=64)
def _opsi(nilai_list: tuple[str, ...], terpilih: str, kosong: str) -> str:
    awal = f'<option value="">{kosong}</option>' if kosong else ""
    return awal + "".join(
        f"<option{' selected' if v == terpilih else ''}>{v}</option>" for v in nilai_list
    )


@register.simple_tag
def opsi_status(terpilih: str | None, boleh_kosong: bool):
    """Options of the status select: the 13 codes; an empty choice only while she has none."""
    return mark_safe(
        _opsi(tuple(METODE + TIDAK_BER_KB), terpilih or "", "—" if boleh_kosong else "")
    )


@register.simple_tag
def opsi_jalur(terpilih: str | None):
    return mark_safe(
        '<option value="">—</option>'
        + format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, " selected" if v == terpilih else "", t)
                for v, t in (("PEMERINTAH", "Pem"), ("SWASTA", "Swa"))
            ),
        )
    )
