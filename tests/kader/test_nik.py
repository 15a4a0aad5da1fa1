from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from imp_smart.nik import hash_nik, parse_nik, peringatan_nik, samarkan_nik


@pytest.mark.parametrize(
    ("nik", "jk", "hari", "bulan"),
    [
        ("7306011705900001", "L", 17, 5),
        ("7306015705900001", "P", 17, 5),  # women: day + 40
        ("3171012902000001", "L", 29, 2),  # 29 Feb 2000 exists
        ("7306017112999999", "P", 31, 12),
        ("1101010101010001", "L", 1, 1),  # people move in: any region code
    ],
)
def test_valid_nik_is_parsed(nik, jk, hari, bulan):
    info = parse_nik(nik)
    assert (info.jenis_kelamin, info.hari, info.bulan) == (jk, hari, bulan)


@pytest.mark.parametrize(
    ("nik", "kode"),
    [
        ("730601170590000", "nik_format"),  # 15 digits
        ("73060117059000012", "nik_format"),  # 17 digits
        ("73060117059O0001", "nik_format"),  # letter O
        ("7306011705900000", "nik_urut"),  # serial 0000
        ("7306011713900001", "nik_tanggal"),  # month 13
        ("7306010005900001", "nik_tanggal"),  # day 0
        ("7306013205900001", "nik_tanggal"),  # day 32 (not a woman: 41–71)
        ("7306017205900001", "nik_tanggal"),  # day 72
        ("7306013002900001", "nik_tanggal"),  # 30 Feb
        ("7306012902010001", "nik_tanggal"),  # 29 Feb in a non-leap year
        ("7306014000900001", "nik_tanggal"),  # 40 → day 0 for a woman
    ],
)
def test_invalid_nik_is_rejected_with_reason(nik, kode):
    with pytest.raises(ValidationError) as e:
        parse_nik(nik)
    assert e.value.code == kode


def test_spaces_and_dots_are_ignored():
    assert parse_nik("7306 0117 0590 0001").hari == 17


def test_mismatch_is_a_warning_not_an_error():
    pesan = peringatan_nik("7306011705900001", jenis_kelamin="P", tanggal_lahir=date(1990, 5, 18))
    assert len(pesan) == 2
    assert (
        peringatan_nik("7306015705900001", jenis_kelamin="P", tanggal_lahir=date(1990, 5, 17)) == []
    )


def test_mask_and_hash():
    assert samarkan_nik("7306015705900001") == "7306********0001"
    assert hash_nik("7306015705900001") == hash_nik("7306 0157 0590 0001")
    assert hash_nik("7306015705900001") != hash_nik("7306015705900002")
    assert "7306015705900001" not in hash_nik("7306015705900001")


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    st.sampled_from("LP"),
    st.integers(1, 9999),
    st.integers(0, 999999),
)
def test_any_real_birth_date_and_serial_make_a_valid_nik(lahir, jk, serial, wilayah):
    hari = lahir.day + (40 if jk == "P" else 0)
    nik = f"{wilayah:06d}{hari:02d}{lahir:%m}{lahir:%y}{serial:04d}"
    info = parse_nik(nik)
    assert info.jenis_kelamin == jk and info.cocok_tanggal(lahir)


@given(st.text(alphabet="0123456789", min_size=16, max_size=16))
def test_any_16_digits_either_parse_or_raise_validation_error(nik):
    try:
        info = parse_nik(nik)
    except ValidationError:
        return
    assert 1 <= info.bulan <= 12 and 1 <= info.hari <= 31 and nik[-4:] != "0000"
