"""Family import (DOMAIN.md §8.1): one row per person; families keyed by no KK, members by NIK."""

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from imp_smart.halaman import tulis_wilayah
from imp_smart.kartu import lupakan_kartu
from imp_smart.nik import cek_nik, cek_no_kk, hash_nik, peringatan_nik
from kader.models import Wilayah
from kader.scoping import SEMUA, cakupan
from kader.services import dusun_create
from pendataan.impor.baca import LANGKAH_PROGRES, Hasil, tanggal_dari
from pendataan.models import TANPA_AKHIR, Anggota, Keluarga, RiwayatAnggota


def periksa(rows, user, hasil: Hasil, progres: Callable[[int], None]):
    """Validate every row; returns the parsed rows (only meaningful without errors)."""
    desa = {w.kode: w for w in Wilayah.objects.desa()}
    dusun = {(w.desa_id, w.nama.lower()): w for w in Wilayah.objects.dusun()}
    ids = SEMUA if user is None else cakupan(user)  # no user: a Dinas command
    data, nik_file, kk_file = [], {}, {}
    hari_ini = timezone.localdate()
    for i, r in enumerate(rows, start=2):
        if i % LANGKAH_PROGRES == 0:
            progres(i - 1)
        if r is None:
            continue
        x = {"baris": i}
        d = desa.get(r.get("kode_desa", ""))
        if d is None:
            hasil.salah(i, "kode_desa", f"Kode desa '{r.get('kode_desa', '')}' tidak dikenal.")
        else:
            x["desa"] = d
            nama_dusun = " ".join(r.get("dusun", "").split())
            if not nama_dusun:
                hasil.salah(i, "dusun", "Nama dusun wajib diisi.")
            ada = dusun.get((d.pk, nama_dusun.lower()))
            x["dusun"], x["nama_dusun"] = ada, nama_dusun
            terlihat = ids is SEMUA or (ada.pk in ids if ada else d.pk in ids)
            if not terlihat:
                hasil.salah(i, "kode_desa", "Wilayah ini di luar wilayah kerja Anda.")
        x["rt"] = r.get("rt", "").strip()
        if not x["rt"] or len(x["rt"]) > 5:
            hasil.salah(i, "rt", "RT wajib diisi (paling banyak 5 karakter).")
        try:
            x["no_kk"] = cek_no_kk(r.get("no_kk", ""))
        except ValidationError as e:
            hasil.salah(i, "no_kk", e.messages[0])
        try:
            nik = x["nik"] = cek_nik(r.get("nik", ""))
            if nik in nik_file:
                hasil.salah(i, "nik", f"NIK sama dengan baris {nik_file[nik]}.")
            nik_file.setdefault(nik, i)
        except ValidationError as e:
            hasil.salah(i, "nik", e.messages[0])
        x["nama"] = " ".join(r.get("nama", "").split())
        if not x["nama"] or len(x["nama"]) > 120:
            hasil.salah(i, "nama", "Nama wajib diisi (paling banyak 120 karakter).")
        for kolom, batas in (("hubungan", 4), ("status_kawin", 4)):
            nilai = r.get(kolom, "")
            if nilai.isdigit() and 1 <= int(nilai) <= batas:
                x[kolom] = int(nilai)
            else:
                hasil.salah(
                    i, kolom, f"{kolom.replace('_', ' ').capitalize()} harus angka 1–{batas}."
                )
        jk = r.get("jenis_kelamin", "").upper()
        if jk in ("L", "P"):
            x["jenis_kelamin"] = jk
        else:
            hasil.salah(i, "jenis_kelamin", "Jenis kelamin harus L atau P.")
        try:
            x["tanggal_lahir"] = tanggal_dari(r.get("tanggal_lahir", ""))
            if x["tanggal_lahir"] > hari_ini:
                hasil.salah(i, "tanggal_lahir", "Tanggal lahir tidak boleh di masa depan.")
        except ValueError:
            hasil.salah(
                i,
                "tanggal_lahir",
                "Tanggal lahir tidak dikenali (YYYY-MM-DD, DD-MM-YYYY atau DD/MM/YYYY).",
            )
        if "nik" in x and "jenis_kelamin" in x and "tanggal_lahir" in x:
            for p in peringatan_nik(x["nik"], jenis_kelamin=jk, tanggal_lahir=x["tanggal_lahir"]):
                hasil.peringatan.append({"baris": i, "kolom": "nik", "pesan": p})
        if "no_kk" in x and "desa" in x:
            tempat = (x["desa"].pk, x["nama_dusun"].lower(), x["rt"])
            awal = kk_file.setdefault(x["no_kk"], (i, tempat))
            if awal[1] != tempat:
                hasil.salah(i, "no_kk", f"KK ini di baris {awal[0]} beralamat desa/dusun/RT lain.")
        data.append(x)
    _cek_nik_keluarga_lain(data, hasil)
    return data


