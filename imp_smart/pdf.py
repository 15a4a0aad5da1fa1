"""One way to make PDFs: a template extending templates/pdf/base.html, rendered by WeasyPrint.

Assets (CSS, images) are read from PDF_ASSETS_DIR on disk: a Celery worker has no request and
must never fetch http://…/static/. Text is rendered in Indonesian whatever the caller's language.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from imp_smart.daerah import lambang_uri


def konteks_dasar() -> dict:
    """Letterhead values every PDF shows."""
    return {
        "nama_dinas": settings.IMP_NAMA_DINAS,
        "nama_kabupaten": settings.IMP_NAMA_KABUPATEN,
        "alamat_dinas": settings.IMP_ALAMAT_DINAS,
        "lambang": lambang_uri(),
        "dicetak_pada": timezone.localtime(),
    }


def penandatangan() -> dict:
    """The Dinas signer every PDF prints (recap, certificate): place, title, name and NIP from
    settings. An empty name or NIP prints as a dotted line to fill in by hand."""
    nama = settings.IMP_KEPALA_DINAS_NAMA or getattr(settings, "IMP_KEPALA_DINAS", "")
    return {
        "tempat": settings.IMP_TEMPAT_PENANDATANGAN,
        "jabatan": settings.IMP_JABATAN_PENANDATANGAN or f"Kepala {settings.IMP_NAMA_DINAS}",
        "nama": nama,
        "nip": settings.IMP_KEPALA_DINAS_NIP,
    }


def render_html(template_name: str, context: dict) -> str:
    with translation.override("id"):
        return render_to_string(template_name, {**konteks_dasar(), **context})


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a PDF template to bytes."""
    from weasyprint import HTML  # heavy import: only where PDFs are made

    html = render_html(template_name, context)
    return HTML(string=html, base_url=str(settings.PDF_ASSETS_DIR)).write_pdf()
