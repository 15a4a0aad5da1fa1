"""The office's identity: settings as defaults, the admin record (kader.ProfilDinas) over them,
one cached function (imp_smart.daerah.identitas) read by pages and PDFs; the uploaded emblem is
checked, embedded in PDFs and served so that it cannot run script."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from imp_smart import daerah
from imp_smart.lambang import UKURAN_MAKS, periksa_lambang
from imp_smart.pdf import konteks_dasar, penandatangan, render_html
from kader.models import ProfilDinas

NIP = "197001012000031001"
SVG_BERSIH = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 10 10"><defs><circle id="c" r="4" cx="5" cy="5"/></defs>'
    b'<use xlink:href="#c" fill="url(#g)"/><style>circle { fill: #c00 }</style></svg>'
)


def _png(sisi: int = 8) -> bytes:
    keluaran = io.BytesIO()
    Image.new("RGB", (sisi, sisi), (200, 0, 0)).save(keluaran, "PNG")
    return keluaran.getvalue()


def _berkas(nama: str, isi: bytes, jenis: str = "image/png"):
    return SimpleUploadedFile(nama, isi, content_type=jenis)


@pytest.fixture
def pengaturan_maros(settings):
    settings.IMP_NAMA_KABUPATEN = "Kabupaten Maros"
    settings.IMP_NAMA_PROVINSI = "Provinsi Sulawesi Selatan"
    settings.IMP_NAMA_DINAS = "Dinas PPKB"
    settings.IMP_ALAMAT_DINAS = "Jl. Poros, Turikale"
    settings.IMP_KEPALA_DINAS_NAMA = "Ir. Lama"
    settings.IMP_KEPALA_DINAS_NIP = ""
    settings.IMP_JABATAN_PENANDATANGAN = ""
    settings.IMP_TEMPAT_PENANDATANGAN = "Turikale"
    return settings


@pytest.mark.django_db
def test_settings_are_the_defaults_and_the_record_overrides_what_it_fills(pengaturan_maros):
    assert daerah.identitas().nama_kabupaten == "Kabupaten Maros"
    assert daerah.nama_kepala_daerah() == "Bupati Maros"
    ProfilDinas.objects.create(
        nama_kabupaten="Kota Makassar",
        alamat_dinas="Jl. Urip Sumoharjo, Makassar",
        kepala_dinas_nama="dr. Baru",
        kepala_dinas_nip=NIP,
        tempat_penandatangan="Makassar",
    )
    i = daerah.identitas()  # the cache was forgotten on save
    assert (i.nama_kabupaten, i.alamat_dinas, i.kepala_dinas_nama) == (
        "Kota Makassar",
        "Jl. Urip Sumoharjo, Makassar",
        "dr. Baru",
    )
    assert i.nama_dinas == "Dinas PPKB"  # left empty: the setting
    assert i.nama_provinsi == "Provinsi Sulawesi Selatan"
    assert daerah.nama_kepala_daerah() == "Wali Kota Makassar"
    assert daerah.dinas_singkat() == "Dinas PPKB Kota Makassar"
    assert penandatangan() == {
        "tempat": "Makassar",
        "jabatan": "Kepala Dinas PPKB",
        "nama": "dr. Baru",
        "nip": NIP,
    }
    dasar = konteks_dasar()
    assert (dasar["nama_kabupaten"], dasar["alamat_dinas"]) == (
        "Kota Makassar",
        "Jl. Urip Sumoharjo, Makassar",
    )
    profil = ProfilDinas.objects.get()
    profil.nama_kabupaten = ""
    profil.save()
    assert daerah.identitas().nama_kabupaten == "Kabupaten Maros"
    profil.delete()
    assert daerah.identitas().alamat_dinas == "Jl. Poros, Turikale"


@pytest.mark.django_db
def test_identity_is_cached_between_saves(pengaturan_maros, django_assert_num_queries):
    ProfilDinas.objects.create(nama_kabupaten="Kota Parepare")
    daerah.identitas()
    with django_assert_num_queries(0):
        assert daerah.identitas().nama_kabupaten == "Kota Parepare"
        assert daerah.dinas_singkat() == "Dinas PPKB Kota Parepare"


@pytest.mark.django_db
def test_one_row_and_a_nip_of_18_digits():
    ProfilDinas.objects.create(nama_dinas="A")
    ProfilDinas(nama_dinas="B").save()  # the same row
    assert list(ProfilDinas.objects.values_list("pk", "nama_dinas")) == [(1, "B")]
    with pytest.raises(ValidationError) as exc:
        ProfilDinas(kepala_dinas_nip="1970 0101").full_clean()
    assert "NIP terdiri dari 18 angka." in exc.value.message_dict["kepala_dinas_nip"]
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProfilDinas.objects.filter(pk=1).update(kepala_dinas_nip="12345")
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProfilDinas.objects.bulk_create([ProfilDinas(pk=2)])


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "skrip",
        ),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "peristiwa"),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "skrip",
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="http://169.254.169.254/x.png"/></svg>',
            "menaut",
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text>'
            b"</a></svg>",
            "menaut",
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(http://x/y.css);</style>'
            b"</svg>",
            "style",
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/p)"/></svg>',
            "alamat lain",
        ),
        (  # CSS escapes that spell @import and url( for the CSS parser
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>@\\69mport "http://x/y.css";'
            b"</style></svg>",
            "style",
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:u\\72l(http://x/p)"/>'
            b"</svg>",
            "alamat lain",
        ),
        (
            "a.svg",
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "DOCTYPE",
        ),
        ("a.svg", b"<html><body>bukan svg</body></html>", "bukan SVG"),
        ("a.svg", b"<svg", "bukan SVG"),
        ("a.png", b"GIF89a bukan png", "bukan PNG"),
        ("a.gif", b"GIF89a", "PNG atau SVG"),
    ],
)
def test_an_unsafe_or_broken_emblem_is_refused(nama, isi, pesan):
    with pytest.raises(ValidationError) as exc:
        periksa_lambang(_berkas(nama, isi))
    assert pesan in " ".join(exc.value.messages)


def test_a_plain_svg_and_a_png_are_accepted_within_the_size_limit():
    periksa_lambang(_berkas("lambang.svg", SVG_BERSIH, "image/svg+xml"))
    periksa_lambang(_berkas("lambang.png", _png()))
    besar = _png() + b"\0" * UKURAN_MAKS
    with pytest.raises(ValidationError, match="terlalu besar"):
        periksa_lambang(_berkas("besar.png", besar))
    with pytest.raises(ValidationError, match="piksel"):
        periksa_lambang(_berkas("lebar.png", _png(4001)))


@pytest.mark.django_db
def test_an_uploaded_emblem_goes_into_the_pdf_letterhead_as_data(settings):
    settings.IMP_LAMBANG = "lambang.svg"
    assert daerah.lambang_uri().startswith("file://")
    profil = ProfilDinas(nama_kabupaten="Kota Makassar")
    profil.lambang.save("makassar.png", _berkas("makassar.png", _png()), save=False)
    profil.full_clean()
    profil.save()
    assert daerah.lambang_uri().startswith("data:image/png;base64,")
    html = render_html("laporan/pdf/rekap_kabupaten.html", {"rekap": {}, "tren": []})
    assert "data:image/png;base64," in html and "Kota Makassar" in html


@pytest.mark.django_db
def test_the_emblem_is_served_as_an_image_that_cannot_run_script(client):
    bawaan = client.get(reverse("kader:lambang"))
    assert bawaan.status_code == 200 and bawaan["Content-Type"] == "image/svg+xml"
    profil = ProfilDinas()
    profil.lambang.save("l.svg", _berkas("l.svg", SVG_BERSIH, "image/svg+xml"), save=False)
    profil.save()
    resp = client.get(reverse("kader:lambang"))
    assert resp.status_code == 200
    assert resp["Content-Type"] == "image/svg+xml"
    assert resp.content == SVG_BERSIH
    assert "sandbox" in resp["Content-Security-Policy"]
    assert "default-src 'none'" in resp["Content-Security-Policy"]
    assert resp["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_admin_edits_the_one_record(client, users):
    client.force_login(users.admin)
    assert client.get("/admin/kader/profildinas/")["Location"].endswith("/add/")
    tambah = reverse("admin:kader_profildinas_add")
    data = {
        "nama_kabupaten": "Kota Makassar",
        "nama_provinsi": "",
        "nama_dinas": "",
        "alamat_dinas": "",
        "kepala_dinas_nama": "dr. Baru",
        "kepala_dinas_nip": "12",
        "jabatan_penandatangan": "",
        "tempat_penandatangan": "",
    }
    salah = client.post(tambah, {**data, "lambang": _berkas("x.svg", b"<svg onload='x'/>")})
    assert salah.status_code == 200 and not ProfilDinas.objects.exists()
    assert "NIP terdiri dari 18 angka." in salah.content.decode()
    assert "atribut peristiwa" in salah.content.decode()
    ok = client.post(tambah, {**data, "kepala_dinas_nip": NIP, "lambang": _berkas("l.png", _png())})
    assert ok.status_code == 302
    profil = ProfilDinas.objects.get()
    assert (profil.pk, profil.kepala_dinas_nip) == (1, NIP)
    assert profil.lambang.name.endswith(".png")
    assert daerah.identitas().nama_kabupaten == "Kota Makassar"
    assert client.get("/admin/kader/profildinas/")["Location"].endswith("/1/change/")
    halaman = client.get(reverse("admin:kader_profildinas_change", args=[1]))
    assert reverse("kader:lambang") in halaman.content.decode()
    assert client.get(reverse("admin:kader_profildinas_add")).status_code == 403
    # Pages read the identity too (context processor).
    client.force_login(users.dinas)
    assert "Kota Makassar" in client.get("/").content.decode()


def test_no_module_reads_the_identity_settings_itself():
    """Only imp_smart/daerah.py (and settings) read the office's identity settings: everything
    else asks identitas(), so an admin record changes every page and PDF at once."""
    import ast
    from pathlib import Path

    akar = Path(__file__).resolve().parents[2]
    nama = {
        "IMP_NAMA_KABUPATEN",
        "IMP_NAMA_PROVINSI",
        "IMP_NAMA_DINAS",
        "IMP_ALAMAT_DINAS",
        "IMP_TEMPAT_PENANDATANGAN",
        "IMP_LAMBANG",
    }
    pembaca = []
    for app in ("kader", "pendataan", "pertemuan", "laporan", "imp_smart"):
        for berkas in (akar / app).rglob("*.py"):
            rel = berkas.relative_to(akar).as_posix()
            if "/migrations/" in rel or rel.startswith("imp_smart/settings/"):
                continue
            if rel == "imp_smart/daerah.py":
                continue
            for node in ast.walk(ast.parse(berkas.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in nama:
                    pembaca.append(f"{rel}:{node.lineno}")
    assert pembaca == []


@pytest.mark.django_db
def test_the_dinas_page_edits_the_identity_and_refuses_a_bad_emblem(client, users):
    url = reverse("kader:profil_dinas")
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(users.koordinator)
    assert client.get(url).status_code == 403
    client.force_login(users.dinas)
    halaman = client.get(url)
    assert (
        halaman.status_code == 200 and 'enctype="multipart/form-data"' in halaman.content.decode()
    )
    assert url in client.get("/").content.decode()  # in the Dinas menu
    data = {
        "nama_kabupaten": "Kota Makassar",
        "nama_provinsi": "",
        "nama_dinas": "",
        "alamat_dinas": "Jl. Urip Sumoharjo",
        "kepala_dinas_nama": "dr. Baru",
        "kepala_dinas_nip": NIP,
        "jabatan_penandatangan": "",
        "tempat_penandatangan": "Makassar",
    }
    jahat = _berkas("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    salah = client.post(url, {**data, "lambang": jahat})
    assert salah.status_code == 200 and "skrip" in salah.content.decode()
    assert not ProfilDinas.objects.exists()
    ok = client.post(url, {**data, "lambang": _berkas("l.svg", SVG_BERSIH, "image/svg+xml")})
    assert ok.status_code == 302 and ok["Location"] == url
    profil = ProfilDinas.objects.get()
    assert (profil.nama_kabupaten, profil.kepala_dinas_nip) == ("Kota Makassar", NIP)
    assert profil.lambang.name.endswith(".svg")
    assert penandatangan()["tempat"] == "Makassar"
    # The stored emblem is linked through the app's view, not the storage URL.
    assert reverse("kader:lambang") in client.get(url).content.decode()
    assert client.get(reverse("kader:lambang")).content == SVG_BERSIH


@pytest.mark.parametrize(
    "url, boleh",
    [
        ("data:image/png;base64,AAAA", True),
        (None, True),  # a file under PDF_ASSETS_DIR (base.css)
        ("http://169.254.169.254/latest/meta-data/", False),
        ("https://example.org/x.css", False),
        ("file:///etc/passwd", False),
        ("ftp://x/y", False),
    ],
)
def test_pdfs_load_only_data_and_their_own_assets(url, boleh, settings):
    from pathlib import Path

    from imp_smart.pdf import boleh_diambil

    url = url or (Path(settings.PDF_ASSETS_DIR) / "base.css").resolve().as_uri()
    assert boleh_diambil(url) is boleh
