"""Writes of an UPPKA group's capital ledger (DOMAIN.md §9 IV)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pertemuan.models import ArahModal, ModalUppka, Poktan, SumberModal
from pertemuan.selectors_modal import saldo_modal


@transaction.atomic
def modal_uppka_catat(
    *,
    poktan: Poktan,
    tanggal: date,
    sumber: str,
    arah: str,
    jumlah: int,
    keterangan: str = "",
    oleh=None,
) -> ModalUppka:
    """Record capital received or given back / spent for good. What goes out of a source may
    not exceed what the group holds from it, on that date and today."""
    poktan = Poktan.objects.select_for_update().get(pk=poktan.pk)  # one writer per ledger
    if poktan.jenis != "uppka":
        raise ValidationError("Buku modal hanya untuk kelompok UPPKA.")
    galat = {}
    if sumber not in SumberModal.values:
        galat["sumber"] = "Pilih sumber modal yang tersedia."
    if arah not in ArahModal.values:
        galat["arah"] = "Pilih modal masuk atau keluar."
    if jumlah is None or jumlah <= 0:
        galat["jumlah"] = "Jumlah harus lebih dari 0."
    if tanggal > timezone.localdate():
        galat["tanggal"] = "Tanggal tidak boleh di masa depan."
    if not galat and arah == ArahModal.KELUAR:
        ada = min(
            saldo_modal(poktan=poktan, pada=tanggal)[sumber], saldo_modal(poktan=poktan)[sumber]
        )
        if jumlah > ada:
            label = SumberModal(sumber).label.lower()
            galat["jumlah"] = (
                f"Modal {label} yang dipegang kelompok hanya Rp{ada:,}".replace(",", ".")
                + "; jumlah keluar tidak boleh melebihinya."
            )
    if galat:
        raise ValidationError(galat)
    modal = ModalUppka(
        poktan=poktan,
        tanggal=tanggal,
        sumber=sumber,
        arah=arah,
        jumlah=jumlah,
        keterangan=keterangan.strip(),
        dicatat_oleh=oleh,
    )
    modal.full_clean()
    modal.save()
    return modal
