"""Build the icon font the pages load: the Bootstrap Icons the app uses, not all 2,000 of them.

The vendored Bootstrap Icons (static/vendor/bootstrap-icons/, MIT) stay as they are, as the
source. This script finds the icon names the code uses — `bi-<name>` in templates, Python and
JavaScript, and `ikon="<name>"` of the menu and home-card registries — and writes

- fonts/bootstrap-icons-imp.woff2: the font with those glyphs only (fontTools; ~134 kB → a few),
- bootstrap-icons-imp.css: the @font-face, the base rule and one rule per icon used.

A cadre's first visit on a slow phone line then does not wait for 134 kB of glyphs it never
shows. tests/shell/test_ikon.py fails when a page uses an icon missing from the subset: run
`.venv/bin/python scripts/ikon_subset.py` and commit the two files.
"""

import re
import sys
from io import BytesIO
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

AKAR = Path(__file__).resolve().parent.parent
VENDOR = AKAR / "static" / "vendor" / "bootstrap-icons"
CSS_SUMBER = VENDOR / "bootstrap-icons.min.css"
FONT_SUMBER = VENDOR / "fonts" / "bootstrap-icons.woff2"
CSS_HASIL = VENDOR / "bootstrap-icons-imp.css"
FONT_HASIL = VENDOR / "fonts" / "bootstrap-icons-imp.woff2"

FOLDER = ("templates", "static", "imp_smart", "kader", "pendataan", "pertemuan", "laporan")
_KELAS = re.compile(r"\bbi-([a-z0-9]+(?:-[a-z0-9]+)*)")
_IKON = re.compile(r"\bikon\s*[=:]\s*[\"']([a-z0-9]+(?:-[a-z0-9]+)*)[\"']")
_ATURAN = re.compile(r'\.bi-([a-z0-9-]+)::?before\{content:"\\([0-9a-f]+)"\}')


def semua_ikon() -> dict[str, int]:
    """Every icon of the vendored CSS: name → code point."""
    teks = CSS_SUMBER.read_text(encoding="utf-8")
    return {nama: int(kode, 16) for nama, kode in _ATURAN.findall(teks)}


def ikon_dipakai() -> set[str]:
    """Icon names the code uses (names the vendored set does not have are dropped)."""
    dikenal = semua_ikon()
    nama: set[str] = set()
    for folder in FOLDER:
        for berkas in (AKAR / folder).rglob("*"):
            if berkas.suffix not in {".html", ".py", ".js", ".txt"} or "vendor" in berkas.parts:
                continue
            teks = berkas.read_text(encoding="utf-8", errors="ignore")
            nama.update(_KELAS.findall(teks))
            nama.update(_IKON.findall(teks))
    return {n for n in nama if n in dikenal}


def buat() -> tuple[int, int]:
    dikenal = semua_ikon()
    dipakai = sorted(ikon_dipakai())
    font = TTFont(FONT_SUMBER)
    opsi = subset.Options()
    opsi.flavor = "woff2"
    opsi.layout_features = []
    opsi.name_IDs = ["*"]  # keeps the copyright and licence names
    penyaring = subset.Subsetter(opsi)
    penyaring.populate(unicodes=[dikenal[n] for n in dipakai])
    penyaring.subset(font)
    keluaran = BytesIO()
    font.flavor = "woff2"
    font.save(keluaran)
    FONT_HASIL.write_bytes(keluaran.getvalue())
    sumber = CSS_SUMBER.read_text(encoding="utf-8")
    kepala = sumber[: sumber.index("*/") + 2]
    dasar = re.search(r"\.bi::before,[^{]+\{[^}]+\}", sumber).group(0)
    aturan = "".join(f'.bi-{n}::before{{content:"\\{dikenal[n]:x}"}}' for n in dipakai)
    CSS_HASIL.write_text(
        f"{kepala}\n/* Subset for IMP Smart by scripts/ikon_subset.py: {len(dipakai)} icons. */\n"
        "@font-face{font-display:swap;font-family:bootstrap-icons;"
        'src:url("fonts/bootstrap-icons-imp.woff2") format("woff2")}'
        f"{dasar}{aturan}\n",
        encoding="utf-8",
    )
    return len(dipakai), len(keluaran.getvalue())


if __name__ == "__main__":
    jumlah, ukuran = buat()
    sys.stdout.write(f"{jumlah} ikon, {ukuran:,} bita → {FONT_HASIL.relative_to(AKAR)}\n")
