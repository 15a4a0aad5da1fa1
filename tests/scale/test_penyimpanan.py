"""Every stored file goes through Django's storage API, so the backend can be switched (local
disk, an S3-compatible bucket) without the app knowing.

The stand-in for another backend: a FileSystemStorage on a second root (not MEDIA_ROOT) reached
only through the storage API: like S3 it has no local path (`path()` raises) and its `url()`
must not be used for these private files (it raises too). Generated recaps, import uploads,
SK scans and meeting photos are written, read and served through it.
"""

import hashlib
from datetime import date

import pytest
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


class PenyimpananTanpaJalur(Storage):
    """A storage with no local path and no public URL, as an object store is to the app: the
    files sit on disk under `location`, but only the storage API reaches them."""

    def __init__(self, location):
        self._disk = FileSystemStorage(location=location)

    def _open(self, name, mode="rb"):
        return self._disk._open(name, mode)

    def _save(self, name, content):
        return self._disk._save(name, content)

    def delete(self, name):
        self._disk.delete(name)

    def exists(self, name):
        return self._disk.exists(name)

    def size(self, name):
        return self._disk.size(name)

    def listdir(self, path):
        return self._disk.listdir(path)

    def get_modified_time(self, name):
        return self._disk.get_modified_time(name)

    # path(): Storage's own, which raises NotImplementedError (as S3Storage does).

    def url(self, name):
        raise AssertionError(f"URL publik berkas pribadi diminta: {name}")


@pytest.fixture
def akar_kedua(settings, tmp_path):
    akar, media = tmp_path / "akar-kedua", tmp_path / "media-kosong"
    akar.mkdir()
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": f"{__name__}.PenyimpananTanpaJalur",
            "OPTIONS": {"location": str(akar)},
        },
    }
    yield akar
    # Nothing was written by path under MEDIA_ROOT.
    assert not any(media.rglob("*"))


def _di_akar(akar, name: str) -> bytes:
    return (akar / name).read_bytes()


def test_switch_takes_effect(akar_kedua):
    nama = default_storage.save("uji/halo.txt", SimpleUploadedFile("halo.txt", b"halo"))
    assert _di_akar(akar_kedua, nama) == b"halo"
    with pytest.raises(NotImplementedError):
        default_storage.path(nama)


def test_recap_made_and_downloaded_through_the_storage(
    akar_kedua, client, users, area, django_capture_on_commit_callbacks
):
    from laporan import services_rekap
    from laporan.models import BerkasRekap

    with django_capture_on_commit_callbacks(execute=True):
        berkas = services_rekap.rekap_minta(
            bulan=date(2025, 3, 1), jenis="KABUPATEN", oleh=users.dinas
        )
    berkas.refresh_from_db()
    assert berkas.status == BerkasRekap.Status.SELESAI, berkas.pesan_galat
    disimpan = _di_akar(akar_kedua, berkas.berkas.name)
    assert hashlib.sha256(disimpan).hexdigest() == berkas.sha256

    client.force_login(users.dinas)
    assert client.get(reverse("laporan:rekap", args=["2025-03"])).status_code == 200
    resp = client.get(reverse("laporan:rekap_unduh", args=[berkas.pk]))
    isi = b"".join(resp.streaming_content)
    assert isi[:5] == b"%PDF-" and isi == disimpan


def test_import_upload_is_read_back_through_the_storage(
    akar_kedua, users, area, django_capture_on_commit_callbacks
):
    from pendataan import impor
    from pendataan.models import Impor
    from tests.pendataan.test_impor import _csv_keluarga

    unggahan = SimpleUploadedFile("keluarga.csv", _csv_keluarga(area), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = impor.impor_buat(jenis="keluarga", berkas=unggahan, oleh=users.ppkbd)
    job.refresh_from_db()
    assert (akar_kedua / job.berkas.name).is_file()
    assert job.status == Impor.Status.SELESAI, job.pesan_galat


def test_sk_scan_served_by_a_view_that_checks_permission(akar_kedua, client, users):
    from tests.factories import SKFactory

    sk = SKFactory()
    pdf = b"%PDF-1.4\n% pindaian uji\n%%EOF\n"
    sk.berkas.save("pindaian.pdf", SimpleUploadedFile("pindaian.pdf", pdf), save=True)
    assert _di_akar(akar_kedua, sk.berkas.name) == pdf
    url = reverse("kader:sk_berkas", args=[sk.pk])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(users.dinas)
    halaman = client.get(reverse("kader:sk_detail", args=[sk.pk]))
    assert url in halaman.content.decode()  # the page links the view, not a media URL
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert b"".join(resp.streaming_content) == pdf


def test_sk_without_scan_is_404(akar_kedua, client, users):
    from tests.factories import SKFactory

    sk = SKFactory()
    client.force_login(users.dinas)
    assert client.get(reverse("kader:sk_berkas", args=[sk.pk])).status_code == 404


def test_meeting_photo_served_to_its_area_only(akar_kedua, client, users, area):
    from pertemuan import services
    from tests.pertemuan.factories import PertemuanFactory
    from tests.pertemuan.test_services import gambar

    pertemuan = PertemuanFactory(wilayah=area.desa_a)
    foto = services.foto_tambah(pertemuan=pertemuan, berkas=gambar((400, 300)))
    disimpan = _di_akar(akar_kedua, foto.berkas.name)
    url = reverse("pertemuan:foto", args=[foto.pk])

    client.force_login(users.ppkbd)  # desa A
    halaman = client.get(reverse("pertemuan:detail", args=[pertemuan.pk]))
    assert halaman.status_code == 200 and f'src="{url}"' in halaman.content.decode()
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "image/jpeg"
    assert b"".join(resp.streaming_content) == disimpan

    lain = PertemuanFactory()  # a desa outside desa A
    foto_lain = services.foto_tambah(pertemuan=lain, berkas=gambar((40, 30)))
    assert client.get(reverse("pertemuan:foto", args=[foto_lain.pk])).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
