"""The installable app for cadres (issue 13): manifest, service worker, offline pages.

Which pages work offline, for whom, and what the phone keeps, is wiring in the settings
(`IMP_OFFLINE_*`, URL names of the apps); the framework only turns them into URL patterns:

- `IMP_OFFLINE_HALAMAN`: URL names of the pages a cadre works on. Their GET answers are marked
  `X-IMP-Offline: simpan` for a user who works offline, and only marked answers are kept by the
  service worker; a form posted to one of them with no signal is kept on the phone.
- `IMP_OFFLINE_SIAPKAN`: the pages (without arguments) the phone loads ahead, when online;
  `IMP_OFFLINE_SIAPKAN_PENGGUNA`: functions (dotted paths) `f(user) -> [url]` adding the pages
  of this user that take an argument (the dues of her own institution).
- `IMP_OFFLINE_CADANGAN`: pages whose copy without the query string serves, with no signal,
  any address of theirs not on the phone (the counselling form of a woman picked from the
  list: one generic form that takes the woman as a field).
- `IMP_OFFLINE_LANJUTAN`: {page: follow-up page} — after a meeting saved on the phone, its
  attendance form; the follow-up is posted to the page its parent was redirected to.
- Who works offline: the permission `imp_smart.kerja_offline` (given to the PPKBD and Sub-PPKBD
  roles in kader/peran.py); a user with any of `IMP_OFFLINE_TANPA_IZIN` (full NIK) never has a
  page kept, nor does a superuser.
- `IMP_OFFLINE_PRECACHE`: static files of the app shell (≤ 1.5 MB, see bench/pwa_bench.py).
"""

import hashlib
import json
import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, path, reverse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from imp_smart.daerah import identitas
from imp_smart.offline_sekali import FIELD, FIELD_PENGGUNA, KirimanSekaliMiddleware

IZIN = "imp_smart.kerja_offline"
HEADER_SIMPAN = "X-IMP-Offline"
_CONTOH_PK = 987654321  # reversed in place of an <int:pk>, then turned into \d+


def boleh_offline(user) -> bool:
    """Does this user work offline (cadre roles), with pages that may be kept on the phone?"""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    if not user.has_perm(IZIN):
        return False
    return not any(user.has_perm(p) for p in settings.IMP_OFFLINE_TANPA_IZIN)


def _pola(nama: str) -> str | None:
    """'^/pertemuan/\\d+/kehadiran/$' for a URL name (None when it does not exist)."""
    for args in ([], [_CONTOH_PK]):
        try:
            path = reverse(nama, args=args)
        except NoReverseMatch:
            continue
        return "^" + re.escape(path).replace(str(_CONTOH_PK), r"\d+") + "$"
    return None


def _kunci_url() -> tuple[str, str]:
    return get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF)


def pola_halaman() -> dict[str, str]:
    """{URL pattern: "cepat" | "segar"} of the pages that work offline (names not (yet)
    defined are skipped). Reversed once per process, URL prefix and setting (every page of a
    cadre asks twice: the middleware and the context processor)."""
    return dict(_pola_halaman(*_kunci_url(), tuple(settings.IMP_OFFLINE_HALAMAN.items())))


@lru_cache(maxsize=16)
def _pola_halaman(awalan: str, urlconf: str, halaman: tuple) -> tuple[tuple[str, str], ...]:
    return tuple((p, cara) for n, cara in halaman if (p := _pola(n)))


def halaman_offline(path: str) -> bool:
    return any(re.match(p, path) for p in pola_halaman())


def _lanjutan() -> dict[str, str]:
    return dict(_lanjutan_tetap(*_kunci_url(), tuple(settings.IMP_OFFLINE_LANJUTAN.items())))


@lru_cache(maxsize=16)
def _lanjutan_tetap(awalan: str, urlconf: str, lanjutan: tuple) -> tuple[tuple[str, str], ...]:
    hasil = {}
    for induk, anak in lanjutan:
        pola = _pola(induk)
        if pola is None:  # no such page: nothing to follow from
            continue
        try:
            hasil[pola] = reverse(anak)
        except NoReverseMatch:
            continue
    return tuple(hasil.items())


def _revisi(isi: bytes) -> str:
    return hashlib.md5(isi, usedforsecurity=False).hexdigest()[:12]


@lru_cache
def _statis() -> list[dict]:
    """[{url, revision}] of the app shell's static files (revision: content hash, so that a
    changed file is fetched again even when its URL has no hash of its own)."""
    hasil = []
    for berkas in settings.IMP_OFFLINE_PRECACHE:
        lokasi = finders.find(berkas)
        if not lokasi:
            continue
        with open(lokasi, "rb") as f:
            hasil.append({"url": static(berkas), "revision": _revisi(f.read())})
    return hasil


SHELL = {"offline": "offline.html", "offline_antrian": "pwa/antrian.html"}


def _render_shell(nama: str) -> str:
    """The offline page and the phone's list: rendered without a request (no user, no token,
    nothing personal), the same for everyone."""
    return render_to_string(SHELL[nama], {"lanjutan": json.dumps(_lanjutan())})


