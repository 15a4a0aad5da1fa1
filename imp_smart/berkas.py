"""Serving a stored file (scan, photo, generated PDF) from a view that has checked the user's
scope, whatever the storage backend: the file is read through the storage API (local disk or an
S3-compatible bucket), never by a path on this machine's disk and never by a public URL."""

import mimetypes
from pathlib import PurePosixPath

from django.http import FileResponse, Http404


def unduh_berkas(berkas, *, nama: str | None = None, lampiran: bool = True, jenis: str = ""):
    """FileResponse of a FieldFile; 404 when the field is empty or its file is gone."""
    if not berkas:
        raise Http404("Berkas tidak ada.")
    try:
        isi = berkas.storage.open(berkas.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Berkas tidak ditemukan di penyimpanan.") from exc
    nama = nama or PurePosixPath(berkas.name).name
    jenis = jenis or mimetypes.guess_type(nama)[0] or "application/octet-stream"
    respons = FileResponse(isi, as_attachment=lampiran, filename=nama, content_type=jenis)
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Cache-Control"] = "private, no-store"
    return respons
