"""Menu entries of pendataan (found by kader.navigasi, which picks each role's menu)."""

from kader.navigasi import Entri, daftarkan

K = "Pendataan"
STATUS = ("pendataan.view_keluarga", "pendataan.view_perubahanstatus")

daftarkan(
    Entri(
        "pendataan.keluarga",
        "Keluarga",
        "pendataan:keluarga_list",
        K,
        "pendataan.view_keluarga",
        urutan=1,
    ),
    Entri(
        "pendataan.pus",
        "Status KB PUS bulanan",
        "pendataan:pus_bulanan",
        K,
        STATUS,
        pendek="PUS bulanan",
        ikon="clipboard-check",
        urutan=2,
    ),
    Entri("pendataan.sasaran", "Sasaran prioritas", "pendataan:sasaran", K, STATUS, urutan=3),
    Entri("pendataan.peta", "Peta sasaran", "pendataan:peta", K, STATUS, urutan=4),
    Entri(
        "pendataan.perbandingan",
        "Perbandingan desa",
        "pendataan:perbandingan_desa",
        K,
        STATUS,
        urutan=5,
    ),
    Entri(
        "pendataan.impor",
        "Impor data",
        "pendataan:impor_list",
        K,
        ("pendataan.view_keluarga", "pendataan.view_impor"),
        urutan=6,
    ),
    Entri(
        "pendataan.target",
        "Target PPM per metode",
        "pendataan:target_grid",
        K,
        "pendataan.change_targetmetode",
        urutan=7,
    ),
)
