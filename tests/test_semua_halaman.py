"""Every page without URL arguments, opened by every role (and with broken query strings):
never a server error.

The per-view tests check access and content; this one walks the whole URLconf so that a page a
role was not expected to open (a dusun cadre on the per-desa comparison) still answers 200, 302,
403 or 404 rather than 500. New pages are covered as soon as they are routed, and so are their
filter fields and table columns (read from the view class).
"""

import logging
from collections import Counter
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.factories import KaderFactory, MitraFactory, PengurusFactory, SKFactory
from tests.laporan.factories import LaporanDesaFactory
from tests.pendataan.factories import pus_buat
from tests.pertemuan.factories import PertemuanFactory, SesiKIEFactory

pytestmark = pytest.mark.django_db

LEWATI = {"admin", "logout", "healthz"}  # the admin has its own tests; logout is a POST
BOLEH = {200, 302, 403, 404, 405}

# Hand-edited, stale or hostile query strings (raw, so that %00 reaches the view as a NUL).
RUSAK = [
    "per_page=-5",
    "per_page=0",
    "per_page=abc",
    "per_page=100000",
    "page=-1",
    "page=0",
    "page=abc",
    "page=99999",
    "page=99999999999999999999999",
    "sort=__nonexistent",
    "sort=-password",
    "sort=-,,--id",
    "tahun=-1",
    "tahun=abc",
    "tahun=99999",
    "tahun=0",
    "bulan=2026-13",
    "bulan=abc",
    "bulan=0000-00",
    "bulan=-1-5",
    "bulan=99999-01",
    "bulan=2100-12&tahun=2100&dari=2000-01-01&sampai=2100-12-31",  # valid, far away
    "q=%00",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=" + "x" * 3000,
    "dari=abc&sampai=2026-02-30",
    "dari=0001-01-01&sampai=9999-12-31",
    "wilayah=abc",
    "wilayah=-1",
    "kecamatan=abc",
    "kecamatan=99999999999999999999",
    "desa=%00",
    "desa=99999999999999999999&wilayah=99999999999999999999",
    "desa=%D9%A3&wilayah=%D9%A3&page=%D9%A3",
    "anggota=abc",
    "kategori=abc&rt=%00",
    "tingkat=abc",
    "nik=1",
    "ekspor=xlsx&per_page=-5&page=abc&sort=-password&tahun=-1&bulan=2026-13",
    "format=xlsx&bulan=abc&wilayah=abc",
]
# The core of the table, for pages with arguments (detail and form pages read few parameters).
RUSAK_INTI = [
    "per_page=-5",
    "page=99999",
    "sort=-password",
    "tahun=-1",
    "tahun=abc",
    "bulan=2026-13",
    "bulan=abc",
    "q=%00",
    "dari=abc&sampai=2026-02-30",
    "wilayah=abc",
    "ekspor=xlsx&per_page=-5&page=abc&sort=-password&tahun=-1&bulan=2026-13",
    "format=xlsx&bulan=abc&wilayah=abc",
]
PERAN = ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd")
PER_HALAMAN_LAIN = 3  # garbage strings per page for each role that is not the page's opener


