"""KB status import (DOMAIN.md §8.2): one row per change, keyed by NIK and month."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from imp_smart.nik import cek_nik, hash_nik
from kader.scoping import SEMUA, cakupan
from pendataan.impor.baca import LANGKAH_PROGRES, Hasil
from pendataan.indikator import STATUS
from pendataan.models import TANPA_AKHIR, Anggota, PerubahanStatus, RiwayatAnggota
from pendataan.selectors import awal_bulan, pus_bulan
from pendataan.services import JALUR, Isian, cek_isian, status_tulis


def _salah_kode(nilai: str, kode, kolom: str) -> str | None:
    """A code of DOMAIN §8.2 is written exactly (upper case); the text itself is never echoed
    (it may be a formula or markup)."""
    if nilai in kode:
        return None
    if nilai.upper() in kode:
        return f"{kolom} ditulis dengan huruf besar: {nilai.upper()}."
    return f"{kolom} tidak dikenal; tulis {', '.join(kode[:-1])} atau {kode[-1]}."


def periksa(rows, user, hasil: Hasil, progres: Callable[[int], None]):
    ini = awal_bulan(timezone.localdate())
    data, kunci_file = [], {}
    for i, r in enumerate(rows, start=2):
        if i % LANGKAH_PROGRES == 0:
            progres(i - 1)
        if r is None:
            continue
        x = {"baris": i}
        try:
            x["nik_hash"] = hash_nik(cek_nik(r.get("nik", "")))
        except ValidationError as e:
            hasil.salah(i, "nik", e.messages[0])
        try:
            tahun, bln = r.get("bulan", "").split("-")
            x["bulan"] = date(int(tahun), int(bln), 1)
            if x["bulan"] > ini:
                hasil.salah(i, "bulan", "Bulan tidak boleh di masa depan.")
        except ValueError:
            hasil.salah(i, "bulan", "Bulan harus berformat YYYY-MM, mis. 2025-03.")
        x["status"] = r.get("status", "").strip()
        if pesan := _salah_kode(x["status"], STATUS, "Status"):
            hasil.salah(i, "status", pesan)
        x["jalur"] = r.get("jalur", "").strip()
        if x["jalur"] and (pesan := _salah_kode(x["jalur"], JALUR, "Jalur")):
            hasil.salah(i, "jalur", pesan)
        pb = r.get("peserta_baru", "").upper()
        if pb not in ("", "Y", "T"):
            hasil.salah(i, "peserta_baru", "Peserta baru harus Y atau T.")
        x["peserta_baru"] = pb == "Y"
        if "nik_hash" in x and "bulan" in x:
            k = (x["nik_hash"], x["bulan"])
            if k in kunci_file:
                hasil.salah(
                    i, "nik", f"NIK dan bulan yang sama sudah ada di baris {kunci_file[k]}."
                )
            kunci_file.setdefault(k, i)
        data.append(x)
    _cek_status_db(data, user, hasil)
    return data


def _cek_status_db(data, user, hasil: Hasil) -> None:
    """NIK known, in scope, PUS that month; PB/jalur rules against the status before."""
    hashes = list({x["nik_hash"] for x in data if "nik_hash" in x})
    anggota = {}
    for awal in range(0, len(hashes), 5000):
        anggota.update(
            Anggota.objects.filter(nik_hash__in=hashes[awal : awal + 5000]).values_list(
                "nik_hash", "pk"
            )
        )
    ids = SEMUA if user is None else cakupan(user)  # no user: a Dinas command
    per_bulan = defaultdict(list)
    for x in data:
        if "nik_hash" not in x:
            continue
        x["anggota_id"] = anggota.get(x["nik_hash"])
        if x["anggota_id"] is None:
            hasil.salah(x["baris"], "nik", "NIK tidak terdaftar di data keluarga.")
        elif "bulan" in x:
            per_bulan[x["bulan"]].append(x)
    for bulan, xs in per_bulan.items():
        qs = pus_bulan(bulan=bulan, desa_ids=SEMUA).filter(
            anggota_id__in=[x["anggota_id"] for x in xs]
        )
        pus = dict(qs.values_list("anggota_id", "dusun_id"))
        for x in xs:
            dusun_id = pus.get(x["anggota_id"])
            if dusun_id is None:
                hasil.salah(
                    x["baris"],
                    "nik",
                    f"Bukan PUS pada bulan {bulan:%Y-%m} (perempuan kawin 15–49 tahun).",
                )
            elif ids is not SEMUA and dusun_id not in ids:
                hasil.salah(x["baris"], "nik", "PUS ini di luar wilayah kerja Anda.")
    _cek_urutan(data, hasil)


def _cek_urutan(data, hasil: Hasil) -> None:
    """The status before each row comes from the file's earlier month or else the database."""
    per_anggota = defaultdict(list)
    for x in data:
        if x.get("anggota_id") and "bulan" in x and x["status"] in STATUS:
            per_anggota[x["anggota_id"]].append(x)
    if not per_anggota:
        return
    awal = {}
    ids = list(per_anggota)
    for mulai in range(0, len(ids), 5000):
        potong = ids[mulai : mulai + 5000]
        for p in PerubahanStatus.objects.filter(anggota_id__in=potong).order_by(
            "anggota_id", "bulan"
        ):
            awal.setdefault(p.anggota_id, []).append((p.bulan, p.status))
    for aid, xs in per_anggota.items():
        xs.sort(key=lambda x: x["bulan"])
        riwayat = dict(awal.get(aid, []))
        for x in xs:
            riwayat[x["bulan"]] = x["status"]
        for x in xs:
            sebelum = [b for b in riwayat if b < x["bulan"]]
            lalu = riwayat[max(sebelum)] if sebelum else None
            for kolom, pesan in cek_isian(
                Isian(x["status"], x["jalur"], x["peserta_baru"]), lalu
            ).items():
                hasil.salah(x["baris"], kolom, pesan)


def tulis(data, user, hasil: Hasil) -> None:
    desa = dict(
        RiwayatAnggota.objects.filter(
            anggota_id__in={x["anggota_id"] for x in data}, selesai=TANPA_AKHIR
        ).values_list("anggota_id", "desa_id")
    )
    ada = {}
    for mulai in range(0, len(data), 5000):
        potong = data[mulai : mulai + 5000]
        for p in PerubahanStatus.objects.filter(anggota_id__in={x["anggota_id"] for x in potong}):
            ada[(p.anggota_id, p.bulan)] = p
    baru, ubah = [], []
    for x in data:
        lama = ada.get((x["anggota_id"], x["bulan"]))
        nilai = (x["status"], x["jalur"], x["peserta_baru"])
        if lama is None:
            baru.append(
                PerubahanStatus(
                    anggota_id=x["anggota_id"],
                    desa_id=desa[x["anggota_id"]],
                    bulan=x["bulan"],
                    status=x["status"],
                    jalur=x["jalur"],
                    peserta_baru=x["peserta_baru"],
                    sumber=PerubahanStatus.Sumber.IMPOR,
                    dicatat_oleh=user,
                )
            )
        elif (lama.status, lama.jalur, lama.peserta_baru) != nilai:
            lama.status, lama.jalur, lama.peserta_baru = nilai
            lama.sumber, lama.dicatat_oleh = PerubahanStatus.Sumber.IMPOR, user
            lama.dicatat_pada = timezone.now()
            ubah.append(lama)
    status_tulis(baru=baru, ubah=ubah, oleh=user, batch_size=1000)
    hasil.ringkasan.update({"status_baru": len(baru), "status_diubah": len(ubah)})
