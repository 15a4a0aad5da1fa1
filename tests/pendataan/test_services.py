from datetime import date

import pytest
from django.core.exceptions import ValidationError

from pendataan import services
from pendataan.models import AksesNik, Keluarga, PerubahanStatus
from tests.factories import nik_valid
from tests.pendataan.factories import keluarga_buat, no_kk_baru, pus_buat

I = services.Isian  # noqa: E741


@pytest.fixture
def tiga(area):
    return [pus_buat(dusun=area.dusun_a1) for _ in range(3)]


def _pus(area, tiga):
    return {w.pk: area.desa_a.pk for w in tiga}


@pytest.mark.django_db
def test_only_changed_rows_are_written(area, tiga, bulan):
    a, b, c = tiga
    services.status_simpan_bulan(
        bulan=date(2025, 1, 1),
        pus=_pus(area, tiga),
        isian={a.pk: I("PIL", "PEMERINTAH", True), b.pk: I("IAS")},
    )
    hasil = services.status_simpan_bulan(
        bulan=bulan,
        pus=_pus(area, tiga),
        isian={a.pk: I("PIL", "PEMERINTAH"), b.pk: I("HAMIL"), c.pk: I("")},
    )
    assert hasil == {"baru": 1, "diubah": 0, "dihapus": 0}
    assert list(
        PerubahanStatus.objects.filter(bulan=bulan).values_list("anggota_id", "status")
    ) == [(b.pk, "HAMIL")]


@pytest.mark.django_db
def test_reverting_to_last_month_removes_this_months_change(area, tiga, bulan):
    a = tiga[0]
    services.status_simpan_bulan(
        bulan=date(2025, 1, 1), pus=_pus(area, tiga), isian={a.pk: I("IAT")}
    )
    services.status_simpan_bulan(bulan=bulan, pus=_pus(area, tiga), isian={a.pk: I("TIAL")})
    hasil = services.status_simpan_bulan(bulan=bulan, pus=_pus(area, tiga), isian={a.pk: I("IAT")})
    assert hasil["dihapus"] == 1
    assert not PerubahanStatus.objects.filter(bulan=bulan).exists()


@pytest.mark.django_db
def test_any_error_writes_nothing(area, tiga, bulan):
    a, b, c = tiga
    with pytest.raises(ValidationError) as e:
        services.status_simpan_bulan(
            bulan=bulan,
            pus=_pus(area, tiga),
            isian={a.pk: I("PIL", "PEMERINTAH"), b.pk: I("SUNTIK"), c.pk: I("HAMIL", "SWASTA")},
        )
    assert set(e.value.per_baris) == {b.pk, c.pk}
    assert set(e.value.per_baris[b.pk]) == {"jalur"}
    assert not PerubahanStatus.objects.exists()


@pytest.mark.django_db
def test_pb_after_a_method_is_ganti_cara_not_pb(area, tiga, bulan):
    a = tiga[0]
    services.status_simpan_bulan(
        bulan=date(2025, 1, 1), pus=_pus(area, tiga), isian={a.pk: I("PIL", "SWASTA", True)}
    )
    with pytest.raises(ValidationError):
        services.status_simpan_bulan(
            bulan=bulan, pus=_pus(area, tiga), isian={a.pk: I("IMPLAN", "SWASTA", True)}
        )


@pytest.mark.django_db
def test_status_for_non_pus_is_refused(area, tiga, bulan):
    lain = pus_buat(dusun=area.dusun_x1)
    with pytest.raises(ValidationError):
        services.status_simpan_bulan(bulan=bulan, pus=_pus(area, tiga), isian={lain.pk: I("IAS")})


@pytest.mark.django_db
def test_clearing_a_status_is_refused_once_she_has_one(area, tiga, bulan):
    a = tiga[0]
    services.status_simpan_bulan(
        bulan=date(2025, 1, 1), pus=_pus(area, tiga), isian={a.pk: I("IAS")}
    )
    with pytest.raises(ValidationError):
        services.status_simpan_bulan(bulan=bulan, pus=_pus(area, tiga), isian={a.pk: I("")})


@pytest.mark.django_db
def test_no_kk_and_nik_are_encrypted_and_unique_by_hash(area):
    kk = no_kk_baru()
    kel = keluarga_buat(dusun=area.dusun_a1, no_kk=kk)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT no_kk FROM pendataan_keluarga WHERE id = %s", [kel.pk])
        assert cur.fetchone()[0] != kk
    assert Keluarga.objects.get(pk=kel.pk).no_kk == kk
    with pytest.raises(ValidationError):
        keluarga_buat(dusun=area.dusun_a2, no_kk=kk)
    w = pus_buat(dusun=area.dusun_a1)
    with pytest.raises(ValidationError):
        services.anggota_tambah(
            keluarga=kel,
            nik=w.nik,
            nama="X",
            jenis_kelamin="P",
            tanggal_lahir=date(1990, 5, 17),
            hubungan=2,
            status_kawin=2,
        )


@pytest.mark.django_db
def test_keluarga_needs_valid_kk_and_both_coordinates(area):
    with pytest.raises(ValidationError) as e:
        keluarga_buat(dusun=area.dusun_a1, no_kk="123")
    assert "no_kk" in e.value.error_dict
    with pytest.raises(ValidationError):
        keluarga_buat(dusun=area.dusun_a1, lintang=-5.2)


@pytest.mark.django_db
def test_invalid_nik_is_refused_on_the_field(area):
    kel = keluarga_buat(dusun=area.dusun_a1)
    with pytest.raises(ValidationError) as e:
        services.anggota_tambah(
            keluarga=kel,
            nik="7306014513900000",
            nama="X",
            jenis_kelamin="P",
            tanggal_lahir=date(1990, 5, 17),
            hubungan=2,
            status_kawin=2,
        )
    assert "nik" in e.value.error_dict
    assert nik_valid()


@pytest.mark.django_db
def test_nik_view_is_logged(area, users):
    kel = keluarga_buat(dusun=area.dusun_a1)
    services.nik_lengkap_dilihat(user=users.dinas, keluarga=kel)
    assert AksesNik.objects.filter(user=users.dinas, keluarga=kel).count() == 1
