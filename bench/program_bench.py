"""Benchmark of the programme's results (DOMAIN.md §10, §8.6) at district scale. Run by hand
against the district seed (`manage.py seed_demo --skala kabupaten`, ±215,000 families):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench \\
        DJANGO_SETTINGS_MODULE=imp_smart.settings.local .venv/bin/python bench/program_bench.py

The seed has no counselling, marriages or events, so one month of them is added first at a
district's rate (5,000 counselling sessions with 1,500 later MKJP changes, 1,000 marriages,
200 KB service events with 600 acceptor rows, 300 sosialisasi); everything is rolled back at the
end. Times: `rekap_program` for every level of one month (target ≤ 2 s), each level alone, and
the three pages (Django's test client: middleware, view, template; no network).
"""

import io
import random
import sys
import time
from datetime import timedelta

from alat import Batalkan, klien, siapkan, ukur, ulang_bawaan

ULANG = ulang_bawaan(5)


def isi_sebulan(bulan) -> dict:
    """One month of programme activity at a district's rate (bulk inserts)."""
    from imp_smart.bulan import akhir_bulan, geser_bulan
    from kader.models import Kader, Wilayah
    from pendataan.models import Anggota, Mutasi, PerubahanStatus
    from pertemuan.models import AkseptorPelayanan, Konseling, PelayananKB, Sosialisasi

    acak = random.Random(12)
    hari = (akhir_bulan(bulan) - bulan).days + 1

    def tanggal():
        return bulan + timedelta(days=acak.randrange(hari))

    pus = list(
        Anggota.objects.filter(jenis_kelamin="P", status_kawin=2, aktif=True)
        .values_list("pk", "keluarga__desa_id", "keluarga__dusun_id")
        .order_by("?")[:5000]
    )
    kader_desa: dict[int, list[int]] = {}
    for pk, desa_id in Kader.objects.filter(aktif=True).values_list(
        "pk", "institusi__wilayah__desa_id"
    ):
        kader_desa.setdefault(desa_id, []).append(pk)
    Konseling.objects.bulk_create(
        Konseling(
            anggota_id=a,
            desa_id=d,
            dusun_id=u,
            kader_id=acak.choice(kader_desa[d]) if kader_desa.get(d) else None,
            tanggal=tanggal(),
            topik="kelahiran",
            hasil="bersedia",
            metode="IMPLAN",
        )
        for a, d, u in pus
    )
    PerubahanStatus.objects.bulk_create(
        (
            PerubahanStatus(
                anggota_id=a,
                desa_id=d,
                bulan=geser_bulan(bulan, acak.randint(0, 3)),
                status=acak.choice(["IUD", "IMPLAN", "SUNTIK"]),
                jalur="PEMERINTAH",
                peserta_baru=True,
                sumber="demo",
            )
            for a, d, _ in pus[:1500]
        ),
        ignore_conflicts=True,
    )
    orang = list(
        Anggota.objects.filter(status_kawin=1, aktif=True)
        .values_list("pk", "keluarga_id")
        .order_by("?")[:1000]
    )
    Mutasi.objects.bulk_create(
        Mutasi(keluarga_id=k, anggota_id=a, jenis=1, tanggal=tanggal()) for a, k in orang
    )
    desa = list(Wilayah.objects.desa().values_list("pk", flat=True))
    kecamatan = list(Wilayah.objects.kecamatan().values_list("pk", flat=True))
    acara = PelayananKB.objects.bulk_create(
        PelayananKB(
            jenis="bakti_tni",
            judul=f"Bakti TNI KB-Kes {i}",
            tanggal=tanggal(),
            wilayah_id=acak.choice(desa),
            tempat="Puskesmas",
        )
        for i in range(200)
    )
    AkseptorPelayanan.objects.bulk_create(
        AkseptorPelayanan(pelayanan=p, metode=m, jumlah=acak.randint(1, 9))
        for p in acara
        for m in ("IMPLAN", "IUD", "SUNTIK")
    )
    Sosialisasi.objects.bulk_create(
        Sosialisasi(
            jenis="eksternal",
            judul=f"Sosialisasi PUP {i}",
            tanggal=tanggal(),
            wilayah_id=acak.choice(kecamatan if i % 5 == 0 else desa),
            sasaran="kua",
            jumlah_terjangkau=40,
        )
        for i in range(300)
    )
    return {"konseling": len(pus), "nikah": len(orang), "pelayanan": len(acara)}


