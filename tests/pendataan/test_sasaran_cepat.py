"""The worklist (pendataan:sasaran) and the desa comparison at district scale (issue 14): the
worklist's rows written in Python (sasaran_tags.baris_sasaran) are the former template loop's
markup byte for byte, every value escaped; the worklist's numbers on a fixture; the comparison
counts PUS only (status_pus_desa) and shows what indikator_desa gave; the statements of both
pages do not grow with their rows."""

from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse

from pendataan import selectors_sasaran as sasaran
from pendataan import services
from pendataan.indikator import lengkapi
from pendataan.models import Hubungan, Mutasi, StatusKawin
from pendataan.selectors import indikator_desa, status_pus_desa
from pendataan.templatetags.sasaran_tags import baris_perbandingan, baris_sasaran, opsi_wilayah
from tests.factories import DesaFactory, DusunFactory
from tests.pendataan.factories import anggota_buat, keluarga_buat, pus_buat

pytestmark = pytest.mark.django_db

BULAN = date(2025, 3, 1)

# The template's loop before issue 14, kept here as the reference markup.
LOOP_LAMA = (
    "{% for x in daftar %}"
    '<tr><td class="d-none d-sm-table-cell">{{ x.prioritas }}</td><td>{{ x.alasan }}'
    '{% if x.rincian %}<div class="small text-muted">{{ x.rincian }}</div>{% endif %}</td>\n'
    "<td><a href=\"{% url 'pendataan:keluarga_detail' x.keluarga_id %}\">{{ x.nama }}</a>"
    '{% if x.nasihat %}<div class="small text-body-secondary"><i class="bi bi-info-circle" '
    'aria-hidden="true"></i> {{ x.nasihat }}</div>{% endif %}</td>\n'
    "<td>{{ x.umur }}</td><td>{{ x.dusun }} / {{ x.rt }}</td><td>{{ x.status }}</td></tr>\n"
    "{% endfor %}"
)
LOOP_PERBANDINGAN_LAMA = (
    '{% for b in baris %}<tr><td>{{ b.desa.nama }}</td><td class="text-end">{{ b.pus }}</td>\n'
    '<td class="text-end{% if b.lemah_cpr %} lemah{% endif %}">{{ b.cpr }}</td>\n'
    '<td class="text-end{% if b.lemah_mkjp_persen %} lemah{% endif %}">{{ b.mkjp_persen }}</td>\n'
    '<td class="text-end{% if b.lemah_unmet_need_persen %} lemah{% endif %}">'
    "{{ b.unmet_need_persen }}</td></tr>\n{% endfor %}"
)


def _anak(kel, *lahir):
    for i, tanggal in enumerate(lahir):
        anggota_buat(
            keluarga=kel,
            lahir=tanggal,
            hubungan=Hubungan.ANAK,
            status_kawin=StatusKawin.BELUM,
            nama=f"Anak {i}",
        )


@pytest.fixture
def daftar_kerja(area):
    """Dusun A1 in March 2025: one PUS per reason, children for the advice, a PUP couple;
    a PUS of dusun A2 and one of desa X for the area checks."""
    tial = pus_buat(dusun=area.dusun_a1, nama="Ana <b>&'", rt="002", lahir=date(1988, 4, 1))
    _anak(tial.keluarga, date(2010, 1, 1), date(2013, 1, 1), date(2016, 1, 1), date(2019, 1, 1))
    suntik = pus_buat(dusun=area.dusun_a1, nama="Bunga", lahir=date(1995, 3, 31))
    _anak(suntik.keluarga, date(2022, 2, 1), date(2024, 1, 1))
    pil = pus_buat(dusun=area.dusun_a1, nama="Cici", lahir=date(1990, 1, 1))
    pus_buat(dusun=area.dusun_a1, nama="Dewi", lahir=date(2006, 1, 1), rt="003")
    implan = pus_buat(dusun=area.dusun_a1, nama="Eka", lahir=date(1980, 1, 1))
    hamil = pus_buat(dusun=area.dusun_a1, nama="Fitri", lahir=date(1985, 1, 1))
    luar = pus_buat(dusun=area.dusun_a2, nama="Tetangga")
    jauh = pus_buat(dusun=area.dusun_x1, nama="Jauh")
    services.status_simpan_bulan(
        bulan=date(2024, 12, 1),
        pus={suntik.pk: area.desa_a.pk},
        isian={suntik.pk: services.Isian("SUNTIK", "PEMERINTAH")},
    )
    services.status_simpan_bulan(
        bulan=BULAN,
        pus={w.pk: area.desa_a.pk for w in (tial, pil, implan, hamil, luar)},
        isian={
            tial.pk: services.Isian("TIAL"),
            pil.pk: services.Isian("PIL", "SWASTA"),
            implan.pk: services.Isian("IMPLAN", "PEMERINTAH"),
            hamil.pk: services.Isian("HAMIL"),
            luar.pk: services.Isian("IAT"),
        },
    )
    services.status_simpan_bulan(
        bulan=BULAN, pus={jauh.pk: area.desa_x.pk}, isian={jauh.pk: services.Isian("IAT")}
    )
    # Married in January 2025 at 19 (wife) and 24 (husband): PUP, and she is a PUS.
    kel = keluarga_buat(dusun=area.dusun_a1, nama_kepala="Kepala Gita", rt="004")
    for jk, lahir, nama, hubungan in (
        ("L", date(2000, 6, 1), "Suami Gita", Hubungan.KEPALA),
        ("P", date(2005, 6, 1), "Gita", Hubungan.PASANGAN),
    ):
        a = anggota_buat(
            keluarga=kel,
            jenis_kelamin=jk,
            lahir=lahir,
            nama=nama,
            hubungan=hubungan,
            status_kawin=StatusKawin.BELUM,
        )
        services.mutasi_catat(anggota=a, jenis=Mutasi.Jenis.MENIKAH, tanggal=date(2025, 1, 10))
    return area


