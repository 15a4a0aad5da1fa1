"""The figures a desa report holds, their labels, and how corrections and freezing combine them.

Pure functions over plain dicts (no queries). Register counts and indicator formulas come from
pendataan.indikator (DOMAIN.md §6); this module only names, merges and serialises them.
"""

from decimal import ROUND_HALF_UP, Decimal

# Raw register counts (same names and order as pendataan.indikator.KOLOM_HITUNG).
LABEL_HITUNG = {
    "jumlah_keluarga": "Jumlah keluarga",
    "pus": "PUS",
    "pa_iud": "PA IUD",
    "pa_mow": "PA MOW",
    "pa_mop": "PA MOP",
    "pa_kondom": "PA Kondom",
    "pa_implan": "PA Implan",
    "pa_suntik": "PA Suntik",
    "pa_pil": "PA Pil",
    "pa_mal": "PA MAL",
    "pa_tradisional": "PA Tradisional",
    "pb": "Peserta baru (PB)",
    "hamil": "Hamil",
    "ias": "Ingin anak segera (IAS)",
    "iat": "Ingin anak ditunda (IAT)",
    "tial": "Tidak ingin anak lagi (TIAL)",
    "tanpa_status": "PUS tanpa status",
}
LABEL_KEGIATAN = {
    "pertemuan": "Pertemuan rutin",
    "hadir_kader": "Kehadiran kader",
    "hadir_undangan": "Kehadiran undangan",
    "kie_sesi": "Sesi KIE",
    "kie_peserta_l": "Peserta KIE laki-laki",
    "kie_peserta_p": "Peserta KIE perempuan",
    "konseling": "Konseling",
    "rujukan": "Rujukan",
    "bersedia_kb": "Bersedia ber-KB",
    "poktan_bkb": "Kegiatan BKB",
    "poktan_bkr": "Kegiatan BKR",
    "poktan_bkl": "Kegiatan BKL",
    "poktan_uppka": "Kegiatan UPPKA",
    "poktan_pikr": "Kegiatan PIK-R",
    "pelatihan": "Pelatihan",
    "institusi_ada": "Institusi yang ada",
    "institusi_lapor": "Institusi yang melapor",
}
LABEL_DANA = {
    "iuran_masuk": "Iuran masuk (Rp)",
    "arisan_masuk": "Arisan masuk (Rp)",
    "pemasukan_lain": "Pemasukan lain (Rp)",
    "pengeluaran": "Pengeluaran (Rp)",
    "saldo_akhir": "Saldo akhir (Rp)",
}
LABEL_INDIKATOR = {
    "pa": "Peserta KB aktif (PA)",
    "pa_modern": "PA modern",
    "unmet_need": "Unmet need",
    "cpr": "CPR (%)",
    "mcpr": "mCPR (%)",
    "mkjp_persen": "MKJP (%)",
    "unmet_need_persen": "Unmet need (%)",
    "pb_target_persen": "PB terhadap target (%)",
}
KOLOM_HITUNG = list(LABEL_HITUNG)
KOLOM_KEGIATAN = list(LABEL_KEGIATAN)
KOLOM_DANA = list(LABEL_DANA)
# Activity figures that, all zero, make a report "nihil" (institution counts are not activity).
KOLOM_AKTIVITAS = [k for k in KOLOM_KEGIATAN if not k.startswith("institusi_")]
LABEL_SEMUA = {**LABEL_HITUNG, **LABEL_KEGIATAN, **LABEL_DANA, **LABEL_INDIKATOR}
# What a user may correct: the counted figures, never a derived indicator.
KOLOM_KOREKSI = [*KOLOM_HITUNG, *KOLOM_KEGIATAN, *KOLOM_DANA]


def kosong() -> dict:
    """All figures of a report at zero."""
    return {
        **dict.fromkeys(KOLOM_HITUNG, 0),
        **dict.fromkeys(KOLOM_KEGIATAN, 0),
        **dict.fromkeys(KOLOM_DANA, "0.00"),
        "pb_kumulatif": 0,
        "target_pb": None,
    }


def persen(pembilang, penyebut) -> Decimal:
    """Report coverage and on-time shares: two decimals half up, 0 on a zero denominator."""
    if not penyebut:
        return Decimal("0.00")
    nilai = Decimal(pembilang) * 100 / Decimal(penyebut)
    return nilai.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def ke_json(nilai):
    """Decimals become strings so that the figures fit a JSONField without float drift."""
    if isinstance(nilai, Decimal):
        return f"{nilai:.2f}"
    return nilai


def dari_json(kolom: str, nilai):
    """The figure back in its Python type (Decimal for money, int for counts)."""
    if nilai is None:
        return None
    if kolom in LABEL_DANA:
        return Decimal(str(nilai))
    return int(nilai)


def efektif(otomatis: dict, koreksi: dict) -> dict:
    """Computed figures with the corrections laid over them."""
    hasil = {**kosong(), **(otomatis or {})}
    for kolom, isi in (koreksi or {}).items():
        hasil[kolom] = isi["nilai"]
    return hasil


def hitung_dari(angka: dict) -> dict[str, int]:
    """The raw register counts out of a report's figures (ints)."""
    return {k: int(angka.get(k) or 0) for k in KOLOM_HITUNG}


def dengan_indikator(angka: dict) -> dict:
    """The figures plus every §6 indicator (computed by pendataan.indikator.lengkapi)."""
    from pendataan.indikator import lengkapi

    lengkap = lengkapi(
        hitung_dari(angka),
        pb_kumulatif=angka.get("pb_kumulatif"),
        target_pb=angka.get("target_pb"),
    )
    return {**angka, **{k: ke_json(v) for k, v in lengkap.items()}}


def cek_keseimbangan(angka: dict) -> str | None:
    """The balance rule of §6; an Indonesian message when it fails, else None."""
    h = hitung_dari(angka)
    pa = sum(h[k] for k in KOLOM_HITUNG if k.startswith("pa_"))
    rincian = pa + h["hamil"] + h["ias"] + h["iat"] + h["tial"]
    if h["tanpa_status"]:
        return (
            f"Masih ada {h['tanpa_status']} PUS tanpa status KB. Lengkapi status KB setiap PUS "
            "sebelum laporan dikirim."
        )
    if h["pus"] != rincian:
        return (
            f"Angka tidak seimbang: PUS = {h['pus']}, sedangkan PA + hamil + IAS + IAT + TIAL = "
            f"{rincian} (PA {pa}, hamil {h['hamil']}, IAS {h['ias']}, IAT {h['iat']}, "
            f"TIAL {h['tial']}). Periksa kembali angka atau koreksinya."
        )
    return None


def tanpa_kegiatan(angka: dict) -> bool:
    return all(not int(angka.get(k) or 0) for k in KOLOM_AKTIVITAS)


def selisih(lama: dict | None, baru: dict) -> list[dict]:
    """Figures that changed between two submissions: [{kolom, label, lama, baru}]."""
    if not lama:
        return []
    hasil = []
    for kolom, label in {**LABEL_HITUNG, **LABEL_KEGIATAN, **LABEL_DANA}.items():
        a, b = lama.get(kolom), baru.get(kolom)
        if str(a) != str(b):
            hasil.append({"kolom": kolom, "label": label, "lama": a, "baru": b})
    return hasil
