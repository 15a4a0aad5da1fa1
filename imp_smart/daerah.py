"""The kabupaten/kota this installation serves, from settings (never written in code).

IMP_NAMA_KABUPATEN, IMP_KODE_KABUPATEN, IMP_NAMA_PROVINSI, IMP_NAMA_DINAS and IMP_LAMBANG are
read here for the pages, e-mails and PDFs; only the demo data names a real kabupaten.
"""

from pathlib import Path

from django.conf import settings


def kepala_daerah() -> dict:
    """Who signs an SK, from settings.IMP_NAMA_KABUPATEN ("Kabupaten X" → Bupati X;
    "Kota Makassar" → Wali Kota Makassar)."""
    nama = settings.IMP_NAMA_KABUPATEN.strip()
    for awalan, jabatan in (("Kabupaten ", "Bupati"), ("Kota ", "Wali Kota")):
        if nama.lower().startswith(awalan.lower()):
            return {"jabatan": jabatan, "daerah": nama[len(awalan) :].strip()}
    return {"jabatan": "Bupati", "daerah": nama}


def nama_kepala_daerah() -> str:
    """E.g. "Bupati Maros", "Wali Kota Makassar"."""
    k = kepala_daerah()
    return f"{k['jabatan']} {k['daerah']}"


def dinas_singkat() -> str:
    """The office as pages name it: "Dinas PPKB <kabupaten/kota>"."""
    return f"Dinas PPKB {settings.IMP_NAMA_KABUPATEN}"


def lambang_uri() -> str:
    """The letterhead emblem as a file:// URI for WeasyPrint (IMP_LAMBANG, relative to
    PDF_ASSETS_DIR unless absolute)."""
    jalur = Path(settings.IMP_LAMBANG)
    if not jalur.is_absolute():
        jalur = Path(settings.PDF_ASSETS_DIR) / jalur
    return jalur.resolve().as_uri()
