"""Group funds, included by kader/urls.py at kader/dana/ (namespace kader:dana)."""

from django.urls import path

from kader.dana import views_arisan as ar
from kader.dana import views_iuran as iu
from kader.dana import views_kas as kas

app_name = "dana"
urlpatterns = [
    path("", kas.KasListView.as_view(), name="kas_list"),
    path("institusi/<int:pk>/", kas.KasDetailView.as_view(), name="kas_detail"),
    path("institusi/<int:pk>/transaksi/", kas.TransaksiTambahView.as_view(), name="transaksi"),
    path("transaksi/<int:pk>/batal/", kas.TransaksiBatalView.as_view(), name="transaksi_batal"),
    path("institusi/<int:pk>/iuran/", iu.IuranView.as_view(), name="iuran"),
    path("institusi/<int:pk>/tarif/", iu.TarifView.as_view(), name="tarif"),
    path("institusi/<int:pk>/ringkasan/", kas.RingkasanView.as_view(), name="ringkasan"),
    path("institusi/<int:pk>/arisan/baru/", ar.ArisanCreateView.as_view(), name="arisan_create"),
    path("arisan/", ar.ArisanListView.as_view(), name="arisan_list"),
    path("arisan/<int:pk>/", ar.ArisanDetailView.as_view(), name="arisan_detail"),
    path("arisan/<int:pk>/anggota/", ar.ArisanAnggotaView.as_view(), name="arisan_anggota"),
    path("arisan/<int:pk>/setor/", ar.ArisanSetorView.as_view(), name="arisan_setor"),
    path("arisan/<int:pk>/undi/", ar.ArisanUndiView.as_view(), name="arisan_undi"),
    path("arisan/<int:pk>/siklus-baru/", ar.ArisanSiklusView.as_view(), name="arisan_siklus"),
]
