"""Date and template columns write the same cells as django-tables2's, without a template and
context processors per cell (imp_smart/kolom.py)."""

import datetime as dt

import django_tables2 as tables
import pytest
from django.template import Context
from django.test import RequestFactory
from django.utils import timezone

from imp_smart.kolom import KolomTanggal, KolomTemplat, KolomWaktu


class Baris:
    def __init__(self, tanggal, waktu, status):
        self.tanggal, self.waktu, self.status = tanggal, waktu, status


class Tabel(tables.Table):
    tanggal = KolomTanggal(format="j F Y")
    waktu = KolomWaktu(format="j M Y H:i")
    status = KolomTemplat(template_code="<b>{{ record.status }}</b>{{ value|length }}")
    asli_tanggal = tables.DateColumn(format="j F Y", accessor="tanggal")
    asli_waktu = tables.DateTimeColumn(format="j M Y H:i", accessor="waktu")


class TabelBaru(tables.Table):
    tanggal = KolomTanggal(format="j F Y")
    waktu = KolomWaktu(format="j M Y H:i")
    status = KolomTemplat(template_code="<b>{{ record.status }}</b>{{ value|length }}")


def _sel(baris):
    table = Tabel([baris])
    context = Context({"table": table})
    table.context = context
    return {c.name: v for c, v in table.rows[0].items()}


def test_sama_dengan_kolom_bawaan():
    # 23:30 UTC is the next day in Makassar (UTC+8): the cell shows local time.
    waktu = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    sel = _sel(Baris(dt.date(2026, 3, 5), waktu, "a<b"))
    assert sel["tanggal"] == "5 Maret 2026" == str(sel["asli_tanggal"])
    assert sel["waktu"] == str(sel["asli_waktu"])
    assert sel["waktu"] == timezone.localtime(waktu).strftime("%-d Apr %Y %H:%M")
    assert str(sel["status"]) == "<b>a&lt;b</b>3"


def test_nilai_kosong_memakai_default():
    sel = _sel(Baris(None, None, ""))
    assert sel["tanggal"] == sel["waktu"] == "—"
    assert str(sel["asli_tanggal"]) == "—"


@pytest.mark.django_db
def test_templat_dikompilasi_sekali_tanpa_context_processor():
    from django.template import RequestContext

    panggilan = []
    table = TabelBaru([Baris(dt.date(2026, 1, 1), None, "x"), Baris(None, None, "y")])
    table.context = RequestContext(
        RequestFactory().get("/"), {}, processors=[lambda r: panggilan.append(r) or {}]
    )
    isi = [str({c.name: v for c, v in r.items()}["status"]) for r in table.rows]
    assert isi == ["<b>x</b>1", "<b>y</b>1"]
    assert panggilan == []


@pytest.mark.django_db
def test_kolom_otomatis_dari_model():
    from laporan.models import LaporanDesa

    class Otomatis(tables.Table):
        class Meta:
            model = LaporanDesa
            fields = ("bulan", "dikirim_pada")

    kolom = Otomatis([]).base_columns
    assert isinstance(kolom["bulan"], KolomTanggal)
    assert isinstance(kolom["dikirim_pada"], KolomWaktu)


def test_signature_diingat_sama_dengan_aslinya():
    from django_tables2 import utils

    from imp_smart import kolom

    class Kolom(tables.Column):
        def render(self, value, record):
            return value

    a, b = Kolom(), Kolom()
    assert utils.signature is kolom._signature
    assert (
        utils.signature(a.render) == kolom._signature_asli(a.render) == (("value", "record"), None)
    )
    assert utils.signature(b.render) == (("value", "record"), None)
    assert utils.signature(lambda x, **kw: x) == (("x",), "kw")


def test_atribut_td_dari_fungsi_tetap_per_baris():
    from django.template import Template as T

    class Berwarna(tables.Table):
        status = tables.Column(attrs={"td": {"class": lambda value: f"s-{value}"}})
        tetap = tables.Column(accessor="status", attrs={"td": {"class": "tetap"}})

    table = Berwarna([Baris(None, None, "a"), Baris(None, None, "b")])
    html = T("{% load daftar %}{% for r in t.rows %}{% baris_tabel r %}{% endfor %}").render(
        Context({"t": table})
    )
    assert 'class="s-a"' in html and 'class="s-b"' in html
    assert html.count('class="tetap"') == 2
