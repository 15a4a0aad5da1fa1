"""Writes of the office's identity (kader.ProfilDinas): one row, checked, then saved."""

from django.db import transaction

from kader.models import ProfilDinas


@transaction.atomic
def profil_dinas_simpan(*, profil: ProfilDinas) -> ProfilDinas:
    """Save the one row (id 1); ValidationError per field (NIP, emblem) and nothing saved.
    Saving forgets the cached identity (kader.apps), so pages and PDFs show it at once."""
    profil.pk = 1
    profil.full_clean()
    profil.save()
    return profil
