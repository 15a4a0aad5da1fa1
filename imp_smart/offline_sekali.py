"""Exactly once for form submissions sent from a phone (issue 13).

The phone gives every submission an id (a UUID) in the `_imp_kiriman` form field and, when its
queue sends it later, also in the `X-IMP-Kiriman` header. The first request with that id runs the
view inside one transaction together with the insert of its `KirimanOffline` row. A success (a
redirect, the Post/Redirect/Get of every form here, with no error message added) keeps the row
with the page it led to; anything else (form errors, 400/403/404, an error message) rolls the
transaction back, row included, so the item can be corrected and sent again under its id. A
replay of a kept id is answered with the earlier result without calling the view; a replay that
arrives while the first is still running waits on the row's primary key and then sees it.

Answers to the phone's queue (header present) are JSON:
    {"ok": true, "lokasi": "/pertemuan/7/kehadiran/", "pesan": [...], "ulang": false}
    {"ok": false, "status": 400, "pesan": ["Tanggal: ..."]}      (refused: nothing was saved)
    {"ok": false, "masuk": true, "pesan": [...]}                    (401: log in again)
    {"ok": false, "status": 403, "csrf": true, "token": "…", …}     (a stale CSRF token: nothing
                                                  ran; sent again with this one, antrian.js)
A plain form post with the field only (the page itself, online) keeps its HTML answers; its
replay is redirected to the earlier result.

The framework knows no app: it reads only the request, Django's messages and the forms in a
TemplateResponse's context.
"""

import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token

from imp_smart.offline_model import KirimanOffline

FIELD = "_imp_kiriman"
FIELD_PENGGUNA = "_imp_pengguna"
HEADER = "X-IMP-Kiriman"


def kode_kiriman(request) -> uuid.UUID | None | bool:
    """The submission id of a POST: a UUID, None when there is none, False when malformed."""
    if request.method != "POST":
        return None
    nilai = request.headers.get(HEADER)
    # Only a urlencoded form is read here (the phone keeps no file uploads): a multipart body
    # parsed this early would no longer be readable as request.body by a view.
    if not nilai and request.content_type == "application/x-www-form-urlencoded":
        nilai = request.POST.get(FIELD)
    if not nilai:
        return None
    try:
        return uuid.UUID(str(nilai))
    except ValueError:
        return False


def _pesan_antri(request, *, minimal: int = 0, maksimal: int = 1000) -> list[str]:
    """Texts of the messages added during this request with a level in [minimal, maksimal]."""
    storage = getattr(request, "_messages", None)
    antri = getattr(storage, "_queued_messages", [])
    return [str(m.message) for m in antri if minimal <= m.level <= maksimal]


def pesan_formulir(response) -> list[str]:
    """The errors of every bound form in a TemplateResponse's context, as 'Label: message'."""
    hasil: list[str] = []
    for nilai in (getattr(response, "context_data", None) or {}).values():
        if not isinstance(nilai, BaseForm) or not nilai.is_bound:
            continue
        for nama, daftar in nilai.errors.items():
            field = nilai.fields.get(nama)
            label = "" if field is None or field.widget.is_hidden else str(field.label or nama)
            hasil.extend(f"{label}: {e}" if label else str(e) for e in daftar)
    return hasil


def _jawab(request, *, pakai_json: bool, ok: bool, status: int = 200, **isi):
    if pakai_json:
        return JsonResponse({"ok": ok, **isi}, status=status)
    if ok:
        messages.info(request, "Data ini sudah tersimpan sebelumnya.")
        return HttpResponseRedirect(isi.get("lokasi") or "/")
    return JsonResponse({"ok": ok, **isi}, status=status)


class KirimanSekaliMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware (it reads both)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kode = kode_kiriman(request)
        if kode is None:
            return self.get_response(request)
        pakai_json = HEADER in request.headers
        if kode is False:
            return JsonResponse(
                {"ok": False, "status": 400, "pesan": ["Kode kiriman rusak."]}, status=400
            )
        user = request.user
        if not user.is_authenticated:
            if not pakai_json:
                return self.get_response(request)  # the usual login redirect
            pesan = "Sesi Anda berakhir: masuk lagi, lalu kirim ulang."
            return JsonResponse({"ok": False, "masuk": True, "pesan": [pesan]}, status=401)
        pemilik = request.POST.get(FIELD_PENGGUNA)
        if pemilik and pemilik != str(user.pk):
            pesan = (
                "Data ini dicatat oleh pengguna lain di ponsel ini; tidak dikirim atas nama Anda."
            )
            return JsonResponse({"ok": False, "status": 409, "pesan": [pesan]}, status=409)
        return self._proses(request, kode, pakai_json)

    def _proses(self, request, kode, pakai_json):
        with transaction.atomic():
            try:
                with transaction.atomic():
                    KirimanOffline.objects.create(id=kode, pengguna=request.user, path=request.path)
            except IntegrityError:
                # Processed before, or by a request that just committed (we waited on its row).
                return self._ulang(request, kode, pakai_json)
            response = self.get_response(request)
            if getattr(response, "csrf_gagal", False) and pakai_json:
                # The token went stale after the queue fetched it: nothing ran; the queue sends
                # the item again with this fresh token (static/pwa/antrian.js).
                transaction.set_rollback(True)
                pesan = "Token formulir sudah kedaluwarsa; data belum tersimpan."
                isi = {"ok": False, "status": 403, "csrf": True, "pesan": [pesan]}
                return JsonResponse({**isi, "token": get_token(request)}, status=403)
            galat = _pesan_antri(request, minimal=messages.ERROR)
            if 300 <= response.status_code < 400 and not galat:
                sukses = _pesan_antri(request, maksimal=messages.WARNING)
                lokasi = response.get("Location", "")
                KirimanOffline.objects.filter(pk=kode).update(lokasi=lokasi[:500], pesan=sukses)
                if not pakai_json:
                    return response
                list(messages.get_messages(request))  # shown on the phone's list, not later
                return JsonResponse({"ok": True, "lokasi": lokasi, "pesan": sukses, "ulang": False})
            # Refused or failed: forget the id and anything the view wrote, so that the item can
            # be corrected and sent again under the same id.
            transaction.set_rollback(True)
        if not pakai_json:
            return response
        pesan = galat + pesan_formulir(response)
        if not pesan:
            pesan = [f"Ditolak server (kode {response.status_code})."]
        list(messages.get_messages(request))
        status = response.status_code if response.status_code >= 400 else 422
        return JsonResponse({"ok": False, "status": status, "pesan": pesan}, status=status)

    def _ulang(self, request, kode, pakai_json):
        row = KirimanOffline.objects.filter(pk=kode).first()
        if row is None:  # the first one rolled back just now: let the phone try again
            pesan = ["Sedang diproses; dicoba lagi sebentar."]
            return JsonResponse(
                {"ok": False, "status": 409, "pesan": pesan, "ulang": True}, status=409
            )
        if row.pengguna_id != request.user.pk or row.path != request.path:
            pesan = ["Kode kiriman ini sudah dipakai untuk data lain."]
            return JsonResponse({"ok": False, "status": 409, "pesan": pesan}, status=409)
        return _jawab(
            request, pakai_json=pakai_json, ok=True, lokasi=row.lokasi, pesan=row.pesan, ulang=True
        )
