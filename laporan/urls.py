from django.urls import path

from laporan import views, views_dasbor, views_fidal, views_metode, views_program, views_rekap

app_name = "laporan"
urlpatterns = [
    path("", views_dasbor.dasbor, name="dasbor"),
    path("daftar/", views.LaporanListView.as_view(), name="list"),
    path("status/", views.PapanStatusView.as_view(), name="papan"),
    path("tugas/", views.TugasView.as_view(), name="tugas"),
    path("desa/<int:desa_id>/<str:bulan>/", views.laporan_desa_bulan, name="desa_bulan"),
    path("<int:pk>/", views.LaporanDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.laporan_ubah, name="ubah"),
    path("<int:pk>/aksi/<str:aksi>/", views.laporan_aksi, name="aksi"),
    path("<int:pk>/fidal13.pdf", views_fidal.fidal_desa_pdf, name="fidal_desa_pdf"),
    path("fidal/", views_fidal.fidal_index, name="fidal_index"),
    path("fidal/<str:bulan>/", views_fidal.fidal_bulan, name="fidal"),
    path("fidal/<str:bulan>/minta/", views_fidal.fidal_minta, name="fidal_minta"),
    path("fidal/<str:bulan>/fidal13.xlsx", views_fidal.fidal_xlsx, name="fidal_xlsx"),
    path("rekap/", views_rekap.rekap_index, name="rekap_index"),
    path("rekap/<str:bulan>/", views_rekap.rekap_detail, name="rekap"),
    path("rekap/<str:bulan>/minta/", views_rekap.rekap_minta, name="rekap_minta"),
    path("rekap/<str:bulan>/rekap.xlsx", views_rekap.rekap_xlsx, name="rekap_xlsx"),
    path("rekap/<str:bulan>/rekap.csv", views_rekap.rekap_csv, name="rekap_csv"),
    path(
        "rekap/<str:bulan>/rekap-metode.csv",
        views_metode.rekap_metode_csv,
        name="rekap_metode_csv",
    ),
    path(
        "rekap/<str:bulan>/kecamatan/<int:kecamatan_id>.pdf",
        views_rekap.rekap_kecamatan_pdf,
        name="rekap_kecamatan_pdf",
    ),
    path("program/", views_program.hasil_program, name="program"),
    path("program/<str:bulan>/program.csv", views_program.program_csv, name="program_csv"),
    path("program/klasifikasi/", views_program.klasifikasi, name="klasifikasi"),
    path("program/supervisi/", views_program.supervisi, name="supervisi"),
]
