"""The icon font the pages load is a subset (scripts/ikon_subset.py): every icon the code uses
must be in it, or the page shows an empty box. Fails with the command to run."""

import importlib.util
import re
from pathlib import Path

from fontTools.ttLib import TTFont

AKAR = Path(__file__).resolve().parents[2]


def _skrip():
    spec = importlib.util.spec_from_file_location("ikon_subset", AKAR / "scripts/ikon_subset.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_every_icon_used_is_in_the_subset_css_and_font():
    s = _skrip()
    dipakai = s.ikon_dipakai()
    assert {"house", "people", "download"} <= dipakai  # the scan finds menu names and classes
    css = s.CSS_HASIL.read_text(encoding="utf-8")
    ada = set(re.findall(r"\.bi-([a-z0-9-]+)::before\{", css))
    hilang = sorted(dipakai - ada)
    assert not hilang, f"ikon belum di subset {hilang}: jalankan scripts/ikon_subset.py"
    glyph = set(TTFont(s.FONT_HASIL).getBestCmap())
    kode = s.semua_ikon()
    assert {kode[n] for n in dipakai} <= glyph


def test_pages_load_the_subset_not_the_whole_font():
    for nama in ("templates/base.html", "templates/pwa/dasar.html"):
        teks = (AKAR / nama).read_text(encoding="utf-8")
        assert "bootstrap-icons-imp.css" in teks and "bootstrap-icons.min.css" not in teks
    assert (
        AKAR / "static/vendor/bootstrap-icons/fonts/bootstrap-icons-imp.woff2"
    ).stat().st_size < 20_000
