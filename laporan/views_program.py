"""Pages of the programme's own results (DOMAIN.md §10): the measures per desa and month with
the §8.6 CSV, the computed IMP classification beside the set one, and the supervision scorecard
per penyuluh and per cadre. Supervisors only (laporan.lihat_hasil_program), scoped to the
user's desa; a kecamatan outside them answers 404."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from imp_smart.bulan import geser_bulan
from imp_smart.ekspor import xlsx_dari_tabel
from imp_smart.parameter import KonfigurasiTabel, angka_param, bulan_param
from kader.scoping import cakupan
from laporan import ekspor, jadwal
from laporan import program as P
from laporan import selectors_program as S
from laporan.selectors import desa_terlihat, kecamatan_terlihat
from laporan.tables_program import SupervisiKaderTable, SupervisiPenyuluhTable
from laporan.views_rekap import _bulan

IZIN = "laporan.lihat_hasil_program"


def _kecamatan(request):
    """(kecamatan chosen or None, the kecamatan the user may choose). One outside → 404."""
    pilihan = list(kecamatan_terlihat(request.user))
    kec_id = angka_param(request, "kecamatan", None, min=1)
    if kec_id is None:
        return None, pilihan
    for k in pilihan:
        if k.pk == kec_id:
            return k, pilihan
    raise Http404("Kecamatan di luar wilayah Anda.")


def _saringan(request) -> dict:
    bulan = bulan_param(request, default=jadwal.bulan_laporan_berjalan())
    kec, pilihan = _kecamatan(request)
    return {"bulan": bulan, "kecamatan": kec, "pilihan_kecamatan": pilihan}


@login_required
@permission_required(IZIN, raise_exception=True)
def hasil_program(request):
    """Births (and per 1,000), marriages below the ideal age, counselling and MKJP conversion,
    KB services and sosialisasi per desa for a month; conversion per cadre over 12 months."""
    s = _saringan(request)
    desa = list(desa_terlihat(request.user, kecamatan_id=s["kecamatan"] and s["kecamatan"].pk))
    ids = [d.pk for d in desa]
    dari = geser_bulan(s["bulan"], -(P.BULAN_KLASIFIKASI - 1))
    return render(
        request,
        "laporan/program/hasil.html",
        {
            **s,
            "judul": "Hasil program",
            "hasil": S.hasil_program(desa=desa, bulan=s["bulan"]),
            "label": P.LABEL_UKURAN,
            "ukuran": P.UKURAN,
            "dari": dari,
            "konversi_kader": S.konversi_mkjp(
                desa_ids=ids, dari=dari, sampai=s["bulan"], per="kader"
            ),
            "konversi_desa": S.konversi_mkjp(
                desa_ids=ids, dari=dari, sampai=s["bulan"], per="desa"
            ),
            "usia_ideal": P.USIA_IDEAL_NIKAH,
        },
    )


@login_required
@permission_required(IZIN, raise_exception=True)
def program_csv(request, bulan):
    """The §8.6 CSV (same as `manage.py rekap_program`), over the desa the user may see."""
    bln = _bulan(bulan)
    tingkat = request.GET.get("tingkat") or None
    if tingkat is not None and tingkat not in ekspor.TINGKAT:
        tingkat = None
    baris = S.baris_program_csv(bulan=bln, tingkat=tingkat, desa_ids=cakupan(request.user))
    respons = HttpResponse(
        ekspor.csv_teks(baris, P.KOLOM_PROGRAM), content_type="text/csv; charset=utf-8"
    )
    akhiran = f"-{tingkat}" if tingkat else ""
    respons["Content-Disposition"] = f'attachment; filename="program-{bln:%Y-%m}{akhiran}.csv"'
    return respons


@login_required
@permission_required(IZIN, raise_exception=True)
def klasifikasi(request):
    """Every active PPKBD and Sub-PPKBD: the class computed over 12 months beside the one the
    PKB set, with the evidence; per kecamatan, those that differ."""
    s = _saringan(request)
    berbeda_saja = request.GET.get("berbeda") == "1"
    institusi = S.institusi_klasifikasi(
        user=request.user, kecamatan_id=s["kecamatan"] and s["kecamatan"].pk
    )
    baris = S.klasifikasi(institusi=institusi, bulan=s["bulan"])
    return render(
        request,
        "laporan/program/klasifikasi.html",
        {
            **s,
            "judul": "Klasifikasi IMP",
            "dari": geser_bulan(s["bulan"], -(P.BULAN_KLASIFIKASI - 1)),
            "berbeda_saja": berbeda_saja,
            "baris": [b for b in baris if b["berbeda"]] if berbeda_saja else baris,
            "per_kecamatan": S.berbeda_per_kecamatan(baris),
            "jumlah_berbeda": sum(b["berbeda"] for b in baris),
            "kriteria": P.KRITERIA,
            "label_kelas": P.LABEL_KELAS,
        },
    )


PER = {
    "penyuluh": ("Kartu supervisi penyuluh", SupervisiPenyuluhTable),
    "kader": ("Kartu supervisi kader", SupervisiKaderTable),
}


@login_required
@permission_required(IZIN, raise_exception=True)
def supervisi(request):
    """The supervisor's scorecard of a month, per penyuluh or per cadre: sortable, paged, and
    the whole table as XLSX (?ekspor=xlsx)."""
    s = _saringan(request)
    per = request.GET.get("per") if request.GET.get("per") in PER else "penyuluh"
    judul, kelas_tabel = PER[per]
    if per == "penyuluh":
        desa_ids = list(
            desa_terlihat(
                request.user, kecamatan_id=s["kecamatan"] and s["kecamatan"].pk
            ).values_list("pk", flat=True)
        )
        data = S.supervisi_penyuluh(user=request.user, bulan=s["bulan"], desa_ids=desa_ids)
    else:
        data = S.supervisi_kader(
            user=request.user, bulan=s["bulan"], kecamatan_id=s["kecamatan"] and s["kecamatan"].pk
        )
    tabel = kelas_tabel(data)
    ekspor_xlsx = request.GET.get("ekspor") == "xlsx"
    KonfigurasiTabel(request, paginate=False if ekspor_xlsx else {"per_page": 25}).configure(tabel)
    judul_bulan = f"{judul} {s['bulan']:%m-%Y}"
    if ekspor_xlsx:
        return xlsx_dari_tabel(tabel, judul_bulan)
    q = request.GET.copy()
    q["ekspor"] = "xlsx"
    q.pop("page", None)
    return render(
        request,
        "laporan/program/supervisi.html",
        {**s, "judul": judul, "per": per, "table": tabel, "url_xlsx": f"?{q.urlencode()}"},
    )
