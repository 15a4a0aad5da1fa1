"""An uploaded letterhead emblem (PNG or SVG): checked on upload, embedded in PDFs, served safely.

An SVG is a document that could carry script, event handlers or references that make WeasyPrint
or a browser fetch other URLs. Uploads are therefore refused unless the SVG is plain drawing:
no DOCTYPE or entities, no script/foreignObject/embedded documents/animation, no `on*`
attribute, no link or `url()` except to a fragment of the same file (`#id`) or an embedded
PNG/JPEG (`data:image/...`). When served, the file also gets a CSP that forbids script and
every fetch (`sandbox`), so even a file that got into the store by another way cannot run.
"""

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from PIL import Image, UnidentifiedImageError

UKURAN_MAKS = 512 * 1024  # bytes
SISI_MAKS = 4000  # px, for a PNG
EKSTENSI = ("png", "svg")
JENIS = {"png": "image/png", "svg": "image/svg+xml"}
PNG_AWAL = b"\x89PNG\r\n\x1a\n"
CSP_GAMBAR = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"

_TAG_TERLARANG = {
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
    "animate",
    "animatemotion",
    "animatetransform",
    "set",
    "discard",
}
_DATA_GAMBAR = re.compile(r"^data:image/(png|jpeg);base64,", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)


def _lokal(nama: str) -> str:
    return nama.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _tautan_aman(nilai: str) -> bool:
    nilai = nilai.strip()
    return nilai.startswith("#") or bool(_DATA_GAMBAR.match(nilai))


def _teks_aman(teks: str) -> bool:
    """CSS or an attribute value: no import, no script URL, url() only to #id or data:image."""
    kecil = teks.lower()
    # A CSS escape (\69 for "i", \72 for "r") would hide "@import" or "url(" from the checks
    # below while the CSS parser still reads them: an emblem has no use for escapes at all.
    if "\\" in teks or "@import" in kecil or "javascript:" in kecil or "expression(" in kecil:
        return False
    return all(_tautan_aman(u) for u in _URL.findall(teks))


def periksa_svg(isi: bytes) -> None:
    """ValidationError unless `isi` is an SVG drawing without script or outside references."""
    try:
        teks = isi.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError("SVG harus berkode UTF-8.", code="svg_kode") from exc
    if re.search(r"<!(doctype|entity)", teks, re.IGNORECASE):
        raise ValidationError("SVG tidak boleh memuat DOCTYPE atau ENTITY.", code="svg_doctype")
    try:
        akar = ET.fromstring(teks)
    except ET.ParseError as exc:
        raise ValidationError("Berkas bukan SVG yang sah.", code="svg_rusak") from exc
    if _lokal(akar.tag) != "svg":
        raise ValidationError("Berkas bukan SVG yang sah.", code="svg_rusak")
    for el in akar.iter():
        if not isinstance(el.tag, str):
            continue
        tag = _lokal(el.tag)
        if tag in _TAG_TERLARANG:
            raise ValidationError(
                "SVG tidak boleh memuat skrip, animasi atau dokumen sisipan (<%(tag)s>).",
                code="svg_skrip",
                params={"tag": tag},
            )
        if tag == "style" and not _teks_aman(el.text or ""):
            raise ValidationError(
                "Gaya (style) di SVG tidak boleh mengambil berkas lain.", code="svg_tautan"
            )
        for atribut, nilai in el.attrib.items():
            nama = _lokal(atribut)
            if nama.startswith("on"):
                raise ValidationError(
                    "SVG tidak boleh memuat atribut peristiwa (%(nama)s).",
                    code="svg_skrip",
                    params={"nama": nama},
                )
            if nama in ("href", "src") and not _tautan_aman(nilai):
                raise ValidationError(
                    "SVG hanya boleh menaut ke bagian dirinya sendiri (#...) atau gambar "
                    "sisipan (data:image/png, data:image/jpeg).",
                    code="svg_tautan",
                )
            if not _teks_aman(nilai):
                raise ValidationError(
                    "SVG tidak boleh mengambil berkas atau alamat lain.", code="svg_tautan"
                )


def periksa_png(isi: bytes) -> None:
    """ValidationError unless `isi` is a PNG Pillow can read, at most SISI_MAKS on a side."""
    if not isi.startswith(PNG_AWAL):
        raise ValidationError("Berkas bukan PNG yang sah.", code="png_rusak")
    try:
        with Image.open(io.BytesIO(isi)) as gambar:
            if gambar.format != "PNG":
                raise ValidationError("Berkas bukan PNG yang sah.", code="png_rusak")
            if max(gambar.size) > SISI_MAKS:
                raise ValidationError(
                    "Gambar terlalu besar (maksimal %(sisi)s piksel per sisi).",
                    code="png_besar",
                    params={"sisi": SISI_MAKS},
                )
            gambar.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError("Berkas bukan PNG yang sah.", code="png_rusak") from exc


def ekstensi(nama: str) -> str:
    return PurePosixPath(nama).suffix.lower().lstrip(".")


def periksa_lambang(berkas) -> None:
    """Model-field validator: a PNG or SVG of at most UKURAN_MAKS bytes, checked by content."""
    if not berkas:
        return
    jenis = ekstensi(berkas.name)
    if jenis not in EKSTENSI:
        raise ValidationError("Lambang harus berkas PNG atau SVG.", code="lambang_jenis")
    if berkas.size is not None and berkas.size > UKURAN_MAKS:
        raise ValidationError(
            "Berkas lambang terlalu besar (maksimal %(kb)s KB).",
            code="lambang_besar",
            params={"kb": UKURAN_MAKS // 1024},
        )
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    isi = berkas.read(UKURAN_MAKS + 1)
    berkas.seek(posisi)
    if len(isi) > UKURAN_MAKS:
        raise ValidationError(
            "Berkas lambang terlalu besar (maksimal %(kb)s KB).",
            code="lambang_besar",
            params={"kb": UKURAN_MAKS // 1024},
        )
    (periksa_png if jenis == "png" else periksa_svg)(isi)


def data_uri(nama: str, isi: bytes) -> str:
    """The emblem as a data: URI for WeasyPrint (no file path or URL to fetch)."""
    return f"data:{JENIS[ekstensi(nama)]};base64,{base64.b64encode(isi).decode('ascii')}"


def respons_lambang(nama: str, isi: bytes) -> HttpResponse:
    """The emblem as an image response that cannot run script even when opened directly."""
    jenis = JENIS.get(ekstensi(nama))
    if jenis is None:
        raise Http404("Lambang tidak ada.")
    respons = HttpResponse(isi, content_type=jenis)
    respons["Content-Security-Policy"] = CSP_GAMBAR
    respons["X-Content-Type-Options"] = "nosniff"
    respons["Content-Disposition"] = f'inline; filename="lambang.{ekstensi(nama)}"'
    respons["Cache-Control"] = "private, max-age=300"
    return respons
