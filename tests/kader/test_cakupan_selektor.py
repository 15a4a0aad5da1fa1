"""Scoping fails closed (issue 10 §2): every selector that takes an area set (or the user)
raises when it is left out or None, instead of answering for the whole kabupaten; the Dinas-wide
call is written out as SEMUA. And no module outside kader/scoping.py reads a user's area list."""

import ast
import importlib
import inspect
import pickle
from datetime import date
from pathlib import Path

import pytest

from kader.scoping import SEMUA, cakupan, wilayah_saring

AKAR = Path(__file__).resolve().parents[2]
APP = ("kader", "pendataan", "pertemuan", "laporan")
# Parameters that name the areas a read covers.
AREA = {"desa_ids", "dusun_ids", "kecamatan_ids", "wilayah_ids", "user"}
# Reads outside */selectors*.py that also take an area set.
LAIN = [
    ("laporan.ekspor_metode", "baris_metode_csv"),
    ("pendataan.services_target", "target_ekspor_baris"),
]
# Values for the other parameters (the area check must come before any use of them).
CONTOH = {
    "bulan": date(2025, 3, 1),
    "sampai": date(2025, 3, 1),
    "dari": date(2025, 1, 1),
    "pada": date(2025, 3, 1),
    "hari_ini": date(2025, 3, 1),
    "tahun": 2025,
    "nama": "Sari",
    "per": "desa",
}


def _modul_selektor():
    for app in APP:
        for berkas in sorted((AKAR / app).rglob("selectors*.py")):
            yield ".".join(berkas.relative_to(AKAR).with_suffix("").parts)


def _selektor():
    """(module.function, function, area parameters) of every read that takes an area."""
    fungsi = []
    for nama_modul in _modul_selektor():
        modul = importlib.import_module(nama_modul)
        fungsi += [
            (nama_modul, nama, f)
            for nama, f in vars(modul).items()
            if inspect.isfunction(f) and f.__module__ == nama_modul and not nama.startswith("_")
        ]
    for nama_modul, nama in LAIN:
        fungsi.append((nama_modul, nama, getattr(importlib.import_module(nama_modul), nama)))
    for nama_modul, nama, f in fungsi:
        area = [p for p in inspect.signature(f).parameters if p in AREA]
        if area:
            yield f"{nama_modul}.{nama}", f, area


def _argumen_lain(f) -> dict:
    """The function's other required arguments, from CONTOH (None for unknown objects)."""
    return {
        nama: CONTOH.get(nama)
        for nama, p in inspect.signature(f).parameters.items()
        if nama not in AREA and p.default is inspect.Parameter.empty
    }


def test_the_walk_finds_the_selectors():
    nama = {n for n, _, _ in _selektor()}
    assert {
        "pendataan.selectors.pus_bulan",
        "pendataan.selectors.indikator_desa",
        "laporan.selectors.angka_rekap_desa",
        "laporan.selectors_rekap.rekap_bulan",
        "pertemuan.selectors.kegiatan_desa",
        "kader.dana.selectors.dana_desa",
        "pendataan.selectors_sasaran.sasaran_prioritas",
        "laporan.ekspor_metode.baris_metode_csv",
    } <= nama
    assert len(nama) > 30


@pytest.mark.django_db
def test_every_selector_raises_without_its_area():
    terbuka = []
    for nama, f, _area in _selektor():
        try:
            f(**_argumen_lain(f))
        except (TypeError, ValueError):
            continue
        terbuka.append(nama)  # answered without being told which areas
    assert terbuka == []


@pytest.mark.django_db
def test_every_selector_refuses_none_as_an_area_set():
    terbuka = []
    for nama, f, area in _selektor():
        for param in area:
            if param == "user":
                continue
            lain = {p: SEMUA for p in area if p not in (param, "user")}
            try:
                f(**_argumen_lain(f), **lain, **{param: None})
            except (TypeError, ValueError):
                continue
            terbuka.append(f"{nama}({param}=None)")
    assert terbuka == []


@pytest.mark.django_db
def test_semua_is_the_kabupaten_and_a_user_gets_their_areas(area, users):
    from pendataan.selectors import indikator_desa

    semua = indikator_desa(bulan=date(2025, 3, 1), desa_ids=SEMUA)
    assert {area.desa_a.pk, area.desa_b.pk, area.desa_x.pk} <= set(semua)
    assert cakupan(users.dinas) is SEMUA
    assert cakupan(users.admin) is SEMUA
    koor = cakupan(users.koordinator)
    assert {area.kec_k.pk, area.desa_a.pk, area.dusun_a1.pk, area.desa_b.pk} <= koor
    assert area.desa_x.pk not in koor
    sendiri = indikator_desa(bulan=date(2025, 3, 1), desa_ids=koor)
    assert area.desa_x.pk not in sendiri and area.desa_a.pk in sendiri


def test_wilayah_saring_fails_closed():
    assert wilayah_saring(SEMUA) is None
    assert wilayah_saring(frozenset({3, 4})) in ([3, 4], [4, 3])
    assert wilayah_saring([]) == []
    for salah in (None, "12", 7):
        with pytest.raises(ValueError, match="Wilayah tidak disebut"):
            wilayah_saring(salah)
    assert pickle.loads(pickle.dumps(SEMUA)) is SEMUA  # a Celery argument stays the sentinel


def test_no_module_reads_a_users_area_list_by_hand():
    """Only kader/scoping.py computes or reads a user's area ids; views and selectors use
    visible_to(), scoping.saring(), cakupan() or lihat_semua()."""
    dilarang = {"wilayah_ids", "wilayah_ids_dengan_atas", "_hitung_wilayah_ids"}
    temuan = []
    for app in (*APP, "imp_smart"):
        for berkas in (AKAR / app).rglob("*.py"):
            rel = berkas.relative_to(AKAR).as_posix()
            if rel == "kader/scoping.py" or "/migrations/" in rel:
                continue
            for node in ast.walk(ast.parse(berkas.read_text())):
                if isinstance(node, ast.Call):
                    nama = getattr(node.func, "id", getattr(node.func, "attr", None))
                    if nama in dilarang:
                        temuan.append(f"{rel}:{node.lineno}")
    assert temuan == []
