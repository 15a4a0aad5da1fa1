"""The status board at kabupaten scale in a real browser: height and bytes of the page, the
legend on a phone, screenshots at 360 px and desktop (issue 9 §3)."""

import json
import os
import random
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kader.models import Peran
from laporan.models import LaporanDesa
from tests.factories import DesaFactory, KecamatanFactory, UserFactory
from tests.integration_support import masuk_browser, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = LaporanDesa.Status


@pytest.fixture
def kabupaten(db):
    """18 kecamatan, 167 desa (Gowa's size), reports for most months of this year."""
    acak = random.Random(9)
    tahun = timezone.localdate().year
    desa = []
    for k in range(18):
        kec = KecamatanFactory(nama=f"Kecamatan Uji {k + 1}")
        for i in range(9 + (k < 5)):
            desa.append(DesaFactory(induk=kec, nama=f"Desa {k + 1}.{i + 1}"))
    desa = desa[:167]
    bulan_ini = timezone.localdate().month
    laporan = []
    for d in desa:
        for m in range(1, bulan_ini):
            status = acak.choice([S.DISETUJUI] * 6 + [S.DIKIRIM, S.DRAFT, None])
            if status is None:
                continue
            laporan.append(
                LaporanDesa(
                    desa=d,
                    bulan=date(tahun, m, 1),
                    status=status,
                    angka_beku={"pus": 1} if status == S.DISETUJUI else None,
                )
            )
    LaporanDesa.objects.bulk_create(laporan)
    return desa


def _ukur(page, nama: str) -> dict:
    respons = page.goto("/laporan/status/")
    hasil = {
        "bita": len(respons.body()),
        "tinggi": page.evaluate("document.documentElement.scrollHeight"),
        "lebar": page.evaluate("document.documentElement.scrollWidth"),
    }
    screenshot(page, nama)
    return hasil


def test_board_of_the_kabupaten_is_short_and_light(page_360, kabupaten):
    UserFactory(username="dinas_papan", peran=Peran.DINAS)
    masuk_browser(page_360, "dinas_papan")
    ukuran = {"360": _ukur(page_360, "papan-status-kabupaten-360")}
    legenda = page_360.locator("#legenda-papan")  # on a phone too, above the table
    expect(legenda).to_be_visible()
    expect(legenda).to_contain_text("Ada desa yang terlambat")
    expect(legenda).to_contain_text("– Belum berlaku untuk desa mana pun")
    page_360.set_viewport_size({"width": 1280, "height": 900})
    ukuran["desktop"] = _ukur(page_360, "papan-status-kabupaten-desktop")
    folder = Path(os.environ.get("ARTIFACTS_DIR") or "artifacts")
    (folder / "papan-status-ukuran.json").write_text(json.dumps(ukuran, indent=1))
    # Was 325 kB and 7,900 px tall (every desa × month on one page).
    assert ukuran["desktop"]["bita"] < 80_000, ukuran
    assert ukuran["desktop"]["tinggi"] < 2_500, ukuran
    assert ukuran["360"]["lebar"] <= 360, ukuran


def test_board_of_one_kecamatan_has_a_legend_on_a_phone(page_360, kabupaten):
    UserFactory(username="dinas_papan", peran=Peran.DINAS)
    masuk_browser(page_360, "dinas_papan")
    page_360.goto("/laporan/status/")
    page_360.get_by_role("link", name="Kecamatan Uji 1", exact=True).click()
    page_360.wait_for_load_state()
    legenda = page_360.locator("#legenda-papan")
    expect(legenda).to_be_visible()
    expect(legenda).to_contain_text("Tlt Terlambat")
    expect(legenda).to_contain_text("– Belum berlaku")
    expect(page_360.locator("#papan-desa tbody tr")).to_have_count(10)
    assert page_360.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page_360, "papan-status-kecamatan-360")
    page_360.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page_360, "papan-status-kecamatan-desktop")
