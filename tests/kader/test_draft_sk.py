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


def test_draft_sk_pdf_lists_every_demo_institution_with_its_board(client, demo_org, tmp_path):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="dinas"))
    resp = client.get(reverse("kader:sk_draft"), {"tahun": 2026})
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert resp.content[:5] == b"%PDF-"
    teks = teks_pdf(resp.content, tmp_path)
    assert "KEPUTUSAN BUPATI GOWA" in teks.upper()
    assert "1 Januari 2026" in teks and "2.026" not in teks
    for inst in Institusi.objects.aktif():
        assert inst.nama in teks, inst.nama
    ketua = Pengurus.objects.get(institusi__nama="PPKBD Bontolangkasa Utara", jabatan="ketua")
    assert ketua.kader.nama in teks
    assert "(kosong)" in teks  # the demo leaves some bendahara vacant
    assert "Kecamatan Bontonompo" in teks and "Kecamatan Somba Opu" in teks


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
