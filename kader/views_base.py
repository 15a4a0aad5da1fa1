"""Generic views every app uses: scoped list (table + filter), detail, and service-backed forms.

A list view is configuration: model, table_class, filterset_class, permission_required, judul.
Form views call `simpan(form)` (which calls a service) instead of `form.save()`; a
ValidationError from the service lands on the form's fields, never as a 500.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from kader.scoping import ScopedViewMixin, UserFormKwargsMixin


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


class DaftarView(JudulMixin, ScopedViewMixin, SingleTableMixin, FilterView):
    """Scoped, filtered, paginated list; `tambah_url` shows an 'add' button to those allowed."""

    template_name = "generic/object_list.html"
    table_pagination = {"per_page": 25}
    tambah_url = None
    tambah_perm = None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
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
    template_name = "generic/object_form.html"

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
    """For pages under a parent object (dusun under a desa, pengurus under an institution):
    the parent comes from a scoped queryset, so another area's parent answers 404."""

    induk_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            qs = self.get_induk_queryset().visible_to(request.user)
            self.induk = get_object_or_404(qs, pk=kwargs[self.induk_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_induk_queryset(self):
        raise NotImplementedError


class IndukFormView(IndukMixin, SimpanMixin, FormView):
    """A form acting on a scoped parent (`self.induk`) through a service (`simpan`)."""

    judul_format = "{induk}"
    keterangan = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        judul = self.judul_format.format(induk=self.induk)
        return super().get_context_data(judul=judul, keterangan=self.keterangan, **kwargs)
