"""The kabupaten summary of the status board is counted by the database (papan_kecamatan): it
must give exactly what the desa board's own counting (papan_status) gives, cell by cell, on a
fixture with every status, late and on-time sends, desa not yet started and a go-live date."""

import random
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join

from kader.models import Wilayah
from laporan import jadwal, selectors
from laporan.models import LaporanDesa
from laporan.templatetags import laporan_tags
from tests.factories import DesaFactory, KecamatanFactory
from tests.laporan.factories import LaporanDesaFactory
from tests.laporan.test_escaping import JAHAT, _aman

S = LaporanDesa.Status
PILIHAN = [None, None, S.DRAFT, S.DIKIRIM, S.DIVERIFIKASI, S.DISETUJUI, S.DISETUJUI, S.DIKEMBALIKAN]


@pytest.fixture
def kabupaten(area):
    """Three kecamatan of desa with reports of 2025 in every state; some desa start late
    (first report in the year), one has no record at all."""
    acak = random.Random(14)
    kec_m = KecamatanFactory(nama="Kecamatan M")
    desa = [area.desa_a, area.desa_b, area.desa_x]
    for i, kec in enumerate([area.kec_k, kec_m, area.kec_l, kec_m] * 3):
        desa.append(DesaFactory(induk=kec, nama=f"Desa {kec.nama[-1]}{i}"))
    for i, d in enumerate(desa[:-1]):  # the last desa: nothing recorded
        mulai = 1 + (i % 5) * 2  # first report in January, March, … September
        for m in range(mulai, 13):
            status = acak.choice(PILIHAN) if m > mulai else S.DIKIRIM
            if status is None:
                continue
            batas = jadwal.batas_tepat_waktu(date(2025, m, 1))
            kirim = acak.choice([None, batas - timedelta(hours=1), batas, batas + timedelta(1)])
            LaporanDesaFactory(
                desa=d,
                bulan=date(2025, m, 1),
                status=status,
                angka_beku={} if status == S.DISETUJUI else None,
                dikirim_pertama_pada=None if status == S.DRAFT else kirim,
            )
    selectors.mulai_usang()
    return desa


def _keduanya(user, hari_ini, kecamatan=None):
    bulan_list = [date(2025, m, 1) for m in range(1, 13) if date(2025, m, 1) <= hari_ini]
    qs = selectors.desa_terlihat(user)
    papan = selectors.papan_status(desa_list=list(qs), bulan_list=bulan_list, hari_ini=hari_ini)
    ringkasan = selectors.papan_kecamatan(
        desa_qs=qs,
        urutan=list(qs.values_list("pk", "kecamatan_id")),
        kecamatan={} if kecamatan is None else kecamatan,
        bulan_list=bulan_list,
        hari_ini=hari_ini,
    )
    return {"ringkas": papan["ringkas"], "kecamatan": papan["kecamatan"]}, ringkasan


@pytest.mark.parametrize("mulai", ["", "2025-05"])
@pytest.mark.parametrize(
    "hari_ini", [date(2025, 1, 20), date(2025, 7, 3), date(2025, 7, 4), date(2026, 2, 1)]
)
def test_summary_counts_equal_the_desa_board(users, kabupaten, settings, mulai, hari_ini):
    settings.IMP_TANGGAL_MULAI = mulai
    papan, ringkasan = _keduanya(users.dinas, hari_ini)
    assert ringkasan == papan
    # The fixture does exercise every count (else the equality above proves little).
    if hari_ini.year == 2026:
        sel = [s for k in ringkasan["kecamatan"] for s in k["sel"]]
        for kunci in ("disetujui", "terlambat", "tepat_waktu"):
            assert any(s[kunci] for s in sel), kunci
        # desa not yet started in a month: expected fewer than the kecamatan's desa
        assert any(
            s["diharapkan"] < k["jumlah_desa"] for k in ringkasan["kecamatan"] for s in k["sel"]
        )


def test_summary_counts_equal_for_a_koordinator(users, kabupaten):
    kec = {k.pk: k for k in selectors.kecamatan_terlihat(users.koordinator)}
    papan, ringkasan = _keduanya(users.koordinator, date(2026, 2, 1), kec)
    assert ringkasan == papan
    assert [k["wilayah"].nama for k in ringkasan["kecamatan"]] == ["Kecamatan K"]