def _ringkas(daftar):
    return [
        (x["kode"], x["nama"], x["umur"], x["dusun"], x["rt"], x["status"], x["nasihat"])
        + ((x["rincian"],) if x["rincian"] else ())
        for x in daftar
    ]


def test_worklist_rows_of_a_dusun(daftar_kerja):
    area = daftar_kerja
    daftar = sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids={area.dusun_a1.pk})
    banyak = "Usia ibu 36 th, anak 4 — disarankan tidak menambah anak (MKJP)"
    bungsu = (
        "Anak bungsu 1 th, jarak dua kelahiran terakhir 1 th — jarak kelahiran < 3 th: "
        "tunda kehamilan"
    )
    muda = "Usia ibu 19 th — tunda kehamilan pertama sampai usia 20 th"
    assert _ringkas(daftar) == [
        ("unmet", "Ana <b>&'", 36, "A1", "002", "TIAL", banyak),
        ("empat_terlalu", "Ana <b>&'", 36, "A1", "002", "TIAL", banyak),
        ("empat_terlalu", "Dewi", 19, "A1", "003", "tanpa status", muda),
        ("empat_terlalu", "Gita", 19, "A1", "004", "tanpa status", muda),
        ("tanpa_status", "Dewi", 19, "A1", "003", "tanpa status", muda),
        ("tanpa_status", "Gita", 19, "A1", "004", "tanpa status", muda),
        ("pasokan", "Bunga", 30, "A1", "001", "SUNTIK", bungsu),
        ("pasokan", "Cici", 35, "A1", "001", "PIL", None),
        (
            "pup",
            "Gita",
            19,
            "A1",
            "004",
            "tanpa status",
            None,
            "Menikah 10/01/2025: suami 24 th, istri 19 th",
        ),
    ]
    assert {x["keluarga_id"] for x in daftar if x["nama"] == "Gita"} == {
        Mutasi.objects.get(anggota__nama="Gita").keluarga_id
    }
    # The desa's other dusun adds its own PUS; desa X never appears.
    semua = sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids={area.dusun_a1.pk, area.dusun_a2.pk})
    assert [x["nama"] for x in semua if x["kode"] == "unmet"] == ["Ana <b>&'", "Tetangga"]


def test_worklist_children_read_apart_on_sqlite_give_the_same_rows(daftar_kerja, monkeypatch):
    """PostgreSQL reads the children's birth dates as an array on each PUS row; the embedded
    demo (SQLite) reads them in one more query: the same rows."""
    from django.db import connection

    area = daftar_kerja
    ids = {area.dusun_a1.pk, area.dusun_a2.pk}
    satu = sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids=ids)
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids=ids) == satu


def test_worklist_rows_are_the_former_template_markup(daftar_kerja):
    daftar = sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids={daftar_kerja.dusun_a1.pk})
    daftar.append({**daftar[0], "nama": "<script>x</script>", "rt": "1&2", "umur": 1234})
    lama = Template(LOOP_LAMA).render(Context({"daftar": daftar}))
    baru = baris_sasaran(Context(), daftar)
    assert baru == lama
    assert "Ana &lt;b&gt;&amp;&#x27;" in baru and "<b>" not in baru
    assert "&lt;script&gt;" in baru and "<td>1.234</td>" in baru


def test_worklist_page_shows_the_rows_escaped(client, users, daftar_kerja):
    client.force_login(users.sub_ppkbd)
    body = client.get(reverse("pendataan:sasaran"), {"bulan": "2025-03"}).content.decode()
    assert body.count('<td class="d-none d-sm-table-cell">') == 9
    assert "Ana &lt;b&gt;&amp;&#x27;" in body and "Tetangga" not in body
    body = client.get(
        reverse("pendataan:sasaran"), {"bulan": "2025-03", "kategori": "pup"}
    ).content.decode()
    assert body.count('<td class="d-none d-sm-table-cell">') == 1
    client.force_login(users.dinas)
    body = client.get(
        reverse("pendataan:sasaran"), {"bulan": "2025-03", "wilayah": daftar_kerja.desa_b.pk}
    ).content.decode()
    assert '<td colspan="6" class="kosong">Tidak ada sasaran prioritas.</td>' in body


