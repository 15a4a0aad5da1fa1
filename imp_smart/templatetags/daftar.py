"""Tags of the list pages, rendered in Python because every list page pays for them.

- `{% saringan_field field %}`: one filter field as Bootstrap 5 markup. crispy-forms renders a
  field through several templates (≈4 ms each); a filter needs only label, control and error,
  so this writes the same markup (`form-label`, `form-select`/`form-control`, `is-invalid`,
  `invalid-feedback`). A two-input range (dates) is a fieldset whose inputs carry their own
  labels ("Tanggal dari/sampai"). Forms that are filled in and saved keep crispy-forms.
- `{% kepala_tabel table %}`: the table's <thead> as django-tables2's Bootstrap 5 template
  writes it (a `querystring_replace` node per sortable column and a template loop did the same).
- `{% badan_tabel table %}`: the <tbody>, every row through `baris_tabel` (the template's loop
  and row block cost more per row than the row itself), or the empty text.
- `{% tabel table %}`: django-tables2's `render_table` with the list's table template, without
  its second RequestContext: `render_table` renders its template with the request, so every
  context processor (role and menu, the office's identity from the cache, the offline patterns)
  ran a second time per list page. The table template reads only `table` and `request`.
- `{% halaman_tabel table %}`: the page links (the former template block: a
  `querystring_replace` node and a loop iteration per link), same markup and links.
- `{% baris_tabel row %}`: one django-tables2 row, the markup of the package's Bootstrap
  template (`<tr attrs><td attrs>cell</td>…`) with the same localize rules, without a template
  node per cell (25 rows × 7 columns made the loop the largest cost of the register list).
"""

import copy
import functools
import html
from urllib.parse import urlencode

from django import forms, template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import render_value_in_context
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_tables2.rows import BoundRow
from django_tables2.templatetags.django_tables2 import table_page_range

from imp_smart.halaman import potongan, teks_kueri
from imp_smart.kolom import sel_baris
from imp_smart.widgets import PilihanCepat, tulis_input

register = template.Library()


def _kelas(widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


# Labels of the parts of a two-input range (django-filter's DateFromToRangeFilter/RangeFilter).
BAGIAN_RENTANG = ("dari", "sampai")


def _galat(field):
    # Django points the control's aria-describedby at "<id>_error".
    if not field.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback d-block">{}</div>',
        field.auto_id,
        " ".join(str(e) for e in field.errors),
    )


def _label_bagian(field) -> list[str]:
    """One label per input of a MultiWidget: "Tanggal dari" / "Tanggal sampai"."""
    jumlah = len(field.field.widget.widgets)
    bagian = BAGIAN_RENTANG if jumlah == 2 else [str(i + 1) for i in range(jumlah)]
    return [f"{field.label} {b}" for b in bagian]


def _rentang(field, kontrol):
    """A multi-input field as a fieldset: the legend names the field and each input has its
    own (visually hidden) label, so that a screen reader says "Tanggal dari"."""
    label = format_html_join(
        "",
        '<label class="visually-hidden" for="{}_{}">{}</label>',
        ((field.auto_id, i, teks) for i, teks in enumerate(_label_bagian(field))),
    )
    # The labels sit inside the box after the legend: Bootstrap floats a legend and clears
    # only its next sibling.
    return format_html(
        '<fieldset class="mb-2"><legend class="form-label small mb-1">{}</legend>'
        '<div class="d-flex align-items-center gap-1 saringan-rentang">{}{}</div>{}</fieldset>',
        field.label,
        label,
        kontrol,
        _galat(field),
    )


@register.simple_tag
def saringan_field(field):
    widget = field.field.widget
    kelas = _kelas(widget)
    centang = kelas == "form-check-input"
    if field.errors:
        kelas += " is-invalid"
    ganti = None
    if isinstance(widget, forms.NullBooleanSelect):
        # As a filter, "unknown" means "do not filter": Django's labels read "Tidak diketahui".
        ganti = copy.copy(widget)
        ganti.choices = [("unknown", "Semua"), ("true", "Ya"), ("false", "Tidak")]
    elif type(widget) is forms.Select:
        # A plain select (institutions, kecamatan, codes) written in Python: Django's option
        # template per choice was a third of the cadre list's time.
        ganti = PilihanCepat(attrs=widget.attrs, choices=widget.choices)
    elif isinstance(widget, forms.widgets.Input | forms.MultiWidget):
        # A text box, hidden field or date range written in Python (imp_smart.widgets).
        ganti = copy.copy(widget)
        ganti.render = functools.partial(tulis_input, ganti)  # type: ignore[method-assign]
    kontrol = field.as_widget(
        widget=ganti, attrs={"class": f"{widget.attrs.get('class', '')} {kelas}".strip()}
    )
    if field.is_hidden:  # no label or box of its own (the card lists it outside the grid)
        return format_html("{}{}", kontrol, _galat(field))
    if isinstance(widget, forms.MultiWidget) and field.auto_id:
        return _rentang(field, kontrol)
    if centang:
        return format_html(
            '<div class="form-check mt-4">{}<label class="form-check-label" for="{}">{}</label>'
            "{}</div>",
            kontrol,
            field.id_for_label,
            field.label,
            _galat(field),
        )
    return format_html(
        '<div class="mb-2"><label class="form-label small mb-1" for="{}">{}</label>{}{}</div>',
        field.id_for_label,
        field.label,
        kontrol,
        _galat(field),
    )


