"""Property-based: for generated registers, the month count equals a plain-Python reference
and the balance pus = pa + hamil + ias + iat + tial + tanpa_status always holds."""

from datetime import date

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pendataan import services
from pendataan.indikator import METODE, STATUS, kolom_status, lengkapi
from pendataan.models import PerubahanStatus
from pendataan.selectors import akhir_bulan, indikator_desa
from tests.pendataan.factories import anggota_buat, keluarga_buat

BULAN = [date(2025, m, 1) for m in range(1, 7)]

wanita = st.fixed_dictionaries(
    {
        "lahir": st.dates(date(1970, 1, 1), date(2012, 12, 31)),
        "kawin": st.sampled_from([1, 2, 2, 2, 3]),
        "status": st.lists(st.tuples(st.sampled_from(BULAN), st.sampled_from(STATUS)), max_size=3),
        "keluar": st.one_of(st.none(), st.dates(date(2025, 1, 2), date(2025, 6, 30))),
    }
)


def _umur(lahir, pada):
    return pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.lists(wanita, min_size=1, max_size=6), bulan=st.sampled_from(BULAN))
def test_month_count_matches_reference_and_balances(area_hyp, data, bulan):
    # Each example runs in a savepoint that is rolled back: examples do not see each other.
    with transaction.atomic():
        harapan = {"pus": 0}
        for d in data:
            kel = keluarga_buat(dusun=area_hyp)
            w = anggota_buat(keluarga=kel, lahir=d["lahir"], status_kawin=d["kawin"])
            status = {}
            for b, s in sorted(d["status"]):
                status[b] = s
            for b, s in status.items():
                PerubahanStatus.objects.create(
                    anggota=w,
                    desa_id=area_hyp.desa_id,
                    bulan=b,
                    status=s,
                    jalur="PEMERINTAH" if s in METODE else "",
                )
            if d["keluar"]:
                services.mutasi_catat(anggota=w, jenis=4, tanggal=d["keluar"])
            akhir = akhir_bulan(bulan)
            aktif = d["keluar"] is None or d["keluar"] > akhir
            if d["kawin"] == 2 and aktif and 15 <= _umur(d["lahir"], akhir) <= 49:
                harapan["pus"] += 1
                sebelum = [b for b in status if b <= bulan]
                k = kolom_status(status[max(sebelum)] if sebelum else None)
                harapan[k] = harapan.get(k, 0) + 1
        hasil = indikator_desa(bulan=bulan, desa_ids=[area_hyp.desa_id])[area_hyp.desa_id]
        transaction.set_rollback(True)
    for k, v in harapan.items():
        assert hasil[k] == v, k
    r = lengkapi(hasil)
    assert r["pus"] == r["pa"] + r["hamil"] + r["ias"] + r["iat"] + r["tial"] + r["tanpa_status"]
