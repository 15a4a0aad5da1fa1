import pytest
from django.core.exceptions import ValidationError

from kader import services
from kader.models import Wilayah


@pytest.mark.django_db
def test_official_areas_load_with_exact_counts_and_twice_changes_nothing():
    services.wilayah_muat()
    hitung = {t: Wilayah.objects.filter(tingkat=t).count() for t in Wilayah.Tingkat.values}
    assert hitung == {"kabupaten": 1, "kecamatan": 18, "desa": 121, "kelurahan": 46, "dusun": 0}
    assert services.wilayah_muat() == {"kabupaten": 0, "kecamatan": 0, "desa": 0, "kelurahan": 0}
    assert Wilayah.objects.count() == 186
    desa = Wilayah.objects.get(kode="73.06.01.2004")
    assert desa.nama == "Bontolangkasa Utara" and desa.desa_id == desa.pk
    assert desa.kecamatan.kode == "73.06.01" and desa.induk_id == desa.kecamatan_id
    # every desa knows its kecamatan (scoping and roll-ups rely on it)
    assert not Wilayah.objects.desa().filter(kecamatan__isnull=True).exists()


@pytest.mark.django_db
def test_dusun_is_numbered_under_its_desa_and_not_duplicated(area):
    d1 = services.dusun_create(desa=area.desa_b, nama="Bontoa")
    d2 = services.dusun_create(desa=area.desa_b, nama="  bontoa ")
    d3 = services.dusun_create(desa=area.desa_b, nama="Pa'bundukang")
    assert d1 == d2 and d3.kode.startswith(area.desa_b.kode + ".")
    assert (d3.desa_id, d3.kecamatan_id) == (area.desa_b.pk, area.kec_k.pk)


@pytest.mark.django_db
def test_dusun_only_under_a_desa(area):
    with pytest.raises(ValidationError):
        services.dusun_create(desa=area.kec_k, nama="Salah")
