"""One way to make PDFs: a template extending templates/pdf/base.html, rendered by WeasyPrint.

Assets (CSS, images) are read from PDF_ASSETS_DIR on disk: a Celery worker has no request and
must never fetch http://…/static/. Text is rendered in Indonesian whatever the caller's language.
"""

import gc
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from imp_smart.daerah import identitas, lambang_bawaan, lambang_uri


def konteks_dasar() -> dict:
    """Letterhead values every PDF shows (the office's identity: admin record over settings)."""
    i = identitas()
    return {
        "nama_dinas": i.nama_dinas,
        "nama_kabupaten": i.nama_kabupaten,
        "alamat_dinas": i.alamat_dinas,
        "lambang": lambang_uri(),
        "dicetak_pada": timezone.localtime(),
    }


def penandatangan() -> dict:
    """The Dinas signer every PDF prints (recap, certificate): place, title, name and NIP from
    the office's identity. An empty name or NIP prints as a dotted line to fill in by hand."""
    i = identitas()
    return {
        "tempat": i.tempat_penandatangan,
        "jabatan": i.jabatan_penandatangan or f"Kepala {i.nama_dinas}",
        "nama": i.kepala_dinas_nama,
        "nip": i.kepala_dinas_nip,
    }


def render_html(template_name: str, context: dict) -> str:
    with translation.override("id"):
        return render_to_string(template_name, {**konteks_dasar(), **context})


def boleh_diambil(url: str) -> bool:
    """What a PDF may load: data: URIs, files under PDF_ASSETS_DIR and the configured emblem.
    Never the network, never another file on disk — whatever a template or an uploaded SVG says."""
    bagian = urlsplit(url)
    if bagian.scheme == "data":
        return True
    if bagian.scheme != "file":
        return False
    jalur = Path(unquote(bagian.path)).resolve()
    aset = Path(settings.PDF_ASSETS_DIR).resolve()
    return jalur.is_relative_to(aset) or jalur == lambang_bawaan().resolve()


def _pengambil():
    """WeasyPrint's fetcher limited to `boleh_diambil` (file: and data: only, checked paths)."""
    from weasyprint.urls import URLFetcher  # noqa: PLC0415  (heavy, as below)

    class PengambilTerbatas(URLFetcher):
        def fetch(self, url, headers=None):
            if not boleh_diambil(url):
                raise ValueError(f"PDF tidak boleh mengambil {url[:80]}")
            return super().fetch(url, headers)

    return PengambilTerbatas(allowed_protocols=("file", "data"))


# The cyclic garbage collector's thresholds while WeasyPrint lays out a document (see
# `gc_jarang`): a young generation of 100,000 objects instead of CPython's 700.
AMBANG_GC = (100_000, 50, 100)
_gc_kunci = threading.Lock()
_gc_aktif = 0
_gc_semula: tuple[int, int, int] | None = None


@contextmanager
def gc_jarang():
    """Run the block with the garbage collector collecting rarely. WeasyPrint makes millions
    of short-lived objects (boxes, styles, text layouts): with the default thresholds the
    collector runs thousands of times and, every few hundred runs, walks the whole heap of a
    Django process — about a third of a kecamatan F/I/Dal/13 PDF's CPU time
    (bench/fidal_bench.py). The collector stays on (a document's cycles are still freed;
    about 5 MB more at the peak); nested or concurrent blocks (threads) restore the process's
    thresholds when the last one ends."""
    global _gc_aktif, _gc_semula
    with _gc_kunci:
        if _gc_aktif == 0:
            _gc_semula = gc.get_threshold()
            gc.set_threshold(*AMBANG_GC)
        _gc_aktif += 1
    try:
        yield
    finally:
        with _gc_kunci:
            _gc_aktif -= 1
            if _gc_aktif == 0 and _gc_semula is not None:
                gc.set_threshold(*_gc_semula)
                _gc_semula = None


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a PDF template to bytes (loading only what `boleh_diambil` allows)."""
    from weasyprint import HTML  # noqa: PLC0415  (heavy: loaded only where PDFs are made)

    html = render_html(template_name, context)
    with gc_jarang():
        return HTML(
            string=html, base_url=str(settings.PDF_ASSETS_DIR), url_fetcher=_pengambil()
        ).write_pdf()
