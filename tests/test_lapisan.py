"""The layers of the house (README "Architecture"): framework (imp_smart)
→ kader → pendataan → pertemuan → laporan. Nothing points upward, in Python or in templates.

Walks every module (imports at any depth, importlib.import_module("x"), apps.get_model("app",
...), "app.Model" references and "app:view" URL names) and every template (templates/<app>/
belong to the app, the home page to kader, the rest to the framework): {% extends %},
{% include %}, {% load %} mapped to the app of its tag library, {% static '<app>/...' %},
{% url 'app:view' %}. An upper app plugs into a lower one through a registry the lower one
owns (kader/panel.py, pendataan/hook.py, imp_smart/jobs.py), filled in its AppConfig.ready()."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAPISAN = {"imp_smart": 0, "kader": 1, "pendataan": 2, "pertemuan": 3, "laporan": 4}

# The framework may name apps only where it is the project's wiring, not a dependency.
PENGECUALIAN = {
    "imp_smart/urls.py": "the URLconf mounts every app's urls (project wiring)",
    "imp_smart/settings/": "INSTALLED_APPS and settings name the apps (project wiring)",
    "imp_smart/celery.py": "Celery autodiscovers every app's tasks (project wiring)",
}


# Known upward references not fixed yet, each with why. Remove a line when it is fixed (a test
# below fails while a listed reference no longer exists, so this list cannot go stale).
BELUM_DIPINDAH: dict[str, str] = {}


def _dikecualikan(rel: str) -> bool:
    return any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in PENGECUALIAN)


def _app_dari_modul(nama: str) -> str | None:
    return nama.split(".")[0] if nama.split(".")[0] in LAPISAN else None


def _string(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _nama_dirujuk(node) -> tuple[str, str] | None:
    """(module or "app.Model" named, how) for one AST node, or None."""
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return node.module, f"from {node.module} import ..."
    if isinstance(node, ast.Call):
        nama = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        arg = _string(node.args[0]) if node.args else None
        if arg and nama in {"import_module", "__import__"}:
            return arg, f'{nama}("{arg}")'
        if arg and nama == "get_model":  # get_model("app", "Model") or get_model("app.Model")
            return arg, f'get_model("{arg}", ...)'
    teks = _string(node)
    if teks and re.fullmatch(r"[a-z_]+\.[A-Z]\w+", teks):  # "app.Model" (lazy FK, ...)
        return teks, f'"{teks}"'
    if teks and re.fullmatch(r"[a-z_]+:[a-z_]+", teks):  # a URL name "app:view" (reverse, ...)
        return teks.split(":")[0], f'URL "{teks}"'
    return None


def _rujukan_python(sumber: str) -> list[tuple[int, str, str]]:
    """(line, app, what) for every reference to one of our apps in a module."""
    hasil = []
    for node in ast.walk(ast.parse(sumber)):
        if isinstance(node, ast.Import):
            dirujuk = [(a.name, f"import {a.name}") for a in node.names]
        else:
            dirujuk = [r] if (r := _nama_dirujuk(node)) else []
        for nama, apa in dirujuk:
            if app := _app_dari_modul(nama):
                hasil.append((node.lineno, app, apa))
    return hasil


def _modul():
    for app in LAPISAN:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in rel:
                yield app, rel, path


def _pustaka_tag() -> dict[str, str]:
    """{% load name %} → the app that ships templatetags/name.py."""
    return {
        p.stem: app
        for app in LAPISAN
        for p in (ROOT / app).glob("templatetags/*.py")
        if p.stem != "__init__"
    }


TAG = re.compile(r"{%\s*(extends|include|load|static|url)\s+(.+?)\s*%}", re.S)
KUTIP = re.compile(r"""["']([^"']+)["']""")


def _rujukan_template(teks: str, pustaka: dict[str, str]) -> list[tuple[int, str, str]]:
    hasil = []
    for m in TAG.finditer(teks):
        baris = teks.count("\n", 0, m.start()) + 1
        jenis, isi = m.groups()
        if jenis == "load":
            # {% load a b %} or {% load x from lib %}
            kata = isi.split()
            libs = [kata[-1]] if "from" in kata else kata
            for lib in libs:
                if lib in pustaka:
                    hasil.append((baris, pustaka[lib], f"{{% load {lib} %}}"))
            continue
        nama = KUTIP.match(isi)
        if not nama:
            continue  # a variable: cannot be resolved statically
        target = nama.group(1)
        if jenis == "url":  # {% url 'app:view' ... %}
            app = target.split(":")[0] if ":" in target else None
        else:
            app = target.split("/")[0] if "/" in target else None
        if app in LAPISAN:
            hasil.append((baris, app, f"{{% {jenis} '{target}' %}}"))
    return hasil


def _pelanggaran_python() -> list[str]:
    pesan = []
    for app, rel, path in _modul():
        if _dikecualikan(rel):
            continue
        for baris, tujuan, apa in _rujukan_python(path.read_text(encoding="utf-8")):
            if LAPISAN[tujuan] > LAPISAN[app]:
                pesan.append(f"{rel}:{baris}: {app} → {tujuan} (higher layer): {apa}")
    return pesan


# Templates outside templates/<app>/ belong to the framework, except the home page, which
# kader renders (kader.views_beranda) and to which the apps above add cards through kader.panel.
PEMILIK_TEMPLATE_LAIN = {"templates/beranda.html": "kader"}


def _template():
    """(owner layer, relative path, path) of every template."""
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        rel = path.relative_to(ROOT).as_posix()
        folder = rel.split("/")[1]
        pemilik = folder if folder in LAPISAN else PEMILIK_TEMPLATE_LAIN.get(rel, "imp_smart")
        yield pemilik, rel, path


def _pelanggaran_template() -> list[str]:
    pustaka = _pustaka_tag()
    pesan = []
    for app, rel, path in _template():
        for baris, tujuan, apa in _rujukan_template(path.read_text(encoding="utf-8"), pustaka):
            if LAPISAN[tujuan] > LAPISAN[app]:
                pesan.append(f"{rel}:{baris}: {app} → {tujuan} (higher layer): {apa}")
    return pesan


def _kunci(pesan: str) -> str:
    """'path:line: a → b (...): what' → 'path:what' (line numbers move, the reference does not)."""
    path, _, sisa = pesan.partition(":")
    return f"{path}:{sisa.split(': ', 2)[-1]}"


def test_python_tidak_mengimpor_lapisan_di_atasnya():
    pelanggaran = [p for p in _pelanggaran_python() if _kunci(p) not in BELUM_DIPINDAH]
    assert not pelanggaran, "Upward references in Python:\n" + "\n".join(pelanggaran)


def test_template_tidak_merujuk_lapisan_di_atasnya():
    pelanggaran = [p for p in _pelanggaran_template() if _kunci(p) not in BELUM_DIPINDAH]
    assert not pelanggaran, "Upward references in templates:\n" + "\n".join(pelanggaran)


def test_daftar_belum_dipindah_masih_berlaku():
    ada = {_kunci(p) for p in _pelanggaran_python() + _pelanggaran_template()}
    basi = sorted(set(BELUM_DIPINDAH) - ada)
    assert not basi, "Fixed: remove from BELUM_DIPINDAH:\n" + "\n".join(basi)


def _impor_yang_diredam(sumber: str) -> list[int]:
    """Lines of `try:` blocks that import one of our apps (or call import_module) and catch
    ImportError/AttributeError: a renamed module would silently become "0" or "empty"."""
    hasil = []
    for node in ast.walk(ast.parse(sumber)):
        if not isinstance(node, ast.Try):
            continue
        ditangkap = set()
        for h in node.handlers:
            jenis = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
            ditangkap |= {getattr(j, "id", None) for j in jenis}
        if not ditangkap & {"ImportError", "ModuleNotFoundError", "AttributeError"}:
            continue
        badan = ast.Module(body=node.body, type_ignores=[])
        if _rujukan_python(ast.unparse(badan)) or "import_module" in ast.unparse(badan):
            hasil.append(node.lineno)
    return hasil


def test_impor_antar_app_tidak_diredam():
    pesan = [
        f"{rel}:{baris}: an import of our apps inside try/except ImportError (fail loudly)"
        for _, rel, path in _modul()
        for baris in _impor_yang_diredam(path.read_text(encoding="utf-8"))
    ]
    assert not pesan, "\n".join(pesan)


def test_pemindai_impor_diredam_menemukan_pola_lama():
    lama = (
        "def _sumber(modul, fungsi):\n"
        "    try:\n"
        "        return getattr(import_module(modul), fungsi)\n"
        "    except (ImportError, AttributeError):\n"
        "        return None\n"
        "try:\n    from pendataan.models import TargetPB\nexcept ImportError:\n    pass\n"
    )
    assert len(_impor_yang_diredam(lama)) == 2
    assert _impor_yang_diredam("try:\n    import weasyprint\nexcept ImportError:\n    pass\n") == []


def test_pengecualian_framework_masih_ada():
    # A stale exception would silently widen what the framework may import.
    for rel in PENGECUALIAN:
        assert (ROOT / rel).exists(), f"exception for a path that no longer exists: {rel}"


# --- the walker itself catches what it must (so the tests above cannot pass vacuously) -------


@pytest.mark.parametrize(
    "sumber, app",
    [
        ("import laporan.selectors", "laporan"),
        ("from pertemuan.models import Konseling", "pertemuan"),
        ("def f():\n    from laporan import draft_sk\n", "laporan"),
        ("import_module('pertemuan.selectors')", "pertemuan"),
        ("importlib.import_module('laporan.selectors')", "laporan"),
        ("apps.get_model('pertemuan', 'Konseling')", "pertemuan"),
        ("apps.get_model('pertemuan.Konseling')", "pertemuan"),
        ("x = models.ForeignKey('laporan.LaporanDesa', on_delete=None)", "laporan"),
        ("reverse('laporan:dasbor')", "laporan"),
    ],
)
def test_pemindai_python_menemukan_rujukan(sumber, app):
    assert app in {tujuan for _, tujuan, _ in _rujukan_python(sumber)}


def test_pemindai_python_mengabaikan_pustaka_luar_dan_teks_biasa():
    sumber = "import django\nfrom django.db import models\nx = 'laporan bulanan'\n"
    assert _rujukan_python(sumber) == []


@pytest.mark.parametrize(
    "teks, app",
    [
        ('{% extends "laporan/base.html" %}', "laporan"),
        ("{% include 'pertemuan/_kader_kegiatan.html' with x=1 %}", "pertemuan"),
        ("{% load l10n laporan_tags %}", "laporan"),
        ("{% load persen from laporan_tags %}", "laporan"),
        ("{% static 'laporan/rekap.js' %}", "laporan"),
        ("<a href=\"{% url 'laporan:dasbor' %}\">", "laporan"),
    ],
)
def test_pemindai_template_menemukan_rujukan(teks, app):
    pustaka = {"laporan_tags": "laporan"}
    assert app in {tujuan for _, tujuan, _ in _rujukan_template(teks, pustaka)}


def test_pustaka_tag_dipetakan_ke_appnya():
    pustaka = _pustaka_tag()
    assert pustaka["laporan_tags"] == "laporan"
    assert pustaka["daftar"] == "imp_smart"
    assert pustaka["panel"] == "kader"


def test_app_atas_mengisi_hook_lapisan_bawah():
    # The registries replace upward imports: if a ready() stops filling them, pages lose a panel
    # or the worklist forgets counselling without any import error, so check them here.
    from imp_smart.jobs import jenis_terdaftar
    from kader.panel import panel_halaman
    from pendataan.hook import _konseling

    assert "pertemuan/_kader_kegiatan.html" in panel_halaman("kader_detail")
    assert panel_halaman("beranda") == [
        "pendataan/_beranda.html",
        "pertemuan/_beranda.html",
        "laporan/_beranda.html",
    ]
    assert _konseling, "pertemuan did not register its counselling subquery"
    from kader.upgrading import _pelatihan

    assert _pelatihan, "pertemuan did not register its trainings (board flags, draft SK page)"
    assert "pertemuan/program/_mitra_kontribusi.html" in panel_halaman("mitra_detail")
    # Each app registers its kinds of background job with the framework's job engine.
    assert {j.kode for j in jenis_terdaftar()} >= {
        "kader.draft_sk",
        "pendataan.impor",
        "laporan.rekap",
    }


def test_peran_dan_demo_ditemukan_di_setiap_app():
    from imp_smart.penemu import modul_app

    assert [label for label, _ in modul_app("peran")] == [
        "kader",
        "pendataan",
        "pertemuan",
        "laporan",
    ]
    assert [label for label, _ in modul_app("demo")] == [
        "kader",
        "pendataan",
        "pertemuan",
        "laporan",
    ]


def test_daftar_sasaran_memakai_konseling_dari_pertemuan_lewat_hook(area):
    # pendataan's worklist knows counselling only through pendataan.hook (filled by pertemuan):
    # an IAT woman counselled in the last 3 months is no longer "unmet need not counselled".
    from datetime import date

    from kader.scoping import SEMUA
    from pendataan import services
    from pendataan.selectors_sasaran import sasaran_prioritas
    from tests.pendataan.factories import pus_buat
    from tests.pertemuan.factories import KonselingFactory

    sudah = pus_buat(dusun=area.dusun_a1, nama="Sudah")
    belum = pus_buat(dusun=area.dusun_a1, nama="Belum")
    lama = pus_buat(dusun=area.dusun_a1, nama="Lama")
    bulan = date(2025, 3, 1)
    services.status_simpan_bulan(
        bulan=bulan,
        pus={w.pk: area.desa_a.pk for w in (sudah, belum, lama)},
        isian={w.pk: services.Isian("IAT") for w in (sudah, belum, lama)},
    )
    KonselingFactory(anggota=sudah, tanggal=date(2025, 2, 10))
    KonselingFactory(anggota=lama, tanggal=date(2024, 11, 30))  # before the 3-month window
    daftar = sasaran_prioritas(bulan=bulan, wilayah_ids=SEMUA)
    unmet = {x["nama"] for x in daftar if x["kode"] == "unmet"}
    assert unmet == {"Belum", "Lama"}
