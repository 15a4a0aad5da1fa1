from django.core.management.base import BaseCommand

from kader.models import Wilayah
from kader.services import wilayah_muat


class Command(BaseCommand):
    help = (
        "Muat kode wilayah resmi Kabupaten Gowa (kader/data/gowa_wilayah.csv, ODbL). Aman diulang."
    )

    def handle(self, *args, **options):
        dibuat = wilayah_muat()
        jumlah = {t: Wilayah.objects.filter(tingkat=t).count() for t in dibuat}
        self.stdout.write(
            f"Wilayah baru: {sum(dibuat.values())}. Total: 1 kabupaten, "
            f"{jumlah['kecamatan']} kecamatan, {jumlah['desa']} desa, "
            f"{jumlah['kelurahan']} kelurahan."
        )
