"""Issue 9 (hardening) in pertemuan: each test fails without its fix."""

import os
import re
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms as dj_forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pertemuan import forms as pforms
from pertemuan import services
from pertemuan.models import Konseling, Pelatihan, Pertemuan, SesiKIE
from tests.factories import KaderFactory
from tests.pertemuan.factories import PelatihanFactory, PesertaPelatihanFactory, pus

pytestmark = pytest.mark.django_db
ARTEFAK = Path(os.environ.get("ARTIFACTS_DIR", "/tmp")) / "pertemuan"
ARTEFAK.mkdir(parents=True, exist_ok=True)


# --- item 2: one "media" control on the KIE form ---------------------------------------------


def test_kie_form_has_exactly_one_media_control(client, users):
    client.force_login(users.ppkbd)
    html = client.get(reverse("pertemuan:kie_create")).content.decode()
    assert len(re.findall(r"<select[^>]*name=\"media", html)) == 1
    # … and it sits below "Tanggal", not above it.
    assert html.index('name="tanggal"') < html.index('name="media')


def _kelas_form():
    for nilai in vars(pforms).values():
        if (
            isinstance(nilai, type)
            and issubclass(nilai, dj_forms.BaseForm)
            and nilai.__module__ == pforms.__name__
        ):
            yield nilai


@pytest.mark.parametrize("kelas", list(_kelas_form()), ids=lambda k: k.__name__)
def test_no_form_field_shadows_a_form_attribute(kelas):
    """A field called `media` (or `errors`, `fields`…) wins over the form attribute in a template
    lookup: `{{ form.media }}` in crispy's template rendered the field a second time."""
    meta = getattr(kelas, "_meta", None)
    nama = set(kelas.base_fields) | set(getattr(meta, "fields", None) or [])
    bentrok = {n for n in nama if hasattr(dj_forms.Form, n)}
    assert not bentrok


# --- item 1: counselling only for a PUS of the month, refusal visible --------------------------


@pytest.fixture
def bukan_pus(area):
    """A married woman born 1967: 59 years old today, not a PUS."""
    return pus(dusun=area.dusun_a1, nama="Ibu Tua Sitti", lahir=date(1967, 2, 3))


def test_counselling_search_offers_only_pus_of_the_month(client, users, objek, bukan_pus):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:konseling_cari"), {"q": "Sitti"})
    assert list(resp.context["hasil"]) == [objek.pus_a]
    assert "Ibu Tua Sitti" not in resp.content.decode()


def test_counselling_of_non_pus_is_refused_with_a_visible_message(client, users, bukan_pus):
    client.force_login(users.ppkbd)
    data = {"anggota": bukan_pus.pk, "tanggal": str(timezone.localdate())}
    resp = client.post(
        reverse("pertemuan:konseling_create"), {**data, "topik": "pup", "hasil": "belum"}
    )
    assert resp.status_code == 200 and not Konseling.objects.exists()
    form = resp.context["form"]
    assert "bukan PUS" in " ".join(form.non_field_errors())  # not on the hidden field
    assert "bukan PUS" in resp.content.decode()


def test_counselling_form_for_non_pus_goes_back_to_the_search(client, users, bukan_pus):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:konseling_create"), {"anggota": bukan_pus.pk})
    assert resp.status_code == 302 and resp.url == reverse("pertemuan:konseling_cari")
    resp = client.get(resp.url)
    assert "bukan PUS" in resp.content.decode()


def test_counselling_service_uses_the_registers_pus_rule(area):
    """Age counts on the month's last day (DOMAIN §5): 50 on the 20th of the month → not PUS
    on the 5th either; 15 on the 31st → PUS from the 1st."""
    tua = pus(dusun=area.dusun_a1, nama="Ibu 50", lahir=date(1975, 3, 20))
    muda = pus(dusun=area.dusun_a1, nama="Ibu 15", lahir=date(2010, 3, 31))
    data = {"topik": "pup", "hasil": "belum"}
    with pytest.raises(ValidationError, match="bukan PUS"):
        services.konseling_simpan(anggota=tua, tanggal=date(2025, 3, 5), **data)
    k = services.konseling_simpan(anggota=muda, tanggal=date(2025, 3, 1), **data)
    assert k.pk and not Konseling.objects.filter(anggota=tua).exists()


