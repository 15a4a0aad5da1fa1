"""What a web process does once, when it starts, instead of in its first requests or in all of
them (issue 14: "nothing per request that can be done once").

`siapkan_proses()` is called by `imp_smart.wsgi` after Django is set up:
- the URL resolver is populated and the templates every page extends are compiled (the cached
  loader keeps them), so the first request of each worker is not several times slower than the
  rest (it counted in the benchmark's p99);
- the garbage collector: everything loaded so far (Django, the models, the compiled templates:
  several hundred thousand objects that live as long as the process) is moved out of the
  collector's reach with `gc.freeze()`, so a full collection no longer walks it, and the youngest
  generation is collected every `IMP_GC_AMBANG[0]` allocations instead of every 700. A request
  allocates tens of thousands of short-lived objects (model instances, template nodes' context,
  strings): with the default threshold the collector ran dozens of times per request for
  objects that reference counting frees anyway. Cycles are still collected.
"""

import gc
import logging

from django.conf import settings

logger = logging.getLogger(__name__)

# Templates that (almost) every page renders: compiling them costs a few ms the first time.
TEMPLATE_UMUM = [
    "base.html",
    "generic/object_list.html",
    "generic/tabel.html",
    "generic/object_form.html",
    "includes/_filter_card.html",
]


def siapkan_proses() -> None:
    from django.template import TemplateDoesNotExist  # noqa: PLC0415
    from django.template.loader import get_template  # noqa: PLC0415
    from django.urls import get_resolver  # noqa: PLC0415

    get_resolver().url_patterns  # noqa: B018  (imports every app's views and URLs)
    get_resolver()._populate()
    for nama in TEMPLATE_UMUM:
        try:
            get_template(nama)
        except TemplateDoesNotExist:  # pragma: no cover  (a project without one of them)
            logger.warning("siapkan_proses: template %s tidak ada", nama)
    from imp_smart.halaman import versi_kode  # noqa: PLC0415

    versi_kode()  # the code's digest in the kept pages' keys (a walk of the project's files)
    atur_gc()


def atur_gc() -> None:
    """Freeze what is loaded and set the thresholds of settings.IMP_GC_AMBANG (None: leave
    Python's defaults)."""
    ambang = getattr(settings, "IMP_GC_AMBANG", None)
    if not ambang:
        return
    gc.collect()  # what is garbage now is not frozen with the rest
    gc.freeze()
    gc.set_threshold(*ambang)
