"""Demo and benchmark data for the register: families, members, PUS and 13 months of status.

`isi_demo(skala=...)`: "demo" = a few hundred families in the desa that have institutions;
"persen" = 1 % of the district; "kabupaten" = about 215,000 families / 825,000 members /
118,000 PUS spread over every desa (DOMAIN.md §6). Idempotent: a desa that already has families
is skipped. Writes go desa by desa with bulk_create and precomputed hashes and ciphertexts.
"""

import random
import time
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from kader.models import Institusi, Wilayah
from kader.services import dusun_create
from pendataan.demo_target import target_demo
from pendataan.indikator import METODE
from pendataan.ks import tahapan_ks
from pendataan.models import (
    Anggota,
    Hubungan,
    Keluarga,
    PerubahanStatus,
    RiwayatAnggota,
    StatusKawin,
    TahapanKS,
)
from pendataan.selectors import awal_bulan, geser_bulan

KELUARGA_KABUPATEN = 215_000
KELUARGA_PER_SKALA = {
    "demo": 300,
    "persen": KELUARGA_KABUPATEN // 100,
    "kabupaten": KELUARGA_KABUPATEN,
}

# Names as Gowa's registers show them: one or two given names, then a father's name or a
# "Daeng" name. ~80 × ~40 × ~110 combinations a sex keep a full name to a handful of people in
# the district (as in life), so that a benchmark search for a full name finds what it would.
LAKI = (  # noqa: SIM905  (a list of names, easier to read this way)
    "Ahmad Muhammad Abdul Andi Baso Syamsul Rahman Hasan Basri Arifin Jamaluddin Kamaruddin "
    "Muh. Nur Ilham Syahrul Amir Anwar Ridwan Sudirman Hamzah Rusli Haris Syarifuddin Asri "
    "Irwan Herman Mansur Firman Rudi Agus Budi Safaruddin Hasanuddin Salam Zainal Akbar "
    "Ismail Abdullah Amiruddin Arsyad Aswar Bahtiar Darwis Faisal Hamka Hendra Husain "
    "Idris Jufri Kaharuddin Lukman Mappiare Mustari Nasrun Nurdin Patahuddin Rahmat Saharuddin "
    "Sahabuddin Sampara Sultan Suardi Syahrir Taufik Usman Wahyudi Yusran Zulkifli Ambo Bakri "
    "Darmawan Fadli Haerul Iskandar Kamaluddin Mappasomba Najamuddin Ramli Said Tajuddin"
).split()
PEREMPUAN = (  # noqa: SIM905  (a list of names, easier to read this way)
    "Siti Nurhayati Hasnah Rosmiati Nurul Hasmawati Sitti Rahmawati Suriani Kasmawati "
    "Hajrah Nurhaedah Fatimah Mariana Jumriani Rahmatia Syamsiah Nurlina Hartati Irma Sri "
    "Wahyuni Ani Sumarni Bungawati Nursiah Murni Salmawati Haslinda Ratna Fitri Indah "
    "Asmawati Dewi Aisyah Andriani Asriani Badariah Darmawati Erna Fitriani Hamsinah Harlina "
    "Hasniati Husnah Jusmiati Kartini Lina Marlina Masita Nurbaya Nurjannah Nurmala Nuraeni "
    "Rahmi Risnawati Rosdiana Rostina Saenab Sakinah Samsiah Sarinah St. Suarni Sukmawati "
    "Sumiati Syamsinar Tenri Ummi Wati Yuliana Zainab Hadijah Halimah Irawati Jamila Kasma"
).split()
BAPAK = (  # noqa: SIM905  (a list of names, easier to read this way)
    "Bone Tiro Sewang Rahim Saleh Yusuf Hamid Latief Kadir Sulaiman Gassing Lallo Sijaya Baji "
    "Ta'le Sese Mappa Tika Bunga Karaeng Mustafa Rasyid Syam Amin Gani Halim Hafid Jalil "
    "Kasim Lahmuddin Mannan Nawir Pattola Rauf Salim Sattar Sanusi Taha Wahid Yunus Zakaria "
    "Arief Hatta Jafar Marzuki Nasir Rajab Sahib Sitaba Tompo Mallarangeng Pallawa"
).split()
DAENG = (  # noqa: SIM905  (a list of names, easier to read this way)
    "Nai Ngai Rate Kebo Tompo Lolo Ngasseng Bau Caya Sikki Taba Ngerang Sitaba Tayang Bella "
    "Bollo Gassing Jarre Kanang Lenteng Mangka Ngampa Ngemba Ngunjung Nyikko Pasang Rannu "
    "Sanre Sija Tarang Tinri Baji Bunga Kulle Lompo Nompo Ramma Sutte Tojeng Tutu Ngopa "
    "Nakku Ratu Sayang Sese Lebang Limpo Mile Ngalle Ngiri Nyonri Pabe Palallo Rewa Salle"
).split()
NAMA_DUSUN = (  # noqa: SIM905  (a list of names, easier to read this way)
    "Bontoa Borong Bungaya Lembang Parang Tamalate Romang Pa'bentengang Sapaya Bonto"
).split()

