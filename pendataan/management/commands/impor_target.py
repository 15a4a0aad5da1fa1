from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pendataan.services_target import target_impor


class Command(BaseCommand):
    help = (
        "Impor target PPM per desa, tahun dan metode (DOMAIN.md §8.5) dari CSV/XLSX: kolom "
        "kode_desa, tahun, metode, target_pb, target_pa. Satu baris salah: tidak ada yang disimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas CSV atau XLSX")
        parser.add_argument(
            "--pengguna", help="Batasi ke wilayah pengguna ini (bawaan: tanpa batas wilayah)"
        )

    def handle(self, *args, berkas, pengguna=None, **opts):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {berkas}")
        user = None
        if pengguna:
            user = get_user_model().objects.filter(username=pengguna).first()
            if user is None:
                raise CommandError(f"Pengguna tidak dikenal: {pengguna}")
        hasil = target_impor(isi=path.read_bytes(), nama=path.name, user=user)
        if not hasil.berhasil:
            for k in hasil.kesalahan:
                self.stderr.write(f"Baris {k['baris']} kolom {k['kolom']}: {k['pesan']}")
            raise CommandError(f"{len(hasil.kesalahan)} kesalahan; tidak ada data yang disimpan.")
        r = hasil.ringkasan
        self.stdout.write(
            self.style.SUCCESS(f"Impor selesai: {r['target']} target, {r['desa']} desa.")
        )
