"""Group funds, included by kader/urls.py at kader/dana/ (namespace kader:dana)."""

from django.urls import path

from kader import views_dana as v

app_name = "dana"
urlpatterns = [
    path("", v.KasListView.as_view(), name="kas_list"),
    path("institusi/<int:pk>/", v.KasDetailView.as_view(), name="kas_detail"),
    path("institusi/<int:pk>/transaksi/", v.TransaksiTambahView.as_view(), name="transaksi"),
    path("transaksi/<int:pk>/batal/", v.TransaksiBatalView.as_view(), name="transaksi_batal"),
    path("institusi/<int:pk>/iuran/", v.IuranView.as_view(), name="iuran"),
    path("institusi/<int:pk>/tarif/", v.TarifView.as_view(), name="tarif"),
    path("institusi/<int:pk>/ringkasan/", v.RingkasanView.as_view(), name="ringkasan"),
    path("institusi/<int:pk>/arisan/baru/", v.ArisanCreateView.as_view(), name="arisan_create"),
    path("arisan/", v.ArisanListView.as_view(), name="arisan_list"),
    path("arisan/<int:pk>/", v.ArisanDetailView.as_view(), name="arisan_detail"),
    path("arisan/<int:pk>/anggota/", v.ArisanAnggotaView.as_view(), name="arisan_anggota"),
    path("arisan/<int:pk>/setor/", v.ArisanSetorView.as_view(), name="arisan_setor"),
    path("arisan/<int:pk>/undi/", v.ArisanUndiView.as_view(), name="arisan_undi"),
    path("arisan/<int:pk>/siklus-baru/", v.ArisanSiklusView.as_view(), name="arisan_siklus"),
]
