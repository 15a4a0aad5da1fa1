"""Basic training (issue 12 §1, "upgrading first"): only a finished training of jenis "dasar"
counts; the kind is chosen on the form, filtered on the list, shown on the detail page and
checked by the database."""

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from kader.selectors import pengurus_belum_dilatih
from pertemuan.models import Pelatihan
from tests.factories import KaderFactory, PengurusFactory
from tests.pertemuan.factories import PelatihanFactory, PesertaPelatihanFactory

SELESAI = {"tanggal_mulai": date(2024, 3, 1), "tanggal_selesai": date(2024, 3, 3)}


def _pengurus(area, nama, jabatan):
    kader = KaderFactory(institusi=area.ppkbd_a, nama=nama)
    PengurusFactory(institusi=area.ppkbd_a, kader=kader, jabatan=jabatan, mulai=date(2024, 1, 1))
    return kader


def test_only_finished_basic_training_counts(users, area):
    dasar = _pengurus(area, "Ketua Dasar", "ketua")
    lanjutan = _pengurus(area, "Sekretaris Lanjutan", "sekretaris")
    lainnya = _pengurus(area, "Bendahara Lokakarya", "bendahara")
    for kader, jenis in ((dasar, "dasar"), (lanjutan, "lanjutan"), (lainnya, "lainnya")):
        PesertaPelatihanFactory(kader=kader, pelatihan=PelatihanFactory(jenis=jenis, **SELESAI))
    baris, jumlah = pengurus_belum_dilatih(user=users.dinas, sejak=date(2025, 1, 1))
    assert {p.kader.nama for p in baris} == {"Sekretaris Lanjutan", "Bendahara Lokakarya"}
    assert jumlah == 2
    # A basic training not finished yet does not count either.
    PesertaPelatihanFactory(
        kader=lanjutan,
        pelatihan=PelatihanFactory(
            jenis="dasar", tanggal_mulai=date(2099, 1, 1), tanggal_selesai=date(2099, 1, 2)
        ),
    )
    assert pengurus_belum_dilatih(user=users.dinas, sejak=date(2025, 1, 1))[1] == 2
    # Once the secretary finishes a basic training she is no longer flagged.
    PesertaPelatihanFactory(kader=lanjutan, pelatihan=PelatihanFactory(jenis="dasar", **SELESAI))
    baris, jumlah = pengurus_belum_dilatih(user=users.dinas, sejak=date(2025, 1, 1))
    assert [p.kader.nama for p in baris] == ["Bendahara Lokakarya"] and jumlah == 1


def test_roster_flags_member_with_only_an_advanced_training(client, users, area):
    lanjutan = _pengurus(area, "Sekretaris Lanjutan", "sekretaris")
    PesertaPelatihanFactory(kader=lanjutan, pelatihan=PelatihanFactory(jenis="lanjutan", **SELESAI))
    client.force_login(users.koordinator)
    teks = client.get(reverse("kader:institusi_detail", args=[area.ppkbd_a.pk])).content.decode()
    roster = teks.split('id="roster"')[1].split("</ul>")[0]
    baris = next(b for b in roster.split("<li")[1:] if "Sekretaris Lanjutan" in b)
    assert "Belum pelatihan dasar" in baris


def test_database_refuses_unknown_kind(area):
    plt = PelatihanFactory(wilayah=area.desa_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pelatihan.objects.filter(pk=plt.pk).update(jenis="kilat")
    plt.refresh_from_db()
    assert plt.jenis == "dasar"


def _data(area, **lain):
    return {
        "judul": "Pelatihan dasar PPKBD",
        "penyelenggara": "PKB",
        "wilayah": area.desa_a.pk,
        "narasumber": "Bidan Desa",
        "tempat": "Balai",
        "tanggal_mulai": "2025-03-05",
        "tanggal_selesai": "2025-03-06",
        **lain,
    }


def test_form_requires_a_valid_kind_and_saves_it(client, users, area):
    client.force_login(users.penyuluh)
    url = reverse("pertemuan:pelatihan_create")
    halaman = client.get(url).content.decode()
    assert 'name="jenis"' in halaman and "Pelatihan lanjutan" in halaman
    # Nothing preselected: the kind must be chosen.
    assert 'value="dasar" selected' not in halaman
    for jenis in ("", "kilat"):
        resp = client.post(url, _data(area, jenis=jenis))
        assert resp.status_code == 200 and "jenis" in resp.context["form"].errors
    assert not Pelatihan.objects.exists()
    client.post(url, _data(area, jenis="lanjutan"))
    plt = Pelatihan.objects.get()
    assert plt.jenis == "lanjutan"
    teks = client.get(plt.get_absolute_url()).content.decode()
    assert "Pelatihan lanjutan" in teks


def test_list_filters_by_kind(client, users, area):
    PelatihanFactory(wilayah=area.desa_a, judul="Latihan Dasar A", jenis="dasar")
    PelatihanFactory(wilayah=area.desa_a, judul="Latihan Lanjut A", jenis="lanjutan")
    client.force_login(users.penyuluh)
    teks = client.get(reverse("pertemuan:pelatihan_list"), {"jenis": "lanjutan"}).content
    teks = teks.decode()
    assert "Latihan Lanjut A" in teks and "Latihan Dasar A" not in teks


def test_data_migration_sets_existing_trainings_to_basic(area):
    migrasi = importlib.import_module("pertemuan.migrations.0006_pelatihan_jenis")
    plt = PelatihanFactory(wilayah=area.desa_a, jenis="lainnya")
    migrasi.semua_dasar(django_apps, None)
    plt.refresh_from_db()
    assert plt.jenis == "dasar"
