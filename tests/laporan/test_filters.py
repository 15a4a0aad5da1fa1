"""The report list filters, one test each (qs.count())."""

from datetime import date

import pytest
from django.test import RequestFactory

from laporan.filters import LaporanFilter
from laporan.models import LaporanDesa
from tests.laporan.factories import LaporanDesaFactory


@pytest.fixture
def daftar(area, users):
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 3, 1), status="DIKIRIM")
    LaporanDesaFactory(desa=area.desa_a, bulan=date(2025, 2, 1))
    LaporanDesaFactory(desa=area.desa_b, bulan=date(2025, 3, 1))
    LaporanDesaFactory(desa=area.desa_x, bulan=date(2025, 3, 1))
    request = RequestFactory().get("/")
    request.user = users.dinas
    return request


def _qs(request, **data):
    return LaporanFilter(data, queryset=LaporanDesa.objects.all(), request=request).qs


def test_filter_month(daftar):
    assert _qs(daftar, bulan="2025-03").count() == 3


def test_filter_status(daftar):
    assert _qs(daftar, status="DIKIRIM").count() == 1


def test_filter_kecamatan(daftar, area):
    assert _qs(daftar, kecamatan=area.kec_k.pk).count() == 3


def test_filter_search_desa(daftar):
    assert _qs(daftar, q=" desa b ").count() == 1
