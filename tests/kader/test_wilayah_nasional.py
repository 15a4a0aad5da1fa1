"""Any kabupaten/kota of Indonesia loads from the shipped national area data."""

import pytest
from django.core.management import CommandError, call_command

from kader import services
from kader.models import Wilayah
from kader.wilayah_nasional import KodeTidakDikenal, baris_kabupaten, tingkat_desa


def _hitung(kode: str) -> dict[str, int]:
    bawah = Wilayah.objects.filter(kode__startswith=f"{kode}.")
    return {t: bawah.filter(tingkat=t).count() for t in ("kecamatan", "desa", "kelurahan")}


@pytest.mark.django_db
def test_kota_makassar_loads_15_kecamatan_and_153_kelurahan_and_twice_changes_nothing(capsys):
    call_command("muat_wilayah", "--kabupaten", "73.71")
    assert _hitung("73.71") == {"kecamatan": 15, "desa": 0, "kelurahan": 153}
    kota = Wilayah.objects.get(kode="73.71")
    assert (kota.nama, kota.tingkat, kota.induk_id) == ("Kota Makassar", "kabupaten", None)
    assert "Wilayah baru: 169" in capsys.readouterr().out
    jumlah = Wilayah.objects.count()
    assert services.wilayah_muat(kode_kabupaten="73.71") == {
        "kabupaten": 0,
        "kecamatan": 0,
        "desa": 0,
        "kelurahan": 0,
    }
    assert Wilayah.objects.count() == jumlah
    # every kelurahan knows its kecamatan (scoping and roll-ups rely on it)
    kel = Wilayah.objects.filter(kode__startswith="73.71.", tingkat="kelurahan")
    assert not kel.filter(kecamatan__isnull=True).exists()
    assert all(k.desa_id == k.pk for k in kel)


@pytest.mark.django_db
def test_default_is_the_configured_kabupaten(settings):
    settings.IMP_KODE_KABUPATEN = "73.71"
    call_command("muat_wilayah")
    assert Wilayah.objects.filter(tingkat="kabupaten").get().kode == "73.71"


@pytest.mark.django_db
def test_two_kabupaten_live_side_by_side():
    services.wilayah_muat(kode_kabupaten="73.06")
    services.wilayah_muat(kode_kabupaten="73.71")
    assert _hitung("73.06") == {"kecamatan": 18, "desa": 121, "kelurahan": 46}
    assert _hitung("73.71")["kelurahan"] == 153


@pytest.mark.parametrize("kode", ["", "7306", "73.6", "73.06.01", "abc", "99.99"])
@pytest.mark.django_db
def test_a_wrong_code_is_a_clear_error_and_writes_nothing(kode):
    with pytest.raises(CommandError, match="Kode kabupaten/kota"):
        call_command("muat_wilayah", "--kabupaten", kode or " ")
    assert not Wilayah.objects.exists()


def test_village_type_comes_from_the_first_digit_of_its_last_part():
    assert tingkat_desa("73.06.01.1001") == "kelurahan"
    assert tingkat_desa("73.06.01.2004") == "desa"
    with pytest.raises(KodeTidakDikenal):
        baris_kabupaten("73.99")
