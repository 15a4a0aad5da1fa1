"""Every page without URL arguments, opened by every role (and with broken query strings):
never a server error.

The per-view tests check access and content; this one walks the whole URLconf so that a page a
role was not expected to open (a dusun cadre on the per-desa comparison) still answers 200, 302,
403 or 404 rather than 500. New pages are covered as soon as they are routed.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.pendataan.factories import pus_buat

pytestmark = pytest.mark.django_db

LEWATI = {"admin", "logout", "healthz"}  # the admin has its own tests; logout is a POST


def _nama_tanpa_argumen(patterns, awalan=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{awalan}{p.namespace}:" if p.namespace else awalan
            if p.app_name == "admin" or p.pattern.regex.groups:
                continue
            yield from _nama_tanpa_argumen(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
            yield f"{awalan}{p.name}"


def test_every_page_answers_every_role_without_a_server_error(client, users, area):
    pus_buat(dusun=area.dusun_a1, nama="Sitti Aminah")
    pus_buat(dusun=area.dusun_x1, nama="Hasnah Tiro")
    nama = sorted(n for n in set(_nama_tanpa_argumen(get_resolver().url_patterns))
                  if n.split(":")[-1] not in LEWATI)  # fmt: skip
    assert len(nama) > 40
    for peran in ("dinas", "koordinator", "penyuluh", "ppkbd", "sub_ppkbd", "admin"):
        client.force_login(getattr(users, peran))
        for n in nama:
            resp = client.get(reverse(n))  # a 500 raises here, with its traceback
            assert resp.status_code in (200, 302, 403, 404, 405), (peran, n, resp.status_code)
    # Hand-edited or stale query strings: a message or a default, never a 500.
    rusak = dict.fromkeys(("bulan", "wilayah", "dari", "sampai", "tahun", "page", "sort"), "salah")
    rusak.update(kecamatan="-1", desa="9999999", q="'; --", format="xlsx", ekspor="xlsx")
    for peran in ("dinas", "sub_ppkbd"):
        client.force_login(getattr(users, peran))
        for n in nama:
            resp = client.get(reverse(n), rusak)
            assert resp.status_code in (200, 302, 400, 403, 404, 405), (peran, n, resp.status_code)


def test_every_page_answers_a_user_with_no_area(client, users, area):
    """A penyuluh between assignments, or a profile without an area: empty pages, not 500s."""
    from kader.models import Penugasan

    Penugasan.objects.filter(penyuluh=users.penyuluh).delete()
    nama = sorted(n for n in set(_nama_tanpa_argumen(get_resolver().url_patterns))
                  if n.split(":")[-1] not in LEWATI)  # fmt: skip
    client.force_login(users.penyuluh)
    for n in nama:
        resp = client.get(reverse(n))
        assert resp.status_code in (200, 302, 403, 404, 405), (n, resp.status_code)
