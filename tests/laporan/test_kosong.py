"""Empty states say the truth: nothing yet vs. nothing matching the filter (issue 9 §3)."""

from django.urls import reverse

from laporan.models import LaporanDesa
from tests.laporan.factories import LaporanDesaFactory


def test_list_without_reports_says_none_yet(client, users, area):
    client.force_login(users.koordinator)
    html = client.get(reverse("laporan:list")).content.decode()
    assert "Belum ada laporan desa di wilayah Anda." in html
    assert "cocok dengan filter" not in html and "Hapus saringan" not in html


def test_list_with_filter_and_no_match_says_so(client, users, area, angka_tetap):
    LaporanDesaFactory(desa=area.desa_a)  # a draft exists
    client.force_login(users.koordinator)
    url = reverse("laporan:list")
    html = client.get(url, {"status": LaporanDesa.Status.DISETUJUI}).content.decode()
    assert "Tidak ada laporan yang cocok dengan filter ini." in html
    assert "Hapus saringan" in html
    assert "Belum ada laporan desa di wilayah Anda." not in html
    # Sorting alone is no filter.
    html = client.get(url, {"sort": "bulan"}).content.decode()
    assert "Tidak ada laporan yang cocok" not in html


def test_other_area_reports_do_not_count(client, users, area, angka_tetap):
    LaporanDesaFactory(desa=area.desa_x)  # kecamatan L: not the koordinator's
    client.force_login(users.koordinator)
    html = client.get(reverse("laporan:list")).content.decode()
    assert "Belum ada laporan desa di wilayah Anda." in html