# Initial status mix tuned to Gowa's PK21 mCPR ≈ 57.8 %.
BOBOT_STATUS = {
    "IUD": 5.0,
    "MOW": 2.5,
    "MOP": 0.3,
    "KONDOM": 1.8,
    "IMPLAN": 12.0,
    "SUNTIK": 27.0,
    "PIL": 9.5,
    "MAL": 0.6,
    "TRADISIONAL": 1.5,
    "HAMIL": 6.0,
    "IAS": 10.0,
    "IAT": 13.0,
    "TIAL": 10.8,
}
STATUS_LIST, STATUS_BOBOT = list(BOBOT_STATUS), list(BOBOT_STATUS.values())
PELUANG_GANTI_PER_BULAN = 0.02


class _Nomor:
    """Unique 16-digit NIK / no KK generator (no database round trip)."""

    def __init__(self):
        self.dipakai: set[str] = set()
        self.urut = 0

    def nik(self, kec: str, lahir: date, jk: str) -> str:
        hari = lahir.day + (40 if jk == "P" else 0)
        dasar = f"7306{kec}{hari:02d}{lahir:%m%y}"
        while True:
            self.urut = self.urut % 9999 + 1
            nik = f"{dasar}{self.urut:04d}"
            if nik not in self.dipakai:
                self.dipakai.add(nik)
                return nik

    def kk(self, kec: str, rng: random.Random) -> str:
        while True:
            tgl = date(2010, 1, 1) + timedelta(days=rng.randrange(5000))
            kk = f"7306{kec}{tgl:%d%m%y}{rng.randrange(1, 10000):04d}"
            if kk not in self.dipakai:
                self.dipakai.add(kk)
                return kk


def _umur_ke_lahir(rng: random.Random, acuan: date, umur: int) -> date:
    return acuan - timedelta(days=umur * 365 + rng.randrange(365))


def _bagi_keluarga(desa: list[Wilayah], total: int) -> dict[int, int]:
    """Families per desa: kelurahan (urban) weigh more; fixed per-desa variation by code."""
    bobot = {}
    for d in desa:
        rng = random.Random(d.kode)
        bobot[d.pk] = (1.6 if d.tingkat == Wilayah.Tingkat.KELURAHAN else 1.0) * rng.uniform(
            0.6, 1.4
        )
    jumlah = sum(bobot.values())
    return {pk: max(1, round(total * b / jumlah)) for pk, b in bobot.items()}


def _dusun_desa(d: Wilayah, paling_sedikit: int) -> list[Wilayah]:
    ada = list(Wilayah.objects.filter(induk=d, tingkat=Wilayah.Tingkat.DUSUN))
    i = 0
    while len(ada) < paling_sedikit:
        ada.append(dusun_create(desa=d, nama=f"{NAMA_DUSUN[i % len(NAMA_DUSUN)]} {i + 1}"))
        i += 1
    return ada


def _nama(rng: random.Random, jk: str) -> str:
    pilihan = LAKI if jk == "L" else PEREMPUAN
    nama = [rng.choice(pilihan)]
    if rng.random() < 0.45:
        nama.append(rng.choice(pilihan))
    nama.append(f"Daeng {rng.choice(DAENG)}" if rng.random() < 0.5 else rng.choice(BAPAK))
    return " ".join(dict.fromkeys(nama))  # never "Siti Siti"


def isi_demo(*, skala: str = "demo", stdout=None) -> dict[str, int]:
    """Fill the register for `skala` ("demo", "persen", "kabupaten"). Returns counts created."""
    if skala not in KELUARGA_PER_SKALA:
        raise ValueError(f"skala tidak dikenal: {skala}")
    if skala == "demo":
        desa_ids = set(
            Institusi.objects.filter(jenis=Institusi.Jenis.PPKBD).values_list(
                "wilayah_id", flat=True
            )
        ) | set(
            Institusi.objects.filter(jenis=Institusi.Jenis.SUB_PPKBD).values_list(
                "wilayah__desa_id", flat=True
            )
        )
        desa = list(Wilayah.objects.filter(pk__in=desa_ids).order_by("kode"))
    else:
        desa = list(Wilayah.objects.desa().order_by("kode"))
    if not desa:
        _tulis(stdout, "Tidak ada desa: jalankan muat_wilayah (dan data kader demo) dahulu.")
        return {}
    per_desa = _bagi_keluarga(desa, KELUARGA_PER_SKALA[skala])
    sudah = set(Keluarga.objects.filter(desa__in=desa).values_list("desa_id", flat=True).distinct())
    nomor = _Nomor()
    hasil = {"keluarga": 0, "anggota": 0, "status": 0, "desa": 0}
    mulai = time.monotonic()
    for i, d in enumerate(desa, 1):
        if d.pk in sudah:
            continue
        n = _isi_desa(d, per_desa[d.pk], nomor, random.Random(f"{skala}-{d.kode}"))
        for k, v in n.items():
            hasil[k] += v
        hasil["desa"] += 1
        if i % 10 == 0 or i == len(desa):
            _tulis(
                stdout,
                f"  {i}/{len(desa)} desa, {hasil['keluarga']:,} keluarga, "
                f"{hasil['anggota']:,} anggota ({time.monotonic() - mulai:.0f} dtk)",
            )
    if hasil["desa"]:
        _analyze()
    return hasil


