"""Reads of the programme's own results (DOMAIN.md §10, §8.6): the measures per desa and month,
MKJP conversion per cadre and desa, the evidence of the IMP classification, and the supervision
scorecard. The definitions and thresholds are in `laporan.program`; each function here runs a
fixed number of queries whatever the number of desa, institutions or cadres."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from imp_smart.bulan import akhir_bulan, awal_bulan, geser_bulan
from kader.models import (
    Institusi,
    Kader,
    KelompokArisan,
    Mitra,
    Pengurus,
    Penugasan,
    Peran,
    TransaksiKas,
    Wilayah,
)
from kader.scoping import SEMUA, Semua, wilayah_saring
from laporan import jadwal
from laporan import program as P
from laporan.ekspor import TINGKAT, kabupaten
from laporan.models import LaporanDesa
from laporan.selectors import mulai_desa
from pendataan.indikator import METODE, persen
from pendataan.models import Anggota, KonfirmasiPus, Mutasi, PerubahanStatus, RiwayatAnggota
from pendataan.models.keluarga import umur_pada
from pertemuan.models import (
    AkseptorPelayanan,
    KegiatanPoktan,
    KeterlibatanMitra,
    Konseling,
    PelayananKB,
    Pertemuan,
    PesertaPelatihan,
    SesiKIE,
    Sosialisasi,
    TindakLanjut,
)
from pertemuan.selectors_program import program_desa


def _rentang(bulan: date) -> tuple[date, date]:
    awal = awal_bulan(bulan)
    return awal, akhir_bulan(awal)


def _semua_desa(desa_ids: Iterable[int] | Semua) -> tuple[list[int], list[int] | None]:
    """(the desa to report, the filter to apply: None for SEMUA); fails closed (scoping)."""
    saring = wilayah_saring(desa_ids)
    if saring is None:
        return list(Wilayah.objects.desa().values_list("pk", flat=True)), None
    return saring, saring


# --- the measures of §10 / §8.6 ----------------------------------------------------------------


def lahir_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, int]:
    """Births of the month per desa: members whose birth date falls in the month, counted in
    the desa of their family."""
    awal, akhir = _rentang(bulan)
    qs = Anggota.objects.filter(tanggal_lahir__gte=awal, tanggal_lahir__lte=akhir)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: every desa
    if ids is not None:
        qs = qs.filter(keluarga__desa_id__in=ids)
    return dict(
        qs.order_by()
        .values("keluarga__desa_id")
        .annotate(n=Count("pk"))
        .values_list("keluarga__desa_id", "n")
    )


def _nikah_bawah_usia_ideal(*, dari: date, sampai: date, ids: list[int] | None) -> set[tuple]:
    """(desa id, family id, date) of each marriage below the ideal age between two dates."""
    qs = Mutasi.objects.filter(jenis=Mutasi.Jenis.MENIKAH, tanggal__gte=dari, tanggal__lte=sampai)
    if ids is not None:
        qs = qs.filter(keluarga__desa_id__in=ids)
    nikah = set()
    for keluarga_id, desa_id, tanggal, jk, lahir in qs.order_by().values_list(
        "keluarga_id",
        "keluarga__desa_id",
        "tanggal",
        "anggota__jenis_kelamin",
        "anggota__tanggal_lahir",
    ):
        if P.di_bawah_usia_ideal(jk, umur_pada(lahir, tanggal)):
            nikah.add((desa_id, keluarga_id, tanggal))
    return nikah


def nikah_bawah_usia_ideal_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, int]:
    """Marriages of the month below the ideal age (PUP) per desa: "menikah" mutations where the
    woman is under 21 or the man under 25 on the marriage date. Both spouses recorded in one
    family on one date are one marriage."""
    awal, akhir = _rentang(bulan)
    ids = wilayah_saring(desa_ids)  # fails closed; SEMUA: every desa
    hasil: dict[int, int] = defaultdict(int)
    for desa_id, _, _ in _nikah_bawah_usia_ideal(dari=awal, sampai=akhir, ids=ids):
        hasil[desa_id] += 1
    return dict(hasil)


def konversi_per(konseling, kunci: str) -> dict:
    """{kunci value: (counselled PUS ids, converted PUS ids)} for a queryset of counselling
    sessions: a woman is converted when, after one of her sessions, her next change to a method
    is to an MKJP method within 3 months (laporan.program.konversi). Two queries."""
    baris = list(konseling.order_by().values_list(kunci, "anggota_id", "tanggal"))
    if not baris:
        return {}
    dari = awal_bulan(min(b[2] for b in baris))
    sampai = geser_bulan(awal_bulan(max(b[2] for b in baris)), P.KONVERSI_BULAN)
    perubahan: dict[int, list] = defaultdict(list)
    for anggota_id, bln, status in PerubahanStatus.objects.filter(
        anggota_id__in=konseling.order_by().values("anggota_id"),
        status__in=METODE,
        bulan__gte=dari,
        bulan__lte=sampai,
    ).values_list("anggota_id", "bulan", "status"):
        perubahan[anggota_id].append((bln, status))
    hasil: dict = {}
    for k, anggota_id, tanggal in baris:
        dikonseling, jadi = hasil.setdefault(k, (set(), set()))
        dikonseling.add(anggota_id)
        if P.konversi(awal_bulan(tanggal), perubahan[anggota_id]):
            jadi.add(anggota_id)
    return hasil


def ukuran_desa(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict[int, dict]:
    """Per desa id, the §8.6 measures of the month (every requested desa, zeros included)."""
    ids, saring = _semua_desa(desa_ids)
    hasil = {pk: P.ukuran_kosong() for pk in ids}
    if not ids:
        return hasil
    area = SEMUA if saring is None else saring
    awal, akhir = _rentang(bulan)

    def isi(kolom: str, data: dict) -> None:
        for desa_id, n in data.items():
            if desa_id in hasil:
                hasil[desa_id][kolom] = n

    isi("lahir", lahir_desa(bulan=awal, desa_ids=area))
    isi("nikah_bawah_usia_ideal", nikah_bawah_usia_ideal_desa(bulan=awal, desa_ids=area))
    konseling = Konseling.objects.filter(tanggal__gte=awal, tanggal__lte=akhir)
    if saring is not None:
        konseling = konseling.filter(desa_id__in=saring)
    isi(
        "konseling",
        dict(
            konseling.order_by()
            .values("desa_id")
            .annotate(n=Count("pk"))
            .values_list("desa_id", "n")
        ),
    )
    isi("konversi_mkjp", {k: len(v[1]) for k, v in konversi_per(konseling, "desa_id").items()})
    # KB services, acceptors and sosialisasi: pertemuan's own count per desa (one place).
    for desa_id, nilai in program_desa(bulan=awal, desa_ids=area).items():
        if desa_id in hasil:
            hasil[desa_id].update(nilai)
    return hasil


def acara_atas(*, bulan: date) -> dict[int, dict[str, int]]:
    """The same counts for events held at kecamatan or kabupaten level, per wilayah id: they
    count in that wilayah's row (and, all of them, in the kabupaten's), never in a desa's."""
    awal, akhir = _rentang(bulan)
    atas = {
        "tanggal__gte": awal,
        "tanggal__lte": akhir,
        "wilayah__tingkat__in": (Wilayah.Tingkat.KECAMATAN, Wilayah.Tingkat.KABUPATEN),
    }
    hasil: dict[int, dict[str, int]] = defaultdict(P.ukuran_kosong)
    pelayanan = PelayananKB.objects.filter(**atas)
    for wid, n in _per_desa_hitung(pelayanan, "wilayah_id").items():
        hasil[wid]["pelayanan_kb"] = n
    for wid, n in (
        AkseptorPelayanan.objects.filter(pelayanan__in=pelayanan)
        .order_by()
        .values("pelayanan__wilayah_id")
        .annotate(n=Sum("jumlah"))
        .values_list("pelayanan__wilayah_id", "n")
    ):
        hasil[wid]["akseptor_dilayani"] = n
    for wid, n in _per_desa_hitung(Sosialisasi.objects.filter(**atas), "wilayah_id").items():
        hasil[wid]["sosialisasi"] = n
    return dict(hasil)


