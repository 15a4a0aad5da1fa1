"""Menu entries of kader (found by kader.navigasi, which picks each role's menu)."""

from kader.navigasi import Entri, daftarkan

ORG = "Organisasi"
DANA = "Dana kelompok"

daftarkan(
    Entri("beranda", "Beranda", "beranda", "Umum", ikon="house"),
    Entri(
        "kader.institusi",
        "Institusi",
        "kader:institusi_list",
        ORG,
        "kader.view_institusi",
        urutan=1,
    ),
    Entri("kader.kader", "Kader", "kader:kader_list", ORG, "kader.view_kader", urutan=2),
    Entri("kader.sk", "SK pengurus", "kader:sk_list", ORG, "kader.view_sk", urutan=3),
    Entri("kader.mitra", "Mitra", "kader:mitra_list", ORG, "kader.view_mitra", urutan=4),
    Entri("kader.wilayah", "Wilayah", "kader:wilayah_list", ORG, "kader.view_wilayah", urutan=5),
    Entri(
        "kader.pengguna",
        "Akun pengguna",
        "kader:pengguna_list",
        ORG,
        "kader.kelola_pengguna",
        pendek="Akun",
        ikon="person-gear",
        urutan=6,
    ),
    Entri(
        "kader.profil_dinas",
        "Profil dinas",
        "kader:profil_dinas",
        ORG,
        "kader.change_profildinas",
        pendek="Profil",
        ikon="building",
        urutan=7,
    ),
    Entri(
        "dana.kas",
        "Dana kelompok (kas)",
        "kader:dana:kas_list",
        DANA,
        "kader.view_transaksikas",
        pendek="Kas",
        ikon="cash-coin",
        urutan=1,
    ),
    Entri(
        "dana.arisan", "Arisan", "kader:dana:arisan_list", DANA, "kader.view_transaksikas", urutan=2
    ),
)
