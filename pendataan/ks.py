"""Tahapan Keluarga Sejahtera from the 21 indicators (DOMAIN.md §4). Pure functions."""

from pendataan.models import TahapanKS

# Short labels of the 21 BKKBN indicators, shown as the checklist on the family form.
INDIKATOR_KS = [
    "Makan dua kali sehari atau lebih",
    "Memiliki pakaian berbeda untuk di rumah, bekerja/sekolah dan bepergian",
    "Rumah beratap, berlantai dan berdinding baik",
    "Anggota yang sakit dibawa ke sarana kesehatan",
    "PUS ingin ber-KB pergi ke sarana pelayanan kontrasepsi",
    "Anak umur 7–15 tahun bersekolah",
    "Melaksanakan ibadah menurut agama masing-masing",
    "Makan daging/ikan/telur paling kurang sekali seminggu",
    "Memperoleh paling kurang satu stel pakaian baru setahun",
    "Luas lantai rumah paling kurang 8 m² per penghuni",
    "Seluruh anggota sehat dalam tiga bulan terakhir",
    "Ada anggota umur 15 tahun ke atas berpenghasilan tetap",
    "Anggota umur 10–60 tahun bisa baca tulis latin",
    "PUS dengan dua anak atau lebih menggunakan alat kontrasepsi",
    "Berupaya meningkatkan pengetahuan agama",
    "Sebagian penghasilan ditabung",
    "Makan bersama paling kurang sekali sehari dan berkomunikasi",
    "Ikut kegiatan masyarakat di lingkungan tempat tinggal",
    "Memperoleh informasi dari surat kabar/majalah/radio/TV/internet",
    "Memberikan sumbangan materiil secara teratur untuk kegiatan sosial",
    "Ada anggota yang aktif sebagai pengurus perkumpulan/yayasan/institusi masyarakat",
]
YA, TIDAK, TIDAK_BERLAKU = "1", "0", "-"


def tahapan_ks(indikator: str) -> str:
    """Pra-S if any of 1–6 fails, KS I if any of 7–14 fails, KS II if any of 15–19 fails,
    KS III if 20 or 21 fails, else KS III Plus ("-" = not applicable counts as held)."""
    if len(indikator) != len(INDIKATOR_KS) or set(indikator) - {YA, TIDAK, TIDAK_BERLAKU}:
        raise ValueError("indikator KS harus 21 karakter 1/0/-")
    gagal = [i + 1 for i, c in enumerate(indikator) if c == TIDAK]
    if not gagal:
        return TahapanKS.KS_3_PLUS
    pertama = gagal[0]
    if pertama <= 6:
        return TahapanKS.PRA_S
    if pertama <= 14:
        return TahapanKS.KS_1
    if pertama <= 19:
        return TahapanKS.KS_2
    return TahapanKS.KS_3