def test_summary_without_postgresql_counts_in_python(users, kabupaten, monkeypatch):
    """The embedded demo (SQLite) takes papan_status's counting: the same result."""
    papan, ringkasan = _keduanya(users.dinas, date(2026, 2, 1))
    monkeypatch.setattr(connection, "vendor", "sqlite")
    assert _keduanya(users.dinas, date(2026, 2, 1))[1] == ringkasan == papan


@pytest.mark.parametrize("n", [45, 90])
def test_summary_page_statements_do_not_grow_with_desa(
    client, users, area, n, django_assert_max_num_queries
):
    kec = [KecamatanFactory(nama=f"Kecamatan {i}") for i in range(3)]
    for i in range(n):
        d = DesaFactory(induk=kec[i % 3], nama=f"Desa {i}")
        LaporanDesaFactory(desa=d, bulan=date(2025, 3, 1), status=S.DIKIRIM)
    client.force_login(users.dinas)
    # user, profile, office identity, kecamatan, desa ids, start months (2, cached), counts
    with django_assert_max_num_queries(8):
        respons = client.get(reverse("laporan:papan"), {"tahun": 2025})
    assert respons.context["ringkasan_kecamatan"]
    baris = {k["wilayah"].nama: k for k in respons.context["papan"]["kecamatan"]}
    assert baris["Kecamatan 0"]["jumlah_desa"] == n // 3
    maret = baris["Kecamatan 0"]["sel"][2]
    assert (maret["disetujui"], maret["diharapkan"]) == (0, n // 3)
    assert respons.context["papan"]["ringkas"][2]["diharapkan"] == n


def test_summary_page_shows_the_counts(client, users, kabupaten):
    for i in range(40):
        DesaFactory(induk=Wilayah.objects.get(nama="Kecamatan M"), nama=f"Desa Tambahan {i}")
    client.force_login(users.dinas)
    respons = client.get(reverse("laporan:papan"), {"tahun": 2025})
    html = respons.content.decode()
    papan = respons.context["papan"]
    hari_ini = timezone.localdate()
    harapan = _keduanya(users.dinas, hari_ini)[0]
    assert {"ringkas": papan["ringkas"], "kecamatan": papan["kecamatan"]} == harapan
    k = papan["kecamatan"][0]
    sel = k["sel"][11]
    assert (
        f'<td class="text-center p-1"><span class="badge {sel["kelas"]}" title="{sel["label"]}">'
        f"{sel['teks']}</span></td>"
    ) in html
    # The desa rows are not shown under the summary, but still there if asked for.
    assert len(papan["baris"]) == Wilayah.objects.desa().count()


def test_on_time_cut_off_is_midnight_wita_after_the_due_date(users, area):
    """A first send one microsecond before the cut-off is on time, at the cut-off it is not."""
    batas = jadwal.batas_tepat_waktu(date(2025, 3, 1))
    assert batas == datetime(2025, 4, 4, tzinfo=timezone.get_current_timezone())
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 3, 1), status=S.DIKIRIM,
                       dikirim_pertama_pada=batas - timedelta(microseconds=1))  # fmt: skip
    LaporanDesaFactory(desa=area.desa_b, bulan=date(2025, 3, 1), status=S.DIKIRIM,
                       dikirim_pertama_pada=batas)  # fmt: skip
    selectors.mulai_usang()
    papan, ringkasan = _keduanya(users.dinas, date(2025, 5, 1))
    assert ringkasan == papan
    assert ringkasan["kecamatan"][0]["sel"][2]["tepat_waktu"] == 1


@pytest.mark.parametrize("nilai", JAHAT)
def test_summary_cells_tag_escapes_every_value(nilai):
    sel = [{"kelas": nilai, "label": nilai, "teks": nilai}]
    html = laporan_tags.sel_kecamatan(sel)
    _aman(html)
    assert html.count("<td") == 1 and html.count("<span ") == 1
    assert html == format_html_join(
        "",
        '<td class="text-center p-1"><span class="badge {}" title="{}">{}</span></td>',
        [(nilai, nilai, nilai)],
    )


def test_summary_cells_written_once_stay_escaped():
    from django.utils.safestring import mark_safe

    tertulis: dict = {}
    polos = {"kelas": "a", "label": "<b>", "teks": "1/2"}
    aman = {"kelas": "a", "label": mark_safe("<b>"), "teks": "1/2"}
    assert 'title="&lt;b&gt;"' in laporan_tags.sel_kecamatan([polos, polos], tertulis)
    assert 'title="<b>"' in laporan_tags.sel_kecamatan([aman], tertulis)
    assert 'title="&lt;b&gt;"' in laporan_tags.sel_kecamatan([polos], tertulis)