def penduduk_desa(*, bulan: date, desa_ids: list[int]) -> dict[int, int]:
    """Population per desa on the month's last day (members of its families then)."""
    _, akhir = _rentang(bulan)
    return dict(
        RiwayatAnggota.objects.berlaku_pada(akhir)
        .filter(desa_id__in=desa_ids)
        .order_by()
        .values("desa_id")
        .annotate(n=Count("pk"))
        .values_list("desa_id", "n")
    )


def hasil_program(*, desa: list[Wilayah], bulan: date) -> dict:
    """The measures page: per desa (with births per 1,000 population), per kecamatan and the
    total of the desa given."""
    ids = [d.pk for d in desa]
    ukuran = ukuran_desa(bulan=bulan, desa_ids=ids)
    penduduk = penduduk_desa(bulan=bulan, desa_ids=ids)
    baris_desa = []
    per_kec: dict[int, dict] = {}
    for d in desa:
        u, n = ukuran[d.pk], penduduk.get(d.pk, 0)
        baris_desa.append(
            {
                "wilayah": d,
                "ukuran": u,
                "penduduk": n,
                "lahir_per_seribu": P.per_seribu(u["lahir"], n),
            }
        )
        k = per_kec.setdefault(d.kecamatan_id, {"wilayah": d.kecamatan, "desa": [], "penduduk": 0})
        k["desa"].append(u)
        k["penduduk"] += n
    baris_kec = []
    for k in per_kec.values():
        u = P.jumlahkan(k["desa"])
        baris_kec.append(
            {
                "wilayah": k["wilayah"],
                "ukuran": u,
                "penduduk": k["penduduk"],
                "lahir_per_seribu": P.per_seribu(u["lahir"], k["penduduk"]),
            }
        )
    total = P.jumlahkan(ukuran.values())
    jumlah_penduduk = sum(penduduk.values())
    return {
        "desa": baris_desa,
        "kecamatan": baris_kec,
        "total": total,
        "penduduk": jumlah_penduduk,
        "lahir_per_seribu": P.per_seribu(total["lahir"], jumlah_penduduk),
    }


