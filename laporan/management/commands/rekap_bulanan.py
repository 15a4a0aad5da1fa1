from laporan import ekspor
from laporan.management.commands._rekap_csv import PerintahRekapCsv


class Command(PerintahRekapCsv):
    help = "Tulis CSV rekap bulanan (DOMAIN.md §8.3) yang dihitung dari pendataan."

    def baris(self, *, bulan, tingkat):
        return ekspor.baris_rekap_csv(bulan=bulan, tingkat=tingkat)

    def tulis(self, berkas, baris):
        ekspor.tulis_csv(berkas, baris)
