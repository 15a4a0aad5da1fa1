"""Happy paths through the pages (database asserted) and bad input shown on the form."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from pertemuan.models import (
    AnggotaPoktan,
    KegiatanPoktan,
    Konseling,
    Pelatihan,
    Pertemuan,
    Poktan,
    SesiKIE,
    TindakLanjut,
)
from tests.factories import KaderFactory
from tests.pertemuan.factories import anggota, keluarga
from tests.pertemuan.test_services import gambar

pytestmark = pytest.mark.django_db


def test_ppkbd_records_meeting_then_attendance(client, users, objek, area):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:create"),
        {
            "judul": "Rapat bulanan Maret",
            "tanggal": "2025-03-10",
            "tempat": "Balai desa",
            "institusi": area.ppkbd_a.pk,
            "agenda": ["evaluasi", "perencanaan"],
            "notulen": "Ok",
        },
    )
    p = Pertemuan.objects.get(judul="Rapat bulanan Maret")
    assert resp.status_code == 302 and resp.url == reverse("pertemuan:kehadiran", args=[p.pk])
    assert p.wilayah == area.desa_a and p.dibuat_oleh == users.ppkbd
    data = {"kader": [objek.kader_a.pk], "undangan_pkb": "1", "undangan_tokoh_agama": "2"}
    resp = client.post(reverse("pertemuan:kehadiran", args=[p.pk]), data)
    assert resp.status_code == 302
    assert list(p.kader_hadir.all()) == [objek.kader_a]
    assert p.undangan.get(kategori="tokoh_agama").jumlah == 2


def test_attendance_form_does_not_offer_cadres_outside(client, users, objek):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:kehadiran", args=[objek.pertemuan_a.pk]), {"kader": [objek.kader_x.pk]}
    )
    assert resp.status_code == 200 and "kader" in resp.context["form"].errors
    assert not objek.pertemuan_a.kader_hadir.exists()


def test_meeting_form_rejects_area_outside_scope(client, users, area):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:create"),
        {
            "judul": "x",
            "tanggal": "2025-03-10",
            "tempat": "y",
            "wilayah": area.desa_x.pk,
            "agenda": ["evaluasi"],
        },
    )
    assert resp.status_code == 200 and "wilayah" in resp.context["form"].errors
    assert not Pertemuan.objects.filter(judul="x").exists()


def test_problem_and_closing_action_through_pages(client, users, objek):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:masalah_tambah", args=[objek.pertemuan_a.pk])
    resp = client.post(
        url,
        {
            "masalah": "Alkon habis",
            "tindak_lanjut": "Lapor PKB",
            "penanggung_jawab": "Sekretaris",
            "batas_waktu": "2025-01-01",
        },
    )
    assert resp.status_code == 200 and "batas_waktu" in resp.context["form"].errors
    client.post(
        url,
        {
            "masalah": "Alkon habis",
            "tindak_lanjut": "Lapor PKB",
            "penanggung_jawab": "Sekretaris",
            "batas_waktu": "2025-03-20",
        },
    )
    tl = TindakLanjut.objects.get(uraian="Lapor PKB")
    resp = client.post(
        reverse("pertemuan:tindak_lanjut_ubah", args=[tl.pk]),
        {"status": "selesai", "catatan": "beres"},
    )
    tl.refresh_from_db()
    assert resp.status_code == 302 and tl.status == "selesai" and tl.tanggal_selesai


def test_photo_upload_and_bad_file(client, users, objek):
    client.force_login(users.ppkbd)
    url = reverse("pertemuan:foto_tambah", args=[objek.pertemuan_a.pk])
    resp = client.post(url, {"berkas": gambar((800, 600)), "keterangan": "Foto bersama"})
    assert resp.status_code == 302 and objek.pertemuan_a.foto.count() == 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    resp = client.post(url, {"berkas": SimpleUploadedFile("x.png", b"not an image")})
    assert resp.status_code == 200 and "berkas" in resp.context["form"].errors
    foto = objek.pertemuan_a.foto.get()
    resp = client.post(reverse("pertemuan:foto_hapus", args=[foto.pk]))
    assert resp.status_code == 302 and not objek.pertemuan_a.foto.exists()


def test_kie_session_create(client, users, area):
    client.force_login(users.sub_ppkbd)
    resp = client.post(
        reverse("pertemuan:kie_create"),
        {
            "tanggal": "2025-03-05",
            "wilayah": area.dusun_a1.pk,
            "topik": "lainnya",
            "sasaran": "remaja",
            "peserta_l": "4",
            "peserta_p": "6",
            "media_kie": "video",
            "penyaji": "Bidan",
            "dipimpin_oleh": "mitra",
        },
    )
    assert resp.status_code == 200 and "Sebutkan topik lainnya." in str(resp.context["form"].errors)
    resp = client.post(
        reverse("pertemuan:kie_create"),
        {
            "tanggal": "2025-03-05",
            "wilayah": area.dusun_a1.pk,
            "topik": "stunting",
            "sasaran": "ortu_balita",
            "peserta_l": "4",
            "peserta_p": "6",
            "media_kie": "video",
            "penyaji": "Bidan",
            "dipimpin_oleh": "mitra",
        },
    )
    assert resp.status_code == 302
    assert SesiKIE.objects.get(topik="stunting").jumlah_peserta == 10


def test_counselling_search_then_record(client, users, objek):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:konseling_cari"), {"q": "Sitti"})
    assert list(resp.context["hasil"]) == [objek.pus_a]
    resp = client.get(reverse("pertemuan:konseling_cari"), {"q": "Rahma"})  # other area
    assert list(resp.context["hasil"]) == []
    url = reverse("pertemuan:konseling_create")
    assert client.get(url, {"anggota": ""}).status_code == 302  # no PUS → back to the search
    assert client.get(url, {"anggota": objek.pus_x.pk}).status_code == 302
    resp = client.get(url, {"anggota": objek.pus_a.pk})
    umur = objek.pus_a.umur_pada(timezone.localdate())
    assert resp.context["saran"]["umur"] == umur and resp.context["saran"]["fase"]
    resp = client.post(
        url,
        {
            "anggota": objek.pus_a.pk,
            "tanggal": "2025-03-21",
            "kader": objek.kader_a.pk,
            "topik": "kelahiran",
            "hasil": "bersedia",
            "metode": "IUD",
            "tanggal_tindak_lanjut": "2025-04-01",
        },
    )
    assert resp.status_code == 302
    k = Konseling.objects.get(tanggal=date(2025, 3, 21))
    assert (k.metode, k.kader, k.dusun) == ("IUD", objek.kader_a, objek.pus_a.keluarga.dusun)


def test_cadre_counselling_search_lists_every_pus_of_her_area_and_a_generic_form(
    client, users, objek
):
    """Kept on a cadre's phone: the PUS of her area with no name typed, and one form where the
    woman is a field (offline it serves the form of any woman picked from the list)."""
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:konseling_cari"))
    assert resp.context["semua"] and list(resp.context["hasil"]) == [objek.pus_a]
    resp = client.get(reverse("pertemuan:konseling_create"))
    assert resp.status_code == 200
    pilih = resp.context["form"].fields["anggota"]
    assert list(pilih.queryset) == [objek.pus_a]  # never Ibu Rahma of desa X
    html = resp.content.decode()
    assert 'data-pwa-param="anggota"' in html and "Ibu Sitti" in html and "Ibu Rahma" not in html
    # Sent from the generic form: still only a PUS of her area.
    data = {"tanggal": "2025-03-21", "kader": objek.kader_a.pk, "topik": "pup", "hasil": "belum"}
    resp = client.post(reverse("pertemuan:konseling_create"), {**data, "anggota": objek.pus_x.pk})
    assert resp.status_code == 200 and "anggota" in resp.context["form"].errors
    # A role that does not work offline: no list without a name, no generic form.
    client.force_login(users.penyuluh)
    resp = client.get(reverse("pertemuan:konseling_cari"))
    assert resp.context["hasil"] is None
    resp = client.get(reverse("pertemuan:konseling_create"))
    assert resp.status_code in (302, 403)


def test_counselling_for_pus_outside_scope_is_refused(client, users, objek):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:konseling_create"),
        {"anggota": objek.pus_x.pk, "tanggal": "2025-03-21", "topik": "pup", "hasil": "belum"},
    )
    assert resp.status_code == 200 and "anggota" in resp.context["form"].errors


def test_counselling_follow_up_worklist_and_done(client, users, objek):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:konseling_jatuh_tempo"))
    assert list(resp.context["table"].data) == [objek.konseling_a]
    client.post(
        reverse("pertemuan:konseling_selesai", args=[objek.konseling_a.pk]),
        {"next": "https://evil.example/"},
    )
    objek.konseling_a.refresh_from_db()
    assert objek.konseling_a.tindak_lanjut_selesai
    resp = client.get(reverse("pertemuan:konseling_jatuh_tempo"))
    assert list(resp.context["table"].data) == []


def test_poktan_create_members_activity(client, users, area):
    client.force_login(users.ppkbd)
    resp = client.post(
        reverse("pertemuan:poktan_create"),
        {"jenis": "bkl", "nama": "Lansia Sehat", "wilayah": area.desa_a.pk, "aktif": "on"},
    )
    poktan = Poktan.objects.get(nama="Lansia Sehat")
    assert resp.status_code == 302
    kel = keluarga(dusun=area.dusun_a2, nama_kepala="Daeng Tika")
    anggota(keluarga=kel, nama="Daeng Tika", jenis_kelamin="L", lahir=date(1955, 1, 1), hubungan=1)
    resp = client.get(reverse("pertemuan:poktan_anggota_tambah", args=[poktan.pk]))
    assert list(resp.context["form"].fields["keluarga"].queryset) == [kel]
    client.post(
        reverse("pertemuan:poktan_anggota_tambah", args=[poktan.pk]),
        {"keluarga": [kel.pk], "tanggal_masuk": "2025-03-01"},
    )
    assert AnggotaPoktan.objects.filter(poktan=poktan, keluarga=kel).exists()
    client.post(
        reverse("pertemuan:poktan_kegiatan_tambah", args=[poktan.pk]),
        {"tanggal": "2025-03-15", "materi": "Senam lansia", "hadir": "9"},
    )
    assert KegiatanPoktan.objects.get(poktan=poktan).hadir == 9
    resp = client.get(reverse("pertemuan:poktan_detail", args=[poktan.pk]))
    assert resp.context["ringkasan"]["anggota"] == 1


def test_training_flow_for_penyuluh(client, users, area, objek):
    client.force_login(users.penyuluh)
    resp = client.post(
        reverse("pertemuan:pelatihan_create"),
        {
            "judul": "Orientasi KIE",
            "jenis": "lainnya",
            "penyelenggara": "PKB",
            "wilayah": area.desa_a.pk,
            "narasumber": "Bidan Desa",
            "tempat": "Balai",
            "tanggal_mulai": "2025-03-05",
            "tanggal_selesai": "2025-03-04",
        },
    )
    assert resp.status_code == 200 and "sebelum tanggal mulai" in str(resp.context["form"].errors)
    client.post(
        reverse("pertemuan:pelatihan_create"),
        {
            "judul": "Orientasi KIE",
            "jenis": "lainnya",
            "penyelenggara": "PKB",
            "wilayah": area.desa_a.pk,
            "narasumber": "Bidan Desa",
            "tempat": "Balai",
            "tanggal_mulai": "2025-03-05",
            "tanggal_selesai": "2025-03-06",
        },
    )
    plt = Pelatihan.objects.get(judul="Orientasi KIE")
    client.post(reverse("pertemuan:peserta_tambah", args=[plt.pk]), {"institusi": area.ppkbd_a.pk})
    assert set(plt.peserta.values_list("kader__nama", flat=True)) == {"Kader Melati", "Kader Baru"}
    peserta = plt.peserta.get(kader=objek.kader_a)
    client.post(
        reverse("pertemuan:peserta_nilai", args=[peserta.pk]),
        {"nilai_pre": "55", "nilai_post": "80.5"},
    )
    peserta.refresh_from_db()
    assert peserta.kenaikan == 25.5
    resp = client.get(reverse("pertemuan:sertifikat", args=[peserta.pk]))
    assert resp.status_code == 200 and resp.content[:4] == b"%PDF"


def test_cadre_sees_own_certificate_of_a_kecamatan_training(client, users, area):
    from tests.pertemuan.factories import PesertaPelatihanFactory

    p = PesertaPelatihanFactory(
        pelatihan__wilayah=area.kec_k, kader=KaderFactory(institusi=area.ppkbd_a)
    )
    client.force_login(users.ppkbd)
    assert client.get(reverse("pertemuan:sertifikat", args=[p.pk])).status_code == 200
    lain = PesertaPelatihanFactory(
        pelatihan__wilayah=area.kec_k, kader=KaderFactory(institusi=area.ppkbd_b)
    )
    assert client.get(reverse("pertemuan:sertifikat", args=[lain.pk])).status_code == 404


def test_open_action_closed_at_a_later_meeting_from_its_page(client, users, objek, area):
    from tests.pertemuan.factories import PertemuanFactory

    nanti = PertemuanFactory(wilayah=area.desa_a, tanggal=date(2025, 4, 10))
    client.force_login(users.ppkbd)
    resp = client.get(nanti.get_absolute_url())
    assert list(resp.context["terbuka_sebelumnya"]) == [objek.tl_a]
    # An action of another area cannot be closed here.
    resp = client.post(reverse("pertemuan:tindak_lanjut_tutup", args=[nanti.pk, objek.tl_x.pk]))
    assert resp.status_code == 404
    client.post(reverse("pertemuan:tindak_lanjut_tutup", args=[nanti.pk, objek.tl_a.pk]))
    objek.tl_a.refresh_from_db()
    assert (objek.tl_a.status, objek.tl_a.ditutup_pada) == ("selesai", nanti)
    assert list(client.get(nanti.get_absolute_url()).context["ditutup_di_sini"]) == [objek.tl_a]


def test_koordinator_records_a_kecamatan_meeting(client, users, area, objek):
    client.force_login(users.koordinator)
    resp = client.post(
        reverse("pertemuan:create"),
        {
            "judul": "Rapat koordinasi PPKBD",
            "tanggal": "2025-03-12",
            "tempat": "Kantor Camat",
            "wilayah": area.kec_k.pk,
            "agenda": ["pembinaan"],
        },
    )
    p = Pertemuan.objects.get(judul="Rapat koordinasi PPKBD")
    assert resp.status_code == 302 and p.tingkat == "kecamatan" and p.institusi is None
    # Cadres of every desa of the kecamatan may be ticked; desa X's may not.
    form = client.get(reverse("pertemuan:kehadiran", args=[p.pk])).context["form"]
    assert set(form.fields["kader"].queryset) == {objek.kader_a, objek.kader_baru}
    # The PPKBD of desa A reads the kecamatan meeting but records nothing on it.
    client.force_login(users.ppkbd)
    assert client.get(p.get_absolute_url()).status_code == 200
    assert client.get(reverse("pertemuan:kehadiran", args=[p.pk])).status_code == 404
