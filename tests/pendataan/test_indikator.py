from decimal import Decimal

import pytest

from pendataan.indikator import (
    KOLOM_HITUNG,
    hitung_kosong,
    jenis_perubahan,
    jumlahkan,
    lengkapi,
    persen,
    seimbang,
)
from pendataan.ks import tahapan_ks


def test_lengkapi_derives_domain_indicators():
    h = hitung_kosong() | {
        "pus": 200,
        "pa_iud": 10,
        "pa_implan": 20,
        "pa_suntik": 60,
        "pa_pil": 20,
        "pa_tradisional": 7,
        "hamil": 13,
        "ias": 30,
        "iat": 25,
        "tial": 15,
    }
    r = lengkapi(h, pb_kumulatif=12, target_pb=40)
    assert r["pa"] == 117
    assert r["pa_modern"] == 110
    assert r["unmet_need"] == 40
    assert r["cpr"] == Decimal("58.50")
    assert r["mcpr"] == Decimal("55.00")
    assert r["mkjp_persen"] == Decimal("25.64")  # 30/117
    assert r["unmet_need_persen"] == Decimal("20.00")
    assert r["pb_target_persen"] == Decimal("30.00")


def test_percentages_round_half_up_and_zero_denominator():
    assert persen(1, 8) == Decimal("12.50")
    assert persen(1, 3) == Decimal("33.33")
    assert persen(2, 3) == Decimal("66.67")
    assert persen(1, 400) == Decimal("0.25")
    assert persen(1, 800) == Decimal("0.13")  # 0.125 → 0.13 (half up, not banker's)
    assert persen(5, 0) == Decimal("0.00")
    r = lengkapi(hitung_kosong())
    assert r["cpr"] == r["mkjp_persen"] == r["pb_target_persen"] == Decimal("0.00")


def test_jumlahkan_sums_raw_counts_only():
    a = hitung_kosong() | {"pus": 3, "pa_pil": 2}
    b = hitung_kosong() | {"pus": 4, "pa_pil": 1, "cpr": Decimal("99")}
    total = jumlahkan([a, b])
    assert set(total) == set(KOLOM_HITUNG)
    assert total["pus"] == 7 and total["pa_pil"] == 3


def test_seimbang_requires_no_tanpa_status():
    h = hitung_kosong() | {"pus": 2, "pa_pil": 1, "hamil": 1}
    assert seimbang(h)
    assert not seimbang(h | {"pus": 3, "tanpa_status": 1})


@pytest.mark.parametrize(
    ("sebelum", "sesudah", "pb", "jenis"),
    [
        (None, "PIL", True, "pb"),
        ("HAMIL", "IMPLAN", True, "pb"),
        ("PIL", "SUNTIK", False, "ganti_cara"),
        ("SUNTIK", "HAMIL", False, "drop_out"),
        ("IUD", "TIAL", False, "drop_out"),
        ("IAS", "HAMIL", False, "lain"),
        ("PIL", "PIL", False, "tetap"),
        ("IAT", "KONDOM", False, "ber_kb"),
    ],
)
def test_jenis_perubahan(sebelum, sesudah, pb, jenis):
    assert jenis_perubahan(sebelum, sesudah, peserta_baru=pb) == jenis


@pytest.mark.parametrize(
    ("gagal", "tahapan"),
    [
        (None, "ks3_plus"),
        (1, "pra_s"),
        (6, "pra_s"),
        (7, "ks1"),
        (14, "ks1"),
        (15, "ks2"),
        (19, "ks2"),
        (20, "ks3"),
        (21, "ks3"),
    ],
)
def test_tahapan_ks(gagal, tahapan):
    indikator = ["1"] * 21
    if gagal:
        indikator[gagal - 1] = "0"
    assert tahapan_ks("".join(indikator)) == tahapan


def test_tahapan_ks_not_applicable_counts_as_held():
    assert tahapan_ks("-" * 21) == "ks3_plus"
    assert tahapan_ks("1" * 10 + "0" + "-" * 10) == "ks1"


def test_catalogue_entries_use_only_entries_above_them_or_masukan():
    from pendataan import indikator as I

    dikenal = set(I.KOLOM_MASUKAN)
    for i in I.KATALOG:
        if isinstance(i, I.Jumlah):
            assert set(i.tambah) | set(i.kurang) <= dikenal, i.nama
        if isinstance(i, I.Persen):
            assert set(i.pembilang) | {i.penyebut} <= dikenal, i.nama
        assert i.nama not in dikenal, f"{i.nama} twice"
        assert i.label and i.singkat
        dikenal.add(i.nama)
    assert I.KOLOM_PERSEN == [
        "cpr",
        "mcpr",
        "mkjp_persen",
        "unmet_need_persen",
        "pb_target_persen",
        "pa_ppm_persen",
        "mkjp_ppm_persen",
        "pa_pria_persen",
    ]


def test_balance_rule_message_and_masukan_sums():
    from pendataan import indikator as I

    h = hitung_kosong() | {"pus": 4, "pa_iud": 1, "hamil": 1, "tial": 1}
    assert "PUS = 4" in I.cek_keseimbangan(h) and "= 3" in I.cek_keseimbangan(h)
    assert "1 PUS tanpa status" in I.cek_keseimbangan(h | {"tanpa_status": 1})
    tanpa_target = {"target_pb": None, "target_pa": None, "target_pa_mkjp": None}
    assert I.jumlahkan_masukan([{"pb_kumulatif": 2, "target_pb": None}, {"pb_kumulatif": 3}]) == {
        "pb_kumulatif": 5,
        **tanpa_target,
    }
    assert I.jumlahkan_masukan([]) == {"pb_kumulatif": 0, **tanpa_target}
    assert I.jumlahkan_masukan([{"target_pa": 4}, {"target_pa": 6, "target_pa_mkjp": 2}]) == {
        "pb_kumulatif": 0,
        "target_pb": None,
        "target_pa": 10,
        "target_pa_mkjp": 2,
    }
    with pytest.raises(TypeError):
        lengkapi(h, target_xyz=3)


def test_ppm_and_male_participation_indicators():
    """DOMAIN §9: PA / Σ PPM PA, MKJP PA / Σ MKJP PPM PA, (MOP + kondom) / PA; 0 on a zero
    or missing denominator."""
    from decimal import Decimal

    h = hitung_kosong() | {"pus": 10, "pa_iud": 2, "pa_mop": 1, "pa_kondom": 2, "pa_pil": 3}
    d = lengkapi(h, target_pa=16, target_pa_mkjp=6)
    assert d["pa_ppm_persen"] == Decimal("50.00")  # 8 / 16
    assert d["mkjp_ppm_persen"] == Decimal("50.00")  # IUD 2 + MOP 1 = 3 / 6
    assert d["pa_pria_persen"] == Decimal("37.50")  # 3 / 8
    d = lengkapi(hitung_kosong(), target_pa=None, target_pa_mkjp=0)
    assert d["pa_ppm_persen"] == d["mkjp_ppm_persen"] == d["pa_pria_persen"] == Decimal("0.00")
