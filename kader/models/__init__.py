from .akun import Penugasan, Peran, Profil
from .organisasi import SK, Institusi, Kader, KontakMitra, Mitra, Pengurus, TemplateSK
from .wilayah import Wilayah

__all__ = [
    "SK",
    "Institusi",
    "Kader",
    "KontakMitra",
    "Mitra",
    "Penugasan",
    "Pengurus",
    "Peran",
    "Profil",
    "TemplateSK",
    "Wilayah",
]
