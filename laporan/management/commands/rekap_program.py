from kader.scoping import SEMUA
from laporan import ekspor, selectors_program
from laporan import program as P
from laporan.management.commands._rekap_csv import PerintahRekapCsv


class Command(PerintahRekapCsv):
    help = (
        "Tulis CSV hasil program (DOMAIN.md §8.6): kelahiran, PUP, konseling, konversi MKJP, "
        "pelayanan KB, akseptor dan sosialisasi per wilayah untuk satu bulan."
    )

    def baris(self, *, bulan, tingkat):
        return selectors_program.baris_program_csv(bulan=bulan, tingkat=tingkat, desa_ids=SEMUA)

    def tulis(self, berkas, baris):
        ekspor.tulis_csv(berkas, baris, P.KOLOM_PROGRAM)
