"""`{% panel_halaman "kader_detail" as panel_list %}`: the fragments upper apps registered for a
kader page (kader/panel.py)."""

from django import template

from kader import panel

register = template.Library()


@register.simple_tag
def panel_halaman(halaman: str) -> list[str]:
    return panel.panel_halaman(halaman)
