"""'Tidak ada perubahan bulan ini' on the monthly PUS page: recorded with who and when, counted
as the Sub-PPKBD's report (F/I/Dal/13 I), scoped like the page."""

from datetime import date

from django.urls import reverse

from laporan.selectors_fidal import fidal_desa
from pendataan.models import KonfirmasiPus

MAR = date(2025, 3, 1)
URL = reverse("pendataan:pus_konfirmasi")


def _halaman(client, wilayah, bulan="2025-03"):
    return client.get(reverse("pendataan:pus_bulanan"), {"wilayah": wilayah.pk, "bulan": bulan})


def test_confirmation_is_recorded_and_counts_as_reported(client, area, users):
    client.force_login(users.sub_ppkbd)
    html = _halaman(client, area.dusun_a1).content.decode()
    assert "Tidak ada perubahan bulan ini</button>" in html
    assert (
        fidal_desa(bulan=MAR, desa_ids=[area.desa_a.pk])[area.desa_a.pk]["i_sub_ppkbd_lapor"] == 0
    )
    resp = client.post(URL, {"wilayah": area.dusun_a1.pk, "bulan": "2025-03"})
    assert resp.status_code == 302
    k = KonfirmasiPus.objects.get()
    assert (k.wilayah, k.bulan, k.oleh) == (area.dusun_a1, MAR, users.sub_ppkbd)
    assert k.pada is not None
    html = _halaman(client, area.dusun_a1).content.decode()
    assert "dikonfirmasi oleh" in html and "</button>" not in html.split("konfirmasi-pus")[1][:600]
    assert (
        fidal_desa(bulan=MAR, desa_ids=[area.desa_a.pk])[area.desa_a.pk]["i_sub_ppkbd_lapor"] == 1
    )
    # Confirming again keeps the first record.
    client.force_login(users.ppkbd)
    client.post(URL, {"wilayah": area.dusun_a1.pk, "bulan": "2025-03"})
    assert KonfirmasiPus.objects.get().oleh == users.sub_ppkbd


def test_desa_confirmation_covers_its_dusun_page(client, area, users):
    client.force_login(users.ppkbd)
    assert client.post(URL, {"wilayah": area.desa_a.pk, "bulan": "2025-03"}).status_code == 302
    client.force_login(users.sub_ppkbd)
    html = _halaman(client, area.dusun_a1).content.decode()
    assert "dikonfirmasi oleh" in html and "Desa A" in html


def test_scoping_and_roles(client, area, users):
    data = {"wilayah": area.dusun_a1.pk, "bulan": "2025-03"}
    assert client.post(URL, data).status_code == 302  # anonymous → login
    assert not KonfirmasiPus.objects.exists()
    client.force_login(users.koordinator)  # may read the page, not confirm
    assert client.post(URL, data).status_code == 403
    client.force_login(users.sub_ppkbd)
    assert client.post(URL, {"wilayah": area.dusun_x1.pk, "bulan": "2025-03"}).status_code == 404
    assert client.get(URL).status_code == 405
    assert not KonfirmasiPus.objects.exists()