def konversi_mkjp(*, desa_ids: list[int], dari: date, sampai: date, per: str) -> list[dict]:
    """Counselled PUS → MKJP within 3 months, per desa (per="desa") or per cadre (per="kader"),
    for counselling held in the months `dari`..`sampai` in the given desa."""
    kunci = {"desa": ("desa_id", "desa__nama"), "kader": ("kader_id", "kader__nama")}[per]
    konseling = Konseling.objects.filter(
        desa_id__in=desa_ids, tanggal__gte=awal_bulan(dari), tanggal__lte=akhir_bulan(sampai)
    )
    nama = dict(konseling.order_by().values_list(*kunci).distinct())
    hasil = []
    for pk, (dikonseling, jadi) in konversi_per(konseling, kunci[0]).items():
        hasil.append(
            {
                "id": pk,
                "nama": nama.get(pk) or "(tanpa kader)",
                "dikonseling": len(dikonseling),
                "konversi_mkjp": len(jadi),
                "persen": persen(len(jadi), len(dikonseling)),
            }
        )
    return sorted(hasil, key=lambda b: (-b["persen"], b["nama"]))


# --- §8.6 CSV ----------------------------------------------------------------------------------


def _baris_csv(wilayah_kode, nama, tingkat, bulan, ukuran) -> dict:
    return {
        "kode_wilayah": wilayah_kode,
        "nama_wilayah": nama,
        "tingkat": tingkat,
        "bulan": f"{bulan:%Y-%m}",
        **{k: ukuran[k] for k in P.UKURAN},
    }


def _tambah_atas(ukuran: dict, atas: dict | None) -> dict:
    """A kecamatan or the kabupaten: the sum of its desa plus events held at its own level."""
    if not atas:
        return ukuran
    return {k: ukuran[k] + atas.get(k, 0) for k in P.UKURAN}


def baris_program_csv(
    *, bulan: date, tingkat: str | None = None, desa_ids: Iterable[int] | Semua
) -> list[dict]:
    """Rows of §8.6 for the month: the kabupaten, then each kecamatan, then each desa (or one
    level). `desa_ids` SEMUA means every desa; a narrower set (a user's areas) gives no
    kabupaten row, since a sum over part of the district is not the district's figure."""
    ids = wilayah_saring(desa_ids)  # fails closed
    if tingkat is not None and tingkat not in TINGKAT:
        raise ValueError(
            f"Tingkat '{tingkat}' tidak dikenal; pilih desa, kecamatan atau kabupaten."
        )
    bulan = awal_bulan(bulan)
    desa_qs = Wilayah.objects.desa().select_related("kecamatan").order_by("kode")
    if ids is not None:
        desa_qs = desa_qs.filter(pk__in=ids)
    desa = list(desa_qs)
    ukuran = ukuran_desa(bulan=bulan, desa_ids=SEMUA if ids is None else [d.pk for d in desa])
    atas = acara_atas(bulan=bulan) if tingkat != "desa" else {}
    hasil = []
    if tingkat in (None, "kabupaten") and ids is None:
        kode, nama = kabupaten()
        total = P.jumlahkan([*ukuran.values(), *atas.values()])
        hasil.append(_baris_csv(kode, nama, "kabupaten", bulan, total))
    if tingkat in (None, "kecamatan"):
        per_kec: dict[int, list] = {}
        for d in desa:
            per_kec.setdefault(d.kecamatan_id, []).append(d)
        for kec_id, daftar in per_kec.items():
            kec = daftar[0].kecamatan
            total = _tambah_atas(P.jumlahkan(ukuran[d.pk] for d in daftar), atas.get(kec_id))
            hasil.append(_baris_csv(kec.kode, kec.nama, "kecamatan", bulan, total))
    if tingkat in (None, "desa"):
        hasil.extend(_baris_csv(d.kode, d.nama, "desa", bulan, ukuran[d.pk]) for d in desa)
    return hasil


# --- Klasifikasi IMP ---------------------------------------------------------------------------

JENIS_KLASIFIKASI = (Institusi.Jenis.PPKBD, Institusi.Jenis.SUB_PPKBD)


def _bukti_kosong() -> dict:
    return {
        "ketua": False,
        "sekretaris": False,
        "bendahara": False,
        "jabatan_lain": 0,
        "sesi_kie": 0,
        "bulan_status": 0,
        "bulan_pertemuan": 0,
        "triwulan_layanan": 0,
        "poktan_aktif": 0,
        "bulan_iuran": 0,
        "arisan_berjalan": False,
        "pengurus_dilatih": 0,
    }