def test_worklist_page_statements_do_not_grow_with_rows(
    client, users, area, django_assert_max_num_queries
):
    client.force_login(users.ppkbd)
    for n in (3, 30):
        while len(sasaran.sasaran_prioritas(bulan=BULAN, wilayah_ids={area.dusun_a1.pk})) < n:
            w = pus_buat(dusun=area.dusun_a1, lahir=date(2007, 1, 1))
            _anak(w.keluarga, date(2024, 1, 1))
        # user, profile, the areas she may see (the choices, the desa and its dusun), the PUS
        # with their status and children, the PUP marriages; on the first visit, the office's
        # identity read into the cache.
        with django_assert_max_num_queries(6):
            assert client.get(reverse("pendataan:sasaran"), {"bulan": "2025-03"}).status_code == 200


def test_comparison_counts_are_indikator_desa(daftar_kerja):
    area = daftar_kerja
    ids = [area.desa_a.pk, area.desa_b.pk, area.desa_x.pk]
    lengkap = indikator_desa(bulan=BULAN, desa_ids=ids)
    pus = status_pus_desa(bulan=BULAN, desa_ids=ids)
    for pk in ids:
        assert {k: v for k, v in pus[pk].items() if k not in ("pb", "jumlah_keluarga")} == {
            k: v for k, v in lengkap[pk].items() if k not in ("pb", "jumlah_keluarga")
        }
    assert pus[area.desa_a.pk]["pus"] == 8 and lengkap[area.desa_a.pk]["jumlah_keluarga"] == 8
    baris = sasaran.perbandingan_desa(bulan=BULAN, desa=[area.desa_a, area.desa_b])
    a = lengkapi(lengkap[area.desa_a.pk])
    assert {k: baris[0][k] for k in sasaran.KOLOM_PERBANDINGAN} == {
        k: a[k] for k in sasaran.KOLOM_PERBANDINGAN
    }
    assert [str(baris[0][k]) for k in ("cpr", "mkjp_persen", "unmet_need_persen")] == [
        "37.50",
        "33.33",
        "25.00",
    ]


def test_comparison_page_statements_do_not_grow_with_desa(
    client, users, area, django_assert_max_num_queries
):
    client.force_login(users.dinas)
    url = reverse("pendataan:perbandingan_desa")
    for n in (2, 12):
        for _ in range(area.kec_k.anak.count(), n):
            pus_buat(dusun=DusunFactory(induk=DesaFactory(induk=area.kec_k)))
        # user, profile, the kecamatan (the choices and the chosen one), the desa, the PUS
        # count (in a transaction that switches JIT off: 4 statements); on the first visit,
        # the office's identity read into the cache.
        with django_assert_max_num_queries(9):
            resp = client.get(url, {"wilayah": area.kec_k.pk, "bulan": "2025-03"})
        assert resp.status_code == 200 and len(resp.context["baris"]) == n


def test_comparison_rows_are_the_former_template_markup(daftar_kerja):
    area = daftar_kerja
    baris = sasaran.perbandingan_desa(bulan=BULAN, desa=[area.desa_a, area.desa_b])
    area.desa_b.nama = "B <i>&"
    baris.append({**baris[0], "pus": 1234, "lemah_mkjp_persen": True})
    lama = Template(LOOP_PERBANDINGAN_LAMA).render(Context({"baris": baris}))
    baru = baris_perbandingan(Context(), baris)
    assert baru == lama
    assert '<td class="text-end">1.234</td>' in baru and "<td>B &lt;i&gt;&amp;</td>" in baru
    # Desa A, the only one with PUS, is the weakest quarter; desa B (no PUS) is never shaded.
    assert '<td class="text-end lemah">37,50</td>' in baru and '"text-end">0,00</td>' in baru


def test_area_options_are_the_former_template_markup(area):
    """The area choice of the map, worklist and comparison pages: the same options as the
    former loop (a dusun marked, the chosen one selected, names escaped)."""
    from kader.models import Wilayah

    lama = Template(
        "{% load l10n %}{% for w in pilihan_wilayah %}"
        '<option value="{{ w.pk|unlocalize }}"{% if w.pk == wilayah.pk %} selected{% endif %}>'
        '{% if w.tingkat == "dusun" %}· {% endif %}{{ w.nama }}</option>{% endfor %}'
    )
    area.dusun_a2.nama = "A2 <b>&"
    area.dusun_a2.save()
    pilihan = list(Wilayah.objects.order_by("kode"))
    for wilayah in (None, area.dusun_a1, area.desa_a):
        konteks = Context({"pilihan_wilayah": pilihan, "wilayah": wilayah})
        assert opsi_wilayah(pilihan, wilayah) == lama.render(konteks)
    teks = opsi_wilayah(pilihan, area.dusun_a1)
    assert f'<option value="{area.dusun_a1.pk}" selected>· A1</option>' in teks
    assert "· A2 &lt;b&gt;&amp;</option>" in teks and teks.count("selected") == 1
