"""The main menu: a registry the apps fill, and the one place that decides each role's short menu.

Every app declares its entries in `<app>/menu.py` with `daftarkan(Entri(...), ...)`; the modules
are found by `autodiscover_modules("menu")` (as the admin finds `admin.py`), so kader never
imports the apps above it. A role sees its monthly tasks first (UTAMA, by entry key, at most
seven: with "Lainnya" the bar holds at most eight items) and every other entry it may open under
"Lainnya", grouped by the entry's `kelompok`.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import autodiscover_modules

from kader.models import Peran


@dataclass(frozen=True)
class Entri:
    """One menu link. `perm` ("app.codename", or several that must all hold) guards it."""

    kunci: str  # unique, e.g. "pendataan.pus"; UTAMA refers to it
    label: str  # as listed under "Lainnya"
    url_name: str
    kelompok: str  # heading under "Lainnya"
    perm: str | tuple[str, ...] = ()
    pendek: str = ""  # label in the short menu (default: label)
    ikon: str = ""  # bootstrap-icons name, without "bi-"
    query: str = ""  # appended to the URL, e.g. "keadaan=terlambat"
    urutan: int = 0  # order within its kelompok

    def boleh(self, user) -> bool:
        return self.boleh_dengan(_izin(user))

    def boleh_dengan(self, izin: "frozenset[str] | None") -> bool:
        """Allowed with this permission set (None: every permission, an active superuser)."""
        perms = (self.perm,) if isinstance(self.perm, str) else self.perm
        return izin is None or all(p in izin for p in perms)

    def url(self) -> str:
        url = _alamat(self.url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
        return f"{url}?{self.query}" if self.query else url


@functools.lru_cache(maxsize=256)
def _alamat(url_name: str, awalan: str, urlconf: str) -> str:
    """reverse() of a menu entry, once per process, script prefix and URLconf: the menu of every
    page reversed some forty names."""
    return reverse(url_name)


_ENTRI: dict[str, Entri] = {}
_DITEMUKAN = False
_VERSI = 0

# The monthly tasks of each role, in menu order (DOMAIN.md §1). Keys that a role's permissions
# do not allow are skipped; a key no app registered is skipped too (tests catch a typo).
UTAMA: dict[str, list[str]] = {
    Peran.SUB_PPKBD: [
        "beranda",
        "pendataan.pus",
        "pertemuan.list",
        "pertemuan.kie",
        "pertemuan.konseling",
        "dana.kas",
    ],
    Peran.PPKBD: [
        "beranda",
        "pendataan.pus",
        "pertemuan.list",
        "pertemuan.kie",
        "pertemuan.konseling",
        "dana.kas",
        "laporan.tugas",
    ],
    Peran.PENYULUH: ["beranda", "laporan.tugas", "laporan.list", "pendataan.pus"],
    Peran.KOORDINATOR: ["beranda", "laporan.tugas", "laporan.papan"],
    Peran.DINAS: ["beranda", "laporan.rekap", "laporan.papan", "laporan.dasbor"],
    Peran.ADMIN: ["beranda", "laporan.dasbor", "laporan.papan", "kader.pengguna"],
}
MAKS_UTAMA = 7  # + "Lainnya" = 8 items in the bar


def daftarkan(*entri: Entri) -> None:
    """Register menu entries (called at import of `<app>/menu.py`). Re-registering replaces."""
    global _VERSI
    for e in entri:
        _ENTRI[e.kunci] = e
    _VERSI += 1  # menus built before are rebuilt


def semua_entri() -> dict[str, Entri]:
    global _DITEMUKAN
    if not _DITEMUKAN:
        autodiscover_modules("menu")
        _DITEMUKAN = True
    return _ENTRI


def peran_dari(user) -> str:
    profil = getattr(user, "profil", None)  # a missing profile raises an AttributeError subclass
    if profil is not None:
        return profil.peran
    return Peran.ADMIN if user.is_superuser else ""


@dataclass(frozen=True)
class Tautan:
    label: str
    url: str
    ikon: str
    aktif: bool


def _izin(user) -> "frozenset[str] | None":
    """What has_perm answers from: None for an active superuser (everything), else the user's
    permission set (its backends' union; ModelBackend's is cached per request and in Redis)."""
    if not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    return frozenset(user.get_all_permissions())


def menu_untuk(user, path: str = "") -> tuple[list[Tautan], list[tuple[str, list[Tautan]]]]:
    """(short menu, [(kelompok, links)] under "Lainnya") for this user; `path` marks the current
    page. Built once per process for each role and permission set (then only marked)."""
    semua_entri()
    utama, lainnya = _menu(
        peran_dari(user),
        _izin(user),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        _VERSI,
    )
    return _tandai_aktif(utama, lainnya, path)


@functools.lru_cache(maxsize=64)
def _menu(peran: str, izin, awalan: str, urlconf: str, versi: int):
    """The menu of a role with a permission set, unmarked (the arguments after `izin` only key
    the cache: URLs depend on them, `versi` on the registered entries)."""
    entri = semua_entri()
    boleh = {k: e for k, e in entri.items() if e.boleh_dengan(izin)}
    kunci_utama = [k for k in UTAMA.get(peran, ["beranda"]) if k in boleh]
    kunci_utama = kunci_utama[:MAKS_UTAMA]

    def tautan(e: Entri, label: str) -> Tautan:
        return Tautan(label=label, url=e.url(), ikon=e.ikon, aktif=False)

    utama = [tautan(boleh[k], boleh[k].pendek or boleh[k].label) for k in kunci_utama]
    kelompok: dict[str, list[Entri]] = {}
    for k, e in boleh.items():
        if k not in kunci_utama:
            kelompok.setdefault(e.kelompok, []).append(e)
    lainnya = [
        (nama, [tautan(e, e.label) for e in sorted(isi, key=lambda e: (e.urutan, e.label))])
        for nama, isi in kelompok.items()
    ]
    return utama, lainnya


def _tandai_aktif(utama, lainnya, path):
    """Mark the one link whose URL is the longest prefix of the current path (the home page only
    on itself)."""

    def cocok(t: Tautan) -> int:
        dasar = t.url.split("?")[0]
        if dasar == "/":
            return 1 if path == "/" else 0
        return len(dasar) if path.startswith(dasar) else 0

    semua = utama + [t for _, isi in lainnya for t in isi]
    terbaik = max(semua, key=cocok, default=None)
    if terbaik is None or not cocok(terbaik):
        return list(utama), [(n, list(isi)) for n, isi in lainnya]  # copies: _menu keeps these

    def tanda(t: Tautan) -> Tautan:
        return Tautan(t.label, t.url, t.ikon, True) if t is terbaik else t

    return [tanda(t) for t in utama], [(n, [tanda(t) for t in isi]) for n, isi in lainnya]
