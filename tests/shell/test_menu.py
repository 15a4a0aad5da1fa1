"""The short menu per role (issue 9 §3): monthly tasks first, the rest under "Lainnya"."""

import pytest
from django.urls import reverse

from kader.navigasi import MAKS_UTAMA, UTAMA, menu_untuk, semua_entri

pytestmark = pytest.mark.django_db

DIHARAPKAN = {
    "sub_ppkbd": ["Beranda", "PUS bulanan", "Pertemuan", "KIE", "Konseling", "Kas"],
    "ppkbd": ["Beranda", "PUS bulanan", "Pertemuan", "KIE", "Konseling", "Kas", "Tugas laporan"],
    "penyuluh": ["Beranda", "Tugas laporan", "Laporan desa", "PUS bulanan"],
    "koordinator": ["Beranda", "Tugas laporan", "Papan status"],
    "dinas": ["Beranda", "Rekap", "Papan status", "Dasbor"],
}


def test_every_key_of_a_role_menu_is_registered():
    assert {k for kunci in UTAMA.values() for k in kunci} <= set(semua_entri())
    assert all(len(kunci) <= MAKS_UTAMA for kunci in UTAMA.values())


@pytest.mark.parametrize("peran", list(DIHARAPKAN))
def test_short_menu_holds_the_monthly_tasks_of_the_role(users, peran):
    utama, lainnya = menu_untuk(getattr(users, peran))
    assert [t.label for t in utama] == DIHARAPKAN[peran]
    # Nothing is lost: every entry the role may open is in one of the two.
    urls = [t.url for t in utama] + [t.url for _, isi in lainnya for t in isi]
    assert len(urls) == len(set(urls))
    assert len(utama) + (1 if lainnya else 0) <= 8


def test_lainnya_never_offers_what_the_role_may_not_open(users):
    _, lainnya = menu_untuk(users.sub_ppkbd)
    urls = {t.url for _, isi in lainnya for t in isi}
    assert reverse("kader:pengguna_list") not in urls  # account management: Dinas/koordinator
    assert reverse("laporan:rekap_index") not in urls


def test_current_page_is_marked_once(users):
    utama, lainnya = menu_untuk(users.ppkbd, reverse("pertemuan:kie_list") + "5/")
    aktif = [t for t in utama if t.aktif] + [t for _, isi in lainnya for t in isi if t.aktif]
    assert [t.label for t in aktif] == ["KIE"]


def test_home_page_renders_the_short_menu_and_lainnya(client, users):
    client.force_login(users.sub_ppkbd)
    resp = client.get(reverse("beranda"))
    body = resp.content.decode()
    assert 'id="menu-utama"' in body and "Lainnya" in body
    assert body.count('class="nav-item"') == len(DIHARAPKAN["sub_ppkbd"])


def test_kader_fills_its_menu_without_importing_the_apps_above_it():
    """Layers (STYLE: apps depend on kader, never the reverse): the registry finds each app's
    menu.py by autodiscovery; no kader module imports pendataan, pertemuan or laporan."""
    import ast
    from pathlib import Path

    from django.conf import settings

    atas = {"pendataan", "pertemuan", "laporan"}
    for path in (Path(settings.BASE_DIR) / "kader").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in atas, (path, node.module)
            elif isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & atas, path
    kelompok = {e.kelompok for e in semua_entri().values()}
    assert {"Pendataan", "Kegiatan", "Laporan"} <= kelompok  # found all the same
