from django.urls import path

from pendataan import views, views_impor, views_konfirmasi, views_peta, views_target

app_name = "pendataan"
urlpatterns = [
    path("keluarga/", views.KeluargaListView.as_view(), name="keluarga_list"),
    path("keluarga/tambah/", views.KeluargaCreateView.as_view(), name="keluarga_create"),
    path("keluarga/<int:pk>/", views.KeluargaDetailView.as_view(), name="keluarga_detail"),
    path("keluarga/<int:pk>/ubah/", views.KeluargaUpdateView.as_view(), name="keluarga_update"),
    path(
        "keluarga/<int:keluarga_pk>/anggota/tambah/",
        views.AnggotaCreateView.as_view(),
        name="anggota_create",
    ),
    path("anggota/<int:pk>/", views.AnggotaDetailView.as_view(), name="anggota_detail"),
    path("anggota/<int:pk>/ubah/", views.AnggotaUpdateView.as_view(), name="anggota_update"),
    path("anggota/<int:pk>/mutasi/", views.MutasiCreateView.as_view(), name="mutasi_create"),
    path("pus/", views.PusBulananView.as_view(), name="pus_bulanan"),
    path("pus/formulir.pdf", views.FormulirPusPdfView.as_view(), name="pus_formulir"),
    path(
        "pus/tidak-ada-perubahan/",
        views_konfirmasi.PusKonfirmasiView.as_view(),
        name="pus_konfirmasi",
    ),
    path("impor/", views_impor.ImporListView.as_view(), name="impor_list"),
    path("target/", views_target.TargetGridView.as_view(), name="target_grid"),
    path("target/impor/", views_target.TargetImporView.as_view(), name="target_impor"),
    path("target/target-ppm.csv", views_target.TargetEksporView.as_view(), name="target_ekspor"),
    path("impor/unggah/", views_impor.ImporCreateView.as_view(), name="impor_create"),
    path("impor/<int:pk>/", views_impor.ImporDetailView.as_view(), name="impor_detail"),
    path(
        "impor/<int:pk>/kesalahan.csv",
        views_impor.ImporKesalahanView.as_view(),
        name="impor_kesalahan",
    ),
    path("peta/", views_peta.PetaView.as_view(), name="peta"),
    path("peta/data/", views_peta.PetaDataView.as_view(), name="peta_data"),
    path("peta/keluarga/", views_peta.PetaKeluargaView.as_view(), name="peta_keluarga"),
    path("peta/desa/", views_peta.PerbandinganDesaView.as_view(), name="perbandingan_desa"),
    path("sasaran/", views_peta.SasaranView.as_view(), name="sasaran"),
]
