"""Demo data of pertemuan and of the group funds: for every demo institution (those with
cadres) six months of meetings with attendance, problems and actions (some overdue), KIE
sessions, counselling of register PUS, poktan with members and activities, a training with
certificates, and a cash book with dues and an arisan. Idempotent: an institution that already
has meetings is skipped. At larger scales every other PPKBD gets a plain monthly meeting."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kader.dana import services as dana
from kader.models import Institusi, Kader, TransaksiKas, Wilayah
from pendataan.models import Keluarga
from pendataan.selectors import geser_bulan, pus_bulan
from pertemuan import demo_program, selectors, services
from pertemuan.demo_fidal import PEMIMPIN_KIE, isi_uppka
from pertemuan.models import AgendaPertemuan, KategoriUndangan, Pelatihan, Pertemuan, Poktan

BULAN = 6
JUDUL = ["Rapat rutin bulanan", "Pertemuan koordinasi kader", "Evaluasi capaian KB"]
MASALAH = [
    ("Beberapa PUS drop out suntik karena jadwal", "Kunjungan rumah PUS drop out"),
    ("Stok alat kontrasepsi pil di Pustu menipis", "Laporkan ke PKB dan Puskesmas"),
    ("Data PUS dusun belum diperbarui", "Pemutakhiran data oleh kader dusun"),
    ("Kehadiran BKR menurun", "Undang tokoh agama ke pertemuan BKR"),
]


def _tulis(stdout, teks: str) -> None:
    if stdout is not None:
        stdout.write(teks)


def _hari(bulan: date, rng: random.Random) -> date:
    hari = bulan.replace(day=rng.randint(3, 26))
    return min(hari, timezone.localdate())


def _pertemuan(ppkbd: Institusi, subs: list[Institusi], bulan: list[date], rng) -> None:
    kader = list(Kader.objects.filter(institusi__in=[ppkbd, *subs], aktif=True))
    sebelumnya = None
    for i, b in enumerate(bulan):
        if rng.random() < 0.15 and i < len(bulan) - 1:
            continue  # a month without a meeting, highlighted on the schedule page
        p = services.pertemuan_simpan(
            institusi=ppkbd,
            agenda=rng.sample(AgendaPertemuan.Jenis.values, 3),
            judul=rng.choice(JUDUL),
            tanggal=_hari(b, rng),
            tempat=f"Kantor Desa {ppkbd.wilayah.nama}",
            notulen="Pembahasan capaian peserta KB, pemutakhiran data PUS dan rencana kunjungan.",
        )
        undangan = {k: rng.randint(0, 2) for k in rng.sample(KategoriUndangan.values, 4)}
        services.pertemuan_catat_kehadiran(
            pertemuan=p, undangan=undangan, kader=rng.sample(kader, k=min(len(kader), 8))
        )
        masalah, tindakan = rng.choice(MASALAH)
        tl = services.masalah_tambah(
            pertemuan=p,
            masalah=masalah,
            tindak_lanjut=tindakan,
            penanggung_jawab=rng.choice(kader).nama if kader else "Ketua",
            batas_waktu=p.tanggal + timedelta(days=rng.choice([14, 30])),
        )
        if sebelumnya is not None and rng.random() < 0.6:
            services.tindak_lanjut_perbarui(
                tindak_lanjut=sebelumnya,
                status="selesai",
                ditutup_pada=p,
                catatan="Sudah dilaksanakan.",
            )
        sebelumnya = tl
    # One meeting planned next month.
    services.pertemuan_simpan(
        institusi=ppkbd,
        agenda=["perencanaan", "evaluasi"],
        judul="Rapat rutin bulanan",
        tanggal=geser_bulan(timezone.localdate(), 1).replace(day=10),
        tempat=f"Kantor Desa {ppkbd.wilayah.nama}",
    )


def _kie_konseling(ppkbd: Institusi, subs: list[Institusi], bulan: list[date], rng) -> None:
    kader = list(Kader.objects.filter(institusi__in=subs or [ppkbd], aktif=True))
    for b in bulan:
        for sub in subs or [ppkbd]:
            if rng.random() < 0.5:
                continue
            services.sesi_kie_simpan(
                wilayah=sub.wilayah,
                institusi=sub,
                tanggal=_hari(b, rng),
                topik=rng.choice(["pup", "kespro", "stunting", "kelahiran", "napza", "hiv"]),
                sasaran=rng.choice(["pus", "remaja", "ortu_balita", "catin"]),
                peserta_l=rng.randint(0, 8),
                peserta_p=rng.randint(5, 20),
                media_kie=rng.choice(["ceramah", "lembar_balik", "leaflet", "video", "kie_kit"]),
                **dict(zip(("dipimpin_oleh", "penyaji"), rng.choice(PEMIMPIN_KIE), strict=True)),
            )
        pus = list(
            pus_bulan(bulan=b, desa_ids=[ppkbd.wilayah_id])
            .filter(status_kb__in=["IAT", "TIAL", "IAS"])
            .select_related("anggota__keluarga")[:40]
        )
        for r in rng.sample(pus, k=min(len(pus), 3)):
            hasil = rng.choice(["bersedia", "dirujuk", "belum"])
            tanggal = _hari(b, rng)
            k = [x for x in kader if x.institusi.wilayah_id == r.dusun_id] or None
            try:
                services.konseling_simpan(
                    anggota=r.anggota,
                    tanggal=tanggal,
                    topik="kelahiran",
                    hasil=hasil,
                    kader=rng.choice(k) if k else None,
                    metode=rng.choice(["SUNTIK", "IMPLAN", "IUD", "PIL"])
                    if hasil == "bersedia"
                    else "",
                    faskes="Puskesmas" if hasil == "dirujuk" else "",
                    tanggal_tindak_lanjut=tanggal + timedelta(days=30),
                )
            except ValidationError:
                continue  # e.g. she turned 50 this month


def _poktan(ppkbd: Institusi, bulan: list[date], rng) -> None:
    desa = ppkbd.wilayah
    hari_ini = timezone.localdate()
    for jenis, nama in [
        ("bkb", "BKB Tunas Harapan"),
        ("bkr", "BKR Generasi Emas"),
        ("bkl", "BKL Lansia Tangguh"),
    ]:
        poktan = Poktan.objects.filter(jenis=jenis, wilayah=desa).first() or services.poktan_simpan(
            jenis=jenis,
            nama=f"{nama} {desa.nama}",
            wilayah=desa,
            institusi=ppkbd,
            aktif=True,
            tanggal_dibentuk=date(2019, 7, 1),
        )
        sasaran = list(selectors.keluarga_sasaran(poktan=poktan, pada=hari_ini)[:60])
        services.poktan_anggota_tambah(
            poktan=poktan,
            tanggal_masuk=date(2024, 1, 1),
            keluarga=rng.sample(sasaran, k=int(len(sasaran) * 0.6)),
        )
        for b in bulan:
            services.kegiatan_poktan_simpan(
                poktan=poktan,
                tanggal=_hari(b, rng),
                hadir=rng.randint(6, 25),
                materi=rng.choice(
                    [
                        "Penyuluhan tumbuh kembang",
                        "Pola asuh",
                        "Senam bersama",
                        "Pemeriksaan kesehatan",
                        "Diskusi kelompok",
                    ]
                ),
            )


def _pelatihan(kecamatan: Wilayah, rng) -> None:
    if Pelatihan.objects.filter(wilayah=kecamatan).exists():
        return
    plt = services.pelatihan_simpan(
        judul="Orientasi Kader IMP: KIE dan Pencatatan",
        wilayah=kecamatan,
        penyelenggara=f"Koordinator PKB Kecamatan {kecamatan.nama}",
        narasumber="Penyuluh KB Ahli\nBidan Koordinator Puskesmas",
        tempat="Aula Kantor Camat",
        tanggal_mulai=geser_bulan(timezone.localdate(), -2).replace(day=14),
        tanggal_selesai=geser_bulan(timezone.localdate(), -2).replace(day=15),
        jumlah_jam=16,
    )
    kader = list(Kader.objects.filter(institusi__wilayah__kecamatan=kecamatan, aktif=True))
    services.peserta_tambah(pelatihan=plt, kader=rng.sample(kader, k=len(kader) // 2))
    for p in plt.peserta.all():
        pre = Decimal(rng.randint(40, 70))
        services.peserta_nilai(peserta=p, nilai_pre=pre, nilai_post=pre + rng.randint(5, 30))


def _dana(inst: Institusi, bulan: list[date], rng) -> None:
    if TransaksiKas.objects.filter(institusi=inst).exists():
        return
    dana.tarif_iuran_atur(institusi=inst, nominal=Decimal(5000), berlaku_mulai=bulan[0])
    dana.transaksi_catat(
        institusi=inst,
        tanggal=bulan[0],
        jenis="pemasukan_lain",
        jumlah=Decimal(250000),
        uraian="Saldo awal / bantuan desa",
    )
    kader = list(inst.kader.filter(aktif=True))
    for i, b in enumerate(bulan):
        bayar = kader if i < len(bulan) - 1 else rng.sample(kader, k=len(kader) // 2)
        if bayar:
            dana.iuran_bayar(institusi=inst, kader=bayar, bulan=b, tanggal=_hari(b, rng))
        if rng.random() < 0.5:
            dana.transaksi_catat(
                institusi=inst,
                tanggal=_hari(b, rng),
                jenis="pengeluaran",
                jumlah=Decimal(rng.choice([15000, 25000, 40000])),
                uraian=rng.choice(["Konsumsi rapat", "Fotokopi formulir", "Transport kunjungan"]),
            )
    if len(kader) >= 3:
        arisan = dana.arisan_buat(
            institusi=inst, nama=f"Arisan {inst.nama}", setoran=Decimal(20000)
        )
        unik = {k.nama: k for k in kader}.values()  # a member's name is unique in an arisan
        anggota = [dana.arisan_anggota_tambah(kelompok=arisan, kader=k) for k in unik]
        for b in bulan[-3:]:
            dana.arisan_setor(kelompok=arisan, anggota=anggota, tanggal=b.replace(day=2))
            dana.arisan_undi(
                kelompok=arisan, tanggal=b.replace(day=3), pilih=lambda calon: rng.choice(calon)
            )


@transaction.atomic
def isi_demo(*, skala: str = "demo", stdout=None) -> dict[str, int]:
    """Fill activity and group-fund demo data; returns counts of institutions handled."""
    rng = random.Random(f"pertemuan-{skala}")
    sekarang = timezone.localdate().replace(day=1)
    bulan = [geser_bulan(sekarang, -i) for i in range(BULAN - 1, -1, -1)]
    hasil = {"ppkbd": 0, "ppkbd_sederhana": 0}
    ppkbd_demo = (
        Institusi.objects.filter(jenis="ppkbd", aktif=True, kader__isnull=False)
        .distinct()
        .select_related("wilayah")
        .order_by("wilayah__kode")
    )
    for ppkbd in ppkbd_demo:
        if Pertemuan.objects.filter(institusi=ppkbd).exists():
            continue
        subs = list(
            Institusi.objects.filter(jenis="sub_ppkbd", aktif=True, wilayah__desa=ppkbd.wilayah)
        )
        _pertemuan(ppkbd, subs, bulan, rng)
        _kie_konseling(ppkbd, subs, bulan, rng)
        if Keluarga.objects.filter(desa=ppkbd.wilayah).exists():
            _poktan(ppkbd, bulan, rng)
            isi_uppka(ppkbd, bulan, rng)
        for inst in [ppkbd, *subs]:
            _dana(inst, bulan, rng)
        demo_program.isi_program(ppkbd, subs, bulan, rng, timezone.localdate())
        hasil["ppkbd"] += 1
    for kec in Wilayah.objects.kecamatan().filter(pk__in=ppkbd_demo.values("wilayah__kecamatan")):
        _pelatihan(kec, rng)
    if skala != "demo":
        lain = (
            Institusi.objects.filter(jenis="ppkbd", aktif=True)
            .exclude(pk__in=ppkbd_demo.values("pk"))
            .exclude(pertemuan__isnull=False)
        )
        baru = [
            Pertemuan(
                institusi=i,
                wilayah_id=i.wilayah_id,
                judul="Rapat rutin bulanan",
                tanggal=_hari(b, rng),
                tempat="Kantor desa",
            )
            for i in lain
            for b in bulan[-3:]
        ]
        Pertemuan.objects.bulk_create(baru, batch_size=1000)
        AgendaPertemuan.objects.bulk_create(
            [AgendaPertemuan(pertemuan=p, jenis="evaluasi") for p in baru], batch_size=1000
        )
        hasil["ppkbd_sederhana"] = len({p.institusi_id for p in baru})
    _tulis(
        stdout,
        f"  pertemuan: {hasil['ppkbd']} PPKBD lengkap, "
        f"{hasil['ppkbd_sederhana']} PPKBD dengan rapat bulanan saja",
    )
    return hasil
