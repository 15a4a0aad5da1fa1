"""Background jobs: one model, claim, lease, heartbeat, finish once, sweep (STYLE.md §6).

Every job that makes a file or processes an upload is a row of `imp_smart.Pekerjaan`
(imp_smart/models.py). Each app registers its kinds of job here from its AppConfig.ready()
(`daftarkan(JenisPekerjaan(...))`: the Celery task that takes the row's pk, who may see the
jobs); the framework names no app. A kind with data of its own has a domain model that inherits
`Pekerjaan` (`laporan.BerkasRekap`, `pendataan.Impor`); the functions below take that model or
`Pekerjaan` itself and always work on the one job table.

- `klaim(model, pk)` takes the row by one conditional UPDATE: ANTRI, or PROSES whose lease has
  run out (its worker died). It sets a fresh token, counts the attempt and starts a lease of
  `IMP_PEKERJAAN_LEASE` seconds. Two workers cannot both win; a job already done is a no-op,
  so a redelivered message (acks_late, reject_on_worker_lost) does nothing.
- `detak(klaim)` renews the lease from a thread every `IMP_PEKERJAAN_DETAK` seconds while the
  work runs (its own database connection, so it is seen even while the work holds a long
  transaction open). A SIGKILLed worker stops renewing: the lease runs out.
- `selesaikan(klaim, ...)` writes the result once, only while the token is still ours.
  `lepaskan(klaim, galat)` puts the row back in the queue after an error (GAGAL after
  `MAKS_PERCOBAAN` attempts).
- `sapu()` (every minute: beat, and each worker's own thread) puts rows with a lapsed lease back
  in the queue — only the sweeper whose UPDATE took the row sends it — and re-sends rows that
  the queue never got.

So a killed job is sent again at most lease + one minute after its last heartbeat.

A job that makes a file: `minta` (a new numbered version, or the one already waiting) and, in
its task, `buat_berkas` (claim, render with progress, store through the storage API with its
size and SHA-256, finish once). How to add a kind of job: CONTRIBUTING.md.
"""

import hashlib
import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connections, models, transaction
from django.db.models import F, Max, Q
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError as KombuOperationalError

from imp_smart import halaman
from imp_smart.models import MAKS_PERCOBAAN, Pekerjaan

log = logging.getLogger(__name__)

S = Pekerjaan.Status
GALAT_ANTREAN = (KombuOperationalError, OSError, ConnectionError)
PESAN_HABIS = (
    "Pekerja berhenti di tengah jalan {n} kali (mati atau kehabisan waktu); pekerjaan dihentikan. "
    "Silakan minta ulang atau hubungi admin."
)
# Written when a row goes back to the queue (the page shows it until the next run starts).
NILAI_ULANG = {"progres": 0, "tahap": "Menunggu percobaan berikutnya"}


def lama_lease() -> timedelta:
    return timedelta(seconds=settings.IMP_PEKERJAAN_LEASE)


def jeda_detak() -> float:
    return float(settings.IMP_PEKERJAAN_DETAK)


# The registry of kinds -------------------------------------------------------------------


def _semua(user, qs):
    return qs


@dataclass(frozen=True)
class JenisPekerjaan:
    """A kind of job, registered by the app that owns it."""

    kode: str  # "<app>.<name>", stored in Pekerjaan.jenis_pekerjaan
    label: str
    tugas: str  # dotted path of the Celery task that takes the row's pk
    izin: str  # permission to see these jobs at all (without it: 403); "": any signed-in user
    # (user, queryset of the kind's rows) -> the rows this user may see (others: 404).
    terlihat: Callable = _semua
    # The domain model that inherits Pekerjaan ("app_label.Model"), or "" for plain rows.
    model: str = ""
    # Is the stored file the job's result, offered for download once SELESAI?
    unduhan: bool = True

    def kelas(self) -> type[Pekerjaan]:
        return apps.get_model(self.model) if self.model else Pekerjaan


_jenis: dict[str, JenisPekerjaan] = {}


def daftarkan(jenis: JenisPekerjaan) -> None:
    """Called from the owning app's AppConfig.ready() (idempotent)."""
    _jenis[jenis.kode] = jenis


def jenis(kode: str) -> JenisPekerjaan:
    """The registered kind; LookupError for a kind no installed app registered."""
    try:
        return _jenis[kode]
    except KeyError:
        raise LookupError(f"Jenis pekerjaan tidak terdaftar: {kode}") from None


def jenis_terdaftar() -> list[JenisPekerjaan]:
    return list(_jenis.values())


def _kode_dari(model) -> str | None:
    """The kind a domain model's rows have; None for Pekerjaan itself (every kind)."""
    return getattr(model, "JENIS_PEKERJAAN", "") or None


