"""Demo data of the kader app: institutions, boards, cadres, SK, partners and one login per role.

Demo areas: Kecamatan Bontonompo (3 desa/kelurahan) and Kecamatan Somba Opu (2 kelurahan), each
with dusun, a PPKBD, a Sub-PPKBD per dusun and full boards. Idempotent: a second run adds nothing.
"""

import random
from datetime import date

from django.db import transaction

from imp_smart.nik import hash_nik
from kader import services
from kader.models import SK, Institusi, Kader, Mitra, Pengurus, Peran, Wilayah

PASSWORD_DEMO = "gowa2026!"
DESA_DEMO = {
    "73.06.01.2004": ["Bontocinde", "Borong Kaluku", "Kampung Beru"],
    "73.06.01.2005": ["Bontoramba", "Tangkebajeng", "Panyangkalang"],
    "73.06.01.1001": ["Lingkungan Bontonompo", "Lingkungan Tamallayang Baru"],
    "73.06.08.1001": ["Lingkungan Bontobiraeng", "Lingkungan Sungguminasa Utara"],
    "73.06.08.1005": ["Lingkungan Samata", "Lingkungan Romang Lompoa"],
}
NAMA_PEREMPUAN = [
    "Nurhayati",
    "Hasnah",
    "Syamsiah",
    "Rahmawati",
    "Sitti Aminah",
    "Hasnawati",
    "Nurbaya",
    "Jumriati",
    "Hadijah",
    "Marlina",
    "Fatmawati",
    "Suriani",
    "Nurjannah",
    "Rosmiati",
    "Kartini",
    "Hasmawati",
    "Salmiah",
    "Rahmatia",
]
NAMA_LAKI = [
    "Baharuddin",
    "Syamsuddin",
    "Muh. Ridwan",
    "Abdul Rahman",
    "Zainuddin",
    "Hamzah",
    "Amiruddin",
    "Saharuddin",
]
NAMA_BELAKANG = [
    "Daeng Ngasseng",
    "Daeng Taba",
    "Daeng Sugi",
    "Daeng Kebo",
    "Daeng Ngai",
    "Daeng Bau",
    "Daeng Lallo",
    "Daeng Nanne",
    "Daeng Caya",
    "Daeng Rannu",
]


def _nik(rng: random.Random, jk: str, lahir: date) -> str:
    hari = lahir.day + (40 if jk == "P" else 0)
    return f"730601{hari:02d}{lahir:%m}{lahir:%y}{rng.randint(1, 9999):04d}"


def _kader_baru(rng: random.Random, institusi: Institusi, dusun: Wilayah | None) -> Kader:
    jk = "P" if rng.random() < 0.85 else "L"
    depan = rng.choice(NAMA_PEREMPUAN if jk == "P" else NAMA_LAKI)
    lahir = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
    nik = _nik(rng, jk, lahir)
    while Kader.objects.filter(nik_hash=hash_nik(nik)).exists():
        nik = _nik(rng, jk, lahir)
    return services.kader_simpan(
        nik=nik,
        nama=f"{depan} {rng.choice(NAMA_BELAKANG)}",
        jenis_kelamin=jk,
        tanggal_lahir=lahir,
        telepon=f"+628{rng.randint(11, 59)}{rng.randint(10**7, 10**8 - 1)}",
        pendidikan=rng.choice(["sma", "smp", "diploma", "sarjana"]),
        pekerjaan=rng.choice(["Ibu rumah tangga", "Pedagang", "Petani", "Guru honorer"]),
        institusi=institusi,
        dusun=dusun,
        aktif_sejak=date(rng.randint(2015, 2023), 1, 1),
    )


def _isi_pengurus(rng, institusi: Institusi, dusun, sk: SK) -> None:
    if institusi.pengurus.exists():
        return
    for jabatan in [*Pengurus.JABATAN_TUNGGAL, "anggota", "anggota"]:
        k = _kader_baru(rng, institusi, dusun)
        services.pengurus_simpan(
            institusi=institusi,
            kader=k,
            jabatan=jabatan,
            mulai=sk.berlaku_mulai,
            selesai=sk.berlaku_sampai,
            sk=sk,
            seksi=rng.choice(["Seksi KIE", "Seksi Pendataan", ""]) if jabatan == "anggota" else "",
        )


def _institusi(jenis, wilayah, nama, klasifikasi="berkembang") -> Institusi:
    ada = Institusi.objects.filter(jenis=jenis, wilayah=wilayah, aktif=True).first()
    return ada or services.institusi_simpan(
        jenis=jenis,
        wilayah=wilayah,
        nama=nama,
        klasifikasi=klasifikasi,
        tanggal_dibentuk=date(2016, 3, 1),
    )