@register.simple_tag(takes_context=True)
def tabel(context, table, nama_template="generic/tabel.html"):
    """render_table's work (the table sees the page's context, before_render) with a plain
    Context of the table and the request: the template's output, already safe HTML."""
    request = context.get("request")
    table.context = context  # as render_table does, for TemplateColumn
    try:
        table.before_render(request)
        return get_template(nama_template).render({"table": table, "request": request})
    finally:
        del table.context


@register.simple_tag(takes_context=True)
def halaman_tabel(context, table):
    """Page links of a paginated table with more than one page (django-tables2's page range:
    first, last, current and up to 10 around it, "..." between); each link is the request's
    query string with the page field replaced, urlencoded and escaped."""
    page = getattr(table, "page", None)
    if not page or table.paginator.num_pages <= 1:
        return ""
    params = dict(context["request"].GET)
    kunci = table.prefixed_page_field

    def ke(nomor) -> str:
        baru = {kunci: nomor} if kunci not in ("", None) else {}
        return html.escape("?" + urlencode({**params, **baru}, doseq=True))

    bagian = [
        '<nav aria-label="Halaman tabel">'
        '<ul class="pagination pagination-sm flex-wrap justify-content-center my-2">'
    ]
    if page.has_previous():
        bagian.append(
            f'<li class="previous page-item"><a href="{ke(page.previous_page_number())}" '
            'class="page-link" aria-label="Halaman sebelumnya"><span aria-hidden="true">&laquo;'
            '</span><span class="d-none d-sm-inline"> sebelumnya</span></a></li>'
        )
    for p in table_page_range(page, table.paginator):
        kelas = (" active" if page.number == p else "") + (" disabled" if p == "..." else "")
        href = f' href="{ke(p)}"' if p != "..." else ""
        teks = conditional_escape(render_value_in_context(p, context))
        bagian.append(f'<li class="page-item{kelas}"><a class="page-link"{href}>{teks}</a></li>')
    if page.has_next():
        bagian.append(
            f'<li class="next page-item"><a href="{ke(page.next_page_number())}" '
            'class="page-link" aria-label="Halaman berikutnya"><span class="d-none d-sm-inline">'
            'berikutnya </span><span aria-hidden="true">&raquo;</span></a></li>'
        )
    bagian.append("</ul></nav>")
    return mark_safe("".join(bagian))


@register.simple_tag(takes_context=True)
def kepala_tabel(context, table):
    """`<thead><tr><th … scope="col">` with each sortable header a link to the same query
    with the column's next ordering (django-tables2's `querystring_replace`: the request's
    parameters, the table's order field replaced, urlencoded and escaped)."""
    if not table.show_header:
        return ""
    params = dict(context["request"].GET)
    kunci = table.prefixed_order_by_field
    sel = []
    for column in table.columns:
        judul = conditional_escape(render_value_in_context(column.header, context))
        if column.orderable:
            baru = {kunci: column.order_by_alias.next} if kunci not in ("", None) else {}
            tautan = "?" + urlencode({**params, **baru}, doseq=True)
            judul = format_html('<a href="{}">{}</a>', tautan, judul)
        sel.append(f'<th {column.attrs["th"].as_html()} scope="col">{judul}</th>')
    thead = table.attrs.get("thead")
    atribut = thead.as_html() if hasattr(thead, "as_html") else ""
    return mark_safe(f"<thead {atribut}><tr>{''.join(sel)}</tr></thead>")


def _td(row, column) -> str:
    """A column's <td> attributes: the same on every row unless one is computed from the row (a
    callable in the table's or the column's attrs), so built once per table and column."""
    simpanan = row.table.__dict__.setdefault("_imp_td", {})
    if column.name in simpanan:
        return simpanan[column.name]
    html = column.attrs["td"].as_html()
    sumber = {**row.table.attrs, **column.column.attrs}
    bagian = sumber.get("td", sumber.get("cell", {}))
    if not any(callable(v) or isinstance(v, dict) for v in bagian.values()):
        simpanan[column.name] = html
    return html


