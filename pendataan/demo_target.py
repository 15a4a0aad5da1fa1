"""Demo targets (PPM) per method: the desa's yearly PB and PA targets spread over the methods
in a typical Gowa mix (made-up figures for the demo, like the rest of the seed)."""

from pendataan.models import TargetMetode

# Share of each method in the targets (sums to 100).
CAMPURAN = {
    "IUD": 10,
    "MOW": 4,
    "MOP": 1,
    "KONDOM": 7,
    "IMPLAN": 16,
    "SUNTIK": 42,
    "PIL": 18,
    "MAL": 1,
    "TRADISIONAL": 1,
}


def bagi(total: int) -> dict[str, int]:
    """`total` split by CAMPURAN in whole numbers that add up to `total` (the remainder goes to
    the methods with the largest shares)."""
    hasil = {m: total * bagian // 100 for m, bagian in CAMPURAN.items()}
    terbesar = sorted(CAMPURAN, key=CAMPURAN.get, reverse=True)
    for i in range(total - sum(hasil.values())):
        hasil[terbesar[i % len(terbesar)]] += 1
    return hasil


def target_demo(*, desa, tahun: int, pus: int) -> None:
    """Per-method targets of one desa for the year; kept if they exist (idempotent). The sum over
    methods is the yearly PB target the seed used before targets had methods (PUS / 8)."""
    pb, pa = bagi(max(1, pus // 8)), bagi(pus * 65 // 100)
    TargetMetode.objects.bulk_create(
        [
            TargetMetode(desa=desa, tahun=tahun, metode=m, target_pb=pb[m], target_pa=pa[m])
            for m in CAMPURAN
        ],
        ignore_conflicts=True,
    )