# --- item 3: a date years ahead (or before 2000) needs "Ya, tanggal ini benar" -----------------


def _jauh(tahun: int = 3) -> str:
    return str(timezone.localdate() + timedelta(days=365 * tahun))


def _kie(area, tanggal):
    return {
        "tanggal": tanggal,
        "wilayah": area.dusun_a1.pk,
        "topik": "stunting",
        "sasaran": "ortu_balita",
        "peserta_l": "4",
        "peserta_p": "6",
        "media_kie": "video",
        "penyaji": "Bidan",
        "dipimpin_oleh": "mitra",
    }


def _pertemuan(area, tanggal):
    return {
        "judul": "Rapat",
        "tanggal": tanggal,
        "tempat": "Balai desa",
        "institusi": area.ppkbd_a.pk,
        "agenda": ["evaluasi"],
    }


def _pelatihan(area, tanggal):
    return {
        "judul": "Latihan",
        "jenis": "dasar",
        "penyelenggara": "Dinas",
        "wilayah": area.desa_a.pk,
        "narasumber": "Bidan",
        "tempat": "Aula",
        "tanggal_mulai": tanggal,
        "tanggal_selesai": tanggal,
    }


HALAMAN_TANGGAL = [
    ("pertemuan:kie_create", _kie, "tanggal", SesiKIE, "ppkbd"),
    ("pertemuan:create", _pertemuan, "tanggal", Pertemuan, "ppkbd"),
    ("pertemuan:pelatihan_create", _pelatihan, "tanggal_mulai", Pelatihan, "penyuluh"),
]


@pytest.mark.parametrize(
    ("nama", "isi", "kolom", "model", "peran"), HALAMAN_TANGGAL, ids=[h[0] for h in HALAMAN_TANGGAL]
)
@pytest.mark.parametrize("tanggal", [_jauh(), "1999-12-31"])
def test_far_date_asks_for_confirmation_then_saves(
    client, users, area, nama, isi, kolom, model, peran, tanggal
):
    client.force_login(getattr(users, peran))
    url = reverse(nama)
    resp = client.post(url, isi(area, tanggal))
    assert resp.status_code == 200 and not model.objects.exists()
    assert "Ya, tanggal ini benar" in " ".join(resp.context["form"].errors[kolom])
    html = resp.content.decode()
    assert re.search(r'<input[^>]*type="checkbox"[^>]*name="konfirmasi_tanggal"', html)
    resp = client.post(url, {**isi(area, tanggal), "konfirmasi_tanggal": "on"})
    assert resp.status_code == 302
    assert str(getattr(model.objects.get(), kolom)) == tanggal


def test_near_date_needs_no_confirmation_and_hides_the_checkbox(client, users, area):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:kie_create"))
    assert re.search(
        r'<input[^>]*type="hidden"[^>]*name="konfirmasi_tanggal"', resp.content.decode()
    )
    dekat = str(timezone.localdate() + timedelta(days=20))
    assert client.post(reverse("pertemuan:kie_create"), _kie(area, dekat)).status_code == 302


def test_counselling_years_ahead_asks_for_confirmation(client, users, objek):
    client.force_login(users.ppkbd)
    data = {"anggota": objek.pus_a.pk, "tanggal": _jauh(), "topik": "pup", "hasil": "belum"}
    resp = client.post(reverse("pertemuan:konseling_create"), data)
    assert resp.status_code == 200 and "tanggal" in resp.context["form"].errors
    assert Konseling.objects.filter(anggota=objek.pus_a).count() == 1  # the fixture's only


