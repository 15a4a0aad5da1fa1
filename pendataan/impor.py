"""Imports of DOMAIN.md §8.1 (families) and §8.2 (KB status): read, validate every row, then
write all or nothing. Used by the upload page (through a Celery task) and by the commands."""

import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kader.models import Wilayah
from kader.nik import bersihkan_nik, hash_nik, parse_nik, peringatan_nik
from kader.scoping import wilayah_ids
from kader.services import dusun_create
from pendataan.indikator import STATUS
from pendataan.models import (
    TANPA_AKHIR,
    Anggota,
    Impor,
    Keluarga,
    PerubahanStatus,
    RiwayatAnggota,
)
from pendataan.selectors import awal_bulan, pus_bulan
from pendataan.services import Isian, _cek_isian, cek_no_kk

KOLOM_KELUARGA = [
    "kode_desa",
    "dusun",
    "rt",
    "no_kk",
    "nik",
    "nama",
    "hubungan",
    "jenis_kelamin",
    "tanggal_lahir",
    "status_kawin",
]
KOLOM_STATUS = ["nik", "bulan", "status", "jalur", "peserta_baru"]
KOLOM_WAJIB = {Impor.Jenis.KELUARGA: KOLOM_KELUARGA, Impor.Jenis.STATUS_KB: KOLOM_STATUS}
BATAS_SIMPAN_KESALAHAN = 1000
LANGKAH_PROGRES = 1000


@dataclass
class Hasil:
    """Outcome of one import: errors by row/column, warnings, and what was written."""

    kesalahan: list[dict] = field(default_factory=list)
    peringatan: list[dict] = field(default_factory=list)
    ringkasan: dict = field(default_factory=dict)

    def salah(self, baris: int, kolom: str, pesan: str) -> None:
        self.kesalahan.append({"baris": baris, "kolom": kolom, "pesan": pesan})

    @property
    def berhasil(self) -> bool:
        return not self.kesalahan


# --- Reading ---------------------------------------------------------------------------------


def baca_berkas(isi: bytes, nama: str) -> list[dict[str, str]]:
    """Rows as {lower-case header: text}; row 2 of the file is the first row (header = 1)."""
    if nama.lower().endswith(".xlsx"):
        return _baca_xlsx(isi)
    teks = isi.decode("utf-8-sig", errors="replace")
    contoh = teks[:2048]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    pembaca = csv.reader(io.StringIO(teks), delimiter=pemisah)
    return _jadi_dict(pembaca)


