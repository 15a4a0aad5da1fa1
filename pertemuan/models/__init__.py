from .kie import Konseling, SesiKIE, TopikKIE
from .modal import ArahModal, ModalUppka, SumberModal
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
    "ArahModal",
    "AnggotaPoktan",
    "Konseling",
    "FotoPertemuan",
    "HadirUndangan",
    "JenisPoktan",
    "KategoriUndangan",
    "KegiatanPoktan",
    "Masalah",
    "ModalUppka",
    "Pelatihan",
    "Pertemuan",
    "PesertaPelatihan",
    "Poktan",
    "SesiKIE",
    "SumberModal",
    "TindakLanjut",
    "TopikKIE",
]
