from django.core.management.base import BaseCommand

from kader.scoping import SEMUA
from pendataan.services_target import target_csv, target_ekspor_baris


class Command(BaseCommand):
    help = "Tulis target PPM (DOMAIN.md §8.5) sebagai CSV dalam format impor."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, default=None, help="Hanya tahun ini (TTTT).")
        parser.add_argument("--output", default=None, help="Berkas tujuan (bawaan: layar).")

    def handle(self, *args, tahun, output, **opts):
        baris = target_ekspor_baris(tahun=tahun, desa_ids=SEMUA)  # a Dinas command
        if output:
            with open(output, "w", encoding="utf-8", newline="") as berkas:
                target_csv(berkas, baris)
            self.stderr.write(f"{len(baris)} baris ditulis ke {output}")
        else:
            target_csv(self.stdout, baris)
