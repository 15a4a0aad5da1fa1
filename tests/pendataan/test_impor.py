import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from pendataan import impor
from pendataan.models import Anggota, Impor, Keluarga, PerubahanStatus, RiwayatAnggota
from tests.factories import nik_valid
from tests.pendataan.factories import no_kk_baru, pus_buat

pytestmark = pytest.mark.django_db
KEPALA = "kode_desa,dusun,rt,no_kk,nik,nama,hubungan,jenis_kelamin,tanggal_lahir,status_kawin"


def _csv_keluarga(area, kk=None, **ganti):
    kk = kk or no_kk_baru()
    baris = {
        "suami": [
            area.desa_a.kode,
            "A1",
            "001",
            kk,
            nik_valid(jenis_kelamin="L", lahir=date(1985, 2, 3)),
            "Baso Tiro",
            "1",
            "L",
            "1985-02-03",
            "2",
        ],
        "istri": [
            area.desa_a.kode,
            "A1",
            "001",
            kk,
            nik_valid(lahir=date(1990, 5, 17)),
            "Siti Hasnah",
            "2",
            "P",
            "17/05/1990",
            "2",
        ],
        "anak": [
            area.desa_a.kode,
            "A1",
            "001",
            kk,
            nik_valid(jenis_kelamin="L", lahir=date(2015, 7, 8)),
            "Andi",
            "3",
            "L",
            "08-07-2015",
            "1",
        ],
    }
    for kunci, (kolom, nilai) in ganti.items():
        baris[kunci][KEPALA.split(",").index(kolom)] = nilai
    return (KEPALA + "\n" + "\n".join(",".join(b) for b in baris.values()) + "\n").encode()


def _jalan(jenis, isi, user=None, nama="data.csv"):
    return impor.jalankan_impor(jenis=jenis, isi=isi, nama=nama, user=user)


def test_family_import_creates_and_reimport_changes_nothing(area):
    isi = _csv_keluarga(area)
    h = _jalan("keluarga", isi)
    assert h.berhasil, h.kesalahan
    assert h.ringkasan["keluarga_baru"] == 1 and h.ringkasan["anggota_baru"] == 3
    assert RiwayatAnggota.objects.count() == 3
    sebelum = list(Anggota.objects.values_list("pk", "nama", "status_kawin"))
    h2 = _jalan("keluarga", isi)
    assert h2.berhasil
    assert h2.ringkasan.get("keluarga_baru", 0) == h2.ringkasan.get("anggota_baru", 0) == 0
    assert h2.ringkasan.get("anggota_diubah", 0) == 0
    assert list(Anggota.objects.values_list("pk", "nama", "status_kawin")) == sebelum
    assert Keluarga.objects.count() == 1 and RiwayatAnggota.objects.count() == 3


def test_new_dusun_in_file_is_created_under_its_desa(area):
    h = _jalan(
        "keluarga",
        _csv_keluarga(
            area, suami=("dusun", "Baru"), istri=("dusun", "Baru"), anak=("dusun", "Baru")
        ),
    )
    assert h.berhasil, h.kesalahan
    kel = Keluarga.objects.get()
    assert (kel.dusun.nama, kel.dusun.induk_id) == ("Baru", area.desa_a.pk)


@pytest.mark.parametrize(
    ("baris", "kolom", "nilai", "pesan"),
    [
        ("istri", "kode_desa", "73.99.99.9999", "tidak dikenal"),
        ("istri", "no_kk", "12345", "16 digit"),
        ("istri", "nik", "7306015705900000", "0000"),
        ("istri", "nik", "7306019905900001", "tidak mungkin"),
        ("istri", "nama", "", "wajib"),
        ("istri", "hubungan", "7", "1–4"),
        ("istri", "jenis_kelamin", "X", "L atau P"),
        ("istri", "tanggal_lahir", "1990/31/31", "tidak dikenali"),
        ("istri", "status_kawin", "0", "1–4"),
        ("istri", "rt", "", "RT wajib"),
        ("istri", "dusun", "", "dusun wajib"),
    ],
)
def test_each_family_error_is_reported_and_nothing_written(area, baris, kolom, nilai, pesan):
    h = _jalan("keluarga", _csv_keluarga(area, **{baris: (kolom, nilai)}))
    assert not h.berhasil
    assert any(
        k["baris"] == 3 and k["kolom"] == kolom and pesan in k["pesan"] for k in h.kesalahan
    ), h.kesalahan
    assert not Keluarga.objects.exists() and not Anggota.objects.exists()


def test_duplicate_nik_in_file_and_missing_column(area):
    isi = _csv_keluarga(area).decode().splitlines()
    isi.append(isi[2])
    h = _jalan("keluarga", ("\n".join(isi) + "\n").encode())
    assert any("baris 3" in k["pesan"] for k in h.kesalahan)
    h = _jalan("keluarga", b"kode_desa,nik\n73.06,1\n")
    assert {k["kolom"] for k in h.kesalahan if k["baris"] == 1} >= {"no_kk", "nama"}


