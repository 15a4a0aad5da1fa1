"""Issue 9 (hardening) for the monthly KB status: only the codes of DOMAIN §5 are stored, by any
path, and nothing a user typed is written unescaped into the page."""

import re
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from pendataan import impor, selectors, services
from pendataan.indikator import METODE, STATUS
from pendataan.models import PerubahanStatus
from pendataan.templatetags.pendataan_tags import baris_pus
from tests.pendataan.factories import pus_buat

pytestmark = pytest.mark.django_db
BULAN = date(2025, 3, 1)

# (status, jalur, column refused): what a hostile or careless post may hold.
BERMUSUH = [
    ('"><script>alert(1)</script>', "", "status"),
    ('x" onmouseover="alert(1)', "", "status"),
    ("BOGUS", "", "status"),
    ("iud", "PEMERINTAH", "status"),
    ("Hamil", "", "status"),
    ("HAMIL", "PEMERINTAH", "jalur"),
    ("IAS", "SWASTA", "jalur"),
    ("PIL", '"><img src=x onerror=alert(1)>', "jalur"),
    ("PIL", "pemerintah", "jalur"),
]


@pytest.mark.parametrize(("status", "jalur", "kolom"), BERMUSUH)
def test_service_refuses_what_is_not_a_code_and_writes_nothing(area, status, jalur, kolom):
    w, lain = pus_buat(dusun=area.dusun_a1), pus_buat(dusun=area.dusun_a1)
    isian = {
        lain.pk: services.Isian("IAS"),  # a good row in the same post: not saved either
        w.pk: services.Isian(status, jalur),
    }
    pus = {w.pk: area.desa_a.pk, lain.pk: area.desa_a.pk}
    with pytest.raises(services.KesalahanBaris) as e:
        services.status_simpan_bulan(bulan=BULAN, isian=isian, pus=pus)
    assert list(e.value.per_baris) == [w.pk]
    assert kolom in e.value.per_baris[w.pk]
    assert not PerubahanStatus.objects.exists()


@pytest.mark.parametrize(("status", "jalur", "kolom"), BERMUSUH)
def test_pus_page_refuses_hostile_values_with_a_row_message(
    client, users, area, pus_a1, status, jalur, kolom
):
    a, b, _ = pus_a1.a1
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pendataan:pus_bulanan"),
        {
            "wilayah": area.dusun_a1.pk,
            "bulan": "2025-03",
            f"s_{a.pk}": status,
            f"j_{a.pk}": jalur,
            f"s_{b.pk}": "IAS",
        },
    )
    assert resp.status_code == 400
    body = resp.content.decode()
    assert not PerubahanStatus.objects.exists()
    assert "belum ada yang disimpan" in body
    assert f'<div class="e" id="e_{a.pk}">' in body  # the message sits on the row
    for payload in (status, jalur):
        if "<" in payload or '"' in payload:
            assert payload not in body
    assert "<script>alert" not in body and 'onmouseover="alert' not in body
    # The counts show what is stored (nothing), not what was typed.
    assert resp.context["ringkasan"]["tanpa_status"] == 3


def test_pus_page_row_of_refused_post_keeps_the_stored_state(client, users, area, pus_a1):
    a, _, _ = pus_a1.a1
    services.status_simpan_bulan(
        bulan=BULAN, isian={a.pk: services.Isian("IAT")}, pus={a.pk: area.desa_a.pk}
    )
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pendataan:pus_bulanan"),
        {
            "wilayah": area.dusun_a1.pk,
            "bulan": "2025-03",
            f"s_{a.pk}": "IAS",
            f"j_{a.pk}": "SWASTA",
        },
    )
    assert resp.status_code == 400
    body = resp.content.decode()
    assert 'data-a="IAT||"' in body  # what the server stored, for the phone's comparison
    assert resp.context["ringkasan"]["unmet"] == 1 and resp.context["ringkasan"]["ias"] == 0
    assert PerubahanStatus.objects.get().status == "IAT"


@pytest.mark.parametrize(("status", "jalur", "kolom"), BERMUSUH)
def test_status_import_gives_row_and_column_error(area, status, jalur, kolom):
    w = pus_buat(dusun=area.dusun_a1)
    isi = f"nik,bulan,status,jalur,peserta_baru\n{w.nik},2025-03,{_csv(status)},{_csv(jalur)},T\n"
    h = impor.jalankan_impor(jenis="status_kb", isi=isi.encode(), nama="s.csv")
    assert (2, kolom) in {(k["baris"], k["kolom"]) for k in h.kesalahan}, h.kesalahan
    assert not PerubahanStatus.objects.exists()
    for k in h.kesalahan:  # the value itself is never echoed back
        assert "<" not in k["pesan"] and "alert" not in k["pesan"]


