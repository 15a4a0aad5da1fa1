from django.core.management.base import BaseCommand, CommandError

from laporan import ekspor, jadwal


class Command(BaseCommand):
    help = "Tulis CSV rekap bulanan (DOMAIN.md §8.3) yang dihitung dari pendataan."

    def add_arguments(self, parser):
        parser.add_argument("--bulan", required=True, help="Bulan, format TTTT-BB (mis. 2025-03).")
        parser.add_argument(
            "--tingkat",
            choices=ekspor.TINGKAT,
            default=None,
            help="Hanya satu tingkat; tanpa ini: kabupaten, kecamatan, lalu desa.",
        )
        parser.add_argument("--output", default=None, help="Berkas tujuan (bawaan: layar).")

    def handle(self, *args, bulan, tingkat, output, **options):
        try:
            bln = jadwal.parse_bulan(bulan)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        baris = ekspor.baris_rekap_csv(bulan=bln, tingkat=tingkat)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as berkas:
                ekspor.tulis_csv(berkas, baris)
            self.stderr.write(f"{len(baris)} baris ditulis ke {output}")
        else:
            ekspor.tulis_csv(self.stdout, baris)
