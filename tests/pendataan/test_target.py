"""Targets (PPM) per desa, year and method: import (command, service, upload page) and export
(DOMAIN.md §8.5)."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.shortcuts import resolve_url
from django.urls import reverse

from kader.scoping import SEMUA
from pendataan.models import TargetMetode
from pendataan.services_target import target_csv_teks, target_ekspor_baris, target_impor


def _csv(*baris, kepala="kode_desa,tahun,metode,target_pb,target_pa"):
    return ("\n".join([kepala, *baris]) + "\n").encode()


def _isi(area):
    return {
        (t.desa_id, t.tahun, t.metode): (t.target_pb, t.target_pa)
        for t in TargetMetode.objects.all()
    }


def test_import_any_header_order_and_case(area):
    isi = _csv(
        f"suntik;{area.desa_a.kode};2025;10;4",
        f"IUD;{area.desa_a.kode};2025;3;2",
        kepala="METODE;Kode_Desa;tahun;Target_PA;target_pb",
    )
    hasil = target_impor(isi=isi, nama="t.csv")
    assert hasil.berhasil, hasil.kesalahan
    assert _isi(area) == {
        (area.desa_a.pk, 2025, "SUNTIK"): (4, 10),
        (area.desa_a.pk, 2025, "IUD"): (2, 3),
    }


def test_every_error_by_row_and_column_and_nothing_written(area):
    TargetMetode.objects.create(
        desa=area.desa_b, tahun=2025, metode="PIL", target_pb=1, target_pa=1
    )
    a = area.desa_a.kode
    isi = _csv(
        f"{a},2025,PIL,5,9",  # row 2: fine
        f"{a},2025,IUD,-3,1",  # 3: negative
        f"{a},2025,IMPLAN,1.5,1",  # 4: not whole
        f"{a},2025,SPIRAL,1,1",  # 5: unknown method
        "99.99.99.9999,2025,PIL,1,1",  # 6: unknown desa
        f"{a},2025,PIL,2,2",  # 7: duplicate of row 2
        f"{a},25,MOW,1,abc",  # 8: year and target_pa
        f"{area.desa_b.kode},2025,PIL,7,7",  # 9: fine, would replace
    )
    hasil = target_impor(isi=isi, nama="t.csv")
    assert [(k["baris"], k["kolom"]) for k in hasil.kesalahan] == [
        (3, "target_pb"),
        (4, "target_pb"),
        (5, "metode"),
        (6, "kode_desa"),
        (7, "metode"),
        (8, "tahun"),
        (8, "target_pa"),
    ]
    pesan = [k["pesan"] for k in hasil.kesalahan]
    assert "negatif" in pesan[0] and "bulat" in pesan[1] and "tidak dikenal" in pesan[2]
    assert "tidak dikenal" in pesan[3] and "baris 2" in pesan[4]
    # Nothing written: not row 2, and row 9 did not replace the stored target.
    assert _isi(area) == {(area.desa_b.pk, 2025, "PIL"): (1, 1)}


def test_outside_the_users_area_is_an_error(area, users):
    isi = _csv(f"{area.desa_a.kode},2025,PIL,5,9", f"{area.desa_x.kode},2025,PIL,5,9")
    hasil = target_impor(isi=isi, nama="t.csv", user=users.koordinator)  # kecamatan K
    assert [(k["baris"], k["kolom"]) for k in hasil.kesalahan] == [(3, "kode_desa")]
    assert "di luar wilayah" in hasil.kesalahan[0]["pesan"]
    assert not TargetMetode.objects.exists()


def test_missing_column_is_reported_on_row_1(area):
    hasil = target_impor(
        isi=_csv("x,2025,PIL,1", kepala="kode_desa,tahun,metode,target_pb"), nama="t.csv"
    )
    assert [(k["baris"], k["kolom"]) for k in hasil.kesalahan] == [(1, "target_pa")]


def test_reimport_replaces_the_same_desa_year_and_method(area):
    a = area.desa_a.kode
    assert target_impor(isi=_csv(f"{a},2025,PIL,5,9", f"{a},2025,IUD,1,1"), nama="t.csv").berhasil
    assert target_impor(isi=_csv(f"{a},2025,PIL,6,8", f"{a},2026,PIL,2,2"), nama="t.csv").berhasil
    assert _isi(area) == {
        (area.desa_a.pk, 2025, "PIL"): (6, 8),
        (area.desa_a.pk, 2025, "IUD"): (1, 1),  # not in the second file: kept
        (area.desa_a.pk, 2026, "PIL"): (2, 2),
    }


def test_xlsx_import_and_export_round_trip(area):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Kode_Desa", "Tahun", "Metode", "Target_PB", "Target_PA"])
    ws.append([area.desa_b.kode, 2025, "mow", 4.0, 6])
    ws.append([area.desa_a.kode, 2025, "IUD", 1, 0])
    buf = io.BytesIO()
    wb.save(buf)
    assert target_impor(isi=buf.getvalue(), nama="t.xlsx").berhasil
    teks = target_csv_teks(target_ekspor_baris(tahun=2025, desa_ids=SEMUA))
    assert teks.splitlines() == [
        "kode_desa,tahun,metode,target_pb,target_pa",
        *sorted([f"{area.desa_a.kode},2025,IUD,1,0", f"{area.desa_b.kode},2025,MOW,4,6"]),
    ]
    # The export imports back unchanged.
    sebelum = _isi(area)
    assert target_impor(isi=teks.encode(), nama="lagi.csv").berhasil
    assert _isi(area) == sebelum


def test_database_refuses_unknown_method_and_duplicates(area):
    T = TargetMetode.objects.create
    with pytest.raises(IntegrityError), transaction.atomic():
        T(desa=area.desa_a, tahun=2025, metode="SPIRAL", target_pb=1, target_pa=1)
    T(desa=area.desa_a, tahun=2025, metode="PIL", target_pb=1, target_pa=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        T(desa=area.desa_a, tahun=2025, metode="PIL", target_pb=2, target_pa=2)


def test_commands_import_and_export(area, tmp_path):
    berkas = tmp_path / "t.csv"
    berkas.write_bytes(_csv(f"{area.desa_a.kode},2025,PIL,5,9"))
    call_command("impor_target", str(berkas), stdout=io.StringIO())
    out = io.StringIO()
    call_command("ekspor_target", "--tahun", "2025", stdout=out)
    assert out.getvalue().splitlines()[1] == f"{area.desa_a.kode},2025,PIL,5,9"
    salah = tmp_path / "s.csv"
    salah.write_bytes(_csv(f"{area.desa_a.kode},2025,PIL,-1,9"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
        call_command("impor_target", str(salah), stderr=err)
    assert "Baris 2 kolom target_pb" in err.getvalue()


URL = "pendataan:target_impor"


def _unggah(client, isi, nama="t.csv"):
    return client.post(reverse(URL), {"berkas": SimpleUploadedFile(nama, isi)})


def test_upload_page_needs_login_and_the_add_permission(area, users, client):
    r = client.get(reverse(URL))
    assert r.status_code == 302 and r.url.startswith(resolve_url(settings.LOGIN_URL))
    for u in (users.koordinator, users.ppkbd):
        client.force_login(u)
        assert client.get(reverse(URL)).status_code == 403
        assert _unggah(client, _csv(f"{area.desa_a.kode},2025,PIL,5,9")).status_code == 403
    assert not TargetMetode.objects.exists()


def test_upload_page_saves_a_good_file(area, users, client):
    client.force_login(users.dinas)
    assert client.get(reverse(URL)).status_code == 200
    r = _unggah(client, _csv(f"{area.desa_a.kode},2025,PIL,5,9"))
    assert r.status_code == 302
    assert _isi(area) == {(area.desa_a.pk, 2025, "PIL"): (5, 9)}


def test_upload_page_shows_the_error_table_and_writes_nothing(area, users, client):
    client.force_login(users.dinas)
    r = _unggah(
        client, _csv(f"{area.desa_a.kode},2025,PIL,5,9", f"{area.desa_a.kode},2025,PIL,-1,9")
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="kesalahan-target"' in html and "negatif" in html
    assert r.context["kesalahan"] == [
        {"baris": 3, "kolom": "target_pb", "pesan": "Target tidak boleh negatif: '-1'."}
    ]
    assert not TargetMetode.objects.exists()


def test_upload_page_refuses_a_desa_outside_the_area(area, users, client):
    from django.contrib.auth.models import Permission

    users.koordinator.user_permissions.add(Permission.objects.get(codename="add_targetmetode"))
    client.force_login(users.koordinator)
    r = _unggah(client, _csv(f"{area.desa_x.kode},2025,PIL,5,9"))
    assert r.status_code == 200 and "di luar wilayah" in r.content.decode()
    assert not TargetMetode.objects.exists()


def test_download_is_scoped_and_formula_safe(area, users, client):
    TargetMetode.objects.create(
        desa=area.desa_a, tahun=2025, metode="PIL", target_pb=5, target_pa=9
    )
    TargetMetode.objects.create(
        desa=area.desa_x, tahun=2025, metode="IUD", target_pb=1, target_pa=1
    )
    url = reverse("pendataan:target_ekspor")
    assert client.get(url).status_code == 302
    client.force_login(users.koordinator)  # kecamatan K: desa A, not desa X
    r = client.get(url, {"tahun": "2025"})
    assert r.status_code == 200
    assert r.content.decode().splitlines() == [
        "kode_desa,tahun,metode,target_pb,target_pa",
        f"{area.desa_a.kode},2025,PIL,5,9",
    ]
    area.desa_a.kode = "=1+1"
    area.desa_a.save()
    assert "'=1+1" in client.get(url).content.decode()


def test_demo_seeds_per_method_targets_once(db):
    from django.utils import timezone

    from kader import demo as kader_demo
    from kader.models import Wilayah
    from kader.services import wilayah_muat
    from pendataan import demo as pendataan_demo
    from pendataan.selectors_target import target_pb_tahunan

    wilayah_muat()
    kader_demo.isi_demo(skala="demo", stdout=io.StringIO())
    pendataan_demo.isi_demo(skala="demo", stdout=io.StringIO())
    tahun = timezone.localdate().year
    jumlah = TargetMetode.objects.filter(tahun=tahun).count()
    desa = set(TargetMetode.objects.values_list("desa_id", flat=True))
    assert jumlah == 9 * len(desa) > 0
    assert desa <= set(Wilayah.objects.desa().values_list("pk", flat=True))
    assert all(v > 0 for v in target_pb_tahunan(tahun=tahun, desa_ids=desa).values())
    pendataan_demo.isi_demo(skala="demo", stdout=io.StringIO())
    assert TargetMetode.objects.count() == jumlah


def test_broken_xlsx_and_empty_cells_are_errors_not_crashes(area):
    hasil = target_impor(isi=b"bukan xlsx", nama="t.xlsx")
    assert [(k["baris"], k["kolom"]) for k in hasil.kesalahan] == [(1, "")]
    assert "tidak dapat dibaca" in hasil.kesalahan[0]["pesan"]
    hasil = target_impor(isi=_csv(f"{area.desa_a.kode},2025,PIL,,99999999"), nama="t.csv")
    assert [(k["baris"], k["kolom"]) for k in hasil.kesalahan] == [
        (2, "target_pb"),  # empty
        (2, "target_pa"),  # far too large for a desa
    ]
    assert not TargetMetode.objects.exists()
