"""The IMP classification of DOMAIN.md §10: the thresholds at their edges (pure), and the
evidence gathered from the register, meetings, KIE, counselling, poktan, funds and training."""

from datetime import date

import pytest
from django.utils import timezone

from kader.models import KelompokArisan, TransaksiKas
from laporan import program as P
from laporan import selectors_program as S
from laporan.models import LaporanDesa
from pendataan.models import KonfirmasiPus, PerubahanStatus
from tests.factories import KaderFactory, PengurusFactory
from tests.pertemuan.factories import (
    KegiatanPoktanFactory,
    KonselingFactory,
    PertemuanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    pus,
)


def mandiri(**ubah) -> dict:
    """Evidence exactly at every threshold (the least that is still mandiri)."""
    b = {
        "ketua": True,
        "sekretaris": True,
        "bendahara": True,
        "jabatan_lain": 1,
        "sesi_kie": 1,
        "bulan_status": 6,
        "bulan_pertemuan": 10,
        "triwulan_layanan": 4,
        "poktan_aktif": 1,
        "bulan_iuran": 10,
        "arisan_berjalan": False,
        "pengurus_dilatih": 1,
    }
    b.update(ubah)
    return b


def kelas(**ubah):
    return P.klasifikasi(mandiri(**ubah))[0]


def test_every_threshold_at_its_edge_holds():
    assert kelas() == "mandiri"


@pytest.mark.parametrize(
    ("ubah", "hasil"),
    [
        # dasar
        ({"ketua": False}, None),
        ({"jabatan_lain": 0, "sekretaris": False, "bendahara": False}, None),
        ({"sesi_kie": 0}, None),
        ({"bulan_status": 5}, None),
        # berkembang
        ({"bulan_pertemuan": 9}, "dasar"),
        ({"triwulan_layanan": 3}, "dasar"),
        ({"poktan_aktif": 0}, "dasar"),
        # mandiri
        ({"bendahara": False}, "berkembang"),
        ({"sekretaris": False}, "berkembang"),
        ({"bulan_iuran": 9}, "berkembang"),
        ({"pengurus_dilatih": 0}, "berkembang"),
    ],
)
def test_one_below_a_threshold_drops_the_class(ubah, hasil):
    assert kelas(**ubah) == hasil


def test_an_arisan_running_replaces_ten_months_of_dues():
    assert kelas(bulan_iuran=0, arisan_berjalan=True) == "mandiri"


def test_a_higher_class_needs_every_class_below():
    # Everything of mandiri and berkembang, but dasar fails: not even dasar.
    assert kelas(bulan_status=0) is None
    # Mandiri's own criteria hold but berkembang fails: dasar.
    assert kelas(poktan_aktif=0) == "dasar"


def test_evidence_names_each_criterion_with_its_numbers():
    _, kriteria = P.klasifikasi(mandiri(bulan_status=5, bulan_iuran=3))
    per = {k["kode"]: k for k in kriteria}
    assert [k["kode"] for k in kriteria] == [k.kode for k in P.KRITERIA]
    assert per["status"] == {
        "kode": "status",
        "kelas": "dasar",
        "label": "Status KB disimpan atau dikonfirmasi minimal 6 bulan",
        "ok": False,
        "angka": "5 dari 12 bulan",
    }
    assert per["dana"]["angka"] == "iuran 3 dari 12 bulan, arisan tidak ada"
    assert per["dana"]["ok"] is False


def test_thresholds_live_in_one_place(monkeypatch):
    monkeypatch.setitem(P.AMBANG, "bulan_pertemuan", 12)
    assert kelas() == "dasar"


# --- evidence from the data -------------------------------------------------------------------

AGU = date(2025, 8, 1)  # window: September 2024 – August 2025
BULAN = [date(2024, 9, 1), *[date(2025, m, 1) for m in range(1, 9)], date(2024, 10, 1)]


