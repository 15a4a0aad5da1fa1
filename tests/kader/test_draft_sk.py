"""Draft SK: a real PDF whose text (pdftotext) holds the appendix rows of the demo institutions."""

import subprocess

import pytest
from django.urls import reverse

from kader import demo, services
from kader.models import Institusi, Pengurus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_org():
    services.wilayah_muat()
    demo.isi_demo(skala="demo")


def teks_pdf(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "sk.pdf"
    berkas.write_bytes(isi)
    hasil = subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(hasil.stdout.split())


def test_district_draft_is_made_by_the_worker_and_lists_every_institution(
    client, demo_org, tmp_path, django_capture_on_commit_callbacks
):
    """The whole kabupaten goes through kader's background job (eager here; the integration
    tests run the same jobs on a real worker): a versioned PDF listed under the form,
    downloadable."""
    from django.contrib.auth import get_user_model

    from imp_smart.models import Pekerjaan as BerkasRekap
    from kader.draft_sk import JENIS

    client.force_login(get_user_model().objects.get(username="dinas"))
    url = reverse("kader:sk_draft")
    # One press: "Seluruh kabupaten" + "Buat draf PDF" asks the worker at once.
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(url, {"tahun": 2026, "kecamatan": ""})
    assert resp.status_code == 302 and resp.url == f"{url}?tahun=2026"
    berkas = BerkasRekap.objects.get(jenis_pekerjaan=JENIS)
    assert (berkas.versi, berkas.status, berkas.kunci) == (1, "SELESAI", "2026")
    halaman = client.get(resp.url).content.decode()
    unduh = reverse("pekerjaan_unduh", args=[berkas.pk])
    assert "Draf SK pengurus seluruh kabupaten" in halaman and unduh in halaman
    resp = client.get(unduh)
    assert resp["Content-Type"] == "application/pdf"
    assert "draf-sk-pengurus-2026-v1.pdf" in resp["Content-Disposition"]
    teks = teks_pdf(b"".join(resp.streaming_content), tmp_path)
    assert "KEPUTUSAN BUPATI GOWA" in teks.upper()
    assert "1 Januari 2026" in teks and "2.026" not in teks
    for inst in Institusi.objects.aktif():
        assert inst.nama in teks, inst.nama
    ketua = Pengurus.objects.get(institusi__nama="PPKBD Bontolangkasa Utara", jabatan="ketua")
    assert ketua.kader.nama in teks
    assert "(kosong)" in teks  # the demo leaves some bendahara vacant
    assert "Kecamatan Bontonompo" in teks and "Kecamatan Somba Opu" in teks
    # Not a monthly recap: the January recap page does not list it.
    assert unduh not in client.get(reverse("laporan:rekap", args=["2026-01"])).content.decode()
    # A GET never starts a job (a reload must not make versions).
    client.get(url, {"tahun": 2026})
    assert BerkasRekap.objects.count() == 1
    client.force_login(get_user_model().objects.get(username="koordinator"))
    assert client.post(url, {"tahun": 2026}).status_code == 403
    assert client.get(unduh).status_code == 403
    assert BerkasRekap.objects.count() == 1


def test_draft_sk_form_rejects_bad_year(client, demo_org):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="dinas"))
    resp = client.get(reverse("kader:sk_draft"), {"tahun": "abc"})
    assert resp.status_code == 200 and "tahun" in resp.context["form"].errors


def test_demo_seed_is_idempotent(demo_org):
    jumlah = (Institusi.objects.count(), Pengurus.objects.count())
    demo.isi_demo(skala="demo")
    assert (Institusi.objects.count(), Pengurus.objects.count()) == jumlah


