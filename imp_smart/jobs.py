"""Background jobs on a database row: claim, lease, heartbeat, finish once, sweep (STYLE.md §6).

One mechanism for every model that a Celery task works on (recap files and the draft SK in
`laporan.BerkasRekap`, uploads in `pendataan.Impor`). The model inherits `Pekerjaan` (the job
fields) and has a `status` field with the choices ANTRI, PROSES, SELESAI and GAGAL.

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
- `sapu(model)` (every minute: beat, and each worker's own thread) puts rows with a lapsed
  lease back in the queue — only the sweeper whose UPDATE took the row sends it — and re-sends
  rows that the queue never got.

So a killed job is sent again at most lease + one minute after its last heartbeat.

A new kind of job: inherit `Pekerjaan`, give the model a `Status` with those four members, set
`TUGAS` (the task's dotted path) and `NILAI_ULANG`, and make a migration. The service claims,
works inside `with detak(k):` (calling `k.periksa()` between steps), then `selesaikan` — in the
same transaction as the job's own writes when it has any — or `lepaskan` on an error. The task
takes the pk with `acks_late=True, reject_on_worker_lost=True` and, when the service returns
False, calls `tunda_bila_dipegang`. Enqueue with `antrekan` after commit. The sweeper
(`sapu_semua`) finds the model by itself.
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from uuid import uuid4

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import F, Q
from django.db.models.functions import Now
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError as KombuOperationalError

log = logging.getLogger(__name__)

MAKS_PERCOBAAN = 4
GALAT_ANTREAN = (KombuOperationalError, OSError, ConnectionError)
PESAN_HABIS = (
    "Pekerja berhenti di tengah jalan {n} kali (mati atau kehabisan waktu); pekerjaan dihentikan. "
    "Silakan minta ulang atau hubungi admin."
)


def lama_lease() -> timedelta:
    return timedelta(seconds=settings.IMP_PEKERJAAN_LEASE)


def jeda_detak() -> float:
    return float(settings.IMP_PEKERJAAN_DETAK)


class Pekerjaan(models.Model):
    """The job fields shared by every background job row (abstract)."""

    # Dotted path of the Celery task that takes the row's pk (used by the sweeper).
    TUGAS: str = ""
    # Values written when a row goes back to the queue (progress shown on the page, …).
    NILAI_ULANG: dict = {}
    MAKS_PERCOBAAN: int = MAKS_PERCOBAAN

    token_klaim = models.CharField(max_length=32, blank=True, editable=False)
    percobaan = models.PositiveSmallIntegerField("percobaan", default=0)
    pesan_galat = models.TextField("pesan galat", blank=True)
    antrian_gagal = models.BooleanField(
        "antrean tidak terjangkau",
        default=False,
        help_text="Terakhir kali dikirim ke antrean, Redis tidak dapat dihubungi.",
    )
    lease_sampai = models.DateTimeField(
        "klaim berlaku sampai", null=True, blank=True, editable=False
    )
    detak = models.DateTimeField("detak terakhir pekerja", null=True, blank=True, editable=False)
    diantrekan_pada = models.DateTimeField(
        "terakhir dikirim ke antrean", null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


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
        """Queryset of the row while this claim still holds it."""
        return self.model.objects.filter(
            pk=self.pk, token_klaim=self.token, status=self.model.Status.PROSES
        )


def _bisa_diklaim(model) -> Q:
    S = model.Status
    return Q(status=S.ANTRI) | Q(status=S.PROSES, lease_sampai__lt=Now())


def klaim(model, pk: int, **nilai) -> Klaim | None:
    """Take the row (ANTRI, or PROSES with a lapsed lease). None: done, failed, or held."""
    token = uuid4().hex
    diambil = model.objects.filter(
        _bisa_diklaim(model), pk=pk, percobaan__lt=model.MAKS_PERCOBAAN
    ).update(
        status=model.Status.PROSES,
        token_klaim=token,
        percobaan=F("percobaan") + 1,
        lease_sampai=Now() + lama_lease(),
        detak=Now(),
        antrian_gagal=False,
        **nilai,
    )
    if diambil == 1:
        return Klaim(model=model, pk=pk, token=token, objek=model.objects.get(pk=pk))
    # Out of attempts (the last worker died too): stop here, with a message for the page.
    model.objects.filter(_bisa_diklaim(model), pk=pk, percobaan__gte=model.MAKS_PERCOBAAN).update(
        status=model.Status.GAGAL,
        token_klaim="",
        lease_sampai=None,
        pesan_galat=PESAN_HABIS.format(n=model.MAKS_PERCOBAAN),
    )
    return None


def sisa_lease(model, pk: int) -> float | None:
    """Seconds left on the live lease of a row in PROSES; None if nobody holds it."""
    from django.utils import timezone

    sampai = (
        model.objects.filter(pk=pk, status=model.Status.PROSES)
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
    """Record the outcome once. False if the claim was lost meanwhile (nothing written)."""
    return (
        k.milik().update(status=status or k.model.Status.SELESAI, lease_sampai=None, **nilai) == 1
    )


def lepaskan(k: Klaim, galat: BaseException) -> str:
    """After an error: back to the queue, or GAGAL once out of attempts. Returns the status."""
    S = k.model.Status
    status = S.GAGAL if k.percobaan >= k.model.MAKS_PERCOBAAN else S.ANTRI
    nilai = k.model.NILAI_ULANG if status == S.ANTRI else {}
    k.model.objects.filter(pk=k.pk, token_klaim=k.token).update(
        status=status,
        token_klaim="",
        lease_sampai=None,
        pesan_galat=str(galat)[:1000] or type(galat).__name__,
        **nilai,
    )
    return status


def tunda_bila_dipegang(task, model, pk: int) -> None:
    """In a task whose claim failed: if a live lease holds the row (e.g. the message came back
    after a pool process was killed, before its lease ran out), try again once it lapses."""
    sisa = sisa_lease(model, pk)
    if sisa is None or task.request.is_eager or task.request.retries >= task.max_retries:
        return
    raise task.retry(countdown=int(sisa) + 2)


def antrekan(model, pk: int) -> bool:
    """Send the row's task now; False (and `antrian_gagal` set) when Redis is unreachable."""
    tugas = import_string(model.TUGAS)
    model.objects.filter(pk=pk).update(diantrekan_pada=Now(), antrian_gagal=False)
    if tugas.app.conf.task_always_eager:
        # No broker (embedded demo): the job runs here; its row records any failure.
        try:
            tugas.delay(pk)
        except Exception:
            log.exception("Pekerjaan %s %s gagal", model.__name__, pk)
        return True
    try:
        tugas.delay(pk)
    except GALAT_ANTREAN:
        log.warning("Antrean tidak terjangkau; %s %s menunggu", model.__name__, pk)
        model.objects.filter(pk=pk).update(antrian_gagal=True)
        return False
    return True


