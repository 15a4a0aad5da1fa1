"""Pages and downloads of the F/I/Dal/13 documents: the desa form PDF, the month's page, the PDF
job per kecamatan/kabupaten (engine, versioned, hashed) and the workbooks per level — login,
role (403), area (404), and what is written or sent."""

import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imp_smart.models import Pekerjaan
from laporan import dokumen_fidal
from tests.factories import UserFactory
from tests.laporan.factories import LaporanDesaFactory

pytestmark = pytest.mark.django_db

BULAN = "2025-03"
MAR = date(2025, 3, 1)


def _url(nama, *args):
    return reverse(f"laporan:{nama}", args=args)


def test_anonymous_is_sent_to_login(client, area):
    lap = LaporanDesaFactory(desa=area.desa_a, bulan=MAR)
    for url in (
        _url("fidal_desa_pdf", lap.pk),
        _url("fidal", BULAN),
        _url("fidal_xlsx", BULAN),
    ):
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith(reverse("login")), url
    assert client.post(_url("fidal_minta", BULAN)).status_code == 302
    assert not Pekerjaan.objects.exists()


def test_desa_form_pdf_for_its_desa_and_404_elsewhere(client, users, area):
    lap_a = LaporanDesaFactory(desa=area.desa_a, bulan=MAR)
    lap_x = LaporanDesaFactory(desa=area.desa_x, bulan=MAR)
    client.force_login(users.ppkbd)
    resp = client.get(_url("fidal_desa_pdf", lap_a.pk))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content.startswith(b"%PDF")
    assert f"fidal13-{area.desa_a.kode}-2025-03.pdf" in resp["Content-Disposition"]
    assert client.get(_url("fidal_desa_pdf", lap_x.pk)).status_code == 404


def test_month_page_lists_the_users_kecamatan(client, users, area, django_assert_max_num_queries):
    client.force_login(users.koordinator)
    with django_assert_max_num_queries(20):
        resp = client.get(_url("fidal", BULAN))
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "Kecamatan K" in html and "Kecamatan L" not in html
    assert 'id="fidal-kabupaten"' not in html
    client.force_login(users.dinas)
    html = client.get(_url("fidal", BULAN)).content.decode()
    assert "Kecamatan K" in html and "Kecamatan L" in html and 'id="fidal-kabupaten"' in html
    client.force_login(users.ppkbd)  # no kecamatan: the workbook of its desa
    html = client.get(_url("fidal", BULAN)).content.decode()
    assert "XLSX desa Anda" in html and "Buat PDF" not in html
    assert "Dokumen per wilayah" not in html  # no empty table of areas: a note and the link
    assert "dibuat oleh koordinator PKB dan Dinas" in html
    assert client.get(_url("fidal", "2025-13")).status_code == 404


def test_kecamatan_pdf_is_a_versioned_hashed_job_seen_in_its_kecamatan_only(
    client, users, area, django_capture_on_commit_callbacks
):
    client.force_login(users.koordinator)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(_url("fidal_minta", BULAN), {"kecamatan": area.kec_k.pk})
    assert resp.status_code == 302
    job = Pekerjaan.objects.get(jenis_pekerjaan=dokumen_fidal.JENIS)
    assert job.parameter == {"bulan": BULAN, "wilayah_id": area.kec_k.pk}
    assert job.status == Pekerjaan.Status.SELESAI and job.versi == 1  # eager in tests
    unduh = client.get(reverse("pekerjaan_unduh", args=[job.pk]))
    isi = b"".join(unduh.streaming_content) if unduh.streaming else unduh.content
    assert isi.startswith(b"%PDF") and hashlib.sha256(isi).hexdigest() == job.sha256
    # A second request is version 2 of the same kecamatan and month.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("fidal_minta", BULAN), {"kecamatan": area.kec_k.pk})
    assert sorted(
        Pekerjaan.objects.filter(jenis_pekerjaan=dokumen_fidal.JENIS).values_list(
            "versi", flat=True
        )
    ) == [1, 2]
    # Another kecamatan's coordinator sees neither the page row nor the file.
    lain = UserFactory(username="koor_l", peran="koordinator", wilayah=area.kec_l)
    client.force_login(lain)
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 404
    assert "versi 1" not in client.get(_url("fidal", BULAN)).content.decode()


