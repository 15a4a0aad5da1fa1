"""Shared body of the import commands (impor_keluarga, impor_status_kb, impor_target)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pendataan.impor import jalankan_impor


class PerintahImpor(BaseCommand):
    jenis = ""

    def impor(self, *, isi: bytes, nama: str, user):
        return jalankan_impor(jenis=self.jenis, isi=isi, nama=nama, user=user)

    def ringkas(self, hasil) -> str:
        return ", ".join(f"{k}={v}" for k, v in sorted(hasil.ringkasan.items()))

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas CSV atau XLSX")
        parser.add_argument(
            "--pengguna", help="Batasi ke wilayah pengguna ini (default: tanpa batas wilayah)"
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
        hasil = self.impor(isi=path.read_bytes(), nama=path.name, user=user)
        for p in getattr(hasil, "peringatan", [])[:50]:
            self.stdout.write(f"Peringatan baris {p['baris']} kolom {p['kolom']}: {p['pesan']}")
        if not hasil.berhasil:
            for k in hasil.kesalahan:
                self.stderr.write(f"Baris {k['baris']} kolom {k['kolom']}: {k['pesan']}")
            raise CommandError(f"{len(hasil.kesalahan)} kesalahan; tidak ada data yang disimpan.")
        self.stdout.write(self.style.SUCCESS(f"Impor selesai: {self.ringkas(hasil)}"))
