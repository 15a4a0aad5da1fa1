"""Permissions of each role in the pendataan app (merged into the role groups by kader.peran)."""

from kader.models.akun import Peran

LIHAT = [
    "view_keluarga",
    "view_anggota",
    "view_perubahanstatus",
    "view_targetpb",
    "view_targetmetode",
]
ISI = [
    "add_keluarga",
    "change_keluarga",
    "add_anggota",
    "change_anggota",
    "add_mutasi",
    "add_perubahanstatus",
    "change_perubahanstatus",
]

IZIN = {
    Peran.DINAS: [
        *LIHAT,
        "lihat_nik_lengkap",
        "view_impor",
        "add_impor",
        "add_targetpb",
        "change_targetpb",
        "add_targetmetode",
        "change_targetmetode",
    ],
    Peran.KOORDINATOR: [*LIHAT, "view_impor"],
    Peran.PENYULUH: [*LIHAT, *ISI, "lihat_nik_lengkap", "view_impor", "add_impor"],
    Peran.PPKBD: [*LIHAT, *ISI, "view_impor", "add_impor"],
    Peran.SUB_PPKBD: [*LIHAT, *ISI],
}