def test_pdf_of_another_kecamatan_is_404_and_of_the_kabupaten_403(client, users, area):
    client.force_login(users.koordinator)
    assert client.post(_url("fidal_minta", BULAN), {"kecamatan": area.kec_l.pk}).status_code == 404
    assert client.post(_url("fidal_minta", BULAN), {"kecamatan": "abc"}).status_code == 404
    assert client.post(_url("fidal_minta", BULAN)).status_code == 403
    client.force_login(users.penyuluh)  # a desa's officer sees no kecamatan
    assert client.post(_url("fidal_minta", BULAN), {"kecamatan": area.kec_k.pk}).status_code == 404
    assert not Pekerjaan.objects.exists()


def test_dinas_asks_for_the_kabupaten_pdf(client, users, area, django_capture_on_commit_callbacks):
    client.force_login(users.dinas)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url("fidal_minta", BULAN)).status_code == 302
    job = Pekerjaan.objects.get(jenis_pekerjaan=dokumen_fidal.JENIS)
    assert job.parameter == {"bulan": BULAN, "wilayah_id": None}
    assert job.status == Pekerjaan.Status.SELESAI and job.nama_berkas.startswith("fidal13-kab")
    client.force_login(users.koordinator)  # the kabupaten's file is the Dinas's
    assert client.get(reverse("pekerjaan_unduh", args=[job.pk])).status_code == 404


def _baris(resp) -> list[tuple]:
    return list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))


def test_workbooks_per_level_and_scope(client, users, area):
    client.force_login(users.koordinator)
    resp = client.get(
        _url("fidal_xlsx", BULAN), {"tingkat": "kecamatan", "kecamatan": area.kec_k.pk}
    )
    assert resp.status_code == 200
    rows = _baris(resp)
    assert [r[1] for r in rows[4:]] == ["Desa A", "Desa B", "Jumlah Kecamatan K"]
    assert (
        client.get(
            _url("fidal_xlsx", BULAN), {"tingkat": "kecamatan", "kecamatan": area.kec_l.pk}
        ).status_code
        == 404
    )
    assert client.get(_url("fidal_xlsx", BULAN), {"tingkat": "kabupaten"}).status_code == 403
    assert client.get(_url("fidal_xlsx", BULAN), {"tingkat": "x"}).status_code == 404
    client.force_login(users.ppkbd)
    rows = _baris(client.get(_url("fidal_xlsx", BULAN), {"tingkat": "desa"}))
    assert [r[1] for r in rows[4:]] == ["Desa A"]
    client.force_login(users.dinas)
    rows = _baris(client.get(_url("fidal_xlsx", BULAN), {"tingkat": "kabupaten"}))
    assert [r[1] for r in rows[4:-1]] == ["Kecamatan K", "Kecamatan L"]
    assert rows[-1][1].startswith("Jumlah ")


def test_links_from_the_report_page_the_recap_and_the_menu(client, users, area):
    lap = LaporanDesaFactory(desa=area.desa_a, bulan=MAR)
    client.force_login(users.penyuluh)
    html = client.get(reverse("laporan:detail", args=[lap.pk])).content.decode()
    assert _url("fidal_desa_pdf", lap.pk) in html and _url("fidal", BULAN) in html
    assert _url("fidal_index") in client.get(reverse("beranda")).content.decode()
    resp = client.get(_url("fidal_index"), {"bulan": BULAN})
    assert resp.status_code == 302 and resp["Location"] == _url("fidal", BULAN)
    client.force_login(users.dinas)
    html = client.get(reverse("laporan:rekap", args=[BULAN])).content.decode()
    assert f"{_url('fidal_xlsx', BULAN)}?tingkat=kabupaten" in html