def _halaman_shell() -> list[dict]:
    return [
        {"url": reverse(nama), "revision": _revisi(_render_shell(nama).encode())} for nama in SHELL
    ]


def _cadangan() -> list[str]:
    return [p for nama in settings.IMP_OFFLINE_CADANGAN if (p := _pola(nama))]


def setelan_sw() -> dict:
    return {
        "precache": [*_statis(), *_halaman_shell()],
        "halaman": pola_halaman(),
        "cadangan": _cadangan(),
        "lanjutan": _lanjutan(),
        "offline": reverse("offline"),
        "antrian": reverse("offline_antrian"),
        "token": reverse("offline_token"),
        "field": FIELD,
    }


@require_GET
def service_worker(request):
    """/sw.js: served from the root so that its scope is the whole site."""
    skrip = [
        static(f"vendor/workbox/workbox-{m}.prod.js")
        for m in ("core", "routing", "strategies", "precaching")
    ]
    skrip += [static("vendor/idb/idb.umd.js"), static("pwa/antrian.js"), static("pwa/sw-inti.js")]
    revisi = {i["url"]: i["revision"] for i in _statis()}
    skrip = [f"{u}?v={revisi[u]}" if u in revisi else u for u in skrip]
    isi = (
        "/* IMP Smart service worker (issue 13); logic in static/pwa/sw-inti.js */\n"
        f"self.IMP_SETELAN = {json.dumps(setelan_sw())};\n"
        f"importScripts({', '.join(json.dumps(u) for u in skrip)});\n"
    )
    response = HttpResponse(isi, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


@require_GET
def manifest(request):
    nama = f"IMP Smart {identitas().nama_kabupaten}"
    data = {
        "name": nama,
        "short_name": "IMP Smart",
        "description": "Pencatatan kader PPKBD dan Sub-PPKBD, juga tanpa sinyal.",
        "lang": "id",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "id": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": settings.IMP_OFFLINE_WARNA,
        "background_color": "#ffffff",
        "icons": [
            {
                "src": static(f"pwa/ikon-{n}.png"),
                "sizes": f"{n}x{n}",
                "type": "image/png",
                "purpose": p,
            }
            for n in (192, 512)
            for p in ("any", "maskable")
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


@require_GET
def offline(request):
    """Shown by the service worker for a page that is not on the phone."""
    return HttpResponse(_render_shell("offline"))


@require_GET
def antrian(request):
    """The list of what waits on the phone (filled in by static/pwa/antrian-halaman.js)."""
    return HttpResponse(_render_shell("offline_antrian"))


@never_cache
@require_GET
def token(request):
    """A fresh CSRF token for the phone's queue, at send time (never one from a stale page)."""
    if not request.user.is_authenticated:
        return JsonResponse({"masuk": True}, status=401)
    return JsonResponse({"token": get_token(request), "pengguna": request.user.pk})


@never_cache
@require_GET
def siapkan(request):
    """The pages this user's phone loads ahead (none for roles that do not work offline)."""
    if not boleh_offline(request.user):
        return JsonResponse({"halaman": []})
    halaman = []
    for nama in settings.IMP_OFFLINE_SIAPKAN:
        try:
            halaman.append(reverse(nama))
        except NoReverseMatch:
            continue
    for fungsi in settings.IMP_OFFLINE_SIAPKAN_PENGGUNA:
        halaman += [u for u in import_string(fungsi)(request.user) if u not in halaman]
    return JsonResponse({"halaman": halaman})


def pwa(request):
    """Context processor: does this user work offline (install offer, queue count, keeping)?"""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not boleh_offline(user):
        return {"pwa_pengguna": user.pk}
    return {
        "pwa_offline": True,
        "pwa_pengguna": user.pk,
        "pwa_pola": json.dumps(list(pola_halaman())),
        "pwa_lanjutan": json.dumps(_lanjutan()),
    }


class OfflineMiddleware(KirimanSekaliMiddleware):
    """Exactly once for posts with a submission id (imp_smart/offline_sekali.py), and the mark
    that lets the service worker keep a cadre's working page."""

    def __call__(self, request):
        if request.method != "GET":
            return super().__call__(request)
        response = self.get_response(request)
        if (
            response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and halaman_offline(request.path)
            and boleh_offline(request.user)
            and not _pesan_tampil(request)
        ):
            response[HEADER_SIMPAN] = "simpan"
        return response


def _pesan_tampil(request) -> bool:
    """Did the page show a one-time message ('Pertemuan disimpan.')? Then it is not kept: an
    offline visit would show the message again."""
    storage = getattr(request, "_messages", None)
    return bool(storage is not None and storage.used and len(storage))


__all__ = ["FIELD", "FIELD_PENGGUNA", "OfflineMiddleware", "boleh_offline", "pwa"]


urlpatterns = [
    path("sw.js", service_worker, name="service_worker"),
    path("manifest.webmanifest", manifest, name="manifest"),
    path("offline/", offline, name="offline"),
    path("offline/antrian/", antrian, name="offline_antrian"),
    path("offline/token/", token, name="offline_token"),
    path("offline/siapkan/", siapkan, name="offline_siapkan"),
]