def _analyze() -> None:
    """Fresh planner statistics after a bulk load (else the month count plans for 1 row)."""
    if connection.vendor != "postgresql":
        return
    # VACUUM also sets the visibility map (index-only counts); it cannot run in a transaction.
    perintah = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cur:
        for model in (Keluarga, Anggota, RiwayatAnggota, PerubahanStatus):
            cur.execute(f"{perintah} {model._meta.db_table}")


def _tulis(stdout, pesan: str) -> None:
    if stdout is not None:
        stdout.write(pesan)


@transaction.atomic
def _isi_desa(d: Wilayah, n_keluarga: int, nomor: _Nomor, rng: random.Random) -> dict[str, int]:
    """One desa: families, members, their open facts, 13 months of KB status and a PB target."""
    hari_ini = timezone.localdate()
    bulan_akhir = awal_bulan(hari_ini)
    # 13 months: the dashboard's 12-month trend ends at last month (the month being reported),
    # so its first month is 12 months before this one and must have statuses too.
    bulan_awal = geser_bulan(bulan_akhir, -12)
    kec = d.kode.split(".")[2]
    dusun = _dusun_desa(d, max(2, min(8, round(n_keluarga / 300))))
    keluarga_baru, calon_anggota = [], []
    for _ in range(n_keluarga):
        dsn = rng.choice(dusun)
        kk = nomor.kk(kec, rng)
        anggota = _susun_anggota(rng, bulan_awal)
        indikator = "".join("0" if rng.random() < 0.04 else "1" for _ in range(21))
        keluarga_baru.append(
            Keluarga(
                no_kk=kk,
                nama_kepala=anggota[0]["nama"],
                desa_id=d.pk,
                dusun_id=dsn.pk,
                rt=f"{rng.randrange(1, 9):03d}",
                alamat=f"Jl. Poros {dsn.nama} No. {rng.randrange(1, 200)}",
                lintang=round(-5.2 - rng.random() * 0.3, 6),
                bujur=round(119.45 + rng.random() * 0.4, 6),
                indikator_ks=indikator,
                tahapan_ks=_tahapan_cepat(indikator),
            )
        )
        calon_anggota.append(anggota)
    # EncryptedCharField sets the keyed hashes and encrypts no_kk/nik (Fernet) while bulk_create
    # prepares the rows, so nothing is encrypted twice.
    Keluarga.objects.bulk_create(keluarga_baru, batch_size=2000)
    anggota_baru = []
    for kel, daftar in zip(keluarga_baru, calon_anggota, strict=True):
        for a in daftar:
            nik = nomor.nik(kec, a["tanggal_lahir"], a["jenis_kelamin"])
            anggota_baru.append(Anggota(keluarga_id=kel.pk, nik=nik, **a))
    Anggota.objects.bulk_create(anggota_baru, batch_size=5000)
    riwayat = [
        RiwayatAnggota(
            anggota_id=a.pk,
            keluarga_id=a.keluarga_id,
            desa_id=d.pk,
            dusun_id=kel_dusun,
            jenis_kelamin=a.jenis_kelamin,
            tanggal_lahir=a.tanggal_lahir,
            status_kawin=a.status_kawin,
            mulai=a.tanggal_lahir,
        )
        for a, kel_dusun in _dengan_dusun(anggota_baru, keluarga_baru)
    ]
    RiwayatAnggota.objects.bulk_create(riwayat, batch_size=5000)
    status = _riwayat_status(rng, anggota_baru, d.pk, bulan_awal, bulan_akhir)
    PerubahanStatus.objects.bulk_create(status, batch_size=5000)
    # Their first history row, so a member's page shows who recorded what (here: nobody).
    PerubahanStatus.history.bulk_history_create(status, batch_size=5000)
    pus = sum(1 for s in status if s.bulan == bulan_awal)
    target_demo(desa=d, tahun=hari_ini.year, pus=pus)  # per method (§8.5)
    return {"keluarga": len(keluarga_baru), "anggota": len(anggota_baru), "status": len(status)}


