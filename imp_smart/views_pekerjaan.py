"""The one progress endpoint and the one download of background jobs (imp_smart/jobs.py), and
the message a page gives after asking for a job. static/js/pekerjaan.js polls the endpoint.

Who may see a job comes from its registered kind: its permission (without it: 403; a kind with
no permission, such as the list exports, is open to any signed-in user), then its scope
(`terlihat`: a job outside it is 404, as if it did not exist)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import reverse

from imp_smart import jobs
from imp_smart.berkas import unduh_berkas
from imp_smart.models import Pekerjaan


def pekerjaan_terlihat(user, pk: int) -> tuple[Pekerjaan, jobs.JenisPekerjaan]:
    """The job as its domain model, if `user` may see it (else 403 / 404)."""
    kode = Pekerjaan.objects.filter(pk=pk).values_list("jenis_pekerjaan", flat=True).first()
    try:
        jenis = jobs.jenis(kode or "")
    except LookupError:
        raise Http404("Pekerjaan tidak ditemukan.") from None
    if jenis.izin and not user.has_perm(jenis.izin):
        raise PermissionDenied
    qs = jenis.terlihat(user, jenis.kelas().objects.filter(jenis_pekerjaan=jenis.kode))
    objek = qs.filter(pk=pk).first()
    if objek is None:
        raise Http404("Pekerjaan tidak ditemukan.")
    return objek, jenis


def url_unduh(p: Pekerjaan, jenis: jobs.JenisPekerjaan | None = None) -> str | None:
    jenis = jenis or jobs.jenis(p.jenis_pekerjaan)
    if jenis.unduhan and p.status == Pekerjaan.Status.SELESAI and p.berkas:
        return reverse("pekerjaan_unduh", args=[p.pk])
    return None


def data_status(p: Pekerjaan, jenis: jobs.JenisPekerjaan | None = None) -> dict:
    """What the polling script shows (also the first render of the pages)."""
    return {
        "id": p.pk,
        "status": p.status,
        "label": p.get_status_display(),
        "status_label": p.get_status_display(),
        "progres": p.progres,
        "persen": p.persen,
        "tahap": p.tahap,
        "keterangan": p.keterangan,
        "bergerak": p.bergerak,
        "versi": p.versi,
        "sha256": p.sha256,
        "antrian_gagal": p.antrian_gagal,
        "pesan_galat": p.pesan_galat,
        "selesai": not p.berjalan,
        "unduh": url_unduh(p, jenis),
        **p.data_tambahan(),
    }


@login_required
def pekerjaan_status(request, pk: int):
    """JSON for static/js/pekerjaan.js."""
    objek, jenis = pekerjaan_terlihat(request.user, pk)
    respons = JsonResponse(data_status(objek, jenis))
    respons["Cache-Control"] = "no-store"
    return respons


@login_required
def pekerjaan_unduh(request, pk: int):
    """The file a finished job made (through the storage API)."""
    objek, jenis = pekerjaan_terlihat(request.user, pk)
    if not url_unduh(objek, jenis):
        raise Http404("Berkas belum tersedia.")
    return unduh_berkas(objek.berkas, nama=objek.nama_berkas or None)


def kabari_permintaan(request, pekerjaan: Pekerjaan, nama: str) -> None:
    """The message after asking for a file: made already (no broker: the demo), queued, or
    kept until Redis answers again."""
    if pekerjaan.antrian_gagal:
        messages.warning(
            request,
            f"Layanan antrean (Redis) sedang tidak dapat dihubungi. {nama} tersimpan dan dibuat "
            "otomatis begitu layanan pulih; Anda tidak perlu meminta ulang.",
        )
    elif pekerjaan.status == Pekerjaan.Status.SELESAI:
        messages.success(request, f"{nama} selesai dibuat.")
    else:
        messages.info(request, f"{nama} sedang disiapkan; tombol Unduh muncul begitu selesai.")
