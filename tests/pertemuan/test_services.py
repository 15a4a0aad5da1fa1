from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pertemuan import services
from pertemuan.models import AgendaPertemuan, FotoPertemuan, Konseling, Masalah, TindakLanjut
from tests.factories import KaderFactory
from tests.pertemuan.factories import (
    PelatihanFactory,
    PertemuanFactory,
    PoktanFactory,
    TindakLanjutFactory,
    anggota,
    keluarga,
    pus,
)

pytestmark = pytest.mark.django_db


def gambar(ukuran=(3000, 2000), fmt="PNG") -> SimpleUploadedFile:
    isi = BytesIO()
    Image.new("RGB", ukuran, (200, 30, 30)).save(isi, format=fmt)
    return SimpleUploadedFile(f"foto.{fmt.lower()}", isi.getvalue(), content_type="image/png")


def test_meeting_needs_an_area_and_an_agenda(area):
    with pytest.raises(ValidationError) as e:
        services.pertemuan_simpan(
            agenda=["evaluasi"], judul="x", tanggal=date(2025, 3, 1), tempat="balai"
        )
    assert "wilayah" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        services.pertemuan_simpan(
            agenda=[], institusi=area.ppkbd_a, judul="x", tanggal=date(2025, 3, 1), tempat="balai"
        )
    assert "agenda" in e.value.message_dict


def test_meeting_takes_institution_area_and_syncs_agenda(area):
    p = services.pertemuan_simpan(
        agenda=["evaluasi", "perencanaan"],
        institusi=area.ppkbd_a,
        judul="Rapat",
        tanggal=date(2025, 3, 1),
        tempat="Balai",
    )
    assert p.wilayah == area.desa_a
    services.pertemuan_simpan(
        pertemuan=p,
        agenda=["perencanaan", "bimbingan"],
        institusi=area.ppkbd_a,
        judul="Rapat",
        tanggal=date(2025, 3, 1),
        tempat="Balai",
    )
    assert set(AgendaPertemuan.objects.filter(pertemuan=p).values_list("jenis", flat=True)) == {
        "perencanaan",
        "bimbingan",
    }


def test_institution_outside_the_meeting_area_is_refused(area):
    with pytest.raises(ValidationError) as e:
        services.pertemuan_simpan(
            agenda=["evaluasi"],
            wilayah=area.desa_b,
            institusi=area.ppkbd_a,
            judul="x",
            tanggal=date(2025, 3, 1),
            tempat="balai",
        )
    assert "institusi" in e.value.message_dict


def test_attendance_only_cadres_of_the_area(area):
    p = PertemuanFactory(wilayah=area.desa_a)
    sendiri, sub = KaderFactory(institusi=area.ppkbd_a), KaderFactory(institusi=area.sub_a1)
    luar = KaderFactory(institusi=area.ppkbd_b)
    services.pertemuan_catat_kehadiran(
        pertemuan=p, kader=[sendiri, sub], undangan={"pkb": 1, "kua": 0, "pkk": 3}
    )
    assert set(p.kader_hadir.all()) == {sendiri, sub}
    assert dict(p.undangan.values_list("kategori", "jumlah")) == {"pkb": 1, "pkk": 3}
    with pytest.raises(ValidationError):
        services.pertemuan_catat_kehadiran(pertemuan=p, kader=[luar], undangan={})
    assert set(p.kader_hadir.all()) == {sendiri, sub}


def test_kecamatan_meeting_accepts_cadres_of_the_kecamatan(area):
    p = PertemuanFactory(wilayah=area.kec_k)
    b = KaderFactory(institusi=area.ppkbd_b)
    services.pertemuan_catat_kehadiran(pertemuan=p, kader=[b], undangan={})
    with pytest.raises(ValidationError):
        services.pertemuan_catat_kehadiran(
            pertemuan=p, kader=[KaderFactory(institusi=area.ppkbd_x)], undangan={}
        )


def test_photo_is_resized_to_jpeg(area):
    p = PertemuanFactory(wilayah=area.desa_a)
    foto = services.foto_tambah(pertemuan=p, berkas=gambar(), keterangan="Suasana")
    with foto.berkas.open("rb") as f:
        img = Image.open(f)
        assert img.format == "JPEG" and max(img.size) == services.FOTO_MAX_SISI


def test_photo_rejects_non_images_and_big_files(area, monkeypatch):
    p = PertemuanFactory(wilayah=area.desa_a)
    palsu = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan gambar", content_type="image/jpeg")
    with pytest.raises(ValidationError) as e:
        services.foto_tambah(pertemuan=p, berkas=palsu)
    assert "bukan gambar" in str(e.value)
    monkeypatch.setattr(services, "FOTO_MAX_BYTES", 100)
    with pytest.raises(ValidationError) as e:
        services.foto_tambah(pertemuan=p, berkas=gambar((50, 50)))
    assert "Ukuran foto" in str(e.value)
    assert not FotoPertemuan.objects.exists()


def test_photo_limit_per_meeting(area, monkeypatch):
    monkeypatch.setattr(services, "FOTO_MAX_PER_PERTEMUAN", 1)
    p = PertemuanFactory(wilayah=area.desa_a)
    services.foto_tambah(pertemuan=p, berkas=gambar((10, 10)))
    with pytest.raises(ValidationError):
        services.foto_tambah(pertemuan=p, berkas=gambar((10, 10)))