def test_nik_of_another_family_is_refused(area):
    w = pus_buat(dusun=area.dusun_a1)
    h = _jalan("keluarga", _csv_keluarga(area, istri=("nik", w.nik)))
    assert any("keluarga lain" in k["pesan"] for k in h.kesalahan)


def test_rows_outside_scope_are_rejected(area, users):
    isi = _csv_keluarga(area).decode().replace(area.desa_a.kode, area.desa_x.kode).encode()
    h = _jalan("keluarga", isi.replace(b",A1,", b",X1,"), user=users.ppkbd)
    assert not h.berhasil and "luar wilayah" in h.kesalahan[0]["pesan"]
    assert _jalan("keluarga", _csv_keluarga(area), user=users.ppkbd).berhasil


def test_xlsx_family_import(area):
    from openpyxl import Workbook

    wb = Workbook()
    for baris in _csv_keluarga(area).decode().splitlines():
        wb.active.append(baris.split(","))
    wb.active["I3"] = date(1990, 5, 17)  # a real date cell
    keluar = io.BytesIO()
    wb.save(keluar)
    h = _jalan("keluarga", keluar.getvalue(), nama="data.xlsx")
    assert h.berhasil, h.kesalahan
    assert Anggota.objects.count() == 3


def _csv_status(*baris):
    return (
        "nik,bulan,status,jalur,peserta_baru\n" + "\n".join(",".join(b) for b in baris) + "\n"
    ).encode()


def test_status_import_all_or_nothing_and_idempotent(area):
    a = pus_buat(dusun=area.dusun_a1)
    b = pus_buat(dusun=area.dusun_a1)
    baik = _csv_status(
        (a.nik, "2025-01", "PIL", "PEMERINTAH", "Y"),
        (a.nik, "2025-03", "IMPLAN", "SWASTA", "T"),
        (b.nik, "2025-02", "IAT", "", ""),
    )
    buruk = _csv_status(
        (a.nik, "2025-01", "PIL", "PEMERINTAH", "Y"), (b.nik, "2025-02", "SUNTIK", "", "T")
    )
    h = _jalan("status_kb", buruk)
    assert [(k["baris"], k["kolom"]) for k in h.kesalahan] == [(3, "jalur")]
    assert not PerubahanStatus.objects.exists()
    assert _jalan("status_kb", baik).ringkasan["status_baru"] == 3
    h = _jalan("status_kb", baik)
    assert (h.ringkasan["status_baru"], h.ringkasan["status_diubah"]) == (0, 0)
    assert PerubahanStatus.objects.count() == 3


@pytest.mark.parametrize(
    ("baris", "kolom", "pesan"),
    [
        (("7306015705900001", "2025-01", "PIL", "SWASTA", "T"), "nik", "tidak terdaftar"),
        (("{nik}", "2025-13", "PIL", "SWASTA", "T"), "bulan", "YYYY-MM"),
        (("{nik}", "2099-01", "IAS", "", ""), "bulan", "masa depan"),
        (("{nik}", "2025-01", "PILL", "", ""), "status", "tidak dikenal"),
        (("{nik}", "2025-01", "PIL", "NEGERI", ""), "jalur", "PEMERINTAH atau SWASTA"),
        (("{nik}", "2025-01", "IAS", "", "Y"), "peserta_baru", "hanya untuk metode"),
        (("{nik}", "2025-01", "IAS", "", "X"), "peserta_baru", "Y atau T"),
        (("{suami}", "2025-01", "IAS", "", ""), "nik", "Bukan PUS"),
    ],
)
def test_each_status_error(area, baris, kolom, pesan):
    w = pus_buat(dusun=area.dusun_a1)
    suami = Anggota.objects.get(keluarga=w.keluarga, hubungan=1)
    baris = tuple(x.format(nik=w.nik, suami=suami.nik) for x in baris)
    h = _jalan("status_kb", _csv_status(baris))
    assert any(k["kolom"] == kolom and pesan in k["pesan"] for k in h.kesalahan), h.kesalahan


def test_status_pb_rule_uses_earlier_rows_of_the_file(area):
    w = pus_buat(dusun=area.dusun_a1)
    h = _jalan(
        "status_kb",
        _csv_status(
            (w.nik, "2025-02", "IMPLAN", "SWASTA", "Y"), (w.nik, "2025-01", "PIL", "SWASTA", "Y")
        ),
    )
    assert [k["baris"] for k in h.kesalahan] == [2]  # Feb: ganti cara after January's PIL