def sapu(model, *, kirim=None) -> int:
    """Put rows of lapsed workers back in the queue (or GAGAL when out of attempts) and re-send
    rows the queue never got. Safe with several sweepers: each row is taken by one UPDATE under
    SKIP LOCKED. Returns the number of rows sent."""
    kirim = kirim or (lambda pk: antrekan(model, pk))
    S = model.Status
    hilang_setelah = timedelta(seconds=settings.IMP_PEKERJAAN_ANTREAN_HILANG)
    with transaction.atomic():
        mati = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(Q(lease_sampai__lt=Now()) | Q(lease_sampai__isnull=True), status=S.PROSES)
            .values_list("pk", "percobaan")
        )
        habis = [pk for pk, n in mati if n >= model.MAKS_PERCOBAAN]
        ulang = [pk for pk, n in mati if n < model.MAKS_PERCOBAAN]
        model.objects.filter(pk__in=habis).update(
            status=S.GAGAL,
            token_klaim="",
            lease_sampai=None,
            pesan_galat=PESAN_HABIS.format(n=model.MAKS_PERCOBAAN),
        )
        model.objects.filter(pk__in=ulang).update(
            status=S.ANTRI, token_klaim="", lease_sampai=None, **model.NILAI_ULANG
        )
        # Never reached the queue (Redis was down), or sent so long ago that it was lost.
        belum = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(status=S.ANTRI)
            .exclude(pk__in=ulang)
            .filter(
                Q(antrian_gagal=True)
                | Q(diantrekan_pada__isnull=True)
                | Q(diantrekan_pada__lt=Now() - hilang_setelah)
            )
            .values_list("pk", flat=True)
        )
        model.objects.filter(pk__in=belum).update(diantrekan_pada=Now())
    if habis:
        log.warning("%s %s: percobaan habis, ditandai gagal", model.__name__, habis)
    for pk in [*ulang, *belum]:
        kirim(pk)
    return len(ulang) + len(belum)


def model_pekerjaan() -> list[type]:
    """Every installed model with job fields."""
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Pekerjaan) and m.TUGAS]


def sapu_semua() -> int:
    """The beat job: sweep every job model."""
    return sum(sapu(m) for m in model_pekerjaan())
