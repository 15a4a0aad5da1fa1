"""Hostile area names through the charts (laporan/grafik.py), the template tags
(laporan_tags) and the pages that show them: escaped everywhere, no style= attributes (CSP
style-src 'self'), no inline script in laporan's page templates."""

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from kader.scoping import SEMUA
from laporan import grafik, selectors_rekap
from laporan.templatetags import laporan_tags
from tests.factories import DesaFactory, KecamatanFactory

JAHAT = [
    "<script>alert(1)</script>",
    '" onload="alert(1)',
    "' onmouseover='alert(1)",
    "<img src=x onerror=alert(1)>",
    "</text><script>alert(1)</script>",
]


class _Elemen(HTMLParser):
    """Every element and attribute a browser would build from the markup."""

    def __init__(self):
        super().__init__()
        self.tag, self.atribut = [], []

    def handle_starttag(self, tag, attrs):
        self.tag.append(tag)
        self.atribut.extend(nama for nama, _ in attrs)


def _aman(html: str) -> None:
    """No element or attribute came from the data: no script/img, no on* handler, no style."""
    p = _Elemen()
    p.feed(html)
    assert not {"script", "img"} & set(p.tag), html
    assert not [a for a in p.atribut if a.startswith("on") or a == "style"], html
    assert "style=" not in html


@pytest.mark.parametrize("nama", JAHAT)
def test_bar_chart_escapes_names_and_title(nama):
    for sempit in (False, True):
        svg = grafik.batang(nama, [nama, "Biasa"], [12.5, None], sempit=sempit)
        _aman(svg)
        assert "&lt;" in svg or "&quot;" in svg or "&#x27;" in svg


@pytest.mark.parametrize("nama", JAHAT)
def test_line_chart_escapes_labels_series_and_title(nama):
    svg = grafik.garis(nama, [nama, "Feb 25"], [(nama, [1, 2]), ("mCPR", [3, 4])])
    _aman(svg)


@pytest.mark.parametrize("nilai", JAHAT)
def test_board_cells_tag_escapes_every_value(nilai):
    sel = [{"kelas": nilai, "label": nilai, "url": nilai, "singkat": nilai}]
    html = laporan_tags.sel_papan(sel)
    _aman(html)
    assert html.count("<td") == 1 and html.count("<a ") == 1


def test_status_tag_and_lookup_filters_return_plain_text():
    # Their results go through the template's autoescape: they must not be marked safe.
    from django.utils.safestring import SafeData

    assert not isinstance(laporan_tags.warna_status(JAHAT[0]), SafeData)
    assert not isinstance(laporan_tags.label_kolom(JAHAT[0]), SafeData)


@pytest.fixture
def wilayah_jahat(area):
    kec = KecamatanFactory(nama=JAHAT[0])
    DesaFactory(induk=kec, nama=JAHAT[1])
    DesaFactory(induk=area.kec_k, nama=JAHAT[3])
    return kec


def test_recap_page_and_charts_with_hostile_names(client, users, angka_tetap, wilayah_jahat):
    client.force_login(users.dinas)
    respons = client.get(reverse("laporan:rekap", args=["2025-03"]))
    assert respons.status_code == 200
    html = respons.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    grafik_kec = selectors_rekap.grafik_kecamatan(
        selectors_rekap.rekap_bulan(bulan=date(2025, 3, 1), kecamatan_ids=SEMUA)
    )
    for svg in grafik_kec.values():
        _aman(svg)


def test_status_board_with_hostile_names(client, users, angka_tetap, wilayah_jahat):
    client.force_login(users.dinas)
    for param in ({}, {"kecamatan": wilayah_jahat.pk}):
        html = client.get(reverse("laporan:papan"), {"tahun": 2025, **param}).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert 'onload="alert' not in html


PAGE_TEMPLATES = [
    p
    for p in (Path(settings.BASE_DIR) / "templates" / "laporan").rglob("*.html")
    if "pdf" not in p.parts and "email" not in p.parts
]


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=lambda p: p.name)
def test_page_templates_have_no_inline_style_or_script(path):
    isi = path.read_text()
    assert "style=" not in isi and "<style" not in isi
    assert not re.search(r"<script(?![^>]*\bsrc=)", isi)
    assert not re.search(r"\son[a-z]+\s*=", isi)
