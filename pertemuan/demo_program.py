"""Demo data of the programme activities (called by pertemuan.demo.isi_demo): for every demo
PPKBD, sosialisasi with partners and photos left out, KB service events (a Bakti TNI KB-Kes with
the Koramil, the Puskesmas and the PKK) with acceptors by method from the cadres and a few
register women, partners on some meetings and KIE sessions, and a tree of community groups
grown from the PPKBD. Idempotent: a desa that already has a service event is skipped."""

import random
from datetime import date

from django.core.exceptions import ValidationError

from kader.models import Institusi, Kader, Mitra, Wilayah
from pendataan.indikator import METODE
from pendataan.selectors import pus_bulan
from pertemuan import services_program as services
from pertemuan.models import KelompokMasyarakat, PelayananKB, Pertemuan, SesiKIE

NAMA_KELOMPOK = [
    ("majelis_taklim", "Majelis Taklim Nurul Iman"),
    ("arisan", "Arisan Ibu-Ibu RT {rt}"),
    ("remaja", "Remaja Masjid Al-Hidayah"),
    ("pkk", "Dasawisma Melati {rt}"),
    ("tani", "Kelompok Wanita Tani Sejahtera"),
]


def _mitra_kecamatan(kec: Wilayah) -> dict[str, Mitra]:
    """The Koramil, Polsek and Puskesmas of a kecamatan (created once for the demo)."""
    hasil = {}
    for jenis, nama in (
        (Mitra.Jenis.TNI, f"Koramil {kec.nama}"),
        (Mitra.Jenis.POLRI, f"Polsek {kec.nama} (Binmas)"),
        (Mitra.Jenis.DINKES, f"Puskesmas {kec.nama}"),
    ):
        hasil[jenis], _ = Mitra.objects.get_or_create(
            nama=nama, defaults={"jenis": jenis, "wilayah": kec}
        )
    return hasil


def _mitra_desa(desa: Wilayah) -> dict[str, Mitra]:
    hasil = {}
    for jenis, nama in (
        (Mitra.Jenis.PKK, f"TP PKK {desa.nama}"),
        (Mitra.Jenis.PERANGKAT_DESA, f"Pemerintah Desa {desa.nama}"),
    ):
        hasil[jenis], _ = Mitra.objects.get_or_create(
            nama=nama, defaults={"jenis": jenis, "wilayah": desa}
        )
    return hasil


def _tanggal(bulan: date, rng: random.Random, hari_ini: date) -> date:
    return min(bulan.replace(day=rng.randint(4, 25)), hari_ini)