def _baca_xlsx(isi: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        buku = load_workbook(io.BytesIO(isi), read_only=True, data_only=True)
    except Exception as e:  # noqa: BLE001  a broken upload is a user error, not a crash
        raise ValidationError(f"Berkas XLSX tidak dapat dibaca: {e}") from None
    lembar = buku.worksheets[0]
    return _jadi_dict([_sel_teks(v) for v in baris] for baris in lembar.iter_rows(values_only=True))


def _sel_teks(v) -> str:
    if v is None:
        return ""
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _jadi_dict(baris_baris) -> list[dict[str, str]]:
    it = iter(baris_baris)
    try:
        kepala = [str(k or "").strip().lower() for k in next(it)]
    except StopIteration:
        return []
    hasil = []
    for baris in it:
        if not any(str(v or "").strip() for v in baris):
            hasil.append(None)  # keep row numbers; skipped later
            continue
        hasil.append({k: str(v or "").strip() for k, v in zip(kepala, baris, strict=False) if k})
    return hasil


def cek_kepala(rows: list, jenis: str, hasil: Hasil) -> bool:
    contoh = next((r for r in rows if r), None)
    if contoh is None:
        hasil.salah(1, "", "Berkas kosong: tidak ada baris data.")
        return False
    kurang = [
        k for k in KOLOM_WAJIB[jenis] if k not in contoh and k not in ("jalur", "peserta_baru")
    ]
    for k in kurang:
        hasil.salah(1, k, f"Kolom '{k}' tidak ada di baris judul.")
    return not kurang


def tanggal_dari(teks: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks, fmt).date()  # noqa: DTZ007  a date, no time
        except ValueError:
            continue
    raise ValueError


# --- Family import (§8.1) --------------------------------------------------------------------


def _cek_keluarga(rows, user, hasil: Hasil, progres: Callable[[int], None]):
    """Validate every row; returns the parsed rows (only meaningful without errors)."""
    desa = {w.kode: w for w in Wilayah.objects.desa()}
    dusun = {(w.desa_id, w.nama.lower()): w for w in Wilayah.objects.dusun()}
    ids = wilayah_ids(user) if user is not None else None
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
            terlihat = ids is None or (ada.pk in ids if ada else d.pk in ids)
            if not terlihat:
                hasil.salah(i, "kode_desa", "Wilayah ini di luar wilayah kerja Anda.")
        x["rt"] = r.get("rt", "").strip()
        if not x["rt"] or len(x["rt"]) > 5:
            hasil.salah(i, "rt", "RT wajib diisi (paling banyak 5 karakter).")
        try:
            x["no_kk"] = cek_no_kk(r.get("no_kk", ""))
        except ValidationError as e:
            hasil.salah(i, "no_kk", e.messages[0])
        nik = bersihkan_nik(r.get("nik", ""))
        try:
            parse_nik(nik)
            x["nik"] = nik
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
            for p in peringatan_nik(nik, jenis_kelamin=jk, tanggal_lahir=x["tanggal_lahir"]):
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


def _tulis_keluarga(data, hasil: Hasil) -> None:
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
                no_kk_hash=hash_nik(kk),
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
    Keluarga.objects.bulk_create(keluarga_baru, batch_size=2000)
    _tulis_anggota(data, n, hari_ini)
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
                    nik_hash=hash_nik(x["nik"]),
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
    Anggota.objects.bulk_create(baru, batch_size=2000)
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
    n["anggota_baru"] += len(baru)


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


# --- KB status import (§8.2) -----------------------------------------------------------------


def _cek_status(rows, user, hasil: Hasil, progres: Callable[[int], None]):
    ini = awal_bulan(timezone.localdate())
    data, kunci_file = [], {}
    for i, r in enumerate(rows, start=2):
        if i % LANGKAH_PROGRES == 0:
            progres(i - 1)
        if r is None:
            continue
        x = {"baris": i}
        nik = bersihkan_nik(r.get("nik", ""))
        try:
            parse_nik(nik)
            x["nik_hash"] = hash_nik(nik)
        except ValidationError as e:
            hasil.salah(i, "nik", e.messages[0])
        try:
            tahun, bln = r.get("bulan", "").split("-")
            x["bulan"] = date(int(tahun), int(bln), 1)
            if x["bulan"] > ini:
                hasil.salah(i, "bulan", "Bulan tidak boleh di masa depan.")
        except ValueError:
            hasil.salah(i, "bulan", "Bulan harus berformat YYYY-MM, mis. 2025-03.")
        status = r.get("status", "").upper()
        if status not in STATUS:
            hasil.salah(
                i, "status", f"Status '{r.get('status', '')}' tidak dikenal ({', '.join(STATUS)})."
            )
        x["status"] = status
        jalur = r.get("jalur", "").upper()
        if jalur not in ("", "PEMERINTAH", "SWASTA"):
            hasil.salah(i, "jalur", "Jalur harus PEMERINTAH atau SWASTA.")
        x["jalur"] = jalur
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
    ids = wilayah_ids(user) if user is not None else None
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
        qs = pus_bulan(bulan=bulan).filter(anggota_id__in=[x["anggota_id"] for x in xs])
        pus = dict(qs.values_list("anggota_id", "dusun_id"))
        for x in xs:
            dusun_id = pus.get(x["anggota_id"])
            if dusun_id is None:
                hasil.salah(
                    x["baris"],
                    "nik",
                    f"Bukan PUS pada bulan {bulan:%Y-%m} (perempuan kawin 15–49 tahun).",
                )
            elif ids is not None and dusun_id not in ids:
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
            for kolom, pesan in _cek_isian(
                Isian(x["status"], x["jalur"], x["peserta_baru"]), lalu
            ).items():
                hasil.salah(x["baris"], kolom, pesan)


def _tulis_status(data, user, hasil: Hasil) -> None:
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
    PerubahanStatus.objects.bulk_create(baru, batch_size=2000)
    PerubahanStatus.objects.bulk_update(
        ubah,
        ["status", "jalur", "peserta_baru", "sumber", "dicatat_oleh", "dicatat_pada"],
        batch_size=1000,
    )
    hasil.ringkasan.update({"status_baru": len(baru), "status_diubah": len(ubah)})


# --- Entry points ----------------------------------------------------------------------------

_LANGKAH = {
    Impor.Jenis.KELUARGA: (_cek_keluarga, lambda data, user, hasil: _tulis_keluarga(data, hasil)),
    Impor.Jenis.STATUS_KB: (_cek_status, _tulis_status),
}


def jalankan_impor(
    *,
    jenis: str,
    isi: bytes,
    nama: str,
    user=None,
    progres: Callable[[int, int], None] | None = None,
) -> Hasil:
    """Validate every row; with no error write everything in one transaction, else nothing.
    `user` limits rows to their areas (None = no limit, for the management commands)."""
    hasil = Hasil()
    try:
        rows = baca_berkas(isi, nama)
    except ValidationError as e:
        hasil.salah(1, "", e.messages[0])
        return hasil
    total = len(rows)
    lapor = (lambda i: progres(i, total)) if progres else (lambda i: None)
    if not cek_kepala(rows, jenis, hasil):
        return hasil
    cek, tulis = _LANGKAH[jenis]
    data = cek(rows, user, hasil, lapor)
    if hasil.kesalahan:
        return hasil
    with transaction.atomic():
        tulis(data, user, hasil)
    hasil.ringkasan["baris"] = len(data)
    lapor(total)
    return hasil


@transaction.atomic
def impor_buat(*, jenis: str, berkas, oleh) -> Impor:
    """Store an uploaded file and queue its processing once the row is committed."""
    from pendataan.tasks import impor_proses as impor_proses_task

    job = Impor(jenis=jenis, nama_berkas=berkas.name[:200], oleh=oleh)
    job.berkas.save(berkas.name, berkas, save=False)
    job.save()
    impor_proses_task.delay_on_commit(job.pk)
    return job


def impor_proses(*, impor_id: int) -> bool:
    """Run a queued import once (claim ANTRI → PROSES). False if another run claimed it."""
    S = Impor.Status
    if Impor.objects.filter(pk=impor_id, status=S.ANTRI).update(status=S.PROSES) != 1:
        return False
    job = Impor.objects.select_related("oleh").get(pk=impor_id)
    with job.berkas.open("rb") as f:
        isi = f.read()

    def progres(i: int, total: int) -> None:
        Impor.objects.filter(pk=impor_id).update(baris_diproses=i, jumlah_baris=total)

    try:
        hasil = jalankan_impor(
            jenis=job.jenis, isi=isi, nama=job.nama_berkas, user=job.oleh, progres=progres
        )
    except Exception:
        Impor.objects.filter(pk=impor_id).update(status=S.ANTRI)  # let a retry claim it again
        raise
    Impor.objects.filter(pk=impor_id).update(
        status=S.SELESAI if hasil.berhasil else S.GAGAL,
        kesalahan=hasil.kesalahan[:BATAS_SIMPAN_KESALAHAN],
        jumlah_kesalahan=len(hasil.kesalahan),
        ringkasan={
            **hasil.ringkasan,
            "peringatan": hasil.peringatan[:100],
            "jumlah_peringatan": len(hasil.peringatan),
        },
        selesai=timezone.now(),
    )
    return True


def kesalahan_csv(job: Impor) -> str:
    """The stored errors as CSV: baris, kolom, pesan."""
    keluar = io.StringIO()
    w = csv.writer(keluar)
    w.writerow(["baris", "kolom", "pesan"])
    for k in job.kesalahan:
        w.writerow([k["baris"], k["kolom"], k["pesan"]])
    if job.jumlah_kesalahan > len(job.kesalahan):
        w.writerow(["", "", f"… dan {job.jumlah_kesalahan - len(job.kesalahan)} kesalahan lain"])
    return keluar.getvalue()
