"""A full NIK typed into any list's search never travels in a URL (kader.cari_nik)."""

import importlib

import pytest
from django.apps import apps
from django.urls import get_resolver, reverse

from kader.cari_nik import CariNikFilterSet, CariNikViewMixin
from tests.factories import KaderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kader2(area):
    return (
        KaderFactory(institusi=area.ppkbd_a, nama="Kader Melati"),
        KaderFactory(institusi=area.ppkbd_a, nama="Kader Kenari"),
        KaderFactory(institusi=area.ppkbd_x, nama="Kader Anggrek"),
    )


def test_cadre_nik_search_redirects_to_a_token_that_finds_the_cadre(client, users, kader2):
    a, _, _ = kader2
    client.force_login(users.ppkbd)
    url = reverse("kader:kader_list")
    ketik = f"{a.nik[:6]} {a.nik[6:12]}.{a.nik[12:]}"  # as typed, with a space and a dot
    for resp in (
        client.post(url, {"q": ketik, "aktif": "true"}),  # the form, with JavaScript
        client.get(url, {"q": a.nik, "aktif": "true"}),  # without: a redirect at once
    ):
        assert resp.status_code == 302
        lokasi = resp["Location"]
        assert a.nik not in lokasi and a.nik[-8:] not in lokasi and "q=" not in lokasi
        assert "nik_token=" in lokasi and "aktif=true" in lokasi
        hasil = client.get(lokasi)
        assert hasil.context["table"].paginator.count == 1
        assert list(hasil.context["table"].page.object_list.data)[0].pk == a.pk
        html = hasil.content.decode()
        assert a.nik not in html and "Dicari menurut NIK lengkap" in html
        assert "kader/cari_nik.js" in html
    nama = client.post(url, {"q": "kenari"})  # a name is no NIK: an ordinary GET address
    assert nama.status_code == 302 and "q=kenari" in nama["Location"]
    assert client.get(nama["Location"]).context["table"].paginator.count == 1


def test_cadre_token_of_another_area_or_garbage_finds_nothing(client, users, kader2):
    a, _, x = kader2
    client.force_login(users.ppkbd)
    url = reverse("kader:kader_list")
    assert client.get(url, {"nik_token": "'; drop"}).context["table"].paginator.count == 0
    luar = client.post(url, {"q": x.nik})["Location"]
    assert client.get(luar).context["table"].paginator.count == 0
    token = client.post(url, {"q": a.nik})["Location"].split("nik_token=")[1]
    ganti = client.get(url, {"nik_token": token, "q": "kenari"})  # a new search replaces it
    assert [k.nama for k in ganti.context["table"].page.object_list.data] == ["Kader Kenari"]


def test_cadre_export_of_a_token_search_has_the_one_cadre(client, users, kader2):
    a, _, _ = kader2
    client.force_login(users.ppkbd)
    lokasi = client.post(reverse("kader:kader_list"), {"q": a.nik})["Location"]
    resp = client.get(lokasi + "&ekspor=xlsx")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd")


def test_cadre_list_post_needs_login_and_permission(client, users):
    url = reverse("kader:kader_list")
    resp = client.post(url, {"q": "7306015705900001"})
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
    assert "7306015705900001" not in resp["Location"]
    tanpa = users.ppkbd
    tanpa.groups.clear()
    client.force_login(tanpa)
    assert client.post(url, {"q": "7306015705900001"}).status_code == 403


FORM_POST = (
    '<form method="post" class="card-body py-2"><input type="hidden" name="csrfmiddlewaretoken"'
)


@pytest.mark.parametrize("nama", ["kader:kader_list", "pendataan:keluarga_list"])
def test_nik_lists_post_their_filter_form_even_without_javascript(client, users, nama):
    """The form itself is a POST (with its CSRF token), so a browser without JavaScript never
    puts a typed NIK in a URL; other lists keep a GET form without a token."""
    client.force_login(users.ppkbd)
    html = client.get(reverse(nama)).content.decode()
    assert FORM_POST in html
    lain = client.get(reverse("kader:sk_list")).content.decode()
    assert '<form method="get" class="card-body py-2">' in lain and FORM_POST not in lain


def test_posted_search_that_is_no_nik_becomes_a_get_address_and_replaces_a_nik_search(
    client, users, kader2
):
    a, _, _ = kader2
    client.force_login(users.ppkbd)
    url = reverse("kader:kader_list")
    token = client.post(url, {"q": a.nik})["Location"].split("nik_token=")[1]
    # Without JavaScript the whole form is posted: a name replaces the NIK search …
    resp = client.post(url, {"q": "kenari", "nik_token": token, "aktif": "true"})
    assert resp.status_code == 302
    assert "q=kenari" in resp["Location"] and "aktif=true" in resp["Location"]
    assert "nik_token" not in resp["Location"] and "csrf" not in resp["Location"]
    assert [
        k.nama for k in client.get(resp["Location"]).context["table"].page.object_list.data
    ] == ["Kader Kenari"]
    # … another filter changed with an empty search keeps it.
    resp = client.post(url, {"q": "", "nik_token": token, "aktif": "true"})
    assert f"nik_token={token}" in resp["Location"]
    assert client.get(resp["Location"]).context["table"].paginator.count == 1


def _filtersets():
    for app in ("kader", "pendataan", "pertemuan", "laporan"):
        try:
            modul = importlib.import_module(f"{app}.filters")
        except ModuleNotFoundError:
            continue
        for nilai in vars(modul).values():
            if isinstance(nilai, type) and hasattr(nilai, "base_filters"):
                yield nilai


def _list_views():
    def jalan(pola):
        for p in pola:
            if hasattr(p, "url_patterns"):
                yield from jalan(p.url_patterns)
            elif hasattr(p.callback, "view_class"):
                yield p.callback.view_class

    return list(jalan(get_resolver().url_patterns))


def test_every_search_that_accepts_a_nik_uses_the_one_mechanism():
    """A filter whose search label offers a NIK derives from CariNikFilterSet, and every list
    view using it has CariNikViewMixin (else a typed NIK would sit in the URL)."""
    assert apps.is_installed("kader")
    dengan_nik = [
        f
        for f in _filtersets()
        if "NIK" in str(getattr(f.base_filters.get("q"), "label", "") or "")
    ]
    assert len(dengan_nik) >= 2, dengan_nik  # the family list and the cadre list at least
    views = _list_views()
    for f in dengan_nik:
        assert issubclass(f, CariNikFilterSet), f
        pemakai = [v for v in views if getattr(v, "filterset_class", None) is f]
        assert pemakai, f
        for v in pemakai:
            assert issubclass(v, CariNikViewMixin), v