def _cek_nik_keluarga_lain(data, hasil: Hasil) -> None:
    """A NIK already registered in another family (by no KK) is an error (use a mutation)."""
    per_hash = {hash_nik(x["nik"]): x for x in data if "nik" in x and "no_kk" in x}
    for awal in range(0, len(per_hash), 5000):
        potong = list(per_hash)[awal : awal + 5000]
        for nik_hash, kk_hash in Anggota.objects.filter(nik_hash__in=potong).values_list(
            "nik_hash", "keluarga__no_kk_hash"
        ):
            x = per_hash[nik_hash]
            if hash_nik(x["no_kk"]) != kk_hash:
                hasil.salah(x["baris"], "nik", "NIK ini sudah terdaftar di keluarga lain.")


def tulis(data, hasil: Hasil) -> None:
    """Create/update families and members (no duplicates: keyed by no KK and NIK hashes)."""
    hari_ini = timezone.localdate()
    n = defaultdict(int)
    per_kk: dict[str, list[dict]] = defaultdict(list)
    for x in data:
        per_kk[x["no_kk"]].append(x)
    ada_kk = _muat_per_hash(Keluarga.objects.all(), "no_kk_hash", [hash_nik(k) for k in per_kk])
    dusun_baru, keluarga_baru = {}, []
    for kk, anggota in per_kk.items():
        x0 = anggota[0]
        if x0["dusun"] is None:  # a dusun named in the file is created under its desa
            kunci = (x0["desa"].pk, x0["nama_dusun"].lower())
            if kunci not in dusun_baru:
                dusun_baru[kunci] = dusun_create(desa=x0["desa"], nama=x0["nama_dusun"])
                n["dusun_baru"] += 1
            x0["dusun"] = dusun_baru[kunci]
        kepala = next((a for a in anggota if a["hubungan"] == 1), x0)["nama"]
        kel = ada_kk.get(hash_nik(kk))
        if kel is None:
            kel = Keluarga(
                no_kk=kk,
                nama_kepala=kepala,
                desa=x0["desa"],
                dusun=x0["dusun"],
                rt=x0["rt"],
            )
            keluarga_baru.append(kel)
            n["keluarga_baru"] += 1
        elif (kel.dusun_id, kel.rt, kel.nama_kepala) != (x0["dusun"].pk, x0["rt"], kepala):
            kel.dusun, kel.desa, kel.rt, kel.nama_kepala = x0["dusun"], x0["desa"], x0["rt"], kepala
            kel.save(update_fields=["dusun", "desa", "rt", "nama_kepala", "diubah"])
            RiwayatAnggota.objects.filter(keluarga=kel, selesai=TANPA_AKHIR).update(
                desa_id=kel.desa_id, dusun_id=kel.dusun_id
            )
            n["keluarga_diubah"] += 1
        for x in anggota:
            x["keluarga"] = kel
    # New families and members say their desas: kept lists of other desas stay (imp_smart.halaman).
    with tulis_wilayah(Keluarga._meta.db_table, {k.desa_id for k in keluarga_baru}):
        Keluarga.objects.bulk_create(keluarga_baru, batch_size=2000)
    _tulis_anggota(data, n, hari_ini)
    # bulk_create and update() send no signal: the PUS figures kept a few minutes (home card,
    # desa comparison) are counted again, now and when the import's transaction commits.
    lupakan_kartu("pus")
    hasil.ringkasan.update(n)


