"""The cadre's installable app on a cheap phone's line (issue 13): sizes and Slow-3G load times.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/imp_bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python bench/pwa_bench.py

A production-like server: gunicorn with the load benchmark's settings (bench/settings_beban.py:
production, DEBUG off, plain HTTP on loopback) and static files collected with WhiteNoise's
compressed manifest storage into a temporary directory, served by WhiteNoise as in production.
A Sub-PPKBD of a dusun with 300 PUS ("Dusun Bench PWA", made once in the database and kept)
is logged in by a session cookie, so that the first load is a cold one: no HTTP cache, no
service worker. Debian's Chromium (Playwright) at 360 px, the network throttled through the
DevTools protocol to DevTools' "Slow 3G" profile: 2 s latency, 50 kB/s down and up.

Prints (limits of issue 13):
- the precache (app shell) in bytes, as stored and as sent (≤ 1.5 MB stored);
- the PUS page of the 300-PUS dusun, gzipped (≤ 20 kB);
- the cadre home: first load on Slow 3G (≤ 5 s) and a repeat visit once the service worker
  holds the shell and the page (≤ 1 s); the same for the PUS page, for information (it is
  network-first: its repeat visit waits for the server).
"""

import contextlib
import gzip
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(AKAR))
PORT = int(os.environ.get("BENCH_PORT", "8766"))
BASIS = f"http://localhost:{PORT}"  # localhost: a secure context, the service worker registers
ULANG = int(os.environ.get("BENCH_ULANG", "3"))
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
JUMLAH_PUS = 300

SETELAN = """from bench.settings_beban import *  # noqa: F403
STATIC_ROOT = {root!r}
STORAGES["staticfiles"] = {{"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
"""


def siapkan_setelan(tmp: Path) -> dict:
    (tmp / "pwa_setelan_bench.py").write_text(SETELAN.format(root=str(tmp / "static")))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pwa_setelan_bench",
        "PYTHONPATH": os.pathsep.join([str(tmp), str(AKAR)]),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=AKAR,
        env=env,
        check=True,
    )
    return env


def data_bench(env: dict) -> tuple[str, int]:
    """The bench dusun with 300 PUS and its Sub-PPKBD (made once); her session key and the dusun."""
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")})
    sys.path.insert(0, env["PYTHONPATH"].split(os.pathsep)[0])
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from kader.models import Peran, Wilayah
    from tests.factories import (
        DesaFactory,
        DusunFactory,
        KecamatanFactory,
        SubPpkbdFactory,
        UserFactory,
    )
    from tests.pendataan.factories import pus_buat

    dusun = Wilayah.objects.filter(nama="Dusun Bench PWA").first()
    if dusun is None:
        kec = KecamatanFactory(nama="Kecamatan Bench PWA")
        desa = DesaFactory(induk=kec, nama="Desa Bench PWA")
        dusun = DusunFactory(induk=desa, nama="Dusun Bench PWA")
        institusi = SubPpkbdFactory(wilayah=dusun, nama="Sub-PPKBD Bench PWA")
        UserFactory(username="bench_pwa", peran=Peran.SUB_PPKBD, wilayah=dusun, institusi=institusi)
        for i in range(JUMLAH_PUS):
            pus_buat(dusun=dusun, nama=f"Ibu Bench {i:03d}", rt=f"{i % 9 + 1:03d}")
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_pwa"))
    return client.cookies["sessionid"].value, dusun.pk


def mulai_server(env: dict) -> subprocess.Popen:
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
        except OSError:
            time.sleep(0.5)
    henti(proses)
    sys.exit("gunicorn did not answer /healthz/ within 30 s")


def henti(proses: subprocess.Popen) -> None:
    os.killpg(proses.pid, signal.SIGTERM)
    proses.wait(timeout=30)


