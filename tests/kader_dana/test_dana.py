from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kader.dana import selectors as sel
from kader.dana import services as sd
from kader.models import PutaranArisan, TransaksiKas
from kader.scoping import SEMUA
from tests.factories import KaderFactory

pytestmark = pytest.mark.django_db
J = TransaksiKas.Jenis


def test_expense_larger_than_balance_is_refused(area):
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 1),
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(50000),
        uraian="Donasi",
    )
    with pytest.raises(ValidationError) as e:
        sd.transaksi_catat(
            institusi=area.ppkbd_a,
            tanggal=date(2025, 3, 2),
            jenis=J.PENGELUARAN,
            jumlah=Decimal(60000),
            uraian="ATK",
        )
    assert "Saldo kas tidak cukup" in str(e.value) and "-10.000" in str(e.value)
    assert TransaksiKas.objects.count() == 1
    assert sel.saldo(institusi=area.ppkbd_a) == 50000


def test_backdated_expense_that_dips_below_zero_is_refused(area):
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 10),
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(50000),
        uraian="Donasi",
    )
    # Balance at the end is fine (50.000 − 20.000) but on 5 March it would be −20.000.
    with pytest.raises(ValidationError):
        sd.transaksi_catat(
            institusi=area.ppkbd_a,
            tanggal=date(2025, 3, 5),
            jenis=J.PENGELUARAN,
            jumlah=Decimal(20000),
            uraian="Konsumsi",
        )
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 10),
        jenis=J.PENGELUARAN,
        jumlah=Decimal(20000),
        uraian="Konsumsi",
    )
    assert sel.saldo(institusi=area.ppkbd_a) == 30000


def test_dues_use_the_rate_in_force_and_once_per_month(area, kader3):
    ani, becce, cahya = kader3
    with pytest.raises(ValidationError) as e:
        sd.iuran_bayar(
            institusi=area.ppkbd_a, kader=[ani], bulan=date(2025, 3, 1), tanggal=date(2025, 3, 3)
        )
    assert "Tarif iuran belum diatur" in str(e.value)
    sd.tarif_iuran_atur(
        institusi=area.ppkbd_a, nominal=Decimal(5000), berlaku_mulai=date(2025, 1, 15)
    )
    sd.tarif_iuran_atur(
        institusi=area.ppkbd_a, nominal=Decimal(7000), berlaku_mulai=date(2025, 4, 1)
    )
    sd.iuran_bayar(
        institusi=area.ppkbd_a,
        kader=[ani, becce],
        bulan=date(2025, 3, 20),
        tanggal=date(2025, 3, 3),
    )
    with pytest.raises(ValidationError) as e:
        sd.iuran_bayar(
            institusi=area.ppkbd_a,
            kader=[becce, cahya],
            bulan=date(2025, 3, 1),
            tanggal=date(2025, 3, 4),
        )
    assert "Becce" in str(e.value)
    daftar = sel.iuran_bulan(institusi=area.ppkbd_a, bulan=date(2025, 3, 1))
    assert [(r["kader"].nama, r["bayar"] and r["bayar"].jumlah) for r in daftar] == [
        ("Ani", 5000),
        ("Becce", 5000),
        ("Cahya", None),
    ]
    sd.iuran_bayar(
        institusi=area.ppkbd_a, kader=[ani], bulan=date(2025, 4, 1), tanggal=date(2025, 4, 2)
    )
    assert TransaksiKas.objects.get(bulan_iuran=date(2025, 4, 1)).jumlah == 7000


def test_dues_of_a_cadre_of_another_institution_are_refused(area):
    luar = KaderFactory(institusi=area.ppkbd_b)
    with pytest.raises(ValidationError):
        sd.iuran_bayar(
            institusi=area.ppkbd_a,
            kader=[luar],
            bulan=date(2025, 3, 1),
            tanggal=date(2025, 3, 3),
            jumlah=Decimal(5000),
        )
    assert not TransaksiKas.objects.exists()


