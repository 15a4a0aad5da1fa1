"""Another kabupaten/kota by settings alone: nothing the users see says "Gowa" (issue 10 §3)."""

import subprocess

import pytest
from django.urls import reverse

from imp_smart.pdf import render_pdf
from kader.models import SK
from kader.selectors import konteks_draft_sk
from laporan import services_rekap
from tests.laporan.test_rekap import BULAN, disetujui  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

LAMBANG_NETRAL = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="70">'
    '<rect width="60" height="70" fill="#0a5"/><text x="5" y="40">KOTA</text></svg>'
)


@pytest.fixture
def makassar(settings, tmp_path):
    lambang = tmp_path / "lambang-makassar.svg"
    lambang.write_text(LAMBANG_NETRAL)
    settings.IMP_NAMA_KABUPATEN = "Kota Makassar"
    settings.IMP_KODE_KABUPATEN = "73.71"
    settings.IMP_NAMA_PROVINSI = "Provinsi Sulawesi Selatan"
    settings.IMP_LAMBANG = str(lambang)
    settings.IMP_TEMPAT_PENANDATANGAN = "Makassar"
    settings.IMP_ALAMAT_DINAS = "Jl. Contoh No. 1, Makassar"
    return settings


def teks_pdf(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "dok.pdf"
    berkas.write_bytes(isi)
    hasil = subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(hasil.stdout.split())


def test_home_login_and_admin_pages_name_the_configured_city(makassar, client, users):
    assert "gowa" not in client.get(reverse("login")).content.decode().lower()
    client.force_login(users.dinas)
    html = client.get("/").content.decode()
    assert "Kota Makassar" in html and "gowa" not in html.lower()
    client.force_login(users.admin)
    admin = client.get("/admin/").content.decode()
    assert "Dinas PPKB Kota Makassar" in admin and "gowa" not in admin.lower()


def test_draft_sk_pdf_names_the_wali_kota_and_no_gowa(makassar, area, tmp_path):
    teks = teks_pdf(render_pdf("kader/pdf/draft_sk.html", konteks_draft_sk(tahun=2027)), tmp_path)
    assert "WALI KOTA MAKASSAR" in teks.upper() and "Kota Makassar" in teks
    assert "gowa" not in teks.lower()


def test_recap_pdf_names_the_city_and_no_gowa(makassar, disetujui, tmp_path):  # noqa: F811
    konteks = services_rekap.konteks_pdf(bulan=BULAN)
    teks = teks_pdf(render_pdf(services_rekap.TEMPLATE_PDF, konteks), tmp_path)
    assert "Kota Makassar" in teks and "Makassar," in teks
    assert "gowa" not in teks.lower()


def test_a_new_sk_defaults_to_the_configured_city(makassar):
    sk = SK(nomor="1/2027")
    assert sk.tentang == "Pengurus PPKBD dan Sub-PPKBD Kota Makassar"
    assert sk.ditandatangani_oleh == "Wali Kota Makassar"


def test_letterhead_emblem_is_the_setting(makassar, area, tmp_path):
    """The SVG of IMP_LAMBANG is what the letterhead draws (its text "KOTA" is in the PDF)."""
    teks = teks_pdf(render_pdf("kader/pdf/draft_sk.html", konteks_draft_sk(tahun=2027)), tmp_path)
    assert "KOTA" in teks


def test_reminder_e_mail_is_signed_by_the_configured_office(makassar, users, area):
    from datetime import date

    from django.core import mail

    from laporan import services_pengingat

    makassar.IMP_TANGGAL_MULAI = "2025-01-01"  # every desa reports from then on
    users.ppkbd.email = "ppkbd@contoh.id"
    users.ppkbd.save()
    assert services_pengingat.laporan_kirim_pengingat(hari_ini=date(2025, 3, 31)) == 1
    isi = mail.outbox[0].body
    assert "Dinas PPKB Kota Makassar" in isi and "gowa" not in isi.lower()
    assert "gowa" not in mail.outbox[0].from_email.lower()
