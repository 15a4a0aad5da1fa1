"""Permissions per role for pertemuan, and for the group-fund models that live in kader.

kader.peran.sinkron_peran merges this IZIN after every migrate. Codenames without a dot belong
to pertemuan; the group-fund models are named in full ("kader.<codename>").
"""

from kader.models.akun import Peran


def _crud(*model: str, hapus: bool = False) -> list[str]:
    aksi = ["view", "add", "change", *(["delete"] if hapus else [])]
    return [f"{a}_{m}" for m in model for a in aksi]


LIHAT = [
    "view_pertemuan",
    "view_tindaklanjut",
    "view_sesikie",
    "view_konseling",
    "view_poktan",
    "view_kegiatanpoktan",
    "view_pelatihan",
    "view_pesertapelatihan",
    "view_modaluppka",
]
CATAT_DESA = [
    *_crud("pertemuan", "tindaklanjut", "sesikie", "konseling"),
    *_crud("fotopertemuan", hapus=True),
    *_crud("poktan", "kegiatanpoktan", "anggotapoktan", "modaluppka"),
]
# Programme activities (models/program.py): sosialisasi, KB service events, partners, groups.
PROGRAM_LIHAT = [
    "view_sosialisasi",
    "view_pelayanankb",
    "view_akseptorpelayanan",
    "view_keterlibatanmitra",
    "view_kelompokmasyarakat",
]
PROGRAM_CATAT = [
    *PROGRAM_LIHAT,
    *_crud("sosialisasi", "pelayanankb", "kelompokmasyarakat"),
    *_crud("fotososialisasi", "akseptorpelayanan", hapus=True),
]
# A Sub-PPKBD records KB service events and her groups; sosialisasi she reads.
PROGRAM_DUSUN = [
    *PROGRAM_LIHAT,
    *_crud("pelayanankb", "kelompokmasyarakat"),
    *_crud("akseptorpelayanan", hapus=True),
]
DANA_LIHAT = ["kader.view_transaksikas", "kader.view_kelompokarisan", "kader.view_tarifiuran"]
DANA_CATAT = [
    *DANA_LIHAT,
    "kader.add_transaksikas",
    "kader.change_transaksikas",  # cancel a wrong entry (never edit, never delete)
    "kader.add_kelompokarisan",
    "kader.change_kelompokarisan",
    "kader.add_anggotaarisan",
    "kader.add_putaranarisan",
    "kader.add_tarifiuran",
]

IZIN = {
    Peran.DINAS: [
        *LIHAT,
        *_crud("pertemuan", "tindaklanjut", "fotopertemuan"),
        *_crud("pelatihan", "pesertapelatihan", hapus=True),
        *DANA_LIHAT,
        *PROGRAM_CATAT,
    ],
    Peran.KOORDINATOR: [
        *LIHAT,
        *CATAT_DESA,
        *_crud("pelatihan", "pesertapelatihan", hapus=True),
        *DANA_LIHAT,
        *PROGRAM_CATAT,
    ],
    Peran.PENYULUH: [
        *LIHAT,
        *CATAT_DESA,
        *_crud("pelatihan", "pesertapelatihan"),
        *DANA_LIHAT,
        *PROGRAM_CATAT,
    ],
    Peran.PPKBD: [*LIHAT, *CATAT_DESA, *DANA_CATAT, *PROGRAM_CATAT],
    Peran.SUB_PPKBD: [
        *LIHAT,
        *_crud("pertemuan", "tindaklanjut", "sesikie", "konseling"),
        *_crud("fotopertemuan", hapus=True),
        "view_anggotapoktan",
        *DANA_CATAT,
        *PROGRAM_DUSUN,
    ],
}
