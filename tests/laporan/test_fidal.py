"""The items of the official desa report F/I/Dal/13 (DOMAIN.md §9) on a hand-computed register:
every section, zero denominators, ganti cara vs drop out vs PB, a target without changes,
changes without a target, the jalur split, sums per level, freezing at approval and the
consistency rule checked before sending."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kader.scoping import SEMUA
from laporan import fidal, services
from laporan.models import LaporanDesa
from laporan.selectors_fidal import fidal_desa
from pendataan import services as ps
from pendataan.models import KonfirmasiPus, PerubahanStatus, TargetMetode
from pertemuan.models import (
    AnggotaPoktan,
    KegiatanPoktan,
    ModalUppka,
    Pertemuan,
    Poktan,
    SesiKIE,
)
from tests.factories import InstitusiFactory, SubPpkbdFactory, nik_valid

JAN, FEB, MAR, APR = (date(2025, m, 1) for m in (1, 2, 3, 4))
_kk = iter(range(1, 10_000))


def _keluarga(dusun, *anggota):
    """A family in `dusun`; anggota: (sex, birth date, status_kawin) tuples."""
    kel = ps.keluarga_simpan(
        no_kk=f"7306{next(_kk) + 500_000:012d}", dusun=dusun, rt="001", nama_kepala="Kepala Uji"
    )
    orang = []
    for jk, lahir, kawin in anggota:
        orang.append(
            ps.anggota_tambah(
                keluarga=kel,
                nik=nik_valid(jenis_kelamin=jk, lahir=lahir),
                nama="Anggota Uji",
                jenis_kelamin=jk,
                tanggal_lahir=lahir,
                hubungan=2 if kawin == 2 else 3,
                status_kawin=kawin,
            )
        )
    return kel, orang


def _ubah(anggota, desa, bulan, status, jalur="", pb=False):
    PerubahanStatus.objects.create(
        anggota=anggota, desa=desa, bulan=bulan, status=status, jalur=jalur, peserta_baru=pb
    )


IBU = ("P", date(1990, 5, 17), 2)  # 34 on 31 March 2025: a PUS


@pytest.fixture
def register(area, users):
    return isi_fidal(area, users)


def isi_fidal(area, users):
    """Desa A, March 2025 — hand-computed expectations in the tests below.

    Families: K1 PUS (IUD pemerintah, PB Jan) + child 2 y; K2 PUS (SUNTIK swasta PB Jan →
    HAMIL Mar: drop out) + child exactly 5 y (not BKB) + youth 15 y (BKR); K3 no PUS, elderly
    60 y (BKL) and 59 y; K4 PUS (PIL PB Jan → KONDOM swasta Mar: ganti cara) + baby 0 y;
    K5 PUS (IAT Jan → IMPLAN pemerintah PB Mar).
    """
    a = area
    a1, a2 = a.dusun_a1, a.dusun_a2
    k1, (w1, _) = _keluarga(a1, IBU, ("L", date(2022, 6, 1), 1))
    k2, (w2, _, _) = _keluarga(a1, IBU, ("L", date(2020, 3, 31), 1), ("P", date(2010, 3, 31), 1))
    k3, _ = _keluarga(a2, ("L", date(1965, 3, 31), 4), ("P", date(1965, 4, 1), 4))
    k4, (w4, _) = _keluarga(a1, IBU, ("P", date(2025, 3, 15), 1))
    k5, (w5,) = _keluarga(a1, IBU)
    d = a.desa_a
    _ubah(w1, d, JAN, "IUD", "PEMERINTAH", pb=True)
    _ubah(w2, d, JAN, "SUNTIK", "SWASTA", pb=True)
    _ubah(w4, d, JAN, "PIL", "PEMERINTAH", pb=True)
    _ubah(w5, d, JAN, "IAT")
    _ubah(w2, d, MAR, "HAMIL")
    _ubah(w4, d, MAR, "KONDOM", "SWASTA")
    _ubah(w5, d, MAR, "IMPLAN", "PEMERINTAH", pb=True)
    T = TargetMetode.objects.create
    T(desa=d, tahun=2025, metode="IUD", target_pb=2, target_pa=5)
    T(desa=d, tahun=2025, metode="IMPLAN", target_pb=1, target_pa=2)
    T(desa=d, tahun=2025, metode="KONDOM", target_pb=0, target_pa=4)
    T(desa=d, tahun=2025, metode="MOW", target_pb=3, target_pa=3)  # a target, no changes
    # I. institutions: a second Sub-PPKBD (dusun A2, confirmed "no change"), Kelompok KB.
    SubPpkbdFactory(wilayah=a2, nama="Melur")
    KonfirmasiPus.objects.create(wilayah=a2, bulan=MAR, oleh=users.sub_ppkbd)
    kkb = InstitusiFactory(jenis="kelompok_kb", wilayah=a1, rt="001", nama="KKB Satu")
    InstitusiFactory(  # inactive since February: not "ada"
        jenis="kelompok_kb",
        wilayah=a1,
        rt="002",
        nama="KKB Dua",
        aktif=False,
        tanggal_nonaktif=date(2025, 2, 10),
        alasan_nonaktif="Bubar",
    )
    InstitusiFactory(  # made inactive in April: still "ada" in March, no activity
        jenis="kelompok_kb",
        wilayah=a2,
        rt="003",
        nama="KKB Tiga",
        aktif=False,
        tanggal_nonaktif=date(2025, 4, 5),
        alasan_nonaktif="Bubar",
    )
    # Poktan
    P = Poktan.objects.create
    bkb = P(jenis="bkb", nama="Balita Ceria", wilayah=d)
    bkr = P(jenis="bkr", nama="Remaja", wilayah=a1)
    bkl = P(jenis="bkl", nama="Lansia", wilayah=d, aktif=False)
    uppka = P(jenis="uppka", nama="Usaha", wilayah=d)
    P(jenis="pikr", nama="PIK-R Baru", wilayah=d, tanggal_dibentuk=date(2025, 4, 10))
    M = AnggotaPoktan.objects.create
    for kel in (k1, k2, k3):
        M(poktan=bkb, keluarga=kel, tanggal_masuk=JAN)
    M(poktan=bkr, keluarga=k2, tanggal_masuk=JAN)
    M(poktan=bkr, keluarga=k4, tanggal_masuk=JAN, aktif=False)
    M(poktan=bkl, keluarga=k3, tanggal_masuk=JAN)
    for kel in (k1, k4, k3):
        M(poktan=uppka, keluarga=kel, tanggal_masuk=JAN)
    M(poktan=uppka, keluarga=k2, tanggal_masuk=date(2025, 4, 2))  # joins after March
    G = KegiatanPoktan.objects.create
    G(poktan=bkb, tanggal=date(2025, 3, 5), materi="Tumbuh kembang", hadir=10)
    G(poktan=bkb, tanggal=date(2025, 3, 20), materi="Gizi", hadir=9)
    G(poktan=bkb, tanggal=date(2025, 2, 20), materi="Bulan lalu", hadir=9)
    G(poktan=uppka, tanggal=date(2025, 3, 7), materi="Pembukuan", hadir=6)
    MU = ModalUppka.objects.create
    MU(poktan=uppka, tanggal=date(2025, 1, 5), sumber="swadaya", arah="masuk", jumlah=500_000)
    MU(poktan=uppka, tanggal=date(2025, 3, 10), sumber="swadaya", arah="keluar", jumlah=100_000)
    MU(poktan=uppka, tanggal=date(2025, 4, 1), sumber="pemerintah", arah="masuk", jumlah=2_000_000)
    MU(poktan=uppka, tanggal=date(2025, 2, 1), sumber="lainnya", arah="masuk", jumlah=250_000)
    # II. meetings and KIE
    Pertemuan.objects.create(wilayah=d, judul="Rakor", tanggal=date(2025, 3, 3), tempat="Balai")
    Pertemuan.objects.create(wilayah=a1, judul="Rapat", tanggal=date(2025, 3, 9), tempat="Pos")
    Pertemuan.objects.create(wilayah=d, judul="Lalu", tanggal=date(2025, 2, 9), tempat="Pos")
    K = SesiKIE.objects.create
    umum = {"topik": "kespro", "sasaran": "pus", "tanggal": date(2025, 3, 12)}
    K(wilayah=d, media_kie="kie_kit", penyaji="Pak PKB", dipimpin_oleh="pkb", **umum)
    K(
        wilayah=a1,
        media_kie="ceramah",
        penyaji="Ustadz Ahmad",
        dipimpin_oleh="tokoh_agama",
        tokoh_pendamping="  ibu  Hasnah ",
        **umum,
    )
    K(
        wilayah=a1,
        institusi=kkb,
        media_kie="kie_kit",
        penyaji="ustadz  AHMAD",  # the same tokoh, typed differently
        dipimpin_oleh="tokoh_masyarakat",
        **umum,
    )
    K(
        wilayah=d,
        media_kie="kie_kit",
        penyaji="Pak PKB",
        dipimpin_oleh="pkb",
        **{**umum, "tanggal": date(2025, 2, 12)},
    )
    K(wilayah=a.desa_b, media_kie="ceramah", penyaji="Bu PKB", dipimpin_oleh="pkb", **umum)
    return a


def test_section_i_ada_and_lapor(register):
    h = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    assert (h["i_ppkbd_ada"], h["i_ppkbd_lapor"]) == (1, 0)  # the report is not sent yet
    # A1 saved statuses in March, A2 confirmed "tidak ada perubahan".
    assert (h["i_sub_ppkbd_ada"], h["i_sub_ppkbd_lapor"]) == (2, 2)
    assert (h["i_kelompok_kb_ada"], h["i_kelompok_kb_lapor"]) == (2, 1)
    assert (h["i_bkb_ada"], h["i_bkb_lapor"]) == (1, 1)
    assert (h["i_bkr_ada"], h["i_bkr_lapor"]) == (1, 0)
    assert (h["i_bkl_ada"], h["i_bkl_lapor"]) == (0, 0)
    assert (h["i_uppka_ada"], h["i_uppka_lapor"]) == (1, 1)
    assert (h["i_pikr_ada"], h["i_pikr_lapor"]) == (0, 0)  # formed in April


def test_sub_ppkbd_without_save_or_confirmation_did_not_report(register):
    KonfirmasiPus.objects.all().delete()
    h = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    assert h["i_sub_ppkbd_lapor"] == 1
    # A desa-wide confirmation covers every dusun of the desa.
    KonfirmasiPus.objects.create(wilayah=register.desa_a, bulan=MAR, oleh_id=_user_id())
    h = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    assert h["i_sub_ppkbd_lapor"] == 2


def _user_id():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.first().pk


def test_section_ii_kegiatan_operasional(register):
    hasil = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk, register.desa_b.pk])
    a, b = hasil[register.desa_a.pk], hasil[register.desa_b.pk]
    assert a["ii_rakor"] == 2  # desa and dusun meetings of March
    assert a["ii_penyuluhan_pkb"] == 1
    assert a["ii_kie_kit"] == 2
    assert a["ii_tokoh_aktif"] == 2  # Ahmad (twice, typed differently) and Hasnah
    assert (b["ii_penyuluhan_pkb"], b["ii_kie_kit"], b["ii_tokoh_aktif"]) == (1, 0, 0)


def test_section_iii_ketahanan_keluarga(register):
    h = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    # BKB: K1 (2 y), K4 (baby); K2's child is exactly 5: outside 0–4.
    assert [h[f"iii_bkb_{k}"] for k in ("sasaran", "anggota", "pus", "kb", "pertemuan")] == [
        2,
        3,  # K1, K2, K3
        2,  # K1, K2 have a PUS
        1,  # K1 uses IUD; K2 is pregnant
        2,  # February's activity not counted
    ]
    # BKR: K2's youth (15 y); member K2 only (K4's membership is inactive).
    assert [h[f"iii_bkr_{k}"] for k in ("sasaran", "anggota", "pus", "kb", "pertemuan")] == [
        1,
        1,
        1,
        0,
        0,
    ]
    # BKL: K3's 60-year-old (the 59-year-old is not); the BKL group is inactive.
    assert [h[f"iii_bkl_{k}"] for k in ("sasaran", "anggota", "pus", "kb", "pertemuan")] == [
        1,
        0,
        0,
        0,
        0,
    ]


def test_section_iv_uppka(register):
    h = fidal_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    # Members K1, K4, K3 (K2 joined in April); PUS K1 (IUD) and K4 (KONDOM), both ber-KB.
    assert [h[f"iv_{k}"] for k in ("anggota", "pus", "kb", "pertemuan")] == [3, 2, 2, 1]
    assert h["iv_modal_swadaya"] == 400_000  # 500,000 in, 100,000 out in March
    assert h["iv_modal_pemerintah"] == 0  # received in April
    assert h["iv_modal_lainnya"] == 250_000
    assert fidal.lengkapi(h)["iv_modal_jumlah"] == 650_000


def _v(h, metode):
    m = metode.lower()
    kolom = ["ppm_pb", "pb", "pb_kumulatif", "sisa_pb", "ppm_pa", "pa_pemerintah", "pa_swasta"]
    hasil = [h[f"v_{m}_{k}"] for k in kolom] + [h[f"pa_{m}"]]
    return hasil + [h[f"v_{m}_ganti_cara"], h[f"v_{m}_drop_out"]]


def test_section_v_per_method(register):
    from laporan.selectors import angka_otomatis_desa

    angka = angka_otomatis_desa(bulan=MAR, desa_ids=[register.desa_a.pk])[register.desa_a.pk]
    h = fidal.lengkapi(angka)
    assert h["pus"] == 4
    #              ppm_pb pb kum sisa ppm_pa pem swa pa ganti do
    assert _v(h, "IUD") == [2, 0, 1, 1, 5, 1, 0, 1, 0, 0]
    # Changes without a target: PB in January, a drop out to HAMIL in March.
    assert _v(h, "SUNTIK") == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    # PIL → KONDOM: ganti cara into KONDOM, not a PB, not a drop out of PIL.
    assert _v(h, "PIL") == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert _v(h, "KONDOM") == [0, 0, 0, 0, 4, 0, 1, 1, 1, 0]
    assert _v(h, "IMPLAN") == [1, 1, 1, 0, 2, 1, 0, 1, 0, 0]
    # A target without changes: the whole target is left.
    assert _v(h, "MOW") == [3, 0, 0, 3, 3, 0, 0, 0, 0, 0]
    for m in ("MOP", "MAL", "TRADISIONAL"):
        assert _v(h, m) == [0] * 10
    # Indicators: PA 3 of PPM PA 14; MKJP PA 2 (IUD, IMPLAN) of 10 (IUD 5, IMPLAN 2, MOW 3);
    # pria (MOP + kondom) 1 of PA 3.
    assert h["pa_ppm_persen"] == Decimal("21.43")
    assert h["mkjp_ppm_persen"] == Decimal("20.00")
    assert h["pa_pria_persen"] == Decimal("33.33")
    assert fidal.cek_konsistensi(h) == []


def test_zero_denominators():
    h = fidal.lengkapi({})
    assert h["pa_ppm_persen"] == h["mkjp_ppm_persen"] == h["pa_pria_persen"] == Decimal("0.00")
    assert all(h[k] == 0 for k in fidal.KOLOM_JUMLAH)
    # PA without any target: the PPM share is 0, not a division error; pria share computed.
    h = fidal.lengkapi({"pa_mop": 1, "pa_suntik": 3})
    assert (h["pa_ppm_persen"], h["pa_pria_persen"]) == (Decimal("0.00"), Decimal("25.00"))


def test_levels_sum_their_desa_and_derive_on_the_sums(register):
    rekap = fidal.rekap_fidal(bulan=MAR, desa_ids=SEMUA)
    a, b, x = register.desa_a.pk, register.desa_b.pk, register.desa_x.pk
    kec_k = rekap.kecamatan[register.kec_k.pk]
    assert kec_k["ii_penyuluhan_pkb"] == 2
    assert kec_k["i_ppkbd_ada"] == 2
    assert rekap.kabupaten["i_ppkbd_ada"] == 3
    # Desa B: no target, no PA — zero denominators give 0.
    assert rekap.desa[b]["pa_ppm_persen"] == Decimal("0.00")
    assert kec_k["pa_ppm_persen"] == Decimal("21.43")
    assert kec_k["v_mow_sisa_pb"] == 3
    assert list(rekap.kecamatan) == sorted(rekap.kecamatan, key=lambda k: rekap.wilayah[k].kode)
    assert set(rekap.desa) == {a, b, x}
    assert not rekap.disetujui


def test_catalogue_order_and_labels():
    kode = [b.kode for b in fidal.KATALOG]
    assert len(kode) == len(set(kode))
    assert [b.bagian for b in fidal.KATALOG] == sorted(
        (b.bagian for b in fidal.KATALOG), key=["I", "II", "III", "IV", "V", "VI"].index
    )
    assert kode[:2] == ["i_ppkbd_ada", "i_ppkbd_lapor"]
    assert fidal.LABEL["v_iud_sisa_pb"] == "Sisa PPM PB IUD"
    assert kode[-3:] == fidal.INDIKATOR
    assert not set(fidal.KOLOM_KOREKSI) & {"v_iud_ppm_pb", "v_iud_sisa_pb", "pa_ppm_persen"}


def _laporan(register, users):
    lap = services.laporan_buat(desa=register.desa_a, bulan=MAR)
    return lap


def test_sending_sets_ppkbd_lapor_and_approval_freezes_every_item(register, users):
    lap = _laporan(register, users)
    assert lap.angka_otomatis["iii_bkb_anggota"] == 3
    services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    lap.refresh_from_db()
    assert lap.angka_otomatis["i_ppkbd_lapor"] == 1
    services.laporan_verifikasi(laporan=lap, oleh=users.penyuluh)
    services.laporan_setujui(laporan=lap, oleh=users.koordinator)
    lap.refresh_from_db()
    beku = lap.angka_beku
    assert beku["iii_bkb_anggota"] == 3 and beku["iv_modal_swadaya"] == 400_000
    assert beku["v_suntik_drop_out"] == 1 and beku["i_ppkbd_lapor"] == 1
    assert beku["pa_ppm_persen"] == "21.43"
    # Later register and activity edits do not touch the approved month...
    AnggotaPoktan.objects.filter(poktan__jenis="bkb").delete()
    SesiKIE.objects.filter(dipimpin_oleh="pkb").delete()
    ModalUppka.objects.all().delete()
    rekap = fidal.rekap_fidal(bulan=MAR, desa_ids=[register.desa_a.pk, register.desa_b.pk])
    a = rekap.desa[register.desa_a.pk]
    assert register.desa_a.pk in rekap.disetujui
    assert (a["iii_bkb_anggota"], a["ii_penyuluhan_pkb"], a["iv_modal_jumlah"]) == (
        3,
        1,
        650_000,
    )
    assert a["pa_ppm_persen"] == Decimal("21.43")
    # ...while desa B (not approved) is live.
    assert rekap.desa[register.desa_b.pk]["ii_penyuluhan_pkb"] == 0


def test_corrected_items_that_disagree_cannot_be_sent(register, users):
    lap = _laporan(register, users)
    services.laporan_simpan(
        laporan=lap,
        oleh=users.ppkbd,
        nilai={"iii_bkb_kb": 5},
        alasan={"iii_bkb_kb": "Hitung ulang di posyandu"},
        nihil=False,
        catatan="",
    )
    with pytest.raises(ValidationError) as e:
        services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    pesan = " ".join(e.value.messages)
    assert "Jumlah PUS anggota BKB yang ber-KB (5)" in pesan
    assert "Jumlah anggota BKB yang PUS (2)" in pesan
    lap.refresh_from_db()
    assert lap.status == LaporanDesa.Status.DRAFT
    # Corrected back with a consistent value (and a reason): it can be sent.
    services.laporan_simpan(
        laporan=lap,
        oleh=users.ppkbd,
        nilai={"iii_bkb_kb": 2, "iii_bkb_pus": 2},
        alasan={"iii_bkb_kb": "K2 sudah ber-KB"},
        nihil=False,
        catatan="",
    )
    services.laporan_kirim(laporan=lap, oleh=users.ppkbd)
    lap.refresh_from_db()
    assert lap.status == LaporanDesa.Status.DIKIRIM
    assert lap.koreksi["iii_bkb_kb"]["alasan"] == "K2 sudah ber-KB"


def test_jalur_split_larger_than_pa_is_refused():
    h = {"pa_iud": 1, "v_iud_pa_pemerintah": 1, "v_iud_pa_swasta": 1}
    assert any("PA IUD jalur pemerintah + swasta (2)" in p for p in fidal.cek_konsistensi(h))
    h = {"pb": 2, "v_pil_pb": 1, "v_pil_pb_kumulatif": 1}
    assert any("PB per metode (1)" in p for p in fidal.cek_konsistensi(h))


def test_statement_count_is_flat(register):
    """The same statements for 3 desa and for 23 (one aggregate per item group, not per desa)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import DesaFactory

    def hitung(ids):
        with CaptureQueriesContext(connection) as q:
            hasil = fidal_desa(bulan=MAR, desa_ids=ids)
        return len(q), hasil

    ids = [register.desa_a.pk, register.desa_b.pk, register.desa_x.pk]
    n3, _ = hitung(ids)
    for i in range(20):
        desa = DesaFactory(induk=register.kec_k, nama=f"Desa Tambahan {i}")
        InstitusiFactory(wilayah=desa, nama=f"PPKBD Tambahan {i}")
        pok = Poktan.objects.create(jenis="bkb", nama=f"BKB {i}", wilayah=desa)
        KegiatanPoktan.objects.create(poktan=pok, tanggal=date(2025, 3, 4), materi="M", hadir=3)
        SesiKIE.objects.create(
            wilayah=desa,
            tanggal=date(2025, 3, 6),
            topik="pup",
            sasaran="pus",
            media_kie="kie_kit",
            penyaji=f"Tokoh {i % 3}",
            dipimpin_oleh="tokoh_adat",
        )
        ids.append(desa.pk)
    n23, hasil = hitung(ids)
    assert n3 == n23 <= 20
    tambahan = hasil[ids[-1]]
    assert (tambahan["i_ppkbd_ada"], tambahan["i_bkb_lapor"], tambahan["ii_kie_kit"]) == (1, 1, 1)
    assert tambahan["ii_tokoh_aktif"] == 1


