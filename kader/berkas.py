"""Files a kader page offers but an upper app makes (STYLE: apps depend on kader, never the
reverse): the upper app registers its functions here from its AppConfig.ready().

Today one: the draft SK of the whole kabupaten (~900 boards, ~25 s of WeasyPrint), made by
laporan's file jobs and listed on kader's draft SK page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class PenyusunDraftSK:
    # (request, tahun) -> None: asks for the draft and tells the user at once what happened
    # (made, queued for the worker, or kept until the queue answers), as a message.
    minta: Callable[..., None]
    # (request, tahun or None) -> HTML of the drafts made, with the assets it needs.
    daftar: Callable[..., SafeString]


_penyusun: list[PenyusunDraftSK] = []


def daftarkan_draft_sk(penyusun: PenyusunDraftSK) -> None:
    """Called once by the app that makes the whole-kabupaten draft (idempotent)."""
    _penyusun[:] = [penyusun]


def penyusun_draft_sk() -> PenyusunDraftSK | None:
    return _penyusun[0] if _penyusun else None
