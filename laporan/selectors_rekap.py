"""The district recap: per desa, per kecamatan and kabupaten tables, coverage, trends, charts."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils import formats, translation

from kader.models import Wilayah
from kader.scoping import SEMUA, Semua, wilayah_saring
from laporan import angka as A
from laporan import grafik, jadwal, selectors
from pendataan import indikator


def jumlahkan(daftar: list[dict]) -> dict:
    """Sum of several desa's figures: register counts and the indicators' Masukan (cumulative
    PB, targets) by pendataan.indikator, the activity counts and funds added here."""
    total = {
        **A.kosong(),
        **indikator.jumlahkan([A.hitung_dari(a) for a in daftar]),
        **indikator.jumlahkan_masukan(daftar),
    }
    for kolom in A.KOLOM_KEGIATAN:
        total[kolom] = sum(int(a.get(kolom) or 0) for a in daftar)
    for kolom in A.KOLOM_DANA:
        total[kolom] = A.ke_json(sum((Decimal(str(a.get(kolom) or 0)) for a in daftar), Decimal()))
    return total


def ada_data(angka: dict, *, disetujui: int) -> bool:
    """Whether an area's figures stand for something: an approved report, or register or
    activity figures (shown as provisional). Otherwise pages and PDFs print "belum ada data"
    instead of 0 and 0,00, which would read as a measured zero."""
    return (
        disetujui > 0
        or int(angka.get("pus") or 0) > 0
        or int(angka.get("jumlah_keluarga") or 0) > 0
        or not A.tanpa_kegiatan(angka)
    )


def _baris_desa(desa, data: dict, bulan: date, mulai: date | None) -> dict:
    lap = data["laporan"]
    berlaku = jadwal.berlaku(bulan, mulai)
    tanpa_laporan = "Belum dibuat" if berlaku else "Belum berlaku"
    status = lap.get_status_display() if lap else tanpa_laporan
    return {
        "wilayah": desa,
        "angka": A.dengan_indikator(data["angka"]),
        # Expected to report this month (jadwal.berlaku), or reported anyway.
        "diharapkan": berlaku or lap is not None,
        "disetujui": data["disetujui"],
        "ada_data": ada_data(data["angka"], disetujui=int(data["disetujui"])),
        "status": status,
        "dikirim": bool(lap and lap.dikirim_pertama_pada),
        "tepat_waktu": bool(lap and jadwal.tepat_waktu(lap.dikirim_pertama_pada, bulan)),
    }


def _cakupan(baris: list[dict]) -> dict:
    """Coverage over the desa expected to report (a desa not started yet is not missing)."""
    baris = [b for b in baris if b["diharapkan"]]
    n = len(baris)
    disetujui = sum(b["disetujui"] for b in baris)
    dikirim = sum(b["dikirim"] for b in baris)
    tepat = sum(b["tepat_waktu"] for b in baris)
    return {
        "diharapkan": n,
        "dikirim": dikirim,
        "disetujui": disetujui,
        "tepat_waktu": tepat,
        "cakupan_persen": A.persen(disetujui, n),
        "tepat_waktu_persen": A.persen(tepat, n),
    }


def rekap_bulan(*, bulan: date, kecamatan_ids: Iterable[int] | Semua) -> dict:
    """Recap of one month: desa rows grouped by kecamatan, kecamatan totals, kabupaten total;
    of the kecamatan given (SEMUA: the kabupaten; leaving them out is an error).

    Approved reports give frozen figures; other desa use the register and are flagged.
    """
    desa_qs = Wilayah.objects.desa().select_related("kecamatan").order_by("kode")
    ids = wilayah_saring(kecamatan_ids)
    if ids is not None:
        desa_qs = desa_qs.filter(kecamatan_id__in=ids)
    desa_list = list(desa_qs)
    per_desa = selectors.angka_rekap_desa(bulan=bulan, desa_ids=[d.pk for d in desa_list])
    mulai = selectors.mulai_desa(d.pk for d in desa_list)
    kelompok: dict[int, dict] = {}
    for desa in desa_list:
        kec = kelompok.setdefault(
            desa.kecamatan_id, {"wilayah": desa.kecamatan, "desa": [], "mentah": []}
        )
        kec["desa"].append(_baris_desa(desa, per_desa[desa.pk], bulan, mulai[desa.pk]))
        kec["mentah"].append(per_desa[desa.pk]["angka"])
    kecamatan = []
    for kec in kelompok.values():
        kec["total"] = jumlahkan(kec.pop("mentah"))
        kec["angka"] = A.dengan_indikator(kec["total"])
        kec["cakupan"] = _cakupan(kec["desa"])
        kec["semua_disetujui"] = kec["cakupan"]["disetujui"] == kec["cakupan"]["diharapkan"]
        kec["ada_data"] = ada_data(kec["total"], disetujui=kec["cakupan"]["disetujui"])
        kec["belum_disetujui"] = [b for b in kec["desa"] if b["diharapkan"] and not b["disetujui"]]
        kecamatan.append(kec)
    semua_desa = [b for k in kecamatan for b in k["desa"]]
    total = jumlahkan([k["total"] for k in kecamatan])
    return {
        "bulan": bulan,
        "kecamatan": kecamatan,
        "angka": A.dengan_indikator(total),
        "cakupan": _cakupan(semua_desa),
        "batas_kirim": jadwal.batas_kirim(bulan),
        "batas_setujui": jadwal.batas_setujui(bulan),
    }


def tren(*, sampai: date, n: int = 12, desa_ids: Iterable[int] | Semua) -> list[dict]:
    """Totals with indicators for the n months up to `sampai` (oldest first), over the desa
    given (SEMUA: the kabupaten)."""
    ids = wilayah_saring(desa_ids)  # fails closed
    desa_ids = SEMUA if ids is None else ids
    hasil = []
    for bulan in jadwal.bulan_terakhir(n, sampai):
        per_desa = selectors.angka_rekap_desa(bulan=bulan, desa_ids=desa_ids)
        total = jumlahkan([d["angka"] for d in per_desa.values()])
        hasil.append({"bulan": bulan, "angka": A.dengan_indikator(total)})
    return hasil


def label_bulan(bulan: date) -> str:
    with translation.override("id"):
        return formats.date_format(bulan, "M y")


def grafik_tren(data_tren: list[dict]) -> dict:
    """The five 12-month trend charts of §7 (PA, PB, CPR/mCPR, MKJP share, unmet need)."""
    label = [label_bulan(t["bulan"]) for t in data_tren]

    def deret(kolom):
        return [grafik.persen_float(t["angka"][kolom]) for t in data_tren]

    def garis(judul: str, *kolom: str) -> str:
        """A line per indicator, named by the catalogue; percentages with two decimals."""
        seri = [(indikator.INDIKATOR[k].singkat, deret(k)) for k in kolom]
        desimal = 2 if indikator.INDIKATOR[kolom[0]].is_persen else 0
        return grafik.garis(judul, label, seri, desimal=desimal)

    return {
        "pa": garis(indikator.LABEL["pa"], "pa"),
        "pb": garis(indikator.LABEL["pb"], "pb"),
        "cpr": garis("CPR dan mCPR (%)", "cpr", "mcpr"),
        "mkjp": garis("Porsi MKJP (%)", "mkjp_persen"),
        "unmet": garis(indikator.LABEL["unmet_need_persen"], "unmet_need_persen"),
    }


def grafik_kecamatan(rekap: dict) -> dict:
    """Per-kecamatan comparison bars for a month (grey: not every desa approved yet; "belum ada
    data": none approved). Each chart also in the phone layout (`<nama>_sempit`)."""
    nama = [k["wilayah"].nama for k in rekap["kecamatan"]]
    belum = [not k["semua_disetujui"] for k in rekap["kecamatan"]]

    def nilai(kolom):
        return [
            grafik.persen_float(k["angka"][kolom]) if k["ada_data"] else None
            for k in rekap["kecamatan"]
        ]

    # No desa expected yet (none started): no coverage to show, not 0 %.
    cakupan = [
        grafik.persen_float(k["cakupan"]["cakupan_persen"]) if k["cakupan"]["diharapkan"] else None
        for k in rekap["kecamatan"]
    ]
    grafik_list = {
        "mcpr": ("mCPR per kecamatan (%)", nilai("mcpr"), belum),
        "unmet": ("Unmet need per kecamatan (%)", nilai("unmet_need_persen"), belum),
        "cakupan": ("Cakupan laporan per kecamatan (%)", cakupan, None),
    }
    hasil = {}
    for kunci, (judul, data, penanda) in grafik_list.items():
        hasil[kunci] = grafik.batang(judul, nama, data, penanda=penanda)
        hasil[f"{kunci}_sempit"] = grafik.batang(judul, nama, data, penanda=penanda, sempit=True)
    return hasil
