"""Counting the items of the official monthly desa report F/I/Dal/13 (DOMAIN.md §9) for many desa
at once: one or a few aggregate statements per item group over every given desa, never a
statement per desa. The catalogue (codes, labels, order) and the sums live in laporan.fidal.

`fidal_desa` returns the *stored* items of each desa (counted items and the PPM targets); the
derived ones (rest of the target, total capital, the three indicators) are computed on any level
by fidal.lengkapi, after corrections and sums.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum

from imp_smart.bulan import akhir_bulan, awal_bulan
from kader.models import Institusi
from laporan import fidal as F
from laporan.models import LaporanDesa
from laporan.selectors_metode import metode_desa
from pendataan.models import KonfirmasiPus, PerubahanStatus, RiwayatAnggota
from pendataan.selectors import kurangi_tahun
from pertemuan.models import (
    AnggotaPoktan,
    KegiatanPoktan,
    Konseling,
    ModalUppka,
    Pertemuan,
    Poktan,
    SesiKIE,
)
from pertemuan.selectors import SASARAN_UMUR, anggota_pada, pus_keluarga

# A report counts as sent (PPKBD "lapor") once it left the draft and was not sent back.
TERKIRIM = (
    LaporanDesa.Status.DIKIRIM,
    LaporanDesa.Status.DIVERIFIKASI,
    LaporanDesa.Status.DISETUJUI,
)


def _aktif_pada(akhir: date) -> Q:
    """Institutions active on the month's last day: formed by then (or no date) and still
    active, or made inactive only after it."""
    return (Q(tanggal_dibentuk__isnull=True) | Q(tanggal_dibentuk__lte=akhir)) & (
        Q(aktif=True) | Q(tanggal_nonaktif__gt=akhir)
    )


def _nama_tokoh(nama: str) -> str:
    """One tokoh however the name was typed (case, spaces)."""
    return " ".join(nama.split()).casefold()


def _keadaan_umum(hasil: dict, ids: list[int], bulan: date, akhir: date) -> None:
    """I. ada / lapor of PPKBD, Sub-PPKBD, Kelompok KB (institutions) and of the poktan."""
    rentang = {"tanggal__gte": bulan, "tanggal__lte": akhir}
    institusi = Institusi.objects.filter(_aktif_pada(akhir), wilayah__desa_id__in=ids)
    ada = institusi.order_by().values_list("wilayah__desa_id", "jenis").annotate(n=Count("pk"))
    for desa_id, jenis, n in ada:
        if jenis in F.KODE_LEMBAGA:
            hasil[desa_id][f"i_{jenis}_ada"] = n
    # PPKBD: the desa report of the month was sent (laporan.services sets it when sending).
    terkirim = set(
        LaporanDesa.objects.filter(bulan=bulan, desa_id__in=ids, status__in=TERKIRIM).values_list(
            "desa_id", flat=True
        )
    )
    for desa_id in terkirim:
        hasil[desa_id]["i_ppkbd_lapor"] = min(hasil[desa_id]["i_ppkbd_ada"], 1)
    # Sub-PPKBD: its dusun's PUS page was saved (a status change of the month for a family of
    # the dusun) or confirmed "tidak ada perubahan" (for the dusun or for its whole desa).
    sub = institusi.filter(jenis=Institusi.Jenis.SUB_PPKBD).filter(
        Exists(
            PerubahanStatus.objects.filter(
                bulan=bulan, anggota__keluarga__dusun_id=OuterRef("wilayah_id")
            )
        )
        | Exists(KonfirmasiPus.objects.filter(bulan=bulan, wilayah_id=OuterRef("wilayah_id")))
        | Exists(KonfirmasiPus.objects.filter(bulan=bulan, wilayah_id=OuterRef("wilayah__desa_id")))
    )
    for desa_id, n in (
        sub.order_by()
        .values_list("wilayah__desa_id")
        .annotate(n=Count("pk"))
        .values_list("wilayah__desa_id", "n")
    ):
        hasil[desa_id]["i_sub_ppkbd_lapor"] = n
    # Kelompok KB: at least one activity recorded in the month.
    kelompok = institusi.filter(jenis=Institusi.Jenis.KELOMPOK_KB).filter(
        Exists(Pertemuan.objects.filter(institusi=OuterRef("pk"), **rentang))
        | Exists(SesiKIE.objects.filter(institusi=OuterRef("pk"), **rentang))
        | Exists(Konseling.objects.filter(kader__institusi=OuterRef("pk"), **rentang))
        | Exists(KegiatanPoktan.objects.filter(poktan__institusi=OuterRef("pk"), **rentang))
    )
    for desa_id, n in (
        kelompok.order_by()
        .values_list("wilayah__desa_id")
        .annotate(n=Count("pk"))
        .values_list("wilayah__desa_id", "n")
    ):
        hasil[desa_id]["i_kelompok_kb_lapor"] = n
    # Poktan: active on the last day; lapor = at least one activity in the month.
    kegiatan = KegiatanPoktan.objects.filter(poktan=OuterRef("pk"), **rentang)
    poktan = (
        Poktan.objects.filter(
            Q(tanggal_dibentuk__isnull=True) | Q(tanggal_dibentuk__lte=akhir),
            aktif=True,
            wilayah__desa_id__in=ids,
        )
        .order_by()
        .values_list("wilayah__desa_id", "jenis")
        .annotate(n=Count("pk"), lapor=Count("pk", filter=Exists(kegiatan)))
    )
    for desa_id, jenis, n, lapor in poktan:
        hasil[desa_id][f"i_{jenis}_ada"] = n
        hasil[desa_id][f"i_{jenis}_lapor"] = lapor


def _kegiatan_operasional(hasil: dict, ids: list[int], bulan: date, akhir: date) -> None:
    """II. Desa-level coordination meetings, penyuluhan by the PKB/PLKB, KIE with the KIE-Kit,
    distinct tokoh who led or co-led a KIE session."""
    rentang = {"tanggal__gte": bulan, "tanggal__lte": akhir}
    rapat = (
        Pertemuan.objects.filter(wilayah__desa_id__in=ids, **rentang)
        .order_by()
        .values_list("wilayah__desa_id")
        .annotate(n=Count("pk"))
        .values_list("wilayah__desa_id", "n")
    )
    for desa_id, n in rapat:
        hasil[desa_id]["ii_rakor"] = n
    kie = SesiKIE.objects.filter(wilayah__desa_id__in=ids, **rentang).order_by()
    P = SesiKIE.Pemimpin
    for desa_id, pkb, kit in kie.values_list("wilayah__desa_id").annotate(
        pkb=Count("pk", filter=Q(dipimpin_oleh=P.PKB)),
        kit=Count("pk", filter=Q(media_kie=SesiKIE.Media.KIE_KIT)),
    ):
        hasil[desa_id]["ii_penyuluhan_pkb"] = pkb
        hasil[desa_id]["ii_kie_kit"] = kit
    tokoh: dict[int, set[str]] = defaultdict(set)
    baris = kie.filter(Q(dipimpin_oleh__in=SesiKIE.TOKOH) | ~Q(tokoh_pendamping="")).values_list(
        "wilayah__desa_id", "dipimpin_oleh", "penyaji", "tokoh_pendamping"
    )
    for desa_id, pemimpin, penyaji, pendamping in baris:
        if pemimpin in SesiKIE.TOKOH and penyaji.strip():
            tokoh[desa_id].add(_nama_tokoh(penyaji))
        if pendamping.strip():
            tokoh[desa_id].add(_nama_tokoh(pendamping))
    for desa_id, nama in tokoh.items():
        hasil[desa_id]["ii_tokoh_aktif"] = len(nama)


def _poktan_keluarga(hasil: dict, ids: list[int], bulan: date, akhir: date) -> None:
    """III and IV: target families (BKB/BKR/BKL age bands on the last day, from the dated
    register), member families, member families with a PUS, of them with a PUS using a method,
    activities held, and the UPPKA capital held at the month's end by source."""
    rentang = {"tanggal__gte": bulan, "tanggal__lte": akhir}
    # Keluarga sasaran: families of the desa with a member in the band that day.
    band = {}
    for jenis, _ in F.POKTAN_KETAHANAN:
        muda, tua = SASARAN_UMUR[jenis]
        q = Q(tanggal_lahir__lte=kurangi_tahun(akhir, muda))
        if tua is not None:
            q &= Q(tanggal_lahir__gt=kurangi_tahun(akhir, tua))
        band[jenis] = Count("keluarga_id", distinct=True, filter=q)
    sasaran = (
        RiwayatAnggota.objects.berlaku_pada(akhir)
        .filter(desa_id__in=ids)
        .order_by()
        .values("desa_id")
        .annotate(**band)
    )
    for r in sasaran:
        for jenis, _ in F.POKTAN_KETAHANAN:
            hasil[r["desa_id"]][f"iii_{jenis}_sasaran"] = r[jenis]
    # Member families of the desa's active groups (a family in two BKB groups counts once).
    jenis_anggota = [j for j, _ in F.POKTAN_KETAHANAN] + ["uppka"]
    anggota = (
        AnggotaPoktan.objects.filter(
            anggota_pada(akhir),
            poktan__aktif=True,
            poktan__jenis__in=jenis_anggota,
            poktan__wilayah__desa_id__in=ids,
        )
        .order_by()
        .values_list("poktan__wilayah__desa_id", "poktan__jenis", "keluarga_id")
        .distinct()
    )
    keluarga: dict[tuple[int, str], set[int]] = defaultdict(set)
    for desa_id, jenis, keluarga_id in anggota:
        keluarga[(desa_id, jenis)].add(keluarga_id)
    # Member family with a PUS → whether one uses a method (as the poktan page counts).
    pus_kb: dict[int, bool] = {}
    if keluarga:
        pus_kb = pus_keluarga(bulan=bulan, desa_ids=ids, keluarga_ids=anggota.values("keluarga_id"))
    for (desa_id, jenis), kk in keluarga.items():
        awal = "iv_" if jenis == "uppka" else f"iii_{jenis}_"
        baris = hasil[desa_id]
        baris[f"{awal}anggota"] = len(kk)
        baris[f"{awal}pus"] = sum(1 for k in kk if k in pus_kb)
        baris[f"{awal}kb"] = sum(1 for k in kk if pus_kb.get(k))
    kegiatan = (
        KegiatanPoktan.objects.filter(
            poktan__wilayah__desa_id__in=ids, poktan__jenis__in=jenis_anggota, **rentang
        )
        .order_by()
        .values_list("poktan__wilayah__desa_id", "poktan__jenis")
        .annotate(n=Count("pk"))
    )
    for desa_id, jenis, n in kegiatan:
        awal = "iv_" if jenis == "uppka" else f"iii_{jenis}_"
        hasil[desa_id][f"{awal}pertemuan"] = n
    modal = (
        ModalUppka.objects.filter(
            tanggal__lte=akhir, poktan__aktif=True, poktan__wilayah__desa_id__in=ids
        )
        .order_by()
        .values_list("poktan__wilayah__desa_id", "sumber")
        .annotate(
            masuk=Sum("jumlah", filter=Q(arah="masuk"), default=0),
            keluar=Sum("jumlah", filter=Q(arah="keluar"), default=0),
        )
    )
    for desa_id, sumber, masuk, keluar in modal:
        hasil[desa_id][f"iv_modal_{sumber}"] = int(masuk) - int(keluar)


