"""Panels that apps above kader add to kader's pages (README "Architecture": no upward includes).

kader's templates never name a template of pendataan, pertemuan or laporan. An upper app
registers its fragment from its AppConfig.ready():

    daftarkan_panel("kader_detail", "pertemuan/_kader_kegiatan.html")

and the kader page renders every fragment registered for it, in INSTALLED_APPS order, with the
page's own context: `{% load panel %}{% panel_halaman "kader_detail" as panel_list %}`
`{% for p in panel_list %}{% include p %}{% endfor %}`.

Pages and what their panels get in the context:
- "kader_detail": `object` (the Kader), `request`.
- "mitra_detail": `object` (the Mitra), `request`: e.g. the partner's contribution to
  activities recorded above kader (meetings, KIE, sosialisasi, KB service events).
- "beranda" (the home page, templates/beranda.html): home cards, each a
  `<div class="col-12 col-lg-6">` with `request`, `perms` and the home page's context.
"""

_panel: dict[str, list[str]] = {}


def daftarkan_panel(halaman: str, template_name: str) -> None:
    """Add a fragment to a kader page (idempotent: registering twice adds it once)."""
    daftar = _panel.setdefault(halaman, [])
    if template_name not in daftar:
        daftar.append(template_name)


def panel_halaman(halaman: str) -> list[str]:
    """The fragments registered for a page, in registration order."""
    return list(_panel.get(halaman, []))
