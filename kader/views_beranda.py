"""The home page (beranda) of every role: its areas, institutions, cadres, vacancies, and the
cards the apps above register through kader.panel."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from kader import selectors


class BerandaView(LoginRequiredMixin, TemplateView):
    """Home page per role: the user's areas, institutions, cadres, vacancies."""

    template_name = "beranda.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kosong = selectors.institusi_jabatan_kosong(user=user)
        return super().get_context_data(
            ringkasan=selectors.ringkasan_beranda(user=user),
            wilayah_akar=selectors.wilayah_akar(user=user),
            jabatan_kosong=[(i, selectors.kosong_dari(i)) for i in kosong[:10]],
            jumlah_jabatan_kosong=kosong.count(),
            **kwargs,
        )


# Wilayah ----------------------------------------------------------------------------------
