"""More than one machine: a PDF asked for through one web instance is made by one of two workers
and downloaded through the other web instance, with the same session cookie.

Two gunicorn instances on their own ports and two `celery worker` processes share only what
separate machines would share: the database, Redis and the file store (tests/scale/conftest.py).
"""

import hashlib
import http.cookiejar
import re
import urllib.parse
import urllib.request
from datetime import date

import pytest

from tests.jobs.conftest import tunggu

pytestmark = pytest.mark.integration
KATA_SANDI = "rahasia-uji-123"  # tests/factories.py UserFactory


class Peramban:
    """One browser: one cookie jar used against every instance (cookies are per host, not
    per port), so the session made on A is the one B sees."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> tuple[int, bytes, dict]:
        with self.opener.open(url, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)

    def post(self, url: str, data: dict) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(url, data=body, timeout=30) as r:
            return r.status, r.read()

    def token(self, url: str) -> str:
        _, isi, _ = self.get(url)
        m = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', isi)
        assert m, f"tidak ada token CSRF di {url}"
        return m.group(1).decode()

    def sesi(self) -> str:
        return next(c.value for c in self.jar if c.name == "sessionid")


def _selesai(model, pk):
    obj = model.objects.get(pk=pk)
    if obj.status in (model.Status.SELESAI, model.Status.GAGAL):
        return obj
    return None


def test_pdf_asked_on_one_instance_is_downloaded_on_the_other(dua_mesin, area, users):
    from imp_smart.models import Pekerjaan
    from laporan.models import BerkasRekap

    a = dua_mesin.web_mulai("web-a")
    b = dua_mesin.web_mulai("web-b")
    dua_mesin.pekerja_mulai("pekerja-1")
    dua_mesin.pekerja_mulai("pekerja-2")
    assert a != b

    p = Peramban()
    token = p.token(f"{a}/akun/masuk/")
    status, isi = p.post(
        f"{a}/akun/masuk/",
        {"username": users.dinas.username, "password": KATA_SANDI, "csrfmiddlewaretoken": token},
    )
    assert status == 200
    sesi = p.sesi()  # logged in: Django gave a session cookie

    # Instance B knows the session made on A (it is in the database and the shared cache).
    status, isi, _ = p.get(f"{b}/laporan/rekap/2025-03/")
    assert status == 200 and b"minta-pdf" in isi

    # Ask on A for the district recap, and on B for the draft SK.
    token = p.token(f"{a}/laporan/rekap/2025-03/")
    p.post(
        f"{a}/laporan/rekap/2025-03/minta/", {"jenis": "KABUPATEN", "csrfmiddlewaretoken": token}
    )
    token = p.token(f"{b}/kader/sk/draf/")
    p.post(f"{b}/kader/sk/draf/", {"tahun": "2026", "kecamatan": "", "csrfmiddlewaretoken": token})
    assert p.sesi() == sesi

    rekap = BerkasRekap.objects.get(jenis="KABUPATEN", bulan=date(2025, 3, 1))
    draf = Pekerjaan.objects.get(jenis_pekerjaan="kader.draft_sk", kunci="2026")
    for berkas, unduh_dari in ((rekap, b), (draf, a)):
        selesai = tunggu(
            lambda berkas=berkas: _selesai(Pekerjaan, berkas.pk),
            batas=120,
            pesan=f"{berkas} selesai\n{dua_mesin.log('pekerja-1')[-2000:]}"
            f"\n{dua_mesin.log('pekerja-2')[-2000:]}",
        )
        assert selesai.status == BerkasRekap.Status.SELESAI, selesai.pesan_galat
        # The other instance reports it done and serves the file the worker stored.
        _, json_status, _ = p.get(f"{unduh_dari}/pekerjaan/{selesai.pk}/status/")
        assert b'"SELESAI"' in json_status
        status, isi, kepala = p.get(f"{unduh_dari}/pekerjaan/{selesai.pk}/unduh/")
        assert status == 200
        assert isi[:5] == b"%PDF-"
        assert hashlib.sha256(isi).hexdigest() == selesai.sha256
        assert len(isi) == selesai.ukuran
        assert "attachment" in kepala["Content-Disposition"]
        # It lives in the shared store.
        assert dua_mesin.baca(selesai.berkas.name) == isi

    # Both workers were up and consuming the queue (either may have taken either job).
    for nama in ("pekerja-1", "pekerja-2"):
        assert "ready." in dua_mesin.log(nama), dua_mesin.log(nama)[-2000:]