def bukti_klasifikasi(*, institusi: list[Institusi], bulan: date) -> dict[int, dict]:
    """Per institution id, the evidence of DOMAIN §10 over the 12 months ending with `bulan`:
    the board on the last day; KIE sessions; months with KB statuses saved or confirmed (a
    change row, a "tidak ada perubahan" confirmation, or — for a PPKBD — the desa report
    sent); months with a meeting; quarters with counselling or a service activity (poktan, KB
    service); poktan with an activity; months with dues; an arisan running; board members ever
    trained. An activity belongs to the institution named
    on it, or — when none is named — to the PPKBD/Sub-PPKBD of the desa/dusun where it was held.
    About a dozen queries."""
    akhir = akhir_bulan(awal_bulan(bulan))
    awal = geser_bulan(awal_bulan(bulan), -(P.BULAN_KLASIFIKASI - 1))
    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir}
    bukti = {i.pk: _bukti_kosong() for i in institusi}
    if not bukti:
        return bukti
    ids = list(bukti)
    per_wilayah = {i.wilayah_id: i.pk for i in institusi}
    desa_ppkbd = {i.wilayah_id: i.pk for i in institusi if i.jenis == Institusi.Jenis.PPKBD}
    dusun_sub = {i.wilayah_id: i.pk for i in institusi if i.jenis != Institusi.Jenis.PPKBD}

    def milik(institusi_id, wilayah_id):
        if institusi_id is not None:
            return institusi_id if institusi_id in bukti else None
        return per_wilayah.get(wilayah_id)

    def indeks(tanggal: date) -> int:
        return (tanggal.year - awal.year) * 12 + tanggal.month - awal.month

    bulan_set: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))

    # Board on the last day.
    pengurus_kader: dict[int, set] = defaultdict(set)
    for iid, jabatan, kader_id in (
        Pengurus.objects.berlaku_pada(akhir)
        .filter(institusi_id__in=ids)
        .values_list("institusi_id", "jabatan", "kader_id")
    ):
        b = bukti[iid]
        if jabatan in (
            Pengurus.Jabatan.KETUA,
            Pengurus.Jabatan.SEKRETARIS,
            Pengurus.Jabatan.BENDAHARA,
        ):
            b[jabatan] = True
        if jabatan != Pengurus.Jabatan.KETUA:
            b["jabatan_lain"] += 1
        pengurus_kader[iid].add(kader_id)

    dari_nama_atau_wilayah = Q(institusi_id__in=ids) | Q(
        institusi__isnull=True, wilayah_id__in=list(per_wilayah)
    )
    for iid, wid in SesiKIE.objects.filter(dari_nama_atau_wilayah, **rentang).values_list(
        "institusi_id", "wilayah_id"
    ):
        if (k := milik(iid, wid)) is not None:
            bukti[k]["sesi_kie"] += 1

    for iid, wid, tanggal in Pertemuan.objects.filter(
        dari_nama_atau_wilayah, **rentang
    ).values_list("institusi_id", "wilayah_id", "tanggal"):
        if (k := milik(iid, wid)) is not None:
            bulan_set["pertemuan"][k].add(indeks(tanggal))

    # Statuses saved (change rows of the month) or confirmed (the desa report sent).
    for desa_id, bln in (
        PerubahanStatus.objects.filter(
            desa_id__in=list(desa_ppkbd), bulan__gte=awal, bulan__lte=akhir
        )
        .order_by()
        .values_list("desa_id", "bulan")
        .distinct()
    ):
        bulan_set["status"][desa_ppkbd[desa_id]].add(indeks(bln))
    for desa_id, bln in LaporanDesa.objects.filter(
        desa_id__in=list(desa_ppkbd),
        bulan__gte=awal,
        bulan__lte=akhir,
        dikirim_pertama_pada__isnull=False,
    ).values_list("desa_id", "bulan"):
        bulan_set["status"][desa_ppkbd[desa_id]].add(indeks(bln))
    # "Tidak ada perubahan bulan ini": a desa's confirmation covers its dusun.
    desa_dusun = {i.wilayah_id: i.wilayah.desa_id for i in institusi if i.wilayah_id in dusun_sub}
    for wid, bln in KonfirmasiPus.objects.filter(
        Q(wilayah_id__in=list(per_wilayah)) | Q(wilayah_id__in=set(desa_dusun.values())),
        bulan__gte=awal,
        bulan__lte=akhir,
    ).values_list("wilayah_id", "bulan"):
        if wid in desa_ppkbd:
            bulan_set["status"][desa_ppkbd[wid]].add(indeks(bln))
        if wid in dusun_sub:
            bulan_set["status"][dusun_sub[wid]].add(indeks(bln))
        for dusun_id, desa_id in desa_dusun.items():
            if desa_id == wid:
                bulan_set["status"][dusun_sub[dusun_id]].add(indeks(bln))
    if dusun_sub:
        for dusun_id, bln in (
            PerubahanStatus.objects.filter(
                anggota__keluarga__dusun_id__in=list(dusun_sub), bulan__gte=awal, bulan__lte=akhir
            )
            .order_by()
            .values_list("anggota__keluarga__dusun_id", "bulan")
            .distinct()
        ):
            bulan_set["status"][dusun_sub[dusun_id]].add(indeks(bln))

    # Counselling and service activities, by quarter; poktan with an activity.
    for iid, dusun_id, tanggal in Konseling.objects.filter(
        Q(kader__institusi_id__in=ids) | Q(kader__isnull=True, dusun_id__in=list(dusun_sub)),
        **rentang,
    ).values_list("kader__institusi_id", "dusun_id", "tanggal"):
        if (k := milik(iid, dusun_id)) is not None:
            bulan_set["layanan"][k].add(indeks(tanggal))
    poktan: dict[int, set] = defaultdict(set)
    for iid, wid, tanggal, poktan_id in KegiatanPoktan.objects.filter(
        Q(poktan__institusi_id__in=ids)
        | Q(poktan__institusi__isnull=True, poktan__wilayah_id__in=list(per_wilayah)),
        **rentang,
    ).values_list("poktan__institusi_id", "poktan__wilayah_id", "tanggal", "poktan_id"):
        if (k := milik(iid, wid)) is not None:
            bulan_set["layanan"][k].add(indeks(tanggal))
            poktan[k].add(poktan_id)
    for k, bulan_ke in layanan_acara(ids=ids, per_wilayah=per_wilayah, awal=awal, akhir=akhir):
        if k in bukti:
            bulan_set["layanan"][k].add(bulan_ke)

    # Group funds and training.
    for iid, tanggal in (
        TransaksiKas.objects.berlaku()
        .filter(institusi_id__in=ids, jenis=TransaksiKas.Jenis.IURAN, **rentang)
        .values_list("institusi_id", "tanggal")
    ):
        bulan_set["iuran"][iid].add(indeks(tanggal))
    for iid in KelompokArisan.objects.filter(
        institusi_id__in=ids, aktif=True, dibuat__lte=akhir
    ).values_list("institusi_id", flat=True):
        bukti[iid]["arisan_berjalan"] = True
    semua_pengurus = set().union(*pengurus_kader.values()) if pengurus_kader else set()
    dilatih = set(
        PesertaPelatihan.objects.filter(
            kader_id__in=semua_pengurus, pelatihan__tanggal_mulai__lte=akhir
        ).values_list("kader_id", flat=True)
    )

    for iid, b in bukti.items():
        b["bulan_status"] = len(bulan_set["status"][iid])
        b["bulan_pertemuan"] = len(bulan_set["pertemuan"][iid])
        b["triwulan_layanan"] = len({i // 3 for i in bulan_set["layanan"][iid]})
        b["poktan_aktif"] = len(poktan[iid])
        b["bulan_iuran"] = len(bulan_set["iuran"][iid])
        b["pengurus_dilatih"] = len(pengurus_kader[iid] & dilatih)
    return bukti


def layanan_acara(*, ids, per_wilayah, awal: date, akhir: date) -> list[tuple[int, int]]:
    """(institution id, month index from `awal`) of KB service events the institution took
    part in: its cadres brought acceptors, or the event was held in its desa/dusun."""

    def indeks(tanggal: date) -> int:
        return (tanggal.year - awal.year) * 12 + tanggal.month - awal.month

    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir}
    hasil = [
        (iid, indeks(tanggal))
        for iid, tanggal in AkseptorPelayanan.objects.filter(
            kader__institusi_id__in=ids,
            pelayanan__tanggal__gte=awal,
            pelayanan__tanggal__lte=akhir,
        ).values_list("kader__institusi_id", "pelayanan__tanggal")
    ]
    hasil += [
        (per_wilayah[wid], indeks(tanggal))
        for wid, tanggal in PelayananKB.objects.filter(
            wilayah_id__in=list(per_wilayah), **rentang
        ).values_list("wilayah_id", "tanggal")
    ]
    return hasil


def klasifikasi(*, institusi: list[Institusi], bulan: date) -> list[dict]:
    """Per institution: the class the PKB set, the class computed (laporan.program.klasifikasi)
    and the evidence, criterion by criterion."""
    bukti = bukti_klasifikasi(institusi=institusi, bulan=bulan)
    hasil = []
    for i in institusi:
        kelas, kriteria = P.klasifikasi(bukti[i.pk])
        hasil.append(
            {
                "institusi": i,
                "ditetapkan": i.klasifikasi,
                "dihitung": kelas,
                "label_dihitung": P.LABEL_KELAS[kelas],
                "berbeda": kelas != i.klasifikasi,
                "kriteria": kriteria,
                "bukti": bukti[i.pk],
            }
        )
    return hasil


def institusi_klasifikasi(*, user, kecamatan_id: int | None = None):
    """Active PPKBD and Sub-PPKBD the user may see (optionally of one kecamatan)."""
    qs = (
        Institusi.objects.visible_to(user)
        .filter(aktif=True, jenis__in=JENIS_KLASIFIKASI)
        .select_related("wilayah__kecamatan", "wilayah__desa")
        .order_by("wilayah__kode", "jenis", "nama")
    )
    if kecamatan_id:
        qs = qs.filter(wilayah__kecamatan_id=kecamatan_id)
    return list(qs)


def berbeda_per_kecamatan(baris: list[dict]) -> list[dict]:
    """Institutions whose computed class differs from the set one, grouped by kecamatan."""
    per: dict[int, dict] = {}
    for b in baris:
        kec = b["institusi"].wilayah.kecamatan
        k = per.setdefault(kec.pk, {"kecamatan": kec, "jumlah": 0, "berbeda": []})
        k["jumlah"] += 1
        if b["berbeda"]:
            k["berbeda"].append(b)
    return sorted(per.values(), key=lambda k: k["kecamatan"].kode)


# --- supervision scorecard ---------------------------------------------------------------------


def _per_desa_hitung(qs, desa: str) -> dict[int, int]:
    return dict(qs.order_by().values(desa).annotate(n=Count("pk")).values_list(desa, "n"))


def kegiatan_supervisi_desa(*, bulan: date, desa_ids: list[int]) -> dict[int, dict]:
    """Per desa, what a supervisor checks for the month: report sent on time (and expected),
    meetings, KIE, counselling, statuses saved or confirmed, MKJP conversions, and follow-ups
    overdue today (meeting actions and counselling follow-ups)."""
    awal, akhir = _rentang(bulan)
    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir}
    hari_ini = timezone.localdate()
    mulai = mulai_desa(desa_ids)
    hasil = {
        d: {
            "diharapkan": int(jadwal.berlaku(awal, mulai[d])),
            "tepat_waktu": 0,
            "pertemuan": 0,
            "kie": 0,
            "konseling": 0,
            "status": 0,
            "dikonseling": 0,
            "konversi_mkjp": 0,
            "terlambat": 0,
        }
        for d in desa_ids
    }
    if not desa_ids:
        return hasil
    for desa_id, dikirim in LaporanDesa.objects.filter(
        desa_id__in=desa_ids, bulan=awal
    ).values_list("desa_id", "dikirim_pertama_pada"):
        hasil[desa_id]["diharapkan"] = 1
        hasil[desa_id]["status"] = int(dikirim is not None)
        hasil[desa_id]["tepat_waktu"] = int(jadwal.tepat_waktu(dikirim, awal))
    for desa_id in (
        PerubahanStatus.objects.filter(desa_id__in=desa_ids, bulan=awal)
        .order_by()
        .values_list("desa_id", flat=True)
        .distinct()
    ):
        hasil[desa_id]["status"] = 1
    for desa_id in KonfirmasiPus.objects.filter(wilayah_id__in=desa_ids, bulan=awal).values_list(
        "wilayah_id", flat=True
    ):
        hasil[desa_id]["status"] = 1

    def isi(kolom, data):
        for d, n in data.items():
            if d in hasil:
                hasil[d][kolom] += n

    isi(
        "pertemuan",
        _per_desa_hitung(
            Pertemuan.objects.filter(wilayah__desa_id__in=desa_ids, **rentang), "wilayah__desa_id"
        ),
    )
    isi(
        "kie",
        _per_desa_hitung(
            SesiKIE.objects.filter(wilayah__desa_id__in=desa_ids, **rentang), "wilayah__desa_id"
        ),
    )
    konseling = Konseling.objects.filter(desa_id__in=desa_ids, **rentang)
    isi("konseling", _per_desa_hitung(konseling, "desa_id"))
    for d, (dikonseling, jadi) in konversi_per(konseling, "desa_id").items():
        hasil[d]["dikonseling"] = len(dikonseling)
        hasil[d]["konversi_mkjp"] = len(jadi)
    isi(
        "terlambat",
        _per_desa_hitung(
            TindakLanjut.objects.terlambat(hari_ini).filter(
                masalah__pertemuan__wilayah__desa_id__in=desa_ids
            ),
            "masalah__pertemuan__wilayah__desa_id",
        ),
    )
    isi(
        "terlambat",
        _per_desa_hitung(
            Konseling.objects.tindak_lanjut_jatuh_tempo(hari_ini - timedelta(days=1)).filter(
                desa_id__in=desa_ids
            ),
            "desa_id",
        ),
    )
    return hasil


