"""Families per desa kept by database triggers (migration 0004) and read by the register list."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from imp_smart.nik import hash_nik
from pendataan.models import Anggota, JumlahKeluargaDesa, Keluarga
from tests.pendataan.factories import keluarga_buat, no_kk_baru, pus_buat

pytestmark = pytest.mark.django_db


def _kenyataan():
    return {
        r["desa_id"]: r["n"] for r in Keluarga.objects.values("desa_id").annotate(n=Count("pk"))
    }


def _penghitung():
    return {j.desa_id: j.jumlah for j in JumlahKeluargaDesa.objects.all() if j.jumlah}


def test_counters_follow_insert_move_bulk_and_delete(area):
    a = keluarga_buat(dusun=area.dusun_a1)
    keluarga_buat(dusun=area.dusun_a2)
    x = keluarga_buat(dusun=area.dusun_x1)
    assert _penghitung() == {area.desa_a.pk: 2, area.desa_x.pk: 1} == _kenyataan()

    # An edit that keeps the desa changes nothing; a move changes both desa.
    Keluarga.objects.filter(pk=a.pk).update(rt="009")
    assert _penghitung() == _kenyataan()
    Keluarga.objects.filter(pk=a.pk).update(desa=area.desa_x, dusun=area.dusun_x1)
    assert _penghitung() == {area.desa_a.pk: 1, area.desa_x.pk: 2} == _kenyataan()

    # Bulk writes (imports, the district seed) are counted per statement.
    baru = []
    for i in range(30):
        no_kk = no_kk_baru()
        dusun = area.dusun_a1 if i % 3 else area.dusun_x1
        baru.append(
            Keluarga(
                no_kk=no_kk,
                no_kk_hash=hash_nik(no_kk),
                nama_kepala=f"Kepala {i}",
                desa_id=dusun.desa_id,
                dusun=dusun,
                rt="001",
            )
        )
    Keluarga.objects.bulk_create(baru)
    assert _penghitung() == {area.desa_a.pk: 21, area.desa_x.pk: 12} == _kenyataan()

    Anggota.objects.all().delete()
    Keluarga.objects.filter(pk__in=[x.pk, a.pk]).delete()
    assert _penghitung() == _kenyataan()
    Keluarga.objects.all().delete()
    assert _penghitung() == {} == _kenyataan()


def test_district_list_reads_the_counters_and_filtered_lists_count(client, users, area):
    for _ in range(3):
        pus_buat(dusun=area.dusun_a1)
    pus_buat(dusun=area.dusun_x1)
    client.force_login(users.dinas)
    url = reverse("pendataan:keluarga_list")
    with CaptureQueriesContext(connection) as q:
        resp = client.get(url)
    assert resp.context["table"].paginator.count == 4
    assert b"4 data" in resp.content
    assert not [
        s
        for s in q.captured_queries
        if 'COUNT(*) AS "__count" FROM "pendataan_keluarga"' in s["sql"]
    ]

    # Page 2 and sorting keep the counter; any filter counts for real.
    assert client.get(url, {"sort": "rt"}).context["table"].paginator.count == 4
    assert client.get(url, {"desa": area.desa_x.pk}).context["table"].paginator.count == 1
    assert client.get(url, {"tahapan_ks": "pra_s"}).context["table"].paginator.count == 0
    assert client.get(url, {"desa": "salah"}).context["table"].paginator.count == 0

    # A user limited to an area counts for real (his own desa only).
    client.force_login(users.ppkbd)
    assert client.get(url).context["table"].paginator.count == 3


def test_truncate_empties_the_counters(area):
    keluarga_buat(dusun=area.dusun_a1)
    assert _penghitung() == {area.desa_a.pk: 1}
    with connection.cursor() as c:
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's inserts still have FK checks due
        c.execute("TRUNCATE pendataan_keluarga CASCADE")
    assert _penghitung() == {} == _kenyataan()
