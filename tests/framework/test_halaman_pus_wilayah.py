"""Kept worklists and PUS pages by desa (imp_smart.halaman): this month's sasaran worklist and
monthly PUS page of a desa user depend on the desa's numbers of the families, members, their
facts (RiwayatAnggota) and statuses — a family, member or status saved in another desa leaves
them kept, one saved in the desa renews them; a status says every desa its member lived in; a
past month's page depends on every write.

These tests commit (transactional_db), with Redis as the shared cache."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from imp_smart import halaman
from pendataan import services
from pendataan.models import PerubahanStatus, RiwayatAnggota
from pendataan.selectors import awal_bulan, geser_bulan
from tests.framework.halaman_support import buka as _buka
from tests.framework.halaman_support import cache_bersama  # noqa: F401  (autouse fixture)
from tests.framework.halaman_support import kept as _kept
from tests.framework.halaman_support import masuk as _masuk
from tests.pendataan.factories import pus_buat

pytestmark = pytest.mark.django_db(transaction=True)

SASARAN = "pendataan:sasaran"
PUS = "pendataan:pus_bulanan"


def _ini() -> date:
    return awal_bulan(timezone.localdate())


def _dibuka(user, nama, **params):
    c = _masuk(user)
    url = reverse(nama)
    _buka(c, url, **params)
    assert _kept(c, url, **params)
    return c, url


def _status(pus, desa, status="PIL", bulan=None):
    services.status_simpan_bulan(
        bulan=bulan or _ini(),
        pus={pus.pk: desa.pk},
        isian={pus.pk: services.Isian(status, "SWASTA" if status == "PIL" else "", True)},
    )


@pytest.mark.parametrize("nama", [SASARAN, PUS])
def test_writes_in_another_desa_leave_this_months_page_kept(
    users, area, dusun_b, pus_a, pus_b, nama
):
    params = {"wilayah": area.desa_a.pk} if nama == SASARAN else {"wilayah": area.dusun_a1.pk}
    c, url = _dibuka(users.ppkbd, nama, **params)
    kel_b = pus_b.keluarga
    kel_b.nama_kepala = "Diubah Di B"
    kel_b.save()
    pus_buat(dusun=dusun_b, nama="Ibu Baru B")
    _status(pus_b, area.desa_b)
    assert _kept(c, url, **params)

    _status(pus_a, area.desa_a)  # in the desa: renewed
    html, n = _buka(c, url, **params)
    assert n > 2 and "Ibu Desa A" in html


def test_a_member_saved_in_the_desa_renews_the_worklist(users, area, pus_a):
    c, url = _dibuka(users.ppkbd, SASARAN, wilayah=area.desa_a.pk)
    pus_buat(dusun=area.dusun_a2, nama="Ibu Baru A")
    html, n = _buka(c, url, wilayah=area.desa_a.pk)
    assert n > 2 and "Ibu Baru A" in html


def test_a_past_months_page_depends_on_every_write(users, area, dusun_b, pus_a, pus_b):
    lalu = geser_bulan(_ini(), -1).strftime("%Y-%m")
    c, url = _dibuka(users.ppkbd, SASARAN, wilayah=area.desa_a.pk, bulan=lalu)
    kel_b = pus_b.keluarga
    kel_b.nama_kepala = "Diubah Di B"
    kel_b.save()
    assert not _kept(c, url, wilayah=area.desa_a.pk, bulan=lalu)


def test_a_status_says_every_desa_its_member_lived_in(area, dusun_b, pus_a):
    """She lived in desa A, then her family's fact moved her to desa B: a status written for
    her (for any month) renews the pages of both."""
    buka = RiwayatAnggota.objects.get(anggota=pus_a)
    buka.selesai = date(2024, 6, 1)
    buka.save(update_fields=["selesai"])
    buka.pk, buka.mulai, buka.selesai = None, date(2024, 6, 1), date(9999, 12, 31)
    buka.desa_id, buka.dusun_id = area.desa_b.pk, dusun_b.pk
    buka.save()
    baris = PerubahanStatus(anggota_id=pus_a.pk, desa_id=area.desa_a.pk)
    assert services.desa_status([baris]) == {area.desa_a.pk, area.desa_b.pk}
    assert services.desa_status([]) == set()


def test_what_the_register_and_statuses_renew(area, pus_a):
    """A status saved renews the desa's number of the statuses, not another desa's."""
    tabel = PerubahanStatus._meta.db_table
    from django.core.cache import cache

    sebelum_a = cache.get(halaman.kunci_bagian(tabel, area.desa_a.pk))
    sebelum_b = cache.get(halaman.kunci_bagian(tabel, area.desa_b.pk))
    _status(pus_a, area.desa_a)
    assert cache.get(halaman.kunci_bagian(tabel, area.desa_a.pk)) != sebelum_a
    assert cache.get(halaman.kunci_bagian(tabel, area.desa_b.pk)) == sebelum_b
    assert cache.get(halaman.kunci_tabel(tabel) + halaman.UTUH) is None  # nothing said "all"
