"""Empty lists say the truth (issue 9 §3): "belum ada …" with no filter, "no match" plus a link
that clears the filter only when a filter field has a value (sorting and paging are not filters)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from imp_smart.views import DaftarView

pytestmark = pytest.mark.django_db


def test_empty_list_without_filter_says_nothing_recorded_yet(client, users):
    client.force_login(users.dinas)
    resp = client.get(reverse("kader:sk_list"))
    body = resp.content.decode()
    assert resp.context["filter_aktif"] is False
    assert "Belum ada SK pengurus yang dicatat." in body
    assert "cocok" not in body
    assert "Hapus saringan" not in body


def test_sorting_alone_is_not_a_filter(client, users):
    client.force_login(users.dinas)
    resp = client.get(reverse("kader:sk_list"), {"sort": "nomor", "q": ""})
    assert resp.context["filter_aktif"] is False
    assert "Hapus saringan" not in resp.content.decode()


def test_empty_list_with_filter_says_no_match_and_links_to_clear(client, users):
    client.force_login(users.dinas)
    resp = client.get(reverse("kader:sk_list"), {"q": "tidak-ada-yang-begini"})
    body = resp.content.decode()
    assert resp.context["filter_aktif"] is True
    assert "Tidak ada data yang cocok dengan saringan ini." in body
    assert '<a href="?">Hapus saringan</a> untuk melihat semua data.' in body
    assert "Belum ada SK" not in body


def _daftar_urls(resolver=None, awal=""):
    """(url name, path) of every routed DaftarView that takes no URL argument."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{awal}{p.namespace}:" if p.namespace else awal
            yield from _daftar_urls(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            cls = getattr(p.callback, "view_class", None)
            if cls and issubclass(cls, DaftarView) and not p.pattern.regex.groups:
                yield f"{awal}{p.name}"


def test_no_list_claims_a_filter_when_none_is_set(client, users):
    """Every list page of the app, opened plain by a Sub-PPKBD (whose lists are mostly empty):
    never the "no match for this filter" sentence, never the clear-filter link."""
    names = sorted(set(_daftar_urls()))
    assert len(names) >= 10, names
    client.force_login(users.sub_ppkbd)
    dilihat = 0
    for name in names:
        resp = client.get(reverse(name))
        if resp.status_code != 200:
            continue  # not this role's page
        dilihat += 1
        body = resp.content.decode()
        assert resp.context["filter_aktif"] is False, name
        assert "cocok dengan saringan" not in body, name
        assert "Hapus saringan" not in body, name
    assert dilihat >= 5