@pytest.fixture
def melati(area, users):
    """PPKBD Melati (desa A) with everything mandiri needs over Sep 2024 – Aug 2025."""
    i = area.ppkbd_a
    ketua = KaderFactory(institusi=i, nama="Ketua")
    PengurusFactory(kader=ketua, jabatan="ketua", mulai=date(2024, 1, 1))
    PengurusFactory(kader__institusi=i, institusi=i, jabatan="sekretaris", mulai=date(2024, 1, 1))
    PengurusFactory(kader__institusi=i, institusi=i, jabatan="bendahara", mulai=date(2024, 1, 1))
    PesertaPelatihanFactory(kader=ketua)  # March 2025
    SesiKIEFactory(wilayah=area.desa_a, tanggal=date(2025, 2, 3))  # no institution: by area
    for b in BULAN:  # 10 months with a meeting, dues and …
        PertemuanFactory(wilayah=area.desa_a, institusi=i, tanggal=b.replace(day=9))
        TransaksiKas.objects.create(
            institusi=i,
            tanggal=b.replace(day=5),
            jenis="iuran",
            jumlah=5000,
            uraian="Iuran",
            kader=ketua,
            bulan_iuran=b,
        )
    w = pus(dusun=area.dusun_a1)
    # … statuses: change rows in 3 months, a confirmation in 2, the desa report sent in 1.
    for b, s in ((date(2024, 9, 1), "PIL"), (date(2025, 1, 1), "SUNTIK"), (AGU, "IUD")):
        PerubahanStatus.objects.create(
            anggota=w, desa=area.desa_a, bulan=b, status=s, jalur="PEMERINTAH"
        )
    for b in (date(2025, 2, 1), date(2025, 3, 1)):
        KonfirmasiPus.objects.create(wilayah=area.desa_a, bulan=b, oleh=users.ppkbd)
    LaporanDesa.objects.create(
        desa=area.desa_a, bulan=date(2025, 4, 1), dikirim_pertama_pada=timezone.now()
    )
    # Counselling by a cadre of Melati in 3 quarters and a poktan activity in the 4th.
    for t in (date(2024, 9, 20), date(2024, 12, 20), date(2025, 4, 2)):
        KonselingFactory(anggota=w, kader=ketua, tanggal=t)
    poktan = PoktanFactory(wilayah=area.desa_a, institusi=i)
    KegiatanPoktanFactory(poktan=poktan, tanggal=date(2025, 7, 1))
    return i


def _bukti(area, institusi):
    return S.bukti_klasifikasi(institusi=[institusi, area.sub_a1], bulan=AGU)


def test_evidence_of_a_mandiri_ppkbd(area, melati, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        bukti = _bukti(area, melati)
    b = bukti[melati.pk]
    assert b == {
        "ketua": True,
        "sekretaris": True,
        "bendahara": True,
        "jabatan_lain": 2,
        "sesi_kie": 1,
        "bulan_status": 6,
        "bulan_pertemuan": 10,
        "triwulan_layanan": 4,
        "poktan_aktif": 1,
        "bulan_iuran": 10,
        "arisan_berjalan": False,
        "pengurus_dilatih": 1,
    }
    assert P.klasifikasi(b)[0] == "mandiri"
    # The Sub-PPKBD of dusun A1 gets nothing of Melati's (named or desa-level activities)...
    sub = bukti[area.sub_a1.pk]
    assert (sub["sesi_kie"], sub["bulan_pertemuan"], sub["bulan_iuran"]) == (0, 0, 0)
    # ... but the desa's "no change" confirmations (Feb, Mar) cover its dusun, and the change
    # rows of the dusun's families (Sep, Jan, Aug) are its own.
    assert sub["bulan_status"] == 2 + 3


def test_one_month_less_drops_to_the_class_below(area, melati):
    melati.pertemuan.filter(tanggal__month=10, tanggal__year=2024).delete()  # 9 months left
    b = _bukti(area, melati)[melati.pk]
    assert b["bulan_pertemuan"] == 9
    assert P.klasifikasi(b)[0] == "dasar"


def test_an_arisan_running_makes_up_for_missing_dues(area, melati):
    TransaksiKas.objects.filter(institusi=melati, tanggal__year=2024).delete()  # 8 months left
    b = _bukti(area, melati)[melati.pk]
    assert b["bulan_iuran"] == 8
    assert P.klasifikasi(b)[0] == "berkembang"
    arisan = KelompokArisan.objects.create(institusi=melati, nama="Arisan", setoran=10000)
    KelompokArisan.objects.filter(pk=arisan.pk).update(dibuat=date(2025, 5, 1))
    b = _bukti(area, melati)[melati.pk]
    assert b["arisan_berjalan"] and P.klasifikasi(b)[0] == "mandiri"


def test_activities_outside_the_window_do_not_count(area, melati):
    b = S.bukti_klasifikasi(institusi=[melati], bulan=date(2026, 8, 1))[melati.pk]
    assert (b["sesi_kie"], b["bulan_pertemuan"], b["triwulan_layanan"]) == (0, 0, 0)
    assert b["ketua"]  # the board is still in office (until 2027)
