from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kader import services
from kader.models import Institusi, Kader, Pengurus
from tests.factories import KaderFactory, PengurusFactory, nik_valid


def _data_kader(area, **lain):
    return {
        "nama": "Hasnah Daeng Taba",
        "jenis_kelamin": "P",
        "tanggal_lahir": date(1990, 5, 17),
        "institusi": area.ppkbd_a,
        **lain,
    }


@pytest.mark.django_db
def test_kader_nik_is_encrypted_hashed_and_readable(area):
    nik = nik_valid()
    k = services.kader_simpan(nik=nik, **_data_kader(area))
    k.refresh_from_db()
    assert k.nik == nik and len(k.nik_hash) == 64
    from django.db import connection

    with connection.cursor() as c:
        c.execute("select nik from kader_kader where id = %s", [k.pk])
        disimpan = c.fetchone()[0]
    assert nik not in disimpan and disimpan.startswith("gAAAA")  # Fernet token


@pytest.mark.django_db
@pytest.mark.parametrize("nik", ["123", "7306011705900000", "7306011799900001"])
def test_invalid_nik_writes_nothing(area, nik):
    with pytest.raises(ValidationError) as e:
        services.kader_simpan(nik=nik, **_data_kader(area))
    assert "nik" in e.value.error_dict
    assert not Kader.objects.exists()


@pytest.mark.django_db
def test_duplicate_nik_is_refused(area):
    nik = nik_valid()
    services.kader_simpan(nik=nik, **_data_kader(area))
    with pytest.raises(ValidationError) as e:
        services.kader_simpan(nik=nik, **_data_kader(area, nama="Lain"))
    assert "sudah terdaftar" in str(e.value)
    assert Kader.objects.count() == 1


@pytest.mark.django_db
def test_second_ketua_with_overlapping_term_is_refused(area):
    a = KaderFactory(institusi=area.ppkbd_a)
    b = KaderFactory(institusi=area.ppkbd_a)
    services.pengurus_simpan(
        institusi=area.ppkbd_a,
        kader=a,
        jabatan="ketua",
        mulai=date(2025, 1, 1),
        selesai=date(2027, 12, 31),
    )
    with pytest.raises(ValidationError) as e:
        services.pengurus_simpan(
            institusi=area.ppkbd_a, kader=b, jabatan="ketua", mulai=date(2027, 6, 1), selesai=None
        )
    assert "mulai" in e.value.error_dict
    # the next term after the first ends is fine
    services.pengurus_simpan(
        institusi=area.ppkbd_a, kader=b, jabatan="ketua", mulai=date(2028, 1, 1)
    )
    assert Pengurus.objects.filter(jabatan="ketua").count() == 2


@pytest.mark.django_db
def test_many_anggota_are_allowed_but_not_the_same_cadre_twice(area):
    a, b = KaderFactory.create_batch(2, institusi=area.ppkbd_a)
    for k in (a, b):
        services.pengurus_simpan(
            institusi=area.ppkbd_a, kader=k, jabatan="anggota", mulai=date(2025, 1, 1)
        )
    with pytest.raises(ValidationError):
        services.pengurus_simpan(
            institusi=area.ppkbd_a, kader=a, jabatan="sekretaris", mulai=date(2025, 2, 1)
        )


@pytest.mark.django_db
def test_term_ending_before_it_starts_is_refused(area):
    k = KaderFactory(institusi=area.ppkbd_a)
    with pytest.raises(ValidationError) as e:
        services.pengurus_simpan(
            institusi=area.ppkbd_a,
            kader=k,
            jabatan="bendahara",
            mulai=date(2025, 1, 1),
            selesai=date(2024, 12, 31),
        )
    assert "Masa bakti tidak boleh selesai sebelum mulai" in str(e.value)
    assert not Pengurus.objects.exists()


@pytest.mark.django_db
def test_cadre_of_another_institution_cannot_sit_on_this_board(area):
    lain = KaderFactory(institusi=area.ppkbd_b)
    with pytest.raises(ValidationError):
        services.pengurus_simpan(
            institusi=area.ppkbd_a, kader=lain, jabatan="ketua", mulai=date(2025, 1, 1)
        )


@pytest.mark.django_db
def test_institution_type_must_match_area_level(area):
    with pytest.raises(ValidationError) as e:
        services.institusi_simpan(jenis="sub_ppkbd", nama="Salah", wilayah=area.desa_b)
    assert "wilayah" in e.value.error_dict
    with pytest.raises(ValidationError):  # a second active PPKBD in the same desa
        services.institusi_simpan(jenis="ppkbd", nama="Kembar", wilayah=area.desa_a)


@pytest.mark.django_db
def test_deactivation_needs_reason_and_ends_open_terms(area):
    p = PengurusFactory(kader=KaderFactory(institusi=area.ppkbd_b), jabatan="ketua", selesai=None)
    with pytest.raises(ValidationError):
        services.institusi_nonaktifkan(institusi=area.ppkbd_b, alasan="  ")
    services.institusi_nonaktifkan(
        institusi=area.ppkbd_b, alasan="Digabung", tanggal=date(2026, 6, 30)
    )
    area.ppkbd_b.refresh_from_db()
    p.refresh_from_db()
    assert not area.ppkbd_b.aktif and p.selesai == date(2026, 6, 30)
    assert Institusi.objects.filter(pk=area.ppkbd_b.pk).exists()  # never deleted
    # a new PPKBD may now be formed in that desa
    services.institusi_simpan(jenis="ppkbd", nama="Baru", wilayah=area.desa_b)
