"""The desa report list writes its cells in Python (month link, status badge, local date of the
first send): the same rows as the template and date columns it had, and no more statements as
the rows grow."""

from datetime import UTC, date, datetime

import django_tables2 as tables
import pytest
from django.template import Context
from django.urls import reverse

from imp_smart.kolom import KolomTanggal, KolomTemplat, KolomWaktu
from imp_smart.templatetags.daftar import badan_tabel
from kader.tables import HANYA_DESKTOP
from laporan.models import LaporanDesa
from laporan.tables import LaporanTable
from tests.laporan.factories import LaporanDesaFactory

S = LaporanDesa.Status


class TabelLama(tables.Table):
    """The table as it was: a date column with linkify, a template per status cell."""

    bulan = KolomTanggal(format="F Y", linkify=True, verbose_name="Bulan")
    desa = tables.Column(accessor="desa__nama", verbose_name="Desa")
    kecamatan = tables.Column(
        accessor="desa__kecamatan__nama", verbose_name="Kecamatan", attrs=HANYA_DESKTOP
    )
    status = KolomTemplat(
        template_code='{% load laporan_tags %}<span class="badge '
        '{{ record.status|warna_status }}">{{ record.get_status_display }}</span>',
        verbose_name="Status",
        orderable=True,
    )
    nihil = tables.BooleanColumn(verbose_name="Nihil", yesno="Ya,–", attrs=HANYA_DESKTOP)
    dikirim_pertama_pada = KolomWaktu(format="j M Y", verbose_name="Dikirim", attrs=HANYA_DESKTOP)

    class Meta:
        model = LaporanDesa
        fields = ("bulan", "desa", "kecamatan", "status", "nihil", "dikirim_pertama_pada")
        order_by = ("-bulan",)


@pytest.fixture
def laporan(area):
    # 15:59 and 16:00 UTC on 3 April: 23:59 on the 3rd and 00:00 on the 4th in WITA.
    kirim = [
        datetime(2025, 4, 3, 15, 59, tzinfo=UTC),
        datetime(2025, 4, 3, 16, 0, tzinfo=UTC),
        None,
    ]
    hasil = []
    for i, status in enumerate(S):
        for j, desa in enumerate((area.desa_a, area.desa_b)):
            hasil.append(
                LaporanDesaFactory(
                    desa=desa,
                    bulan=date(2025, 1 + i, 1),
                    status=status,
                    nihil=bool(j),
                    angka_beku={} if status == S.DISETUJUI else None,
                    dikirim_pertama_pada=kirim[(i + j) % 3],
                )
            )
    return hasil


def test_rows_are_those_of_the_former_columns(client, users, laporan):
    client.force_login(users.koordinator)
    respons = client.get(reverse("laporan:list"), {"sort": "status"})
    baru = respons.context["table"]
    rekaman = [row.record for row in baru.page.object_list]
    assert len(rekaman) == len(laporan)
    lama = TabelLama(rekaman)
    konteks = Context({"request": respons.wsgi_request}, autoescape=True)
    html_lama = badan_tabel(konteks, lama).replace("</span>\n</td>", "</span></td>")
    html_baru = badan_tabel(konteks, LaporanTable(rekaman))
    assert html_baru == html_lama
    html = respons.content.decode()
    baris = html_baru.removeprefix("<tbody >").removesuffix("</tbody>").split("</tr>")[:-1]
    assert len(baris) == len(laporan)
    for b in baris:  # the page's rows (ties in status come in either order)
        assert b.split(">", 1)[1] in html
    for teks in ("3 Apr 2025", "4 Apr 2025", "Maret 2025", "text-bg-warning", "Dikembalikan"):
        assert teks in html_baru, teks
    assert f'<a href="{reverse("laporan:detail", args=[laporan[0].pk])}">Januari 2025</a>' in html


@pytest.mark.parametrize("n", [3, 30])
def test_list_statements_do_not_grow_with_rows(
    client, users, area, n, django_assert_max_num_queries
):
    for i in range(n):
        LaporanDesaFactory(
            desa=(area.desa_a, area.desa_b)[i % 2], bulan=date(2020 + i // 24, 1 + i // 2 % 12, 1)
        )
    client.force_login(users.koordinator)
    client.get(reverse("laporan:list"))  # the filter's options are cached from here on
    # user, profile, count, the page's rows
    with django_assert_max_num_queries(4):
        respons = client.get(reverse("laporan:list"))
    assert len(respons.context["table"].page.object_list) == min(n, 25)
