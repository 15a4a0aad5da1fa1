from pendataan.management.commands._impor import PerintahImpor
from pendataan.models import Impor


class Command(PerintahImpor):
    help = "Impor perubahan status KB (CSV/XLSX, DOMAIN.md §8.2): semua baris diperiksa dulu."
    jenis = Impor.Jenis.STATUS_KB