def test_arisan_draw_picks_among_those_not_yet_won(arisan):
    pemenang = set()
    for putaran in range(1, 4):
        tanggal = date(2025, putaran, 1)
        calon = set(sel.arisan_calon(kelompok=arisan))
        assert calon == set(arisan.anggota.all()) - pemenang
        sd.arisan_setor(kelompok=arisan, anggota=list(arisan.anggota.all()), tanggal=tanggal)
        p = sd.arisan_undi(kelompok=arisan, tanggal=tanggal)
        assert p.pemenang in calon and p.nomor == putaran and p.jumlah_diterima == 30000
        assert p.jumlah_calon == len(calon)
        pemenang.add(p.pemenang)
    assert len(pemenang) == 3
    with pytest.raises(ValidationError) as e:
        sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 4, 1))
    assert e.value.code == "siklus_habis"
    arisan = sd.arisan_siklus_baru(kelompok=arisan)
    assert arisan.siklus == 2 and sel.arisan_calon(kelompok=arisan).count() == 3
    # Every setoran was paid out: the cash is back to zero.
    assert sel.saldo(institusi=arisan.institusi) == 0


def _setor_semua(arisan, tanggal):
    sd.arisan_setor(kelompok=arisan, anggota=list(arisan.anggota.all()), tanggal=tanggal)


def test_arisan_draw_is_random_among_candidates(arisan):
    dipilih = []

    def pilih(calon):
        dipilih.append([a.nama for a in calon])
        return calon[-1]

    _setor_semua(arisan, date(2025, 3, 1))
    p = sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 1), pilih=pilih)
    assert dipilih == [["Ani", "Becce", "Cahya"]] and p.pemenang.nama == "Cahya"
    hasil = set()
    for n in (1, 2):
        _setor_semua(arisan, date(2025, 4, n))
        hasil.add(sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 4, n)).pemenang.nama)
    assert hasil == {"Ani", "Becce"}


def test_arisan_draw_with_nothing_collected_is_refused_and_writes_nothing(arisan):
    saldo = sel.saldo(institusi=arisan.institusi)
    with pytest.raises(ValidationError) as e:
        sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 1))
    assert e.value.code == "belum_ada_setoran" and "Belum ada setoran" in e.value.messages[0]
    assert not PutaranArisan.objects.exists()
    assert not TransaksiKas.objects.filter(jenis=J.ARISAN_BAYAR).exists()
    assert sel.arisan_calon(kelompok=arisan).count() == 3  # nobody lost her turn
    assert sel.saldo(institusi=arisan.institusi) == saldo
    # A payment cancelled before the draw leaves the round empty again.
    [t] = sd.arisan_setor(
        kelompok=arisan, anggota=[arisan.anggota.first()], tanggal=date(2025, 3, 2)
    )
    sd.transaksi_batalkan(transaksi=t, alasan="salah catat")
    with pytest.raises(ValidationError):
        sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 3))
    assert not PutaranArisan.objects.exists()


def test_second_draw_on_the_same_day_is_refused(arisan):
    _setor_semua(arisan, date(2025, 3, 1))
    sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 1))
    _setor_semua(arisan, date(2025, 3, 1))
    with pytest.raises(ValidationError) as e:
        sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 1))
    assert e.value.code == "sudah_diundi" and arisan.putaran.count() == 1


def test_arisan_payment_in_once_per_round(arisan):
    a = arisan.anggota.first()
    sd.arisan_setor(kelompok=arisan, anggota=[a], tanggal=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        sd.arisan_setor(kelompok=arisan, anggota=[a], tanggal=date(2025, 3, 2))
    sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 3))
    sd.arisan_setor(kelompok=arisan, anggota=[a], tanggal=date(2025, 4, 1))  # next round ok
    assert PutaranArisan.objects.get().transaksi.filter(jenis=J.ARISAN_SETORAN).count() == 1


def test_new_cycle_refused_while_members_have_not_won(arisan):
    with pytest.raises(ValidationError):
        sd.arisan_siklus_baru(kelompok=arisan)


