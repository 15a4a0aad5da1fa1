"""No module or template outside the demo data, the settings and the tests names the
kabupaten: "Gowa" and its code "73.06" come from settings (issue 10 §3)."""

import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
DICARI = re.compile(r"gowa|73\.06", re.IGNORECASE)
FOLDER = ("kader", "pendataan", "pertemuan", "laporan", "imp_smart", "templates", "static")
AKHIRAN = {".py", ".html", ".txt", ".js", ".css"}

# Path → why it may name Gowa. Everything else reads IMP_NAMA_KABUPATEN / IMP_KODE_KABUPATEN.
# (static/pdf/lambang.svg, Gowa's emblem, is no code: IMP_LAMBANG chooses the emblem.)
# Besides the rules in _berkas (demo data, migrations, settings, vendored files):
BOLEH = {
    "kader/management/commands/muat_wilayah.py": "help text: an example code (73.06 / 73.71)",
    "kader/wilayah_nasional.py": "error message: an example of a kabupaten code",
}


def _berkas(akar: Path = AKAR):
    for folder in FOLDER:
        for berkas in (akar / folder).rglob("*"):
            rel = berkas.relative_to(akar).as_posix()
            if (
                berkas.suffix not in AKHIRAN
                or "/migrations/" in rel
                # demo data (demo.py, demo_*.py, a demo/ package): the demo stays Gowa
                or berkas.name.startswith("demo")
                or "/demo/" in rel
                or rel.startswith(("imp_smart/settings/", "static/vendor/"))
                or "__pycache__" in rel
            ):
                continue
            yield rel, berkas


def test_no_module_or_template_names_the_kabupaten():
    temuan = [
        f"{rel}:{i}: {baris.strip()[:80]}"
        for rel, berkas in _berkas()
        if rel not in BOLEH
        for i, baris in enumerate(berkas.read_text(errors="replace").splitlines(), 1)
        if DICARI.search(baris)
    ]
    assert temuan == []


def test_allow_list_is_not_stale():
    """Every allowed file exists and still needs its exception."""
    for rel in BOLEH:
        berkas = AKAR / rel
        if berkas.exists():
            assert DICARI.search(berkas.read_text()), rel


def test_the_scan_sees_a_new_template(tmp_path):
    """The scan reaches a template that writes the kabupaten in (and skips migrations)."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.html").write_text("<p>Dinas PPKB Kabupaten Gowa</p>")
    (tmp_path / "kader" / "migrations").mkdir(parents=True)
    (tmp_path / "kader" / "migrations" / "0001.py").write_text("'Bupati Gowa'")
    (tmp_path / "pendataan").mkdir()
    (tmp_path / "pendataan" / "demo_target.py").write_text("# a Gowa mix")
    assert [rel for rel, _ in _berkas(tmp_path)] == ["templates/x.html"]
