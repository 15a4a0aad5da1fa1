from django.core.management.base import BaseCommand

from imp_smart.penemu import modul_app
from kader.demo import PASSWORD_DEMO, isi_demo
from kader.models import Wilayah
from kader.services import wilayah_muat


class Command(BaseCommand):
    help = (
        "Isi data demo: organisasi kader, satu login per peran, lalu data demo tiap aplikasi "
        "(register keluarga, kegiatan, laporan). Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skala",
            choices=["demo", "persen", "kabupaten"],
            default="demo",
            help="demo: beberapa desa; persen: 1%% kabupaten; kabupaten: ±215.000 keluarga.",
        )

    def handle(self, *args, skala, **options):
        if not Wilayah.objects.exists():
            wilayah_muat()
        akun = isi_demo(skala=skala, stdout=self.stdout)
        # Every app above kader that ships a demo.py, in INSTALLED_APPS order (layer order).
        for label, modul in modul_app("demo"):
            if label == "kader":
                continue
            self.stdout.write(f"Data demo {label} ({skala})…")
            modul.isi_demo(skala=skala, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"\nLogin demo (kata sandi semua: {PASSWORD_DEMO})"))
        for username, (peran, cakupan) in akun.items():
            self.stdout.write(f"  {username:<12} {peran:<28} {cakupan}")