def _nama_tanpa_argumen(patterns, awalan=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{awalan}{p.namespace}:" if p.namespace else awalan
            if p.app_name == "admin" or p.pattern.regex.groups:
                continue
            yield from _nama_tanpa_argumen(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
            yield f"{awalan}{p.name}"


def _halaman() -> list[str]:
    nama = set(_nama_tanpa_argumen(get_resolver().url_patterns))
    return sorted(reverse(n) for n in nama if n.split(":")[-1] not in LEWATI)


def _kelas_view(path):
    func = resolve(path).func
    return getattr(func, "view_class", None)


def _field_saringan(path) -> list[str]:
    """Query names of the page's filter fields (range filters have two: _min/_max, …)."""
    kelas = getattr(_kelas_view(path), "filterset_class", None)
    if kelas is None:
        return []
    nama = []
    for n, f in kelas.base_filters.items():
        widget = f.extra.get("widget") or f.field_class.widget
        akhiran = getattr(widget, "suffixes", None)
        nama += [f"{n}_{a}" if a else n for a in akhiran] if akhiran else [n]
    return nama


def _kolom(path) -> list[str]:
    kelas = getattr(_kelas_view(path), "table_class", None)
    return list(kelas.base_columns) if kelas is not None else []


def _isi_data(area):
    """A few rows on every list so that sorting and paging have something to work on."""
    pus_buat(dusun=area.dusun_a1, nama="Sitti Aminah")
    pus_buat(dusun=area.dusun_x1, nama="Hasnah Tiro")
    PengurusFactory(kader=KaderFactory(institusi=area.ppkbd_a))
    KaderFactory(institusi=area.sub_a1)
    SKFactory()
    MitraFactory(wilayah=area.kec_k)
    PertemuanFactory(wilayah=area.desa_a)
    SesiKIEFactory(wilayah=area.desa_a)
    LaporanDesaFactory(desa=area.desa_a)


def test_every_page_answers_every_role_without_a_server_error(client, users, area):
    pus_buat(dusun=area.dusun_a1, nama="Sitti Aminah")
    pus_buat(dusun=area.dusun_x1, nama="Hasnah Tiro")
    halaman = _halaman()
    assert len(halaman) > 40
    for peran in ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd", "admin"):
        client.force_login(getattr(users, peran))
        for url in halaman:
            resp = client.get(url)  # a 500 raises here, with its traceback
            assert resp.status_code in BOLEH, (peran, url, resp.status_code)


def _pembuka(client, users, urls) -> dict[str, str]:
    """Per page the first role that opens it (not 403/404), so that the garbage reaches its code;
    a page nobody opens goes to Dinas."""
    hasil = {}
    for peran in PERAN:
        client.force_login(getattr(users, peran))
        for url in urls:
            if url not in hasil and client.get(url).status_code not in (403, 404):
                hasil[url] = peran
    return hasil


def _jalan(client, users, urls, rusak_untuk, capsys, judul: str) -> None:
    """Every page × its whole garbage list as its opening role; a rotating share of the list as
    each other role. Every failure is listed at once."""
    client.raise_request_exception = False
    pembuka = _pembuka(client, users, urls)
    gagal, jumlah, hitung = [], 0, Counter()
    for r, peran in enumerate(PERAN):
        client.force_login(getattr(users, peran))
        for i, url in enumerate(urls):
            daftar = rusak_untuk(url)
            if pembuka.get(url, "dinas") != peran:
                k = len(daftar)
                daftar = dict.fromkeys(
                    daftar[(i * PER_HALAMAN_LAIN + j + r * 7) % k] for j in range(PER_HALAMAN_LAIN)
                )
            for qs in daftar:
                resp = client.get(f"{url}?{qs}")
                hitung[resp.status_code] += 1
                jumlah += 1
                if resp.status_code not in BOLEH:
                    exc = getattr(resp, "exc_info", None)
                    gagal.append(
                        (peran, url, qs[:60], resp.status_code, repr(exc and exc[1])[:200])
                    )
                elif (
                    resp.status_code == 200 and b"Traceback (most recent call last)" in resp.content
                ):
                    gagal.append((peran, url, qs[:60], 200, "traceback in the page"))
    with capsys.disabled():
        print(f"\n{judul}: {jumlah} requests, {len(urls)} pages, {len(gagal)} failures, {hitung}")
    assert not gagal, "\n".join(map(str, gagal))


@pytest.fixture
def tanpa_log_request(monkeypatch):
    # Thousands of expected 403/404 warnings (and their capture) would double the run time.
    monkeypatch.setattr(logging.getLogger("django.request"), "disabled", True)


def test_garbage_query_strings_never_give_a_server_error(
    client, users, area, capsys, tanpa_log_request
):
    """Issue 9 §2: every page × the garbage table (plus every filter field given 'abc', a NUL,
    -1 and extreme dates, and every column sorted both ways) as the first role that opens the
    page; a rotating share of the table as every other role."""
    _isi_data(area)

    def rusak_untuk(url):
        saringan = _field_saringan(url)
        urut = [f"sort={t}{k}" for k in _kolom(url) for t in ("", "-")]
        nilai = ("abc", "%00", "-1", "0001-01-01", "9999-12-31")
        return RUSAK + [f"{n}={v}" for n in saringan for v in nilai] + urut

    _jalan(client, users, _halaman(), rusak_untuk, capsys, "pages")


# Pages with URL arguments: the argument comes from the view's parent or model queryset (the
# first row Dinas sees), else from this table (function views and extra URL parts).
ARGUMEN = {
    "laporan:ubah": lambda d: {"pk": d.laporan.pk},
    "laporan:detail": lambda d: {"pk": d.laporan.pk},
    "laporan:fidal_desa_pdf": lambda d: {"pk": d.laporan.pk},
    "laporan:aksi": lambda d: {"pk": d.laporan.pk, "aksi": "kirim"},
    "laporan:desa_bulan": lambda d: {"desa_id": d.area.desa_a.pk, "bulan": "2025-03"},
    "pekerjaan_status": lambda d: {"pk": d.berkas.pk},
    "pekerjaan_unduh": lambda d: {"pk": d.berkas.pk},
    "ekspor_pekerjaan": lambda d: {"pk": d.berkas.pk},  # not an export job: 404 for all
    "laporan:rekap_kecamatan_pdf": lambda d: {"bulan": "2025-03", "kecamatan_id": d.area.kec_k.pk},
    "pendataan:anggota_create": lambda d: {"keluarga_pk": d.anggota.keluarga_id},
    "pendataan:mutasi_create": lambda d: {"pk": d.anggota.pk},
    "pertemuan:foto_hapus": lambda d: {"pk": 1},  # POST only: 404 or 405, no photo needed
    "pertemuan:foto": lambda d: {"pk": d.foto.pk},
    "kader:sk_berkas": lambda d: {"pk": d.sk.pk},
    "pertemuan:tindak_lanjut_tutup": lambda d: {"pk": d.tl.masalah.pertemuan_id, "tl": d.tl.pk},
    "pertemuan:mitra_kegiatan": lambda d: {"jenis": "pelayanan", "pk": d.program.pelayanan.pk},
    "pertemuan:sosialisasi_foto": lambda d: {"pk": d.program.foto.pk},
    "pertemuan:sosialisasi_foto_hapus": lambda d: {"pk": 1},  # POST only
    "pertemuan:akseptor_hapus": lambda d: {"pk": 1},  # POST only
    "pertemuan:poktan_modal_tambah": lambda d: {"pk": d.uppka.pk},
}
BULAN_ARG = "2025-03"
# Files (rendered or stored) read no query string: one request each.
TANPA_RUSAK = (".pdf", "/unduh/", "/pertemuan/foto/", "/sosialisasi/foto/")


def _nama_dengan_argumen(patterns, awalan=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue
            ns = f"{awalan}{p.namespace}:" if p.namespace else awalan
            yield from _nama_dengan_argumen(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and p.pattern.regex.groups:
            yield f"{awalan}{p.name}", p


def _pk_dari_view(pola, user):
    """pk of the first row the view itself would load for `user` (its parent or its model)."""
    kelas = getattr(pola.callback, "view_class", None)
    if kelas is None:
        return None
    view = kelas()
    view.setup(RequestFactory().get("/"), pk=0)
    view.request.user = user
    if hasattr(kelas, "induk_queryset"):
        qs = view.induk_queryset()
    elif getattr(kelas, "model", None) is not None:
        qs = kelas.model._default_manager.all()
    else:
        return None
    obj = qs.order_by("pk").first()
    return obj.pk if obj is not None else None


def _data_argumen(area, users):
    from kader.dana import services as services_dana
    from kader.models import TransaksiKas
    from laporan.models import BerkasRekap
    from pendataan.models import Impor
    from pertemuan.models import FotoPertemuan
    from tests.factories import SKFactory
    from tests.pertemuan.factories import (
        KonselingFactory,
        PesertaPelatihanFactory,
        PoktanFactory,
        TindakLanjutFactory,
        pus,
    )

    d = SimpleNamespace(area=area)
    _isi_data(area)
    d.anggota = pus(dusun=area.dusun_a1, nama="Ibu Argumen")
    KonselingFactory(anggota=d.anggota)
    PoktanFactory(wilayah=area.desa_a)
    d.uppka = PoktanFactory(wilayah=area.desa_a, jenis="uppka")
    PesertaPelatihanFactory(kader=KaderFactory(institusi=area.ppkbd_a))
    d.tl = TindakLanjutFactory(masalah__pertemuan__wilayah=area.desa_a)
    services_dana.arisan_buat(institusi=area.ppkbd_a, nama="Arisan Melati", setoran=10000)
    services_dana.transaksi_catat(
        institusi=area.ppkbd_a,
        tanggal=date(2025, 3, 2),
        jenis=TransaksiKas.Jenis.PEMASUKAN_LAIN,
        jumlah=Decimal(5000),
        uraian="Sumbangan",
    )
    Impor.objects.create(
        jenis="keluarga", nama_berkas="k.csv", berkas="impor/k.csv", oleh=users.ppkbd
    )
    d.laporan = LaporanDesaFactory(desa=area.desa_b)
    d.berkas = BerkasRekap.objects.create(bulan=date(2025, 3, 1), jenis="KABUPATEN", versi=1)
    d.foto = FotoPertemuan.objects.create(pertemuan=d.tl.masalah.pertemuan, berkas="x/foto.jpg")
    d.sk = SKFactory(berkas="sk/2025/pindaian.pdf")  # files not stored: 404, never a 500
    d.program = _data_program(area)
    return d


def _data_program(area):
    """One row of each programme activity (pertemuan/models/program.py) in desa A."""
    from pertemuan.models import (
        AkseptorPelayanan,
        FotoSosialisasi,
        KelompokMasyarakat,
        PelayananKB,
        Sosialisasi,
    )

    p = SimpleNamespace()
    tanggal = date(2025, 3, 12)
    p.sosialisasi = Sosialisasi.objects.create(
        jenis="eksternal",
        judul="Sosialisasi",
        tanggal=tanggal,
        wilayah=area.desa_a,
        sasaran="kua",
        jumlah_terjangkau=10,
    )
    p.foto = FotoSosialisasi.objects.create(sosialisasi=p.sosialisasi, berkas="x/foto.jpg")
    p.pelayanan = PelayananKB.objects.create(
        jenis="bakti_tni", judul="Bakti TNI", tanggal=tanggal, wilayah=area.desa_a, tempat="Balai"
    )
    AkseptorPelayanan.objects.create(pelayanan=p.pelayanan, metode="PIL", jumlah=2)
    KelompokMasyarakat.objects.create(
        nama="Kelompok",
        jenis="arisan",
        wilayah=area.desa_a,
        jumlah_anggota=5,
        tanggal_mulai=tanggal,
        institusi_asal=area.ppkbd_a,
    )
    return p


def _url_argumen(users, d) -> tuple[list[str], list[str]]:
    urls, tanpa = [], []
    for nama, pola in _nama_dengan_argumen(get_resolver().url_patterns):
        if nama in ARGUMEN:
            kwargs = ARGUMEN[nama](d)
        elif set(pola.pattern.converters) == {"bulan"}:
            kwargs = {"bulan": BULAN_ARG}
        elif set(pola.pattern.converters) == {"pk"} and (pk := _pk_dari_view(pola, users.dinas)):
            kwargs = {"pk": pk}
        else:
            tanpa.append(nama)
            continue
        urls.append(reverse(nama, kwargs=kwargs))
    return sorted(urls), tanpa


def test_pages_with_arguments_answer_garbage_query_strings(
    client, users, area, capsys, tanpa_log_request
):
    """Detail, form and file pages (one row each) × the garbage table, as for the pages above."""
    d = _data_argumen(area, users)
    urls, tanpa = _url_argumen(users, d)
    assert not tanpa, f"routes without an argument for this walk (add them to ARGUMEN): {tanpa}"

    def rusak_untuk(url):
        return [""] if url.endswith(TANPA_RUSAK) else RUSAK_INTI

    _jalan(client, users, urls, rusak_untuk, capsys, "pages with arguments")


def test_every_page_answers_a_user_with_no_area(client, users, area):
    """A penyuluh between assignments, or a profile without an area: empty pages, not 500s."""
    from kader.models import Penugasan

    Penugasan.objects.filter(penyuluh=users.penyuluh).delete()
    client.force_login(users.penyuluh)
    for url in _halaman():
        resp = client.get(url)
        assert resp.status_code in BOLEH, (url, resp.status_code)