def test_arisan_member_must_be_of_the_institution(area, arisan):
    with pytest.raises(ValidationError):
        sd.arisan_anggota_tambah(kelompok=arisan, kader=KaderFactory(institusi=area.ppkbd_b))
    with pytest.raises(ValidationError):
        sd.arisan_anggota_tambah(kelompok=arisan, nama="Ani")  # duplicate name
    sd.arisan_anggota_tambah(kelompok=arisan, nama="Ibu Kepala Desa")
    assert arisan.anggota.count() == 4


def test_ledger_running_balance_and_monthly_summary(area, kader3):
    inst = area.ppkbd_a
    sd.transaksi_catat(
        institusi=inst,
        tanggal=date(2024, 12, 30),
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(10000),
        uraian="Saldo 2024",
    )
    sd.iuran_bayar(
        institusi=inst,
        kader=kader3,
        bulan=date(2025, 1, 1),
        tanggal=date(2025, 1, 5),
        jumlah=Decimal(5000),
    )
    sd.transaksi_catat(
        institusi=inst,
        tanggal=date(2025, 2, 3),
        jenis=J.PENGELUARAN,
        jumlah=Decimal(12000),
        uraian="Fotokopi",
    )
    buku = sel.buku_kas(institusi=inst, dari=date(2025, 1, 1), sampai=date(2025, 12, 31))
    assert buku["saldo_awal"] == 10000
    assert [b["saldo"] for b in buku["baris"]] == [15000, 20000, 25000, 13000]
    assert buku["saldo_akhir"] == 13000
    ringkas = sel.ringkasan_bulanan(institusi=inst, tahun=2025)
    assert (ringkas[0]["saldo_awal"], ringkas[0]["iuran"], ringkas[0]["saldo_akhir"]) == (
        10000,
        15000,
        25000,
    )
    assert (ringkas[1]["pengeluaran"], ringkas[1]["saldo_akhir"]) == (12000, 13000)
    assert ringkas[11]["saldo_akhir"] == 13000


def test_dana_desa_per_desa_for_the_month(area, kader3, arisan):
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 2, 1),
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(100000),
        uraian="Hibah",
    )
    sd.transaksi_catat(
        institusi=area.sub_a1,
        tanggal=date(2025, 3, 2),
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(20000),
        uraian="Donasi",
    )
    sd.iuran_bayar(
        institusi=area.ppkbd_a,
        kader=kader3[:2],
        bulan=date(2025, 3, 1),
        tanggal=date(2025, 3, 3),
        jumlah=Decimal(5000),
    )
    sd.arisan_setor(kelompok=arisan, anggota=list(arisan.anggota.all()), tanggal=date(2025, 3, 4))
    sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 5))
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 9),
        jenis=J.PENGELUARAN,
        jumlah=Decimal(15000),
        uraian="Konsumsi",
    )
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 4, 9),
        jenis=J.PENGELUARAN,
        jumlah=Decimal(1000),
        uraian="April",
    )
    hasil = sel.dana_desa(bulan=date(2025, 3, 1), desa_ids=[area.desa_a.pk, area.desa_b.pk])
    assert hasil[area.desa_a.pk] == {
        "iuran_masuk": 10000,
        "arisan_masuk": 30000,
        "pemasukan_lain": 20000,
        "pengeluaran": 45000,
        "saldo_akhir": 100000 + 20000 + 10000 + 30000 - 45000,
    }
    assert hasil[area.desa_b.pk] == dict.fromkeys(hasil[area.desa_b.pk], Decimal(0))
    assert area.desa_x.pk in sel.dana_desa(bulan=date(2025, 3, 1), desa_ids=SEMUA)


# --- cancelling a wrong entry --------------------------------------------------------------


def _masuk(area, tanggal, jumlah, uraian="Donasi"):
    return sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=tanggal,
        jenis=J.PEMASUKAN_LAIN,
        jumlah=Decimal(jumlah),
        uraian=uraian,
    )


