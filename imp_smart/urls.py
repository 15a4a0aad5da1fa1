from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from kader import views_akun
from kader.views import BerandaView

admin.site.site_header = "IMP Smart — Administrasi"
admin.site.site_title = "IMP Smart"
admin.site.index_title = "Dinas PPKB Kabupaten Gowa"

urlpatterns = [
    path("", BerandaView.as_view(), name="beranda"),
    path("akun/", include(views_akun.urlpatterns)),
    path("admin/", admin.site.urls),
    path("kader/", include("kader.urls")),
    path("pendataan/", include("pendataan.urls")),
    path("pertemuan/", include("pertemuan.urls")),
    path("laporan/", include("laporan.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
