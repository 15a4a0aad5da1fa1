"""The home page (beranda) of every role: its areas, institutions, cadres, vacancies, and the
cards the apps above register through kader.panel."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.decorators import method_decorator
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView

from kader import selectors


# ~15 kB → ~4 kB: the cadre's first visit on a slow line (bench/pwa_bench.py, issue 13).
@method_decorator(gzip_page, name="dispatch")
class BerandaView(LoginRequiredMixin, TemplateView):
    """Home page per role: the user's areas, institutions, cadres, vacancies."""

    template_name = "beranda.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kartu, dihitung = selectors.beranda_kader(user=user)  # kept a few minutes per area set
        return super().get_context_data(
            **kartu,  # ringkasan, wilayah_akar (names), jabatan_kosong, jumlah_jabatan_kosong
            angka_dihitung=dihitung,
            **kwargs,
        )


# Wilayah ----------------------------------------------------------------------------------