def test_draft_sk_for_one_kecamatan_lists_only_its_institutions(client, demo_org, tmp_path):
    from django.contrib.auth import get_user_model

    from kader.models import Wilayah

    somba_opu = Wilayah.objects.get(kode="73.06.08")
    client.force_login(get_user_model().objects.get(username="dinas"))
    resp = client.get(reverse("kader:sk_draft"), {"tahun": 2026, "kecamatan": somba_opu.pk})
    assert resp.status_code == 200 and "somba-opu" in resp["Content-Disposition"]
    teks = teks_pdf(resp.content, tmp_path)
    assert "Kecamatan Somba Opu" in teks and "Kecamatan Bontonompo" not in teks
    assert "PPKBD Sungguminasa" in teks and "PPKBD Bontolangkasa Utara" not in teks
    # One kecamatan is answered at once with the PDF, no job.
    resp = client.get(reverse("kader:sk_draft"), {"tahun": 2026, "kecamatan": somba_opu.pk})
    assert resp["Content-Type"] == "application/pdf" and resp.content[:5] == b"%PDF-"
    from imp_smart.models import Pekerjaan

    assert not Pekerjaan.objects.exists()


def test_district_draft_request_refuses_a_bad_year(client, demo_org):
    from django.contrib.auth import get_user_model

    from imp_smart.models import Pekerjaan

    client.force_login(get_user_model().objects.get(username="dinas"))
    resp = client.post(reverse("kader:sk_draft"), {"tahun": "abc", "kecamatan": ""})
    assert resp.status_code == 200 and resp.context["form"].errors["tahun"]
    assert not Pekerjaan.objects.exists()


def _teks_halaman(isi: bytes, tmp_path, halaman: int) -> list[str]:
    berkas = tmp_path / "sk.pdf"
    berkas.write_bytes(isi)
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-f", str(halaman), "-l", str(halaman), str(berkas), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return [" ".join(b.split()) for b in hasil.stdout.splitlines() if b.strip()]


def test_draft_sk_annex_has_the_usual_heading_from_settings(
    client, users, area, tmp_path, settings
):
    """The annex opens with LAMPIRAN KEPUTUSAN BUPATI <kabupaten> / NOMOR / TANGGAL (dots while
    unknown); the kabupaten, the province and the place of signing come from settings."""
    settings.IMP_NAMA_KABUPATEN = "Kabupaten Maros"
    settings.IMP_TEMPAT_PENANDATANGAN = "Turikale"
    client.force_login(users.dinas)
    resp = client.get(reverse("kader:sk_draft"), {"tahun": 2026, "kecamatan": area.kec_k.pk})
    assert resp["Content-Type"] == "application/pdf"
    semua = teks_pdf(resp.content, tmp_path)
    assert "BUPATI GOWA" not in semua.upper() and "KABUPATEN GOWA" not in semua.upper()
    assert "KEPUTUSAN BUPATI MAROS TENTANG" in semua and "Ditetapkan di Turikale" in semua
    assert "Belanja Daerah Kabupaten Maros" in semua and "BUPATI MAROS," in semua
    # The annex is the page after the decision: its first lines are the heading.
    jumlah = int(
        subprocess.run(
            ["pdfinfo", str(tmp_path / "sk.pdf")], capture_output=True, text=True, check=True
        )
        .stdout.split("Pages:")[1]
        .split()[0]
    )
    lampiran = next(
        h
        for h in range(1, jumlah + 1)
        if any("LAMPIRAN" in b for b in _teks_halaman(resp.content, tmp_path, h))
    )
    baris = _teks_halaman(resp.content, tmp_path, lampiran)
    assert baris[0] == "LAMPIRAN KEPUTUSAN BUPATI MAROS"
    assert baris[1] == "NOMOR : ....../....../2025"
    assert baris[2] == "TANGGAL : ........................ 2025"
    assert baris[3].startswith("TENTANG : PENGUKUHAN PENGURUS")
    assert "Melati" in " ".join(baris)  # the rows follow on the same page


