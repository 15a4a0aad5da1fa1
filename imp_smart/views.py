"""Generic views every app uses: scoped list (table + filter), detail, and service-backed forms.

A list view is configuration: model, table_class, filterset_class, permission_required, judul.
Form views call `simpan(form)` (which calls a service) instead of `form.save()`; a
ValidationError from the service lands on the form's fields, never as a 500.
"""

import logging
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.csrf import csrf_failure
from django.views.generic import CreateView, DetailView, FormView, UpdateView, View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from imp_smart.halaman import HalamanTersimpanMixin
from imp_smart.parameter import SaringanPesanMixin, TabelAmanMixin

log = logging.getLogger(__name__)


class ScopedViewMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Model permission (403) + area scoping (404 for objects outside the user's areas).
    `baca_atas = True` on a read-only page also shows rows of the areas above the user's."""

    baca_atas = False

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user, atas=self.baca_atas)


class UserFormKwargsMixin:
    """Give the form the user, so that its choice querysets can be scoped."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


def terapkan_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class JudulMixin:
    judul = ""

    def get_judul(self):
        return self.judul

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=self.get_judul(), **kwargs)


class PaginatorJumlah(Paginator):
    """A paginator told its count (from a maintained counter) instead of running COUNT(*)."""

    def __init__(self, object_list, per_page, *, jumlah: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._jumlah = jumlah

    @cached_property
    def count(self) -> int:
        return self._jumlah


class DaftarView(
    HalamanTersimpanMixin,
    JudulMixin,
    ScopedViewMixin,
    SaringanPesanMixin,
    TabelAmanMixin,
    SingleTableMixin,
    FilterView,
):
    """Scoped, filtered, paginated list; `tambah_url` shows an 'add' button to those allowed.

    A GET's HTML is kept in the shared cache until a table it read is written
    (imp_smart.halaman); the login and permission checks run on every request.

    Sort, page and page size are read by `imp_smart.parameter` (a bad value → the default).
    An invalid filter (strict FilterView) shows an empty list, the error on its field and a
    message above the page, so a phone with the filter card collapsed still sees why.
    A list whose count is kept elsewhere returns it from `jumlah_diketahui()` (None = count); a
    search that can match thousands caps its count with `batas_hitung()` (None = no cap) and says
    `teks_terbatas` above the table when it does."""

    template_name = "generic/object_list.html"
    table_pagination = {"per_page": 25}
    tambah_url = None
    tambah_perm = None
    teks_kosong = None  # e.g. "Belum ada impor."; default: the table's empty_text, else generic
    teks_kosong_saringan = "Tidak ada data yang cocok dengan saringan ini."
    teks_terbatas = "Persempit saringan untuk melihat sisanya."
    terbatas = False  # set by get_table_pagination when batas_hitung() capped the count

    def jumlah_diketahui(self) -> int | None:
        return None

    def batas_hitung(self) -> int | None:
        return None

    def tanpa_saringan(self) -> bool:
        """True when no filter applies: no query string, or a valid form with every field empty
        (sorting and the page number are not filters)."""
        f = self.filterset
        if not f.is_bound:
            return True
        return f.is_valid() and not any(
            v not in (None, "", []) for v in f.form.cleaned_data.values()
        )

    def get_table_pagination(self, table):
        paginate = super().get_table_pagination(table)
        jumlah = self.jumlah_diketahui() if paginate is not False else None
        if jumlah is not None:
            paginate = {**paginate, "paginator_class": PaginatorJumlah, "jumlah": jumlah}
        elif paginate is not False and (batas := self.batas_hitung()) is not None:
            # COUNT over a LIMIT, without the ordering: at most batas + 1 rows are counted; past
            # batas the list offers its first batas rows in their order.
            hitungan = self.object_list.order_by().values("pk")[: batas + 1].count()
            self.terbatas = hitungan > batas
            jumlah = min(hitungan, batas)
            paginate = {**paginate, "paginator_class": PaginatorJumlah, "jumlah": jumlah}
        return paginate

    def teks_kosong_kini(self) -> str:
        """What an empty list says: `teks_kosong` (or the table's own empty_text) when no filter
        applies, else that nothing matches the filter (the template links "Hapus saringan")."""
        if not self.tanpa_saringan():
            return self.teks_kosong_saringan
        bawaan = getattr(self.table_class._meta, "empty_text", None)
        return self.teks_kosong or bawaan or "Belum ada data."

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "empty_text": self.teks_kosong_kini()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter_aktif"] = not self.tanpa_saringan()
        ctx["teks_kosong"] = self.teks_kosong_kini()
        ctx["terbatas"] = self.terbatas
        ctx["teks_terbatas"] = self.teks_terbatas
        perm = self.tambah_perm or self.permission_required.replace(".view_", ".add_")
        if self.tambah_url and self.request.user.has_perm(perm):
            ctx["tambah_url"] = reverse(self.tambah_url)
        return ctx


class RincianView(JudulMixin, ScopedViewMixin, DetailView):
    def get_judul(self):
        return str(self.object)


class SimpanMixin:
    """Form → service → redirect. Subclasses implement simpan(form) and return the object."""

    pesan_sukses = "Data tersimpan."
    template_name: str | None = "generic/object_form.html"

    def simpan(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.simpan(form)
        except ValidationError as e:
            terapkan_error(form, e)
            return self.form_invalid(form)
        messages.success(self.request, self.pesan_sukses)
        return redirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()


class BuatView(JudulMixin, SimpanMixin, ScopedViewMixin, UserFormKwargsMixin, CreateView):
    pass


class UbahView(JudulMixin, SimpanMixin, ScopedViewMixin, UserFormKwargsMixin, UpdateView):
    def get_judul(self):
        return f"Ubah {self.object}"


class IndukMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Loads `self.induk` from `induk_queryset()` (404 when outside the user's areas)."""

    def induk_queryset(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.induk = get_object_or_404(self.induk_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return self.induk.get_absolute_url()


class IndukFormView(JudulMixin, IndukMixin, SimpanMixin, FormView):
    """Form → service (`simpan(form)`) → back to the parent; service errors land on fields."""

    keterangan = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(induk=self.induk, keterangan=self.keterangan, **kwargs)


class IndukAksiView(IndukMixin, View):
    """A POST-only action on a scoped object (a button), e.g. mark as done."""

    http_method_names = ["post"]
    pesan_sukses = "Tersimpan."

    def post(self, request, *args, **kwargs):
        try:
            self.aksi()
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, self.pesan_sukses)
        lanjut = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(lanjut, {request.get_host()}):
            lanjut = self.get_success_url()
        return redirect(lanjut)


def csrf_gagal(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent with a token that no longer matches. The page says that
    nothing was saved and offers the page the form was on (the Referer, when it is this site's:
    a stale logout button goes back to its page, not to a POST-only address), else the address
    the form was sent to. The answer is marked `csrf_gagal`: a submission from the phone's
    queue gets JSON with a fresh token instead (imp_smart.offline_sekali)."""
    kembali = request.path
    asal = request.headers.get("Referer", "")
    if asal and url_has_allowed_host_and_scheme(
        asal, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        bagian = urlsplit(asal)
        kembali = bagian.path + (f"?{bagian.query}" if bagian.query else "")
    try:
        html = render_to_string("403_kedaluwarsa.html", {"kembali": kembali}, request=request)
    except Exception:  # an error page never fails: a site without the app's URLs (a test's)
        log.exception("csrf_gagal: halaman tidak dapat dibuat")
        response = csrf_failure(request, reason)  # Django's own page
    else:
        response = HttpResponseForbidden(html)
    response.csrf_gagal = True  # type: ignore[attr-defined]
    return response
