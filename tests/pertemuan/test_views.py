"""Every pertemuan page: anonymous → login, no permission → 403, another area → 404."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DAFTAR = [
    "pertemuan:list",
    "pertemuan:create",
    "pertemuan:jadwal",
    "pertemuan:tindak_lanjut_list",
    "pertemuan:kie_list",
    "pertemuan:kie_create",
    "pertemuan:konseling_list",
    "pertemuan:konseling_cari",
    "pertemuan:konseling_jatuh_tempo",
    "pertemuan:konversi",
    "pertemuan:poktan_list",
    "pertemuan:poktan_create",
    "pertemuan:pelatihan_list",
    "pertemuan:belum_dilatih",
]

# (url name, attribute of the in-scope object, attribute of the out-of-scope object)
OBJEK = [
    ("pertemuan:detail", "pertemuan"),
    ("pertemuan:update", "pertemuan"),
    ("pertemuan:kehadiran", "pertemuan"),
    ("pertemuan:masalah_tambah", "pertemuan"),
    ("pertemuan:foto_tambah", "pertemuan"),
    ("pertemuan:tindak_lanjut_ubah", "tl"),
    ("pertemuan:kie_detail", "kie"),
    ("pertemuan:kie_update", "kie"),
    ("pertemuan:konseling_detail", "konseling"),
    ("pertemuan:konseling_update", "konseling"),
    ("pertemuan:poktan_detail", "poktan"),
    ("pertemuan:poktan_update", "poktan"),
    ("pertemuan:poktan_anggota_tambah", "poktan"),
    ("pertemuan:poktan_kegiatan_tambah", "poktan"),
    ("pertemuan:pelatihan_detail", "pelatihan"),
    ("pertemuan:peserta_tambah", "pelatihan"),
    ("pertemuan:peserta_nilai", "peserta"),
]
# Pages that ppkbd may open (pelatihan writes belong to penyuluh and up).
PPKBD_TIDAK = {"pertemuan:peserta_tambah", "pertemuan:peserta_nilai"}


@pytest.mark.parametrize("nama", DAFTAR)
def test_pages_anonymous_redirects_to_login(client, nama):
    resp = client.get(reverse(nama))
    assert resp.status_code == 302 and reverse("login") in resp.url


@pytest.mark.parametrize("nama", DAFTAR)
def test_pages_without_permission_are_403(client, tanpa_izin, nama):
    client.force_login(tanpa_izin)
    assert client.get(reverse(nama)).status_code == 403


@pytest.mark.parametrize("nama", DAFTAR)
def test_pages_open_for_ppkbd(client, users, objek, nama):
    client.force_login(users.ppkbd)
    assert client.get(reverse(nama)).status_code == 200


@pytest.mark.parametrize(("nama", "attr"), OBJEK)
def test_object_pages_scope(client, users, objek, nama, attr):
    client.force_login(users.penyuluh if nama in PPKBD_TIDAK else users.ppkbd)
    sendiri = getattr(objek, f"{attr}_a").pk
    lain = getattr(objek, f"{attr}_x").pk
    assert client.get(reverse(nama, args=[sendiri])).status_code == 200
    assert client.get(reverse(nama, args=[lain])).status_code == 404


@pytest.mark.parametrize(("nama", "attr"), OBJEK)
def test_object_pages_anonymous_and_no_permission(client, tanpa_izin, objek, nama, attr):
    url = reverse(nama, args=[getattr(objek, f"{attr}_a").pk])
    assert reverse("login") in client.get(url).url
    client.force_login(tanpa_izin)
    assert client.get(url).status_code == 403


def test_ppkbd_cannot_add_training_participants(client, users, objek):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:peserta_tambah", args=[objek.pelatihan_a.pk])
    assert client.get(url).status_code == 403


def test_dinas_sees_other_areas(client, users, objek):
    client.force_login(users.dinas)
    assert client.get(reverse("pertemuan:detail", args=[objek.pertemuan_x.pk])).status_code == 200


@pytest.mark.parametrize(
    "nama",
    [
        "pertemuan:list",
        "pertemuan:kie_list",
        "pertemuan:konseling_list",
        "pertemuan:poktan_list",
        "pertemuan:pelatihan_list",
        "pertemuan:tindak_lanjut_list",
        "pertemuan:belum_dilatih",
    ],
)
def test_lists_export_xlsx(client, users, objek, nama):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users.ppkbd)
    resp = client.get(reverse(nama), {"ekspor": "xlsx"})
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(resp.content)).active
    assert ws.max_row >= 2  # header + the in-scope row(s)


def test_xlsx_shows_choice_labels_and_typed_values(client, users, objek):
    from datetime import date
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:kie_list"), {"ekspor": "xlsx"})
    ws = load_workbook(BytesIO(resp.content)).active
    kepala = [c.value for c in ws[1]]
    baris = dict(zip(kepala, [c.value for c in ws[2]], strict=True))
    assert baris["Topik"] == "Pendewasaan usia perkawinan (PUP)"
    assert baris["Tanggal"].date() == date(2025, 3, 12) and baris["L"] == 5


def test_filter_select_keeps_the_chosen_option(client, users, area, objek):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:list"), {"institusi": area.ppkbd_a.pk})
    html = resp.content.decode()
    assert f'<option value="{area.ppkbd_a.pk}" selected>' in html
    assert f'value="{area.ppkbd_x.pk}"' not in html  # out-of-scope institutions are not offered
    assert list(resp.context["table"].data) == [objek.pertemuan_a]


def test_meetings_and_trainings_above_are_read_only_for_those_below(client, users, area):
    """A Sub-PPKBD reads its desa's meeting, a PPKBD its kecamatan's meeting and training: in
    the list, the detail and the coming-meetings page, without edit buttons; editing is 404."""
    from tests.pertemuan.factories import PelatihanFactory, PertemuanFactory

    desa = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, judul="Rapat PPKBD Melati")
    kec = PertemuanFactory(wilayah=area.kec_k, judul="Rakor kecamatan K")
    lain = PertemuanFactory(wilayah=area.kec_l, judul="Rakor kecamatan L")
    latih = PelatihanFactory(wilayah=area.kec_k, judul="Upgrading kader K")
    for user, terlihat in ((users.sub_ppkbd, [desa, kec]), (users.ppkbd, [desa, kec])):
        client.force_login(user)
        daftar = client.get(reverse("pertemuan:list")).content.decode()
        for p in terlihat:
            assert p.judul in daftar
            body = client.get(p.get_absolute_url()).content.decode()
            boleh = p.wilayah_id in (area.desa_a.pk,) and user == users.ppkbd
            assert (reverse("pertemuan:update", args=[p.pk]) in body) == boleh
        assert lain.judul not in daftar
        assert client.get(lain.get_absolute_url()).status_code == 404
        assert client.get(reverse("pertemuan:update", args=[kec.pk])).status_code == 404
        assert client.get(reverse("pertemuan:kehadiran", args=[kec.pk])).status_code == 404
        assert (
            "Upgrading kader K" in client.get(reverse("pertemuan:pelatihan_list")).content.decode()
        )
        body = client.get(latih.get_absolute_url()).content.decode()
        assert reverse("pertemuan:pelatihan_update", args=[latih.pk]) not in body
        assert client.get(reverse("pertemuan:pelatihan_update", args=[latih.pk])).status_code in (
            403,
            404,
        )
    client.force_login(users.koordinator)
    body = client.get(kec.get_absolute_url()).content.decode()
    assert reverse("pertemuan:update", args=[kec.pk]) in body  # the organisers edit it