def test_saved_far_date_is_not_asked_again_on_edit(client, users, objek, area):
    objek.kie_a.tanggal = timezone.localdate() + timedelta(days=400)
    objek.kie_a.save()
    client.force_login(users.ppkbd)
    data = {**_kie(area, str(objek.kie_a.tanggal)), "wilayah": objek.kie_a.wilayah_id}
    resp = client.post(reverse("pertemuan:kie_update", args=[objek.kie_a.pk]), data)
    assert resp.status_code == 302


@pytest.mark.parametrize("kelas", list(_kelas_form()), ids=lambda k: k.__name__)
def test_every_form_with_a_date_uses_the_confirmation(kelas):
    tanggal = {n for n, f in kelas.base_fields.items() if isinstance(f, dj_forms.DateField)}
    if tanggal:
        assert issubclass(kelas, pforms.KonfirmasiTanggalMixin)
        assert tanggal <= set(kelas.tanggal_diperiksa)


# --- item 4: training scores visible to the participant's area and above only ------------------


@pytest.fixture
def latihan_k(area):
    """A kecamatan K training with a cadre of desa A, of dusun A1 and of desa B."""
    p = PelatihanFactory(wilayah=area.kec_k, judul="Latihan kecamatan")
    kader = {
        "a": KaderFactory(institusi=area.ppkbd_a, nama="Kader Desa A"),
        "a1": KaderFactory(institusi=area.sub_a1, nama="Kader Dusun A1"),
        "b": KaderFactory(institusi=area.ppkbd_b, nama="Kader Desa B"),
    }
    nilai = {"a": ("73.25", "88.75"), "a1": ("12.25", "34.75"), "b": ("41.50", "97.25")}
    peserta = {
        k: PesertaPelatihanFactory(
            pelatihan=p, kader=kader[k], nilai_pre=Decimal(v[0]), nilai_post=Decimal(v[1])
        )
        for k, v in nilai.items()
    }
    return p, peserta


TAMPIL = {"a": "88,75", "a1": "34,75", "b": "97,25"}  # post-test as rendered (id locale)
LIHAT_NILAI = [
    ("dinas", {"a", "a1", "b"}),
    ("koordinator", {"a", "a1", "b"}),
    ("penyuluh", {"a", "a1"}),
    ("ppkbd", {"a", "a1"}),
    ("sub_ppkbd", {"a1"}),
]


@pytest.mark.parametrize(("peran", "terlihat"), LIHAT_NILAI, ids=[x[0] for x in LIHAT_NILAI])
def test_training_scores_only_for_the_participants_area_and_above(
    client, users, latihan_k, peran, terlihat
):
    pelatihan, peserta = latihan_k
    client.force_login(getattr(users, peran))
    resp = client.get(reverse("pertemuan:pelatihan_detail", args=[pelatihan.pk]))
    html = resp.content.decode()
    assert resp.status_code == 200
    for k, teks in TAMPIL.items():
        assert peserta[k].kader.nama in html  # everyone is listed
        assert (teks in html) == (k in terlihat), k
        # The certificate link only where the certificate opens (SertifikatView's rule).
        sertifikat = reverse("pertemuan:sertifikat", args=[peserta[k].pk])
        assert (sertifikat in html) == (k in terlihat), k


def test_training_score_form_of_a_participant_outside_is_404(client, users, latihan_k):
    """The score form shows the scores, so it follows the same rule (penyuluh of desa A)."""
    pelatihan, peserta = latihan_k
    pelatihan.wilayah = peserta["a"].kader.institusi.wilayah  # a desa A training …
    pelatihan.save()
    client.force_login(users.penyuluh)
    url = reverse("pertemuan:peserta_nilai", args=[peserta["b"].pk])  # … with a desa B cadre
    assert client.get(url).status_code == 404
    assert client.post(url, {"nilai_pre": "1", "nilai_post": "2"}).status_code == 404
    url = reverse("pertemuan:peserta_nilai", args=[peserta["a"].pk])
    assert client.post(url, {"nilai_pre": "60", "nilai_post": "70"}).status_code == 302
    peserta["a"].refresh_from_db()
    assert peserta["a"].nilai_post == Decimal("70")


# --- item 5: the certificate is one page ---------------------------------------------------------


