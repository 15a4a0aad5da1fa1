"""Shared body of rekap_bulanan (§8.3) and rekap_metode (§8.4): one month, one or every level,
to the screen or a file."""

from django.core.management.base import BaseCommand, CommandError

from laporan import jadwal
from laporan.ekspor import TINGKAT


class PerintahRekapCsv(BaseCommand):
    def baris(self, *, bulan, tingkat) -> list[dict]:
        raise NotImplementedError

    def tulis(self, berkas, baris: list[dict]) -> None:
        raise NotImplementedError

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
        baris = self.baris(bulan=bln, tingkat=tingkat)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as berkas:
                self.tulis(berkas, baris)
            self.stderr.write(f"{len(baris)} baris ditulis ke {output}")
        else:
            self.tulis(self.stdout, baris)
