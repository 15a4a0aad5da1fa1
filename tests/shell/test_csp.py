"""Content-Security-Policy (issue 9 §1): the header on every kind of page, the exact directives,
and a scan that fails for any inline script, handler or style in templates and Python-built HTML.
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from imp_smart.settings.base import _asal_ubin

pytestmark = pytest.mark.django_db

DIREKTIF = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],  # the service worker (issue 13)
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def kebijakan(resp) -> dict[str, list[str]]:
    header = resp["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def test_login_page_carries_the_exact_policy(client):
    assert kebijakan(client.get(reverse("login"))) == DIREKTIF


@pytest.mark.parametrize(
    "nama", ["beranda", "kader:sk_list", "pendataan:pus_bulanan", "admin:index"]
)
def test_pages_of_a_signed_in_user_carry_the_policy(client, users, nama):
    client.force_login(users.admin)
    resp = client.get(reverse(nama))
    assert resp.status_code == 200
    assert kebijakan(resp) == DIREKTIF


def test_map_tile_origin_is_allowed_exactly():
    assert _asal_ubin("") == []
    assert _asal_ubin("https://tile.contoh.go.id/{z}/{x}/{y}.png") == ["https://tile.contoh.go.id"]
    assert _asal_ubin("https://{s}.tile.contoh.org/{z}/{x}/{y}.png") == [
        "https://*.tile.contoh.org"
    ]
    assert _asal_ubin("http://10.0.0.5:8080/ubin/{z}/{x}/{y}.png") == ["http://10.0.0.5:8080"]


def test_policy_follows_the_tile_setting():
    img = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]
    assert img == ["'self'", "data:", "blob:", *_asal_ubin(settings.MAP_TILE_URL)]


# --- The class: nothing inline that the policy would block ------------------------------------

BASE = Path(settings.BASE_DIR)
# What script-src/style-src 'self' blocks: a <script> without src, an on*= handler, a
# javascript: URL, a <style> block, a style="" attribute (SVG presentation attributes are fine).
POLA = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "on*= handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "style= attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
}


def _templat():
    for path in sorted((BASE / "templates").rglob("*.html")):
        rel = path.relative_to(BASE / "templates").as_posix()
        # PDF and e-mail templates never reach a browser under this policy (WeasyPrint, mail).
        if rel.startswith("pdf/") or "/pdf/" in rel or "/email/" in rel:
            continue
        yield rel, path.read_text()


def _modul_html():
    """Python that writes HTML: template tags, widgets, the SVG charts, views' format_html."""
    for app in ("imp_smart", "kader", "pendataan", "pertemuan", "laporan"):
        for path in sorted((BASE / app).rglob("*.py")):
            if "migrations" in path.parts or "pdf" in path.stem:
                continue
            teks = _literal_str(path.read_text())
            if re.search(r"<[a-z]+[\s>]", teks):
                yield path.relative_to(BASE).as_posix(), teks


def _literal_str(kode: str) -> str:
    """The module's string literals (f-string parts included), without docstrings and comments."""
    pohon = ast.parse(kode)
    docstring = {
        id(n.body[0].value)
        for n in ast.walk(pohon)
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    return "\n".join(
        n.value
        for n in ast.walk(pohon)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstring
    )


def _tanpa_komentar(isi: str) -> str:
    isi = re.sub(r"\{% comment %\}.*?\{% endcomment %\}", "", isi, flags=re.S)
    isi = re.sub(r"\{#.*?#\}", "", isi, flags=re.S)
    return re.sub(r"<!--.*?-->", "", isi, flags=re.S)


def _temuan(sumber):
    temuan = []
    for rel, isi in sumber:
        isi = _tanpa_komentar(isi)
        for nama, pola in POLA.items():
            for m in pola.finditer(isi):
                baris = isi.count("\n", 0, m.start()) + 1
                temuan.append(f"{rel}:{baris}: {nama}")
    return temuan


def test_no_template_has_inline_script_handler_or_style():
    sumber = list(_templat())
    assert len(sumber) > 60
    assert _temuan(sumber) == []


def test_no_python_built_html_has_inline_script_handler_or_style():
    sumber = list(_modul_html())
    assert any(rel.endswith("templatetags/daftar.py") for rel, _ in sumber)
    assert any(rel.endswith("grafik.py") for rel, _ in sumber)
    assert _temuan(sumber) == []


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<button onclick="x()">',
        '<a href="javascript:history.back()">',
        "<style>.a{}</style>",
        '<div class="a" style="width:5%">',
    ],
)
def test_the_scan_catches_each_kind(html):
    assert _temuan([("contoh.html", html)])


def test_the_scan_lets_safe_markup_through():
    assert (
        _temuan([("ok.html", '<script src="/static/js/imp.js"></script><div data-lebar="5">')])
        == []
    )
