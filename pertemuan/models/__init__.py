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
from .program import (
    AkseptorPelayanan,
    FotoSosialisasi,
    KelompokMasyarakat,
    KeterlibatanMitra,
    PelayananKB,
    PeranMitra,
    Sosialisasi,
)

__all__ = [
    "AgendaPertemuan",
    "AkseptorPelayanan",
    "AnggotaPoktan",
    "ArahModal",
    "FotoPertemuan",
    "FotoSosialisasi",
    "HadirUndangan",
    "JenisPoktan",
    "KategoriUndangan",
    "KegiatanPoktan",
    "KelompokMasyarakat",
    "KeterlibatanMitra",
    "Konseling",
    "Masalah",
    "ModalUppka",
    "Pelatihan",
    "PelayananKB",
    "PeranMitra",
    "Pertemuan",
    "PesertaPelatihan",
    "Poktan",
    "SesiKIE",
    "Sosialisasi",
    "SumberModal",
    "TindakLanjut",
    "TopikKIE",
]