@register.simple_tag(takes_context=True)
def badan_tabel(context, table):
    """`<tbody>` with the page's rows, or with the table's empty text in one cell across the
    columns (django-tables2's Bootstrap 5 template)."""
    tbody = table.attrs.get("tbody")
    atribut = tbody.as_html() if hasattr(tbody, "as_html") else ""
    baris = [baris_tabel(context, row) for row in table.paginated_rows]
    if not baris and table.empty_text:
        teks = render_value_in_context(table.empty_text, context)
        teks = conditional_escape(teks)  # marked safe below: escaped whatever the context
        baris = [f'<tr><td colspan="{len(table.columns)}">{teks}</td></tr>']
    return mark_safe(f"<tbody {atribut}>{''.join(baris)}</tbody>")


@register.simple_tag(takes_context=True)
def baris_tabel(context, row):
    """One table row; every cell is escaped unless it is already safe HTML (a link the column
    built with format_html); the <td> attributes are safe HTML from AttributeDict.as_html().
    A plain text cell goes straight to html.escape (what render_value_in_context and
    conditional_escape end in for a str), the rest through them."""
    sel = []
    pasangan = sel_baris(row) if type(row) is BoundRow else row.items()
    escape_teks = context.autoescape
    for column, cell in pasangan:
        if column.localize is None:
            if type(cell) is str and escape_teks:
                isi = html.escape(cell)
            elif type(cell) is SafeString:
                isi = cell
            elif type(cell) is int:
                isi = _angka(cell, context.use_l10n, get_language())
            else:
                isi = conditional_escape(render_value_in_context(cell, context))
        else:
            isi = conditional_escape(localize(cell, use_l10n=bool(column.localize)))
        sel.append(f"<td {_td(row, column)}>{isi}</td>")
    return mark_safe(f"<tr {_tr(row)}>{''.join(sel)}</tr>")


@functools.lru_cache(maxsize=4096)
def _angka(nilai: int, use_l10n, bahasa: str | None) -> str:
    """A whole number as `{{ }}` writes it (localize: the language's thousands separator),
    escaped; the same number in the same language is formatted once."""
    return conditional_escape(localize(nilai, use_l10n=use_l10n))


@receiver(setting_changed)
def _format_berubah(*, setting, **kwargs):
    if "FORMAT" in setting or "SEPARATOR" in setting or setting in ("LANGUAGE_CODE", "USE_L10N"):
        _angka.cache_clear()


def _tr(row) -> str:
    """The row's <tr> attributes (BoundRow.attrs: the table's row_attrs and "even"/"odd"): two
    strings per table unless a row attribute is computed from the row (a callable or a dict)."""
    if type(row) is not BoundRow:
        return row.attrs.as_html()
    tabel = row.table
    simpanan = tabel.__dict__.get("_imp_tr")
    if simpanan is None:
        tetap = not any(callable(v) or isinstance(v, dict) for v in tabel.row_attrs.values())
        simpanan = tabel.__dict__["_imp_tr"] = {} if tetap else False
    if simpanan is False:
        return row.attrs.as_html()
    kelas = row.get_even_odd_css_class()
    if kelas not in simpanan:
        simpanan[kelas] = row.attrs.as_html()
    return simpanan[kelas]


@register.simple_tag(takes_context=True)
def kartu_saringan(context):
    """The list's filter card (includes/_filter_card.html), kept by imp_smart.halaman.potongan
    for a GET of a view that may keep its page: a list rebuilt after a write to its rows (a
    family saved anywhere rebuilds the Dinas list) does not build and render its filter form
    again while the form's options are unchanged — and a list without a query string does not
    build the form at all. The key: the filter set's class, what the card shows besides the
    form (filter_aktif, the form's method) and the query string without the table's page,
    sort and page size (the form shows the values of its own fields only). A form with errors
    is always rendered. What is served kept is the template's own output (every value, typed
    ones too, escaped when it was rendered) with only a fresh CSRF token put in."""
    filterset = context.get("filter")
    if not filterset:
        return ""
    isi = {
        "filter": filterset,
        "filter_aktif": context.get("filter_aktif"),
        "metode_saringan": context.get("metode_saringan"),
        "csrf_token": context.get("csrf_token"),
    }

    def bangun() -> str:
        return get_template("includes/_filter_card.html").render(isi)

    request = context.get("request")
    boleh = getattr(context.get("view"), "halaman_boleh_disimpan", None)
    if (
        request is None
        or boleh is None
        or not boleh()
        or (filterset.is_bound and not filterset.is_valid())
    ):
        return bangun()  # the template's SafeString
    table = context.get("table")
    lain = {
        getattr(table, a, None)
        for a in ("prefixed_page_field", "prefixed_order_by_field", "prefixed_per_page_field")
    }
    bagian = [
        f"{type(filterset).__module__}.{type(filterset).__qualname__}",
        f"{bool(isi['filter_aktif'])}|{isi['metode_saringan']}",
        request.path,
        teks_kueri(request, kecuali=lain),
    ]
    return mark_safe(potongan(request, "kartu_saringan", bagian, bangun))
