import re
from datetime import date

import pytest
from django.urls import reverse

from pendataan import services
from pendataan.models import AksesNik, Anggota, Impor, Keluarga, Mutasi, PerubahanStatus
from tests.factories import nik_valid
from tests.pendataan.factories import keluarga_buat, no_kk_baru, pus_buat

pytestmark = pytest.mark.django_db


def _ks_semua_ya():
    return {f"ks_{i}": "1" for i in range(1, 22)}


# --- access -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nama",
    [
        "keluarga_list",
        "keluarga_create",
        "pus_bulanan",
        "impor_list",
        "peta",
        "sasaran",
        "perbandingan_desa",
        "peta_keluarga",
    ],
)
def test_anonymous_is_sent_to_login(client, nama):
    resp = client.get(reverse(f"pendataan:{nama}"))
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("login"))


def test_wrong_role_gets_403(client, users, area):
    client.force_login(users.koordinator)
    assert client.get(reverse("pendataan:keluarga_create")).status_code == 403
    assert (
        client.post(reverse("pendataan:pus_bulanan"), {"wilayah": area.dusun_a1.pk}).status_code
        == 403
    )
    client.force_login(users.sub_ppkbd)
    assert client.get(reverse("pendataan:impor_create")).status_code == 403


def test_family_of_other_area_is_404(client, users, area):
    a2 = keluarga_buat(dusun=area.dusun_a2)
    x1 = keluarga_buat(dusun=area.dusun_x1)
    a1 = keluarga_buat(dusun=area.dusun_a1)
    client.force_login(users.sub_ppkbd)
    assert client.get(a1.get_absolute_url()).status_code == 200
    for kel in (a2, x1):
        assert client.get(kel.get_absolute_url()).status_code == 404
        assert client.get(reverse("pendataan:keluarga_update", args=[kel.pk])).status_code == 404
        assert client.get(reverse("pendataan:anggota_create", args=[kel.pk])).status_code == 404
    client.force_login(users.ppkbd)
    assert client.get(a2.get_absolute_url()).status_code == 200
    assert client.get(x1.get_absolute_url()).status_code == 404


def test_pus_page_of_other_area_is_404(client, users, area):
    client.force_login(users.sub_ppkbd)
    url = reverse("pendataan:pus_bulanan")
    assert client.get(url, {"wilayah": area.dusun_x1.pk}).status_code == 404
    assert client.get(url, {"wilayah": area.dusun_a2.pk}).status_code == 404


# --- register -----------------------------------------------------------------------------


def test_cadre_creates_family_member_and_mutation(client, users, area):
    client.force_login(users.sub_ppkbd)
    kk = no_kk_baru()
    resp = client.post(
        reverse("pendataan:keluarga_create"),
        {
            "no_kk": kk,
            "nama_kepala": "Baso Tiro",
            "dusun": area.dusun_a1.pk,
            "rt": "002",
            "alamat": "Jl. Poros",
            "lintang": "-5.2",
            "bujur": "119.45",
            **_ks_semua_ya(),
            "ks_8": "0",
        },
    )
    kel = Keluarga.objects.get()
    assert resp.status_code == 302 and resp["Location"] == kel.get_absolute_url()
    assert (kel.no_kk, kel.desa_id, kel.tahapan_ks) == (kk, area.desa_a.pk, "ks1")
    nik = nik_valid(jenis_kelamin="P", lahir=date(1992, 3, 4))
    resp = client.post(
        reverse("pendataan:anggota_create", args=[kel.pk]),
        {
            "nik": nik,
            "nama": "Hasnah",
            "jenis_kelamin": "P",
            "tanggal_lahir": "1992-03-04",
            "hubungan": 2,
            "status_kawin": 2,
        },
    )
    assert resp.status_code == 302
    w = Anggota.objects.get(keluarga=kel)
    resp = client.post(
        reverse("pendataan:mutasi_create", args=[w.pk]),
        {"jenis": 4, "tanggal": "2025-02-01", "keterangan": "ke Makassar"},
    )
    assert resp.status_code == 302
    assert Mutasi.objects.get(anggota=w).jenis == Mutasi.Jenis.PINDAH
    w.refresh_from_db()
    assert not w.aktif


