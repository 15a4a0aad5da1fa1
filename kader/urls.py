from django.urls import include, path

from kader import views, views_pengguna, views_profil

app_name = "kader"
urlpatterns = [
    path("dana/", include("kader.dana.urls")),
    path("lambang/", views_profil.lambang, name="lambang"),
    path("profil-dinas/", views_profil.ProfilDinasView.as_view(), name="profil_dinas"),
    path("wilayah/", views.WilayahListView.as_view(), name="wilayah_list"),
    path("wilayah/<int:pk>/", views.WilayahDetailView.as_view(), name="wilayah_detail"),
    path("wilayah/<int:pk>/dusun/", views.DusunCreateView.as_view(), name="dusun_create"),
    path("institusi/", views.InstitusiListView.as_view(), name="institusi_list"),
    path("institusi/tambah/", views.InstitusiCreateView.as_view(), name="institusi_create"),
    path("institusi/<int:pk>/", views.InstitusiDetailView.as_view(), name="institusi_detail"),
    path("institusi/<int:pk>/ubah/", views.InstitusiUpdateView.as_view(), name="institusi_update"),
    path(
        "institusi/<int:pk>/nonaktifkan/",
        views.InstitusiNonaktifView.as_view(),
        name="institusi_nonaktif",
    ),
    path(
        "institusi/<int:pk>/pengurus/tambah/",
        views.PengurusCreateView.as_view(),
        name="pengurus_create",
    ),
    path("pengurus/<int:pk>/akhiri/", views.PengurusAkhiriView.as_view(), name="pengurus_akhiri"),
    path("kader/", views.KaderListView.as_view(), name="kader_list"),
    path("kader/tambah/", views.KaderCreateView.as_view(), name="kader_create"),
    path("kader/<int:pk>/", views.KaderDetailView.as_view(), name="kader_detail"),
    path("kader/<int:pk>/ubah/", views.KaderUpdateView.as_view(), name="kader_update"),
    path("sk/", views.SKListView.as_view(), name="sk_list"),
    path("sk/tambah/", views.SKCreateView.as_view(), name="sk_create"),
    path("sk/draf/", views.SKDraftView.as_view(), name="sk_draft"),
    path("sk/<int:pk>/", views.SKDetailView.as_view(), name="sk_detail"),
    path("sk/<int:pk>/pindaian.pdf", views.SKBerkasView.as_view(), name="sk_berkas"),
    path("sk/<int:pk>/ubah/", views.SKUpdateView.as_view(), name="sk_update"),
    path("pengguna/", views_pengguna.PenggunaListView.as_view(), name="pengguna_list"),
    path("pengguna/tambah/", views_pengguna.PenggunaCreateView.as_view(), name="pengguna_create"),
    path("pengguna/<int:pk>/", views_pengguna.PenggunaUpdateView.as_view(), name="pengguna_update"),
    path(
        "pengguna/<int:pk>/sandi/",
        views_pengguna.PenggunaSandiView.as_view(),
        name="pengguna_sandi",
    ),
    path(
        "pengguna/<int:pk>/penugasan/",
        views_pengguna.PenugasanTambahView.as_view(),
        name="pengguna_penugasan",
    ),
    path(
        "penugasan/<int:pk>/akhiri/",
        views_pengguna.PenugasanAkhiriView.as_view(),
        name="penugasan_akhiri",
    ),
    path("mitra/", views.MitraListView.as_view(), name="mitra_list"),
    path("mitra/tambah/", views.MitraCreateView.as_view(), name="mitra_create"),
    path("mitra/<int:pk>/", views.MitraDetailView.as_view(), name="mitra_detail"),
    path("mitra/<int:pk>/ubah/", views.MitraUpdateView.as_view(), name="mitra_update"),
]
