from .impor import Impor
from .keluarga import (
    TANPA_AKHIR,
    AksesNik,
    Anggota,
    Hubungan,
    JumlahKeluargaDesa,
    Keluarga,
    Mutasi,
    RiwayatAnggota,
    StatusKawin,
    TahapanKS,
)
from .konfirmasi import KonfirmasiPus
from .status import Jalur, PerubahanStatus, StatusKB, TargetPB
from .target import TargetMetode

__all__ = [
    "TANPA_AKHIR",
    "AksesNik",
    "Anggota",
    "Hubungan",
    "Impor",
    "Jalur",
    "JumlahKeluargaDesa",
    "Keluarga",
    "KonfirmasiPus",
    "Mutasi",
    "PerubahanStatus",
    "RiwayatAnggota",
    "StatusKB",
    "StatusKawin",
    "TahapanKS",
    "TargetMetode",
    "TargetPB",
]