def test_family_form_shows_errors_in_indonesian(client, users, area):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pendataan:keluarga_create"),
        {
            "no_kk": "12",
            "nama_kepala": "X",
            "dusun": area.dusun_x1.pk,
            "rt": "1",
            **_ks_semua_ya(),
        },
    )
    assert resp.status_code == 200
    assert "16 digit" in resp.content.decode()
    assert not Keluarga.objects.exists()


def test_family_list_search_by_full_nik_and_name(client, users, area):
    w = pus_buat(dusun=area.dusun_a1, nama="Rosmiati Caya")
    pus_buat(dusun=area.dusun_a1, nama="Hartati Lolo")
    client.force_login(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    cari_nik = client.get(url, {"q": w.nik}, follow=True)  # through the token address
    assert cari_nik.context["table"].paginator.count == 1
    assert client.get(url, {"q": "rosmiati"}).context["table"].paginator.count == 1
    cari_kk = client.get(url, {"q": w.keluarga.no_kk}, follow=True)
    assert cari_kk.context["table"].paginator.count == 1
    assert client.get(url, {"status_pus": "tanpa"}).context["table"].paginator.count == 2
    assert client.get(url, {"status_pus": "bukan"}).context["table"].paginator.count == 0


def test_family_list_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    client.force_login(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    for n in (5, 50):
        while Keluarga.objects.count() < n:
            pus_buat(dusun=area.dusun_a1)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


def test_family_list_rows_show_every_column_with_no_query_per_row(
    client, users, area, django_assert_max_num_queries
):
    """The list loads only the columns its table shows: each cell as the model gives it, and
    a deferred field read by a cell would show as one query per row."""
    for _ in range(30):
        pus_buat(dusun=area.dusun_a1)
    kel = keluarga_buat(dusun=area.dusun_a2, nama_kepala="Aaron Tiro", rt="007")
    client.force_login(users.dinas)
    url = reverse("pendataan:keluarga_list")
    with django_assert_max_num_queries(8):
        resp = client.get(url)
    baris = resp.context["table"].paginated_rows[0]
    assert baris.record.pk == kel.pk
    sel = dict(baris.items())
    nilai = {c.name: str(sel[c]) for c in sel}
    assert nilai["no_kk"] == kel.no_kk_samar
    assert (nilai["desa"], nilai["dusun"], nilai["rt"]) == ("Desa A", "A2", "007")
    assert nilai["tahapan_ks"] == kel.get_tahapan_ks_display()
    assert nilai["jumlah_anggota"] == "—"  # no member yet
    assert f'href="{kel.get_absolute_url()}"' in resp.content.decode()
    with django_assert_max_num_queries(8):
        assert client.get(url, {"q": "baso"}).status_code == 200


def test_full_nik_only_for_allowed_roles_and_logged(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    url = w.keluarga.get_absolute_url() + "?nik=1"
    client.force_login(users.sub_ppkbd)
    body = client.get(url).content.decode()
    assert w.nik not in body and w.nik_samar in body
    assert not AksesNik.objects.exists()
    client.force_login(users.penyuluh)
    assert w.nik in client.get(url).content.decode()
    assert AksesNik.objects.filter(user=users.penyuluh, keluarga=w.keluarga).count() == 1


def test_family_detail_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    w = pus_buat(dusun=area.dusun_a1)
    client.force_login(users.ppkbd)
    with django_assert_max_num_queries(14):
        assert client.get(w.keluarga.get_absolute_url()).status_code == 200


# --- monthly PUS page ---------------------------------------------------------------------


def test_pus_page_lists_own_dusun_and_saves_in_one_post(client, users, area, pus_a1):
    client.force_login(users.sub_ppkbd)
    url = reverse("pendataan:pus_bulanan")
    resp = client.get(url, {"bulan": "2025-03"})
    nama = [b.nama for b in resp.context["baris"]]
    assert sorted(nama) == ["Ibu A1-0", "Ibu A1-1", "Ibu A1-2"]
    a, b, c = pus_a1.a1
    data = {
        "wilayah": area.dusun_a1.pk,
        "bulan": "2025-03",
        f"s_{a.pk}": "IMPLAN",
        f"j_{a.pk}": "PEMERINTAH",
        f"b_{a.pk}": "1",
        f"s_{b.pk}": "IAT",
        f"j_{b.pk}": "",
        f"s_{c.pk}": "",
    }
    resp = client.post(url, data)
    assert resp.status_code == 302
    assert set(PerubahanStatus.objects.values_list("anggota_id", "status", "peserta_baru")) == {
        (a.pk, "IMPLAN", True),
        (b.pk, "IAT", False),
    }
    resp = client.get(url, {"bulan": "2025-03"})
    assert resp.context["ringkasan"] == {
        "pus": 3,
        "ber_kb": 1,
        "hamil": 0,
        "unmet": 1,
        "ias": 0,
        "tanpa_status": 1,
    }


def test_pus_page_errors_keep_input_and_write_nothing(client, users, area, pus_a1):
    client.force_login(users.sub_ppkbd)
    a, b, _ = pus_a1.a1
    resp = client.post(
        reverse("pendataan:pus_bulanan"),
        {
            "wilayah": area.dusun_a1.pk,
            "bulan": "2025-03",
            f"s_{a.pk}": "PIL",
            f"j_{a.pk}": "",
            f"s_{b.pk}": "HAMIL",
        },
    )
    assert resp.status_code == 400
    assert "Jalur" in resp.content.decode()
    assert not PerubahanStatus.objects.exists()


def test_pus_page_ignores_rows_outside_scope(client, users, area, pus_a1):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pendataan:pus_bulanan"),
        {
            "wilayah": area.dusun_a1.pk,
            "bulan": "2025-03",
            f"s_{pus_a1.x1.pk}": "IAS",
        },
    )
    assert resp.status_code == 302
    assert not PerubahanStatus.objects.exists()


def test_pus_page_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    client.force_login(users.ppkbd)
    url = reverse("pendataan:pus_bulanan")
    for n in (5, 50):
        while Anggota.objects.filter(jenis_kelamin="P").count() < n:
            pus_buat(dusun=area.dusun_a1)
        with django_assert_max_num_queries(14):
            assert client.get(url, {"bulan": "2025-03"}).status_code == 200


def test_pus_page_flags_new_user_and_earlier_status_in_one_statement(
    client, users, area, pus_a1, django_assert_max_num_queries
):
    """PB (flagged this month) and "no status" allowed only without an earlier status: read with
    the rows, in the same statement whatever the number of PUS."""
    a, b, c = pus_a1.a1
    pus = {w.pk: area.desa_a.pk for w in (a, b, c)}
    services.status_simpan_bulan(
        bulan=date(2025, 2, 1), pus=pus, isian={a.pk: services.Isian("PIL", "SWASTA")}
    )
    services.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus=pus,
        isian={b.pk: services.Isian("IMPLAN", "PEMERINTAH", peserta_baru=True)},
    )
    client.force_login(users.sub_ppkbd)
    url = reverse("pendataan:pus_bulanan")
    with django_assert_max_num_queries(6):
        resp = client.get(url, {"bulan": "2025-03"})
    baris = {r.anggota_id: r for r in resp.context["baris"]}
    assert [(baris[w.pk].pb, baris[w.pk].boleh_kosong) for w in (a, b, c)] == [
        (False, False),  # a status in February: "no status" may no longer be chosen
        (True, True),  # new user this month, nothing before
        (False, True),
    ]
    assert baris[b.pk].tersimpan == "IMPLAN|PEMERINTAH|1"
    assert baris[a.pk].tersimpan == "PIL|SWASTA|"
    for w in range(20):
        pus_buat(dusun=area.dusun_a1, nama=f"Ibu lain {w}")
    with django_assert_max_num_queries(6):
        assert len(client.get(url, {"bulan": "2025-03"}).context["baris"]) == 23


def test_blank_form_pdf(client, users, area, pus_a1):
    client.force_login(users.sub_ppkbd)
    resp = client.get(reverse("pendataan:pus_formulir"), {"bulan": "2025-03"})
    assert resp.status_code == 200
    assert resp.content[:4] == b"%PDF"


# --- maps and worklist --------------------------------------------------------------------


def test_map_data_and_family_grid(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    Keluarga.objects.filter(pk=w.keluarga_id).update(lintang=-5.2, bujur=119.5)
    services.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus={w.pk: area.desa_a.pk},
        isian={w.pk: services.Isian("IUD", "SWASTA")},
    )
    x = pus_buat(dusun=area.dusun_x1)
    Keluarga.objects.filter(pk=x.keluarga_id).update(lintang=-5.3, bujur=119.6)
    client.force_login(users.sub_ppkbd)
    data = client.get(reverse("pendataan:peta_data"), {"bulan": "2025-03"}).json()
    assert [t[2] for t in data["titik"]] == ["mkjp"]
    assert (
        client.get(reverse("pendataan:peta_data"), {"wilayah": area.dusun_x1.pk}).status_code == 404
    )
    resp = client.get(reverse("pendataan:peta_keluarga"), {"bulan": "2025-03"})
    assert resp.status_code == 200
    assert {k: n for k, _, _, _, n in resp.context["legenda"]}["mkjp"] == 1
    assert client.get(reverse("pendataan:peta")).status_code == 200


def test_desa_comparison_shades_weakest(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    pus_buat(
        dusun=area.desa_b.anak.create(
            kode="99.b.1", nama="B1", tingkat="dusun", desa=area.desa_b, kecamatan=area.kec_k
        )
    )
    services.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus={w.pk: area.desa_a.pk},
        isian={w.pk: services.Isian("PIL", "SWASTA")},
    )
    client.force_login(users.koordinator)
    resp = client.get(
        reverse("pendataan:perbandingan_desa"), {"wilayah": area.kec_k.pk, "bulan": "2025-03"}
    )
    baris = {b["desa"].nama: b for b in resp.context["baris"]}
    assert baris["Desa A"]["cpr"] == 100 and not baris["Desa A"]["lemah_cpr"]
    assert baris["Desa B"]["lemah_cpr"]
    # A penyuluh sees no kecamatan: the comparison covers the desa binaan only.
    client.force_login(users.penyuluh)
    resp = client.get(reverse("pendataan:perbandingan_desa"), {"bulan": "2025-03"})
    assert [b["desa"].nama for b in resp.context["baris"]] == ["Desa A"]


def test_worklist_orders_by_urgency_and_exports_xlsx(client, users, area):
    muda = pus_buat(dusun=area.dusun_a1, lahir=date(2007, 1, 1), nama="Muda")
    tial = pus_buat(dusun=area.dusun_a1, nama="Tial")
    pil = pus_buat(dusun=area.dusun_a1, nama="Pil")
    pus = {w.pk: area.desa_a.pk for w in (muda, tial, pil)}
    services.status_simpan_bulan(
        bulan=date(2025, 3, 1),
        pus=pus,
        isian={
            tial.pk: services.Isian("TIAL"),
            pil.pk: services.Isian("PIL", "SWASTA"),
            muda.pk: services.Isian("IAT"),
        },
    )
    client.force_login(users.sub_ppkbd)
    url = reverse("pendataan:sasaran")
    resp = client.get(url, {"bulan": "2025-03"})
    daftar = [(x["kode"], x["nama"]) for x in resp.context["daftar"]]
    assert daftar == [
        ("unmet", "Muda"),
        ("unmet", "Tial"),
        ("empat_terlalu", "Muda"),
        ("pasokan", "Pil"),
    ]
    resp = client.get(url, {"bulan": "2025-03", "format": "xlsx"})
    assert resp.status_code == 200 and resp.content[:2] == b"PK"


def test_import_list_query_count_is_flat(client, users, django_assert_max_num_queries):
    client.force_login(users.ppkbd)
    for n in (5, 50):
        while Impor.objects.count() < n:
            Impor.objects.create(
                jenis="keluarga", nama_berkas="k.csv", berkas="impor/k.csv", oleh=users.ppkbd
            )
        with django_assert_max_num_queries(10):
            assert client.get(reverse("pendataan:impor_list")).status_code == 200


def test_worklist_and_grid_query_count_is_flat(client, users, area, django_assert_max_num_queries):
    client.force_login(users.sub_ppkbd)
    for n in (5, 50):
        while Anggota.objects.filter(jenis_kelamin="P").count() < n:
            pus_buat(dusun=area.dusun_a1, lahir=date(2008, 1, 1))
        # 13: the PUP marriages of the last 12 months are one query more (issue 12 §2).
        with django_assert_max_num_queries(13):
            assert client.get(reverse("pendataan:sasaran"), {"bulan": "2025-03"}).status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get(reverse("pendataan:peta_keluarga")).status_code == 200


def test_home_card_counts_own_area(client, users, area, pus_a1):
    client.force_login(users.sub_ppkbd)
    body = client.get(reverse("beranda")).content.decode()
    assert "Isi status KB bulan ini" in body
    # Three PUS in A1, all without status (the A2 and X1 PUS are not hers).
    assert re.search(r">3</div><small class=\"text-muted\">PUS<", body)
    assert re.search(r">3</div><small class=\"text-muted\">Tanpa status<", body)
    client.force_login(users.dinas)
    assert client.get(reverse("beranda")).status_code == 200


def test_detail_shows_derived_change_kinds(client, users, area):
    w = pus_buat(dusun=area.dusun_a1)
    pus = {w.pk: area.desa_a.pk}
    for bulan, isian in (
        (date(2025, 1, 1), services.Isian("PIL", "SWASTA", True)),
        (date(2025, 2, 1), services.Isian("SUNTIK", "SWASTA")),
        (date(2025, 3, 1), services.Isian("HAMIL")),
    ):
        services.status_simpan_bulan(bulan=bulan, pus=pus, isian={w.pk: isian})
    client.force_login(users.sub_ppkbd)
    body = client.get(w.keluarga.get_absolute_url()).content.decode()
    assert "PIL (PB)" in body and "SUNTIK (ganti cara)" in body and "HAMIL (drop out)" in body


def test_home_card_for_dinas_points_to_the_dashboard_without_fill_button(client, users):
    client.force_login(users.dinas)
    body = client.get(reverse("beranda")).content.decode()
    assert "dasbor laporan" in body and "Isi status KB bulan ini" not in body


def test_family_list_markup_filter_error_and_rows(client, users, area):
    """The filter card and the table rows are written by imp_smart/templatetags/daftar.py: a bad
    filter value is shown on its field in Indonesian, cells keep their column classes and names
    are escaped."""
    keluarga_buat(dusun=area.dusun_a1, nama_kepala="Daeng <b>Ngai</b>")
    client.force_login(users.ppkbd)
    url = reverse("pendataan:keluarga_list")
    body = client.get(url, {"dusun": "bukan-angka"}).content.decode()
    assert 'class="form-select is-invalid"' in body
    galat = 'id="id_dusun_error" class="invalid-feedback d-block">Masukkan pilihan yang valid'
    assert galat in body
    body = client.get(url).content.decode()
    assert "Daeng &lt;b&gt;Ngai&lt;/b&gt;" in body and "<b>Ngai" not in body
    assert re.search(r'<tr class="even"><td ><a href="/pendataan/keluarga/\d+/">Daeng', body)
    assert '<td class="d-md-table-cell d-none nik">' in body
    assert '<label class="form-label small mb-1" for="id_q">' in body


def test_yes_no_filters_offer_semua_not_tidak_diketahui(client, users):
    client.force_login(users.dinas)
    body = client.get(reverse("kader:institusi_list"), {"aktif": "false"}).content.decode()
    assert '<option value="unknown">Semua</option>' in body
    assert '<option value="false" selected>Tidak</option>' in body
    assert "Tidak diketahui" not in body
