from datetime import date

import pytest

from kader.scoping import SEMUA
from pendataan.models import PerubahanStatus
from pertemuan import selectors
from pertemuan.models import HadirUndangan, Pertemuan
from tests.factories import KaderFactory
from tests.pertemuan.factories import (
    KegiatanPoktanFactory,
    KonselingFactory,
    PelatihanFactory,
    PertemuanFactory,
    PesertaPelatihanFactory,
    PoktanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
    anggota,
    keluarga,
    pus,
)

MARET = date(2025, 3, 1)


@pytest.fixture
def kegiatan(area):
    """Activities in desa A (some in its dusun) in March 2025, plus noise elsewhere."""
    k1 = KaderFactory(institusi=area.ppkbd_a)
    k2 = KaderFactory(institusi=area.sub_a1)
    p = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 3, 5))
    p.kader_hadir.set([k1, k2])
    HadirUndangan.objects.create(pertemuan=p, kategori="pkb", jumlah=1)
    HadirUndangan.objects.create(pertemuan=p, kategori="kua", jumlah=2)
    PertemuanFactory(wilayah=area.dusun_a1, institusi=area.sub_a1, tanggal=date(2025, 3, 20))
    PertemuanFactory(wilayah=area.desa_a, tanggal=date(2025, 4, 1))  # next month
    PertemuanFactory(wilayah=area.kec_k, tanggal=date(2025, 3, 5))  # kecamatan level
    SesiKIEFactory(wilayah=area.dusun_a2, peserta_l=3, peserta_p=9)
    SesiKIEFactory(wilayah=area.desa_a, peserta_l=2, peserta_p=1, institusi=area.ppkbd_a)
    w1 = pus(dusun=area.dusun_a1)
    w2 = pus(dusun=area.dusun_a2)
    KonselingFactory(anggota=w1, hasil="dirujuk", faskes="Puskesmas", kader=k2)
    KonselingFactory(anggota=w2, hasil="bersedia", metode="IUD")
    KonselingFactory(anggota=w2, hasil="belum", tanggal=date(2025, 2, 27))
    bkb = PoktanFactory(wilayah=area.dusun_a1, jenis="bkb")
    KegiatanPoktanFactory(poktan=bkb)
    KegiatanPoktanFactory(poktan=bkb, tanggal=date(2025, 3, 28))
    KegiatanPoktanFactory(poktan=PoktanFactory(wilayah=area.desa_a, jenis="pikr"))
    plt = PelatihanFactory(wilayah=area.kec_k)
    PesertaPelatihanFactory(pelatihan=plt, kader=k1)
    PesertaPelatihanFactory(pelatihan=plt, kader=k2)  # same training, counted once
    return area


def test_kegiatan_desa_counts_the_month_per_desa(kegiatan):
    a = kegiatan
    hasil = selectors.kegiatan_desa(bulan=date(2025, 3, 15), desa_ids=[a.desa_a.pk, a.desa_b.pk])
    assert hasil[a.desa_a.pk] == {
        "pertemuan": 2,
        "hadir_kader": 2,
        "hadir_undangan": 3,
        "kie_sesi": 2,
        "kie_peserta_l": 5,
        "kie_peserta_p": 10,
        "konseling": 2,
        "rujukan": 1,
        "bersedia_kb": 1,
        "poktan_bkb": 2,
        "poktan_bkr": 0,
        "poktan_bkl": 0,
        "poktan_uppka": 0,
        "poktan_pikr": 1,
        "pelatihan": 1,
        "institusi_ada": 2,
        "institusi_lapor": 2,
    }
    assert set(hasil[a.desa_b.pk].values()) == {0, 1} and hasil[a.desa_b.pk]["institusi_ada"] == 1
    assert hasil[a.desa_b.pk]["institusi_lapor"] == 0


def test_kegiatan_desa_none_means_every_desa(kegiatan, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        hasil = selectors.kegiatan_desa(bulan=MARET, desa_ids=SEMUA)
    assert {kegiatan.desa_a.pk, kegiatan.desa_b.pk, kegiatan.desa_x.pk} <= set(hasil)
    assert hasil[kegiatan.desa_x.pk]["pertemuan"] == 0


def test_kegiatan_desa_empty_list(db):
    assert selectors.kegiatan_desa(bulan=MARET, desa_ids=[]) == {}


def test_overdue_list_is_scoped_and_open_only(area, users):
    p = PertemuanFactory(wilayah=area.desa_a)
    telat = TindakLanjutFactory(masalah__pertemuan=p, batas_waktu=date(2025, 3, 31))
    TindakLanjutFactory(
        masalah__pertemuan=p,
        batas_waktu=date(2025, 3, 31),
        status="selesai",
        tanggal_selesai=date(2025, 3, 30),
    )
    TindakLanjutFactory(masalah__pertemuan=p, batas_waktu=date(2025, 4, 30))
    TindakLanjutFactory(masalah__pertemuan__wilayah=area.desa_x, batas_waktu=date(2025, 3, 1))
    hasil = selectors.tindak_lanjut_terlambat(user=users.ppkbd, pada=date(2025, 4, 1))
    assert list(hasil) == [telat]


def test_months_without_meeting_are_counted(area, users):
    PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 3, 5))
    PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 3, 25))
    baris = selectors.institusi_bulan_tanpa_pertemuan(
        user=users.ppkbd, sampai=date(2025, 4, 2), n_bulan=3
    )
    melati = next(b for b in baris if b["institusi"] == area.ppkbd_a)
    assert melati["bulan"] == [(date(2025, 2, 1), 0), (date(2025, 3, 1), 2), (date(2025, 4, 1), 0)]
    assert melati["kosong"] == 2
    assert area.ppkbd_x not in [b["institusi"] for b in baris]


