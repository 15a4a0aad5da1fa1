"""A row's cells from imp_smart.kolom.sel_baris are those of django-tables2's BoundRow.items():
same values, same defaults, same links, whatever the column, the path or the record."""

import datetime as dt

import django_tables2 as tables
import pytest
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString

from imp_smart.kolom import KolomTanggal, KolomWaktu, sel_baris
from imp_smart.templatetags import daftar
from kader.models import Institusi, Kader, Wilayah


class Tabel(tables.Table):
    nama = tables.Column(linkify=True)
    jenis_kelamin = tables.Column()  # a field with choices: its display
    pendidikan = tables.Column()  # choices, blank: the default
    institusi = tables.Column(accessor="institusi__nama")  # through a relation that may be null
    jenis_institusi = tables.Column(accessor="institusi__jenis")  # choices across a relation
    tingkat = tables.Column(accessor="institusi__wilayah__tingkat")
    wilayah = tables.Column(accessor="institusi__wilayah", linkify=False)  # an object: str()
    besar = tables.Column(accessor="nama__upper")  # a method on the way is called
    tidak_ada = tables.Column(accessor="institusi__tidak_ada")  # a missing attribute
    lahir = KolomTanggal(accessor="tanggal_lahir", format="j F Y")
    lahir_tautan = KolomTanggal(accessor="tanggal_lahir", format="j M Y", linkify=True)
    lahir_waktu = KolomWaktu(accessor="tanggal_lahir", format="j M Y")
    aktif = tables.BooleanColumn(yesno="Aktif,Nonaktif")
    telepon = tables.Column(empty_values=(), default="-")  # "" is a value here
    catatan = tables.Column(accessor="pekerjaan", default=lambda: "tidak diisi")
    angka = tables.Column(accessor="pk", localize=True)
    kode = tables.Column(accessor="institusi__wilayah__kode")
    lihat = tables.Column(accessor="pk", linkify=True, attrs={"a": {"class": "btn"}})
    tautan_institusi = tables.Column(accessor="institusi__nama", linkify=True)
    ada_telepon = tables.BooleanColumn(accessor="telepon", null=True, attrs={"span": {"x": "1"}})
    kosong = tables.Column(accessor="institusi", empty_values=(), linkify=lambda record: None)

    def render_telepon(self, value, record):
        return f"[{value}]{record.pk}"


def _wilayah():
    kec = Wilayah(pk=1, kode="73.06.01", nama="Bontonompo", tingkat="kecamatan")
    return Wilayah(pk=2, kode="73.06.01.2001", nama="Bontobiraeng <b>", tingkat="desa", induk=kec)


def _kader():
    desa = _wilayah()
    ppkbd = Institusi(pk=5, jenis="ppkbd", nama="Mawar & Melati", wilayah=desa)
    tanpa_wilayah = Institusi(pk=6, jenis="kelompok_kb", nama="Kelompok 1")  # wilayah unset
    return [
        Kader(
            pk=11,
            nama="Sitti <Aminah>",
            jenis_kelamin="P",
            pendidikan="",
            institusi=ppkbd,
            tanggal_lahir=dt.date(1990, 3, 5),
            telepon="",
            pekerjaan="",
        ),
        Kader(
            pk=12,
            nama="Rahmawati",
            jenis_kelamin="P",
            pendidikan="sma",
            institusi=None,
            tanggal_lahir=None,
            telepon="0812",
            pekerjaan="Guru",
            aktif=False,
        ),
        Kader(pk=13, nama="Daeng", jenis_kelamin="L", institusi=tanpa_wilayah, telepon=None),
    ]


def _pasangan(items):
    return [(c.name, str(v), isinstance(v, SafeString)) for c, v in items]


@pytest.mark.django_db
def test_sel_sama_dengan_items_django_tables2():
    table = Tabel(_kader())
    for row in table.rows:
        cepat = _pasangan(sel_baris(row))
        asli = _pasangan(row.items())
        assert cepat == asli
    sel = {n: v for n, v, _ in _pasangan(sel_baris(table.rows[0]))}
    # The expectations themselves, so that both cannot be wrong the same way.
    assert sel["nama"] == '<a href="/kader/kader/11/">Sitti &lt;Aminah&gt;</a>'
    assert sel["jenis_kelamin"] == "Perempuan"
    assert sel["pendidikan"] == "—"
    assert sel["jenis_institusi"] == "PPKBD"
    assert sel["tingkat"] == "Desa"
    assert sel["besar"] == "SITTI <AMINAH>"
    assert sel["tidak_ada"] == "—"
    assert sel["lahir"] == "5 Maret 1990"
    assert sel["telepon"] == "[]11"
    assert sel["catatan"] == "tidak diisi"
    assert sel["aktif"] == '<span class="true">Aktif</span>'
    assert sel["lahir_tautan"] == '<a href="/kader/kader/11/">5 Mar 1990</a>'
    assert sel["lihat"] == '<a class="btn" href="/kader/kader/11/">11</a>'
    # The accessor gives a text: the link goes to the record, as django-tables2 does.
    assert sel["tautan_institusi"] == '<a href="/kader/kader/11/">Mawar &amp; Melati</a>'
    kedua = {n: v for n, v, _ in _pasangan(sel_baris(table.rows[1]))}
    assert kedua["institusi"] == kedua["tingkat"] == kedua["lahir"] == "—"
    assert kedua["pendidikan"] == "SMA/sederajat"
    assert kedua["aktif"] == '<span class="false">Nonaktif</span>'


