"""The poktan page counts member PUS as the F/I/Dal/13 items III/IV do (DOMAIN.md §9): per
family (a family with two PUS is one), members active and joined by the month's last day —
one definition (pertemuan.selectors.anggota_pada, pus_keluarga) for the page and the report."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan.selectors_fidal import fidal_desa
from pendataan import services as ps
from pendataan.models import PerubahanStatus
from pendataan.selectors import awal_bulan
from pertemuan.models import AnggotaPoktan, Poktan
from pertemuan.selectors import poktan_ringkasan
from tests.factories import nik_valid

pytestmark = pytest.mark.django_db

JAN, MAR, APR = date(2025, 1, 1), date(2025, 3, 1), date(2025, 4, 2)
IBU = ("P", date(1990, 5, 17), 2)  # 34 on 31 March 2025, married: a PUS
MENANTU = ("P", date(1999, 8, 1), 2)  # 25, married: a second PUS in the same family
_kk = iter(range(1, 1000))


def _keluarga(dusun, *anggota):
    kel = ps.keluarga_simpan(
        no_kk=f"7306{next(_kk) + 700_000:012d}", dusun=dusun, rt="001", nama_kepala="Kepala Uji"
    )
    orang = [
        ps.anggota_tambah(
            keluarga=kel,
            nik=nik_valid(jenis_kelamin=jk, lahir=lahir),
            nama="Anggota Uji",
            jenis_kelamin=jk,
            tanggal_lahir=lahir,
            hubungan=2 if kawin == 2 else 3,
            status_kawin=kawin,
        )
        for jk, lahir, kawin in anggota
    ]
    return kel, orang


@pytest.fixture
def bkb(area):
    """Desa A's only BKB group, March 2025. Hand count, per family:
    K1 two PUS (IUD, none) + child 2 y → PUS, ber-KB; K2 one PUS, SUNTIK in January then
    HAMIL in March → PUS, not ber-KB; K3 elderly only → no PUS; K6 two PUS (PIL, SUNTIK) → one
    PUS family, ber-KB; K4 PUS on PIL but joined on 2 April → not a member in March; K5 PUS on
    IMPLAN, membership ended → not a member.
    March: 4 member families (K1 K2 K3 K6), 3 with a PUS (K1 K2 K6), 2 of them ber-KB (K1 K6).
    Counting women instead would give 5 members (K4 too), 6 PUS and 4 ber-KB."""
    a1, d = area.dusun_a1, area.desa_a
    k1, (w1, _, _) = _keluarga(a1, IBU, MENANTU, ("L", date(2022, 6, 1), 1))
    k2, (w2,) = _keluarga(a1, IBU)
    k3, _ = _keluarga(a1, ("L", date(1950, 1, 1), 4))
    k4, (w4,) = _keluarga(a1, IBU)
    k5, (w5,) = _keluarga(a1, IBU)
    k6, (w6a, w6b) = _keluarga(a1, IBU, MENANTU)
    for w, bulan, status in (
        (w1, JAN, "IUD"),
        (w2, JAN, "SUNTIK"),
        (w2, MAR, "HAMIL"),
        (w4, JAN, "PIL"),
        (w5, JAN, "IMPLAN"),
        (w6a, JAN, "PIL"),
        (w6b, MAR, "SUNTIK"),
    ):
        PerubahanStatus.objects.create(anggota=w, desa=d, bulan=bulan, status=status)
    poktan = Poktan.objects.create(jenis="bkb", nama="Balita Sehat", wilayah=d)
    for kel in (k1, k2, k3, k6):
        AnggotaPoktan.objects.create(poktan=poktan, keluarga=kel, tanggal_masuk=JAN)
    AnggotaPoktan.objects.create(poktan=poktan, keluarga=k4, tanggal_masuk=APR)
    AnggotaPoktan.objects.create(poktan=poktan, keluarga=k5, tanggal_masuk=JAN, aktif=False)
    return poktan


def test_page_counts_families_like_the_report(bkb, area):
    r = poktan_ringkasan(poktan=bkb, pada=date(2025, 3, 15))
    assert [r["anggota"], r["pus_anggota"], r["pus_anggota_kb"]] == [4, 3, 2]
    h = fidal_desa(bulan=MAR, desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert [h["iii_bkb_anggota"], h["iii_bkb_pus"], h["iii_bkb_kb"]] == [4, 3, 2]
    # April: K4 has joined (a PUS family on PIL).
    r = poktan_ringkasan(poktan=bkb, pada=date(2025, 4, 30))
    assert [r["anggota"], r["pus_anggota"], r["pus_anggota_kb"]] == [5, 4, 3]


def test_poktan_page_shows_the_report_figures_of_this_month(client, users, bkb, area):
    client.force_login(users.ppkbd)
    resp = client.get(reverse("pertemuan:poktan_detail", args=[bkb.pk]))
    assert resp.status_code == 200
    r = resp.context["ringkasan"]
    bulan = awal_bulan(timezone.localdate())
    h = fidal_desa(bulan=bulan, desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert (r["bulan"], r["anggota"], r["pus_anggota"], r["pus_anggota_kb"]) == (
        bulan,
        h["iii_bkb_anggota"],
        h["iii_bkb_pus"],
        h["iii_bkb_kb"],
    )
    assert [r["anggota"], r["pus_anggota"], r["pus_anggota_kb"]] == [5, 4, 3]  # K4 joined
    html = resp.content.decode()
    assert "Keluarga anggota yang PUS" in html
    assert "keluarga dengan dua PUS dihitung satu" in html