def test_report_page_shows_the_items_and_the_disagreement(client, register, users):
    from django.urls import reverse

    lap = _laporan(register, users)
    client.force_login(users.ppkbd)
    html = client.get(lap.get_absolute_url()).content.decode()
    assert "F/I/Dal/13" in html
    assert 'data-kode="iii_bkb_anggota">3' in html
    assert 'data-kode="v_mow_sisa_pb">3' in html
    assert 'data-kode="iv_modal_jumlah">650' in html  # 650.000 or 650,000 by locale
    # The form's order: sections I → V, "Jumlah PUS" before the per-method table.
    urut = ["i_ppkbd_ada", "ii_rakor", "iii_bkb_sasaran", "iv_anggota", "pus", "v_iud_ppm_pb"]
    posisi = [html.index(f'data-kode="{k}"') for k in urut]
    assert posisi == sorted(posisi)
    assert "laporan.fidal.tabel" not in html  # template comments stay comments
    assert "konsistensi-fidal" not in html
    # A correction on the edit page, with its reason, then the page names the disagreement.
    url = reverse("laporan:ubah", args=[lap.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k.startswith("n_")}
    data.update(n_iii_bkb_kb=5, a_iii_bkb_kb="Dihitung ulang", catatan="")
    assert client.post(url, data).status_code == 302
    lap.refresh_from_db()
    assert lap.koreksi["iii_bkb_kb"] == {"nilai": 5, "alasan": "Dihitung ulang", "otomatis": 1}
    html = client.get(lap.get_absolute_url()).content.decode()
    assert "konsistensi-fidal" in html
    assert "Jumlah PUS anggota BKB yang ber-KB (5) lebih besar" in html
    respons = client.post(reverse("laporan:aksi", args=[lap.pk, "kirim"]), follow=True)
    assert "tidak saling sesuai" in respons.content.decode()
    lap.refresh_from_db()
    assert lap.status == LaporanDesa.Status.DRAFT


def test_correction_without_reason_is_refused_on_the_field(client, register, users):
    from django.urls import reverse

    lap = _laporan(register, users)
    client.force_login(users.ppkbd)
    url = reverse("laporan:ubah", args=[lap.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k.startswith("n_")}
    data.update(n_ii_tokoh_aktif=7)
    respons = client.post(url, data)
    assert respons.status_code == 200
    assert "tuliskan alasannya" in respons.content.decode()
    lap.refresh_from_db()
    assert lap.koreksi == {}


def test_indicators_on_the_dashboard_and_the_recap_page(client, register, users):
    from django.urls import reverse

    client.force_login(users.dinas)
    d = client.get(reverse("laporan:dasbor"), {"bulan": "2025-03"}).context["d"]
    ringkas = {r["kolom"]: r for r in d["ringkas"]}
    # The kabupaten: PA 3 (desa A) of PPM PA 14; MKJP 2 of 10; pria 1 of 3.
    assert ringkas["pa_ppm_persen"]["nilai"] == Decimal("21.43")
    assert ringkas["mkjp_ppm_persen"]["nilai"] == Decimal("20.00")
    assert ringkas["pa_pria_persen"]["nilai"] == Decimal("33.33")
    assert ringkas["pa_ppm_persen"]["label"] == "PA terhadap PPM PA (%)"
    html = client.get(reverse("laporan:rekap", args=["2025-03"])).content.decode()
    assert 'id="rekap-pa-ppm">21,43%' in html
    assert 'id="rekap-pa-pria">33,33%' in html


def test_report_approved_before_the_items_says_so(client, area, users, angka_tetap):
    from tests.laporan.factories import LaporanDesaFactory, angka_seimbang

    lama = LaporanDesaFactory(
        desa=area.desa_a, status=LaporanDesa.Status.DISETUJUI, angka_beku=angka_seimbang()
    )
    client.force_login(users.ppkbd)
    assert 'id="fidal-tanpa-beku"' in client.get(lama.get_absolute_url()).content.decode()


def test_changes_between_submissions_name_the_items():
    from laporan import angka as A

    beda = A.selisih({"iii_bkb_kb": 1, "pus": 4}, {"iii_bkb_kb": 2, "pus": 4})
    assert beda == [
        {"kolom": "iii_bkb_kb", "label": "Jumlah PUS anggota BKB yang ber-KB", "lama": 1, "baru": 2}
    ]


def test_indicators_in_the_recap_workbook_not_in_the_fixed_csv(client, register, users):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    client.force_login(users.dinas)
    isi = client.get(reverse("laporan:rekap_xlsx", args=["2025-03"])).content
    ringkas = {
        r[0]: r[1] for r in load_workbook(io.BytesIO(isi))["Ringkasan"].iter_rows(values_only=True)
    }
    assert ringkas["PA terhadap PPM PA (%)"] == pytest.approx(21.43)
    assert ringkas["PA MKJP terhadap PPM PA MKJP (%)"] == pytest.approx(20.0)
    assert ringkas["Kesertaan KB pria (MOP + kondom) terhadap PA (%)"] == pytest.approx(33.33)
    csv = client.get(reverse("laporan:rekap_csv", args=["2025-03"])).content.decode()
    assert "pa_ppm_persen" not in csv.splitlines()[0]  # §8.3 is a fixed format


def test_rekap_fidal_fails_closed_without_an_area_set():
    with pytest.raises(TypeError):
        fidal.rekap_fidal(bulan=MAR)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        fidal.rekap_fidal(bulan=MAR, desa_ids=None)  # type: ignore[arg-type]