def _halaman_pdf(pdf: bytes, tmp_path) -> int:
    berkas = tmp_path / "s.pdf"
    berkas.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(berkas)], capture_output=True, text=True, check=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))


@pytest.mark.parametrize("panjang", ["pendek", "panjang"])
def test_certificate_is_exactly_one_page(area, tmp_path, settings, panjang):
    """Also with a long name, title, organiser and place (what a real training carries) and a
    signer with name and NIP."""
    kali = 1 if panjang == "pendek" else 3
    if panjang == "panjang":
        settings.IMP_KEPALA_DINAS_NAMA = "Dr. Hj. Andi Sitti Pengujian Daeng Ngai, S.KM., M.Kes."
        settings.IMP_KEPALA_DINAS_NIP = "197001012000031001"
    p = PelatihanFactory(
        wilayah=area.kec_k,
        judul=" ".join(["Orientasi Pengelolaan Data Keluarga dan Pelayanan KB"] * kali),
        penyelenggara=" ".join(["Dinas Pengendalian Penduduk dan KB"] * kali),
        tempat=" ".join(["Aula Kantor Kecamatan Bontonompo Selatan"] * kali),
        tanggal_mulai=date(2025, 3, 3),
        tanggal_selesai=date(2025, 3, 5),
        jumlah_jam=24,
    )
    kader = KaderFactory(institusi=area.sub_a1, nama="Hj. Sitti Nurhaliza Daeng Kebo, S.Pd.")
    peserta = services.peserta_tambah(pelatihan=p, kader=[kader])[0]
    pdf = services.sertifikat_pdf(peserta=peserta)
    (ARTEFAK / f"sertifikat_{panjang}.pdf").write_bytes(pdf)
    assert _halaman_pdf(pdf, tmp_path) == 1


# --- item 7: nothing the CSP (script-src/style-src 'self') would block -------------------------

TERLARANG = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", re.I
)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pertemuan"


@pytest.mark.parametrize(
    "berkas",
    [p for p in sorted(TEMPLATES.rglob("*.html")) if "pdf" not in p.parts],
    ids=lambda p: p.name,
)
def test_templates_have_no_inline_script_style_or_handler(berkas):
    assert not TERLARANG.findall(berkas.read_text())


def _halaman(objek):
    from tests.pertemuan.test_views import DAFTAR, OBJEK

    yield from (reverse(n) for n in DAFTAR)
    for nama, attr in OBJEK:
        yield reverse(nama, args=[getattr(objek, f"{attr}_a").pk])


def test_rendered_pages_have_no_inline_script_style_or_handler(client, users, objek):
    """Also what Python writes into the pages (tables, widgets, tags)."""
    client.force_login(users.koordinator)
    for url in _halaman(objek):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert not TERLARANG.findall(resp.content.decode()), url


# --- item 6: empty lists say the truth ----------------------------------------------------------

# (list, a filter that matches nothing, what the empty unfiltered list says)
DAFTAR_KOSONG = [
    ("pertemuan:list", {"q": "zzz"}, "Belum ada pertemuan yang dicatat"),
    ("pertemuan:tindak_lanjut_list", {"status": "selesai"}, "Belum ada tindak lanjut"),
    ("pertemuan:kie_list", {"topik": "napza"}, "Belum ada sesi KIE yang dicatat"),
    ("pertemuan:konseling_list", {"q": "zzz"}, "Belum ada konseling yang dicatat"),
    ("pertemuan:konseling_jatuh_tempo", {"q": "zzz"}, "Tidak ada tindak lanjut konseling"),
    ("pertemuan:poktan_list", {"q": "zzz"}, "Belum ada poktan"),
    ("pertemuan:pelatihan_list", {"q": "zzz"}, "Belum ada pelatihan yang dicatat"),
    ("pertemuan:belum_dilatih", {"q": "zzz"}, "Tidak ada kader aktif yang belum"),
]
COCOK = "cocok dengan saringan ini"


