"""imp_smart.parameter: every query-string value a list or a report page reads falls back to its
default when it is garbage, and the table of a list ignores sort keys it cannot apply."""

from datetime import date

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django.urls import reverse

from imp_smart import parameter as P
from kader.filters import SKFilter
from kader.models import SK, Wilayah
from tests.factories import DesaFactory, SKFactory

rf = RequestFactory()


def _req(qs: str = ""):
    return rf.get(f"/x/?{qs}")


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [("7", 7), (" 7 ", 7), ("-3", -3), ("abc", 0), ("", 0), ("--5", 0), ("1e3", 0), ("٣", 0),
     ("1" * 13, 0), ("5\x00", 0), ("+5", 0)],
)  # fmt: skip
def test_angka_reads_plain_ascii_integers_only(teks, hasil):
    assert P.angka(teks, 0) == hasil


def test_angka_param_outside_the_bounds_is_the_default():
    assert P.angka_param(_req("n=5"), "n", 1, min=1, max=10) == 5
    assert P.angka_param(_req("n=0"), "n", 1, min=1, max=10) == 1
    assert P.angka_param(_req("n=11"), "n", 1, min=1, max=10) == 1
    assert P.angka_param(_req(), "n", 1) == 1


@pytest.mark.parametrize("teks", ["-1", "0", "abc", "99999", "1999", "2101", "2026.0", "%00"])
def test_tahun_param_garbage_gives_the_default(teks):
    assert P.tahun_param(_req(f"tahun={teks}"), default=2026) == 2026


def test_tahun_param_reads_a_plausible_year_and_honours_a_caller_maximum():
    assert P.tahun_param(_req("tahun=2024"), default=2026) == 2024
    assert P.tahun_param(_req("tahun=2027"), default=2026, max=2026) == 2026


@pytest.mark.parametrize(
    "teks", ["2026-13", "abc", "0000-00", "-1-5", "99999-01", "2026-00", "2026-1-1", "2026", ""]
)
def test_bulan_param_garbage_gives_the_default(teks):
    assert P.bulan_param(_req(f"bulan={teks}"), default=date(2026, 3, 1)) == date(2026, 3, 1)


def test_bulan_param_reads_yyyy_mm_as_the_first_day():
    assert P.bulan_param(_req("bulan=2025-07")) == date(2025, 7, 1)
    assert P.bulan_param(_req("bulan=2025-7")) == date(2025, 7, 1)


@pytest.mark.parametrize("teks", ["abc", "2026-02-30", "0001-01-01", "9999-12-31", "2026-1-1"])
def test_tanggal_param_garbage_gives_the_default(teks):
    assert P.tanggal_param(_req(f"dari={teks}"), "dari", date(2026, 1, 1)) == date(2026, 1, 1)


def test_tanggal_param_reads_an_iso_date():
    assert P.tanggal_param(_req("dari=2025-02-28"), "dari") == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [("-5", 25), ("0", 25), ("abc", 25), ("", 25), ("5", 10), ("50", 50), ("100000", 100)],
)
def test_per_page_is_clamped_to_10_to_100_and_garbage_is_the_default(teks, hasil):
    assert P.per_page_param(_req(f"per_page={teks}")) == hasil


@pytest.mark.parametrize(("teks", "hasil"), [("-1", 1), ("0", 1), ("abc", 1), ("3", 3)])
def test_halaman_is_a_positive_number_else_the_first(teks, hasil):
    assert P.halaman_param(_req(f"page={teks}")) == hasil


class WilayahUjiTable(tables.Table):
    nama = tables.Column()
    label = tables.Column(accessor="get_tingkat_display")  # computed: the database cannot sort
    kode = tables.Column(orderable=False)

    class Meta:
        model = Wilayah
        fields = ("nama", "label", "kode")
        order_by = ("nama",)


def _tabel(qs: str, paginate=None):
    table = WilayahUjiTable(Wilayah.objects.filter(tingkat="desa"))
    paginate = {"per_page": 10} if paginate is None else paginate
    return P.KonfigurasiTabel(_req(qs), paginate=paginate).configure(table)


@pytest.mark.django_db
def test_table_sort_keeps_orderable_database_columns_and_drops_the_rest():
    for i in range(3):
        DesaFactory(nama=f"Desa {i}")
    assert [r.record.nama for r in _tabel("sort=-nama").paginated_rows] == [
        "Desa 2",
        "Desa 1",
        "Desa 0",
    ]
    # unknown, not orderable, a model field that is no column, computed in Python: ignored
    for urut in ("__nonexistent", "kode", "-password", "-id", "label", "-label", "-,,"):
        tabel = _tabel(f"sort={urut}")
        assert [r.record.nama for r in tabel.paginated_rows] == ["Desa 0", "Desa 1", "Desa 2"]
        assert tuple(tabel.order_by) == ("nama",), urut


@pytest.mark.django_db
def test_table_page_out_of_range_shows_the_last_page_and_garbage_the_first():
    for i in range(25):
        DesaFactory(nama=f"Desa {i:02}")
    assert _tabel("page=99999").page.number == 3
    assert _tabel("page=99999999999999999999").page.number == 1  # not a number we accept
    assert _tabel("page=-1").page.number == 1
    assert _tabel("page=abc").page.number == 1
    tabel = _tabel("per_page=-5&page=2")
    assert tabel.paginator.per_page == 10 and tabel.page.number == 2
    assert _tabel("per_page=100000").paginator.per_page == 100


@pytest.mark.django_db
def test_table_without_rows_or_paging_answers():
    assert _tabel("page=5").page.number == 1
    assert len(_tabel("page=5&per_page=-1", paginate=False).rows) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("teks", ["-1", "0", "99999", "abc", "2026.5"])
def test_sk_year_filter_rejects_garbage_on_the_field(teks):
    f = SKFilter(data={"tahun": teks}, queryset=SK.objects.all())
    assert not f.is_valid() and "tahun" in f.errors


@pytest.mark.django_db
def test_sk_year_filter_filters_a_valid_year():
    SKFactory(berlaku_mulai=date(2025, 1, 1))
    SKFactory(berlaku_mulai=date(2024, 1, 1), nomor="x/2024")
    assert SKFilter(data={"tahun": "2025"}, queryset=SK.objects.all()).qs.count() == 1


@pytest.mark.django_db
def test_list_with_an_invalid_filter_shows_the_error_and_a_message(client, users):
    client.force_login(users.dinas)
    resp = client.get(reverse("kader:sk_list"), {"tahun": "-1", "per_page": "-5", "page": "x"})
    assert resp.status_code == 200
    assert "tahun" in resp.context["filter"].form.errors
    teks = resp.content.decode()
    assert "is-invalid" in teks and "Saringan tidak berlaku" in teks
