"""The kabupaten/kota this installation serves and its Dinas: one function, `identitas()`.

Settings are the defaults (IMP_KODE_KABUPATEN, IMP_NAMA_KABUPATEN, IMP_NAMA_PROVINSI,
IMP_NAMA_DINAS, IMP_ALAMAT_DINAS, IMP_KEPALA_DINAS_NAMA/_NIP, IMP_JABATAN_PENANDATANGAN,
IMP_TEMPAT_PENANDATANGAN, IMP_LAMBANG); the office's record edited in the admin
(`kader.ProfilDinas`) overrides every field it fills in. The framework does not import the app:
kader registers the record's reader with `daftarkan_sumber` in its AppConfig.ready(). The result
is cached (shared cache: every web and worker process) and forgotten when the record is saved or
a setting changes. Pages, e-mails and PDFs read it here; only the demo data names a kabupaten.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver

from imp_smart.halaman import lupakan_semua as lupakan_semua_halaman
from imp_smart.lambang import data_uri

KUNCI_CACHE = "imp:identitas:v1"
_sumber: Callable[[], dict] | None = None


@dataclass(frozen=True)
class Identitas:
    kode_kabupaten: str
    nama_kabupaten: str
    nama_provinsi: str
    nama_dinas: str
    alamat_dinas: str
    kepala_dinas_nama: str
    kepala_dinas_nip: str
    jabatan_penandatangan: str
    tempat_penandatangan: str
    lambang: str = ""  # name of an uploaded emblem in the default storage ("": IMP_LAMBANG)


def daftarkan_sumber(fungsi: Callable[[], dict]) -> None:
    """Register the reader of the office's record: a dict of Identitas fields (empty values keep
    the setting)."""
    global _sumber
    _sumber = fungsi
    lupakan_identitas()


def dari_pengaturan() -> Identitas:
    """The identity the settings alone give (what an empty field of the record falls back to)."""
    return Identitas(
        kode_kabupaten=settings.IMP_KODE_KABUPATEN,
        nama_kabupaten=settings.IMP_NAMA_KABUPATEN.strip(),
        nama_provinsi=settings.IMP_NAMA_PROVINSI,
        nama_dinas=settings.IMP_NAMA_DINAS,
        alamat_dinas=settings.IMP_ALAMAT_DINAS,
        kepala_dinas_nama=settings.IMP_KEPALA_DINAS_NAMA
        or getattr(settings, "IMP_KEPALA_DINAS", ""),
        kepala_dinas_nip=settings.IMP_KEPALA_DINAS_NIP,
        jabatan_penandatangan=settings.IMP_JABATAN_PENANDATANGAN,
        tempat_penandatangan=settings.IMP_TEMPAT_PENANDATANGAN,
    )


def identitas() -> Identitas:
    """The office's identity: the admin record over the settings. Cached."""
    hasil = cache.get(KUNCI_CACHE)
    if hasil is None:
        hasil = dari_pengaturan()
        if _sumber is not None:
            nama_field = {f.name for f in fields(Identitas)} - {"kode_kabupaten"}
            isi = {
                k: v.strip()
                for k, v in (_sumber() or {}).items()
                if k in nama_field and isinstance(v, str) and v.strip()
            }
            hasil = replace(hasil, **isi)
        cache.set(KUNCI_CACHE, hasil, 3600)
    return hasil


def lupakan_identitas(**kwargs) -> None:
    """Forget the cached identity (the record was saved or deleted); every kept page shows the
    office's name, and read it from this cache: none is served again (imp_smart.halaman)."""
    cache.delete(KUNCI_CACHE)
    lupakan_semua_halaman()


@receiver(setting_changed)
def _pengaturan_berubah(*, setting, **kwargs):
    if setting.startswith("IMP_") or setting == "CACHES":
        lupakan_identitas()


def kepala_daerah() -> dict:
    """Who signs an SK, from the kabupaten name ("Kabupaten X" → Bupati X;
    "Kota Makassar" → Wali Kota Makassar)."""
    nama = identitas().nama_kabupaten
    for awalan, jabatan in (("Kabupaten ", "Bupati"), ("Kota ", "Wali Kota")):
        if nama.lower().startswith(awalan.lower()):
            return {"jabatan": jabatan, "daerah": nama[len(awalan) :].strip()}
    return {"jabatan": "Bupati", "daerah": nama}


def nama_kepala_daerah() -> str:
    """E.g. "Bupati Maros", "Wali Kota Makassar"."""
    k = kepala_daerah()
    return f"{k['jabatan']} {k['daerah']}"


def dinas_singkat(ident: Identitas | None = None) -> str:
    """The office as pages name it: "Dinas PPKB <kabupaten/kota>" (of `ident`, read if not
    given)."""
    return f"Dinas PPKB {(ident or identitas()).nama_kabupaten}"


def lambang_uri() -> str:
    """The letterhead emblem for WeasyPrint: an uploaded one as a data: URI (read through the
    storage API, whatever the backend); else IMP_LAMBANG as a file:// URI (relative to
    PDF_ASSETS_DIR unless absolute)."""
    nama = identitas().lambang
    if nama:
        try:
            with default_storage.open(nama, "rb") as berkas:
                return data_uri(nama, berkas.read())
        except OSError:
            pass  # the stored file is gone: the default emblem rather than no letterhead
    return lambang_bawaan().resolve().as_uri()


def lambang_bawaan() -> Path:
    """IMP_LAMBANG on disk (relative to PDF_ASSETS_DIR unless absolute)."""
    jalur = Path(settings.IMP_LAMBANG)
    return jalur if jalur.is_absolute() else Path(settings.PDF_ASSETS_DIR) / jalur
