"""Import and export of the yearly targets (PPM) per desa, year and method (DOMAIN.md §8.5).

All or nothing: every row is checked first and errors are reported by row and column (row 1 is
the header); only a file without errors is written, in one transaction. Importing again
replaces the targets of the same desa, year and method."""

import csv
import io
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from imp_smart.ekspor import baris_aman
from kader.models import Wilayah
from kader.scoping import SEMUA, Semua, cakupan, wilayah_saring
from pendataan.impor.baca import Hasil, baca_berkas
from pendataan.indikator import METODE
from pendataan.models import TargetMetode

KOLOM_TARGET = ["kode_desa", "tahun", "metode", "target_pb", "target_pa"]
TAHUN_MIN, TAHUN_MAX = 2000, 2100
BATAS_TARGET = 1_000_000  # far above any desa's yearly PUS; catches a pasted NIK or total
_BULAT = re.compile(r"[0-9]+")


def _bilangan(teks: str, kolom: str, baris: int, hasil: Hasil) -> int | None:
    """A target cell: a whole number ≥ 0 (XLSX 12.0 arrives as "12"; "1.000" is not accepted:
    a thousands dot and a decimal point cannot be told apart)."""
    if teks == "":
        hasil.salah(baris, kolom, "Wajib diisi (bilangan bulat ≥ 0).")
        return None
    if _BULAT.fullmatch(teks.lstrip("-")) and teks.startswith("-"):
        hasil.salah(baris, kolom, f"Target tidak boleh negatif: '{teks}'.")
        return None
    if not _BULAT.fullmatch(teks):
        hasil.salah(baris, kolom, f"Target harus bilangan bulat ≥ 0, bukan '{teks}'.")
        return None
    if int(teks) > BATAS_TARGET:
        hasil.salah(baris, kolom, f"Target {teks} terlalu besar untuk satu desa.")
        return None
    return int(teks)


def _desa_boleh(user) -> tuple[dict[str, Wilayah], set[int] | None]:
    """Every desa by code, and the ids the user may write (None: all, e.g. the command)."""
    desa = {w.kode: w for w in Wilayah.objects.desa()}
    ids = SEMUA if user is None else cakupan(user)
    return desa, None if isinstance(ids, Semua) else set(ids)


def _cek_baris(no: int, r: dict, desa, boleh, hasil: Hasil) -> TargetMetode | None:
    awal = len(hasil.kesalahan)
    kode = r.get("kode_desa", "")
    w = desa.get(kode)
    if not kode:
        hasil.salah(no, "kode_desa", "Wajib diisi.")
    elif w is None:
        hasil.salah(no, "kode_desa", f"Desa dengan kode '{kode}' tidak dikenal.")
    elif boleh is not None and w.pk not in boleh:
        hasil.salah(no, "kode_desa", f"Desa {w.nama} ({kode}) di luar wilayah Anda.")
    tahun = r.get("tahun", "")
    if not (re.fullmatch(r"[0-9]{4}", tahun) and TAHUN_MIN <= int(tahun) <= TAHUN_MAX):
        hasil.salah(no, "tahun", f"Tahun harus 4 angka (TTTT), bukan '{tahun}'.")
    metode = r.get("metode", "").upper()
    if metode not in METODE:
        pilihan = ", ".join(METODE)
        hasil.salah(no, "metode", f"Metode '{r.get('metode', '')}' tidak dikenal; pilih {pilihan}.")
    pb = _bilangan(r.get("target_pb", ""), "target_pb", no, hasil)
    pa = _bilangan(r.get("target_pa", ""), "target_pa", no, hasil)
    if len(hasil.kesalahan) > awal or pb is None or pa is None:  # None: an error was noted
        return None
    return TargetMetode(desa=w, tahun=int(tahun), metode=metode, target_pb=pb, target_pa=pa)


def target_periksa(*, rows: list, user=None) -> tuple[list[TargetMetode], Hasil]:
    """The rows as unsaved targets, and every error by row and column."""
    hasil = Hasil()
    contoh = next((r for r in rows if r), None)
    if contoh is None:
        hasil.salah(1, "", "Berkas kosong: tidak ada baris data.")
        return [], hasil
    kurang = [k for k in KOLOM_TARGET if k not in contoh]
    for k in kurang:
        hasil.salah(1, k, f"Kolom '{k}' tidak ada di baris judul.")
    if kurang:
        return [], hasil
    desa, boleh = _desa_boleh(user)
    target: list[TargetMetode] = []
    dilihat: dict[tuple, int] = {}
    for i, r in enumerate(rows):
        if r is None:
            continue
        no = i + 2
        t = _cek_baris(no, r, desa, boleh, hasil)
        if t is None:
            continue
        kunci = (t.desa.pk, t.tahun, t.metode)
        if kunci in dilihat:
            pesan = f"Baris ganda: desa, tahun dan metode sama dengan baris {dilihat[kunci]}."
            hasil.salah(no, "metode", pesan)
            continue
        dilihat[kunci] = no
        target.append(t)
    return target, hasil


@transaction.atomic
def target_impor(*, isi: bytes, nama: str, user=None) -> Hasil:
    """Check then write a CSV/XLSX of targets; nothing is written when any row is wrong.
    `user` None: no area limit (the command); otherwise only desa in the user's area."""
    try:
        rows = baca_berkas(isi, nama)
    except ValidationError as e:
        hasil = Hasil()
        hasil.salah(1, "", " ".join(e.messages))
        return hasil
    return target_simpan(rows=rows, user=user)


@transaction.atomic
def target_simpan(*, rows: list, user=None) -> Hasil:
    """Check then write rows already read ({column: text}, as a file gives them; the target
    grid page sends its cells this way), so a file and the grid follow the same rules. Nothing
    is written when any row is wrong."""
    target, hasil = target_periksa(rows=rows, user=user)
    if not hasil.berhasil:
        return hasil
    kini = timezone.now()
    for t in target:
        t.diubah_pada = kini
    TargetMetode.objects.bulk_create(
        target,
        update_conflicts=True,
        unique_fields=["desa", "tahun", "metode"],
        update_fields=["target_pb", "target_pa", "diubah_pada"],
    )
    hasil.ringkasan = {"target": len(target), "desa": len({t.desa.pk for t in target})}
    return hasil


def target_ekspor_baris(*, tahun: int | None = None, desa_ids: Iterable[int] | Semua):
    """Rows in the import format (§8.5), by year, desa code and BKKBN method order; of the
    desa given (SEMUA: the kabupaten; leaving them out is an error)."""
    qs = TargetMetode.objects.select_related("desa")
    if tahun is not None:
        qs = qs.filter(tahun=tahun)
    ids = wilayah_saring(desa_ids)
    if ids is not None:
        qs = qs.filter(desa_id__in=ids)
    urutan = {m: i for i, m in enumerate(METODE)}
    daftar = sorted(qs, key=lambda t: (t.tahun, t.desa.kode, urutan[t.metode]))
    return [[t.desa.kode, t.tahun, t.metode, t.target_pb, t.target_pa] for t in daftar]


def target_csv(berkas, baris: list[list]) -> None:
    penulis = csv.writer(berkas, lineterminator="\n")
    penulis.writerow(KOLOM_TARGET)
    penulis.writerows(baris_aman(b) for b in baris)


def target_csv_teks(baris: list[list]) -> str:
    keluaran = io.StringIO()
    target_csv(keluaran, baris)
    return keluaran.getvalue()
