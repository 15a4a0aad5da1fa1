"""The method detail of DOMAIN.md §8.4 on a hand-computed register (selector, CSV, command,
download beside the §8.3 CSV)."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from kader.scoping import SEMUA
from laporan import ekspor
from laporan.ekspor_metode import KOLOM_CSV_METODE, baris_metode_csv
from laporan.selectors import target_pb_desa
from laporan.selectors_metode import metode_desa
from pendataan.indikator import METODE
from pendataan.models import PerubahanStatus, TargetMetode, TargetPB
from tests.laporan.factories import isi_register

JAN, FEB, MAR = date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)
HEADER = (
    "kode_wilayah,nama_wilayah,tingkat,bulan,metode,pa,pa_pemerintah,pa_swasta,pb,pb_kumulatif,"
    "target_pb,sisa_target_pb,target_pa,ganti_cara,drop_out"
)


def _ubah(anggota, desa, bulan, status, jalur="", pb=False):
    PerubahanStatus.objects.create(
        anggota=anggota, desa=desa, bulan=bulan, status=status, jalur=jalur, peserta_baru=pb
    )


@pytest.fixture
def register(area):
    """Desa A: w1 PIL (PB, Jan) → SUNTIK swasta in March (ganti cara); w2 SUNTIK (PB, Jan) →
    HAMIL in March (drop out); w3 IAT → IMPLAN (PB) in March; w4 IUD since January (not PB);
    w5 KONDOM swasta (PB) in February. Desa B: targets only. Desa X (kec L): w6 PIL (PB) in
    March, no target."""
    w1, w2, w3, w4, w5 = isi_register(
        dusun=area.dusun_a1, bulan=JAN, pb=2, status=["PIL", "SUNTIK", "IAT", "IUD", ""]
    )
    _ubah(w5, area.desa_a, FEB, "KONDOM", "SWASTA", pb=True)
    _ubah(w1, area.desa_a, MAR, "SUNTIK", "SWASTA")
    _ubah(w2, area.desa_a, MAR, "HAMIL")
    _ubah(w3, area.desa_a, MAR, "IMPLAN", "PEMERINTAH", pb=True)
    (w6,) = isi_register(dusun=area.dusun_x1, bulan=MAR, pb=1, status=["PIL"])
    T = TargetMetode.objects.create
    T(desa=area.desa_a, tahun=2025, metode="SUNTIK", target_pb=4, target_pa=10)
    T(desa=area.desa_a, tahun=2025, metode="IMPLAN", target_pb=1, target_pa=3)
    T(desa=area.desa_a, tahun=2024, metode="SUNTIK", target_pb=99, target_pa=99)  # other year
    T(desa=area.desa_b, tahun=2025, metode="MOW", target_pb=5, target_pa=7)
    T(desa=area.desa_b, tahun=2025, metode="PIL", target_pb=1, target_pa=2)
    return area


def _nol(**isi):
    baris = dict.fromkeys(
        ["pa", "pa_pemerintah", "pa_swasta", "pb", "pb_kumulatif", "target_pb", "target_pa"], 0
    )
    baris.update(ganti_cara=0, drop_out=0)
    baris.update(isi)
    return baris


def test_desa_counts_match_the_hand_computed_register(register):
    a = register.desa_a
    hasil = metode_desa(bulan=MAR, desa_ids=[a.pk])[a.pk]
    assert list(hasil) == METODE  # BKKBN order, every method
    assert hasil["IUD"] == _nol(pa=1, pa_pemerintah=1)
    assert hasil["KONDOM"] == _nol(pa=1, pa_swasta=1, pb_kumulatif=1)  # PB in February
    assert hasil["IMPLAN"] == _nol(
        pa=1, pa_pemerintah=1, pb=1, pb_kumulatif=1, target_pb=1, target_pa=3
    )
    # w1 came from PIL: ganti cara, not PB; w2 left SUNTIK for HAMIL: a drop out of SUNTIK.
    assert hasil["SUNTIK"] == _nol(
        pa=1, pa_swasta=1, pb_kumulatif=1, target_pb=4, target_pa=10, ganti_cara=1, drop_out=1
    )
    assert hasil["PIL"] == _nol(pb_kumulatif=1)  # PB in January, left for SUNTIK in March
    for m in ("MOW", "MOP", "MAL", "TRADISIONAL"):
        assert hasil[m] == _nol()


def test_ganti_cara_drop_out_and_pb_are_distinct(register, area):
    """A change from a non-method to a method is no ganti cara; a change between two statuses
    that are not methods is no drop out; a method re-recorded as itself is neither."""
    (w,) = isi_register(dusun=area.dusun_a2, bulan=JAN, status=["IUD"])
    (v,) = isi_register(dusun=area.dusun_a2, bulan=JAN, status=["IAS"])
    _ubah(w, area.desa_a, MAR, "IUD", "SWASTA")
    _ubah(v, area.desa_a, MAR, "HAMIL")
    hasil = metode_desa(bulan=MAR, desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert hasil["IUD"]["ganti_cara"] == hasil["IUD"]["drop_out"] == 0
    assert (hasil["IUD"]["pa_pemerintah"], hasil["IUD"]["pa_swasta"]) == (1, 1)  # jalur split
    assert sum(hasil[m]["drop_out"] for m in METODE) == 1  # only w2 (SUNTIK → HAMIL)
    assert hasil["IMPLAN"]["ganti_cara"] == 0  # w3 came from IAT: PB, not ganti cara


def test_pb_kumulatif_runs_from_january(register):
    a = register.desa_a
    jan = metode_desa(bulan=JAN, desa_ids=[a.pk])[a.pk]
    feb = metode_desa(bulan=FEB, desa_ids=[a.pk])[a.pk]
    assert (jan["PIL"]["pb"], jan["SUNTIK"]["pb"], jan["IUD"]["pb"]) == (1, 1, 0)
    assert (feb["KONDOM"]["pb"], feb["KONDOM"]["pb_kumulatif"], feb["PIL"]["pb"]) == (1, 1, 0)
    assert feb["SUNTIK"]["pb_kumulatif"] == 1
    # A PB of last December does not count in this year.
    assert metode_desa(bulan=date(2026, 1, 1), desa_ids=[a.pk])[a.pk]["PIL"]["pb_kumulatif"] == 0


def _csv(baris):
    return {(b["tingkat"], b["kode_wilayah"], b["metode"]): b for b in baris}


def test_csv_rows_levels_and_sums(register):
    a, b, x = register.desa_a, register.desa_b, register.desa_x
    baris = baris_metode_csv(bulan=MAR, desa_ids=SEMUA)
    # 1 kabupaten + 2 kecamatan + 3 desa, 9 methods each, zeros included.
    assert len(baris) == 6 * 9
    assert [r["metode"] for r in baris[:9]] == METODE
    rows = _csv(baris)
    # Desa B: a target with no changes; desa X: changes with no target.
    assert rows[("desa", b.kode, "MOW")]["target_pb"] == 5
    assert rows[("desa", b.kode, "MOW")]["sisa_target_pb"] == 5
    assert rows[("desa", b.kode, "MOW")]["target_pa"] == 7
    assert rows[("desa", x.kode, "PIL")]["pb"] == 1
    assert rows[("desa", x.kode, "PIL")]["target_pb"] == 0
    assert rows[("desa", x.kode, "PIL")]["sisa_target_pb"] == 0
    assert rows[("desa", a.kode, "SUNTIK")]["sisa_target_pb"] == 3  # 4 − 1
    assert rows[("desa", a.kode, "IMPLAN")]["sisa_target_pb"] == 0  # 1 − 1
    kec_k = a.kecamatan.kode
    # Kecamatan K PIL: target 1 (desa B) − PB 1 (desa A) = 0, computed on the sums (the desa
    # rests, 0 and 1, would add up to 1).
    assert rows[("kecamatan", kec_k, "PIL")]["target_pb"] == 1
    assert rows[("kecamatan", kec_k, "PIL")]["pb_kumulatif"] == 1
    assert rows[("kecamatan", kec_k, "PIL")]["sisa_target_pb"] == 0
    assert rows[("kecamatan", kec_k, "MOW")]["target_pb"] == 5
    kab = next(r for r in baris if r["tingkat"] == "kabupaten" and r["metode"] == "PIL")
    assert (kab["pa"], kab["pb"], kab["pb_kumulatif"], kab["target_pb"]) == (1, 1, 2, 1)
    kab_suntik = next(r for r in baris if r["tingkat"] == "kabupaten" and r["metode"] == "SUNTIK")
    assert (kab_suntik["target_pa"], kab_suntik["ganti_cara"], kab_suntik["drop_out"]) == (
        10,
        1,
        1,
    )


def test_command_writes_exactly_the_columns_of_8_4(register, tmp_path):
    keluar = tmp_path / "metode.csv"
    call_command("rekap_metode", "--bulan", "2025-03", "--tingkat", "desa", "--output", keluar)
    teks = keluar.read_text(encoding="utf-8")
    assert teks.splitlines()[0] == HEADER
    assert HEADER.split(",") == KOLOM_CSV_METODE
    rows = list(csv.DictReader(io.StringIO(teks)))
    assert len(rows) == 3 * 9 and {r["tingkat"] for r in rows} == {"desa"}
    out = io.StringIO()
    call_command("rekap_metode", "--bulan", "2025-03", "--tingkat", "kabupaten", stdout=out)
    assert len(out.getvalue().splitlines()) == 1 + 9


def test_cells_are_formula_safe(register):
    register.desa_b.nama = "=HYPERLINK(1)"
    register.desa_b.save()
    from laporan.ekspor_metode import csv_metode_teks

    assert "'=HYPERLINK(1)" in csv_metode_teks(
        baris_metode_csv(bulan=MAR, tingkat="desa", desa_ids=SEMUA)
    )


def test_yearly_pb_target_is_the_sum_over_methods(register):
    a, b, x = register.desa_a, register.desa_b, register.desa_x
    TargetPB.objects.create(desa=a, tahun=2025, target=40)  # older single target: superseded
    TargetPB.objects.create(desa=x, tahun=2025, target=12)  # no method rows: still read
    assert target_pb_desa(tahun=2025, desa_ids=[a.pk, b.pk, x.pk]) == {
        a.pk: 5,
        b.pk: 6,
        x.pk: 12,
    }


def test_download_beside_the_8_3_csv(register, users, client):
    client.force_login(users.dinas)
    halaman = client.get(reverse("laporan:rekap", kwargs={"bulan": "2025-03"}))
    url = reverse("laporan:rekap_metode_csv", kwargs={"bulan": "2025-03"})
    assert url in halaman.content.decode()
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    teks = r.content.decode()
    assert teks.splitlines()[0] == HEADER and len(teks.splitlines()) == 1 + 6 * 9
    # The §8.3 CSV is unchanged.
    r83 = client.get(reverse("laporan:rekap_csv", kwargs={"bulan": "2025-03"}))
    assert r83.content.decode().splitlines()[0].split(",") == ekspor.KOLOM_CSV


def test_download_needs_login_and_permission(register, users, client):
    url = reverse("laporan:rekap_metode_csv", kwargs={"bulan": "2025-03"})
    assert client.get(url).status_code == 302
    client.force_login(users.ppkbd)
    assert client.get(url).status_code == 403


def test_query_count_does_not_grow_with_the_number_of_desa(register, django_assert_num_queries):
    from tests.factories import DesaFactory

    ids = [register.desa_a.pk, register.desa_b.pk, register.desa_x.pk]
    # 4 reads: PA by jalur, changes of the month, PB from January, targets (JIT is off for the
    # connection, no SET LOCAL around the PA read).
    with django_assert_num_queries(4):
        metode_desa(bulan=MAR, desa_ids=ids)
    ids += [DesaFactory(induk=register.kec_k).pk for _ in range(20)]
    with django_assert_num_queries(4):
        hasil = metode_desa(bulan=MAR, desa_ids=ids)
    assert len(hasil) == 23


def test_pa_and_pb_agree_with_the_8_3_figures(register):
    """Same month, same desa: the §8.4 per-method PA and PB add up to the §8.3 columns."""
    from pendataan.selectors import indikator_desa, pb_kumulatif_desa

    ids = [register.desa_a.pk, register.desa_b.pk, register.desa_x.pk]
    rinci = metode_desa(bulan=MAR, desa_ids=ids)
    hitung = indikator_desa(bulan=MAR, desa_ids=ids)
    kumulatif = pb_kumulatif_desa(bulan=MAR, desa_ids=ids)
    for pk in ids:
        for m in METODE:
            assert rinci[pk][m]["pa"] == hitung[pk][f"pa_{m.lower()}"]
        assert sum(r["pb"] for r in rinci[pk].values()) == hitung[pk]["pb"]
        assert sum(r["pb_kumulatif"] for r in rinci[pk].values()) == kumulatif[pk]


def test_download_of_a_narrower_role_covers_only_its_area(register, users, client):
    """A user who sees part of the district gets its desa and kecamatan, no kabupaten row (a
    sum over part of the district is not the district's figure)."""
    from django.contrib.auth.models import Permission

    users.koordinator.user_permissions.add(Permission.objects.get(codename="view_berkasrekap"))
    client.force_login(users.koordinator)  # kecamatan K: desa A and B
    r = client.get(reverse("laporan:rekap_metode_csv", kwargs={"bulan": "2025-03"}))
    rows = list(csv.DictReader(io.StringIO(r.content.decode())))
    wilayah = {(b["tingkat"], b["kode_wilayah"]) for b in rows}
    assert wilayah == {
        ("kecamatan", register.kec_k.kode),
        ("desa", register.desa_a.kode),
        ("desa", register.desa_b.kode),
    }
    assert len(rows) == 3 * 9
