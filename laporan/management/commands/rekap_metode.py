from kader.scoping import SEMUA
from laporan import ekspor_metode
from laporan.management.commands._rekap_csv import PerintahRekapCsv


class Command(PerintahRekapCsv):
    help = "Tulis CSV rincian per metode (DOMAIN.md §8.4) yang dihitung dari pendataan."

    def baris(self, *, bulan, tingkat):
        return ekspor_metode.baris_metode_csv(bulan=bulan, tingkat=tingkat, desa_ids=SEMUA)

    def tulis(self, berkas, baris):
        ekspor_metode.tulis_csv_metode(berkas, baris)
