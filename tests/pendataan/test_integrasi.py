"""The upload page returns at once; a real Celery worker (Redis) processes the file."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pendataan.models import Anggota, Impor
from tests.pendataan.test_impor import _csv_keluarga


@pytest.mark.integration
def test_upload_is_processed_by_the_worker(celery_real_worker, client, users, area):
    client.force_login(users.ppkbd)
    berkas = SimpleUploadedFile("keluarga.csv", _csv_keluarga(area), content_type="text/csv")
    resp = client.post(reverse("pendataan:impor_create"), {"jenis": "keluarga", "berkas": berkas})
    job = Impor.objects.get()
    assert resp.status_code == 302
    batas = time.monotonic() + 30
    while time.monotonic() < batas:
        job.refresh_from_db()
        if not job.berjalan:
            break
        time.sleep(0.2)
    assert job.status == Impor.Status.SELESAI, (job.status, job.kesalahan)
    assert Anggota.objects.count() == 3
    assert client.get(reverse("pekerjaan_status", args=[job.pk])).json()["persen"] == 100