def _dengan_dusun(anggota, keluarga):
    dusun_kel = {k.pk: k.dusun_id for k in keluarga}
    return ((a, dusun_kel[a.keluarga_id]) for a in anggota)


def _tahapan_cepat(indikator: str) -> str:
    return tahapan_ks(indikator) if "0" in indikator else TahapanKS.KS_3_PLUS


def _susun_anggota(rng: random.Random, acuan: date) -> list[dict]:
    """A plausible family: head, usually a wife, children, sometimes an elderly parent.
    Tuned to ≈ 3.84 members and ≈ 0.55 PUS per family (Gowa: 825k people, 118k PUS)."""
    daftar = []
    kawin = rng.random() < 0.80
    umur_kepala = int(rng.triangular(20, 80, 40))
    kepala_perempuan = not kawin and rng.random() < 0.5
    jk_kepala = "P" if kepala_perempuan else "L"
    daftar.append(
        _orang(
            rng,
            acuan,
            jk_kepala,
            umur_kepala,
            Hubungan.KEPALA,
            StatusKawin.KAWIN if kawin else rng.choice([3, 4]) if umur_kepala > 30 else 1,
        )
    )
    if kawin:
        umur_istri = max(16, umur_kepala - rng.randrange(0, 8))
        daftar.append(_orang(rng, acuan, "P", umur_istri, Hubungan.PASANGAN, StatusKawin.KAWIN))
        ibu = umur_istri
    else:
        ibu = umur_kepala
    n_anak = rng.choices([0, 1, 2, 3, 4, 5], [16, 25, 28, 18, 9, 4])[0] if ibu > 18 else 0
    for _ in range(n_anak):
        umur = max(0, min(ibu - 17, int(rng.triangular(0, ibu - 17 if ibu > 17 else 1, 6))))
        jk = rng.choice("LP")
        sk = StatusKawin.KAWIN if umur >= 20 and rng.random() < 0.15 else StatusKawin.BELUM
        daftar.append(_orang(rng, acuan, jk, umur, Hubungan.ANAK, sk))
    if rng.random() < 0.08:
        daftar.append(
            _orang(rng, acuan, rng.choice("LP"), rng.randrange(60, 85), Hubungan.LAINNYA, 4)
        )
    return daftar


def _orang(rng, acuan, jk, umur, hubungan, status_kawin) -> dict:
    return {
        "nama": _nama(rng, jk),
        "jenis_kelamin": jk,
        "tanggal_lahir": _umur_ke_lahir(rng, acuan, umur),
        "hubungan": int(hubungan),
        "status_kawin": int(status_kawin),
        "pendidikan": rng.choice(["sd", "smp", "sma", "sma", "diploma", "sarjana"])
        if umur > 7
        else "",
        "pekerjaan": rng.choice(
            ["Petani", "Wiraswasta", "Mengurus rumah tangga", "Pedagang", "Buruh", "PNS", "Nelayan"]
        )
        if umur > 17
        else "",
    }


def _riwayat_status(rng, anggota, desa_id, bulan_awal, bulan_akhir) -> list[PerubahanStatus]:
    """Every married woman 15–49: a status in the first month, then ~2 % change a month."""
    hasil = []
    batas_muda = bulan_awal.replace(year=bulan_awal.year - 15)
    batas_tua = bulan_awal.replace(year=bulan_awal.year - 50)
    for a in anggota:
        if a.jenis_kelamin != "P" or a.status_kawin != StatusKawin.KAWIN:
            continue
        if not batas_tua < a.tanggal_lahir <= batas_muda:
            continue
        status = rng.choices(STATUS_LIST, STATUS_BOBOT)[0]
        hasil.append(_status(a, desa_id, bulan_awal, status, rng, pb=False))
        bulan = geser_bulan(bulan_awal, 1)
        while bulan <= bulan_akhir:
            if rng.random() < PELUANG_GANTI_PER_BULAN:
                baru = rng.choices(STATUS_LIST, STATUS_BOBOT)[0]
                if baru != status:
                    pb = baru in METODE and status not in METODE and rng.random() < 0.7
                    hasil.append(_status(a, desa_id, bulan, baru, rng, pb=pb))
                    status = baru
            bulan = geser_bulan(bulan, 1)
    return hasil


def _status(a, desa_id, bulan, status, rng, *, pb) -> PerubahanStatus:
    jalur = ("PEMERINTAH" if rng.random() < 0.7 else "SWASTA") if status in METODE else ""
    return PerubahanStatus(
        anggota_id=a.pk,
        desa_id=desa_id,
        bulan=bulan,
        status=status,
        jalur=jalur,
        peserta_baru=pb,
        sumber=PerubahanStatus.Sumber.DEMO,
    )
