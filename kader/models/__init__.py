from .akun import Penugasan, Peran, Profil
from .dana import AnggotaArisan, KelompokArisan, PutaranArisan, TarifIuran, TransaksiKas
from .organisasi import SK, Institusi, Kader, KontakMitra, Mitra, Pengurus, TemplateSK
from .profil import ProfilDinas
from .wilayah import Wilayah

__all__ = [
    "AnggotaArisan",
    "KelompokArisan",
    "PutaranArisan",
    "TarifIuran",
    "TransaksiKas",
    "SK",
    "Institusi",
    "Kader",
    "KontakMitra",
    "Mitra",
    "Penugasan",
    "Pengurus",
    "Peran",
    "Profil",
    "ProfilDinas",
    "TemplateSK",
    "Wilayah",
]
