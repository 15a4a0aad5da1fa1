from .kie import Konseling, SesiKIE, TopikKIE
from .pelatihan import Pelatihan, PesertaPelatihan
from .pertemuan import (
    AgendaPertemuan,
    FotoPertemuan,
    HadirUndangan,
    KategoriUndangan,
    Masalah,
    Pertemuan,
    TindakLanjut,
)
from .poktan import AnggotaPoktan, JenisPoktan, KegiatanPoktan, Poktan

__all__ = [
    "AgendaPertemuan",
    "AnggotaPoktan",
    "Konseling",
    "FotoPertemuan",
    "HadirUndangan",
    "JenisPoktan",
    "KategoriUndangan",
    "KegiatanPoktan",
    "Masalah",
    "Pelatihan",
    "Pertemuan",
    "PesertaPelatihan",
    "Poktan",
    "SesiKIE",
    "TindakLanjut",
    "TopikKIE",
]