def test_rekaman_bukan_model_lewat_jalur_django_tables2():
    class TabelDict(tables.Table):
        nama = tables.Column()
        desa = tables.Column(accessor="desa__nama")

    table = TabelDict([{"nama": "A", "desa": {"nama": "B"}}, {"nama": "", "desa__nama": "C"}])
    for row in table.rows:
        assert _pasangan(sel_baris(row)) == _pasangan(row.items())


def _baris_django_tables2(context, row):
    """The row as django-tables2's bootstrap template writes it (without its whitespace)."""
    sel = []
    for column, cell in row.items():
        if column.localize is None:
            isi = render_value_in_context(cell, context)
        else:
            isi = localize(cell, use_l10n=bool(column.localize))
        sel.append((column.attrs["td"].as_html(), conditional_escape(isi)))
    return format_html(
        "<tr {}>{}</tr>", row.attrs.as_html(), format_html_join("", "<td {}>{}</td>", sel)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("autoescape", [True, False])
def test_baris_tabel_menulis_html_yang_sama(autoescape):
    def tabel():
        return Tabel(_kader(), attrs={"td": {"data-x": lambda value: str(value)[:3]}})

    context = Context({}, autoescape=autoescape)
    cepat = [daftar.baris_tabel(context, row) for row in tabel().rows]
    asli = [_baris_django_tables2(context, row) for row in tabel().rows]
    assert cepat == asli
    assert isinstance(cepat[0], SafeString)
    assert 'data-x="&lt;a "' in cepat[0]  # attrs computed from this row's cell
    assert "Sitti &lt;Aminah&gt;" in cepat[0] and "<Aminah>" not in cepat[0]


def test_nama_institusi_dengan_jenisnya():
    # Institusi.__str__ reads its kind's label from a plain dict (filter selects print hundreds).
    assert str(Institusi(jenis="sub_ppkbd", nama="Mawar")) == "Sub-PPKBD Mawar"
    assert str(Institusi(jenis="ppkbd", nama="PPKBD Melati")) == "PPKBD Melati"
    assert str(Institusi(jenis="kelompok_kb", nama="Anggrek")) == "Kelompok KB Anggrek"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row_attrs",
    [{}, {"class": "baris", "data-t": "1"}, {"data-pk": lambda record: record.pk}],
)
def test_atribut_tr_sama_dengan_django_tables2(row_attrs):
    """The <tr> attributes kept per table (even/odd) are those of BoundRow.attrs; one computed
    from the record is computed for each row."""
    table = Tabel(_kader(), row_attrs=row_attrs)
    context = Context({})
    baris = list(table.rows)  # a row's even/odd is set when it is made
    for row in baris:
        assert daftar._tr(row) == row.attrs.as_html()
    html = [daftar.baris_tabel(context, row) for row in baris]
    assert [h.split(">", 1)[0] for h in html] == [f"<tr {r.attrs.as_html()}" for r in baris]
    semua = " ".join(daftar._tr(r) for r in baris)
    assert "even" in semua and "odd" in semua
    if "data-pk" in row_attrs:
        assert 'data-pk="11"' in html[0] and 'data-pk="12"' in html[1]


def test_label_pilihan_hanya_untuk_tampilan_buatan_django():
    """The choices dict is taken only where get_<field>_display is Django's own for that field;
    a model that writes its own keeps it."""
    from django.db import models

    from imp_smart.kolom import _label_pilihan

    bidang = Kader._meta.get_field("jenis_kelamin")
    assert _label_pilihan(Kader, "jenis_kelamin", bidang) == {"L": "Laki-laki", "P": "Perempuan"}

    class Sendiri:
        def get_jenis_kelamin_display(self):
            return "x"

    assert _label_pilihan(Sendiri, "jenis_kelamin", bidang) is None
    assert _label_pilihan(Kader, "jenis_kelamin", models.CharField(choices=[("L", "l")])) is None


@pytest.mark.parametrize("autoescape", [True, False])
def test_bilangan_bulat_seperti_template(autoescape, settings):
    """Whole numbers written once per number and language are what {{ }} writes."""
    settings.USE_THOUSAND_SEPARATOR = True

    class TabelAngka(tables.Table):
        n = tables.Column()
        teks = tables.Column()

    data = [{"n": 5, "teks": "a"}, {"n": 12345, "teks": "b"}, {"n": -7000, "teks": "c"}]
    context = Context({}, autoescape=autoescape)
    baris = list(TabelAngka(data).rows)
    cepat = [daftar.baris_tabel(context, row) for row in baris]
    asli = [_baris_django_tables2(context, row) for row in baris]
    assert cepat == asli
    assert "12.345" in cepat[1]


def test_tanggal_sekali_per_tanggal_dan_bahasa():
    from django.utils import translation

    kolom = KolomTanggal(format="j F Y")
    with translation.override("id"):
        assert kolom.render(dt.date(2026, 3, 5)) == "5 Maret 2026"
    with translation.override("en"):
        assert kolom.render(dt.date(2026, 3, 5)) == "5 March 2026"
    with translation.override("id"):
        assert kolom.render(dt.date(2026, 3, 5)) == "5 Maret 2026"
    assert kolom.render("bukan tanggal") == ""
