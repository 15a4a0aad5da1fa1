"""The meeting list: attendance counted per row, from subqueries built once for every request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pertemuan.models import HadirUndangan
from tests.factories import KaderFactory
from tests.pertemuan.factories import PertemuanFactory

pytestmark = pytest.mark.django_db


def _angka(client) -> dict[str, tuple[int, int]]:
    resp = client.get(reverse("pertemuan:list"))
    assert resp.status_code == 200
    return {
        r.record.judul: (r.record.jumlah_kader, r.record.jumlah_undangan)
        for r in resp.context["table"].paginated_rows
    }


def test_meeting_list_counts_present_cadres_and_invited_guests(client, users, area):
    rapat = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, judul="Rapat")
    rapat.kader_hadir.add(*KaderFactory.create_batch(3, institusi=area.ppkbd_a))
    HadirUndangan.objects.create(pertemuan=rapat, kategori="pkb", jumlah=2)
    HadirUndangan.objects.create(pertemuan=rapat, kategori="kua", jumlah=5)
    PertemuanFactory(wilayah=area.desa_a, judul="Kosong")
    client.force_login(users.ppkbd)
    assert _angka(client) == {"Rapat": (3, 7), "Kosong": (0, 0)}

    # The next request counts again: the shared expressions keep no result of the last one.
    rapat.kader_hadir.add(KaderFactory(institusi=area.ppkbd_a))
    HadirUndangan.objects.filter(pertemuan=rapat, kategori="pkb").update(jumlah=4)
    assert _angka(client) == {"Rapat": (4, 9), "Kosong": (0, 0)}
    # Sorted by a count, and only the user's area.
    PertemuanFactory(wilayah=area.desa_x, judul="Luar")
    resp = client.get(reverse("pertemuan:list"), {"sort": "-jumlah_kader"})
    assert [r.record.judul for r in resp.context["table"].paginated_rows] == ["Rapat", "Kosong"]


def test_meeting_list_html_and_plain_count(client, users, area):
    rapat = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, judul="Rapat")
    rapat.kader_hadir.add(*KaderFactory.create_batch(2, institusi=area.ppkbd_a))
    HadirUndangan.objects.create(pertemuan=rapat, kategori="pkb", jumlah=3)
    client.force_login(users.ppkbd)
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("pertemuan:list")).content.decode()
    url = reverse("pertemuan:detail", args=[rapat.pk])
    assert (
        f'<td ><a href="{url}">10 Mar 2025</a></td><td ><a href="{url}">Rapat</a></td>'
        '<td class="d-md-table-cell d-none">Desa A</td>'
        '<td class="d-md-table-cell d-none">Melati</td>'
        '<td class="d-md-table-cell d-none">Balai desa</td>'
        '<td class="text-end">2</td>'
        '<td class="d-md-table-cell d-none text-end">3</td>'
    ) in html
    # The rows read only the columns shown (not the minutes); the count reads meetings only.
    assert not any('"notulen"' in q["sql"] for q in ctx.captured_queries)
    hitung = [q["sql"] for q in ctx.captured_queries if '"__count"' in q["sql"]]
    assert hitung and all("kader_hadir" not in q and "GROUP BY" not in q for q in hitung)


@pytest.mark.parametrize("nama", ["pertemuan:list", "kader:kader_list", "kader:institusi_list"])
def test_dinas_lists_read_few_statements_whatever_the_rows(client, users, area, nama):
    """The Dinas's three lists of issue 14: a second request (options and access cached) reads
    the rows, their count and the session's user and profile, for 3 or for 30 rows."""

    def buat(n):
        for _ in range(n):
            k = KaderFactory(institusi=area.ppkbd_a)
            p = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a)
            p.kader_hadir.add(k)
            HadirUndangan.objects.create(pertemuan=p, kategori="pkb", jumlah=1)

    client.force_login(users.dinas)
    url = reverse(nama)
    jumlah = []
    for n in (3, 27):
        buat(n)
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        jumlah.append(len(ctx))
    assert jumlah[0] == jumlah[1] <= 4, jumlah


def test_meeting_list_order_has_an_index():
    """Read backwards, the index gives the list's order (-tanggal, -pk) without sorting."""
    with connection.cursor() as cursor:
        indeks = connection.introspection.get_constraints(cursor, "pertemuan_pertemuan")
    assert indeks["pertemuan_urut_tanggal"]["columns"] == ["tanggal", "id"]