def rinci(pk: int) -> Pekerjaan:
    """The row as its domain model (BerkasRekap, Impor, ...), or as Pekerjaan."""
    baris = Pekerjaan.objects.get(pk=pk)
    kelas = jenis(baris.jenis_pekerjaan).kelas()
    return baris if kelas is Pekerjaan else kelas.objects.get(pk=pk)


# Claim, heartbeat, finish ------------------------------------------------------------------

_FIELD_INDUK = {f.name for f in Pekerjaan._meta.concrete_fields} | {
    f.attname for f in Pekerjaan._meta.concrete_fields
}


def _pisah(nilai: dict) -> tuple[dict, dict]:
    """Values for the job table, and for the domain model's own table."""
    induk = {k: v for k, v in nilai.items() if k in _FIELD_INDUK}
    anak = {k: v for k, v in nilai.items() if k not in _FIELD_INDUK}
    return induk, anak


def _tulis_anak(model, pk: int, anak: dict) -> None:
    if anak:
        model._base_manager.filter(pk=pk).update(**anak)


class KlaimHilang(RuntimeError):
    """The row was taken back (lease lapsed): roll back and leave it to the new holder."""


@dataclass
class Klaim:
    """The right to work on one row, proven by its token."""

    model: type
    pk: int
    token: str
    objek: models.Model
    hilang: threading.Event = field(default_factory=threading.Event)

    @property
    def percobaan(self) -> int:
        return self.objek.percobaan

    def periksa(self) -> None:
        """Between steps: stop (KlaimHilang) once the heartbeat found the row taken over."""
        if self.hilang.is_set():
            raise KlaimHilang(f"{self.model.__name__} {self.pk}: klaim diambil alih")

    def milik(self):
        """The job row (Pekerjaan) while this claim still holds it."""
        return Pekerjaan.objects.filter(pk=self.pk, token_klaim=self.token, status=S.PROSES)

    def lapor(self, progres: int | None = None, tahap: str | None = None, **anak) -> None:
        """Between steps: check the claim, then show the progress (and the domain row's own
        counters, `anak`) on the page."""
        self.periksa()
        nilai = {"progres": progres, "tahap": tahap[:200] if tahap else tahap}
        nilai = {k: v for k, v in nilai.items() if v is not None}
        if (self.milik().update(**nilai) if nilai else 1) == 1:
            _tulis_anak(self.model, self.pk, anak)


def _bisa_diklaim() -> Q:
    return Q(status=S.ANTRI) | Q(status=S.PROSES, lease_sampai__lt=Now())


def klaim(model, pk: int, **nilai) -> Klaim | None:
    """Take the row (ANTRI, or PROSES with a lapsed lease). None: done, failed, or held.
    `nilai`: written with the claim (the domain model's own fields right after it)."""
    token = uuid4().hex
    induk, anak = _pisah(nilai)
    diambil = Pekerjaan.objects.filter(_bisa_diklaim(), pk=pk, percobaan__lt=MAKS_PERCOBAAN).update(
        status=S.PROSES,
        token_klaim=token,
        percobaan=F("percobaan") + 1,
        lease_sampai=Now() + lama_lease(),
        detak=Now(),
        antrian_gagal=False,
        **induk,
    )
    if diambil == 1:
        _tulis_anak(model, pk, anak)
        return Klaim(model=model, pk=pk, token=token, objek=model.objects.get(pk=pk))
    # Out of attempts (the last worker died too): stop here, with a message for the page.
    Pekerjaan.objects.filter(_bisa_diklaim(), pk=pk, percobaan__gte=MAKS_PERCOBAAN).update(
        status=S.GAGAL,
        token_klaim="",
        lease_sampai=None,
        pesan_galat=PESAN_HABIS.format(n=MAKS_PERCOBAAN),
    )
    return None


def sisa_lease(model, pk: int) -> float | None:
    """Seconds left on the live lease of a row in PROSES; None if nobody holds it."""
    sampai = (
        Pekerjaan.objects.filter(pk=pk, status=S.PROSES)
        .values_list("lease_sampai", flat=True)
        .first()
    )
    if sampai is None:
        return None
    sisa = (sampai - timezone.now()).total_seconds()
    return sisa if sisa > 0 else None


def perpanjang(k: Klaim) -> bool:
    """Renew the lease; False when the row is no longer ours (swept, or finished)."""
    return k.milik().update(lease_sampai=Now() + lama_lease(), detak=Now()) == 1