def _muat_per_hash(qs, kolom: str, hashes: list[str]) -> dict:
    hasil = {}
    for awal in range(0, len(hashes), 5000):
        for obj in qs.filter(**{f"{kolom}__in": hashes[awal : awal + 5000]}):
            hasil[getattr(obj, kolom)] = obj
    return hasil


def _tulis_anggota(data, n, hari_ini: date) -> None:
    ada = _muat_per_hash(Anggota.objects.all(), "nik_hash", [hash_nik(x["nik"]) for x in data])
    baru = []
    for x in data:
        a = ada.get(hash_nik(x["nik"]))
        kel = x["keluarga"]
        if a is None:
            baru.append(
                Anggota(
                    keluarga=kel,
                    nik=x["nik"],
                    nama=x["nama"],
                    jenis_kelamin=x["jenis_kelamin"],
                    tanggal_lahir=x["tanggal_lahir"],
                    hubungan=x["hubungan"],
                    status_kawin=x["status_kawin"],
                )
            )
            continue
        ubah = {
            k: x[k]
            for k in ("nama", "jenis_kelamin", "tanggal_lahir", "hubungan")
            if getattr(a, k) != x[k]
        }
        if ubah:
            for k, v in ubah.items():
                setattr(a, k, v)
            a.save(update_fields=list(ubah))
            RiwayatAnggota.objects.filter(anggota=a).update(
                jenis_kelamin=a.jenis_kelamin, tanggal_lahir=a.tanggal_lahir
            )
        if a.status_kawin != x["status_kawin"] and a.aktif:
            # A new marital status in the file holds from the import date; history stays.
            _ganti_status_kawin(a, x["status_kawin"], hari_ini)
            ubah["status_kawin"] = x["status_kawin"]
        if ubah:
            n["anggota_diubah"] += 1
    desa_baru = {a.keluarga.desa_id for a in baru}
    with tulis_wilayah(Anggota._meta.db_table, desa_baru):
        Anggota.objects.bulk_create(baru, batch_size=2000)
    with tulis_wilayah(RiwayatAnggota._meta.db_table, desa_baru):
        _riwayat_baru(baru)
    n["anggota_baru"] += len(baru)


def _riwayat_baru(baru: list) -> None:
    """Each new member's first fact: in the family's desa and dusun since birth."""
    RiwayatAnggota.objects.bulk_create(
        [
            RiwayatAnggota(
                anggota=a,
                keluarga=a.keluarga,
                desa_id=a.keluarga.desa_id,
                dusun_id=a.keluarga.dusun_id,
                jenis_kelamin=a.jenis_kelamin,
                tanggal_lahir=a.tanggal_lahir,
                status_kawin=a.status_kawin,
                mulai=a.tanggal_lahir,
            )
            for a in baru
        ],
        batch_size=2000,
    )


def _ganti_status_kawin(a: Anggota, status_kawin: int, tanggal: date) -> None:
    buka = RiwayatAnggota.objects.filter(anggota=a, selesai=TANPA_AKHIR).first()
    if buka and buka.mulai < tanggal:
        buka.selesai = tanggal
        buka.save(update_fields=["selesai"])
        buka.pk, buka.mulai, buka.selesai, buka.status_kawin = (
            None,
            tanggal,
            TANPA_AKHIR,
            status_kawin,
        )
        buka.save()
    elif buka:  # changed again on the same day: correct today's row
        buka.status_kawin = status_kawin
        buka.save(update_fields=["status_kawin"])
    a.status_kawin = status_kawin
    a.save(update_fields=["status_kawin"])
