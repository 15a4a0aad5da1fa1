"""Menu entries of pertemuan (found by kader.navigasi, which picks each role's menu)."""

from kader.navigasi import Entri, daftarkan

K = "Kegiatan"
P = "pertemuan.view_pertemuan"
KONSELING = (P, "pertemuan.view_konseling")

daftarkan(
    Entri(
        "pertemuan.list",
        "Pertemuan rutin",
        "pertemuan:list",
        K,
        P,
        pendek="Pertemuan",
        ikon="people",
        urutan=1,
    ),
    Entri("pertemuan.jadwal", "Jadwal pertemuan", "pertemuan:jadwal", K, P, urutan=2),
    Entri(
        "pertemuan.tindak_lanjut",
        "Tindak lanjut terlambat",
        "pertemuan:tindak_lanjut_list",
        K,
        (P, "pertemuan.view_tindaklanjut"),
        query="keadaan=terlambat",
        urutan=3,
    ),
    Entri(
        "pertemuan.kie",
        "Sesi KIE",
        "pertemuan:kie_list",
        K,
        (P, "pertemuan.view_sesikie"),
        pendek="KIE",
        ikon="megaphone",
        urutan=4,
    ),
    Entri(
        "pertemuan.konseling",
        "Konseling PUS",
        "pertemuan:konseling_list",
        K,
        KONSELING,
        pendek="Konseling",
        ikon="chat-heart",
        urutan=5,
    ),
    Entri(
        "pertemuan.konseling_tempo",
        "Tindak lanjut konseling",
        "pertemuan:konseling_jatuh_tempo",
        K,
        KONSELING,
        urutan=6,
    ),
    Entri(
        "pertemuan.konversi",
        "Konversi konseling → peserta KB",
        "pertemuan:konversi",
        K,
        KONSELING,
        urutan=7,
    ),
    Entri(
        "pertemuan.poktan",
        "Poktan",
        "pertemuan:poktan_list",
        K,
        (P, "pertemuan.view_poktan"),
        urutan=8,
    ),
    Entri(
        "pertemuan.pelatihan",
        "Pelatihan kader",
        "pertemuan:pelatihan_list",
        K,
        (P, "pertemuan.view_pelatihan"),
        urutan=9,
    ),
)
