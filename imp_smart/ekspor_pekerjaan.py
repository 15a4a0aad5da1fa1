"""Large list exports as background jobs of the one job engine (imp_smart/jobs.py).

`EksporXlsxMixin` (imp_smart/ekspor.py) builds the XLSX inside the request while the filtered
list has at most `IMP_EKSPOR_LANGSUNG` rows; above that it asks for a job of the framework's own
kind `imp_smart.ekspor` (`ekspor_minta`) and sends the user to a small page with the job's
progress (`ekspor_halaman`, polled by static/js/pekerjaan.js) and the download link.

The job's `parameter` holds the list view's URL name, its arguments and the query string, and
`diminta_oleh` the user. The task (`imp_smart.tasks.ekspor_buat` → `ekspor_buat`) calls the
same view again AS THAT USER: the same login and permission checks, the same scoped, filtered
and sorted queryset (`visible_to`), the same columns, the NIK masked by that user's permission,
formula-safe cells (imp_smart.ekspor) — the scope can only be what the user sees now, never
wider. A user who lost the page (403/404) gets a failed job, not a file. Only the user who asked
sees the job and its file (anybody else: 404, `terlihat`).
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import render
from django.test import RequestFactory
from django.urls import NoReverseMatch, resolve, reverse
from django.utils.text import slugify
from django.utils.timezone import localdate

from imp_smart import jobs
from imp_smart.models import Pekerjaan

JENIS = "imp_smart.ekspor"
BATAS_LANGSUNG = 5000  # default of settings.IMP_EKSPOR_LANGSUNG
LANGKAH_LAPOR = 2000  # rows between two progress reports
ATRIBUT_LATAR = "ekspor_latar"  # set on the request the task builds: make the file, no job


def batas_langsung() -> int:
    """At most this many rows are written inside the request; more: a background job."""
    return int(getattr(settings, "IMP_EKSPOR_LANGSUNG", BATAS_LANGSUNG))


def _milik_sendiri(user, qs):
    return qs.filter(diminta_oleh=user) if user.is_authenticated else qs.none()


def jenis_pekerjaan() -> jobs.JenisPekerjaan:
    """Registered by ImpSmartConfig.ready(). No permission of its own (every list page checks
    its own, again in the task): only the user who asked sees the job (else 404)."""
    return jobs.JenisPekerjaan(
        kode=JENIS,
        label="Ekspor XLSX daftar",
        tugas="imp_smart.tasks.ekspor_buat",
        izin="",
        terlihat=_milik_sendiri,
    )


def nama_xlsx(judul: str) -> str:
    return f"{slugify(judul) or 'data'}-{localdate():%Y%m%d}.xlsx"


def _kunci(user_pk: object, parameter: dict) -> str:
    """Versions per user and list (URL and filters): the same export asked twice while it is
    waiting is one job."""
    teks = json.dumps(parameter, sort_keys=True)
    return f"u{user_pk}-{hashlib.sha256(teks.encode()).hexdigest()[:24]}"


def ekspor_minta(request: HttpRequest, *, judul: str, jumlah: int) -> Pekerjaan:
    """Ask for the export of the list `request` shows (its view, arguments and filters)."""
    cocok = request.resolver_match
    if cocok is None or not cocok.view_name:
        raise ValueError("Ekspor latar hanya untuk halaman daftar yang bernama (URL name).")
    q = request.GET.copy()
    q.pop("page", None)
    q["ekspor"] = "xlsx"
    parameter = {
        "url_name": cocok.view_name,
        "args": list(cocok.args),
        "kwargs": dict(cocok.kwargs),
        "query": q.urlencode(),
    }
    return jobs.minta(
        Pekerjaan,
        jenis_pekerjaan=JENIS,
        kunci=_kunci(request.user.pk, parameter),
        oleh=request.user,
        parameter={**parameter, "judul": judul[:200], "jumlah": jumlah},
        nama_berkas=nama_xlsx(judul),
    )


# The task's side ------------------------------------------------------------------------------


class EksporDitolak(Exception):
    """The user may no longer open the list (or it is gone): the job fails, no retry."""


@dataclass
class Latar:
    """Put on the task's request: `EksporXlsxMixin` then writes the file (streaming the rows)
    and reports its progress here instead of asking for another job."""

    lapor: Callable[[int, int], None] | None = None


def permintaan_ulang(p: Pekerjaan, lapor=None) -> HttpRequest:
    """The GET request of the list page, as the user who asked."""
    user = p.diminta_oleh
    if user is None or not user.is_active:
        raise EksporDitolak("Pengguna yang meminta ekspor ini tidak aktif lagi.")
    par = p.parameter
    url = reverse(par["url_name"], args=par.get("args") or None, kwargs=par.get("kwargs") or None)
    query = par.get("query", "")
    request = RequestFactory().get(f"{url}?{query}" if query else url)
    request.user = user
    # A filter error adds a message: kept nowhere.
    setattr(request, "_messages", CookieStorage(request))  # noqa: B010
    request.resolver_match = resolve(url)
    setattr(request, ATRIBUT_LATAR, Latar(lapor=lapor))
    return request


def _render(p: Pekerjaan, k: jobs.Klaim) -> bytes:
    def lapor(ditulis: int, jumlah: int) -> None:
        persen = 5 + int(90 * ditulis / jumlah) if jumlah else 50
        k.lapor(min(persen, 95), f"Menulis baris {ditulis} dari {jumlah}")

    try:
        request = permintaan_ulang(p, lapor)
        cocok = resolve(request.path_info)
        respons = cocok.func(request, *cocok.args, **cocok.kwargs)
    except (PermissionDenied, Http404) as exc:
        raise EksporDitolak("Daftar ini tidak dapat Anda buka lagi; ekspor dibatalkan.") from exc
    isi = getattr(respons, "content", b"")
    if respons.status_code != 200 or not isi.startswith(b"PK"):
        raise EksporDitolak(
            f"Daftar ini tidak dapat diekspor (jawaban {respons.status_code}); ekspor dibatalkan."
        )
    return isi


def _render_atau_gagal(p: Pekerjaan, k: jobs.Klaim) -> bytes:
    """A refusal is final: GAGAL now with its message (finished once, like any outcome), then
    `KlaimHilang` makes `buat_berkas` stop without storing anything or retrying."""
    try:
        return _render(p, k)
    except EksporDitolak as exc:
        jobs.selesaikan(k, status=Pekerjaan.Status.GAGAL, pesan_galat=str(exc), progres=0)
        raise jobs.KlaimHilang(str(exc)) from exc


def ekspor_buat(*, pekerjaan_id: int) -> bool:
    """Write and store one export. False if another run holds (or finished) it."""
    return jobs.buat_berkas(
        Pekerjaan,
        pekerjaan_id,
        render=_render_atau_gagal,
        jalur=lambda p: f"ekspor/{p.diminta_oleh_id or 0}/{p.pk}-{p.nama_berkas}",
        tahap="Menyaring daftar",
    )


# The page ------------------------------------------------------------------------------------


@login_required
def ekspor_halaman(request, pk: int):
    """The export's progress and, once done, its download (only for the user who asked)."""
    p = _milik_sendiri(request.user, Pekerjaan.objects.filter(jenis_pekerjaan=JENIS, pk=pk))
    p = p.first()
    if p is None:
        raise Http404("Ekspor tidak ditemukan.")
    par = p.parameter
    q = QueryDict(par.get("query", ""), mutable=True)
    q.pop("ekspor", None)
    try:
        url = reverse(
            par["url_name"], args=par.get("args") or None, kwargs=par.get("kwargs") or None
        )
        kembali = f"{url}?{q.urlencode()}" if q else url
    except NoReverseMatch:  # the list's URL was renamed since: no way back, the file stays
        kembali = None
    konteks = {
        "pekerjaan": p,
        "pekerjaan_list": [p],
        "judul": par.get("judul") or "daftar",
        "kembali": kembali,
    }
    return render(request, "pekerjaan/ekspor.html", konteks)