@pytest.mark.parametrize(
    ("nama", "saring", "belum"), DAFTAR_KOSONG, ids=[d[0] for d in DAFTAR_KOSONG]
)
def test_empty_list_without_filter_says_nothing_recorded_yet(client, users, nama, saring, belum):
    client.force_login(users.ppkbd)
    html = client.get(reverse(nama)).content.decode()
    assert belum in html and COCOK not in html


@pytest.mark.parametrize(
    ("nama", "saring", "belum"), DAFTAR_KOSONG, ids=[d[0] for d in DAFTAR_KOSONG]
)
def test_empty_list_with_a_filter_says_nothing_matches(client, users, objek, nama, saring, belum):
    client.force_login(users.ppkbd)
    html = client.get(reverse(nama), saring).content.decode()
    assert COCOK in html and belum not in html


def test_counselling_error_on_the_hidden_woman_is_shown(client, users, objek):
    """A woman out of the user's areas is refused on the hidden field: the shared error block
    (templates/bootstrap5/errors.html → includes/_form_errors.html) shows it at the top."""
    client.force_login(users.ppkbd)
    data = {"anggota": objek.pus_x.pk, "tanggal": "2025-03-21", "topik": "pup", "hasil": "belum"}
    resp = client.post(reverse("pertemuan:konseling_create"), data)
    assert resp.status_code == 200 and "anggota" in resp.context["form"].errors
    assert "PUS ini tidak ada di wilayah Anda" in resp.content.decode()


def test_certificate_signer_from_settings(area, tmp_path, settings):
    settings.IMP_KEPALA_DINAS_NAMA = "dr. Andi Pengujian, M.Kes"
    settings.IMP_KEPALA_DINAS_NIP = "197001012000031001"
    settings.IMP_TEMPAT_PENANDATANGAN = "Turikale"
    p = PelatihanFactory(wilayah=area.kec_k, jumlah_jam=24)
    kader = KaderFactory(institusi=area.ppkbd_a, nama="Ani Daeng Ngai")
    peserta = services.peserta_tambah(pelatihan=p, kader=[kader])[0]
    berkas = tmp_path / "s.pdf"
    berkas.write_bytes(services.sertifikat_pdf(peserta=peserta))
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "dr. Andi Pengujian, M.Kes" in teks and "NIP. 197001012000031001" in teks
    assert "Turikale, 4 Maret 2025" in teks and "Ani Daeng Ngai" in teks
    assert _halaman_pdf(berkas.read_bytes(), tmp_path) == 1


def test_certificate_without_signer_settings_prints_dotted_name_and_nip(area, tmp_path, settings):
    """As the recap (imp_smart.pdf.penandatangan): an unknown name or NIP is a dotted line to
    fill in by hand; the NIP line was left out."""
    settings.IMP_KEPALA_DINAS_NAMA = ""
    settings.IMP_KEPALA_DINAS_NIP = ""
    p = PelatihanFactory(wilayah=area.kec_k, jumlah_jam=24)
    peserta = services.peserta_tambah(pelatihan=p, kader=[KaderFactory(institusi=area.ppkbd_a)])
    berkas = tmp_path / "s.pdf"
    berkas.write_bytes(services.sertifikat_pdf(peserta=peserta[0]))
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"\( \.{20,} \)", teks) and re.search(r"NIP\. \.{20,}", teks)
    assert _halaman_pdf(berkas.read_bytes(), tmp_path) == 1


def test_training_detail_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    """Hiding the scores costs no query per participant (an EXISTS in the one list query)."""
    pelatihan = PelatihanFactory(wilayah=area.kec_k)

    def tambah(n):
        for i in range(n):
            lembaga = area.ppkbd_a if i % 2 else area.ppkbd_b
            PesertaPelatihanFactory(pelatihan=pelatihan, kader=KaderFactory(institusi=lembaga))

    client.force_login(users.ppkbd)
    url = reverse("pertemuan:pelatihan_detail", args=[pelatihan.pk])
    tambah(5)
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    tambah(45)
    with django_assert_max_num_queries(len(q)):
        assert client.get(url).status_code == 200
    assert len(q) <= 15
