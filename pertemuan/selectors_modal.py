"""Reads of an UPPKA group's capital ledger (DOMAIN.md §9 IV)."""

from datetime import date

from django.db.models import Q, Sum

from pertemuan.models import ModalUppka, Poktan, SumberModal


def saldo_modal(*, poktan: Poktan, pada: date | None = None) -> dict[str, int]:
    """Capital held per source (every source, 0 included) from the movements dated on or
    before `pada` (all of them when None). One query."""
    qs = ModalUppka.objects.filter(poktan=poktan)
    if pada is not None:
        qs = qs.filter(tanggal__lte=pada)
    hasil = dict.fromkeys(SumberModal.values, 0)
    baris = (
        qs.order_by()
        .values_list("sumber")
        .annotate(
            masuk=Sum("jumlah", filter=Q(arah="masuk"), default=0),
            keluar=Sum("jumlah", filter=Q(arah="keluar"), default=0),
        )
    )
    for sumber, masuk, keluar in baris:
        hasil[sumber] = int(masuk) - int(keluar)
    return hasil


def buku_modal(*, poktan: Poktan, batas: int = 24) -> dict:
    """The poktan page's capital card: held per source (label, amount), the total, and the
    latest movements."""
    saldo = saldo_modal(poktan=poktan)
    return {
        "saldo": [(SumberModal(k).label, v) for k, v in saldo.items()],
        "jumlah": sum(saldo.values()),
        "riwayat": list(poktan.modal.order_by("-tanggal", "-pk")[:batas]),
    }