def test_cancelled_entry_stays_in_the_book_and_counts_nowhere(area, users):
    benar = _masuk(area, date(2025, 3, 1), 50000)
    salah = _masuk(area, date(2025, 3, 2), 500000, "Donasi (salah ketik)")
    sd.transaksi_batalkan(transaksi=salah, alasan="  salah ketik   jumlah ", oleh=users.ppkbd)
    salah.refresh_from_db()
    assert salah.dibatalkan and salah.alasan_batal == "salah ketik jumlah"
    assert salah.dibatalkan_oleh == users.ppkbd
    assert sel.saldo(institusi=area.ppkbd_a) == 50000
    buku = sel.buku_kas(institusi=area.ppkbd_a, dari=date(2025, 3, 1), sampai=date(2025, 3, 31))
    assert [b["transaksi"] for b in buku["baris"]] == [benar, salah]  # still listed
    assert [b["saldo"] for b in buku["baris"]] == [50000, 50000] and buku["saldo_akhir"] == 50000
    bulan = sel.ringkasan_bulanan(institusi=area.ppkbd_a, tahun=2025)[2]
    assert bulan["pemasukan_lain"] == 50000 and bulan["saldo_akhir"] == 50000
    dana = sel.dana_desa(bulan=date(2025, 3, 1), desa_ids=[area.desa_a.pk])[area.desa_a.pk]
    assert dana["pemasukan_lain"] == 50000 and dana["saldo_akhir"] == 50000
    assert sel.kas_institusi_list(user=users.ppkbd).get(pk=area.ppkbd_a.pk).saldo == 50000
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        sd.transaksi_batalkan(transaksi=salah, alasan="lagi")


def test_cancel_needs_a_reason_and_never_leaves_the_cash_negative(area):
    masuk = _masuk(area, date(2025, 3, 1), 50000)
    sd.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 5),
        jenis=J.PENGELUARAN,
        jumlah=Decimal(30000),
        uraian="ATK",
    )
    with pytest.raises(ValidationError) as e:
        sd.transaksi_batalkan(transaksi=masuk, alasan="   ")
    assert "alasan" in e.value.message_dict
    # Without the income the expense of 5 March would leave −30.000: refused, nothing changed.
    with pytest.raises(ValidationError, match="Saldo kas tidak cukup"):
        sd.transaksi_batalkan(transaksi=masuk, alasan="bukan uang kas")
    masuk.refresh_from_db()
    assert not masuk.dibatalkan and sel.saldo(institusi=area.ppkbd_a) == 20000


def test_cancelled_dues_can_be_paid_again(area, kader3):
    sd.tarif_iuran_atur(
        institusi=area.ppkbd_a, nominal=Decimal(5000), berlaku_mulai=date(2025, 1, 1)
    )
    [t] = sd.iuran_bayar(
        institusi=area.ppkbd_a, kader=[kader3[0]], bulan=date(2025, 3, 1), tanggal=date(2025, 3, 2)
    )
    sd.transaksi_batalkan(transaksi=t, alasan="kader yang salah")
    daftar = sel.iuran_bulan(institusi=area.ppkbd_a, bulan=date(2025, 3, 1))
    assert all(r["bayar"] is None for r in daftar)
    sd.iuran_bayar(  # the once-a-month rule ignores the cancelled entry
        institusi=area.ppkbd_a, kader=[kader3[0]], bulan=date(2025, 3, 1), tanggal=date(2025, 3, 3)
    )
    assert sel.saldo(institusi=area.ppkbd_a) == 5000


def test_arisan_money_of_a_drawn_round_cannot_be_cancelled(arisan):
    a, b = arisan.anggota.all()[:2]
    [tertunda] = sd.arisan_setor(kelompok=arisan, anggota=[a], tanggal=date(2025, 3, 1))
    sd.transaksi_batalkan(transaksi=tertunda, alasan="belum bayar sebenarnya")  # not drawn yet
    assert not sel.arisan_setoran_tertunda(kelompok=arisan).exists()
    [setor] = sd.arisan_setor(kelompok=arisan, anggota=[b], tanggal=date(2025, 3, 2))
    putaran = sd.arisan_undi(kelompok=arisan, tanggal=date(2025, 3, 3))
    bayar = putaran.transaksi.get(jenis=J.ARISAN_BAYAR)
    for t in (TransaksiKas.objects.get(pk=setor.pk), bayar):
        assert not t.boleh_dibatalkan
        with pytest.raises(ValidationError, match="undian"):
            sd.transaksi_batalkan(transaksi=t, alasan="coba")
