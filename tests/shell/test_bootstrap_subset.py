"""The pages load a subset of Bootstrap (scripts/bootstrap_subset.py, scripts/bootstrap_js.sh):
every Bootstrap class the code uses must be in the CSS subset and every plugin the templates
toggle in the JavaScript build, or a page looks or acts broken. Fails with the command to run."""

import importlib.util
import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]
_KELAS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def _skrip():
    spec = importlib.util.spec_from_file_location(
        "bootstrap_subset", AKAR / "scripts/bootstrap_subset.py"
    )
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def test_every_bootstrap_class_the_code_uses_is_in_the_subset():
    s = _skrip()
    kata = s.kata_dipakai()
    assert {"navbar-toggler", "card-stat", "table-sm", "alert-danger", "show"} <= kata
    perlu = set(_KELAS.findall(s.subset(s.CSS_SUMBER.read_text(encoding="utf-8"), kata)))
    ada = set(_KELAS.findall(s.CSS_HASIL.read_text(encoding="utf-8")))
    hilang = sorted(perlu - ada)
    perintah = "jalankan scripts/bootstrap_subset.py"
    assert not hilang, f"kelas Bootstrap belum di subset {hilang}: {perintah}"


def test_the_subset_drops_what_no_page_uses():
    s = _skrip()
    ada = set(_KELAS.findall(s.CSS_HASIL.read_text(encoding="utf-8")))
    assert {"navbar", "btn-primary", "form-control", "col-md-6", "visually-hidden"} <= ada
    assert not {"carousel", "offcanvas", "toast", "tooltip", "accordion"} & ada
    assert s.CSS_HASIL.stat().st_size < s.CSS_SUMBER.stat().st_size / 2


def test_the_javascript_build_has_every_plugin_the_templates_toggle():
    dipakai = set()
    for berkas in (AKAR / "templates").rglob("*.html"):
        teks = berkas.read_text(encoding="utf-8")
        dipakai |= set(re.findall(r'data-bs-(?:toggle|dismiss)="([a-z]+)"', teks))
    assert {"collapse", "dropdown", "alert"} <= dipakai
    js = (AKAR / "static/vendor/bootstrap/js/bootstrap-imp.min.js").read_text(encoding="utf-8")
    hilang = sorted(p for p in dipakai if f'"bs.{p}"' not in js and f"'bs.{p}'" not in js)
    assert not hilang, f"plugin Bootstrap belum di build {hilang}: jalankan scripts/bootstrap_js.sh"


def test_pages_load_the_subsets_not_the_whole_bootstrap():
    for nama in ("templates/base.html", "templates/pwa/dasar.html"):
        teks = (AKAR / nama).read_text(encoding="utf-8")
        assert "bootstrap-imp.min.css" in teks and "bootstrap-imp.min.js" in teks
        assert "bootstrap.min.css" not in teks and "bootstrap.bundle" not in teks
