from .impor import Impor
from .keluarga import (
    TANPA_AKHIR,
    AksesNik,
    Anggota,
    Hubungan,
    Keluarga,
    Mutasi,
    RiwayatAnggota,
    StatusKawin,
    TahapanKS,
)
from .status import Jalur, PerubahanStatus, StatusKB, TargetPB

__all__ = [
    "TANPA_AKHIR",
    "AksesNik",
    "Anggota",
    "Hubungan",
    "Impor",
    "Jalur",
    "Keluarga",
    "Mutasi",
    "PerubahanStatus",
    "RiwayatAnggota",
    "StatusKB",
    "StatusKawin",
    "TahapanKS",
    "TargetPB",
]
