from django.contrib import admin
from django.db import connection
from django.http import HttpResponse
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from imp_smart import ekspor_pekerjaan, offline, views_pekerjaan
from imp_smart.daerah import dinas_singkat
from kader import views_akun
from kader.views_beranda import BerandaView

admin.site.site_header = "IMP Smart — Administrasi"
admin.site.site_title = "IMP Smart"
admin.site.index_title = lazy(dinas_singkat, str)()  # read per request: settings, not code


def healthz(request):
    """Liveness for the proxy and docker-compose: the app answers and the database too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


class FaviconView(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static_url("img/favicon.svg")


urlpatterns = [
    path("", BerandaView.as_view(), name="beranda"),
    path("favicon.ico", FaviconView.as_view()),
    path("healthz/", healthz, name="healthz"),
    path("", include(offline.urlpatterns)),  # /sw.js, /manifest.webmanifest, /offline/...
    path("akun/", include(views_akun.urlpatterns)),
    path("admin/", admin.site.urls),
    path("pekerjaan/<int:pk>/status/", views_pekerjaan.pekerjaan_status, name="pekerjaan_status"),
    path("pekerjaan/<int:pk>/unduh/", views_pekerjaan.pekerjaan_unduh, name="pekerjaan_unduh"),
    path("ekspor/<int:pk>/", ekspor_pekerjaan.ekspor_halaman, name="ekspor_pekerjaan"),
    path("kader/", include("kader.urls")),
    path("pendataan/", include("pendataan.urls")),
    path("pertemuan/", include("pertemuan.urls")),
    path("laporan/", include("laporan.urls")),
]
# No /media/ route, even with DEBUG: stored files are private and are served only by views that
# check the user's area, through the storage API (imp_smart/berkas.py).
