"""Measures of the programme itself and the IMP classification (DOMAIN.md §10, §8.6).

Pure definitions, no queries: the §8.6 columns and their labels, the ideal marriage ages (the
rule itself is pendataan.usia_nikah, re-exported here), the conversion window, and the ONE
catalogue of classification criteria with their thresholds.
The counting lives in `laporan.selectors_program`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from imp_smart.bulan import geser_bulan
from pendataan.indikator import MKJP, persen

# PUP (women 21 / men 25): the one rule lives in pendataan (the worklist uses it too).
from pendataan.usia_nikah import USIA_IDEAL_NIKAH as USIA_IDEAL_NIKAH
from pendataan.usia_nikah import di_bawah_usia_ideal as di_bawah_usia_ideal

# §8.6, in this order.
KOLOM_PROGRAM = [
    "kode_wilayah",
    "nama_wilayah",
    "tingkat",
    "bulan",
    "lahir",
    "nikah_bawah_usia_ideal",
    "konseling",
    "konversi_mkjp",
    "pelayanan_kb",
    "akseptor_dilayani",
    "sosialisasi",
]
UKURAN = KOLOM_PROGRAM[4:]
LABEL_UKURAN = {
    "lahir": "Kelahiran",
    "nikah_bawah_usia_ideal": "Perkawinan di bawah usia ideal",
    "konseling": "Konseling",
    "konversi_mkjp": "Konversi ke MKJP",
    "pelayanan_kb": "Pelayanan KB",
    "akseptor_dilayani": "Akseptor dilayani",
    "sosialisasi": "Sosialisasi",
}


# Konversi MKJP: the next change to a method is counted when its month is at most this many
# months after the counselling month (a change recorded for 1 October counts for a counselling
# on 1 July, day 92; one for November does not).
KONVERSI_BULAN = 3
METODE_MKJP = frozenset(MKJP)


def ukuran_kosong() -> dict[str, int]:
    return dict.fromkeys(UKURAN, 0)


def jumlahkan(daftar) -> dict[str, int]:
    """A higher level is the sum of its desa."""
    total = ukuran_kosong()
    for baris in daftar:
        for k in UKURAN:
            total[k] += baris.get(k, 0)
    return total


def per_seribu(jumlah: int, penduduk: int) -> Decimal:
    """jumlah / penduduk × 1,000 with the one rounding rule of the indicators (two decimals,
    half up; 0 when there is no population): persen() of ten times the count."""
    return persen(jumlah * 10, penduduk)


def konversi(bulan_konseling: date, perubahan: list[tuple[date, str]]) -> bool:
    """Was a counselling of `bulan_konseling` (first day) converted to MKJP? `perubahan` are
    the woman's changes to a method, (bulan, status), in any order: the first one from the
    counselling month on must be an MKJP method within KONVERSI_BULAN months."""
    berikut = min((p for p in perubahan if p[0] >= bulan_konseling), default=None)
    if berikut is None:
        return False
    return berikut[0] <= geser_bulan(bulan_konseling, KONVERSI_BULAN) and berikut[1] in METODE_MKJP


# --- Klasifikasi IMP ---------------------------------------------------------------------------

DASAR, BERKEMBANG, MANDIRI = "dasar", "berkembang", "mandiri"
KELAS = (DASAR, BERKEMBANG, MANDIRI)
LABEL_KELAS = {
    None: "Belum dasar",
    DASAR: "Dasar",
    BERKEMBANG: "Berkembang",
    MANDIRI: "Mandiri",
}
# Over the last BULAN_KLASIFIKASI months ending with the month asked for.
BULAN_KLASIFIKASI = 12

# Every threshold of the classification, in one place (DOMAIN.md §10, a choice of the project).
AMBANG = {
    "jabatan_lain": 1,  # dasar: a ketua and at least this many other posts filled
    "sesi_kie": 1,  # dasar: KIE sessions in the 12 months
    "bulan_status": 6,  # dasar: months with statuses saved or confirmed
    "bulan_pertemuan": 10,  # berkembang: months with a meeting
    "triwulan_layanan": 4,  # berkembang: quarters with counselling or a service activity
    "poktan_aktif": 1,  # berkembang: poktan with an activity in the 12 months
    "bulan_iuran": 10,  # mandiri: months with dues collected (or an arisan running)
    "pengurus_dilatih": 1,  # mandiri: board members who had a training
}


@dataclass(frozen=True)
class Kriteria:
    kode: str
    kelas: str
    label: str

    def uji(self, b: dict) -> bool:
        return _UJI[self.kode](b)

    def angka(self, b: dict) -> str:
        return _ANGKA[self.kode](b)


_UJI = {
    "pengurus": lambda b: b["ketua"] and b["jabatan_lain"] >= AMBANG["jabatan_lain"],
    "kie": lambda b: b["sesi_kie"] >= AMBANG["sesi_kie"],
    "status": lambda b: b["bulan_status"] >= AMBANG["bulan_status"],
    "pertemuan": lambda b: b["bulan_pertemuan"] >= AMBANG["bulan_pertemuan"],
    "layanan": lambda b: b["triwulan_layanan"] >= AMBANG["triwulan_layanan"],
    "poktan": lambda b: b["poktan_aktif"] >= AMBANG["poktan_aktif"],
    "pengurus_inti": lambda b: b["ketua"] and b["sekretaris"] and b["bendahara"],
    "dana": lambda b: b["bulan_iuran"] >= AMBANG["bulan_iuran"] or b["arisan_berjalan"],
    "dilatih": lambda b: b["pengurus_dilatih"] >= AMBANG["pengurus_dilatih"],
}


def _ya(x) -> str:
    return "ada" if x else "tidak ada"


_ANGKA = {
    "pengurus": lambda b: f"ketua {_ya(b['ketua'])}, jabatan lain {b['jabatan_lain']}",
    "kie": lambda b: f"{b['sesi_kie']} sesi KIE",
    "status": lambda b: f"{b['bulan_status']} dari 12 bulan",
    "pertemuan": lambda b: f"{b['bulan_pertemuan']} dari 12 bulan",
    "layanan": lambda b: f"{b['triwulan_layanan']} dari 4 triwulan",
    "poktan": lambda b: f"{b['poktan_aktif']} poktan berkegiatan",
    "pengurus_inti": lambda b: (
        f"ketua {_ya(b['ketua'])}, sekretaris {_ya(b['sekretaris'])}, "
        f"bendahara {_ya(b['bendahara'])}"
    ),
    "dana": lambda b: f"iuran {b['bulan_iuran']} dari 12 bulan, arisan {_ya(b['arisan_berjalan'])}",
    "dilatih": lambda b: f"{b['pengurus_dilatih']} pengurus pernah dilatih",
}

KRITERIA = [
    Kriteria("pengurus", DASAR, "Ketua dan minimal satu jabatan lain terisi"),
    Kriteria("kie", DASAR, "Minimal satu sesi KIE"),
    Kriteria("status", DASAR, "Status KB disimpan atau dikonfirmasi minimal 6 bulan"),
    Kriteria("pertemuan", BERKEMBANG, "Pertemuan rutin minimal 10 bulan"),
    Kriteria("layanan", BERKEMBANG, "Konseling atau kegiatan pelayanan di setiap triwulan"),
    Kriteria("poktan", BERKEMBANG, "Minimal satu poktan aktif"),
    Kriteria("pengurus_inti", MANDIRI, "Ketua, sekretaris dan bendahara terisi"),
    Kriteria("dana", MANDIRI, "Iuran terkumpul minimal 10 bulan atau arisan berjalan"),
    Kriteria("dilatih", MANDIRI, "Minimal satu pengurus pernah dilatih"),
]


def klasifikasi(bukti: dict) -> tuple[str | None, list[dict]]:
    """The class the evidence supports (None: not even dasar) and, per criterion, whether it
    holds with its numbers. Each class needs every criterion of its own and of the classes
    below it."""
    hasil = [
        {
            "kode": k.kode,
            "kelas": k.kelas,
            "label": k.label,
            "ok": bool(k.uji(bukti)),
            "angka": k.angka(bukti),
        }
        for k in KRITERIA
    ]
    kelas = None
    for tingkat in KELAS:
        if all(h["ok"] for h in hasil if h["kelas"] == tingkat):
            kelas = tingkat
        else:
            break
    return kelas, hasil
