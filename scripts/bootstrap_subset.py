"""Build the Bootstrap stylesheet the pages load: the rules of the classes the app uses only.

The vendored Bootstrap (static/vendor/bootstrap/css/bootstrap.min.css, MIT) stays as it is, as
the source. This script collects every word of the code that renders HTML — the templates (ours,
crispy-bootstrap5's and django-tables2's), Python, our JavaScript and Bootstrap's own (the
classes it toggles: show, collapsing, …) — and writes bootstrap-imp.min.css: Bootstrap's rules
whose selectors name only classes (and attributes) from that set, the @media/@supports blocks
around them, the custom properties of :root and the @keyframes still referred to.

A cadre's first visit on a slow phone line (bench/pwa_bench.py, issue 13) then waits for ~5 kB
instead of ~23 kB of render-blocking CSS. tests/shell/test_bootstrap_subset.py fails when the
subset is not what this script makes of today's code: run
`.venv/bin/python scripts/bootstrap_subset.py` and commit the file.

A class built from pieces that the scan cannot see (`"text-bg-" + warna`) must have its prefix
in WARNA_TEMA below or be written out whole somewhere in the code.
"""

import re
import sys
from pathlib import Path

import tinycss2

AKAR = Path(__file__).resolve().parent.parent
VENDOR = AKAR / "static" / "vendor" / "bootstrap"
CSS_SUMBER = VENDOR / "css" / "bootstrap.min.css"

CSS_HASIL = VENDOR / "css" / "bootstrap-imp.min.css"

FOLDER = ("templates", "static", "imp_smart", "kader", "pendataan", "pertemuan", "laporan")
PAKET = ("crispy_forms", "crispy_bootstrap5", "django_tables2", "django_filters")
# Their templates of layouts the app does not use (crispy: FormHelper, Layout, Row, Column, Submit).
PAKET_TIDAK = {"accordion", "accordion-group", "modal", "tab", "tab-link", "floating_field"}
# Their Python that writes classes into the page (the rest defines unused layouts).
PAKET_PY = {"layout.py", "helper.py", "utils.py", "widgets.py"}
# Classes written as prefix + a theme colour ("alert-{{ message.tags }}"): every colour kept.
WARNA = ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")
WARNA_TEMA = ("alert",)

# What Bootstrap's JavaScript adds to the page for the plugins the app uses (collapse, dropdown,
# alert); its own source is not scanned: it names every component, used or not.
KELAS_JS = {"show", "collapsing", "collapse-horizontal", "fade", "data-bs-popper"}

_KATA = re.compile(r"[A-Za-z0-9_-]+")
_KELAS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_ATRIBUT = re.compile(r"\[\s*([\w-]+)")
_TIDAK = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
_ANIMASI = re.compile(r"animation(?:-name)?:\s*([\w-]+)")


def _berkas_kode():
    for folder in FOLDER:
        for berkas in (AKAR / folder).rglob("*"):
            if berkas.suffix in {".html", ".py", ".js", ".txt"} and not (
                {"vendor", "migrations"} & set(berkas.parts)
            ):
                yield berkas
    situs = Path(tinycss2.__file__).resolve().parent.parent
    for paket in PAKET:
        for berkas in (situs / paket).rglob("*"):
            templat = berkas.suffix == ".html" and berkas.stem not in PAKET_TIDAK
            kode = berkas.suffix == ".py" and (berkas.name in PAKET_PY or "columns" in berkas.parts)
            if templat or kode:
                yield berkas


def kata_dipakai() -> set[str]:
    """Every word of the code that renders pages (a class, an attribute, or anything else)."""
    kata = {f"{awal}-{w}" for awal in WARNA_TEMA for w in WARNA} | KELAS_JS
    for berkas in _berkas_kode():
        kata.update(_KATA.findall(berkas.read_text(encoding="utf-8", errors="ignore")))
    return kata


def _pemilih_dipakai(pemilih: str, kata: set[str]) -> bool:
    """A selector stays if every class and attribute it requires is in the code (what sits in
    :not(...) is not required)."""
    inti = _TIDAK.sub("", pemilih)
    return all(k in kata for k in _KELAS.findall(inti)) and all(
        a in kata for a in _ATRIBUT.findall(inti)
    )


def _pisah_pemilih(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :not(a, b))."""
    bagian, kedalaman, awal = [], 0, 0
    for i, c in enumerate(prelude):
        if c == "(":
            kedalaman += 1
        elif c == ")":
            kedalaman -= 1
        elif c == "," and kedalaman == 0:
            bagian.append(prelude[awal:i])
            awal = i + 1
    bagian.append(prelude[awal:])
    return [b.strip() for b in bagian if b.strip()]


def _saring(aturan, kata: set[str]) -> list[str]:
    hasil = []
    for a in aturan:
        if a.type == "qualified-rule":
            pemilih = [
                p
                for p in _pisah_pemilih(tinycss2.serialize(a.prelude))
                if _pemilih_dipakai(p, kata)
            ]
            if pemilih:
                hasil.append(",".join(pemilih) + "{" + tinycss2.serialize(a.content) + "}")
        elif a.type == "at-rule" and a.lower_at_keyword in {"media", "supports", "container"}:
            isi = _saring(tinycss2.parse_rule_list(a.content), kata)
            if isi:
                hasil.append(f"@{a.at_keyword}{tinycss2.serialize(a.prelude)}{{{''.join(isi)}}}")
        elif a.type == "at-rule" and a.lower_at_keyword != "charset":  # the header has it
            hasil.append(tinycss2.serialize([a]))
    return hasil


def subset(css: str, kata: set[str]) -> str:
    lisensi = re.match(r"(@charset [^;]*;)?\s*(/\*!.*?\*/)", css, re.S)
    aturan = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    bagian = _saring(aturan, kata)
    # @keyframes only for the animations a kept rule still names.
    dipakai = {n for b in bagian if not b.startswith("@keyframes") for n in _ANIMASI.findall(b)}
    bagian = [
        b
        for b in bagian
        if not b.startswith("@keyframes") or b.split("{", 1)[0].split()[-1] in dipakai
    ]
    kepala = (lisensi.group(1) or "") + lisensi.group(2) if lisensi else ""
    catatan = "/* Subset for IMP Smart by scripts/bootstrap_subset.py: the classes the app uses. */"
    return f"{kepala}\n{catatan}\n{''.join(bagian)}\n"


def main() -> int:
    css = CSS_SUMBER.read_text(encoding="utf-8")
    hasil = subset(css, kata_dipakai())
    CSS_HASIL.write_text(hasil, encoding="utf-8")
    print(f"{CSS_HASIL.relative_to(AKAR)}: {len(css) // 1024} kB → {len(hasil) // 1024} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
