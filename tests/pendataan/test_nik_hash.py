"""One place sets a NIK / no KK and its keyed hash: the encrypted field itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from imp_smart.fields import isi_nomor
from imp_smart.nik import cek_nik, cek_no_kk, hash_nik
from pendataan.models import Anggota, Hubungan, Keluarga, StatusKawin
from tests.factories import nik_valid
from tests.pendataan.factories import keluarga_buat, no_kk_baru


def test_assigning_a_number_sets_its_hash():
    a = Anggota()
    a.nik = "7306 0157 0590 0001"
    assert a.nik_hash == hash_nik("7306015705900001")
    k = Keluarga()
    k.no_kk = "7306010101000123"
    assert k.no_kk_hash == hash_nik("7306010101000123")


@pytest.mark.django_db
def test_constructor_and_bulk_create_store_the_hash(area):
    kel = keluarga_buat(dusun=area.dusun_a1)
    niks = [nik_valid(jenis_kelamin="P", lahir=date(1991, 2, 3)) for _ in range(2)]
    baru = [
        Anggota(
            keluarga=kel,
            nik=n,
            nama="Uji",
            jenis_kelamin="P",
            tanggal_lahir=date(1991, 2, 3),
            hubungan=Hubungan.ANAK,
            status_kawin=StatusKawin.BELUM,
        )
        for n in niks
    ]
    Anggota.objects.bulk_create(baru)
    for n in niks:
        assert Anggota.objects.get(nik_hash=hash_nik(n)).nik == n
    kk = no_kk_baru()
    Keluarga(no_kk=kk, nama_kepala="X", desa=area.desa_a, dusun=area.dusun_a1, rt="1").save()
    assert Keluarga.objects.filter(no_kk_hash=hash_nik(kk)).count() == 1


@pytest.mark.django_db
def test_isi_nomor_puts_messages_on_the_field(area):
    kel = keluarga_buat(dusun=area.dusun_a1)
    lain = Keluarga()
    with pytest.raises(ValidationError) as e:
        isi_nomor(lain, "no_kk", kel.no_kk, cek=cek_no_kk, pesan_ganda="Nomor KK ini sudah ada.")
    assert e.value.message_dict == {"no_kk": ["Nomor KK ini sudah ada."]}
    with pytest.raises(ValidationError) as e:
        isi_nomor(Anggota(), "nik", "123", cek=cek_nik, pesan_ganda="-")
    assert e.value.message_dict == {"nik": ["NIK harus 16 digit angka."]}
    isi_nomor(kel, "no_kk", f" {kel.no_kk} ", cek=cek_no_kk, pesan_ganda="-")  # itself: no error
    assert kel.no_kk_hash == hash_nik(kel.no_kk)
