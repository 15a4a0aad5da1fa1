"""Menu entries of laporan (found by kader.navigasi, which picks each role's menu)."""

from kader.navigasi import Entri, daftarkan

K = "Laporan"
L = "laporan.view_laporandesa"

daftarkan(
    Entri("laporan.dasbor", "Dasbor", "laporan:dasbor", K, L, ikon="speedometer2", urutan=1),
    Entri(
        "laporan.tugas",
        "Tugas laporan saya",
        "laporan:tugas",
        K,
        L,
        pendek="Tugas laporan",
        ikon="list-check",
        urutan=2,
    ),
    Entri(
        "laporan.papan",
        "Papan status laporan",
        "laporan:papan",
        K,
        L,
        pendek="Papan status",
        ikon="grid-3x3",
        urutan=3,
    ),
    Entri(
        "laporan.list",
        "Daftar laporan desa",
        "laporan:list",
        K,
        L,
        pendek="Laporan desa",
        ikon="file-earmark-text",
        urutan=4,
    ),
    Entri(
        "laporan.rekap",
        "Rekap kabupaten",
        "laporan:rekap_index",
        K,
        (L, "laporan.view_berkasrekap"),
        pendek="Rekap",
        ikon="table",
        urutan=5,
    ),
    Entri(
        "laporan.fidal",
        "Rekap F/I/Dal/13",
        "laporan:fidal_index",
        K,
        L,
        pendek="F/I/Dal/13",
        ikon="file-earmark-spreadsheet",
        urutan=5,
    ),
    Entri(
        "laporan.program",
        "Hasil program",
        "laporan:program",
        K,
        "laporan.lihat_hasil_program",
        ikon="graph-up-arrow",
        urutan=6,
    ),
    Entri(
        "laporan.klasifikasi",
        "Klasifikasi IMP",
        "laporan:klasifikasi",
        K,
        "laporan.lihat_hasil_program",
        pendek="Klasifikasi",
        ikon="award",
        urutan=7,
    ),
    Entri(
        "laporan.supervisi",
        "Kartu supervisi",
        "laporan:supervisi",
        K,
        "laporan.lihat_hasil_program",
        pendek="Supervisi",
        ikon="clipboard-check",
        urutan=8,
    ),
)
