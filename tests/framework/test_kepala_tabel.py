"""The list table's header and body written by `{% kepala_tabel table %}` and
`{% badan_tabel table %}` (generic/tabel.html) are the <thead> and <tbody> of django-tables2's
own Bootstrap 5 template: same cells, attributes, escaped labels and sort links (the request's
other parameters kept, the order field replaced), the page's rows or the empty text."""

import re

import django_tables2 as tables
import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django_tables2.config import RequestConfig

DATA = [
    {"nama": "Melati", "kode": "01", "jumlah": 3000},
    {"nama": '"><script>x</script>', "kode": "02", "jumlah": 1},
    {"nama": "Mawar", "kode": None, "jumlah": 2},
]


class Tabel(tables.Table):
    nama = tables.Column(verbose_name='Nama "<b>" & co', attrs={"th": {"class": "lebar"}})
    kode = tables.Column(orderable=False)
    jumlah = tables.Column(verbose_name="Jumlah", attrs={"th": {"data-x": "1"}})

    class Meta:
        attrs = {"class": "table", "thead": {"class": "table-light"}, "tbody": {"id": "isi"}}
        empty_text = "Belum ada <data> & lainnya"


def _bagian(template: str, query: dict, tag: str = "thead", data=DATA) -> str:
    request = RequestFactory().get("/daftar/", query)
    table = Tabel(data)
    RequestConfig(request, paginate={"per_page": 2}).configure(table)
    html = render_to_string(template, {"table": table, "request": request})
    bagian = re.search(rf"<{tag}.*?</{tag}>", html, re.S).group(0)
    # Whitespace next to a tag is not rendered in a table cell.
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", bagian)).replace(" >", ">")


def _thead(template: str, query: dict) -> str:
    return _bagian(template, query)


@pytest.mark.parametrize(
    "query",
    [{}, {"sort": "nama"}, {"sort": "-jumlah", "q": "a&b <c>", "desa": ["1", "2"], "page": "2"}],
)
def test_header_is_that_of_django_tables2(query):
    ours = _thead("generic/tabel.html", query)
    theirs = _thead("django_tables2/bootstrap5-responsive.html", query)
    assert ours == theirs
    assert 'scope="col"' in ours and "Nama &quot;&lt;b&gt;&quot; &amp; co" in ours
    assert ours.count("<a href=") == 2  # the two sortable columns


def test_header_sort_link_keeps_the_query_and_flips_the_order():
    ours = _thead("generic/tabel.html", {"sort": "nama", "q": "x"})
    assert '<a href="?sort=-nama&amp;q=x">' in ours


@pytest.mark.parametrize("query", [{}, {"page": "2", "sort": "-nama"}])
def test_body_is_that_of_django_tables2(query):
    ours = _bagian("generic/tabel.html", query, "tbody")
    assert ours == _bagian("django_tables2/bootstrap5-responsive.html", query, "tbody")
    assert ours.startswith('<tbody id="isi">') and "<script>" not in ours
    assert ours.count("<tr") == (2 if not query else 1)


def test_empty_body_shows_the_escaped_empty_text_across_the_columns():
    ours = _bagian("generic/tabel.html", {}, "tbody", data=[])
    assert ours == _bagian("django_tables2/bootstrap5-responsive.html", {}, "tbody", data=[])
    assert '<td colspan="3">Belum ada &lt;data&gt; &amp; lainnya</td>' in ours


def test_list_page_runs_the_context_processors_once(client, users, monkeypatch):
    """`{% tabel %}` renders the table template without a second RequestContext: the office's
    identity (a cache read) and the other processors run once per list page, as on any page."""
    from imp_smart import context_processors

    panggilan = []
    asli = context_processors.identitas
    monkeypatch.setattr(context_processors, "identitas", lambda: panggilan.append(1) or asli())
    client.force_login(users.dinas)
    response = client.get("/pendataan/keluarga/")
    assert response.status_code == 200
    assert len(panggilan) == 1
    assert b"<table" in response.content and b'aria-label="Halaman tabel"' not in response.content


# The page links as the table template's former block wrote them (a querystring_replace node and
# a loop iteration per link); {% halaman_tabel %} must write the same.
BLOK_LAMA = (
    "{% load django_tables2 %}"
    "{% if table.page and table.paginator.num_pages > 1 %}"
    '<nav aria-label="Halaman tabel">'
    '<ul class="pagination pagination-sm flex-wrap justify-content-center my-2">'
    "{% if table.page.has_previous %}"
    '<li class="previous page-item">'
    '<a href="{% querystring_replace table.prefixed_page_field=table.page.previous_page_number %}" class="page-link" aria-label="Halaman sebelumnya"><span aria-hidden="true">&laquo;</span><span class="d-none d-sm-inline"> sebelumnya</span></a>'  # noqa: E501
    "</li>"
    "{% endif %}"
    "{% for p in table.page|table_page_range:table.paginator %}"
    "<li class=\"page-item{% if table.page.number == p %} active{% endif %}{% if p == '...' %} disabled{% endif %}\">"  # noqa: E501
    '<a class="page-link" {% if p != \'...\' %}href="{% querystring_replace table.prefixed_page_field=p %}"{% endif %}>{{ p }}</a>'  # noqa: E501
    "</li>"
    "{% endfor %}"
    "{% if table.page.has_next %}"
    '<li class="next page-item">'
    '<a href="{% querystring_replace table.prefixed_page_field=table.page.next_page_number %}" class="page-link" aria-label="Halaman berikutnya"><span class="d-none d-sm-inline">berikutnya </span><span aria-hidden="true">&raquo;</span></a>'  # noqa: E501
    "</li>"
    "{% endif %}"
    "</ul>"
    "</nav>"
    "{% endif %}"
)


def _rapat(teks: str) -> str:
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", teks)).replace(" >", ">").strip()


@pytest.mark.parametrize("halaman", ["1", "2", "7", "14", "15"])
@pytest.mark.parametrize("query", [{}, {"q": 'a&b "c"', "desa": ["1", "2"], "sort": "-nama"}])
def test_halaman_tabel_sama_dengan_blok_lama(halaman, query):
    from django.template import Context, Template

    from imp_smart.templatetags.daftar import halaman_tabel

    data = [{"nama": f"N{i}", "kode": str(i), "jumlah": i} for i in range(29)]
    request = RequestFactory().get("/daftar/", {**query, "page": halaman})
    table = Tabel(data)
    RequestConfig(request, paginate={"per_page": 2}).configure(table)
    context = Context({"table": table, "request": request})
    lama = Template(BLOK_LAMA).render(context)
    baru = halaman_tabel(context, table)
    assert _rapat(baru) == _rapat(lama)
    assert "Halaman tabel" in baru


def test_halaman_tabel_kosong_untuk_satu_halaman():
    from django.template import Context

    from imp_smart.templatetags.daftar import halaman_tabel

    request = RequestFactory().get("/daftar/")
    table = Tabel(DATA)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    assert halaman_tabel(Context({"request": request}), table) == ""


def test_hidden_filter_field_has_no_label_or_grid_cell(client, users):
    """The NIK search token (a hidden filter field) is written before the grid, without a
    label for a box no one sees."""
    client.force_login(users.dinas)
    html = client.get("/pendataan/keluarga/").content.decode()
    kartu = html[html.index('id="filter-isi"') :]
    kartu = kartu[: kartu.index("</form>")]
    assert re.search(r'<input type="hidden" name="nik_token"[^>]* id="id_nik_token"', kartu)
    assert "Pencarian NIK" not in kartu
    assert kartu.count('class="col-12 col-sm-6 col-lg-3"') == kartu.count('class="form-label')
