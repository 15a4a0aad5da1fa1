"""Home-page figures kept a short while in the shared cache, per area set and day.

A card's figures (counts of areas, institutions and cadres, this month's PUS, the follow-ups due)
are computed for an area set, not for a user: every user of one desa, kecamatan or the whole
kabupaten shares them. `simpan_kartu` keeps them for `umur` seconds under the card's name, the
area set, the day and the card's generation; the writes that change a card's figures draw a new
generation (`lupakan_kartu`, from a signal or a service), so that the next visit counts again.
What no write announces (bulk updates, the passing of time within the day) is bounded by `umur`;
the page says when the figures were counted.
"""

import hashlib
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from imp_smart.halaman import catat_generasi, panggilan_commit

_AWALAN = "imp:kartu"


def _kunci_generasi(kelompok: str) -> str:
    return f"{_AWALAN}:gen:{kelompok}"


def kunci_lingkup(ids) -> str:
    """A short name for an area set: "semua", or a digest of its sorted ids."""
    if ids is None:
        return "semua"
    teks = ",".join(str(i) for i in sorted(ids))
    return hashlib.blake2b(teks.encode(), digest_size=12).hexdigest()


def _baru(kelompok) -> None:
    cache.set_many({_kunci_generasi(k): uuid.uuid4().hex for k in kelompok}, None)


def lupakan_kartu(*kelompok: str) -> None:
    """The cards of these groups are stale: a new generation now, and again when the write's
    transaction commits (a visit in between may have counted the rows before the write). Many
    writes in one transaction (an import) add one callback, not one each."""
    _baru(kelompok)
    koneksi = transaction.get_connection()
    if not koneksi.in_atomic_block:
        return
    # One callback for all groups per transaction (a new one after a rollback dropped it).
    panggilan_commit(koneksi, "_imp_kartu_tertunda", _Tertunda).kelompok.update(kelompok)


class _Tertunda:
    """The commit callback of one transaction: the groups its writes made stale."""

    def __init__(self) -> None:
        self.kelompok: set[str] = set()

    def __call__(self) -> None:
        _baru(sorted(self.kelompok))


def simpan_kartu(
    nama: str,
    *,
    lingkup: str,
    kelompok: tuple[str, ...],
    hitung: Callable[[], Any],
    umur: int = 300,
) -> tuple[Any, datetime]:
    """(figures, when they were counted): from the cache, or counted now with `hitung()` and kept
    for `umur` seconds. `hitung` returns plain data (numbers, strings, dicts, lists)."""
    kunci_gen = [_kunci_generasi(k) for k in kelompok]
    generasi = cache.get_many(kunci_gen)
    hilang = {k: uuid.uuid4().hex for k in kunci_gen if k not in generasi}
    if hilang:  # first use or an emptied cache: start new generations (nothing stored counts)
        for k, v in hilang.items():
            cache.add(k, v, None)
        generasi = cache.get_many(kunci_gen)
        if len(generasi) < len(kunci_gen):  # the cache keeps nothing: count every time
            return hitung(), timezone.now()
    for k in kunci_gen:  # a kept page that shows the figures depends on them
        catat_generasi(k, generasi[k])
    jejak = ":".join(generasi[k] for k in kunci_gen)
    kunci = f"{_AWALAN}:{nama}:{lingkup}:{timezone.localdate().isoformat()}:{jejak}"
    tersimpan = cache.get(kunci)
    if isinstance(tersimpan, tuple) and len(tersimpan) == 2:
        return tersimpan
    hasil = (hitung(), timezone.now())
    cache.set(kunci, hasil, umur)
    return hasil
