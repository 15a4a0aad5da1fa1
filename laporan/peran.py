"""What each role may do in laporan (merged into the role groups by kader.peran)."""

from kader.models import Peran

LIHAT = ["view_laporandesa", "view_riwayatlaporan"]
# Programme results, IMP classification and the supervision scorecard (DOMAIN §10): supervisors.
PROGRAM = ["lihat_hasil_program"]

IZIN = {
    Peran.DINAS: [*LIHAT, *PROGRAM, "view_berkasrekap", "add_berkasrekap", "buka_laporandesa"],
    Peran.KOORDINATOR: [
        *LIHAT,
        *PROGRAM,
        "setujui_laporandesa",
        "kembalikan_laporandesa",
        "buka_laporandesa",
    ],
    Peran.PENYULUH: [
        *LIHAT,
        *PROGRAM,
        "add_laporandesa",
        "change_laporandesa",
        "kirim_laporandesa",
        "verifikasi_laporandesa",
        "kembalikan_laporandesa",
    ],
    Peran.PPKBD: [*LIHAT, "add_laporandesa", "change_laporandesa", "kirim_laporandesa"],
    Peran.SUB_PPKBD: [*LIHAT],
}
