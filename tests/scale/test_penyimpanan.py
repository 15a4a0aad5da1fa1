"""Every stored file goes through Django's storage API, so the backend can be switched (local
disk, an S3-compatible bucket) without the app knowing.

Each test runs on two backends other than MEDIA_ROOT: a second local root reached only through
the storage API (like S3 it has no local path: `path()` raises), and django-storages' S3 backend
on a local S3-compatible server (moto). On both, `url()` raises: these private files must never
be handed out as a storage URL. Generated recaps, import uploads,
SK scans and meeting photos are written, read and served through it.
"""

import hashlib
from datetime import date
from uuid import uuid4

import pytest
from django.core.files.storage import FileSystemStorage, Storage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

try:
    from storages.backends.s3 import S3Storage
except ImportError:  # django-storages[s3] is optional: only the local-root stand-in runs
    S3Storage = None


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


class S3TanpaUrl(S3Storage if S3Storage else object):
    """django-storages' S3 backend as production configures it; only `url()` is refused here,
    to prove that no page hands out a bucket URL (signed or not) for a private file."""

    def url(self, name, *args, **kwargs):
        raise AssertionError(f"URL bucket berkas pribadi diminta: {name}")


class Tempat:
    """Where the test reads what the app stored, bypassing the app."""

    def __init__(self, baca):
        self.baca = baca


@pytest.fixture(params=["akar-kedua", "s3"])
def penyimpanan(request, settings, tmp_path):
    media = tmp_path / "media-kosong"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    if request.param == "akar-kedua":
        akar = tmp_path / "akar-kedua"
        akar.mkdir()
        backend, opsi = f"{__name__}.PenyimpananTanpaJalur", {"location": str(akar)}
        tempat = Tempat(lambda name: (akar / name).read_bytes())
    else:
        if S3Storage is None:
            pytest.skip("django-storages[s3] tidak terpasang")
        import boto3

        endpoint = request.getfixturevalue("s3_tiruan")
        kunci = {"aws_access_key_id": "uji", "aws_secret_access_key": "uji-rahasia"}
        bucket = f"imp-uji-{uuid4().hex[:12]}"
        klien = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **kunci)
        klien.create_bucket(Bucket=bucket)
        backend = f"{__name__}.S3TanpaUrl"
        opsi = {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "access_key": kunci["aws_access_key_id"],
            "secret_key": kunci["aws_secret_access_key"],
            "region_name": "us-east-1",
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": "path",
            "signature_version": "s3v4",
        }
        tempat = Tempat(lambda name: klien.get_object(Bucket=bucket, Key=name)["Body"].read())
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": backend, "OPTIONS": opsi}}
    yield tempat
    # Nothing was written by path under MEDIA_ROOT.
    assert not any(media.rglob("*"))


def test_switch_takes_effect(penyimpanan):
    nama = default_storage.save("uji/halo.txt", SimpleUploadedFile("halo.txt", b"halo"))
    assert penyimpanan.baca(nama) == b"halo"
    with pytest.raises(NotImplementedError):  # no file on this machine's disk to open by path
        default_storage.path(nama)


def test_recap_made_and_downloaded_through_the_storage(
    penyimpanan, client, users, area, django_capture_on_commit_callbacks
):
    from laporan import services_rekap
    from laporan.models import BerkasRekap

    with django_capture_on_commit_callbacks(execute=True):
        berkas = services_rekap.rekap_minta(
            bulan=date(2025, 3, 1), jenis="KABUPATEN", oleh=users.dinas
        )
    berkas.refresh_from_db()
    assert berkas.status == BerkasRekap.Status.SELESAI, berkas.pesan_galat
    disimpan = penyimpanan.baca(berkas.berkas.name)
    assert hashlib.sha256(disimpan).hexdigest() == berkas.sha256

    client.force_login(users.dinas)
    assert client.get(reverse("laporan:rekap", args=["2025-03"])).status_code == 200
    resp = client.get(reverse("pekerjaan_unduh", args=[berkas.pk]))
    isi = b"".join(resp.streaming_content)
    assert isi[:5] == b"%PDF-" and isi == disimpan
    assert resp["Cache-Control"] == "private, no-store"
    # A file lost from the store: "not found", not a server error.
    default_storage.delete(berkas.berkas.name)
    assert client.get(reverse("pekerjaan_unduh", args=[berkas.pk])).status_code == 404


