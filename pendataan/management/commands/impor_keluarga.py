from pendataan.management.commands._impor import PerintahImpor
from pendataan.models import Impor


class Command(PerintahImpor):
    help = "Impor data keluarga (CSV/XLSX, DOMAIN.md §8.1): semua baris diperiksa dulu."
    jenis = Impor.Jenis.KELUARGA