def test_district_draft_request_says_at_once_what_happens(client, users, area):
    """One POST of the form: the job exists, the page says it is being made and lists it."""
    from imp_smart.models import Pekerjaan as BerkasRekap
    from kader.draft_sk import JENIS

    client.force_login(users.dinas)
    url = reverse("kader:sk_draft")
    halaman = client.get(url).content.decode()
    assert "Susun draf" not in halaman  # no second step to find
    assert 'method="post"' in halaman and "Seluruh kabupaten" in halaman
    resp = client.post(url, {"tahun": 2027, "kecamatan": ""}, follow=True)
    html = resp.content.decode()
    berkas = BerkasRekap.objects.get(jenis_pekerjaan=JENIS)
    assert berkas.parameter["tahun"] == 2027 and berkas.status == "ANTRI"
    assert "Draf SK 2027 seluruh kabupaten (versi 1) sedang disiapkan" in html
    assert f'data-berkas="{berkas.pk}"' in html  # listed under the form, polled by pekerjaan.js
    assert "js/pekerjaan.js" in html
    # The same press while it waits does not make a second version.
    client.post(url, {"tahun": 2027, "kecamatan": ""})
    assert BerkasRekap.objects.count() == 1
    # A bad year: the form says so; nothing is asked.
    resp = client.post(url, {"tahun": "1900", "kecamatan": ""})
    assert resp.status_code == 200 and resp.context["form"].errors["tahun"]
    assert BerkasRekap.objects.count() == 1


def test_draft_sk_page_permissions(client, users, area):
    url = reverse("kader:sk_draft")
    assert reverse("login") in client.post(url, {"tahun": 2027}).url
    client.force_login(users.koordinator)
    assert client.post(url, {"tahun": 2027, "kecamatan": ""}).status_code == 403
    client.force_login(users.dinas)
    # A kecamatan the user cannot see is not a choice (every kecamatan is visible to Dinas:
    # an unknown id is refused on the field).
    resp = client.post(url, {"tahun": 2027, "kecamatan": 999999})
    assert resp.status_code == 200 and resp.context["form"].errors["kecamatan"]
    resp = client.post(url, {"tahun": 2027, "kecamatan": area.kec_k.pk})
    assert resp["Content-Type"] == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_district_draft_request_says_when_it_is_made_at_once(client, users, area):
    """No broker (the embedded demo, tasks eager): the job runs when its row commits, inside
    the request; the page says it is made."""
    from imp_smart.models import Pekerjaan
    from kader.draft_sk import JENIS

    client.force_login(users.dinas)
    resp = client.post(reverse("kader:sk_draft"), {"tahun": 2027, "kecamatan": ""}, follow=True)
    html = resp.content.decode()
    berkas = Pekerjaan.objects.get(jenis_pekerjaan=JENIS)
    assert berkas.status == Pekerjaan.Status.SELESAI
    assert "Draf SK 2027 seluruh kabupaten (versi 1) selesai dibuat." in html
    assert "sedang disiapkan" not in html and "Redis" not in html


@pytest.mark.django_db(transaction=True)
def test_district_draft_request_with_redis_down_says_it_waits(client, users, area, monkeypatch):
    """The queue cannot be reached: the request is kept and the page says so at once (no
    second press needed); the sweeper sends it when Redis is back."""
    from unittest import mock

    from kombu.exceptions import OperationalError

    from imp_smart import celery_app, jobs
    from imp_smart.models import Pekerjaan
    from kader.draft_sk import JENIS

    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    client.force_login(users.dinas)
    mati = mock.patch("kader.tasks.draft_sk_buat.delay", side_effect=OperationalError("x"))
    with mati:
        resp = client.post(reverse("kader:sk_draft"), {"tahun": 2027, "kecamatan": ""}, follow=True)
    html = resp.content.decode()
    berkas = Pekerjaan.objects.get(jenis_pekerjaan=JENIS)
    assert berkas.status == Pekerjaan.Status.ANTRI and berkas.antrian_gagal
    assert "Layanan antrean (Redis) sedang tidak dapat dihubungi" in html
    assert "Draf SK 2027 seluruh kabupaten (versi 1) tersimpan" in html
    with mock.patch("kader.tasks.draft_sk_buat.delay") as delay:
        assert jobs.sapu() == 1
    delay.assert_called_once_with(berkas.pk)