def supervisi_penyuluh(*, user, bulan: date, desa_ids: list[int]) -> list[dict]:
    """One row per penyuluh with a desa binaan (assignment valid on the month's last day) among
    `desa_ids` (the user's desa); a penyuluh sees only their own row."""
    _, akhir = _rentang(bulan)
    tugas = Penugasan.objects.aktif_pada(akhir).filter(desa_id__in=desa_ids)
    profil = getattr(user, "profil", None)
    if profil is not None and profil.peran == Peran.PENYULUH and not user.is_superuser:
        tugas = tugas.filter(penyuluh=user)
    binaan: dict[int, set] = defaultdict(set)
    nama = {}
    for pid, desa_id, depan, belakang, username in tugas.values_list(
        "penyuluh_id",
        "desa_id",
        "penyuluh__first_name",
        "penyuluh__last_name",
        "penyuluh__username",
    ):
        binaan[pid].add(desa_id)
        nama[pid] = f"{depan} {belakang}".strip() or username
    semua = sorted(set().union(*binaan.values())) if binaan else []
    per_desa = kegiatan_supervisi_desa(bulan=bulan, desa_ids=semua)
    hasil = []
    for pid, desa in binaan.items():
        t = {k: sum(per_desa[d][k] for d in desa) for k in next(iter(per_desa.values()))}
        hasil.append(
            {
                "id": pid,
                "nama": nama[pid],
                "desa_binaan": len(desa),
                "laporan_tepat_waktu": t["tepat_waktu"],
                "laporan_diharapkan": t["diharapkan"],
                "tepat_waktu_persen": persen(t["tepat_waktu"], t["diharapkan"]),
                "pertemuan": t["pertemuan"],
                "kie": t["kie"],
                "konseling": t["konseling"],
                "status_desa": t["status"],
                "dikonseling": t["dikonseling"],
                "konversi_mkjp": t["konversi_mkjp"],
                "tindak_lanjut_terlambat": t["terlambat"],
            }
        )
    return sorted(hasil, key=lambda b: b["nama"])


