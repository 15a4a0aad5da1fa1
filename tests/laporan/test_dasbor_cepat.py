"""A cached dashboard is served from the ids of the user's desa alone: the desa rows (167 with
their kecamatan at district scale) are read only when the dashboard is computed."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laporan import selectors_dasbor


def test_cached_dashboard_reads_desa_ids_only(client, users, area, angka_tetap):
    client.force_login(users.dinas)
    pertama = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"})
    with CaptureQueriesContext(connection) as kueri:
        kedua = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"})
    assert kedua.context["d"] == pertama.context["d"]
    wilayah = [q["sql"] for q in kueri.captured_queries if "kader_wilayah" in q["sql"]]
    assert len(wilayah) == 1 and '"kader_wilayah"."nama"' not in wilayah[0]
    assert len(kueri.captured_queries) <= 3  # user, profile, desa ids
    # The warmed entry is the one the page finds (same key from the ids).
    assert selectors_dasbor.dasbor_panaskan(bulan=date(2025, 3, 1)) == 1 + 2
    client.force_login(users.koordinator)
    d = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    assert d["jumlah_desa"] == 2