def _csv(teks: str) -> str:
    return '"' + teks.replace('"', '""') + '"' if any(c in teks for c in ',"') else teks


def test_status_import_names_the_upper_case_code(area):
    w = pus_buat(dusun=area.dusun_a1)
    isi = f"nik,bulan,status,jalur,peserta_baru\n{w.nik},2025-03,suntik,SWASTA,T\n"
    h = impor.jalankan_impor(jenis="status_kb", isi=isi.encode(), nama="s.csv")
    assert [k["pesan"] for k in h.kesalahan] == ["Status ditulis dengan huruf besar: SUNTIK."]


@pytest.mark.parametrize(
    ("status", "jalur"),
    [("BOGUS", ""), ('"><script>', ""), ("iud", "PEMERINTAH"), ("PIL", "NEGERI"), ("PIL", "x")],
)
def test_database_refuses_other_codes(area, status, jalur):
    w = pus_buat(dusun=area.dusun_a1)
    baris = PerubahanStatus(anggota=w, desa=area.desa_a, bulan=BULAN, status=status, jalur=jalur)
    with pytest.raises(IntegrityError), transaction.atomic():
        PerubahanStatus.objects.bulk_create([baris])
    ok = PerubahanStatus.objects.create(
        anggota=w, desa=area.desa_a, bulan=BULAN, status="PIL", jalur="SWASTA"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PerubahanStatus.objects.filter(pk=ok.pk).update(status=status, jalur=jalur or "SWASTA")


def test_pus_rows_escape_every_value():
    b = SimpleNamespace(
        anggota_id=7,
        nama='<b>"Siti"</b>',
        rt='1"><script>x()</script>',
        umur=30,
        dusun_nama="<i>A1</i>",
        tersimpan='x" onmouseover="alert(1)||',
        status_kb='"><script>',
        jalur_kb='"><svg>',
        pb=False,
        boleh_kosong=False,
        kesalahan={"status": "<img src=x>"},
    )
    html = baris_pus([b], True, True)
    for mentah in ("<b>", "<script>", "<i>", 'x" onmouseover', "<img", "<svg>"):
        assert mentah not in html
    assert "&lt;b&gt;&quot;Siti&quot;&lt;/b&gt;" in html
    assert 'data-a="x&quot; onmouseover=&quot;alert(1)||"' in html
    assert " selected" not in html  # an unknown code selects nothing


# --- KB status history --------------------------------------------------------------------


def _simpan(w, area, status, jalur="", oleh=None, bulan=BULAN):
    return services.status_simpan_bulan(
        bulan=bulan,
        isian={w.pk: services.Isian(status, jalur)},
        pus={w.pk: area.desa_a.pk},
        oleh=oleh,
    )


def test_edit_and_clear_keep_history_with_user_and_earlier_value(area, users):
    w = pus_buat(dusun=area.dusun_a1)
    _simpan(w, area, "IAT", bulan=date(2025, 2, 1), oleh=users.ppkbd)
    _simpan(w, area, "PIL", "SWASTA", oleh=users.ppkbd)
    _simpan(w, area, "IMPLAN", "PEMERINTAH", oleh=users.sub_ppkbd)  # edit
    _simpan(w, area, "IAT", oleh=users.penyuluh)  # same as February: March's row removed
    assert list(PerubahanStatus.objects.values_list("bulan", "status")) == [
        (date(2025, 2, 1), "IAT")
    ]
    riwayat = [
        (r["bulan"], r["jenis"], r["sebelumnya"], r["sesudah"], r["oleh"])
        for r in selectors.riwayat_status_anggota(anggota_id=w.pk)
    ]
    assert riwayat == [
        (BULAN, "dihapus", "IMPLAN · Pemerintah", None, users.penyuluh),
        (BULAN, "diubah", "PIL · Swasta", "IMPLAN · Pemerintah", users.sub_ppkbd),
        (BULAN, "dicatat", None, "PIL · Swasta", users.ppkbd),
        (date(2025, 2, 1), "dicatat", None, "IAT", users.ppkbd),
    ]


def test_import_keeps_history_of_what_it_changed(area, users):
    w = pus_buat(dusun=area.dusun_a1)
    _simpan(w, area, "IAS", oleh=users.sub_ppkbd)
    isi = f"nik,bulan,status,jalur,peserta_baru\n{w.nik},2025-03,SUNTIK,SWASTA,Y\n"
    h = impor.jalankan_impor(jenis="status_kb", isi=isi.encode(), nama="s.csv", user=users.ppkbd)
    assert h.berhasil, h.kesalahan
    terbaru = selectors.riwayat_status_anggota(anggota_id=w.pk)[0]
    assert (terbaru["jenis"], terbaru["sebelumnya"], terbaru["sesudah"], terbaru["oleh"]) == (
        "diubah",
        "IAS",
        "SUNTIK · Swasta · PB",
        users.ppkbd,
    )


def test_member_page_access(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    x = pus_buat(dusun=area.dusun_x1)
    url = reverse("pendataan:anggota_detail", args=[w.pk])
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    tanpa_peran = users.ppkbd
    tanpa_peran.groups.clear()
    client.force_login(tanpa_peran)
    assert client.get(url).status_code == 403
    client.force_login(users.sub_ppkbd)
    assert client.get(reverse("pendataan:anggota_detail", args=[x.pk])).status_code == 404
    a2 = pus_buat(dusun=area.dusun_a2)
    assert client.get(reverse("pendataan:anggota_detail", args=[a2.pk])).status_code == 404
    assert client.get(url).status_code == 200


def test_member_page_shows_history_with_bounded_queries(
    client, users, area, django_assert_max_num_queries
):
    w = pus_buat(dusun=area.dusun_a1)
    users.ppkbd.first_name = "Nurhayati"
    users.ppkbd.save()
    _simpan(w, area, "IAT", oleh=users.ppkbd)
    _simpan(w, area, "PIL", "SWASTA", oleh=users.sub_ppkbd)
    client.force_login(users.ppkbd)
    url = reverse("pendataan:anggota_detail", args=[w.pk])
    body = client.get(url).content.decode()
    riwayat = body[body.index('id="riwayat-status"') :]
    assert "diubah: PIL · Swasta" in riwayat and "<td>IAT</td>" in riwayat
    assert "Nurhayati" in riwayat and users.sub_ppkbd.username in riwayat
    assert w.nik not in body and w.nik_samar in body
    keluarga = client.get(w.keluarga.get_absolute_url()).content.decode()
    assert url in keluarga  # the family page links each member's page
    for n in (5, 50):
        bulan = date(2020, 1, 1)
        while PerubahanStatus.history.filter(anggota_id=w.pk).count() < n:
            bulan = date(bulan.year + (bulan.month == 12), bulan.month % 12 + 1, 1)
            _simpan(w, area, "IAS" if bulan.month % 2 else "HAMIL", bulan=bulan, oleh=users.ppkbd)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


# --- CSP: no inline script, handler or style in pendataan's pages -------------------------

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pendataan"
TERLARANG = re.compile(r"""\sstyle\s*=|\son[a-z]+\s*=|<style\b|<script(?![^>]*\bsrc=)""", re.I)


def test_pendataan_templates_have_no_inline_script_or_style():
    halaman = [p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.parts]
    assert len(halaman) > 10
    salah = {p.name: TERLARANG.findall(p.read_text()) for p in halaman}
    assert {k: v for k, v in salah.items() if v} == {}


@pytest.mark.parametrize("nama", ["sasaran", "peta_keluarga"])
def test_print_button_uses_data_attribute_and_shared_handler(client, users, area, nama):
    pus_buat(dusun=area.dusun_a1)
    client.force_login(users.sub_ppkbd)
    body = client.get(reverse(f"pendataan:{nama}"), {"wilayah": area.dusun_a1.pk}).content.decode()
    assert "data-cetak" in body and "js/imp.js" in body  # the shared handler of data-cetak
    assert "onclick" not in body and "window.print" not in body
    assert not TERLARANG.search(body.split("<main", 1)[-1].split("</main>", 1)[0])


# --- blank PUS form PDF -------------------------------------------------------------------


def test_blank_form_prints_last_months_status_and_a_legend(client, users, area, pus_a1, tmp_path):
    a, b, c = pus_a1.a1
    feb = date(2025, 2, 1)
    services.status_simpan_bulan(
        bulan=feb,
        isian={a.pk: services.Isian("IUD", "PEMERINTAH", True), b.pk: services.Isian("TIAL")},
        pus={a.pk: area.desa_a.pk, b.pk: area.desa_a.pk},
    )
    # A change recorded in the form's own month is not "last month".
    _simpan(c, area, "HAMIL")
    client.force_login(users.sub_ppkbd)
    resp = client.get(reverse("pendataan:pus_formulir"), {"bulan": "2025-03"})
    assert resp.status_code == 200 and resp.content[:4] == b"%PDF"
    berkas = tmp_path / "formulir.pdf"
    berkas.write_bytes(resp.content)
    teks = subprocess.run(
        ["pdftotext", "-layout", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    baris = {n: next(x for x in teks.splitlines() if n in x) for n in ("A1-0", "A1-1", "A1-2")}
    assert re.search(r"\bIUD P\b", baris["A1-0"]) and "TIAL" in baris["A1-1"]
    assert "HAMIL" not in baris["A1-2"] and "–" in baris["A1-2"]
    assert "Status Feb 2025" in teks
    for kode, arti in (("IAS", "ingin anak segera"), ("TIAL", "tidak ingin anak lagi")):
        assert re.search(rf"{kode}\s+{arti}", teks), kode
    assert "IAT" in teks and "HAMIL" in teks and "sedang hamil" in teks


# --- NIK search: never a NIK in a URL -----------------------------------------------------


def test_nik_search_by_post_redirects_to_a_token_and_finds_the_member(client, users, area):
    w = pus_buat(dusun=area.dusun_a1, nama="Rosmiati Caya")
    pus_buat(dusun=area.dusun_a1, nama="Hartati Lolo")
    client.force_login(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    ketik = f"{w.nik[:6]} {w.nik[6:12]}.{w.nik[12:]}"  # as typed, with spaces and a dot
    for resp in (
        client.post(url, {"q": ketik, "rt": "001"}),  # the form with JavaScript
        client.get(url, {"q": w.nik, "rt": "001"}),  # without: answered by a redirect at once
    ):
        assert resp.status_code == 302
        lokasi = resp["Location"]
        assert w.nik not in lokasi and w.nik[-8:] not in lokasi
        assert "nik_token=" in lokasi and "rt=001" in lokasi and "q=" not in lokasi
        hasil = client.get(lokasi)
        assert hasil.context["table"].paginator.count == 1
        assert w.nik not in hasil.content.decode()
        assert "Dicari menurut NIK/no KK lengkap" in hasil.content.decode()
        assert list(hasil.context["table"].page.object_list.data)[0].pk == w.keluarga_id
    kk = client.post(url, {"q": w.keluarga.no_kk})
    assert w.keluarga.no_kk not in kk["Location"]
    assert client.get(kk["Location"]).context["table"].paginator.count == 1
    nama = client.post(url, {"q": "rosmiati"})
    assert nama.status_code == 302 and "q=rosmiati" in nama["Location"]


def test_nik_token_garbage_finds_nothing_and_a_typed_search_replaces_it(client, users, area):
    w = pus_buat(dusun=area.dusun_a1, nama="Rosmiati Caya")
    pus_buat(dusun=area.dusun_a1, nama="Hartati Lolo")
    client.force_login(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    assert client.get(url, {"nik_token": "'; drop"}).context["table"].paginator.count == 0
    luar = pus_buat(dusun=area.dusun_x1)  # another area: the token finds nothing
    assert (
        client.get(client.post(url, {"q": luar.nik})["Location"]).context["table"].paginator.count
        == 0
    )
    token = client.post(url, {"q": w.nik})["Location"].split("nik_token=")[1]
    resp = client.get(url, {"nik_token": token, "q": "hartati"})
    assert resp.context["table"].paginator.count == 1
    assert list(resp.context["table"].page.object_list.data)[0].pk != w.keluarga_id


def test_family_list_post_needs_login_and_permission(client, users, area):
    url = reverse("pendataan:keluarga_list")
    resp = client.post(url, {"q": "7306015705900001"})
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    assert "7306015705900001" not in resp["Location"]
    tanpa = users.ppkbd
    tanpa.groups.clear()
    client.force_login(tanpa)
    assert client.post(url, {"q": "7306015705900001"}).status_code == 403


# --- empty states that say the truth ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "benar", "salah"),
    [
        ({}, "Belum ada impor", "cocok dengan saringan"),
        ({"sort": "-dibuat"}, "Belum ada impor", "cocok dengan saringan"),
        ({"jenis": "", "status": ""}, "Belum ada impor", "cocok dengan saringan"),
        ({"jenis": "keluarga"}, "Tidak ada impor yang cocok dengan saringan", "Belum ada impor"),
    ],
)
def test_import_list_empty_state_says_the_truth(client, users, query, benar, salah):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pendataan:impor_list"), query)
    body = resp.content.decode()
    assert resp.status_code == 200 and benar in body and salah not in body
    assert resp.context["teks_kosong"] in body


def test_family_list_empty_state_says_the_truth(client, users, area):
    client.force_login(users.sub_ppkbd)
    url = reverse("pendataan:keluarga_list")
    assert "Belum ada keluarga di wilayah Anda" in client.get(url).content.decode()
    body = client.get(url, {"q": "tidak ada"}).content.decode()
    assert "Tidak ada keluarga yang cocok" in body and "Belum ada keluarga" not in body


def test_admin_shows_a_status_history(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    _simpan(w, area, "IAT", oleh=users.ppkbd)
    _simpan(w, area, "IAS", oleh=users.sub_ppkbd)
    baris = PerubahanStatus.objects.get()
    client.force_login(users.admin)
    resp = client.get(reverse("admin:pendataan_perubahanstatus_history", args=[baris.pk]))
    assert resp.status_code == 200
    assert users.sub_ppkbd.username in resp.content.decode()


# --- property: only the codes pass cek_isian ----------------------------------------------

teks = st.text(max_size=20)


@given(status=teks, jalur=teks, pb=st.booleans(), lalu=st.sampled_from([None, *STATUS]))
@settings(max_examples=300, deadline=None)
def test_any_text_that_is_not_a_code_is_refused(status, jalur, pb, lalu):
    salah = services.cek_isian(services.Isian(status, jalur, pb), lalu)
    if status and status not in STATUS:
        assert "status" in salah
    if jalur and (jalur not in ("PEMERINTAH", "SWASTA") or status not in METODE):
        assert "jalur" in salah
    if not salah:  # what passes can be stored: a code, a jalur only with a method
        assert status in ("", *STATUS) and jalur in ("", "PEMERINTAH", "SWASTA")
        assert not jalur or status in METODE


def test_demo_statuses_have_their_first_history_row(db):
    import io

    from kader import demo as kader_demo
    from kader.services import wilayah_muat
    from pendataan import demo as pendataan_demo

    wilayah_muat()
    kader_demo.isi_demo(skala="demo", stdout=io.StringIO())
    pendataan_demo.isi_demo(skala="demo", stdout=io.StringIO())
    jumlah = PerubahanStatus.objects.count()
    assert jumlah > 0
    assert PerubahanStatus.history.filter(history_type="+").count() == jumlah


def test_migration_tidies_stored_values_before_the_constraints(area):
    """Rows stored before the constraints (through the hole this issue closes) are tidied so
    that the migration can add them: codes in another case fixed, non-codes removed."""
    import importlib

    from django.apps import apps
    from django.db import connection

    mig = importlib.import_module("pendataan.migrations.0006_status_jalur_kode")
    ws = [pus_buat(dusun=area.dusun_a1) for _ in range(4)]
    with transaction.atomic():
        with connection.cursor() as c:
            for nama in ("status_kode", "jalur_kode", "jalur_pb_hanya_metode"):
                c.execute(
                    f"ALTER TABLE pendataan_perubahanstatus "
                    f"DROP CONSTRAINT pendataan_perubahanstatus_{nama}"
                )
        nilai = [(" iud", "pemerintah "), ('"><b>x</b>', ""), ("IAS", ""), ("PIL", "X")]
        for w, (status, jalur) in zip(ws, nilai, strict=True):
            PerubahanStatus.objects.bulk_create(
                [
                    PerubahanStatus(
                        anggota=w, desa=area.desa_a, bulan=BULAN, status=status, jalur=jalur
                    )
                ]
            )
        mig.rapikan_kode(apps, None)
        assert set(PerubahanStatus.objects.values_list("anggota_id", "status", "jalur")) == {
            (ws[0].pk, "IUD", "PEMERINTAH"),
            (ws[2].pk, "IAS", ""),
            (ws[3].pk, "PIL", ""),
        }
        transaction.set_rollback(True)  # the dropped constraints come back
