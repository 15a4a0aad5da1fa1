from django.urls import path

from pertemuan import views, views_offline
from pertemuan import views_kie as kie
from pertemuan import views_konseling as kons
from pertemuan import views_pelatihan as pel
from pertemuan import views_poktan as pok
from pertemuan import views_program as prog

app_name = "pertemuan"
urlpatterns = [
    path("", views.PertemuanListView.as_view(), name="list"),
    path("tambah/", views.PertemuanCreateView.as_view(), name="create"),
    path("jadwal/", views.JadwalView.as_view(), name="jadwal"),
    path("<int:pk>/", views.PertemuanDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.PertemuanUpdateView.as_view(), name="update"),
    path("<int:pk>/kehadiran/", views.KehadiranView.as_view(), name="kehadiran"),
    # The attendance form of a meeting kept on the phone (issue 13, pertemuan/views_offline.py)
    path("kehadiran/baru/", views_offline.KehadiranBaruView.as_view(), name="kehadiran_baru"),
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
    path("kie/", kie.SesiKIEListView.as_view(), name="kie_list"),
    path("kie/tambah/", kie.SesiKIECreateView.as_view(), name="kie_create"),
    path("kie/<int:pk>/", kie.SesiKIEDetailView.as_view(), name="kie_detail"),
    path("kie/<int:pk>/ubah/", kie.SesiKIEUpdateView.as_view(), name="kie_update"),
    path("konseling/", kons.KonselingListView.as_view(), name="konseling_list"),
    path("konseling/cari/", kons.KonselingCariView.as_view(), name="konseling_cari"),
    path("konseling/tambah/", kons.KonselingCreateView.as_view(), name="konseling_create"),
    path(
        "konseling/jatuh-tempo/",
        kons.KonselingJatuhTempoView.as_view(),
        name="konseling_jatuh_tempo",
    ),
    path("konseling/konversi/", kons.KonversiView.as_view(), name="konversi"),
    path("konseling/<int:pk>/", kons.KonselingDetailView.as_view(), name="konseling_detail"),
    path("konseling/<int:pk>/ubah/", kons.KonselingUpdateView.as_view(), name="konseling_update"),
    path(
        "konseling/<int:pk>/selesai/", kons.KonselingSelesaiView.as_view(), name="konseling_selesai"
    ),
    path("poktan/", pok.PoktanListView.as_view(), name="poktan_list"),
    path("poktan/tambah/", pok.PoktanCreateView.as_view(), name="poktan_create"),
    path("poktan/<int:pk>/", pok.PoktanDetailView.as_view(), name="poktan_detail"),
    path("poktan/<int:pk>/ubah/", pok.PoktanUpdateView.as_view(), name="poktan_update"),
    path(
        "poktan/<int:pk>/anggota/",
        pok.PoktanAnggotaTambahView.as_view(),
        name="poktan_anggota_tambah",
    ),
    path(
        "poktan/<int:pk>/kegiatan/",
        pok.KegiatanPoktanTambahView.as_view(),
        name="poktan_kegiatan_tambah",
    ),
    path("poktan/<int:pk>/modal/", pok.ModalUppkaTambahView.as_view(), name="poktan_modal_tambah"),
    path("pelatihan/", pel.PelatihanListView.as_view(), name="pelatihan_list"),
    path("pelatihan/tambah/", pel.PelatihanCreateView.as_view(), name="pelatihan_create"),
    path("pelatihan/belum-dilatih/", pel.KaderBelumDilatihView.as_view(), name="belum_dilatih"),
    path("pelatihan/<int:pk>/", pel.PelatihanDetailView.as_view(), name="pelatihan_detail"),
    path("pelatihan/<int:pk>/ubah/", pel.PelatihanUpdateView.as_view(), name="pelatihan_update"),
    path("pelatihan/<int:pk>/peserta/", pel.PesertaTambahView.as_view(), name="peserta_tambah"),
    path("peserta/<int:pk>/nilai/", pel.PesertaNilaiView.as_view(), name="peserta_nilai"),
    path("peserta/<int:pk>/sertifikat.pdf", pel.SertifikatView.as_view(), name="sertifikat"),
    path("sosialisasi/", prog.SosialisasiListView.as_view(), name="sosialisasi_list"),
    path("sosialisasi/tambah/", prog.SosialisasiCreateView.as_view(), name="sosialisasi_create"),
    path("sosialisasi/<int:pk>/", prog.SosialisasiDetailView.as_view(), name="sosialisasi_detail"),
    path(
        "sosialisasi/<int:pk>/ubah/",
        prog.SosialisasiUpdateView.as_view(),
        name="sosialisasi_update",
    ),
    path(
        "sosialisasi/<int:pk>/foto/",
        prog.FotoSosialisasiTambahView.as_view(),
        name="sosialisasi_foto_tambah",
    ),
    path(
        "sosialisasi/foto/<int:pk>/",
        prog.FotoSosialisasiView.as_view(),
        name="sosialisasi_foto",
    ),
    path(
        "sosialisasi/foto/<int:pk>/hapus/",
        prog.FotoSosialisasiHapusView.as_view(),
        name="sosialisasi_foto_hapus",
    ),
    path("pelayanan-kb/", prog.PelayananListView.as_view(), name="pelayanan_list"),
    path("pelayanan-kb/tambah/", prog.PelayananCreateView.as_view(), name="pelayanan_create"),
    path("pelayanan-kb/<int:pk>/", prog.PelayananDetailView.as_view(), name="pelayanan_detail"),
    path(
        "pelayanan-kb/<int:pk>/ubah/", prog.PelayananUpdateView.as_view(), name="pelayanan_update"
    ),
    path(
        "pelayanan-kb/<int:pk>/akseptor/",
        prog.AkseptorAnonimView.as_view(),
        name="akseptor_anonim",
    ),
    path(
        "pelayanan-kb/<int:pk>/akseptor/cari/",
        prog.AkseptorCariView.as_view(),
        name="akseptor_cari",
    ),
    path(
        "pelayanan-kb/<int:pk>/akseptor/register/",
        prog.AkseptorRegisterView.as_view(),
        name="akseptor_register",
    ),
    path(
        "pelayanan-kb/akseptor/<int:pk>/hapus/",
        prog.AkseptorHapusView.as_view(),
        name="akseptor_hapus",
    ),
    path("mitra/<slug:jenis>/<int:pk>/", prog.MitraKegiatanView.as_view(), name="mitra_kegiatan"),
    path("kelompok/", prog.KelompokListView.as_view(), name="kelompok_list"),
    path("kelompok/tambah/", prog.KelompokCreateView.as_view(), name="kelompok_create"),
    path("kelompok/pohon/", prog.KelompokPohonView.as_view(), name="kelompok_pohon"),
    path("kelompok/<int:pk>/", prog.KelompokDetailView.as_view(), name="kelompok_detail"),
    path("kelompok/<int:pk>/ubah/", prog.KelompokUpdateView.as_view(), name="kelompok_update"),
]
