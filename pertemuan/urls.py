from django.urls import path

from pertemuan import views
from pertemuan import views_kegiatan as kg

app_name = "pertemuan"
urlpatterns = [
    path("", views.PertemuanListView.as_view(), name="list"),
    path("tambah/", views.PertemuanCreateView.as_view(), name="create"),
    path("jadwal/", views.JadwalView.as_view(), name="jadwal"),
    path("<int:pk>/", views.PertemuanDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.PertemuanUpdateView.as_view(), name="update"),
    path("<int:pk>/kehadiran/", views.KehadiranView.as_view(), name="kehadiran"),
    path("<int:pk>/foto/", views.FotoTambahView.as_view(), name="foto_tambah"),
    path("foto/<int:pk>/", views.FotoView.as_view(), name="foto"),
    path("foto/<int:pk>/hapus/", views.FotoHapusView.as_view(), name="foto_hapus"),
    path("<int:pk>/masalah/", views.MasalahTambahView.as_view(), name="masalah_tambah"),
    path(
        "<int:pk>/tutup/<int:tl>/",
        views.TindakLanjutTutupView.as_view(),
        name="tindak_lanjut_tutup",
    ),
    path("tindak-lanjut/", views.TindakLanjutListView.as_view(), name="tindak_lanjut_list"),
    path(
        "tindak-lanjut/<int:pk>/", views.TindakLanjutUbahView.as_view(), name="tindak_lanjut_ubah"
    ),
    path("kie/", kg.SesiKIEListView.as_view(), name="kie_list"),
    path("kie/tambah/", kg.SesiKIECreateView.as_view(), name="kie_create"),
    path("kie/<int:pk>/", kg.SesiKIEDetailView.as_view(), name="kie_detail"),
    path("kie/<int:pk>/ubah/", kg.SesiKIEUpdateView.as_view(), name="kie_update"),
    path("konseling/", kg.KonselingListView.as_view(), name="konseling_list"),
    path("konseling/cari/", kg.KonselingCariView.as_view(), name="konseling_cari"),
    path("konseling/tambah/", kg.KonselingCreateView.as_view(), name="konseling_create"),
    path(
        "konseling/jatuh-tempo/", kg.KonselingJatuhTempoView.as_view(), name="konseling_jatuh_tempo"
    ),
    path("konseling/konversi/", kg.KonversiView.as_view(), name="konversi"),
    path("konseling/<int:pk>/", kg.KonselingDetailView.as_view(), name="konseling_detail"),
    path("konseling/<int:pk>/ubah/", kg.KonselingUpdateView.as_view(), name="konseling_update"),
    path(
        "konseling/<int:pk>/selesai/", kg.KonselingSelesaiView.as_view(), name="konseling_selesai"
    ),
    path("poktan/", kg.PoktanListView.as_view(), name="poktan_list"),
    path("poktan/tambah/", kg.PoktanCreateView.as_view(), name="poktan_create"),
    path("poktan/<int:pk>/", kg.PoktanDetailView.as_view(), name="poktan_detail"),
    path("poktan/<int:pk>/ubah/", kg.PoktanUpdateView.as_view(), name="poktan_update"),
    path(
        "poktan/<int:pk>/anggota/",
        kg.PoktanAnggotaTambahView.as_view(),
        name="poktan_anggota_tambah",
    ),
    path(
        "poktan/<int:pk>/kegiatan/",
        kg.KegiatanPoktanTambahView.as_view(),
        name="poktan_kegiatan_tambah",
    ),
    path("pelatihan/", kg.PelatihanListView.as_view(), name="pelatihan_list"),
    path("pelatihan/tambah/", kg.PelatihanCreateView.as_view(), name="pelatihan_create"),
    path("pelatihan/belum-dilatih/", kg.KaderBelumDilatihView.as_view(), name="belum_dilatih"),
    path("pelatihan/<int:pk>/", kg.PelatihanDetailView.as_view(), name="pelatihan_detail"),
    path("pelatihan/<int:pk>/ubah/", kg.PelatihanUpdateView.as_view(), name="pelatihan_update"),
    path("pelatihan/<int:pk>/peserta/", kg.PesertaTambahView.as_view(), name="peserta_tambah"),
    path("peserta/<int:pk>/nilai/", kg.PesertaNilaiView.as_view(), name="peserta_nilai"),
    path("peserta/<int:pk>/sertifikat.pdf", kg.SertifikatView.as_view(), name="sertifikat"),
]
