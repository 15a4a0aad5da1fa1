"""Pages under a real server and concurrent clients, side by side with the floor (issue 14).

Run by hand against the district seed (see bench/run.py for preparing it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/load.py [--detik 15] [--klien 4] [--soak 300]

It starts gunicorn (2 sync workers, production settings with DEBUG off: bench/settings_beban.py,
whose URLs add the floor view), logs in one demo user per role, checks that every page answers
200 for its user, then drives each page with `wrk` (Debian package `wrk`: a C load generator
that costs the 2 cores little) and prints per page: req/s, p50, p90, p99, errors and the ratios
to the floor. The soak drives the list pages with 8 clients for `--soak` seconds.
On a machine shared with other work, `--selang` measures the floor again just before each page,
and each ratio is to that neighbouring floor.
Each page is asked for again and again by the same user: with kept pages on (the default,
imp_smart.halaman) that is a kept page after the first request; `--tanpa-simpanan` turns them
off, so that every request builds its page (a user's first visit, or any visit after a write);
`--dibangun` keeps them on but never serves a kept page, so that every request builds its page
while the pieces that read nothing of its rows stay kept (the lists' filter form: a list opened
after a write to its rows).
The floor: the same middleware and session, a login check, 25 families with their desa in one
indexed query, a plain template.
`--entri N` adds a morning of data entry, N seconds per row: the first 40 pages of the family
list of the PPKBD (desa) and of the Dinas (district), each page asked for in turn, the PPKBD's
worklist, the Sub-PPKBD's PUS page and the PPKBD's counselling and meeting lists, while a
writer saves `--tulis` rows a second in other desas than the PPKBD's: families
(Keluarga.save()), KB statuses (services.status_tulis), counselling and meetings in turn,
values unchanged. Kept pages are renewed per desa for families, members, statuses, mutations,
counselling and meetings (imp_smart.halaman: daftarkan_bagian): the desa users' pages stay
kept; the Dinas's are served up to IMP_HALAMAN_BASI seconds late (20; `IMP_HALAMAN_BASI=0` in
the environment: built again after each write).
The load asks for each page hundreds of times between two writes, so a page built again after
each write still shows little in its p50 and p99; after the load, one client asks for the same
pages at a user's pace (`--pelan` seconds, one request every 0.5 s) while the writes go on:
its median is what a user who opens the page now and then waits ("user p50").
"""

import argparse
import http.cookiejar
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASIS = f"http://127.0.0.1:{PORT}"
SELANG_PENGGUNA = 0.5  # seconds between two requests of a user (--pelan)
SANDI = os.environ.get("BENCH_SANDI", "gowa2026!")
PERAN = {  # role -> demo username (seed_demo)
    "dinas": "dinas",
    "koordinator": "koordinator",
    "penyuluh": "penyuluh",
    "ppkbd": "ppkbd",
    "sub_ppkbd": "subppkbd",
}


def halaman(contoh: dict) -> list[tuple[str, str, str]]:
    """(label, role, path): the floor first, then the pages of issue 14's table."""
    return [
        ("lantai (floor)", "dinas", "/_bench/lantai/"),
        ("beranda dinas", "dinas", "/"),
        ("beranda koordinator", "koordinator", "/"),
        ("beranda penyuluh", "penyuluh", "/"),
        ("beranda ppkbd", "ppkbd", "/"),
        ("beranda sub_ppkbd", "sub_ppkbd", "/"),
        ("keluarga, cari nama (dinas)", "dinas", f"/pendataan/keluarga/?q={contoh['nama']}"),
        ("keluarga (dinas)", "dinas", "/pendataan/keluarga/"),
        ("keluarga (ppkbd)", "ppkbd", "/pendataan/keluarga/"),
        ("rincian keluarga (dinas)", "dinas", f"/pendataan/keluarga/{contoh['keluarga']}/"),
        ("pertemuan (dinas)", "dinas", "/pertemuan/"),
        ("sasaran (ppkbd)", "ppkbd", "/pendataan/sasaran/"),
        ("PUS bulanan (sub_ppkbd)", "sub_ppkbd", "/pendataan/pus/"),
        ("laporan desa (koordinator)", "koordinator", "/laporan/daftar/"),
        ("kader (dinas)", "dinas", "/kader/kader/"),
        ("institusi (dinas)", "dinas", "/kader/institusi/"),
        ("perbandingan desa (dinas)", "dinas", "/pendataan/peta/desa/"),
        ("papan status (dinas)", "dinas", "/laporan/status/"),
        ("dasbor (dinas)", "dinas", "/laporan/"),
    ]