def ukuran_precache(tmp: Path) -> tuple[int, int]:
    """(bytes stored, bytes sent) of the app shell: every precache entry fetched once."""
    import json
    import re

    with urllib.request.urlopen(f"{BASIS}/sw.js") as r:
        setelan = json.loads(re.search(r"self.IMP_SETELAN = (.*);\n", r.read().decode()).group(1))
    simpan = kirim = 0
    for item in setelan["precache"]:
        req = urllib.request.Request(BASIS + item["url"], headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(req) as r:
            isi = r.read()
            kirim += len(isi)
            simpan += len(
                gzip.decompress(isi) if r.headers.get("Content-Encoding") == "gzip" else isi
            )
    return simpan, kirim


def ukuran_pus(sesi: str, dusun: int) -> tuple[int, int]:
    req = urllib.request.Request(
        f"{BASIS}/pendataan/pus/?wilayah={dusun}",
        headers={"Accept-Encoding": "gzip", "Cookie": f"sessionid={sesi}"},
    )
    with urllib.request.urlopen(req) as r:
        isi = r.read()
        assert r.headers.get("Content-Encoding") == "gzip", "the PUS page is not gzipped"
        html = gzip.decompress(isi)
    assert html.count(b'class="r') >= JUMLAH_PUS, "the PUS rows are missing"
    return len(html), len(isi)


def waktu_muat(page) -> dict:
    """The page's timings (ms after its navigation started), and what it fetched before its load
    event: requests (the page included) and bytes on the wire (0 for what a cache answered).
    The first contentful paint may come after the load event (text waits for the last style
    sheet): wait for it a while, so that it is not read as missing."""
    with contextlib.suppress(Exception):  # no paint at all: reported as missing (0)
        page.wait_for_function(
            """() => performance.getEntriesByName("first-contentful-paint").length > 0""",
            timeout=15_000,
        )
    return page.evaluate(
        """() => {
          const n = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const r = performance.getEntriesByType("resource").filter(
            (e) => e.name.startsWith("http") && e.startTime < n.loadEventStart);
          return {load: n.loadEventEnd, dcl: n.domContentLoadedEventEnd,
                  fcp: fcp ? fcp.startTime : null,
                  permintaan: 1 + r.length,
                  bytes: n.transferSize + r.reduce((t, e) => t + e.transferSize, 0),
                  sw: !!navigator.serviceWorker.controller};
        }"""
    )


def menu_siap(page) -> float:
    """When Bootstrap's JavaScript had arrived (the navbar menu and dropdowns answer clicks)."""
    page.wait_for_function("() => !!window.bootstrap", timeout=120_000)
    return page.evaluate(
        """() => Math.max(...performance.getEntriesByType("resource")
              .filter((e) => /bootstrap[^/]*\\.js/.test(e.name)).map((e) => e.responseEnd))"""
    )


def tunggu(page, js, batas=120.0):
    akhir = time.monotonic() + batas
    while not page.evaluate(js):
        if time.monotonic() > akhir:
            raise TimeoutError(js)
        time.sleep(0.3)


def air_terjun(sesi: str) -> list[dict]:
    """One cold first load of the cadre home on Slow 3G: every request with its bytes on the wire
    and its start and end (ms after the page's own request), from the DevTools protocol."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
            context.add_cookies([{"name": "sessionid", "value": sesi, "url": BASIS}])
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            permintaan: dict[str, dict] = {}

            def kirim(e):
                permintaan.setdefault(
                    e["requestId"], {"url": e["request"]["url"], "mulai": e["timestamp"]}
                )

            def jawab(e):
                r = permintaan.get(e["requestId"])
                if r is not None:
                    r["enc"] = e["response"]["headers"].get("content-encoding", "") or e[
                        "response"
                    ]["headers"].get("Content-Encoding", "")

            def selesai(e):
                r = permintaan.get(e["requestId"])
                if r is not None:
                    r.update(akhir=e["timestamp"], bytes=e["encodedDataLength"])

            cdp.on("Network.requestWillBeSent", kirim)
            cdp.on("Network.responseReceived", jawab)
            cdp.on("Network.loadingFinished", selesai)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            page.goto(f"{BASIS}/", wait_until="load", timeout=120_000)
            muat = waktu_muat(page)
            page.wait_for_timeout(500)
            context.close()
        finally:
            browser.close()
    nol = min(r["mulai"] for r in permintaan.values())
    baris = []
    for r in sorted(permintaan.values(), key=lambda r: r["mulai"]):
        baris.append(
            {
                "url": r["url"].removeprefix(BASIS),
                "bytes": r.get("bytes", 0),
                "enc": r.get("enc", ""),
                "mulai": (r["mulai"] - nol) * 1000,
                "akhir": (r["akhir"] - nol) * 1000 if "akhir" in r else None,
            }
        )
    return [
        *baris,
        {
            "url": "(load event)",
            "bytes": 0,
            "enc": "",
            "mulai": muat["fcp"] or 0,
            "akhir": muat["load"],
        },
    ]


def cetak_air_terjun(baris: list[dict]) -> None:
    print(
        f"{'request (cold first load of the cadre home)':<62}{'bytes':>8} {'enc':<5}"
        f"{'start':>8}{'end':>8}"
    )
    for b in baris:
        akhir = f"{b['akhir']:.0f}" if b["akhir"] is not None else "-"
        print(f"{b['url'][:61]:<62}{b['bytes']:>8} {b['enc']:<5}{b['mulai']:>8.0f}{akhir:>8}")
    print("(last line: start = first contentful paint, end = load event)")


def ukur_browser(sesi: str, dusun: int) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    hasil = {"beranda pertama": [], "beranda ulang": [], "pus pertama": [], "pus ulang": []}
    pus = f"{BASIS}/pendataan/pus/?wilayah={dusun}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        try:
            for _ in range(ULANG):
                # The first load, in a context of its own: it waits on for the menu's script.
                context = browser.new_context(
                    viewport={"width": 360, "height": 740}, locale="id-ID"
                )
                context.add_cookies([{"name": "sessionid", "value": sesi, "url": BASIS}])
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                page.goto(f"{BASIS}/", wait_until="load", timeout=120_000)
                hasil["beranda pertama"].append({**waktu_muat(page), "menu": menu_siap(page)})
                context.close()
                # The PUS page after the home page (the static files in the HTTP cache, no
                # service worker yet), then both again once the service worker holds them.
                context = browser.new_context(
                    viewport={"width": 360, "height": 740}, locale="id-ID"
                )
                context.add_cookies([{"name": "sessionid", "value": sesi, "url": BASIS}])
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                page.goto(f"{BASIS}/", wait_until="load", timeout=120_000)
                page.goto(pus, wait_until="load", timeout=120_000)
                hasil["pus pertama"].append(waktu_muat(page))
                # Let the service worker install (the shell over the same slow line) and keep
                # the two pages, then visit again.
                cdp.send(
                    "Network.emulateNetworkConditions",
                    {**SLOW_3G, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
                )
                tunggu(
                    page,
                    """(async () => { const r = await navigator.serviceWorker.getRegistration();
                        return !!(r && r.active && r.active.state === "activated"); })()""",
                )
                page.goto(f"{BASIS}/")
                tunggu(
                    page,
                    """(async () => { const c = await caches.open("imp-halaman");
                        return (await c.keys()).length >= 2; })()""",
                )
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                page.goto(f"{BASIS}/", wait_until="load", timeout=120_000)
                hasil["beranda ulang"].append(waktu_muat(page))
                page.goto(pus, wait_until="load", timeout=120_000)
                hasil["pus ulang"].append(waktu_muat(page))
                context.close()
        finally:
            browser.close()
    return hasil


# The same measures before the page was made lighter (full Bootstrap CSS and bundle, HTML not
# gzipped, seven requests in its second round trip), for the note of issue 13.
SEBELUM_KOMIT = "727556d"
SEBELUM: dict[str, float] = {
    "precache (app shell), stored": 394.0,
    "precache (app shell), sent compressed": 95.1,
    "PUS page, 300 PUS, HTML": 231.9,
    "PUS page, 300 PUS, gzipped": 12.4,
    "beranda pertama: load event": 6344,
    "beranda pertama: first contentful paint": 5396,
    "beranda pertama: DOMContentLoaded": 6341,
    "beranda pertama: Bootstrap JS arrived (menu works)": 5378,
    "beranda pertama: requests until load": 8,
    "beranda pertama: bytes on the wire until load": 72.9,
    "beranda ulang: load event": 72,
    "beranda ulang: first contentful paint": 100,
    "beranda ulang: DOMContentLoaded": 65,
    "pus pertama: load event": 2519,
    "pus pertama: first contentful paint": 2116,
    "pus pertama: DOMContentLoaded": 2504,
    "pus pertama: requests until load": 11,
    "pus pertama: bytes on the wire until load": 12.7,
    "pus ulang: load event": 596,
    "pus ulang: first contentful paint": 304,
    "pus ulang: DOMContentLoaded": 583,
}


def _angka(nilai: float | None, satuan: str) -> str:
    if nilai is None:
        return ""
    if satuan == "kB":
        return f"{nilai:.1f} kB"
    return f"{nilai:.0f} {satuan}".strip()


def main() -> int:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("DATABASE_URL must point at a PostgreSQL database (migrated).")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="pwa-bench-"))
    try:
        env = siapkan_setelan(tmp)
        sesi, dusun = data_bench(env)
        proses = mulai_server(env)
        try:
            simpan, kirim = ukuran_precache(tmp)
            html, gz = ukuran_pus(sesi, dusun)
            if "--air-terjun" in sys.argv:
                cetak_air_terjun(air_terjun(sesi))
                return 0
            waktu = ukur_browser(sesi, dusun)
        finally:
            henti(proses)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"Slow 3G (DevTools' preset: {SLOW_3G['latency']} ms per request, 50 kB/s); {ULANG} runs, "
        f"median; load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'measure':<54}{'before':>10}{'now':>10}{'limit':>10}  ok")
    baris = [
        ("precache (app shell), stored", "kB", simpan / 1024, 1536),
        ("precache (app shell), sent compressed", "kB", kirim / 1024, None),
        (f"PUS page, {JUMLAH_PUS} PUS, HTML", "kB", html / 1024, None),
        (f"PUS page, {JUMLAH_PUS} PUS, gzipped", "kB", gz / 1024, 20),
    ]
    batas = {("beranda pertama", "load"): 5000, ("beranda ulang", "load"): 1000}
    ukuran = {
        "load": ("load event", "ms"),
        "fcp": ("first contentful paint", "ms"),
        "dcl": ("DOMContentLoaded", "ms"),
        "menu": ("Bootstrap JS arrived (menu works)", "ms"),
        "permintaan": ("requests until load", ""),
        "bytes": ("bytes on the wire until load", "kB"),
    }
    for nama, daftar in waktu.items():
        for kunci, (label, satuan) in ukuran.items():
            if kunci not in daftar[0] or kunci in ("permintaan", "bytes") and "ulang" in nama:
                continue  # the service worker answers: Resource Timing tells no wire bytes
            nilai = statistics.median(d[kunci] or 0 for d in daftar)
            if satuan == "kB":
                nilai /= 1024
            baris.append((f"{nama}: {label}", satuan, nilai, batas.get((nama, kunci))))
    hasil = []
    for label, satuan, nilai, lim in baris:
        ok = lim is None or nilai <= lim
        hasil.append(ok)
        lalu = SEBELUM.get(label)
        print(
            f"{label:<54}{_angka(lalu, satuan):>10}{_angka(nilai, satuan):>10}"
            f"{_angka(lim, satuan):>10}  {'yes' if ok else 'NO'}"
        )
    print(f"(before: {SEBELUM_KOMIT}, measured the same way)")
    return 0 if all(hasil) else 1


if __name__ == "__main__":
    sys.exit(main())