def test_import_upload_is_read_back_through_the_storage(
    penyimpanan, users, area, django_capture_on_commit_callbacks
):
    from pendataan import impor
    from pendataan.models import Impor
    from tests.pendataan.test_impor import _csv_keluarga

    isi = _csv_keluarga(area)
    unggahan = SimpleUploadedFile("keluarga.csv", isi, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = impor.impor_buat(jenis="keluarga", berkas=unggahan, oleh=users.ppkbd)
    job.refresh_from_db()
    assert penyimpanan.baca(job.berkas.name) == isi
    assert job.status == Impor.Status.SELESAI, job.pesan_galat


def test_sk_scan_served_by_a_view_that_checks_permission(penyimpanan, client, users):
    from tests.factories import SKFactory

    sk = SKFactory()
    pdf = b"%PDF-1.4\n% pindaian uji\n%%EOF\n"
    sk.berkas.save("pindaian.pdf", SimpleUploadedFile("pindaian.pdf", pdf), save=True)
    assert penyimpanan.baca(sk.berkas.name) == pdf
    url = reverse("kader:sk_berkas", args=[sk.pk])

    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(users.dinas)
    halaman = client.get(reverse("kader:sk_detail", args=[sk.pk]))
    assert url in halaman.content.decode()  # the page links the view, not a media URL
    resp = client.get(url)
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert b"".join(resp.streaming_content) == pdf


def test_sk_without_scan_is_404(penyimpanan, client, users):
    from tests.factories import SKFactory

    sk = SKFactory()
    client.force_login(users.dinas)
    assert client.get(reverse("kader:sk_berkas", args=[sk.pk])).status_code == 404


def test_meeting_photo_served_to_its_area_only(penyimpanan, client, users, area):
    from pertemuan import services
    from tests.pertemuan.factories import PertemuanFactory
    from tests.pertemuan.test_services import gambar

    pertemuan = PertemuanFactory(wilayah=area.desa_a)
    foto = services.foto_tambah(pertemuan=pertemuan, berkas=gambar((400, 300)))
    disimpan = penyimpanan.baca(foto.berkas.name)
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


def test_no_public_media_route_even_with_debug(settings):
    """Stored files are private: no /media/ route serves them by path, not even in DEBUG."""
    import importlib

    import imp_smart.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(imp_smart.urls)
        assert not [p for p in urls.urlpatterns if "media" in str(p.pattern)]
    finally:
        settings.DEBUG = False
        importlib.reload(imp_smart.urls)


def test_sk_edit_form_links_the_scan_through_the_view_and_keeps_it(penyimpanan, client, users):
    from tests.factories import SKFactory

    sk = SKFactory()
    pdf = b"%PDF-1.4\n% pindaian uji\n%%EOF\n"
    sk.berkas.save("pindaian.pdf", SimpleUploadedFile("pindaian.pdf", pdf), save=True)
    nama = sk.berkas.name
    client.force_login(users.admin)
    url_ubah = reverse("kader:sk_update", args=[sk.pk])
    halaman = client.get(url_ubah)
    assert halaman.status_code == 200
    assert f'href="{reverse("kader:sk_berkas", args=[sk.pk])}"' in halaman.content.decode()

    data = {
        "nomor": sk.nomor,
        "tanggal": sk.tanggal.isoformat(),
        "tentang": "Perubahan",
        "ditandatangani_oleh": sk.ditandatangani_oleh,
        "berlaku_mulai": sk.berlaku_mulai.isoformat(),
        "berlaku_sampai": "",
    }
    assert client.post(url_ubah, data).status_code == 302
    sk.refresh_from_db()
    assert (sk.tentang, sk.berkas.name) == ("Perubahan", nama)  # the scan is kept
    assert penyimpanan.baca(nama) == pdf
