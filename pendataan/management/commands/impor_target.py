from pendataan.management.commands._impor import PerintahImpor
from pendataan.services_target import target_impor


class Command(PerintahImpor):
    help = (
        "Impor target PPM per desa, tahun dan metode (DOMAIN.md §8.5) dari CSV/XLSX: kolom "
        "kode_desa, tahun, metode, target_pb, target_pa. Satu baris salah: tidak ada yang disimpan."
    )

    def impor(self, *, isi, nama, user):
        return target_impor(isi=isi, nama=nama, user=user)

    def ringkas(self, hasil) -> str:
        r = hasil.ringkasan
        return f"{r['target']} target, {r['desa']} desa."