def test_conversion_counts_later_method_status(area, users):
    k = KaderFactory(institusi=area.ppkbd_a)
    jadi, belum, dulu = (pus(dusun=area.dusun_a1, nama=n) for n in ("Jadi", "Belum", "Dulu"))
    for w in (jadi, belum):
        KonselingFactory(anggota=w, kader=k, tanggal=date(2025, 3, 2))
    KonselingFactory(anggota=jadi, kader=k, tanggal=date(2025, 3, 9))  # same woman twice
    KonselingFactory(anggota=dulu, tanggal=date(2025, 3, 2))
    PerubahanStatus.objects.create(
        anggota=jadi,
        desa=area.desa_a,
        bulan=date(2025, 5, 1),
        status="IMPLAN",
        jalur="PEMERINTAH",
        peserta_baru=True,
    )
    PerubahanStatus.objects.create(
        anggota=belum, desa=area.desa_a, bulan=date(2025, 5, 1), status="IAT"
    )
    # A method before the counselling month is not a conversion.
    PerubahanStatus.objects.create(
        anggota=dulu, desa=area.desa_a, bulan=date(2025, 1, 1), status="PIL", jalur="SWASTA"
    )
    per_desa = selectors.konversi_konseling(
        user=users.ppkbd, dari=date(2025, 1, 1), sampai=date(2025, 12, 31)
    )
    assert per_desa == [
        {
            "id": area.desa_a.pk,
            "nama": "Desa A",
            "dikonseling": 3,
            "menjadi_peserta": 1,
            "persen": 33.33,
        }
    ]
    per_kader = selectors.konversi_konseling(
        user=users.ppkbd, dari=date(2025, 1, 1), sampai=date(2025, 12, 31), per="kader"
    )
    assert {(b["nama"], b["dikonseling"], b["menjadi_peserta"]) for b in per_kader} == {
        (k.nama, 2, 1),
        ("(tanpa kader)", 1, 0),
    }


def test_counselling_advice_by_wife_age(area):
    muda = pus(dusun=area.dusun_a1, lahir=date(2006, 6, 1))
    tua = pus(dusun=area.dusun_a1, lahir=date(1985, 1, 1))
    assert (
        selectors.saran_konseling(anggota=muda, pada=date(2025, 3, 1))["fase"]
        == "Menunda kehamilan"
    )
    saran = selectors.saran_konseling(anggota=tua, pada=date(2025, 3, 1))
    assert saran["fase"] == "Mengakhiri kesuburan" and saran["metode"][0] == "MOW"


def test_poktan_targets_from_register(area):
    bkb = PoktanFactory(wilayah=area.dusun_a1, jenis="bkb")
    bkl = PoktanFactory(wilayah=area.desa_a, jenis="bkl")
    k_balita = keluarga(dusun=area.dusun_a1, nama_kepala="Balita")
    anggota(
        keluarga=k_balita,
        nama="Anak",
        jenis_kelamin="L",
        lahir=date(2022, 1, 1),
        hubungan=3,
        status_kawin=1,
    )
    k_lansia = keluarga(dusun=area.dusun_a2, nama_kepala="Lansia")
    anggota(keluarga=k_lansia, nama="Nenek", lahir=date(1960, 1, 1), hubungan=1, status_kawin=4)
    k_remaja = keluarga(dusun=area.dusun_a1, nama_kepala="Remaja")
    anggota(
        keluarga=k_remaja,
        nama="Anak",
        jenis_kelamin="L",
        lahir=date(2012, 1, 1),
        hubungan=3,
        status_kawin=1,
    )
    pada = date(2025, 3, 1)
    assert list(selectors.keluarga_sasaran(poktan=bkb, pada=pada)) == [k_balita]
    assert list(selectors.keluarga_sasaran(poktan=bkl, pada=pada)) == [k_lansia]
    bkr = PoktanFactory(wilayah=area.desa_a, jenis="bkr")
    assert list(selectors.keluarga_sasaran(poktan=bkr, pada=pada)) == [k_remaja]


def test_cadres_never_trained(area, users):
    dilatih = KaderFactory(institusi=area.ppkbd_a)
    belum = KaderFactory(institusi=area.ppkbd_a)
    KaderFactory(institusi=area.ppkbd_a, aktif=False)
    KaderFactory(institusi=area.ppkbd_x)
    PesertaPelatihanFactory(kader=dilatih)
    assert list(selectors.kader_belum_pernah_dilatih(user=users.ppkbd)) == [belum]


def test_meeting_level(area):
    assert PertemuanFactory(wilayah=area.dusun_a1).tingkat == "desa"
    assert PertemuanFactory(wilayah=area.kec_k).tingkat == "kecamatan"
    assert Pertemuan.objects.count() == 2
