"""What pertemuan plugs into the apps below it (registered in PertemuanConfig.ready())."""

from datetime import date

from django.db.models import OuterRef, QuerySet
from django.utils import timezone

from pertemuan.models import Konseling, Pelatihan, PesertaPelatihan


def konseling_sejak(sejak: date) -> QuerySet:
    """Counselling of the outer row's anggota after `sejak` (pendataan.hook.dikonseling_sejak)."""
    return Konseling.objects.filter(anggota_id=OuterRef("anggota_id"), tanggal__gt=sejak)


def pelatihan_kader(kader_ref: str) -> QuerySet:
    """Completed basic trainings (jenis DASAR) of the cadre named by the outer row's
    `kader_ref` (kader.upgrading.sudah_dilatih: board members without one are flagged)."""
    return PesertaPelatihan.objects.filter(
        kader_id=OuterRef(kader_ref),
        pelatihan__jenis=Pelatihan.Jenis.DASAR,
        pelatihan__tanggal_selesai__lte=timezone.localdate(),
    )
