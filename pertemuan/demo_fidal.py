"""Demo data for the F/I/Dal/13 items that need their own records: an UPPKA group with members,
monthly activities and a capital ledger (DOMAIN.md §9 IV)."""

from datetime import date

from django.utils import timezone

from kader.models import Institusi
from pertemuan import selectors, services
from pertemuan.models import Poktan
from pertemuan.services_modal import modal_uppka_catat

# Who leads a demo KIE session, and the name written as its presenter (F/I/Dal/13 II).
PEMIMPIN_KIE = [
    ("pkb", "PKB/PLKB"),
    ("mitra", "Bidan desa"),
    ("ppkbd", "Ketua PPKBD"),
    ("sub_ppkbd", "Ketua Sub-PPKBD"),
    ("tokoh_agama", "Ustadz Abdul Rahman"),
    ("tokoh_masyarakat", "H. Baso Daeng Ngalle"),
]


def isi_uppka(ppkbd: Institusi, bulan: list[date], rng) -> Poktan:
    """One UPPKA group in the PPKBD's desa: about 20 member families, an activity most months,
    capital received from swadaya and pemerintah and a little returned."""
    desa = ppkbd.wilayah
    poktan = Poktan.objects.filter(jenis="uppka", wilayah=desa).first()
    if poktan is not None:
        return poktan
    poktan = services.poktan_simpan(
        jenis="uppka",
        nama=f"UPPKA Sejahtera {desa.nama}",
        wilayah=desa,
        institusi=ppkbd,
        aktif=True,
        tanggal_dibentuk=date(2020, 3, 1),
    )
    keluarga = list(selectors.keluarga_sasaran(poktan=poktan, pada=timezone.localdate())[:60])
    services.poktan_anggota_tambah(
        poktan=poktan,
        tanggal_masuk=date(2024, 1, 1),
        keluarga=rng.sample(keluarga, k=min(len(keluarga), 20)),
    )
    modal_uppka_catat(
        poktan=poktan, tanggal=bulan[0], sumber="swadaya", arah="masuk", jumlah=1_500_000
    )
    modal_uppka_catat(
        poktan=poktan,
        tanggal=bulan[len(bulan) // 2],
        sumber="pemerintah",
        arah="masuk",
        jumlah=5_000_000,
        keterangan="Bantuan modal usaha",
    )
    for b in bulan:
        if rng.random() < 0.8:
            services.kegiatan_poktan_simpan(
                poktan=poktan,
                tanggal=b.replace(day=rng.randint(1, 27)),
                hadir=rng.randint(6, 18),
                materi=rng.choice(["Pembukuan usaha", "Pemasaran produk", "Simpan pinjam"]),
            )
    modal_uppka_catat(
        poktan=poktan,
        tanggal=bulan[-1],
        sumber="swadaya",
        arah="keluar",
        jumlah=250_000,
        keterangan="Dibagikan kepada anggota yang keluar",
    )
    return poktan
