"""The draft SK of the whole kabupaten, made in the background (~900 boards, ~25 s of
WeasyPrint): a job of the one job engine (imp_smart/jobs.py) of kader's own kind
"kader.draft_sk", versioned per year, hashed, retried and swept like every job. One kecamatan
is rendered during the request instead (kader.views.SKDraftView)."""

from imp_smart import jobs
from imp_smart.models import Pekerjaan
from imp_smart.pdf import render_pdf
from kader import selectors

JENIS = "kader.draft_sk"
TEMPLATE_PDF = "kader/pdf/draft_sk.html"


def jenis_pekerjaan() -> jobs.JenisPekerjaan:
    """Registered by KaderConfig.ready(): who may see the drafts (the SK makers) and the task."""
    return jobs.JenisPekerjaan(
        kode=JENIS,
        label="Draf SK pengurus seluruh kabupaten (PDF)",
        tugas="kader.tasks.draft_sk_buat",
        izin="kader.add_sk",
    )


def draft_sk_minta(*, tahun: int, oleh=None) -> Pekerjaan:
    """Ask for the draft of `tahun`: a new version, or the one already waiting."""
    return jobs.minta(
        Pekerjaan,
        jenis_pekerjaan=JENIS,
        kunci=str(tahun),
        oleh=oleh,
        parameter={"tahun": tahun},
        nama_berkas=f"draf-sk-pengurus-{tahun}-v{{versi}}.pdf",
    )


def draft_sk_buat(*, pekerjaan_id: int) -> bool:
    """Render and store one draft. False if another run holds (or finished) it."""
    return jobs.buat_berkas(
        Pekerjaan,
        pekerjaan_id,
        render=_render,
        jalur=lambda p: f"draf-sk/{p.parameter['tahun']}/{p.nama_berkas}",
        tahap="Mengumpulkan pengurus",
    )


def _render(pekerjaan: Pekerjaan, k: jobs.Klaim) -> bytes:
    konteks = selectors.konteks_draft_sk(tahun=pekerjaan.parameter["tahun"])
    k.lapor(30, f"Menyusun lampiran {konteks['jumlah_institusi']} institusi")
    return render_pdf(TEMPLATE_PDF, konteks)


def draft_sk_daftar(tahun: int | None = None) -> list[Pekerjaan]:
    """The drafts made (that year's, or the latest ten), newest first."""
    qs = Pekerjaan.objects.filter(jenis_pekerjaan=JENIS)
    if tahun:
        qs = qs.filter(kunci=str(tahun))
    return list(qs.order_by("-diminta_pada", "-versi")[:10])
