"""Every kader page: anonymous → login, wrong role → 403, another area → 404, happy path."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kader.models import SK, Institusi, Kader, Mitra, Pengurus, Wilayah
from tests.factories import KaderFactory, MitraFactory, PengurusFactory, SKFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tanpa_izin(area):
    """A logged-in user whose role grants nothing."""
    u = UserFactory(username="u_tanpa", peran="ppkbd", wilayah=area.desa_a)
    u.groups.clear()
    return u


@pytest.fixture
def objek(area):
    class Objek:
        pass

    o = Objek()
    o.kader_a = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    o.kader_x = KaderFactory(institusi=area.ppkbd_x, nama="Kader Anggrek")
    o.mitra_a = MitraFactory(wilayah=area.desa_a, nama="PKK Desa A")
    o.mitra_x = MitraFactory(wilayah=area.desa_x, nama="PKK Desa X")
    o.sk = SKFactory()
    o.pengurus_x = PengurusFactory(kader=o.kader_x, jabatan="ketua", selesai=None)
    return o


def halaman_lihat(area, o):
    """(url of own-area object, url of other-area object) per read page."""
    return [
        (
            reverse("kader:institusi_detail", args=[area.ppkbd_a.pk]),
            reverse("kader:institusi_detail", args=[area.ppkbd_x.pk]),
        ),
        (
            reverse("kader:kader_detail", args=[o.kader_a.pk]),
            reverse("kader:kader_detail", args=[o.kader_x.pk]),
        ),
        (
            reverse("kader:mitra_detail", args=[o.mitra_a.pk]),
            reverse("kader:mitra_detail", args=[o.mitra_x.pk]),
        ),
        (
            reverse("kader:wilayah_detail", args=[area.desa_a.pk]),
            reverse("kader:wilayah_detail", args=[area.desa_x.pk]),
        ),
        (
            reverse("kader:institusi_update", args=[area.ppkbd_a.pk]),
            reverse("kader:institusi_update", args=[area.ppkbd_x.pk]),
        ),
        (
            reverse("kader:kader_update", args=[o.kader_a.pk]),
            reverse("kader:kader_update", args=[o.kader_x.pk]),
        ),
        (
            reverse("kader:pengurus_create", args=[area.ppkbd_a.pk]),
            reverse("kader:pengurus_create", args=[area.ppkbd_x.pk]),
        ),
        (
            reverse("kader:institusi_nonaktif", args=[area.ppkbd_a.pk]),
            reverse("kader:institusi_nonaktif", args=[area.ppkbd_x.pk]),
        ),
        (
            reverse("kader:mitra_update", args=[o.mitra_a.pk]),
            reverse("kader:mitra_update", args=[o.mitra_x.pk]),
        ),
        (None, reverse("kader:pengurus_akhiri", args=[o.pengurus_x.pk])),
    ]


DAFTAR = [
    "kader:institusi_list",
    "kader:kader_list",
    "kader:sk_list",
    "kader:mitra_list",
    "kader:wilayah_list",
    "kader:institusi_create",
    "kader:kader_create",
    "kader:sk_create",
    "kader:mitra_create",
    "kader:sk_draft",
    "beranda",
]


@pytest.mark.parametrize("nama", DAFTAR)
def test_anonymous_is_sent_to_login(client, area, nama):
    resp = client.get(reverse(nama))
    assert resp.status_code == 302 and resp.url.startswith(reverse("login"))


def test_anonymous_detail_is_sent_to_login(client, area, objek):
    for _sendiri, lain in halaman_lihat(area, objek):
        resp = client.get(lain)
        assert resp.status_code == 302 and resp.url.startswith(reverse("login")), lain


@pytest.mark.parametrize("nama", [n for n in DAFTAR if n != "beranda"])
def test_role_without_permission_gets_403(client, tanpa_izin, nama):
    client.force_login(tanpa_izin)
    assert client.get(reverse(nama)).status_code == 403


@pytest.mark.parametrize("nama", ["kader:institusi_create", "kader:sk_create", "kader:sk_draft"])
def test_ppkbd_cannot_create_institutions_or_sk(client, users, nama):
    client.force_login(users.ppkbd)
    assert client.get(reverse(nama)).status_code == 403


def test_sub_ppkbd_cannot_add_cadres_or_board(client, users, area):
    client.force_login(users.sub_ppkbd)
    assert client.get(reverse("kader:kader_create")).status_code == 403
    url = reverse("kader:pengurus_create", args=[area.sub_a1.pk])
    assert client.post(url, {}).status_code == 403


def test_other_area_objects_are_404_and_own_are_200(client, users, area, objek):
    client.force_login(users.penyuluh)  # holds every permission these pages need
    for sendiri, lain in halaman_lihat(area, objek):
        assert client.get(lain).status_code == 404, lain
        if sendiri:
            assert client.get(sendiri).status_code == 200, sendiri


def test_penyuluh_cannot_open_desa_of_ended_assignment(client, users, area):
    client.force_login(users.penyuluh)
    assert client.get(reverse("kader:wilayah_detail", args=[area.desa_a.pk])).status_code == 200
    assert client.get(reverse("kader:wilayah_detail", args=[area.desa_b.pk])).status_code == 404
    assert client.get(reverse("kader:institusi_update", args=[area.ppkbd_b.pk])).status_code == 404


def test_lists_show_only_own_area(client, users, area, objek):
    client.force_login(users.ppkbd)
    html = client.get(reverse("kader:institusi_list")).content.decode()
    assert "Melati" in html and "Mawar" in html and "Anggrek" not in html and "Kenanga" not in html
    html = client.get(reverse("kader:kader_list")).content.decode()
    assert "Kader Melati" in html and "Kader Anggrek" not in html


def test_institution_list_counts_active_cadres_with_a_plain_count(client, users, area):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    KaderFactory.create_batch(2, institusi=area.ppkbd_a)
    KaderFactory(institusi=area.ppkbd_a, aktif=False)
    KaderFactory(institusi=area.sub_a1)
    client.force_login(users.ppkbd)
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(reverse("kader:institusi_list"), {"sort": "-jumlah_kader"})
    baris = {r.record.nama: r.record.jumlah_kader for r in resp.context["table"].paginated_rows}
    assert baris == {"Melati": 2, "Mawar": 1}
    assert [r.record.nama for r in resp.context["table"].paginated_rows] == ["Melati", "Mawar"]
    # The paginator's count reads institutions only (no join with cadres, no GROUP BY).
    hitung = [q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]
    assert hitung and all("kader_kader" not in q and "GROUP BY" not in q for q in hitung)


def test_full_nik_search_finds_cadre_through_hash(client, users, objek):
    client.force_login(users.ppkbd)
    # Through the token address (kader.cari_nik): the NIK is never in a URL.
    resp = client.get(reverse("kader:kader_list"), {"q": objek.kader_a.nik}, follow=True)
    assert resp.redirect_chain and objek.kader_a.nik not in resp.redirect_chain[-1][0]
    html = resp.content.decode()
    assert "Kader Melati" in html
    # No cell, search box or sort link shows it in full.
    assert objek.kader_a.nik not in html
    assert objek.kader_a.nik_samar in html


# Writes -------------------------------------------------------------------------------------


def test_penyuluh_creates_sub_ppkbd(client, users, area):
    client.force_login(users.penyuluh)
    resp = client.post(
        reverse("kader:institusi_create"),
        {
            "jenis": "sub_ppkbd",
            "nama": "Sub-PPKBD Anyelir",
            "wilayah": area.dusun_a2.pk,
            "klasifikasi": "dasar",
        },
    )
    inst = Institusi.objects.get(nama="Sub-PPKBD Anyelir")
    assert resp.status_code == 302 and resp.url == inst.get_absolute_url()
    assert inst.wilayah == area.dusun_a2 and inst.aktif


def test_area_outside_scope_chosen_by_editing_html_is_refused(client, users, area):
    client.force_login(users.penyuluh)
    resp = client.post(
        reverse("kader:institusi_create"),
        {
            "jenis": "sub_ppkbd",
            "nama": "Selundupan",
            "wilayah": area.dusun_x1.pk,
            "klasifikasi": "dasar",
        },
    )
    assert resp.status_code == 200
    assert "wilayah" in resp.context["form"].errors
    assert not Institusi.objects.filter(nama="Selundupan").exists()


def test_institution_deactivation_keeps_row(client, users, area):
    client.force_login(users.penyuluh)
    url = reverse("kader:institusi_nonaktif", args=[area.sub_a1.pk])
    resp = client.post(url, {"tanggal": "2026-10-01", "alasan": ""})
    assert resp.status_code == 200 and "alasan" in resp.context["form"].errors
    resp = client.post(url, {"tanggal": "2026-10-01", "alasan": "Dusun dimekarkan"})
    area.sub_a1.refresh_from_db()
    assert resp.status_code == 302 and not area.sub_a1.aktif
    assert area.sub_a1.alasan_nonaktif == "Dusun dimekarkan"


def _post_kader(client, area, nik, follow=False, **lain):
    return client.post(
        reverse("kader:kader_create"),
        follow=follow,
        data={
            "nama": "Rahmawati Daeng Ngai",
            "nik": nik,
            "jenis_kelamin": "P",
            "tanggal_lahir": "1990-05-17",
            "telepon": "081234567890",
            "pendidikan": "sma",
            "institusi": area.ppkbd_a.pk,
            "dusun": area.dusun_a1.pk,
            "aktif_sejak": "2024-01-01",
            **lain,
        },
    )


def test_ppkbd_adds_cadre(client, users, area):
    client.force_login(users.ppkbd)
    resp = _post_kader(client, area, "7306 0157 0590 1234")
    k = Kader.objects.get(nama="Rahmawati Daeng Ngai")
    assert resp.status_code == 302 and resp.url == k.get_absolute_url()
    assert k.nik == "7306015705901234" and k.institusi == area.ppkbd_a


@pytest.mark.parametrize(
    ("nik", "pesan"),
    [
        ("12345", "NIK harus 16 digit angka."),
        ("7306015713901234", "Bulan lahir pada NIK tidak mungkin"),
    ],
)
def test_invalid_nik_message_on_field(client, users, area, nik, pesan):
    client.force_login(users.ppkbd)
    resp = _post_kader(client, area, nik)
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors["nik"])
    assert not Kader.objects.exists()


def test_duplicate_nik_message_on_field(client, users, area, objek):
    client.force_login(users.ppkbd)
    resp = _post_kader(client, area, objek.kader_a.nik)
    assert "sudah terdaftar" in " ".join(resp.context["form"].errors["nik"])
    assert Kader.objects.count() == 2


def test_cadre_mismatching_nik_sex_is_saved_with_warning(client, users, area):
    client.force_login(users.ppkbd)
    resp = _post_kader(client, area, "7306011705901234", follow=True)
    assert Kader.objects.filter(nama="Rahmawati Daeng Ngai").exists()
    assert "Jenis kelamin tidak cocok dengan NIK" in resp.content.decode()


def test_cadre_institution_outside_scope_is_refused(client, users, area):
    client.force_login(users.ppkbd)
    resp = _post_kader(client, area, "7306015705901234", institusi=area.ppkbd_x.pk)
    assert "institusi" in resp.context["form"].errors and not Kader.objects.exists()


def test_board_position_added_and_overlap_refused(client, users, area, objek):
    client.force_login(users.ppkbd)
    url = reverse("kader:pengurus_create", args=[area.ppkbd_a.pk])
    data = {"kader": objek.kader_a.pk, "jabatan": "sekretaris", "mulai": "2026-01-01"}
    resp = client.post(url, data)
    assert resp.status_code == 302
    assert Pengurus.objects.get(institusi=area.ppkbd_a).jabatan == "sekretaris"
    lain = KaderFactory(institusi=area.ppkbd_a)
    resp = client.post(url, {**data, "kader": lain.pk, "mulai": "2026-06-01"})
    assert resp.status_code == 200
    assert "bertumpang tindih" in " ".join(resp.context["form"].errors["mulai"])
    assert Pengurus.objects.filter(institusi=area.ppkbd_a).count() == 1
    # roster shows the sekretaris and the vacant positions
    html = client.get(area.ppkbd_a.get_absolute_url()).content.decode()
    assert objek.kader_a.nama in html and html.count("Kosong") == 2


def test_board_term_ending_before_start_message(client, users, area, objek):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("kader:pengurus_create", args=[area.ppkbd_a.pk]),
        {
            "kader": objek.kader_a.pk,
            "jabatan": "ketua",
            "mulai": "2026-01-01",
            "selesai": "2025-01-01",
        },
    )
    assert resp.status_code == 200 and not Pengurus.objects.filter(institusi=area.ppkbd_a).exists()
    assert "Masa bakti tidak boleh selesai sebelum mulai." in resp.content.decode()


def test_end_term(client, users, area, objek):
    p = PengurusFactory(kader=objek.kader_a, jabatan="ketua", selesai=None)
    client.force_login(users.ppkbd)
    resp = client.post(reverse("kader:pengurus_akhiri", args=[p.pk]), {"selesai": "2026-09-30"})
    p.refresh_from_db()
    assert resp.status_code == 302 and p.selesai == date(2026, 9, 30)


def test_dusun_added_by_ppkbd(client, users, area):
    client.force_login(users.ppkbd)
    resp = client.post(reverse("kader:dusun_create", args=[area.desa_a.pk]), {"nama": "Bontoa"})
    assert resp.status_code == 302
    assert Wilayah.objects.filter(induk=area.desa_a, nama="Bontoa", tingkat="dusun").exists()
    resp = client.post(reverse("kader:dusun_create", args=[area.desa_x.pk]), {"nama": "Bontoa"})
    assert resp.status_code == 404


def _pdf(nama="sk.pdf", isi=b"%PDF-1.4\n%%EOF\n"):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def _post_sk(client, berkas):
    return client.post(
        reverse("kader:sk_create"),
        {
            "nomor": "188.4/99/2026",
            "tanggal": "2026-12-20",
            "tentang": "Pengurus 2027",
            "ditandatangani_oleh": "Bupati Gowa",
            "berlaku_mulai": "2027-01-01",
            "berlaku_sampai": "2029-12-31",
            "berkas": berkas,
        },
    )


def test_dinas_records_sk_with_pdf_scan(client, users):
    client.force_login(users.dinas)
    resp = _post_sk(client, _pdf())
    sk = SK.objects.get(nomor="188.4/99/2026")
    assert resp.status_code == 302 and sk.berkas.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (
            SimpleUploadedFile("foto.jpg", b"\xff\xd8\xff", content_type="image/jpeg"),
            "Hanya berkas PDF",
        ),
        (
            SimpleUploadedFile("palsu.pdf", b"MZ\x90\x00", content_type="application/pdf"),
            "Berkas bukan PDF",
        ),
    ],
)
def test_non_pdf_scan_is_refused(client, users, berkas, pesan):
    client.force_login(users.dinas)
    resp = _post_sk(client, berkas)
    assert resp.status_code == 200 and pesan in " ".join(resp.context["form"].errors["berkas"])
    assert not SK.objects.exists()


def test_oversized_scan_is_refused(client, users, settings):
    settings.SK_SCAN_MAX_BYTES = 1024
    client.force_login(users.dinas)
    resp = _post_sk(client, _pdf(isi=b"%PDF-" + b"0" * 2048))
    assert "melebihi" in " ".join(resp.context["form"].errors["berkas"])


def test_mitra_with_contacts_saved_together(client, users, area):
    client.force_login(users.penyuluh)
    resp = client.post(
        reverse("kader:mitra_create"),
        {
            "jenis": "pkk",
            "nama": "TP PKK Desa A",
            "wilayah": area.desa_a.pk,
            "aktif": "on",
            "kontak-TOTAL_FORMS": "1",
            "kontak-INITIAL_FORMS": "0",
            "kontak-0-nama": "Ibu Kades",
            "kontak-0-jabatan": "Ketua TP PKK",
            "kontak-0-telepon": "081300000000",
        },
    )
    m = Mitra.objects.get(nama="TP PKK Desa A")
    assert resp.status_code == 302 and m.kontak.get().nama == "Ibu Kades"


def test_home_page_lists_vacant_positions(client, users, area, objek):
    client.force_login(users.ppkbd)
    html = client.get(reverse("beranda")).content.decode()
    assert "Melati" in html and "Kosong: Ketua, Sekretaris, Bendahara" in html
    assert "Anggrek" not in html


# Query counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nama", "batas"),
    [
        ("kader:institusi_list", 14),
        ("kader:kader_list", 14),
        ("kader:sk_list", 14),
        ("kader:mitra_list", 14),
        ("kader:wilayah_list", 14),
        # The home page gathers cards from every app (kader 6, pertemuan 4, pendataan, laporan).
        ("beranda", 30),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    client, users, area, nama, batas, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users.ppkbd)

    def jumlah_query():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(nama)).status_code == 200
        return len(ctx)

    def tambah(n):
        for _ in range(n):
            k = KaderFactory(institusi=area.ppkbd_a)
            PengurusFactory(kader=k, sk=sk)
            MitraFactory(wilayah=area.desa_a)
            SKFactory()

    sk = SKFactory()
    tambah(5)
    sedikit = jumlah_query()
    tambah(45)
    assert jumlah_query() == sedikit
    with django_assert_max_num_queries(batas):
        client.get(reverse(nama))


def test_lists_export_xlsx_of_own_area_with_masked_nik(client, users, objek):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users.ppkbd)
    resp = client.get(reverse("kader:kader_list"), {"ekspor": "xlsx"})
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    baris = list(load_workbook(BytesIO(resp.content)).active.values)
    assert baris[0][:2] == ("Nama", "NIK")
    assert [b[0] for b in baris[1:]] == ["Kader Melati"]
    assert baris[1][1] == objek.kader_a.nik_samar
    # The file is the page's own table: sorted as the user sorted it, every row, no paging.
    client.force_login(users.dinas)
    for urutan in ("nama", "-nama"):
        resp = client.get(reverse("kader:kader_list"), {"ekspor": "xlsx", "sort": urutan})
        nama = [b[0] for b in list(load_workbook(BytesIO(resp.content)).active.values)[1:]]
        assert len(nama) > 1 and nama == sorted(nama, reverse=urutan.startswith("-"))


def test_home_page_shows_overdue_actions_and_cadre_page_shows_trainings(client, users, area, objek):
    from datetime import timedelta

    from django.utils import timezone

    from pertemuan.models import Masalah, Pelatihan, Pertemuan, PesertaPelatihan, TindakLanjut

    lalu = timezone.localdate() - timedelta(days=10)
    p = Pertemuan.objects.create(
        wilayah=area.desa_a,
        institusi=area.ppkbd_a,
        tanggal=lalu,
        judul="Rapat rutin",
        tempat="Balai desa",
    )
    m = Masalah.objects.create(pertemuan=p, uraian="Data PUS dusun A2 belum lengkap")
    TindakLanjut.objects.create(
        masalah=m,
        uraian="Lengkapi data PUS A2",
        penanggung_jawab="Ketua",
        batas_waktu=lalu + timedelta(days=3),
    )
    latih = Pelatihan.objects.create(
        judul="Orientasi kader IMP",
        wilayah=area.kec_k,
        penyelenggara="DPPKB",
        narasumber="PKB",
        tempat="Aula",
        tanggal_mulai=lalu,
        tanggal_selesai=lalu,
    )
    PesertaPelatihan.objects.create(pelatihan=latih, kader=objek.kader_a)
    client.force_login(users.ppkbd)
    html = client.get(reverse("beranda")).content.decode()
    assert "Lengkapi data PUS A2" in html and "Tindak lanjut terlambat" in html
    html = client.get(objek.kader_a.get_absolute_url()).content.decode()
    assert "Orientasi kader IMP" in html and "Sertifikat" in html
