"""A full NIK/no KK search never puts the number in a URL (access logs, browser history).

One mechanism for every list whose "Cari" box accepts a NIK:
- `CariNikFilterSet`: a FilterSet base with a hidden `nik_token` (the NIK's keyed hash); the
  subclass says how a hash finds rows (`cari_per_hash`) and calls `cari_nik(queryset, value)`
  first in its own `q` method.
- `CariNikViewMixin`: the list's filter form is a POST (`metode_saringan`), so that a NIK never
  sits in a URL even without JavaScript; the view answers a posted NIK with a redirect to
  `?nik_token=<hash>` and anything else with the same filters as an ordinary GET address.
  static/kader/cari_nik.js turns a search that is no NIK back into a plain GET (no extra
  redirect on the phone). A hand-typed `?q=<NIK>` address is still redirected to the token.
- Template `kader/daftar_cari_nik.html` (the generic list + the script + the "searched by NIK"
  note); a list that has its own template extends it.
"""

import re
from urllib.parse import urlencode

import django_filters
from django import forms
from django.shortcuts import redirect

from imp_smart.nik import bersihkan_nik, hash_nik

_TOKEN = re.compile(r"[0-9a-f]{64}")
_BUKAN_SARINGAN = ("q", "nik_token", "page", "csrfmiddlewaretoken")


def nik_dari_teks(teks: str) -> str | None:
    """The NIK/no KK typed into a search box (16 digits, spaces/dots/dashes allowed), or None."""
    angka = bersihkan_nik(teks or "")
    return angka if len(angka) == 16 and angka.isdigit() else None


class CariNikFilterSet(django_filters.FilterSet):
    """Base of a FilterSet whose `q` accepts a full NIK; a NIK search arrives as `nik_token`."""

    nik_token = django_filters.CharFilter(
        method="cari_token", widget=forms.HiddenInput, label="Pencarian NIK"
    )

    def cari_per_hash(self, queryset, h: str):
        """Rows found by the keyed hash `h` of a NIK (override for other fields/relations)."""
        return queryset.filter(nik_hash=h)

    def cari_token(self, queryset, name, value):
        if (self.form.cleaned_data.get("q") or "").strip():
            return queryset  # a newly typed search replaces the NIK search
        if not _TOKEN.fullmatch(value):
            return queryset.none()
        return self.cari_per_hash(queryset, value)

    def cari_nik(self, queryset, value):
        """`queryset` searched by the NIK in `value`, or None when `value` is no full NIK."""
        nik = nik_dari_teks(value)
        return None if nik is None else self.cari_per_hash(queryset, hash_nik(nik))


class CariNikViewMixin:
    """A list view whose search accepts a NIK: `?q=<NIK>` (GET or POST) → `?nik_token=<hash>`."""

    template_name = "kader/daftar_cari_nik.html"
    teks_nik = "NIK"  # what the number is called in the page's note, e.g. "NIK/no KK"

    def _alamat_cari(self, data) -> str | None:
        """This list's URL with a typed NIK replaced by its keyed hash (None: no NIK typed)."""
        nik = nik_dari_teks(data.get("q", ""))
        if nik is None:
            return None
        lain = [(k, v) for k in data if k not in _BUKAN_SARINGAN for v in data.getlist(k)]
        return f"{self.request.path}?{urlencode([*lain, ('nik_token', hash_nik(nik))])}"

    def get(self, request, *args, **kwargs):
        # Without JavaScript the search form is a GET: answer with the token address at once.
        if alamat := self._alamat_cari(request.GET):
            return redirect(alamat)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """The filter form is posted: a NIK goes to its token address; any other search to the
        same filters as a GET address (a newly typed search replaces a NIK search)."""
        if alamat := self._alamat_cari(request.POST):
            return redirect(alamat)
        baru = bool((request.POST.get("q") or "").strip())
        data = [
            (k, v)
            for k in request.POST
            if k != "csrfmiddlewaretoken" and not (baru and k == "nik_token")
            for v in request.POST.getlist(k)
        ]
        return redirect(f"{request.path}?{urlencode(data)}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            nik_dicari=bool(self.request.GET.get("nik_token")),
            teks_nik=self.teks_nik,
            metode_saringan="post",
            **kwargs,
        )