def supervisi_kader(*, user, bulan: date, kecamatan_id: int | None = None) -> list[dict]:
    """One row per active cadre of a PPKBD or Sub-PPKBD the user may see: meetings attended,
    KIE of her institution, her counselling, the PUS she counselled who converted to MKJP,
    whether her institution's area has statuses saved or confirmed this month, acceptors she
    brought to KB service events, and her counselling follow-ups overdue today."""
    awal, akhir = _rentang(bulan)
    rentang = {"tanggal__gte": awal, "tanggal__lte": akhir}
    kader = (
        Kader.objects.visible_to(user)
        .filter(aktif=True, institusi__jenis__in=JENIS_KLASIFIKASI)
        .select_related("institusi__wilayah")
        .order_by("nama", "pk")
    )
    if kecamatan_id:
        kader = kader.filter(institusi__wilayah__kecamatan_id=kecamatan_id)
    kader = list(kader)
    if not kader:
        return []
    ids = [k.pk for k in kader]
    hadir = dict(
        Pertemuan.kader_hadir.through.objects.filter(
            kader_id__in=ids, pertemuan__tanggal__gte=awal, pertemuan__tanggal__lte=akhir
        )
        .order_by()
        .values("kader_id")
        .annotate(n=Count("pk"))
        .values_list("kader_id", "n")
    )
    institusi_ids = {k.institusi_id for k in kader}
    kie = _per_desa_hitung(
        SesiKIE.objects.filter(institusi_id__in=institusi_ids, **rentang), "institusi_id"
    )
    konseling = Konseling.objects.filter(kader_id__in=ids, **rentang)
    jumlah_konseling = _per_desa_hitung(konseling, "kader_id")
    konversi = konversi_per(konseling, "kader_id")
    terlambat = _per_desa_hitung(
        Konseling.objects.tindak_lanjut_jatuh_tempo(
            timezone.localdate() - timedelta(days=1)
        ).filter(kader_id__in=ids),
        "kader_id",
    )
    desa_status = set(
        PerubahanStatus.objects.filter(
            bulan=awal, desa_id__in={k.institusi.wilayah.desa_id for k in kader}
        )
        .order_by()
        .values_list("desa_id", flat=True)
        .distinct()
    )
    desa_status |= set(
        KonfirmasiPus.objects.filter(
            bulan=awal, wilayah_id__in={k.institusi.wilayah.desa_id for k in kader}
        ).values_list("wilayah_id", flat=True)
    )
    desa_status |= set(
        LaporanDesa.objects.filter(
            bulan=awal,
            dikirim_pertama_pada__isnull=False,
            desa_id__in={k.institusi.wilayah.desa_id for k in kader},
        ).values_list("desa_id", flat=True)
    )
    akseptor = akseptor_per_kader(kader_ids=ids, awal=awal, akhir=akhir)
    hasil = []
    for k in kader:
        dikonseling, jadi = konversi.get(k.pk, (set(), set()))
        hasil.append(
            {
                "id": k.pk,
                "nama": k.nama,
                "institusi": str(k.institusi),
                "wilayah": str(k.institusi.wilayah),
                "pertemuan_hadir": hadir.get(k.pk, 0),
                "kie_institusi": kie.get(k.institusi_id, 0),
                "konseling": jumlah_konseling.get(k.pk, 0),
                "dikonseling": len(dikonseling),
                "konversi_mkjp": len(jadi),
                "status_bulan_ini": k.institusi.wilayah.desa_id in desa_status,
                "akseptor_digerakkan": akseptor.get(k.pk, 0),
                "tindak_lanjut_terlambat": terlambat.get(k.pk, 0),
            }
        )
    return hasil


