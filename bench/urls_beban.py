"""URLs of the load benchmark only (never in production): the app's, plus the floor.

The floor is what the stack itself costs for a small page: the same middleware and session, a
login check, one indexed query for 25 families with their desa, and a plain template.
With IMP_BENCH_DIBANGUN=1 (load.py --dibangun) no page is served from its kept copy."""

import os

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import path
from django.views.generic import ListView

from imp_smart import halaman
from imp_smart.urls import urlpatterns as app
from pendataan.models import Keluarga


class LantaiView(LoginRequiredMixin, ListView):
    template_name = "bench/lantai.html"
    context_object_name = "keluarga"

    def get_queryset(self):
        return Keluarga.objects.select_related("desa").order_by("pk")[:25]


urlpatterns = [path("_bench/lantai/", LantaiView.as_view(), name="bench_lantai"), *app]

if os.environ.get("IMP_BENCH_DIBANGUN") == "1":  # load.py --dibangun: no page served kept
    _ambil = halaman.ambil
    halaman.ambil = lambda request, kunci: (None, _ambil(request, kunci)[1])
