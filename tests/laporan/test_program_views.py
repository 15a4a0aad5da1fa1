"""The programme pages (hasil program, klasifikasi IMP, kartu supervisi): anonymous → login,
a cadre → 403, a kecamatan outside the user's area → 404, the happy path with the numbers,
bounded queries, and the XLSX export of the scorecard."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kader.models import Institusi
from laporan.models import LaporanDesa
from pendataan.models import PerubahanStatus
from tests.factories import KaderFactory, KecamatanFactory, PengurusFactory
from tests.pertemuan.factories import (
    KonselingFactory,
    PertemuanFactory,
    SesiKIEFactory,
    TindakLanjutFactory,
    pus,
)

HALAMAN = ["laporan:program", "laporan:klasifikasi", "laporan:supervisi"]
JUL = date(2025, 7, 1)


@pytest.fixture
def kegiatan(area, users):
    """July 2025 in desa A (the penyuluh's binaan): a meeting of PPKBD Melati attended by cadre
    Sri, a KIE session, two counselling sessions by Sri (one PUS converts to IUD in August), the
    desa report sent on 2 August (on time), an open meeting action overdue since 2025. Desa X
    (kecamatan L): one counselling."""
    sri = KaderFactory(institusi=area.ppkbd_a, nama="Sri Wahyuni")
    KaderFactory(institusi=area.ppkbd_x, nama="Kader Luar")
    p = PertemuanFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 7, 10))
    p.kader_hadir.add(sri)
    TindakLanjutFactory(masalah__pertemuan=p, batas_waktu=date(2025, 7, 31))
    SesiKIEFactory(wilayah=area.desa_a, institusi=area.ppkbd_a, tanggal=date(2025, 7, 12))
    w1, w2 = pus(dusun=area.dusun_a1), pus(dusun=area.dusun_a2)
    KonselingFactory(anggota=w1, kader=sri, tanggal=date(2025, 7, 3))
    KonselingFactory(anggota=w2, kader=sri, tanggal=date(2025, 7, 4))
    PerubahanStatus.objects.create(
        anggota=w1, desa=area.desa_a, bulan=date(2025, 8, 1), status="IUD", jalur="PEMERINTAH"
    )
    from django.utils import timezone

    LaporanDesa.objects.create(
        desa=area.desa_a,
        bulan=JUL,
        status=LaporanDesa.Status.DIKIRIM,
        dikirim_pertama_pada=timezone.make_aware(timezone.datetime(2025, 8, 2, 9, 0)),
        dikirim_pada=timezone.make_aware(timezone.datetime(2025, 8, 2, 9, 0)),
    )
    KonselingFactory(anggota=pus(dusun=area.dusun_x1), tanggal=date(2025, 7, 5))
    return sri


@pytest.mark.parametrize("nama", HALAMAN)
def test_anonymous_goes_to_login(client, db, nama):
    r = client.get(reverse(nama))
    assert r.status_code == 302
    assert "/login" in r["Location"] or "masuk" in r["Location"]


@pytest.mark.parametrize("nama", HALAMAN)
@pytest.mark.parametrize("peran", ["ppkbd", "sub_ppkbd"])
def test_a_cadre_is_refused(client, users, nama, peran):
    client.force_login(getattr(users, peran))
    assert client.get(reverse(nama)).status_code == 403


@pytest.mark.parametrize("nama", HALAMAN)
def test_a_kecamatan_outside_the_area_is_404(client, users, area, nama):
    client.force_login(users.koordinator)
    r = client.get(reverse(nama), {"kecamatan": area.kec_l.pk})
    assert r.status_code == 404
    client.force_login(users.dinas)
    assert client.get(reverse(nama), {"kecamatan": area.kec_l.pk}).status_code == 200


@pytest.mark.parametrize("nama", HALAMAN)
def test_kecamatan_links_and_choices_carry_a_plain_pk(client, users, area, nama):
    """A pk of 1000 or more is written without the thousands separator ("1.234" would make
    the link and the choice fall back to all kecamatan)."""
    KecamatanFactory(pk=12345, nama="Kecamatan Besar")
    client.force_login(users.dinas)
    r = client.get(reverse(nama), {"kecamatan": 12345, "per": "kader"})
    assert r.status_code == 200 and r.context["kecamatan"].pk == 12345
    html = r.content.decode()
    assert '<option value="12345" selected>' in html
    assert "kecamatan=12345" in html and "12.345" not in html


def test_bad_parameters_fall_back_to_defaults(client, users):
    client.force_login(users.dinas)
    for nama in HALAMAN:
        r = client.get(reverse(nama), {"bulan": "2025-99", "kecamatan": "abc", "per": "<x>"})
        assert r.status_code == 200


def test_hasil_program_for_the_koordinator(client, users, kegiatan, django_assert_max_num_queries):
    client.force_login(users.koordinator)
    with django_assert_max_num_queries(30):
        r = client.get(reverse("laporan:program"), {"bulan": "2025-07"})
    assert r.status_code == 200
    hasil = r.context["hasil"]
    assert [b["wilayah"].nama for b in hasil["desa"]] == ["Desa A", "Desa B"]  # not desa X
    assert hasil["total"]["konseling"] == 2
    assert hasil["total"]["konversi_mkjp"] == 1
    per_kader = {b["nama"]: b for b in r.context["konversi_kader"]}
    assert per_kader["Sri Wahyuni"]["dikonseling"] == 2
    assert per_kader["Sri Wahyuni"]["konversi_mkjp"] == 1
    html = r.content.decode()
    assert "Sri Wahyuni" in html
    assert reverse("laporan:program_csv", args=["2025-07"]) in html


def test_menu_lists_the_pages_for_supervisors_only(client, users, area):
    client.force_login(users.penyuluh)
    html = client.get(reverse("laporan:dasbor")).content.decode()
    assert reverse("laporan:supervisi") in html
    client.force_login(users.ppkbd)
    html = client.get(reverse("laporan:dasbor")).content.decode()
    assert reverse("laporan:supervisi") not in html


def test_klasifikasi_shows_computed_beside_set_with_evidence(
    client, users, area, kegiatan, django_assert_max_num_queries
):
    # PPKBD Melati: set "mandiri"; a ketua and a sekretaris, one KIE, but statuses in 2 months
    # only (the July report and the August change row are in the window of August).
    area.ppkbd_a.klasifikasi = Institusi.Klasifikasi.MANDIRI
    area.ppkbd_a.save()
    PengurusFactory(kader=kegiatan, jabatan="ketua", mulai=date(2025, 1, 1))
    PengurusFactory(institusi=area.ppkbd_a, kader__institusi=area.ppkbd_a, jabatan="sekretaris")
    client.force_login(users.koordinator)
    with django_assert_max_num_queries(30):
        r = client.get(reverse("laporan:klasifikasi"), {"bulan": "2025-08"})
    assert r.status_code == 200
    baris = {b["institusi"].nama: b for b in r.context["baris"]}
    assert set(baris) == {"Melati", "Mawar", "Kenanga"}  # kecamatan K only
    melati = baris["Melati"]
    assert melati["dihitung"] is None  # dasar fails on the status months
    assert melati["berbeda"]
    kriteria = {k["kode"]: k for k in melati["kriteria"]}
    assert kriteria["pengurus"]["ok"] and kriteria["kie"]["ok"]
    assert not kriteria["status"]["ok"]
    assert kriteria["status"]["angka"] == "2 dari 12 bulan"
    html = r.content.decode()
    assert "2 dari 12 bulan" in html
    assert "Belum dasar" in html
    # Only those that differ, per kecamatan.
    r = client.get(reverse("laporan:klasifikasi"), {"bulan": "2025-08", "berbeda": "1"})
    assert all(b["berbeda"] for b in r.context["baris"])
    kec = r.context["per_kecamatan"]
    assert [k["kecamatan"].nama for k in kec] == ["Kecamatan K"]
    assert kec[0]["jumlah"] == 3
    # The summary names each differing institution on its own line (readable at 360 px).
    ringkas = r.content.decode().split('id="berbeda-per-kecamatan"')[1].split("</table>")[0]
    assert ringkas.count('<li class="text-nowrap">') == len(kec[0]["berbeda"]) == 3
    assert "PPKBD Melati (Mandiri → Belum dasar)</li>" in ringkas


def test_supervisi_penyuluh_row(client, users, kegiatan, django_assert_max_num_queries):
    client.force_login(users.penyuluh)
    with django_assert_max_num_queries(30):
        r = client.get(reverse("laporan:supervisi"), {"bulan": "2025-07"})
    assert r.status_code == 200
    rows = list(r.context["table"].data)
    assert len(rows) == 1  # the penyuluh sees their own row
    b = rows[0]
    assert b["desa_binaan"] == 1
    assert (b["laporan_tepat_waktu"], b["laporan_diharapkan"]) == (1, 1)
    assert (b["pertemuan"], b["kie"], b["konseling"], b["status_desa"]) == (1, 1, 2, 1)
    assert (b["dikonseling"], b["konversi_mkjp"]) == (2, 1)
    assert b["tindak_lanjut_terlambat"] == 1


def test_supervisi_kader_sorted_and_exported(
    client, users, kegiatan, area, django_assert_max_num_queries
):
    for i in range(12):  # more cadres, more institutions: the same queries
        KaderFactory(institusi=area.ppkbd_b if i % 2 else area.sub_a1, nama=f"Kader {i:02d}")
    client.force_login(users.koordinator)
    with django_assert_max_num_queries(25):
        r = client.get(reverse("laporan:supervisi"), {"bulan": "2025-07", "per": "kader"})
    assert r.status_code == 200
    rows = {b["nama"]: b for b in r.context["table"].data}
    assert "Kader Luar" not in rows  # kecamatan L
    sri = rows["Sri Wahyuni"]
    assert (sri["pertemuan_hadir"], sri["kie_institusi"], sri["konseling"]) == (1, 1, 2)
    assert (sri["konversi_mkjp"], sri["status_bulan_ini"]) == (1, True)
    r = client.get(
        reverse("laporan:supervisi"),
        {"bulan": "2025-07", "per": "kader", "sort": "-konseling", "ekspor": "xlsx"},
    )
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    kepala = [c.value for c in ws[1]]
    assert kepala[0] == "Kader"
    assert ws.cell(row=2, column=1).value == "Sri Wahyuni"  # most counselling first
    assert ws.cell(row=2, column=kepala.index("Konseling") + 1).value == 2


def test_dashboard_offers_the_programme_csv_to_supervisors(client, users):
    url = reverse("laporan:program_csv", args=["2025-07"])
    client.force_login(users.koordinator)
    assert url in client.get(reverse("laporan:dasbor"), {"bulan": "2025-07"}).content.decode()
    client.force_login(users.ppkbd)
    assert url not in client.get(reverse("laporan:dasbor"), {"bulan": "2025-07"}).content.decode()


def test_recap_page_offers_the_programme_csv(client, users):
    client.force_login(users.dinas)
    html = client.get(reverse("laporan:rekap", args=["2025-07"])).content.decode()
    assert reverse("laporan:program_csv", args=["2025-07"]) in html