def akseptor_per_kader(*, kader_ids: list[int], awal: date, akhir: date) -> dict[int, int]:
    """Acceptors each cadre brought to KB service events held in the period."""
    return dict(
        AkseptorPelayanan.objects.filter(
            kader_id__in=kader_ids, pelayanan__tanggal__gte=awal, pelayanan__tanggal__lte=akhir
        )
        .order_by()
        .values("kader_id")
        .annotate(n=Sum("jumlah"))
        .values_list("kader_id", "n")
    )


# --- the "Hasil program" page of the district recap PDF ----------------------------------------


def ringkasan_rekap(*, bulan: date, desa_ids: Iterable[int] | Semua) -> dict:
    """Aggregates only: births and marriages below the ideal age in each of the 12 months
    ending with `bulan`; the month's §8.6 totals; partners' contribution from January by kind
    of partner (involvements, people reached, acceptors mobilised); the computed IMP classes
    per kecamatan beside the set ones. About 25 queries."""
    ids = wilayah_saring(desa_ids)  # fails closed
    awal = awal_bulan(bulan)
    akhir = akhir_bulan(awal)
    mulai = geser_bulan(awal, -(P.BULAN_KLASIFIKASI - 1))
    bulan_list = [geser_bulan(mulai, i) for i in range(P.BULAN_KLASIFIKASI)]

    lahir = Anggota.objects.filter(tanggal_lahir__gte=mulai, tanggal_lahir__lte=akhir)
    if ids is not None:
        lahir = lahir.filter(keluarga__desa_id__in=ids)
    per_bulan = dict(
        lahir.order_by()
        .annotate(b=TruncMonth("tanggal_lahir"))
        .values("b")
        .annotate(n=Count("pk"))
        .values_list("b", "n")
    )
    pup: dict[date, int] = defaultdict(int)
    for _, _, tanggal in _nikah_bawah_usia_ideal(dari=mulai, sampai=akhir, ids=ids):
        pup[awal_bulan(tanggal)] += 1
    tren = [{"bulan": b, "lahir": per_bulan.get(b, 0), "pup": pup[b]} for b in bulan_list]

    total = P.jumlahkan(ukuran_desa(bulan=awal, desa_ids=SEMUA if ids is None else ids).values())

    kec_ids = None
    if ids is not None:
        kec_ids = set(Wilayah.objects.filter(pk__in=ids).values_list("kecamatan_id", flat=True))
    januari = awal.replace(month=1)
    keterlibatan = KeterlibatanMitra.objects.none()
    for keg in KeterlibatanMitra.KEGIATAN:
        q = {f"{keg}__tanggal__gte": januari, f"{keg}__tanggal__lte": akhir}
        if kec_ids is not None:
            q[f"{keg}__wilayah__kecamatan_id__in"] = kec_ids
        keterlibatan = keterlibatan | KeterlibatanMitra.objects.filter(**q)
    label_mitra = dict(Mitra.Jenis.choices)
    mitra = [
        {
            "jenis": label_mitra.get(r["mitra__jenis"], r["mitra__jenis"]),
            "mitra": r["mitra_n"],
            "kegiatan": r["n"],
            "terjangkau": r["terjangkau"] or 0,
            "akseptor": r["akseptor"] or 0,
        }
        for r in keterlibatan.order_by()
        .values("mitra__jenis")
        .annotate(
            n=Count("pk"),
            mitra_n=Count("mitra", distinct=True),
            terjangkau=Sum("jumlah_terjangkau"),
            akseptor=Sum("jumlah_akseptor"),
        )
        .order_by("-n", "mitra__jenis")
    ]

    institusi = Institusi.objects.filter(aktif=True, jenis__in=JENIS_KLASIFIKASI).select_related(
        "wilayah__kecamatan"
    )
    if kec_ids is not None:
        institusi = institusi.filter(wilayah__kecamatan_id__in=kec_ids)
    per_kec: dict[int, dict] = {}
    for b in klasifikasi(institusi=list(institusi), bulan=awal):
        kec = b["institusi"].wilayah.kecamatan
        k = per_kec.setdefault(
            kec.pk,
            {
                "kecamatan": kec,
                "dihitung": dict.fromkeys((None, *P.KELAS), 0),
                "ditetapkan": dict.fromkeys(P.KELAS, 0),
                "berbeda": 0,
            },
        )
        k["dihitung"][b["dihitung"]] += 1
        k["ditetapkan"][b["ditetapkan"]] = k["ditetapkan"].get(b["ditetapkan"], 0) + 1
        k["berbeda"] += b["berbeda"]
    for k in per_kec.values():
        # (computed, set) per class in order; nobody sets "belum dasar".
        k["kolom"] = [(k["dihitung"][c], k["ditetapkan"].get(c)) for c in (None, *P.KELAS)]
    return {
        "bulan": awal,
        "tren": tren,
        "total": total,
        "mitra": mitra,
        "klasifikasi": sorted(per_kec.values(), key=lambda k: k["kecamatan"].kode),
        "ukuran": [(P.LABEL_UKURAN[k], total[k]) for k in P.UKURAN],
    }