def isi_program(
    ppkbd: Institusi, subs: list[Institusi], bulan: list[date], rng, hari_ini: date
) -> None:
    desa = ppkbd.wilayah
    if PelayananKB.objects.filter(wilayah__desa_id=desa.pk).exists():
        return
    kec = desa.induk
    mk, md = _mitra_kecamatan(kec), _mitra_desa(desa)
    kader = list(Kader.objects.filter(institusi__in=[ppkbd, *subs], aktif=True))

    # Sosialisasi: to the village apparatus and the KUA, with partners.
    for i, b in enumerate(bulan[-3:]):
        s = services.sosialisasi_simpan(
            jenis="eksternal",
            judul=[
                "Sosialisasi Kampung KB kepada aparat desa",
                "Sosialisasi PUP bersama KUA",
                "Sosialisasi stunting dan KB pasca persalinan",
            ][i],
            tanggal=_tanggal(b, rng, hari_ini),
            wilayah=desa,
            tempat=f"Aula Kantor Desa {desa.nama}",
            sasaran=["perangkat", "kua", "campuran"][i],
            uraian_sasaran="Kepala desa, kepala dusun, tokoh agama, PKK",
            jumlah_terjangkau=rng.randint(20, 60),
        )
        services.mitra_kegiatan_simpan(
            kegiatan=s,
            baris=[
                services.BarisMitra(
                    md[Mitra.Jenis.PERANGKAT_DESA], "tempat", jumlah_terjangkau=rng.randint(5, 15)
                ),
                services.BarisMitra(
                    md[Mitra.Jenis.PKK], "mobilisasi", jumlah_terjangkau=rng.randint(10, 30)
                ),
            ],
            boleh=[*mk.values(), *md.values()],
        )

    # KB service events: a Bakti TNI KB-Kes and a mobile service, acceptors by method.
    for b, jenis, judul in (
        (bulan[-2], "bakti_tni", f"Bakti TNI KB-Kes {desa.nama}"),
        (bulan[-1], "bergerak", f"Pelayanan KB bergerak {desa.nama}"),
    ):
        p = services.pelayanan_simpan(
            jenis=jenis,
            judul=judul,
            tanggal=_tanggal(b, rng, hari_ini),
            wilayah=desa,
            tempat=f"Posyandu {desa.nama}",
        )
        total = 0
        for k in rng.sample(kader, k=min(len(kader), 3)):
            isi = {m: rng.randint(0, 4) for m in rng.sample(["SUNTIK", "IMPLAN", "PIL", "IUD"], 2)}
            if any(isi.values()):
                services.akseptor_anonim_simpan(pelayanan=p, jumlah_per_metode=isi, kader=k)
                total += sum(isi.values())
        calon = list(
            pus_bulan(bulan=b, desa_ids=[desa.pk])
            .exclude(status_kb__in=METODE)
            .select_related("anggota")[:20]
        )
        for r in rng.sample(calon, k=min(len(calon), 2)):
            try:
                services.akseptor_register_simpan(
                    pelayanan=p,
                    anggota=r.anggota,
                    metode=rng.choice(["IMPLAN", "IUD", "SUNTIK"]),
                    kader=rng.choice(kader) if kader else None,
                )
                total += 1
            except ValidationError:
                continue
        baris = [
            services.BarisMitra(md[Mitra.Jenis.PKK], "mobilisasi", jumlah_akseptor=total // 2),
            services.BarisMitra(mk[Mitra.Jenis.DINKES], "tenaga_medis"),
        ]
        if jenis == "bakti_tni":
            baris.append(
                services.BarisMitra(
                    mk[Mitra.Jenis.TNI], "mobilisasi", jumlah_akseptor=total - total // 2
                )
            )
        services.mitra_kegiatan_simpan(kegiatan=p, baris=baris, boleh=[*mk.values(), *md.values()])

    # Partners at the latest meeting and KIE session of the desa.
    rapat = Pertemuan.objects.filter(wilayah=desa).order_by("-tanggal").first()
    if rapat is not None:
        services.mitra_kegiatan_simpan(
            kegiatan=rapat,
            baris=[
                services.BarisMitra(md[Mitra.Jenis.PERANGKAT_DESA], "hadir"),
                services.BarisMitra(mk[Mitra.Jenis.POLRI], "narasumber"),
            ],
            boleh=[*mk.values(), *md.values()],
        )
    kie = SesiKIE.objects.filter(wilayah__desa_id=desa.pk).order_by("-tanggal").first()
    if kie is not None:
        services.mitra_kegiatan_simpan(
            kegiatan=kie,
            baris=[
                services.BarisMitra(
                    mk[Mitra.Jenis.DINKES], "narasumber", jumlah_terjangkau=kie.jumlah_peserta
                )
            ],
            boleh=[*mk.values(), *md.values()],
        )

    # Snowball: groups started by the cadres, some grown from an earlier group.
    tempat = [s.wilayah for s in subs] or [desa]
    akar = None
    for i, (jenis, nama) in enumerate(rng.sample(NAMA_KELOMPOK, k=4)):
        induk = akar if i in (1, 2) else None
        k = services.kelompok_simpan(
            nama=nama.format(rt=f"00{i + 1}"),
            jenis=jenis,
            wilayah=tempat[i % len(tempat)],
            jumlah_anggota=rng.randint(10, 35),
            tanggal_mulai=bulan[min(i, len(bulan) - 1)].replace(day=10),
            institusi_asal=None if induk else ppkbd,
            induk=induk,
            kader=rng.choice(kader) if kader else None,
        )
        if i == 0:
            akar = k
    # one more level: grown from the second group
    dua = KelompokMasyarakat.objects.filter(induk=akar).order_by("pk").first()
    if dua is not None:
        services.kelompok_simpan(
            nama=f"Kelompok Remaja {desa.nama}",
            jenis="remaja",
            wilayah=dua.wilayah,
            jumlah_anggota=rng.randint(8, 20),
            tanggal_mulai=max(dua.tanggal_mulai, bulan[-1].replace(day=5)),
            induk=dua,
            kader=rng.choice(kader) if kader else None,
        )