def test_status_outside_scope_is_rejected(area, users):
    w = pus_buat(dusun=area.dusun_x1)
    h = _jalan("status_kb", _csv_status((w.nik, "2025-01", "IAS", "", "")), user=users.ppkbd)
    assert "luar wilayah" in h.kesalahan[0]["pesan"]


def test_upload_page_queues_task_and_shows_progress(
    client, users, area, django_capture_on_commit_callbacks
):
    client.force_login(users.ppkbd)
    berkas = SimpleUploadedFile("keluarga.csv", _csv_keluarga(area), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(
            reverse("pendataan:impor_create"), {"jenis": "keluarga", "berkas": berkas}
        )
    job = Impor.objects.get()
    assert resp.status_code == 302 and resp["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Impor.Status.SELESAI and Anggota.objects.count() == 3
    data = client.get(reverse("pekerjaan_status", args=[job.pk])).json()
    assert data["selesai"] and data["persen"] == 100
    assert client.get(job.get_absolute_url()).status_code == 200
    # A second claim of the same job does nothing.
    assert impor.impor_proses(impor_id=job.pk) is False
    client.force_login(users.dinas)
    assert client.get(job.get_absolute_url()).status_code == 200
    client.force_login(users.penyuluh)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_failed_upload_lists_errors_as_csv(client, users, area, django_capture_on_commit_callbacks):
    client.force_login(users.ppkbd)
    berkas = SimpleUploadedFile("k.csv", _csv_keluarga(area, anak=("jenis_kelamin", "X")))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pendataan:impor_create"), {"jenis": "keluarga", "berkas": berkas})
    job = Impor.objects.get()
    assert job.status == Impor.Status.GAGAL and job.jumlah_kesalahan == 1
    csv = client.get(reverse("pendataan:impor_kesalahan", args=[job.pk])).content.decode()
    assert csv.splitlines()[1].startswith("4,jenis_kelamin,")
    assert not Anggota.objects.exists()


def test_management_commands(area, tmp_path):
    f = tmp_path / "k.csv"
    f.write_bytes(_csv_keluarga(area))
    call_command("impor_keluarga", str(f), stdout=io.StringIO())
    assert Anggota.objects.count() == 3
    istri = Anggota.objects.get(hubungan=2)
    s = tmp_path / "s.csv"
    s.write_bytes(_csv_status((istri.nik, "2025-01", "SUNTIK", "SWASTA", "")))
    call_command("impor_status_kb", str(s), stdout=io.StringIO())
    assert PerubahanStatus.objects.get().status == "SUNTIK"
    s.write_bytes(_csv_status((istri.nik, "2025-01", "SUNTIK", "", "")))
    with pytest.raises(CommandError):
        call_command("impor_status_kb", str(s), stdout=io.StringIO(), stderr=io.StringIO())


def test_progress_says_saving_once_every_row_is_checked(client, users, area, monkeypatch):
    """Rows are checked with a count, then written in one transaction: the last report comes
    before the write, and the page and its JSON then say the rows are being saved."""
    laporan, saat_menulis = [], []
    asli = impor._LANGKAH["keluarga"]

    def tulis(data, user, hasil):
        saat_menulis.append(list(laporan))
        return asli[1](data, user, hasil)

    monkeypatch.setitem(impor._LANGKAH, "keluarga", (asli[0], tulis))
    h = impor.jalankan_impor(
        jenis="keluarga",
        isi=_csv_keluarga(area),
        nama="k.csv",
        progres=lambda i, total: laporan.append((i, total)),
    )
    assert h.berhasil and saat_menulis == [[(3, 3)]]

    job = Impor.objects.create(
        jenis="keluarga",
        nama_berkas="k.csv",
        oleh=users.ppkbd,
        status=Impor.Status.PROSES,
        jumlah_baris=50000,
        baris_diproses=12000,
    )
    client.force_login(users.ppkbd)
    url = reverse("pekerjaan_status", args=[job.pk])
    data = client.get(url).json()
    assert not data["menyimpan"] and data["keterangan"] == "12.000 / 50.000 baris diperiksa"
    Impor.objects.filter(pk=job.pk).update(baris_diproses=50000)
    data = client.get(url).json()
    assert data["menyimpan"] and data["keterangan"].startswith("Semua 50.000 baris sudah diperiksa")
    assert "progress-bar-animated" in client.get(job.get_absolute_url()).content.decode()


def test_family_import_renews_the_kept_pus_figures(area):
    """The import writes with bulk_create and update() (no signals): the PUS figures kept a few
    minutes (imp_smart.kartu: home card, desa comparison) get a new generation."""
    from django.core.cache import cache

    from imp_smart.kartu import _kunci_generasi

    cache.set(_kunci_generasi("pus"), "lama", None)
    h = _jalan("keluarga", _csv_keluarga(area))
    assert h.berhasil, h.kesalahan
    assert cache.get(_kunci_generasi("pus")) != "lama"
