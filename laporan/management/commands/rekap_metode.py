from django.core.management.base import BaseCommand, CommandError

from laporan import ekspor_metode, jadwal
from laporan.ekspor import TINGKAT


class Command(BaseCommand):
    help = "Tulis CSV rincian per metode (DOMAIN.md §8.4) yang dihitung dari pendataan."

    def add_arguments(self, parser):
        parser.add_argument("--bulan", required=True, help="Bulan, format TTTT-BB (mis. 2025-03).")
        parser.add_argument(
            "--tingkat",
            choices=TINGKAT,
            default=None,
            help="Hanya satu tingkat; tanpa ini: kabupaten, kecamatan, lalu desa.",
        )
        parser.add_argument("--output", default=None, help="Berkas tujuan (bawaan: layar).")

    def handle(self, *args, bulan, tingkat, output, **options):
        try:
            bln = jadwal.parse_bulan(bulan)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        baris = ekspor_metode.baris_metode_csv(bulan=bln, tingkat=tingkat)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as berkas:
                ekspor_metode.tulis_csv_metode(berkas, baris)
            self.stderr.write(f"{len(baris)} baris ditulis ke {output}")
        else:
            ekspor_metode.tulis_csv_metode(self.stdout, baris)
