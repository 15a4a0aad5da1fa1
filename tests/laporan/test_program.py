"""The measures of DOMAIN.md §10 on hand-computed fixtures, and the §8.6 CSV (selector,
command, download)."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from kader.scoping import SEMUA
from laporan import program as P
from laporan import selectors_program as S
from pendataan import services as ps
from pendataan.models import Mutasi, PerubahanStatus
from pertemuan.models import AkseptorPelayanan, PelayananKB, Sosialisasi
from tests.factories import KaderFactory
from tests.pertemuan.factories import KonselingFactory, anggota, keluarga, pus

HEADER = (
    "kode_wilayah,nama_wilayah,tingkat,bulan,lahir,nikah_bawah_usia_ideal,konseling,"
    "konversi_mkjp,pelayanan_kb,akseptor_dilayani,sosialisasi"
)
MAR, JUL = date(2025, 3, 1), date(2025, 7, 1)


# --- pure rules --------------------------------------------------------------------------------


def test_conversion_window_is_three_months_after_the_counselling_month():
    juli = date(2025, 7, 1)
    # Counselled on 1 July: a change recorded for October (1 Oct = day 92) counts, November not.
    assert P.konversi(juli, [(date(2025, 10, 1), "IUD")])
    assert not P.konversi(juli, [(date(2025, 11, 1), "IUD")])
    assert P.konversi(juli, [(juli, "IMPLAN")])  # the counselling month itself
    assert not P.konversi(juli, [(date(2025, 6, 1), "IUD")])  # before: not a next change
    # The NEXT method change decides: SUNTIK first, IUD later → not converted.
    assert not P.konversi(juli, [(date(2025, 9, 1), "IUD"), (date(2025, 8, 1), "SUNTIK")])
    assert P.konversi(juli, [(date(2025, 8, 1), "MOW"), (date(2025, 9, 1), "PIL")])
    assert not P.konversi(juli, [])


def test_ideal_marriage_age_edges():
    assert not P.di_bawah_usia_ideal("P", 21)
    assert P.di_bawah_usia_ideal("P", 20)
    assert not P.di_bawah_usia_ideal("L", 25)
    assert P.di_bawah_usia_ideal("L", 24)


def test_per_thousand_rounds_half_up_and_zero_population():
    assert P.per_seribu(1, 800) == Decimal("1.25")
    assert P.per_seribu(1, 3) == Decimal("333.33")
    assert P.per_seribu(2, 3) == Decimal("666.67")
    assert P.per_seribu(5, 0) == Decimal("0.00")


# --- register-based measures -------------------------------------------------------------------


@pytest.fixture
def lahir(area):
    """Desa A: a baby born on 31 March 2025 (last day) and one on 1 April; desa X: one in March.
    One mother with her family in desa A."""
    kel = keluarga(dusun=area.dusun_a1)
    ibu = anggota(keluarga=kel, lahir=date(1995, 1, 1))
    anggota(keluarga=kel, nama="Bayi Maret", lahir=date(2025, 3, 31), hubungan=3, status_kawin=1)
    anggota(keluarga=kel, nama="Bayi April", lahir=date(2025, 4, 1), hubungan=3, status_kawin=1)
    kel_x = keluarga(dusun=area.dusun_x1)
    anggota(keluarga=kel_x, nama="Bayi X", lahir=date(2025, 3, 1), hubungan=3, status_kawin=1)
    return ibu


def test_birth_on_the_last_day_of_the_month_counts_in_that_month(area, lahir):
    maret = S.lahir_desa(bulan=MAR, desa_ids=[area.desa_a.pk, area.desa_x.pk])
    assert maret == {area.desa_a.pk: 1, area.desa_x.pk: 1}
    april = S.lahir_desa(bulan=date(2025, 4, 1), desa_ids=SEMUA)
    assert april == {area.desa_a.pk: 1}
    # Per 1,000: on 31 March desa A has the mother and the March baby (April's is not born).
    hasil = S.hasil_program(desa=[area.desa_a], bulan=MAR)
    assert hasil["desa"][0]["penduduk"] == 2
    assert hasil["desa"][0]["lahir_per_seribu"] == Decimal("500.00")


def _nikah(kel, *, jk, lahir, tanggal, hubungan=1):
    a = anggota(keluarga=kel, jenis_kelamin=jk, lahir=lahir, hubungan=hubungan, status_kawin=1)
    ps.mutasi_catat(anggota=a, jenis=Mutasi.Jenis.MENIKAH, tanggal=tanggal)
    return a


def test_marriage_on_the_21st_and_25th_birthday_is_not_below_the_ideal_age(area):
    hari = date(2025, 3, 15)
    # Desa A: a woman marrying on her 21st birthday, a man on his 25th: not below.
    _nikah(keluarga(dusun=area.dusun_a1), jk="P", lahir=date(2004, 3, 15), tanggal=hari)
    _nikah(keluarga(dusun=area.dusun_a1), jk="L", lahir=date(2000, 3, 15), tanggal=hari)
    # A woman one day short of 21 and a man one day short of 25: below (2 marriages).
    _nikah(keluarga(dusun=area.dusun_a2), jk="P", lahir=date(2004, 3, 16), tanggal=hari)
    _nikah(keluarga(dusun=area.dusun_a2), jk="L", lahir=date(2000, 3, 16), tanggal=hari)
    # Both spouses of one family on one date, both young: one marriage.
    kel = keluarga(dusun=area.dusun_a1)
    _nikah(kel, jk="L", lahir=date(2003, 1, 1), tanggal=date(2025, 3, 31))
    _nikah(kel, jk="P", lahir=date(2006, 1, 1), tanggal=date(2025, 3, 31), hubungan=2)
    # Desa X: a young woman marrying on 1 April: April, not March.
    _nikah(keluarga(dusun=area.dusun_x1), jk="P", lahir=date(2007, 1, 1), tanggal=date(2025, 4, 1))
    assert S.nikah_bawah_usia_ideal_desa(bulan=MAR, desa_ids=SEMUA) == {area.desa_a.pk: 3}
    assert S.nikah_bawah_usia_ideal_desa(bulan=date(2025, 4, 1), desa_ids=SEMUA) == {
        area.desa_x.pk: 1
    }


def _ubah(w, desa, bulan, status):
    PerubahanStatus.objects.create(
        anggota=w, desa=desa, bulan=bulan, status=status, jalur="PEMERINTAH"
    )


@pytest.fixture
def konversi(area):
    """July 2025 in desa A, counselled by cadre k1 (w1–w3) and k2 (w4): w1 counselled 1 July,
    IUD recorded for October (day 92) → converted; w2 counselled 1 July, IMPLAN in November →
    not; w3 counselled 20 July, SUNTIK in August then IUD in September → not (the next change
    is SUNTIK); w4 counselled 5 July, IUD in July → converted, and counselled again on 25 July
    (one PUS). Desa X: w5 counselled in July, MOP in August → converted."""
    k1 = KaderFactory(institusi=area.ppkbd_a, nama="Kader Satu")
    k2 = KaderFactory(institusi=area.sub_a1, nama="Kader Dua")
    w = [pus(dusun=area.dusun_a1) for _ in range(4)]
    for wi, tgl, k in (
        (w[0], date(2025, 7, 1), k1),
        (w[1], date(2025, 7, 1), k1),
        (w[2], date(2025, 7, 20), k1),
        (w[3], date(2025, 7, 5), k2),
        (w[3], date(2025, 7, 25), k2),
    ):
        KonselingFactory(anggota=wi, kader=k, tanggal=tgl)
    a = area.desa_a
    _ubah(w[0], a, date(2025, 10, 1), "IUD")
    _ubah(w[1], a, date(2025, 11, 1), "IMPLAN")
    _ubah(w[2], a, date(2025, 8, 1), "SUNTIK")
    _ubah(w[2], a, date(2025, 9, 1), "IUD")
    _ubah(w[3], a, JUL, "IUD")
    w5 = pus(dusun=area.dusun_x1)
    KonselingFactory(anggota=w5, tanggal=date(2025, 7, 9))
    _ubah(w5, area.desa_x, date(2025, 8, 1), "MOP")
    return k1, k2


def test_conversion_per_desa_and_per_cadre(area, konversi):
    k1, k2 = konversi
    u = S.ukuran_desa(bulan=JUL, desa_ids=SEMUA)
    assert u[area.desa_a.pk]["konseling"] == 5
    assert u[area.desa_a.pk]["konversi_mkjp"] == 2
    assert u[area.desa_x.pk]["konversi_mkjp"] == 1
    assert u[area.desa_b.pk] == P.ukuran_kosong()
    per_kader = {
        b["nama"]: b
        for b in S.konversi_mkjp(desa_ids=[area.desa_a.pk], dari=JUL, sampai=JUL, per="kader")
    }
    assert per_kader["Kader Satu"]["dikonseling"] == 3
    assert per_kader["Kader Satu"]["konversi_mkjp"] == 1
    assert per_kader["Kader Satu"]["persen"] == Decimal("33.33")
    assert per_kader["Kader Dua"]["dikonseling"] == 1
    assert per_kader["Kader Dua"]["persen"] == Decimal("100.00")


# --- events and the CSV ------------------------------------------------------------------------


@pytest.fixture
def acara(area, konversi):
    """July 2025: a KB service in dusun A1 with 3 anonymous IMPLAN acceptors and 1 IUD brought
    by k1; a sosialisasi in desa B; a kecamatan-level sosialisasi in K."""
    k1, _ = konversi
    p = PelayananKB.objects.create(
        jenis="bakti_tni",
        judul="Bakti TNI",
        tanggal=date(2025, 7, 31),
        wilayah=area.dusun_a1,
        tempat="Posyandu",
    )
    AkseptorPelayanan.objects.create(pelayanan=p, metode="IMPLAN", jumlah=3)
    AkseptorPelayanan.objects.create(pelayanan=p, metode="IUD", jumlah=1, kader=k1)
    for w in (area.desa_b, area.kec_k):
        Sosialisasi.objects.create(
            jenis="eksternal",
            judul="PUP",
            tanggal=date(2025, 7, 2),
            wilayah=w,
            sasaran="kua",
            jumlah_terjangkau=30,
        )
    return area


def _csv(teks: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(teks)))


def test_csv_rows_every_level_sum_their_desa(acara):
    area = acara
    baris = S.baris_program_csv(bulan=JUL, desa_ids=SEMUA)
    per = {(b["tingkat"], b["nama_wilayah"]): b for b in baris}
    assert [b["tingkat"] for b in baris][:1] == ["kabupaten"]
    a = per[("desa", "Desa A")]
    assert (a["konseling"], a["konversi_mkjp"], a["pelayanan_kb"], a["akseptor_dilayani"]) == (
        5,
        2,
        1,
        4,
    )
    assert per[("desa", "Desa B")]["sosialisasi"] == 1
    k = per[("kecamatan", "Kecamatan K")]
    # K = A + B, plus the kecamatan's own sosialisasi.
    assert (k["konseling"], k["konversi_mkjp"], k["akseptor_dilayani"], k["sosialisasi"]) == (
        5,
        2,
        4,
        2,
    )
    kab = baris[0]
    assert (kab["konseling"], kab["konversi_mkjp"], kab["sosialisasi"]) == (6, 3, 2)
    assert [
        b["tingkat"] for b in S.baris_program_csv(bulan=JUL, tingkat="desa", desa_ids=SEMUA)
    ] == ["desa"] * 3
    assert S.baris_program_csv(bulan=JUL, desa_ids=[area.desa_x.pk])[0]["tingkat"] == "kecamatan"


def test_command_writes_the_csv_of_8_6(acara, tmp_path):
    keluar = tmp_path / "program.csv"
    call_command("rekap_program", bulan="2025-07", tingkat="kecamatan", output=str(keluar))
    teks = keluar.read_text(encoding="utf-8")
    assert teks.splitlines()[0] == HEADER
    baris = _csv(teks)
    assert [b["nama_wilayah"] for b in baris] == ["Kecamatan K", "Kecamatan L"]
    assert baris[0]["bulan"] == "2025-07"
    assert baris[1]["konversi_mkjp"] == "1"
    out = io.StringIO()
    call_command("rekap_program", bulan="2025-07", stdout=out)
    assert out.getvalue().splitlines()[0] == HEADER
    assert len(_csv(out.getvalue())) == 1 + 2 + 3  # kabupaten, 2 kecamatan, 3 desa


def test_command_refuses_a_bad_month():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak valid"):
        call_command("rekap_program", bulan="2025-13")


def test_download_for_a_koordinator_covers_their_kecamatan_only(client, users, acara):
    client.force_login(users.koordinator)
    r = client.get(reverse("laporan:program_csv", args=["2025-07"]))
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    teks = r.content.decode()
    assert teks.splitlines()[0] == HEADER
    nama = [b["nama_wilayah"] for b in _csv(teks)]
    assert nama == ["Kecamatan K", "Desa A", "Desa B"]  # no kabupaten row, nothing of L
    r = client.get(reverse("laporan:program_csv", args=["2025-07"]) + "?tingkat=desa")
    assert [b["tingkat"] for b in _csv(r.content.decode())] == ["desa", "desa"]


def test_download_refuses_a_cadre_and_a_bad_month(client, users):
    client.force_login(users.ppkbd)
    assert client.get(reverse("laporan:program_csv", args=["2025-07"])).status_code == 403
    client.force_login(users.dinas)
    assert client.get(reverse("laporan:program_csv", args=["2025-99"])).status_code == 404


# --- the "Hasil program" page of the recap PDF ---------------------------------------------------


@pytest.fixture
def mitra(acara, users):
    """A KUA partner at the July sosialisasi of desa B (30 reached) and the TNI at the KB
    service (mobilised 4 acceptors); a partner in another year does not count."""
    from pertemuan.models import KeterlibatanMitra
    from tests.factories import MitraFactory

    area = acara
    sos = Sosialisasi.objects.get(wilayah=area.desa_b)
    kua = MitraFactory(jenis="kua", nama="KUA Uji", wilayah=area.kec_k)
    tni = MitraFactory(jenis="tni", nama="Koramil Uji", wilayah=area.kec_k)
    KeterlibatanMitra.objects.create(
        mitra=kua, sosialisasi=sos, peran="narasumber", jumlah_terjangkau=30
    )
    KeterlibatanMitra.objects.create(
        mitra=tni, pelayanan=PelayananKB.objects.get(), peran="mobilisasi", jumlah_akseptor=4
    )
    lama = Sosialisasi.objects.create(
        jenis="eksternal", judul="Lama", tanggal=date(2024, 7, 2), wilayah=area.desa_a,
        sasaran="kua", jumlah_terjangkau=9,
    )  # fmt: skip
    KeterlibatanMitra.objects.create(
        mitra=kua, sosialisasi=lama, peran="hadir", jumlah_terjangkau=9
    )
    return area


def test_recap_summary_for_the_pdf(mitra, lahir):
    from kader.scoping import SEMUA

    area = mitra
    r = S.ringkasan_rekap(bulan=JUL, desa_ids=SEMUA)
    assert [t["bulan"] for t in r["tren"]][0] == date(2024, 8, 1)
    per_bulan = {t["bulan"]: t for t in r["tren"]}
    assert per_bulan[MAR]["lahir"] == 2  # desa A's and desa X's March babies
    assert per_bulan[date(2025, 4, 1)]["lahir"] == 1
    assert dict(r["ukuran"])["Konseling"] == 6
    assert r["mitra"] == [
        {"jenis": "KUA", "mitra": 1, "kegiatan": 1, "terjangkau": 30, "akseptor": 0},
        {"jenis": "TNI (Babinsa)", "mitra": 1, "kegiatan": 1, "terjangkau": 0, "akseptor": 4},
    ]
    kec = {k["kecamatan"].nama: k for k in r["klasifikasi"]}
    # K: Melati, Mawar, Kenanga all "belum dasar" computed, all set "dasar".
    assert kec["Kecamatan K"]["kolom"] == [(3, None), (0, 3), (0, 0), (0, 0)]
    assert kec["Kecamatan K"]["berbeda"] == 3
    # One kecamatan's file: its desa, its partners, its institutions only.
    r = S.ringkasan_rekap(bulan=JUL, desa_ids=[area.desa_x.pk])
    assert r["mitra"] == []
    assert [k["kecamatan"].nama for k in r["klasifikasi"]] == ["Kecamatan L"]
    assert dict(r["ukuran"])["Konseling"] == 1


def test_recap_pdf_has_the_programme_page(mitra, tmp_path):
    from laporan import services_rekap
    from tests.laporan.test_rekap_pdf import halaman_pdf

    isi = services_rekap.pdf_kecamatan(bulan=JUL, kecamatan_id=mitra.kec_k.pk)
    teks = "".join(halaman_pdf(isi, tmp_path))
    assert "10. Hasil program" in teks
    assert "Kemitraan sejak Januari 2025" in teks
    assert "TNI (Babinsa)" in teks
    assert "Ibu Uji" not in teks  # aggregates only