@contextmanager
def detak(k: Klaim, setiap: float | None = None):
    """Renew the claim's lease from a thread while the block runs."""
    setiap = jeda_detak() if setiap is None else setiap
    berhenti = threading.Event()

    def jalan():
        try:
            while not berhenti.wait(setiap):
                try:
                    if not perpanjang(k):
                        k.hilang.set()
                        return
                except Exception:  # a missed beat is not fatal; the lease has slack
                    log.warning("Detak %s %s gagal", k.model.__name__, k.pk, exc_info=True)
        finally:
            connections.close_all()  # this thread's connections only

    benang = threading.Thread(target=jalan, name=f"detak-{k.model.__name__}-{k.pk}", daemon=True)
    benang.start()
    try:
        yield k
    finally:
        berhenti.set()
        benang.join(timeout=10)


def selesaikan(k: Klaim, *, status=None, **nilai) -> bool:
    """Record the outcome once. False if the claim was lost meanwhile (nothing written).
    `nilai` may hold the domain model's own fields: written in the same transaction."""
    induk, anak = _pisah(nilai)
    induk.setdefault("selesai_pada", Now())
    with transaction.atomic():
        if k.milik().update(status=status or S.SELESAI, lease_sampai=None, **induk) != 1:
            return False
        _tulis_anak(k.model, k.pk, anak)
        if halaman.basi_detik():  # what the job wrote is the requester's own write
            oleh = k.model.objects.filter(pk=k.pk).values_list("diminta_oleh_id", flat=True)
            halaman.catat_tulis_oleh(oleh.first())
    return True


def lepaskan(k: Klaim, galat: BaseException) -> str:
    """After an error: back to the queue, or GAGAL once out of attempts. Returns the status."""
    status = S.GAGAL if k.percobaan >= MAKS_PERCOBAAN else S.ANTRI
    nilai = NILAI_ULANG if status == S.ANTRI else {}
    Pekerjaan.objects.filter(pk=k.pk, token_klaim=k.token).update(
        status=status,
        token_klaim="",
        lease_sampai=None,
        pesan_galat=str(galat)[:1000] or type(galat).__name__,
        **nilai,
    )
    return status


# The Celery options of every job task: retried with backoff on an error, acknowledged after the
# work, handed back to the queue when its worker dies (the claim makes a second run harmless).
OPSI_TUGAS = {
    "bind": True,
    "autoretry_for": (Exception,),
    "retry_backoff": True,
    "max_retries": 3,
    "acks_late": True,
    "reject_on_worker_lost": True,
}


def hasil_tugas(task, model, pk: int, dikerjakan: bool) -> bool:
    """A job task's end: the service's answer; when it could not claim the row, try again once
    a live lease holding it lapses (`tunda_bila_dipegang`)."""
    if not dikerjakan:
        tunda_bila_dipegang(task, model, pk)
    return dikerjakan


def tunda_bila_dipegang(task, model, pk: int) -> None:
    """In a task whose claim failed: if a live lease holds the row (e.g. the message came back
    after a pool process was killed, before its lease ran out), try again once it lapses."""
    sisa = sisa_lease(model, pk)
    if sisa is None or task.request.is_eager or task.request.retries >= task.max_retries:
        return
    raise task.retry(countdown=int(sisa) + 2)


# Queue and sweeper --------------------------------------------------------------------------


def antrekan(pk: int) -> bool:
    """Send the row's task now; False (and `antrian_gagal` set) when Redis is unreachable."""
    kode = Pekerjaan.objects.filter(pk=pk).values_list("jenis_pekerjaan", flat=True).get()
    tugas = import_string(jenis(kode).tugas)
    Pekerjaan.objects.filter(pk=pk).update(diantrekan_pada=Now(), antrian_gagal=False)
    if tugas.app.conf.task_always_eager:
        # No broker (embedded demo): the job runs here; its row records any failure.
        try:
            tugas.delay(pk)
        except Exception:
            log.exception("Pekerjaan %s %s gagal", kode, pk)
        return True
    try:
        tugas.delay(pk)
    except GALAT_ANTREAN:
        log.warning("Antrean tidak terjangkau; %s %s menunggu", kode, pk)
        Pekerjaan.objects.filter(pk=pk).update(antrian_gagal=True)
        return False
    return True