@transaction.atomic
def isi_demo(*, skala: str = "demo", stdout=None) -> dict:
    """Create the demo organisation and logins; returns {username: description}."""
    rng = random.Random(7306)
    sk, _ = SK.objects.get_or_create(
        nomor="188.4/1250/TAHUN 2024",
        defaults={
            "tanggal": date(2024, 12, 20),
            "berlaku_mulai": date(2025, 1, 1),
            "berlaku_sampai": date(2027, 12, 31),
            "tentang": "Pengukuhan Pengurus PPKBD dan Sub-PPKBD Kabupaten Gowa 2025–2027",
        },
    )
    pertama = {}
    for kode, daftar_dusun in DESA_DEMO.items():
        desa = Wilayah.objects.get(kode=kode)
        ppkbd = _institusi(Institusi.Jenis.PPKBD, desa, f"PPKBD {desa.nama}", "mandiri")
        _isi_pengurus(rng, ppkbd, None, sk)
        for i, nama_dusun in enumerate(daftar_dusun):
            dusun = services.dusun_create(desa=desa, nama=nama_dusun)
            sub = _institusi(
                Institusi.Jenis.SUB_PPKBD,
                dusun,
                f"Sub-PPKBD {dusun.nama}",
                rng.choice(["dasar", "berkembang"]),
            )
            # The last dusun of each desa is left with a vacant bendahara, as in real life.
            _isi_pengurus(rng, sub, dusun, sk)
            if i == len(daftar_dusun) - 1:
                sub.pengurus.filter(jabatan="bendahara").delete()
            pertama.setdefault(kode, (ppkbd, dusun, sub))
    if skala != "demo":
        # District scale: every desa/kelurahan has its PPKBD (boards stay for the demo desa).
        for desa in Wilayah.objects.desa().exclude(kode__in=DESA_DEMO):
            _institusi(Institusi.Jenis.PPKBD, desa, f"PPKBD {desa.nama}", "dasar")
    for kode, (jenis, nama) in {
        "73.06.01.2004": ("pkk", "TP PKK Desa Bontolangkasa Utara"),
        "73.06.01": ("kua", "KUA Kecamatan Bontonompo"),
        "73.06.08": ("dinkes", "Puskesmas Samata"),
        "73.06": ("ipekb", "IPeKB Kabupaten Gowa"),
    }.items():
        if not Mitra.objects.filter(nama=nama).exists():
            m = Mitra.objects.create(
                jenis=jenis,
                nama=nama,
                wilayah=Wilayah.objects.get(kode=kode),
                telepon="+6241186" + str(rng.randint(1000, 9999)),
            )
            m.kontak.create(
                nama=f"{rng.choice(NAMA_LAKI)} {rng.choice(NAMA_BELAKANG)}",
                jabatan="Kepala",
                telepon=f"+62813{rng.randint(10**7, 10**8 - 1)}",
            )
    return _buat_login(pertama)


def _buat_login(pertama: dict) -> dict:
    ppkbd_a, dusun_a1, sub_a1 = pertama["73.06.01.2004"]
    bontonompo = Wilayah.objects.get(kode="73.06.01")
    akun = [
        ("admin", Peran.ADMIN, None, None, "Admin Sistem", "seluruh kabupaten + Django admin"),
        ("dinas", Peran.DINAS, None, None, "Kasi Penyuluh dan Kader", "seluruh kabupaten"),
        (
            "koordinator",
            Peran.KOORDINATOR,
            bontonompo,
            None,
            "Koordinator PKB Bontonompo",
            "Kecamatan Bontonompo",
        ),
        (
            "penyuluh",
            Peran.PENYULUH,
            None,
            None,
            "PKB Bontolangkasa",
            "desa binaan Bontolangkasa Utara dan Bontolangkasa Selatan",
        ),
        (
            "ppkbd",
            Peran.PPKBD,
            ppkbd_a.wilayah,
            ppkbd_a,
            "Kader PPKBD Bontolangkasa Utara",
            "Desa Bontolangkasa Utara",
        ),
        (
            "subppkbd",
            Peran.SUB_PPKBD,
            dusun_a1,
            sub_a1,
            f"Kader Sub-PPKBD {dusun_a1.nama}",
            f"Dusun {dusun_a1.nama}",
        ),
    ]
    hasil = {}
    for username, peran, wilayah, institusi, nama, cakupan in akun:
        user = services.pengguna_buat(
            username=username,
            password=PASSWORD_DEMO,
            peran=peran,
            wilayah=wilayah,
            institusi=institusi,
            nama=nama,
            email=f"{username}@demo.imp-smart.id",
        )
        hasil[username] = (peran.label, cakupan)
        if peran == Peran.PENYULUH and not user.penugasan.exists():
            for kode in ("73.06.01.2004", "73.06.01.2005"):
                services.penugasan_simpan(
                    penyuluh=user,
                    desa=Wilayah.objects.get(kode=kode),
                    mulai=date(2024, 1, 2),
                    nomor_sk="800/45/DPPKB/2024",
                )
    return hasil