def test_problem_with_action_and_due_date_check(area):
    p = PertemuanFactory(wilayah=area.desa_a, tanggal=date(2025, 3, 10))
    tl = services.masalah_tambah(
        pertemuan=p,
        masalah="PUS drop out",
        tindak_lanjut="Kunjungi",
        penanggung_jawab="Bu Ani",
        batas_waktu=date(2025, 3, 31),
    )
    assert tl.masalah.pertemuan == p and tl.status == "belum"
    with pytest.raises(ValidationError):
        services.masalah_tambah(
            pertemuan=p,
            masalah="x",
            tindak_lanjut="y",
            penanggung_jawab="z",
            batas_waktu=date(2025, 3, 1),
        )
    assert Masalah.objects.count() == 1  # the failed one rolled back


def test_action_closed_at_a_later_meeting(area):
    tl = TindakLanjutFactory(
        masalah__pertemuan__wilayah=area.desa_a, masalah__pertemuan__tanggal=date(2025, 3, 10)
    )
    nanti = PertemuanFactory(wilayah=area.desa_a, tanggal=date(2025, 4, 10))
    dulu = PertemuanFactory(wilayah=area.desa_a, tanggal=date(2025, 2, 10))
    with pytest.raises(ValidationError):
        services.tindak_lanjut_perbarui(tindak_lanjut=tl, status="selesai", ditutup_pada=dulu)
    services.tindak_lanjut_perbarui(
        tindak_lanjut=tl, status="selesai", ditutup_pada=nanti, catatan="Sudah dikunjungi"
    )
    tl.refresh_from_db()
    assert tl.ditutup_pada == nanti and tl.tanggal_selesai == date(2025, 4, 10)
    assert not TindakLanjut.objects.terlambat(date(2025, 6, 1)).exists()
    services.tindak_lanjut_perbarui(tindak_lanjut=tl, status="proses")
    tl.refresh_from_db()
    assert tl.ditutup_pada is None and tl.tanggal_selesai is None


def test_counselling_requires_a_pus(area):
    laki = anggota(
        keluarga=keluarga(dusun=area.dusun_a1), nama="Pak Uji", jenis_kelamin="L", hubungan=1
    )
    with pytest.raises(ValidationError) as e:
        services.konseling_simpan(
            anggota=laki, tanggal=date(2025, 3, 1), topik="pup", hasil="belum"
        )
    assert "bukan PUS" in str(e.value)
    tua = pus(dusun=area.dusun_a1, lahir=date(1970, 1, 1))
    with pytest.raises(ValidationError):
        services.konseling_simpan(anggota=tua, tanggal=date(2025, 3, 1), topik="pup", hasil="belum")


def test_counselling_copies_area_and_clears_irrelevant_fields(area):
    w = pus(dusun=area.dusun_a2)
    k = services.konseling_simpan(
        anggota=w,
        tanggal=date(2025, 3, 1),
        topik="kelahiran",
        hasil="bersedia",
        metode="IMPLAN",
        faskes="Puskesmas",
    )
    assert (k.desa, k.dusun, k.metode, k.faskes) == (area.desa_a, area.dusun_a2, "IMPLAN", "")
    with pytest.raises(ValidationError) as e:
        services.konseling_simpan(
            anggota=w, tanggal=date(2025, 3, 1), topik="kelahiran", hasil="dirujuk"
        )
    assert "fasilitas" in str(e.value)
    with pytest.raises(ValidationError):
        services.konseling_simpan(
            anggota=w,
            tanggal=date(2025, 3, 1),
            topik="pup",
            hasil="belum",
            kader=KaderFactory(institusi=area.ppkbd_x),
        )
    assert Konseling.objects.count() == 1


def test_poktan_members_must_live_in_its_area(area):
    poktan = PoktanFactory(wilayah=area.dusun_a1)
    dalam, luar = keluarga(dusun=area.dusun_a1), keluarga(dusun=area.dusun_a2)
    services.poktan_anggota_tambah(poktan=poktan, keluarga=[dalam], tanggal_masuk=date(2025, 1, 1))
    services.poktan_anggota_tambah(poktan=poktan, keluarga=[dalam], tanggal_masuk=date(2025, 1, 1))
    assert poktan.anggota.count() == 1
    with pytest.raises(ValidationError):
        services.poktan_anggota_tambah(
            poktan=poktan, keluarga=[luar], tanggal_masuk=date(2025, 1, 1)
        )


def test_participants_get_certificate_numbers_and_a_pdf(area):
    plt = PelatihanFactory(wilayah=area.kec_k)
    k1, k2 = KaderFactory(institusi=area.ppkbd_a), KaderFactory(institusi=area.ppkbd_b)
    services.peserta_tambah(pelatihan=plt, kader=[k1, k2])
    services.peserta_tambah(pelatihan=plt, kader=[k1])
    peserta = list(plt.peserta.all())
    assert len(peserta) == 2 and all("/UPG-" in p.nomor_sertifikat for p in peserta)
    with pytest.raises(ValidationError):
        services.peserta_nilai(peserta=peserta[0], nilai_pre=50, nilai_post=101)
    pdf = services.sertifikat_pdf(peserta=peserta[0])
    assert pdf[:4] == b"%PDF"
