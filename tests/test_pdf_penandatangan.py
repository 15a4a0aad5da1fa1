"""One Dinas signature block for every PDF (imp_smart.pdf.penandatangan)."""

import ast
from pathlib import Path

from imp_smart.pdf import penandatangan

AKAR = Path(__file__).resolve().parents[1]


def test_signer_comes_from_settings_with_the_old_name_setting_as_fallback(settings, db):
    settings.IMP_TEMPAT_PENANDATANGAN = "Turikale"
    settings.IMP_JABATAN_PENANDATANGAN = ""
    settings.IMP_NAMA_DINAS = "Dinas PPKB"
    settings.IMP_KEPALA_DINAS_NAMA = ""
    settings.IMP_KEPALA_DINAS = "Ir. Lama"
    settings.IMP_KEPALA_DINAS_NIP = "19700101 200003 1 001"
    assert penandatangan() == {
        "tempat": "Turikale",
        "jabatan": "Kepala Dinas PPKB",
        "nama": "Ir. Lama",
        "nip": "19700101 200003 1 001",
    }
    settings.IMP_KEPALA_DINAS_NAMA = "dr. Baru"
    settings.IMP_JABATAN_PENANDATANGAN = "Plt. Kepala Dinas"
    assert penandatangan()["nama"] == "dr. Baru"
    assert penandatangan()["jabatan"] == "Plt. Kepala Dinas"


def test_no_app_reads_the_signer_settings_itself():
    """Only the office's identity (imp_smart/daerah.py, read by imp_smart/pdf.py) and settings
    read the signer's settings: the recap and the certificate call penandatangan(), so the two
    blocks cannot drift apart."""
    nama = {"IMP_KEPALA_DINAS_NAMA", "IMP_KEPALA_DINAS_NIP", "IMP_JABATAN_PENANDATANGAN"}
    pembaca = []
    for app in ("kader", "pendataan", "pertemuan", "laporan", "imp_smart"):
        for berkas in (AKAR / app).rglob("*.py"):
            if "migrations" in berkas.parts or "settings" in berkas.parts:
                continue
            if berkas == AKAR / "imp_smart" / "daerah.py":
                continue
            for node in ast.walk(ast.parse(berkas.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in nama:
                    pembaca.append(f"{berkas.relative_to(AKAR)}:{node.lineno}")
    assert pembaca == []
