"""The family page: each member's PUS status of this month is what pendataan.selectors.pus_bulan
says (a PUS with a status, one without, and members who are not PUS), in a number of statements
that does not grow with the members."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kader.scoping import SEMUA
from pendataan import selectors
from pendataan.models import Hubungan, Keluarga, PerubahanStatus, StatusKawin
from tests.pendataan.factories import anggota_buat, pus_buat

pytestmark = pytest.mark.django_db


def _halaman(client, keluarga: Keluarga):
    url = keluarga.get_absolute_url()
    with CaptureQueriesContext(connection) as kueri:
        resp = client.get(url)
    assert resp.status_code == 200
    return resp, len(kueri.captured_queries)


def test_status_pus_sama_dengan_pus_bulan_dan_kueri_datar(client, users, area):
    bulan = selectors.awal_bulan(timezone.localdate())
    ibu = pus_buat(dusun=area.dusun_a1, nama="Ibu Berkb")
    kel = ibu.keluarga
    PerubahanStatus.objects.create(anggota=ibu, desa=area.desa_a, bulan=bulan, status="IMPLAN")
    client.force_login(users.ppkbd)
    _halaman(client, kel)  # the first request also reads the user's areas (cached)
    _, n_kecil = _halaman(client, kel)

    tanpa = anggota_buat(keluarga=kel, nama="Ibu Tanpa", hubungan=Hubungan.LAINNYA)
    anggota_buat(keluarga=kel, nama="Ibu Lajang", status_kawin=StatusKawin.BELUM)
    anggota_buat(keluarga=kel, nama="Nenek", lahir=date(1950, 1, 1), hubungan=Hubungan.LAINNYA)
    for i in range(3):
        anggota_buat(
            keluarga=kel,
            nama=f"Anak {i}",
            jenis_kelamin="L",
            hubungan=Hubungan.ANAK,
            status_kawin=StatusKawin.BELUM,
            lahir=date(2015 + i, 1, 1),
        )
    PerubahanStatus.objects.create(
        anggota=tanpa, desa=area.desa_a, bulan=date(bulan.year + 1, 1, 1), status="PIL"
    )  # a later month only: this month she has no status yet
    resp, n_besar = _halaman(client, kel)
    assert n_besar == n_kecil <= 8  # flat: no query per member

    harap = dict(
        selectors.pus_bulan(bulan=bulan, desa_ids=SEMUA)
        .filter(keluarga=kel)
        .values_list("anggota_id", "status_kb")
    )
    anggota = list(resp.context["object"].anggota.all())
    assert len(anggota) == 8
    assert {a.pk: a.pus_status for a in anggota} == {a.pk: harap.get(a.pk, False) for a in anggota}
    assert harap == {ibu.pk: "IMPLAN", tanpa.pk: None}
    assert all(a.nasihat is None for a in anggota if a.pk not in harap)
    body = resp.content.decode()
    assert body.count("PUS · IMPLAN") == 1 and body.count("PUS · tanpa status") == 1
