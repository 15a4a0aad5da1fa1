"""Programme activities (pertemuan/models/program.py): sosialisasi, KB service events and their
acceptors, partners of activities, community groups. Every page: anonymous → login, no
permission → 403, another area → 404; happy paths check the database."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from kader.models import Mitra
from pendataan.models import PerubahanStatus
from pertemuan import selectors_program, services_program
from pertemuan.models import (
    AkseptorPelayanan,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    Sosialisasi,
)
from tests.factories import KaderFactory, MitraFactory
from tests.pertemuan.factories import PertemuanFactory, SesiKIEFactory, pus

pytestmark = pytest.mark.django_db

HARI = date(2025, 3, 12)


def _sosialisasi(wilayah, **kw):
    data = {
        "jenis": "eksternal",
        "judul": "Sosialisasi KB",
        "tanggal": HARI,
        "wilayah": wilayah,
        "sasaran": "kua",
        "jumlah_terjangkau": 40,
    }
    return Sosialisasi.objects.create(**{**data, **kw})


def _pelayanan(wilayah, **kw):
    data = {
        "jenis": "bakti_tni",
        "judul": "Bakti TNI KB-Kes",
        "tanggal": HARI,
        "wilayah": wilayah,
        "tempat": "Balai desa",
    }
    return PelayananKB.objects.create(**{**data, **kw})


@pytest.fixture
def prog(area):
    class P:
        pass

    p = P()
    p.kader_a = KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati")
    p.kader_x = KaderFactory(institusi=area.ppkbd_x, nama="Kader Anggrek")
    p.mitra_a = MitraFactory(wilayah=area.desa_a, nama="PKK Desa A", jenis=Mitra.Jenis.PKK)
    p.mitra_k = MitraFactory(wilayah=area.kec_k, nama="Puskesmas K", jenis=Mitra.Jenis.DINKES)
    p.mitra_x = MitraFactory(wilayah=area.desa_x, nama="PKK Desa X", jenis=Mitra.Jenis.PKK)
    p.sosialisasi = _sosialisasi(area.desa_a)
    p.sosialisasi_x = _sosialisasi(area.desa_x)
    p.pelayanan = _pelayanan(area.desa_a)
    p.pelayanan_x = _pelayanan(area.desa_x)
    p.kelompok = KelompokMasyarakat.objects.create(
        nama="Majelis Taklim Al-Ikhlas",
        jenis="majelis_taklim",
        wilayah=area.dusun_a1,
        jumlah_anggota=25,
        tanggal_mulai=date(2024, 6, 1),
        institusi_asal=area.ppkbd_a,
        kader=p.kader_a,
    )
    p.kelompok_x = KelompokMasyarakat.objects.create(
        nama="Remaja X",
        jenis="remaja",
        wilayah=area.desa_x,
        jumlah_anggota=12,
        tanggal_mulai=date(2024, 6, 1),
        institusi_asal=area.ppkbd_x,
    )
    p.akseptor = AkseptorPelayanan.objects.create(
        pelayanan=p.pelayanan, metode="SUNTIK", jumlah=3, kader=p.kader_a
    )
    p.akseptor_x = AkseptorPelayanan.objects.create(pelayanan=p.pelayanan_x, metode="PIL", jumlah=2)
    return p


DAFTAR = [
    "pertemuan:sosialisasi_list",
    "pertemuan:sosialisasi_create",
    "pertemuan:pelayanan_list",
    "pertemuan:pelayanan_create",
    "pertemuan:kelompok_list",
    "pertemuan:kelompok_create",
    "pertemuan:kelompok_pohon",
]
OBJEK = [
    ("pertemuan:sosialisasi_detail", "sosialisasi"),
    ("pertemuan:sosialisasi_update", "sosialisasi"),
    ("pertemuan:sosialisasi_foto_tambah", "sosialisasi"),
    ("pertemuan:pelayanan_detail", "pelayanan"),
    ("pertemuan:pelayanan_update", "pelayanan"),
    ("pertemuan:akseptor_anonim", "pelayanan"),
    ("pertemuan:akseptor_cari", "pelayanan"),
    ("pertemuan:kelompok_detail", "kelompok"),
    ("pertemuan:kelompok_update", "kelompok"),
]


@pytest.mark.parametrize("nama", DAFTAR)
def test_lists_anonymous_login_no_permission_403_ppkbd_200(client, tanpa_izin, users, nama):
    url = reverse(nama)
    resp = client.get(url)
    assert resp.status_code == 302 and "/akun/masuk/" in resp.url
    client.force_login(tanpa_izin)
    assert client.get(url).status_code == 403
    client.force_login(users.ppkbd)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("nama,attr", OBJEK)
def test_object_pages_scope(client, users, tanpa_izin, prog, nama, attr):
    dalam = reverse(nama, args=[getattr(prog, attr).pk])
    luar = reverse(nama, args=[getattr(prog, f"{attr}_x").pk])
    assert client.get(dalam).status_code == 302
    client.force_login(tanpa_izin)
    assert client.get(dalam).status_code == 403
    client.force_login(users.ppkbd)
    assert client.get(dalam).status_code == 200
    assert client.get(luar).status_code == 404


@pytest.mark.parametrize("jenis", ["pertemuan", "kie", "sosialisasi", "pelayanan"])
def test_mitra_kegiatan_page_scope(client, users, tanpa_izin, area, prog, jenis):
    dalam = {
        "pertemuan": PertemuanFactory(wilayah=area.desa_a),
        "kie": SesiKIEFactory(wilayah=area.desa_a),
        "sosialisasi": prog.sosialisasi,
        "pelayanan": prog.pelayanan,
    }[jenis]
    luar = {
        "pertemuan": PertemuanFactory(wilayah=area.desa_x),
        "kie": SesiKIEFactory(wilayah=area.desa_x),
        "sosialisasi": prog.sosialisasi_x,
        "pelayanan": prog.pelayanan_x,
    }[jenis]
    url = reverse("pertemuan:mitra_kegiatan", args=[jenis, dalam.pk])
    assert client.get(url).status_code == 302
    client.force_login(tanpa_izin)
    assert client.get(url).status_code == 403
    client.force_login(users.ppkbd)
    assert client.get(url).status_code == 200
    assert client.get(reverse("pertemuan:mitra_kegiatan", args=[jenis, luar.pk])).status_code == 404
    assert client.get(reverse("pertemuan:mitra_kegiatan", args=["lain", 1])).status_code == 404


def test_sub_ppkbd_reads_sosialisasi_but_may_not_record_it(client, users, prog):
    client.force_login(users.sub_ppkbd)
    assert client.get(reverse("pertemuan:sosialisasi_list")).status_code == 200
    assert client.get(reverse("pertemuan:sosialisasi_create")).status_code == 403
    assert client.get(reverse("pertemuan:pelayanan_create")).status_code == 200


def test_dinas_sees_every_area(client, users, prog):
    client.force_login(users.dinas)
    for url in (
        reverse("pertemuan:sosialisasi_detail", args=[prog.sosialisasi_x.pk]),
        reverse("pertemuan:pelayanan_detail", args=[prog.pelayanan_x.pk]),
        reverse("pertemuan:kelompok_detail", args=[prog.kelompok_x.pk]),
    ):
        assert client.get(url).status_code == 200


# --- sosialisasi -----------------------------------------------------------------------------


def test_sosialisasi_create_saves_and_goes_to_partners(client, users, area):
    client.force_login(users.penyuluh)
    resp = client.post(
        reverse("pertemuan:sosialisasi_create"),
        {
            "jenis": "eksternal",
            "judul": "Advokasi KB ke KUA",
            "tanggal": "2025-03-10",
            "wilayah": area.desa_a.pk,
            "tempat": "Kantor KUA",
            "sasaran": "kua",
            "uraian_sasaran": "Kepala KUA dan penghulu",
            "jumlah_terjangkau": "18",
            "catatan": "",
        },
    )
    s = Sosialisasi.objects.get(judul="Advokasi KB ke KUA")
    assert resp.status_code == 302
    assert resp.url == reverse("pertemuan:mitra_kegiatan", args=["sosialisasi", s.pk])
    assert (s.wilayah, s.jumlah_terjangkau, s.dibuat_oleh) == (area.desa_a, 18, users.penyuluh)


def test_sosialisasi_bad_code_and_other_area_refused(client, users, area):
    client.force_login(users.ppkbd)
    data = {
        "jenis": "<script>",
        "judul": "X",
        "tanggal": "2025-03-10",
        "wilayah": area.desa_x.pk,
        "sasaran": "kua",
        "jumlah_terjangkau": "-1",
    }
    resp = client.post(reverse("pertemuan:sosialisasi_create"), data)
    assert resp.status_code == 200
    form = resp.context["form"]
    assert set(form.errors) >= {"jenis", "wilayah", "jumlah_terjangkau"}
    assert not Sosialisasi.objects.filter(judul="X").exists()


def test_sosialisasi_internal_is_for_units_of_the_dinas(users, area):
    with pytest.raises(ValidationError) as e:
        services_program.sosialisasi_simpan(
            jenis="internal",
            judul="Rapat",
            tanggal=HARI,
            wilayah=area.kec_k,
            sasaran="kua",
            jumlah_terjangkau=5,
        )
    assert "sasaran" in e.value.message_dict


def test_database_refuses_unknown_codes(area):
    with pytest.raises(IntegrityError), transaction.atomic():
        Sosialisasi.objects.create(
            jenis="lain",
            judul="x",
            tanggal=HARI,
            wilayah=area.desa_a,
            sasaran="kua",
            jumlah_terjangkau=1,
        )
    p = _pelayanan(area.desa_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        AkseptorPelayanan.objects.create(pelayanan=p, metode="HAMIL", jumlah=1)


def _jpeg() -> BytesIO:
    b = BytesIO()
    Image.new("RGB", (40, 30), "red").save(b, format="JPEG")
    b.seek(0)
    b.name = "foto.jpg"
    return b


def test_sosialisasi_photo_upload_served_in_scope_only(client, users, prog, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:sosialisasi_foto_tambah", args=[prog.sosialisasi.pk])
    resp = client.post(url, {"berkas": _jpeg(), "keterangan": "Pembukaan"})
    assert resp.status_code == 302
    foto = prog.sosialisasi.foto.get()
    assert foto.keterangan == "Pembukaan"
    resp = client.get(reverse("pertemuan:sosialisasi_foto", args=[foto.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == "image/jpeg"
    client.force_login(users.dinas)
    assert client.get(reverse("pertemuan:sosialisasi_foto", args=[foto.pk])).status_code == 200
    from tests.factories import UserFactory

    luar = UserFactory(username="u_luar", peran="ppkbd", wilayah=prog.sosialisasi_x.wilayah)
    client.force_login(luar)
    assert client.get(reverse("pertemuan:sosialisasi_foto", args=[foto.pk])).status_code == 404
    # not an image: refused on the field, nothing stored
    client.force_login(users.ppkbd)
    bukan = BytesIO(b"bukan gambar")
    bukan.name = "x.jpg"
    resp = client.post(url, {"berkas": bukan})
    assert resp.status_code == 200 and "berkas" in resp.context["form"].errors
    assert prog.sosialisasi.foto.count() == 1


# --- KB service events -----------------------------------------------------------------------


def test_pelayanan_create_and_anonymous_acceptors_by_method(client, users, area, prog):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:pelayanan_create"),
        {
            "jenis": "bakti_tni",
            "judul": "Bakti TNI KB-Kes 2025",
            "tanggal": "2025-03-15",
            "wilayah": area.dusun_a2.pk,
            "tempat": "Posyandu A2",
        },
    )
    p = PelayananKB.objects.get(judul="Bakti TNI KB-Kes 2025")
    assert resp.status_code == 302 and p.dibuat_oleh == users.ppkbd
    url = reverse("pertemuan:akseptor_anonim", args=[p.pk])
    resp = client.post(url, {"kader": prog.kader_a.pk, "metode_IMPLAN": "4", "metode_IUD": "2"})
    assert resp.status_code == 302
    resp = client.post(url, {"kader": prog.kader_a.pk, "metode_IMPLAN": "1"})
    rows = {(a.metode, a.jumlah, a.kader_id) for a in p.akseptor.all()}
    assert rows == {("IMPLAN", 5, prog.kader_a.pk), ("IUD", 2, prog.kader_a.pk)}
    ringkas = selectors_program.akseptor_ringkas(pelayanan=p)
    assert ringkas["total"] == 7
    assert ringkas["per_metode"] == [("IUD", 2), ("IMPLAN", 5)]  # report order


def test_anonymous_acceptors_bad_input_writes_nothing(client, users, prog):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:akseptor_anonim", args=[prog.pelayanan.pk])
    sebelum = AkseptorPelayanan.objects.count()
    resp = client.post(url, {"metode_IUD": "0"})
    assert resp.status_code == 200 and resp.context["form"].non_field_errors()
    resp = client.post(url, {"metode_IUD": "2", "metode_PIL": "-3"})
    assert "metode_PIL" in resp.context["form"].errors
    resp = client.post(url, {"metode_IUD": "2", "kader": prog.kader_x.pk})
    assert "kader" in resp.context["form"].errors
    assert AkseptorPelayanan.objects.count() == sebelum
    with pytest.raises(ValidationError):
        services_program.akseptor_anonim_simpan(
            pelayanan=prog.pelayanan, jumlah_per_metode={"IUD": 1, "HAMIL": 2}
        )
    assert AkseptorPelayanan.objects.count() == sebelum


def test_register_acceptor_writes_pb_status_through_pendataan(client, users, area, prog):
    ibu = pus(dusun=area.dusun_a1, nama="Ibu Salmah")
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:akseptor_cari", args=[prog.pelayanan.pk]), {"q": "salmah"})
    assert list(resp.context["hasil"]) == [ibu]
    url = reverse("pertemuan:akseptor_register", args=[prog.pelayanan.pk])
    resp = client.post(
        f"{url}?anggota={ibu.pk}", {"anggota": ibu.pk, "metode": "IMPLAN", "kader": prog.kader_a.pk}
    )
    assert resp.status_code == 302
    a = AkseptorPelayanan.objects.get(anggota=ibu)
    ps = PerubahanStatus.objects.get(anggota=ibu)
    assert (ps.bulan, ps.status, ps.peserta_baru, ps.jalur) == (
        date(2025, 3, 1),
        "IMPLAN",
        True,
        "PEMERINTAH",
    )
    assert a.perubahan_status == ps and a.jumlah == 1 and a.kader == prog.kader_a
    # twice: refused, nothing new
    resp = client.post(f"{url}?anggota={ibu.pk}", {"anggota": ibu.pk, "metode": "IMPLAN"})
    assert resp.status_code == 200
    assert AkseptorPelayanan.objects.filter(anggota=ibu).count() == 1


def test_register_acceptor_from_another_desa_is_not_offered(client, users, area, prog):
    ibu_x = pus(dusun=area.dusun_x1, nama="Ibu Luar")
    client.force_login(users.dinas)
    url = reverse("pertemuan:akseptor_register", args=[prog.pelayanan.pk])
    resp = client.post(f"{url}?anggota={ibu_x.pk}", {"anggota": ibu_x.pk, "metode": "PIL"})
    assert resp.status_code == 200  # refused on the form: she is not of this desa
    assert resp.context["form"].errors
    assert not AkseptorPelayanan.objects.filter(anggota=ibu_x).exists()
    assert not PerubahanStatus.objects.filter(anggota=ibu_x).exists()
    with pytest.raises(ValidationError):
        services_program.akseptor_register_simpan(
            pelayanan=prog.pelayanan, anggota=ibu_x, metode="PIL"
        )
    assert not PerubahanStatus.objects.filter(anggota=ibu_x).exists()


def test_acceptor_delete_in_scope(client, users, prog):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:akseptor_hapus", args=[prog.akseptor_x.pk])
    assert client.post(url).status_code == 404
    assert client.post(reverse("pertemuan:akseptor_hapus", args=[prog.akseptor.pk])).status_code
    assert not AkseptorPelayanan.objects.filter(pk=prog.akseptor.pk).exists()
    client.force_login(users.sub_ppkbd)  # dusun A1: the desa event is not hers
    assert client.post(url).status_code == 404


def test_program_desa_counts_month_per_desa(area, prog):
    _pelayanan(area.dusun_a1, tanggal=date(2025, 3, 31))
    _pelayanan(area.desa_a, tanggal=date(2025, 4, 1))
    AkseptorPelayanan.objects.create(pelayanan=prog.pelayanan, metode="IUD", jumlah=2)
    _sosialisasi(area.kec_k)  # kecamatan level: in no desa
    hasil = selectors_program.program_desa(
        bulan=date(2025, 3, 1), desa_ids=[area.desa_a.pk, area.desa_b.pk, area.desa_x.pk]
    )
    assert hasil[area.desa_a.pk] == {"pelayanan_kb": 2, "akseptor_dilayani": 5, "sosialisasi": 1}
    assert hasil[area.desa_b.pk] == {"pelayanan_kb": 0, "akseptor_dilayani": 0, "sosialisasi": 0}
    assert hasil[area.desa_x.pk] == {"pelayanan_kb": 1, "akseptor_dilayani": 2, "sosialisasi": 1}


# --- partners --------------------------------------------------------------------------------


def _formset(baris):
    data = {
        "mitra-TOTAL_FORMS": str(len(baris)),
        "mitra-INITIAL_FORMS": "0",
        "mitra-MIN_NUM_FORMS": "0",
        "mitra-MAX_NUM_FORMS": "40",
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"mitra-{i}-{k}"] = v
    return data


def test_partners_of_a_service_event_saved_and_listed_on_partner_page(client, users, prog):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:mitra_kegiatan", args=["pelayanan", prog.pelayanan.pk])
    resp = client.post(
        url,
        _formset(
            [
                {"mitra": prog.mitra_a.pk, "peran": "mobilisasi", "jumlah_akseptor": "6"},
                {"mitra": prog.mitra_k.pk, "peran": "tenaga_medis", "jumlah_terjangkau": "30"},
                {"mitra": "", "peran": "hadir"},
            ]
        ),
    )
    assert resp.status_code == 302
    rows = {
        (k.mitra_id, k.peran, k.jumlah_terjangkau, k.jumlah_akseptor)
        for k in KeterlibatanMitra.objects.filter(pelayanan=prog.pelayanan)
    }
    assert rows == {(prog.mitra_a.pk, "mobilisasi", 0, 6), (prog.mitra_k.pk, "tenaga_medis", 30, 0)}
    # the same partner at a sosialisasi of 2024
    lama = _sosialisasi(prog.sosialisasi.wilayah, tanggal=date(2024, 8, 1))
    KeterlibatanMitra.objects.create(
        mitra=prog.mitra_a, sosialisasi=lama, peran="narasumber", jumlah_terjangkau=50
    )
    resp = client.get(reverse("kader:mitra_detail", args=[prog.mitra_a.pk]))
    teks = resp.content.decode()
    assert "Kontribusi mitra" in teks and "Bakti TNI KB-Kes" in teks
    k = selectors_program.kontribusi_mitra(mitra=prog.mitra_a, user=users.ppkbd)
    assert [
        (t["tahun"], t["kegiatan"], t["terjangkau"], t["akseptor"]) for t in k["per_tahun"]
    ] == [
        (2025, 1, 0, 6),
        (2024, 1, 50, 0),
    ]


def test_partner_outside_the_users_areas_is_refused(client, users, prog):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:mitra_kegiatan", args=["sosialisasi", prog.sosialisasi.pk])
    KeterlibatanMitra.objects.create(mitra=prog.mitra_a, sosialisasi=prog.sosialisasi, peran="dana")
    resp = client.post(url, _formset([{"mitra": prog.mitra_x.pk, "peran": "hadir"}]))
    assert resp.status_code == 200
    resp = client.post(url, _formset([{"mitra": prog.mitra_a.pk, "peran": "bos"}]))
    assert resp.status_code == 200
    dua = [{"mitra": prog.mitra_a.pk, "peran": "hadir"}] * 2
    resp = client.post(url, _formset(dua))
    assert resp.status_code == 200 and resp.context["formset"].non_form_errors()
    # the earlier row is untouched
    assert list(KeterlibatanMitra.objects.values_list("mitra_id", "peran")) == [
        (prog.mitra_a.pk, "dana")
    ]


def test_partner_contribution_scoped_to_what_the_user_reads(users, area, prog):
    KeterlibatanMitra.objects.create(
        mitra=prog.mitra_k, pelayanan=prog.pelayanan_x, peran="tenaga_medis", jumlah_akseptor=9
    )
    KeterlibatanMitra.objects.create(
        mitra=prog.mitra_k, pelayanan=prog.pelayanan, peran="tenaga_medis", jumlah_akseptor=4
    )
    assert (
        selectors_program.kontribusi_mitra(mitra=prog.mitra_k, user=users.ppkbd)["per_tahun"][0][
            "akseptor"
        ]
        == 4
    )
    assert (
        selectors_program.kontribusi_mitra(mitra=prog.mitra_k, user=users.dinas)["per_tahun"][0][
            "akseptor"
        ]
        == 13
    )


# --- snowball community groups ---------------------------------------------------------------


def test_group_grown_from_a_group_keeps_the_root_institution(client, users, area, prog):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pertemuan:kelompok_create"),
        {
            "nama": "Arisan Ibu A1",
            "jenis": "arisan",
            "wilayah": area.dusun_a1.pk,
            "jumlah_anggota": "15",
            "tanggal_mulai": "2025-01-05",
            "induk": prog.kelompok.pk,
            "aktif": "on",
        },
    )
    assert resp.status_code == 302, resp.context["form"].errors
    k = KelompokMasyarakat.objects.get(nama="Arisan Ibu A1")
    assert (k.induk, k.institusi_asal) == (prog.kelompok, area.ppkbd_a)
    cucu = services_program.kelompok_simpan(
        nama="Remaja Masjid",
        jenis="remaja",
        wilayah=area.dusun_a1,
        jumlah_anggota=10,
        tanggal_mulai=date(2025, 2, 1),
        induk=k,
    )
    # a cycle is refused: the root cannot grow from its grandchild
    with pytest.raises(ValidationError) as e:
        services_program.kelompok_simpan(
            kelompok=prog.kelompok,
            nama=prog.kelompok.nama,
            jenis="majelis_taklim",
            wilayah=area.dusun_a1,
            jumlah_anggota=25,
            tanggal_mulai=date(2024, 6, 1),
            induk=cucu,
        )
    assert "induk" in e.value.message_dict
    pohon = selectors_program.pohon_kelompok(user=users.dinas)
    melati = next(p for p in pohon if p["institusi"] == area.ppkbd_a)
    baris = selectors_program.ratakan_pohon(melati["akar"])
    assert [(n["kelompok"].nama, n["kedalaman"]) for n in baris] == [
        ("Majelis Taklim Al-Ikhlas", 0),
        ("Arisan Ibu A1", 1),
        ("Remaja Masjid", 2),
    ]
    assert (melati["jumlah"], melati["anggota"]) == (3, 50)
    client.force_login(users.dinas)
    teks = client.get(reverse("pertemuan:kelompok_pohon")).content.decode()
    assert "Remaja Masjid" in teks and "Remaja X" in teks


def test_group_of_another_kecamatan_refused(users, area, prog):
    with pytest.raises(ValidationError) as e:
        services_program.kelompok_simpan(
            nama="Salah",
            jenis="arisan",
            wilayah=area.desa_x,
            jumlah_anggota=3,
            tanggal_mulai=date(2025, 1, 1),
            institusi_asal=area.ppkbd_a,
        )
    assert "wilayah" in e.value.message_dict
    assert not KelompokMasyarakat.objects.filter(nama="Salah").exists()


# --- lists: bounded queries, export --------------------------------------------------------


@pytest.mark.parametrize("n", [5, 50])
def test_list_query_counts_flat(client, users, area, prog, n, django_assert_max_num_queries):
    for i in range(n):
        s = _sosialisasi(area.desa_a, judul=f"S{i}")
        KeterlibatanMitra.objects.create(mitra=prog.mitra_a, sosialisasi=s, peran="hadir")
        p = _pelayanan(area.dusun_a1, judul=f"P{i}")
        AkseptorPelayanan.objects.create(pelayanan=p, metode="PIL", jumlah=2)
        KelompokMasyarakat.objects.create(
            nama=f"K{i}",
            jenis="arisan",
            wilayah=area.dusun_a1,
            jumlah_anggota=3,
            tanggal_mulai=date(2025, 1, 1),
            institusi_asal=area.ppkbd_a,
            induk=prog.kelompok,
            kader=prog.kader_a,
        )
    client.force_login(users.ppkbd)
    for nama in (
        "pertemuan:sosialisasi_list",
        "pertemuan:pelayanan_list",
        "pertemuan:kelompok_list",
        "pertemuan:kelompok_pohon",
    ):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(nama)).status_code == 200


@pytest.mark.parametrize(
    "nama", ["pertemuan:sosialisasi_list", "pertemuan:pelayanan_list", "pertemuan:kelompok_list"]
)
def test_lists_export_xlsx_in_scope(client, users, prog, nama):
    client.force_login(users.ppkbd)
    resp = client.get(reverse(nama), {"ekspor": "xlsx"})
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_pelayanan_list_shows_acceptors_in_scope_only(client, users, prog):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:pelayanan_list"))
    rows = list(resp.context["table"].rows)
    assert [r.record.pk for r in rows] == [prog.pelayanan.pk]
    assert rows[0].record.jumlah_akseptor == 3


def test_meeting_and_kie_pages_list_their_partners(client, users, area, prog):
    rapat = PertemuanFactory(wilayah=area.desa_a)
    kie = SesiKIEFactory(wilayah=area.desa_a)
    KeterlibatanMitra.objects.create(mitra=prog.mitra_k, pertemuan=rapat, peran="narasumber")
    KeterlibatanMitra.objects.create(
        mitra=prog.mitra_a, sesi_kie=kie, peran="mobilisasi", jumlah_terjangkau=12
    )
    client.force_login(users.ppkbd)
    teks = client.get(reverse("pertemuan:detail", args=[rapat.pk])).content.decode()
    assert "Puskesmas K" in teks and "Narasumber/penyaji" in teks
    assert reverse("pertemuan:mitra_kegiatan", args=["pertemuan", rapat.pk]) in teks
    teks = client.get(reverse("pertemuan:kie_detail", args=[kie.pk])).content.decode()
    assert "PKK Desa A" in teks and "12 orang terjangkau" in teks
    assert reverse("pertemuan:mitra_kegiatan", args=["kie", kie.pk]) in teks
    client.force_login(users.dinas)  # may read, may not change a KIE session: no edit link
    teks = client.get(reverse("pertemuan:kie_detail", args=[kie.pk])).content.decode()
    assert "PKK Desa A" in teks
    assert reverse("pertemuan:mitra_kegiatan", args=["kie", kie.pk]) not in teks


# --- upgrading first -------------------------------------------------------------------------


def test_untrained_board_members_flagged_on_roster_and_draft_sk_page(client, users, area):
    from kader.upgrading import _pelatihan
    from tests.factories import PengurusFactory
    from tests.pertemuan.factories import PelatihanFactory, PesertaPelatihanFactory

    assert _pelatihan, "pertemuan did not register its trainings (kader.upgrading)"
    dilatih = KaderFactory(institusi=area.ppkbd_a, nama="Ketua Terlatih")
    belum = KaderFactory(institusi=area.ppkbd_a, nama="Sekretaris Baru")
    nanti = KaderFactory(institusi=area.ppkbd_a, nama="Bendahara Nanti")
    PengurusFactory(institusi=area.ppkbd_a, kader=dilatih, jabatan="ketua", mulai=date(2024, 1, 1))
    PengurusFactory(
        institusi=area.ppkbd_a, kader=belum, jabatan="sekretaris", mulai=date(2024, 1, 1)
    )
    PengurusFactory(
        institusi=area.ppkbd_a, kader=nanti, jabatan="bendahara", mulai=date(2024, 1, 1)
    )
    PesertaPelatihanFactory(
        kader=dilatih,
        pelatihan=PelatihanFactory(
            tanggal_mulai=date(2024, 3, 1), tanggal_selesai=date(2024, 3, 3)
        ),
    )
    # registered for a training that has not ended yet: not trained
    PesertaPelatihanFactory(
        kader=nanti,
        pelatihan=PelatihanFactory(
            tanggal_mulai=date(2099, 3, 1), tanggal_selesai=date(2099, 3, 3)
        ),
    )
    client.force_login(users.koordinator)
    teks = client.get(reverse("kader:institusi_detail", args=[area.ppkbd_a.pk])).content.decode()
    roster = teks.split('id="roster"')[1].split("</ul>")[0]
    baris = {b.split("</li>")[0] for b in roster.split("<li")[1:]}
    ditandai = {
        n
        for n in ("Ketua Terlatih", "Sekretaris Baru", "Bendahara Nanti")
        if any(n in b and "Belum pelatihan dasar" in b for b in baris)
    }
    assert ditandai == {"Sekretaris Baru", "Bendahara Nanti"}
    client.force_login(users.dinas)
    teks = client.get(reverse("kader:sk_draft")).content.decode()
    kartu = teks.split('id="pengurus-belum-dilatih"')[1]
    assert "Sekretaris Baru" in kartu and "Bendahara Nanti" in kartu
    assert "Ketua Terlatih" not in kartu


@pytest.mark.parametrize("model", ["sosialisasi", "pelayanankb", "kelompokmasyarakat"])
def test_admin_pages_open(client, users, prog, model):
    client.force_login(users.admin)
    assert client.get(reverse(f"admin:pertemuan_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:pertemuan_{model}_add")).status_code == 200
    obj = {"sosialisasi": prog.sosialisasi, "pelayanankb": prog.pelayanan}.get(model, prog.kelompok)
    url = reverse(f"admin:pertemuan_{model}_change", args=[obj.pk])
    assert client.get(url).status_code == 200


def test_event_with_register_acceptors_keeps_its_month_and_desa(area, prog):
    ibu = pus(dusun=area.dusun_a1, nama="Ibu Tetap")
    services_program.akseptor_register_simpan(pelayanan=prog.pelayanan, anggota=ibu, metode="PIL")
    data = {
        "jenis": "bakti_tni",
        "judul": "Bakti TNI KB-Kes",
        "tempat": "Balai desa",
        "wilayah": area.dusun_a2,  # same desa: allowed
        "tanggal": date(2025, 3, 20),
    }
    services_program.pelayanan_simpan(pelayanan=prog.pelayanan, **data)
    for salah, medan in (
        ({"tanggal": date(2025, 4, 2)}, "tanggal"),
        ({"wilayah": area.desa_b}, "wilayah"),
    ):
        with pytest.raises(ValidationError) as e:
            services_program.pelayanan_simpan(pelayanan=prog.pelayanan, **{**data, **salah})
        assert medan in e.value.message_dict
    prog.pelayanan.refresh_from_db()
    assert (prog.pelayanan.wilayah, prog.pelayanan.tanggal) == (area.dusun_a2, date(2025, 3, 20))


def test_filters_narrow_the_lists(rf, users, area, prog):
    from pertemuan.filters_program import KelompokFilter, PelayananFilter, SosialisasiFilter

    _sosialisasi(area.kec_k, jenis="internal", sasaran="unit_dinas", judul="Rapat bidang")
    req = rf.get("/")
    req.user = users.dinas
    semua = Sosialisasi.objects.all()

    def n(kelas, qs, **data):
        f = kelas(data, queryset=qs, request=req)
        assert f.is_valid(), f.errors
        return f.qs.count()

    assert n(SosialisasiFilter, semua) == 3
    assert n(SosialisasiFilter, semua, jenis="internal") == 1
    assert n(SosialisasiFilter, semua, tingkat="desa") == 2
    assert n(SosialisasiFilter, semua, kecamatan=area.kec_k.pk) == 2
    assert n(SosialisasiFilter, semua, q="rapat") == 1
    assert n(PelayananFilter, PelayananKB.objects.all(), desa=area.desa_x.pk) == 1
    assert n(PelayananFilter, PelayananKB.objects.all(), jenis="bergerak") == 0
    kel = KelompokMasyarakat.objects.all()
    assert n(KelompokFilter, kel, institusi_asal=area.ppkbd_a.pk) == 1
    assert n(KelompokFilter, kel, jenis="remaja") == 1
