from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kader.models import Wilayah
from kader.services import wilayah_muat
from kader.wilayah_nasional import KodeTidakDikenal


class Command(BaseCommand):
    help = (
        "Muat kode wilayah resmi satu kabupaten/kota (kecamatan dan desa/kelurahan) dari data "
        "wilayah nasional (kader/data/idn-area-data, ODbL). Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kabupaten",
            metavar="KODE",
            default=None,
            help="kode kabupaten/kota, mis. 73.06 (Gowa) atau 73.71 (Kota Makassar); "
            "bawaan: pengaturan IMP_KODE_KABUPATEN",
        )

    def handle(self, *args, kabupaten=None, **options):
        kode = kabupaten or settings.IMP_KODE_KABUPATEN
        try:
            dibuat = wilayah_muat(kode_kabupaten=kode)
        except KodeTidakDikenal as e:
            raise CommandError(str(e)) from e
        bawah = Wilayah.objects.filter(kode__startswith=f"{kode}.")
        jumlah = {t: bawah.filter(tingkat=t).count() for t in ("kecamatan", "desa", "kelurahan")}
        nama = Wilayah.objects.get(kode=kode).nama
        self.stdout.write(
            f"{nama} ({kode}). Wilayah baru: {sum(dibuat.values())}. Total: "
            f"{jumlah['kecamatan']} kecamatan, {jumlah['desa']} desa, "
            f"{jumlah['kelurahan']} kelurahan."
        )
