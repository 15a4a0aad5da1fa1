"""The one progress endpoint and the one download of background jobs (imp_smart/views_pekerjaan.py)
for every registered kind: anonymous → login, no permission for the kind → 403, a job outside
the user's scope or of no registered kind → 404; the JSON the poller (static/js/pekerjaan.js)
reads; the pages that poll it."""

import hashlib
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from kader import draft_sk
from laporan.models import BerkasRekap
from pendataan.models import Impor


@pytest.fixture
def rekap(db):
    isi = b"%PDF-1.7 rekap"
    b = BerkasRekap.objects.create(
        bulan=date(2025, 3, 1),
        jenis="KABUPATEN",
        versi=2,
        status="SELESAI",
        progres=100,
        sha256=hashlib.sha256(isi).hexdigest(),
        ukuran=len(isi),
    )
    b.berkas.save("rekap.pdf", ContentFile(isi))
    return b


@pytest.fixture
def impor_ppkbd(users):
    job = Impor(jenis="keluarga", nama_berkas="k.csv", oleh=users.ppkbd, status="PROSES")
    job.berkas.save("k.csv", ContentFile(b"kode_desa,nik\n"), save=False)
    job.jumlah_baris, job.baris_diproses = 200, 50
    job.save()
    return job


def _status(client, pk):
    return client.get(reverse("pekerjaan_status", args=[pk]))


def test_one_row_per_job_in_one_table_with_its_kind(rekap, impor_ppkbd):
    assert (
        rekap.kunci == "KABUPATEN/2025-03" and rekap.nama_berkas == "rekap-kabupaten-2025-03-v2.pdf"
    )
    assert impor_ppkbd.diminta_oleh == impor_ppkbd.oleh
    baris = dict(Pekerjaan.objects.values_list("pk", "jenis_pekerjaan"))
    assert baris == {rekap.pk: "laporan.rekap", impor_ppkbd.pk: "pendataan.impor"}
    assert jobs.rinci(rekap.pk) == rekap and isinstance(jobs.rinci(rekap.pk), BerkasRekap)


def test_progress_json_of_a_recap_and_its_download(client, users, rekap):
    client.force_login(users.dinas)
    data = _status(client, rekap.pk).json()
    assert data["status"] == "SELESAI" and data["selesai"] and data["versi"] == 2
    assert data["sha256"] == rekap.sha256 and data["persen"] == 100
    assert data["unduh"] == reverse("pekerjaan_unduh", args=[rekap.pk])
    resp = client.get(data["unduh"])
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.7 rekap"
    assert 'filename="rekap-kabupaten-2025-03-v2.pdf"' in resp["Content-Disposition"]


def test_progress_of_an_import_counts_rows_and_is_never_downloadable(client, users, impor_ppkbd):
    client.force_login(users.ppkbd)
    data = _status(client, impor_ppkbd.pk).json()
    assert (data["status"], data["persen"], data["selesai"]) == ("PROSES", 25, False)
    assert data["keterangan"] == "50 / 200 baris diperiksa" and not data["bergerak"]
    assert data["unduh"] is None
    Impor.objects.filter(pk=impor_ppkbd.pk).update(status="GAGAL", jumlah_kesalahan=2)
    assert _status(client, impor_ppkbd.pk).json()["label"] == "Ditolak (ada kesalahan)"
    Impor.objects.filter(pk=impor_ppkbd.pk).update(status="SELESAI")
    assert _status(client, impor_ppkbd.pk).json()["unduh"] is None  # the upload holds NIK
    assert client.get(reverse("pekerjaan_unduh", args=[impor_ppkbd.pk])).status_code == 404


def test_scoping_of_the_endpoint_per_kind(client, users, rekap, impor_ppkbd):
    url = reverse("pekerjaan_status", args=[rekap.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(users.koordinator)  # no permission for recap files
    assert client.get(url).status_code == 403
    assert client.get(reverse("pekerjaan_unduh", args=[rekap.pk])).status_code == 403
    # Imports: the uploader and kabupaten-wide roles; another user with the permission: 404.
    client.force_login(users.penyuluh)
    assert _status(client, impor_ppkbd.pk).status_code == 404
    client.force_login(users.dinas)
    assert _status(client, impor_ppkbd.pk).status_code == 200
    # No such job, or a job of a kind no app registered: 404.
    asing = Pekerjaan.objects.create(jenis_pekerjaan="hilang.entah", status="SELESAI")
    assert _status(client, asing.pk).status_code == 404
    assert _status(client, 999_999).status_code == 404


def test_draft_sk_is_kaders_job_seen_by_the_sk_makers(
    client, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        p = draft_sk.draft_sk_minta(tahun=2027, oleh=users.dinas)
    p.refresh_from_db()
    assert (p.jenis_pekerjaan, p.kunci, p.versi, p.status) == (
        "kader.draft_sk",
        "2027",
        1,
        "SELESAI",
    )
    assert (
        p.berkas.name.startswith("draf-sk/2027/")
        and p.nama_berkas == "draf-sk-pengurus-2027-v1.pdf"
    )
    assert not BerkasRekap.objects.exists()  # not a recap "filed under January"
    client.force_login(users.dinas)
    data = _status(client, p.pk).json()
    assert data["unduh"] and data["sha256"] == p.sha256
    client.force_login(users.ppkbd)
    assert _status(client, p.pk).status_code == 403
    # A second request makes version 2, the first stays.
    with django_capture_on_commit_callbacks(execute=True):
        dua = draft_sk.draft_sk_minta(tahun=2027, oleh=users.dinas)
    assert dua.versi == 2 and Pekerjaan.objects.filter(kunci="2027").count() == 2


def test_pages_poll_the_one_endpoint_with_the_one_script(client, users, rekap, impor_ppkbd):
    BerkasRekap.objects.create(bulan=date(2025, 3, 1), jenis="ZIP_KECAMATAN", versi=1, progres=40)
    client.force_login(users.dinas)
    halaman = client.get(reverse("laporan:rekap", args=["2025-03"])).content.decode()
    assert "js/pekerjaan.js" in halaman and "laporan/rekap.js" not in halaman
    zip_ = BerkasRekap.objects.get(jenis="ZIP_KECAMATAN")
    assert f'data-pekerjaan="{reverse("pekerjaan_status", args=[zip_.pk])}"' in halaman
    assert 'data-lebar="40"' in halaman
    halaman = client.get(reverse("kader:sk_draft")).content.decode()
    assert "js/pekerjaan.js" in halaman and "css/pekerjaan.css" in halaman
    client.force_login(users.ppkbd)
    halaman = client.get(impor_ppkbd.get_absolute_url()).content.decode()
    assert "js/pekerjaan.js" in halaman and "data-muat-ulang" in halaman
    assert f'data-pekerjaan="{reverse("pekerjaan_status", args=[impor_ppkbd.pk])}"' in halaman
    assert "50 / 200 baris diperiksa" in halaman