def _metode(hasil: dict, ids: list[int], bulan: date) -> None:
    """V. per method (as §8.4): PPM PB and PA, PB of the month and from January, PA by jalur,
    ganti cara, drop out."""
    for desa_id, per_metode in metode_desa(bulan=bulan, desa_ids=ids).items():
        baris = hasil[desa_id]
        for metode, n in per_metode.items():
            m = metode.lower()
            baris[f"v_{m}_ppm_pb"] = n["target_pb"]
            baris[f"v_{m}_ppm_pa"] = n["target_pa"]
            baris[f"v_{m}_pb"] = n["pb"]
            baris[f"v_{m}_pb_kumulatif"] = n["pb_kumulatif"]
            baris[f"v_{m}_pa_pemerintah"] = n["pa_pemerintah"]
            baris[f"v_{m}_pa_swasta"] = n["pa_swasta"]
            baris[f"v_{m}_ganti_cara"] = n["ganti_cara"]
            baris[f"v_{m}_drop_out"] = n["drop_out"]


def fidal_desa(*, bulan: date, desa_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """{desa_id: {code: n}} of the stored F/I/Dal/13 items (fidal.KOLOM_SIMPAN: the counted
    items and the PPM targets) for the month whose first day is `bulan`, every given desa
    present, zeros included. About 15 statements whatever the number of desa."""
    bulan = awal_bulan(bulan)
    akhir = akhir_bulan(bulan)
    ids = list(desa_ids)
    hasil = {pk: F.simpan_kosong() for pk in ids}
    if not ids:
        return hasil
    _keadaan_umum(hasil, ids, bulan, akhir)
    _kegiatan_operasional(hasil, ids, bulan, akhir)
    _poktan_keluarga(hasil, ids, bulan, akhir)
    _metode(hasil, ids, bulan)
    return hasil
