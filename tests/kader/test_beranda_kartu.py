"""The home page's figures kept a short while (imp_smart.kartu): served from the cache on the next
visit, counted again after the writes that change them, never shared between area sets."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pendataan import services
from pertemuan.models import Masalah, Pertemuan, TindakLanjut
from tests.factories import KaderFactory, PengurusFactory, SKFactory
from tests.pendataan.factories import pus_buat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cache_kosong():
    cache.clear()
    yield
    cache.clear()


def _beranda(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as kueri:
        jawab = client.get(reverse("beranda"))
    assert jawab.status_code == 200
    return jawab.content.decode(), [q["sql"] for q in kueri.captured_queries]


def _angka(html: str, label: str) -> str:
    return re.search(rf'{label}</div><div class="angka">([\d.]+)</div>', html).group(1)


def test_second_visit_counts_nothing_again_and_says_when_counted(client, users):
    client.force_login(users.koordinator)
    html, pertama = _beranda(client)
    assert any("kader_institusi" in q for q in pertama)
    assert "Angka di halaman ini per pukul" in html
    html2, kedua = _beranda(client)
    assert not any("kader_institusi" in q or "pertemuan_tindaklanjut" in q for q in kedua)
    assert len(kedua) < len(pertama)
    assert _angka(html2, "Kader aktif") == _angka(html, "Kader aktif")


def test_kader_figures_follow_the_writes(client, users, area):
    client.force_login(users.ppkbd)
    html, _ = _beranda(client)
    assert _angka(html, "Kader aktif") == "0"
    assert "Kosong: Ketua, Sekretaris, Bendahara" in html
    _beranda(client)  # cached now

    kader = KaderFactory(institusi=area.ppkbd_a)
    html, _ = _beranda(client)
    assert _angka(html, "Kader aktif") == "1"

    PengurusFactory(kader=kader, sk=SKFactory(), jabatan="ketua", selesai=None)
    html, _ = _beranda(client)
    assert "Kosong: Sekretaris, Bendahara" in html


def test_area_sets_do_not_share_figures(client, users, area):
    KaderFactory(institusi=area.ppkbd_b)  # desa B: the koordinator's, not the PPKBD's of desa A
    client.force_login(users.koordinator)
    assert _angka(_beranda(client)[0], "Kader aktif") == "1"
    client.force_login(users.ppkbd)
    assert _angka(_beranda(client)[0], "Kader aktif") == "0"
    client.force_login(users.dinas)
    assert _angka(_beranda(client)[0], "Kader aktif") == "1"


def test_overdue_follow_up_appears_and_goes_when_done(client, users, area):
    client.force_login(users.ppkbd)
    assert "Lengkapi data PUS A2" not in _beranda(client)[0]
    lalu = timezone.localdate() - timedelta(days=10)
    p = Pertemuan.objects.create(
        wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=lalu, judul="Rapat", tempat="Balai"
    )
    m = Masalah.objects.create(pertemuan=p, uraian="Data PUS A2 belum lengkap")
    t = TindakLanjut.objects.create(
        masalah=m, uraian="Lengkapi data PUS A2", penanggung_jawab="Ketua", batas_waktu=lalu
    )
    assert "Lengkapi data PUS A2" in _beranda(client)[0]
    t.status, t.tanggal_selesai = TindakLanjut.Status.SELESAI, timezone.localdate()
    t.save()
    assert "Lengkapi data PUS A2" not in _beranda(client)[0]


def test_pus_figures_follow_the_statuses_saved(client, users, area):
    pus = [pus_buat(dusun=area.dusun_a1, lahir=date(1990, 1, i + 1)) for i in range(3)]
    client.force_login(users.sub_ppkbd)
    html, _ = _beranda(client)
    assert re.search(r">3</div><small class=\"text-muted\">Tanpa status<", html)
    _beranda(client)  # cached now
    services.status_simpan_bulan(  # bulk writes: no signal, the service renews the card
        bulan=timezone.localdate().replace(day=1),
        pus={w.pk: area.desa_a.pk for w in pus},
        isian={pus[0].pk: services.Isian("PIL", "SWASTA", True)},
    )
    html, _ = _beranda(client)
    assert re.search(r">2</div><small class=\"text-muted\">Tanpa status<", html)


def test_a_transaction_renews_the_figures_again_at_its_commit(
    area, django_capture_on_commit_callbacks
):
    """A visit between a write and its commit counts the rows before the write: what it keeps
    must not count after the commit. Many writes in one transaction add one callback."""
    from django.db import transaction

    from imp_smart import kartu

    kunci = kartu._kunci_generasi("kader")
    connection._imp_kartu_tertunda = None  # the fixtures' writes are pending in the test's own
    with django_capture_on_commit_callbacks(execute=True) as panggilan, transaction.atomic():
        KaderFactory(institusi=area.ppkbd_a)
        KaderFactory(institusi=area.ppkbd_a)
        selama = cache.get(kunci)
        assert selama is not None
    assert len([f for f in panggilan if isinstance(f, kartu._Tertunda)]) == 1
    assert cache.get(kunci) not in (None, selama)


def test_heading_names_the_users_own_areas(client, users, area):
    kepala = re.compile(r'<div class="text-muted">([^<]*)</div>')
    for user, harap in (
        (users.koordinator, str(area.kec_k)),
        (users.penyuluh, str(area.desa_a)),  # today's assignment, not the ended one (desa B)
        (users.ppkbd, str(area.desa_a)),
        (users.sub_ppkbd, str(area.dusun_a1)),
    ):
        client.force_login(user)
        for _ in range(2):  # counted, then from the cache
            teks = kepala.search(_beranda(client)[0]).group(1)
            assert teks.endswith(f" · {harap}"), teks