DAFTAR_SOAK = [
    "/pendataan/keluarga/",
    "/pertemuan/",
    "/kader/kader/",
    "/kader/institusi/",
    "/laporan/daftar/",
]


def _contoh() -> dict:
    """Ids and a search word taken from the benchmark database itself."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_beban"
    import django

    django.setup()
    from pendataan.models import Keluarga

    pertama = Keluarga.objects.order_by("pk").values("pk", "nama_kepala").first()
    if pertama is None:
        sys.exit("The database holds no family: seed it first (see bench/run.py).")
    kata = pertama["nama_kepala"].split()[0]
    return {"keluarga": pertama["pk"], "nama": urllib.parse.quote(kata)}


def _mulai_server(tanpa_simpanan: bool = False, dibangun: bool = False) -> subprocess.Popen:
    try:
        urllib.request.urlopen(f"{BASIS}/healthz/", timeout=2)
        sys.exit(f"Port {PORT} already answers: stop that server or set BENCH_PORT.")
    except OSError:
        pass
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings_beban"}
    if tanpa_simpanan:
        env["IMP_HALAMAN_SIMPAN"] = "0"
    if dibangun:
        env["IMP_BENCH_DIBANGUN"] = "1"  # bench/urls_beban.py
    gunicorn = str(AKAR / ".venv" / "bin" / "gunicorn")
    proses = subprocess.Popen(
        [gunicorn, "imp_smart.wsgi:application", "--workers", "2", "--bind", f"127.0.0.1:{PORT}"]
        + ["--access-logfile", "/dev/null", "--error-logfile", "-", "--log-level", "warning"],
        cwd=AKAR,
        env=env,
        start_new_session=True,
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"{BASIS}/healthz/", timeout=10) as r:
                if r.status == 200:
                    return proses
        except OSError:  # refused while booting, or a slow first answer
            time.sleep(0.5)
    _henti(proses)
    sys.exit("gunicorn did not answer /healthz/ within 30 s")


def _henti(proses: subprocess.Popen) -> None:
    os.killpg(proses.pid, signal.SIGTERM)
    proses.wait(timeout=30)


class _TanpaRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _masuk(username: str) -> str:
    """Log in through the real login form; returns the session cookie value."""
    toples = http.cookiejar.CookieJar()
    pembuka = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(toples), _TanpaRedirect()
    )
    html = pembuka.open(f"{BASIS}/akun/masuk/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode(
        {"username": username, "password": SANDI, "csrfmiddlewaretoken": token}
    ).encode()
    try:
        pembuka.open(f"{BASIS}/akun/masuk/", data)
    except urllib.error.HTTPError as e:  # the 302 after a good login
        if e.code != 302:
            raise
    sesi = {c.name: c.value for c in toples}.get("sessionid")
    if not sesi:
        sys.exit(f"login as {username} failed (demo password {SANDI!r}?)")
    return sesi


def _status(path: str, sesi: str) -> int:
    permintaan = urllib.request.Request(BASIS + path, headers={"Cookie": f"sessionid={sesi}"})
    pembuka = urllib.request.build_opener(_TanpaRedirect())
    try:
        with pembuka.open(permintaan, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


SATUAN = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(teks: str) -> float:
    angka, satuan = re.fullmatch(r"([\d.]+)(us|ms|s)", teks).groups()
    return float(angka) * SATUAN[satuan]


def _wrk(path_atau_skrip: str, sesi: str, detik: int, klien: int) -> dict:
    argumen = ["wrk", "-t", "2", "-c", str(klien), "-d", f"{detik}s", "--latency", "--timeout"]
    argumen += ["30s", "-H", f"Cookie: sessionid={sesi}"]
    if path_atau_skrip.endswith(".lua"):
        argumen += ["-s", path_atau_skrip, BASIS + "/"]
    else:
        argumen.append(BASIS + path_atau_skrip)
    keluaran = subprocess.run(argumen, capture_output=True, text=True, check=True).stdout
    hasil = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", keluaran).group(1))}
    for p in ("50", "90", "99"):
        hasil[f"p{p}"] = _ms(re.search(rf"^\s+{p}%\s+(\S+)", keluaran, re.M).group(1))
    salah = re.search(r"Non-2xx or 3xx responses: (\d+)", keluaran)
    soket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", keluaran
    )
    hasil["galat"] = (int(salah.group(1)) if salah else 0) + (
        sum(int(x) for x in soket.groups()) if soket else 0
    )
    hasil["permintaan"] = int(re.search(r"(\d+) requests in", keluaran).group(1))
    return hasil


def _pelan(paths: list[str], sesi: str, detik: float, selang: float) -> dict:
    """A user's pace: one client asks for `paths` in turn, one request every `selang` seconds,
    for `detik` seconds (a new connection each time, as a phone after a pause). Between two of
    its requests a few writes land elsewhere: what it sees is whether the page was kept. The
    median and the worst time in ms, and the answers other than 200."""
    waktu, galat, i = [], 0, 0
    akhir = time.monotonic() + detik
    while time.monotonic() < akhir:
        mulai = time.monotonic()
        permintaan = urllib.request.Request(
            BASIS + paths[i % len(paths)], headers={"Cookie": f"sessionid={sesi}"}
        )
        try:
            with urllib.request.urlopen(permintaan, timeout=30) as jawaban:
                jawaban.read()
                galat += jawaban.status != 200
        except urllib.error.URLError:
            galat += 1
        waktu.append((time.monotonic() - mulai) * 1000)
        i += 1
        time.sleep(max(0.0, selang - (time.monotonic() - mulai)))
    waktu.sort()
    return {"p50": waktu[len(waktu) // 2], "maks": waktu[-1], "galat": galat, "n": len(waktu)}


def _skrip_soak(paths: list[str]) -> str:
    daftar = ", ".join(f'"{p}"' for p in paths)
    isi = (
        f"local paths = {{{daftar}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as berkas:
        berkas.write(isi)
    return berkas.name


def _penulis(berhenti: threading.Event, per_detik: float, kecuali_desa: int, hitung: list) -> None:
    """Save `per_detik` rows a second in desas other than `kecuali_desa`, until told: a family
    (Keluarga.save()), a woman's KB status of this month or earlier (services.status_tulis, as
    the PUS page saves it), a counselling (Konseling.save() with her family at hand, as
    konseling_simpan saves it) and a meeting of a desa or dusun (Pertemuan.save()) in turn,
    their values unchanged."""
    from django.db import connection, transaction

    from pendataan.models import Keluarga, PerubahanStatus
    from pendataan.services import status_tulis
    from pertemuan.models import Konseling, Pertemuan

    ids = list(
        Keluarga.objects.exclude(desa_id=kecuali_desa)
        .order_by("?")
        .values_list("pk", flat=True)[:5000]
    )
    status_ids = list(
        PerubahanStatus.objects.exclude(desa_id=kecuali_desa)
        .order_by("?")
        .values_list("pk", flat=True)[:5000]
    )
    konseling_ids = list(
        Konseling.objects.exclude(desa_id=kecuali_desa).values_list("pk", flat=True)[:5000]
    )
    rapat_ids = list(  # meetings of desas and dusun of other desas
        Pertemuan.objects.filter(wilayah__tingkat__in=("desa", "kelurahan", "dusun"))
        .exclude(wilayah_id=kecuali_desa)
        .exclude(wilayah__desa_id=kecuali_desa)
        .values_list("pk", flat=True)[:5000]
    )
    jenis = (
        ["keluarga"]
        + ["status"] * bool(status_ids)
        + ["konseling"] * bool(konseling_ids)
        + ["pertemuan"] * bool(rapat_ids)
    )
    try:
        while not berhenti.wait(1 / per_detik):
            tulis = jenis[hitung[0] % len(jenis)]
            if tulis == "keluarga":
                k = Keluarga.objects.get(pk=random.choice(ids))
                k.save(update_fields=["nama_kepala"])
            elif tulis == "status":
                with transaction.atomic():
                    p = PerubahanStatus.objects.get(pk=random.choice(status_ids))
                    status_tulis(baru=[], ubah=[p])
            elif tulis == "konseling":
                with transaction.atomic():
                    kon = Konseling.objects.select_related("anggota__keluarga")
                    kon.get(pk=random.choice(konseling_ids)).save()
            else:
                Pertemuan.objects.get(pk=random.choice(rapat_ids)).save()
            hitung[0] += 1
    finally:
        connection.close()


def _entri(args, sesi: dict, lantai: dict) -> int:
    """Family lists page after page, with and without writes in other desas (see --entri)."""
    from django.contrib.auth import get_user_model

    from kader.scoping import desa_cakupan

    desa_ppkbd = min(desa_cakupan(get_user_model().objects.get(username=PERAN["ppkbd"])))
    print(
        f"\ndata entry: family list pages 1–40 in turn, the worklist, the PUS page, the "
        "counselling and meeting lists, "
        f"{args.klien} clients, {args.entri} s each; writes: {args.tulis}/s to families, "
        "KB statuses, counselling and meetings outside the PPKBD's desa"
    )
    if args.pelan:
        print(
            f"'user': one request every {SELANG_PENGGUNA} s for {args.pelan} s (a user's pace) "
            "after the load, the writes still landing: median and worst time"
        )
    print(
        f"{'list':24} {'writes':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'err':>5} "
        f"{'p50/floor':>9} {'user p50':>9} {'user max':>9} {'saved':>6}"
    )
    buruk = 0
    halaman_keluarga = [f"/pendataan/keluarga/?page={i}" for i in range(1, 41)]
    for label, peran, paths in (
        ("keluarga (ppkbd)", "ppkbd", halaman_keluarga),
        ("keluarga (dinas)", "dinas", halaman_keluarga),
        ("sasaran (ppkbd)", "ppkbd", ["/pendataan/sasaran/"]),
        ("PUS bulanan (sub_ppkbd)", "sub_ppkbd", ["/pendataan/pus/"]),
        ("konseling (ppkbd)", "ppkbd", ["/pertemuan/konseling/"]),
        ("pertemuan (ppkbd)", "ppkbd", ["/pertemuan/"]),
    ):
        skrip = _skrip_soak(paths)
        for tulis in (0.0, args.tulis):
            _wrk(skrip, sesi[peran], 3, args.klien)  # every page built once
            berhenti, hitung = threading.Event(), [0]
            penulis = None
            if tulis:
                penulis = threading.Thread(
                    target=_penulis, args=(berhenti, tulis, desa_ppkbd, hitung), daemon=True
                )
                penulis.start()
            pengguna = {"p50": float("nan"), "maks": float("nan"), "galat": 0}
            try:
                h = _wrk(skrip, sesi[peran], args.entri, args.klien)
                if args.pelan:
                    pengguna = _pelan(paths, sesi[peran], args.pelan, SELANG_PENGGUNA)
            finally:
                berhenti.set()
                if penulis is not None:
                    penulis.join(timeout=30)
            buruk += h["galat"] > 0 or pengguna["galat"] > 0
            print(
                f"{label:24} {tulis:7.1f} {h['rps']:7.1f} {h['p50']:8.1f} "
                f"{h['p99']:8.1f} {h['galat'] + pengguna['galat']:5d} "
                f"{h['p50'] / lantai['p50']:9.2f} {pengguna['p50']:9.1f} {pengguna['maks']:9.1f} "
                f"{hitung[0]:6d}",
                flush=True,
            )
        os.unlink(skrip)
    return buruk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detik", type=int, default=int(os.environ.get("BENCH_DETIK", "15")))
    parser.add_argument("--klien", type=int, default=4)
    parser.add_argument("--soak", type=int, default=int(os.environ.get("BENCH_SOAK", "300")))
    parser.add_argument(
        "--selang",
        action="store_true",
        help="measure the floor again right before every page and divide by that one (for a "
        "machine whose load from other work changes during the run)",
    )
    parser.add_argument(
        "--tanpa-simpanan",
        action="store_true",
        help="with kept pages off (IMP_HALAMAN_SIMPAN=0): every request builds its page, as a "
        "user's first visit to a list or any page after a write does",
    )
    parser.add_argument(
        "--dibangun",
        action="store_true",
        help="kept pages on, but no page served from its kept copy: every request builds its "
        "page while the pieces that read nothing of its rows (the filter form) stay kept, as "
        "a list opened after a write to its rows is",
    )
    parser.add_argument(
        "--entri",
        type=int,
        default=0,
        help="seconds per row of the data-entry table (family lists while families are saved "
        "in other desas); 0: left out",
    )
    parser.add_argument("--tulis", type=float, default=5.0, help="writes a second (--entri)")
    parser.add_argument(
        "--pelan",
        type=int,
        default=15,
        help="seconds of requests at a user's pace after each row's load (--entri); 0: none",
    )
    parser.add_argument("--lewati", action="store_true", help="only the data-entry table")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL must point at a PostgreSQL database holding the district seed.")
        return 2
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk")
        return 2
    contoh = _contoh()
    server = _mulai_server(args.tanpa_simpanan, args.dibangun)
    try:
        return _jalankan(args, contoh)
    finally:
        _henti(server)


def _cara(args) -> str:
    if args.tanpa_simpanan:
        return "off: every page built"
    if args.dibangun:
        return "on, never served: every page built, its pieces kept"
    return "on (imp_smart.halaman)"


def _jalankan(args, contoh: dict) -> int:
    sesi = {peran: _masuk(nama) for peran, nama in PERAN.items()}
    daftar = halaman(contoh)
    gagal = [(lbl, s) for lbl, p, u in daftar if (s := _status(u, sesi[p])) != 200]
    if gagal:
        print("Pages that do not answer 200 for their user:", gagal)
        return 1
    print(
        f"gunicorn 2 sync workers, {args.klien} concurrent clients, {args.detik} s per page, "
        f"kept pages {_cara(args)}"
    )
    kepala = f"{'page':32} {'req/s':>7} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'err':>5}"
    print(f"{kepala} {'p50/floor':>9} {'p99/floor':>9} {'load1':>6}")
    lantai = None
    buruk = 0
    _, peran_lantai, path_lantai = daftar[0]
    for label, peran, path in daftar[:1] if args.lewati else daftar:
        _wrk(path, sesi[peran], 2, args.klien)  # warm-up: caches, connections, imports
        if args.selang and lantai is not None:
            lantai = _wrk(path_lantai, sesi[peran_lantai], args.detik, args.klien)
        h = _wrk(path, sesi[peran], args.detik, args.klien)
        lantai = lantai or h
        r50, r99 = h["p50"] / lantai["p50"], h["p99"] / lantai["p99"]
        buruk += h["galat"] > 0
        print(
            f"{label:32} {h['rps']:7.1f} {h['p50']:8.1f} {h['p90']:8.1f} {h['p99']:8.1f} "
            f"{h['galat']:5d} {r50:9.2f} {r99:9.2f} {os.getloadavg()[0]:6.2f}",
            flush=True,
        )
    if args.entri > 0:
        buruk += _entri(args, sesi, lantai)
    if args.soak > 0 and not args.lewati:
        skrip = _skrip_soak(DAFTAR_SOAK)
        h = _wrk(skrip, sesi["dinas"], args.soak, 8)
        os.unlink(skrip)
        print(
            f"\nsoak: {len(DAFTAR_SOAK)} list pages (dinas), 8 clients, {args.soak} s: "
            f"{h['permintaan']} requests, {h['rps']:.1f} req/s, p50 {h['p50']:.1f} ms, "
            f"p99 {h['p99']:.1f} ms, {h['galat']} errors, load1 {os.getloadavg()[0]:.2f} "
            "(target ≥ 60 req/s, 0 errors)"
        )
        buruk += h["galat"] > 0
    return 1 if buruk else 0


if __name__ == "__main__":
    sys.exit(main())
