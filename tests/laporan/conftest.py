import pytest

from kader.scoping import wilayah_saring
from laporan import selectors
from tests.laporan.factories import LaporanDesaFactory, angka_seimbang


@pytest.fixture
def angka_tetap(monkeypatch):
    """Pre-fill figures fixed per desa (no register needed): {desa_id: angka}; default balanced."""
    nilai: dict[int, dict] = {}

    def palsu(*, bulan, desa_ids):
        desa_ids = wilayah_saring(desa_ids)  # as the real one: fails closed
        if desa_ids is None:  # SEMUA: every desa/kelurahan
            from kader.models import Wilayah

            desa_ids = Wilayah.objects.desa().values_list("pk", flat=True)
        return {d: dict(nilai.get(d, angka_seimbang())) for d in desa_ids}

    monkeypatch.setattr(selectors, "angka_otomatis_desa", palsu)
    return nilai


@pytest.fixture
def laporan_a(area, angka_tetap):
    """A draft of desa A for March 2025 with balanced figures."""
    return LaporanDesaFactory(desa=area.desa_a)


@pytest.fixture(autouse=True)
def _cache_kosong():
    """The dashboard caches its figures; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