def main():
    siapkan()
    from django.core.management import call_command
    from django.db import connection, transaction

    from kader.models import Institusi, Wilayah
    from kader.scoping import SEMUA
    from laporan import jadwal
    from laporan import selectors_program as S
    from pendataan.models import Keluarga

    bulan = jadwal.bulan_laporan_berjalan()
    n_kel = Keluarga.objects.count()
    if n_kel < 100_000:
        print(f"Hanya {n_kel} keluarga: jalankan `manage.py seed_demo --skala kabupaten` dahulu.")
    baris = []
    try:
        with transaction.atomic():
            t = time.perf_counter()
            isi = isi_sebulan(bulan)
            isi_ms = (time.perf_counter() - t) * 1000
            print(
                f"Basis data {connection.settings_dict['NAME']}: "
                f"{Wilayah.objects.desa().count()} desa, {n_kel:,} keluarga, "
                f"{Institusi.objects.filter(aktif=True).count()} institusi; bulan {bulan:%Y-%m} "
                f"diisi {isi['konseling']:,} konseling, {isi['nikah']:,} perkawinan, "
                f"{isi['pelayanan']} pelayanan KB ({isi_ms:.0f} ms, dibatalkan di akhir).\n"
            )
            jumlah = {}

            def semua():
                jumlah["baris"] = len(S.baris_program_csv(bulan=bulan, desa_ids=SEMUA))

            _, s = ukur(semua, ULANG)
            baris.append(
                ("rekap_program semua tingkat (selector)", s, 2000, f"{jumlah['baris']} baris")
            )

            def perintah():
                call_command("rekap_program", bulan=f"{bulan:%Y-%m}", stdout=io.StringIO())

            _, s = ukur(perintah, ULANG)
            baris.append(
                ("manage.py rekap_program --bulan (semua tingkat)", s, 2000, "CSV ke layar")
            )
            for tingkat in ("kabupaten", "kecamatan", "desa"):
                _, s = ukur(
                    lambda t=tingkat: S.baris_program_csv(bulan=bulan, tingkat=t, desa_ids=SEMUA),
                    ULANG,
                )
                baris.append((f"rekap_program --tingkat {tingkat}", s, 2000, ""))

            dinas, _ = klien("dinas")
            if dinas is not None:
                b = f"{bulan:%Y-%m}"
                for judul, url in (
                    ("Halaman hasil program (dinas, 167 desa)", f"/laporan/program/?bulan={b}"),
                    (
                        "Klasifikasi IMP (dinas, semua institusi)",
                        f"/laporan/program/klasifikasi/?bulan={b}",
                    ),
                    ("Supervisi per penyuluh (dinas)", f"/laporan/program/supervisi/?bulan={b}"),
                    (
                        "Supervisi per kader (dinas)",
                        f"/laporan/program/supervisi/?bulan={b}&per=kader",
                    ),
                    ("Unduh CSV §8.6 (dinas)", f"/laporan/program/{b}/program.csv"),
                ):
                    status = {}

                    def minta(u=url, status=status):
                        status["kode"] = dinas.get(u).status_code

                    _, s = ukur(minta, ulang=3)
                    baris.append((judul, s, 2000, f"HTTP {status['kode']}"))
            raise Batalkan
    except Batalkan:
        pass

    lebar = max(len(b[0]) for b in baris)
    kepala = ("median", "p95", "maks")
    print(f"{'Langkah':<{lebar}}  " + "  ".join(f"{k:>8}" for k in kepala) + "    batas  hasil")
    lewat = 0
    for judul, s, batas, catatan in baris:
        # Judged on the median: two cores shared with other work make single runs jump.
        ok = "OK" if s["median"] <= batas else "LEWAT"
        lewat += ok != "OK"
        print(
            f"{judul:<{lebar}}  {s['median']:>6.0f}ms  {s['p95']:>6.0f}ms  {s['maks']:>6.0f}ms"
            f"  {batas:>5}ms  {ok:<5}  {catatan}"
        )
    return 1 if lewat else 0


if __name__ == "__main__":
    sys.exit(main())