def sapu(model=Pekerjaan, *, kirim=None) -> int:
    """Put rows of lapsed workers back in the queue (or GAGAL when out of attempts) and re-send
    rows the queue never got: every registered kind, or only `model`'s. Safe with several
    sweepers: each row is taken by one UPDATE under SKIP LOCKED. Returns the rows sent."""
    kirim = kirim or antrekan
    kode = _kode_dari(model)
    semua = Pekerjaan.objects.filter(jenis_pekerjaan__in=[kode] if kode else list(_jenis))
    hilang_setelah = timedelta(seconds=settings.IMP_PEKERJAAN_ANTREAN_HILANG)
    with transaction.atomic():
        mati = list(
            semua.select_for_update(skip_locked=True)
            .filter(Q(lease_sampai__lt=Now()) | Q(lease_sampai__isnull=True), status=S.PROSES)
            .values_list("pk", "percobaan")
        )
        habis = [pk for pk, n in mati if n >= MAKS_PERCOBAAN]
        ulang = [pk for pk, n in mati if n < MAKS_PERCOBAAN]
        Pekerjaan.objects.filter(pk__in=habis).update(
            status=S.GAGAL,
            token_klaim="",
            lease_sampai=None,
            pesan_galat=PESAN_HABIS.format(n=MAKS_PERCOBAAN),
        )
        Pekerjaan.objects.filter(pk__in=ulang).update(
            status=S.ANTRI, token_klaim="", lease_sampai=None, **NILAI_ULANG
        )
        # Never reached the queue (Redis was down), or sent so long ago that it was lost.
        belum = list(
            semua.select_for_update(skip_locked=True)
            .filter(status=S.ANTRI)
            .exclude(pk__in=ulang)
            .filter(
                Q(antrian_gagal=True)
                | Q(diantrekan_pada__isnull=True)
                | Q(diantrekan_pada__lt=Now() - hilang_setelah)
            )
            .values_list("pk", flat=True)
        )
        Pekerjaan.objects.filter(pk__in=belum).update(diantrekan_pada=Now())
    if habis:
        log.warning("Pekerjaan %s: percobaan habis, ditandai gagal", habis)
    for pk in [*ulang, *belum]:
        kirim(pk)
    return len(ulang) + len(belum)


def sapu_semua() -> int:
    """The beat job: sweep every registered kind."""
    return sapu()


# Jobs that make a file ----------------------------------------------------------------------


def minta(model, *, kunci: str, oleh=None, **nilai) -> Pekerjaan:
    """Ask for a file: a new numbered version (per kind and `kunci`), or the one already
    waiting. Queued after the commit (the worker's connection must find the row); with Redis
    down the row waits with `antrian_gagal` and the sweeper sends it later."""
    kode = nilai.pop("jenis_pekerjaan", None) or model.JENIS_PEKERJAAN
    for _ in range(3):
        try:
            with transaction.atomic():
                baris = _catat_permintaan(model, kode, kunci, oleh, nilai)
        except IntegrityError:  # two requests took the same version number at once
            continue
        break
    else:
        raise RuntimeError("Nomor versi berkas tidak dapat ditentukan")
    transaction.on_commit(lambda: antrekan(baris.pk))
    baris.refresh_from_db()
    return baris


def _catat_permintaan(model, kode: str, kunci: str, oleh, nilai: dict) -> Pekerjaan:
    qs = Pekerjaan.objects.select_for_update().filter(jenis_pekerjaan=kode, kunci=kunci)
    menunggu = qs.filter(status__in=[S.ANTRI, S.PROSES]).order_by("-versi").first()
    if menunggu is not None:
        return model.objects.get(pk=menunggu.pk)
    versi = (qs.aggregate(m=Max("versi"))["m"] or 0) + 1
    if "nama_berkas" in nilai:  # the download's name may carry the version: "...-v{versi}.pdf"
        nilai = {**nilai, "nama_berkas": nilai["nama_berkas"].format(versi=versi)}
    return model.objects.create(
        jenis_pekerjaan=kode, kunci=kunci, versi=versi, diminta_oleh=oleh, **nilai
    )


def buat_berkas(
    model,
    pk: int,
    *,
    render: Callable[[Pekerjaan, Klaim], bytes],
    jalur: Callable[[Pekerjaan], str],
    tahap: str = "Menyiapkan",
) -> bool:
    """The task of a job that makes a file: claim, render (reporting progress with
    `k.lapor`), store through the storage API, finish once with size and SHA-256.
    False if another run holds (or finished) it."""
    k = klaim(model, pk, mulai_pada=Now(), progres=5, tahap=tahap, pesan_galat="")
    if k is None:
        return False
    try:
        with detak(k):
            isi = render(k.objek, k)
    except KlaimHilang:
        return False  # the sweeper gave the row to another run: stop, write nothing
    except Exception as exc:
        lepaskan(k, exc)
        raise
    nama = default_storage.save(jalur(k.objek), ContentFile(isi))
    if not selesaikan(
        k,
        berkas=nama,
        ukuran=len(isi),
        sha256=hashlib.sha256(isi).hexdigest(),
        progres=100,
        tahap="Selesai",
    ):  # the sweeper took it back meanwhile; the new holder will finish it
        default_storage.delete(nama)
        return False
    return True
