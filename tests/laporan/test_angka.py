"""Indicators of §6 as a report carries them, the balance rule, and the CSV of §8.3."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from laporan import angka as A
from laporan import ekspor, grafik
from tests.factories import DusunFactory
from tests.laporan.factories import isi_register

BULAN = date(2025, 3, 1)


def _angka(**isi):
    hasil = A.kosong()
    hasil.update(isi)
    return hasil


def test_indicators_hand_computed():
    a = A.dengan_indikator(
        _angka(
            pus=40,
            pa_iud=3,
            pa_mow=1,
            pa_mop=1,
            pa_kondom=2,
            pa_implan=4,
            pa_suntik=10,
            pa_pil=5,
            pa_mal=1,
            pa_tradisional=3,
            hamil=3,
            ias=2,
            iat=3,
            tial=2,
            pb=4,
            pb_kumulatif=7,
            target_pb=32,
        )
    )
    assert a["pa"] == 30
    assert a["pa_modern"] == 27
    assert a["unmet_need"] == 5
    assert a["cpr"] == "75.00"  # 30 / 40
    assert a["mcpr"] == "67.50"  # 27 / 40
    assert a["mkjp_persen"] == "30.00"  # (3 + 4 + 1 + 1) / 30
    assert a["unmet_need_persen"] == "12.50"  # 5 / 40
    assert a["pb_target_persen"] == "21.88"  # 7 / 32 = 21.875, half up


def test_rounding_is_half_up_not_bankers():
    a = A.dengan_indikator(_angka(pus=32, pa_suntik=1, ias=31))
    assert a["cpr"] == "3.13"  # 3.125
    a = A.dengan_indikator(_angka(pus=160, pa_pil=1, hamil=159))
    assert a["mcpr"] == "0.63"  # 0.625
    a = A.dengan_indikator(_angka(pus=3, pa_pil=2, hamil=1))
    assert a["cpr"] == "66.67"


@pytest.mark.parametrize("target", [None, 0])
def test_zero_denominators_give_zero(target):
    a = A.dengan_indikator(_angka(pb_kumulatif=5, target_pb=target))
    for kolom in ("cpr", "mcpr", "mkjp_persen", "unmet_need_persen", "pb_target_persen"):
        assert a[kolom] == "0.00"


def test_mkjp_zero_when_no_acceptors_even_with_pus():
    a = A.dengan_indikator(_angka(pus=10, hamil=4, ias=6))
    assert (a["pa"], a["mkjp_persen"], a["cpr"]) == (0, "0.00", "0.00")


def test_balance_rule():
    assert A.cek_keseimbangan(_angka(pus=3, pa_iud=1, hamil=1, tial=1)) is None
    assert "tidak seimbang" in A.cek_keseimbangan(_angka(pus=4, pa_iud=1, hamil=1, tial=1))
    assert "tanpa status" in A.cek_keseimbangan(
        _angka(pus=4, pa_iud=1, hamil=1, tial=1, tanpa_status=1)
    )


def test_coverage_percent():
    assert A.persen(1, 3) == Decimal("33.33")
    assert A.persen(1, 8) == Decimal("12.50")
    assert A.persen(0, 0) == Decimal("0.00")


def test_chart_numbers_are_indonesian():
    assert grafik.angka_id(1234.5, 1) == "1.234,5"
    svg = grafik.garis("Uji", ["Jan", "Feb"], [("CPR", [10.5, 61.54])], desimal=2)
    assert svg.startswith("<svg") and "61,54" in svg and "<polyline" in svg
    svg = grafik.batang("Per kecamatan", ["K", "L"], [12.5, 0], penanda=[False, True])
    assert "12,50" in svg and "#9e9e9e" in svg


HEADER = (
    "kode_wilayah,nama_wilayah,tingkat,bulan,jumlah_keluarga,pus,pa_iud,pa_mow,pa_mop,"
    "pa_kondom,pa_implan,pa_suntik,pa_pil,pa_mal,pa_tradisional,pa,pa_modern,pb,hamil,ias,iat,"
    "tial,tanpa_status,unmet_need,cpr,mcpr,mkjp_persen,unmet_need_persen"
)


@pytest.fixture
def register(area):
    isi_register(
        dusun=area.dusun_a1,
        bulan=BULAN,
        pb=2,
        status=[
            "IUD",
            "IMPLAN",
            "SUNTIK",
            "SUNTIK",
            "PIL",
            "TRADISIONAL",
            "HAMIL",
            "IAS",
            "IAT",
            "TIAL",
            "",
        ],
    )
    isi_register(
        dusun=DusunFactory(induk=area.desa_b, nama="B1"), bulan=BULAN, status=["SUNTIK", "MOW"]
    )
    return area


def test_csv_columns_in_order_and_values(register, tmp_path):
    area = register
    keluaran = tmp_path / "rekap.csv"
    call_command("rekap_bulanan", "--bulan", "2025-03", "--output", str(keluaran))
    teks = keluaran.read_text(encoding="utf-8")
    assert teks.splitlines()[0] == HEADER
    baris = {(r["tingkat"], r["kode_wilayah"]): r for r in csv.DictReader(io.StringIO(teks))}
    desa_a = baris[("desa", area.desa_a.kode)]
    assert list(desa_a.values()) == [
        area.desa_a.kode,
        "Desa A",
        "desa",
        "2025-03",
        "11",
        "11",
        "1",
        "0",
        "0",
        "0",
        "1",
        "2",
        "1",
        "0",
        "1",  # methods in §8.3 order
        "6",
        "5",
        "2",
        "1",
        "1",
        "1",
        "1",
        "1",  # pa, pa_modern, pb, hamil..tanpa_status
        "2",
        "54.55",
        "45.45",
        "33.33",
        "18.18",
    ]
    kec_k = baris[("kecamatan", area.kec_k.kode)]
    assert [
        kec_k[k]
        for k in ("pus", "pa", "pa_modern", "cpr", "mcpr", "mkjp_persen", "unmet_need_persen")
    ] == ["13", "8", "7", "61.54", "53.85", "37.50", "15.38"]
    kec_l = baris[("kecamatan", area.kec_l.kode)]
    assert (kec_l["pus"], kec_l["cpr"], kec_l["mkjp_persen"]) == ("0", "0.00", "0.00")
    kab = [r for (t, _), r in baris.items() if t == "kabupaten"]
    assert len(kab) == 1 and kab[0]["pus"] == "13" and kab[0]["tanpa_status"] == "1"
    # Order: kabupaten, kecamatan, desa.
    tingkat = [r["tingkat"] for r in csv.DictReader(io.StringIO(teks))]
    assert tingkat == ["kabupaten", "kecamatan", "kecamatan", "desa", "desa", "desa"]


def test_csv_single_level_and_bad_month(register, capsys):
    call_command("rekap_bulanan", "--bulan", "2025-03", "--tingkat", "kecamatan")
    keluar = capsys.readouterr().out.strip().splitlines()
    assert keluar[0] == HEADER and len(keluar) == 3
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak valid"):
        call_command("rekap_bulanan", "--bulan", "2025-13")
    assert HEADER.split(",") == ekspor.KOLOM_CSV


def test_pb_against_yearly_target_rolls_up_on_dashboard(area, users, client):
    from django.urls import reverse

    from pendataan.models import TargetPB

    isi_register(dusun=area.dusun_a1, bulan=date(2025, 2, 1), pb=2, status=["PIL", "SUNTIK"])
    isi_register(dusun=area.dusun_a2, bulan=BULAN, pb=1, status=["IUD", "HAMIL"])
    TargetPB.objects.create(desa=area.desa_a, tahun=2025, target=8)
    TargetPB.objects.create(desa=area.desa_b, tahun=2025, target=32)
    client.force_login(users.koordinator)
    d = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    # PB January–March in kecamatan K = 3, target 8 + 32 = 40 → 7.50 %.
    assert (d["angka"]["pb_kumulatif"], d["angka"]["target_pb"]) == (3, 40)
    assert d["angka"]["pb_target_persen"] == "7.50"


def test_chart_end_labels_of_close_values_do_not_overlap():
    import re

    svg = grafik.garis(
        "CPR", ["Jan", "Feb"], [("CPR", [60, 61.0]), ("mCPR", [58, 60.2])], desimal=1
    )
    ujung = {
        t: float(y) for y, t in re.findall(r'y="([\d.]+)"[^>]*fill="#[0-9a-f]+">([\d,]+)<', svg)
    }
    assert set(ujung) == {"61,0", "60,2"}
    assert ujung["60,2"] - ujung["61,0"] >= 11  # the lower value's label moved below


def test_chart_axis_ticks_are_exact():
    svg = grafik.garis("Unmet need", ["Jan", "Feb"], [("Unmet", [20.1, 22.29])], desimal=2)
    assert all(t in svg for t in (">6,25<", ">12,5<", ">18,75<", ">25<"))
