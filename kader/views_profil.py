"""The letterhead emblem as an image (the admin's preview, pages that show the office's emblem).

An uploaded emblem is read through the storage API; without one, IMP_LAMBANG from the PDF
assets. Either way it is answered as an image that cannot run script (imp_smart.lambang).
"""

from django.core.files.storage import default_storage
from django.http import Http404
from django.views.decorators.http import require_GET

from imp_smart.daerah import identitas, lambang_bawaan
from imp_smart.lambang import respons_lambang


@require_GET
def lambang(request):
    nama = identitas().lambang
    if nama:
        try:
            with default_storage.open(nama, "rb") as berkas:
                return respons_lambang(nama, berkas.read())
        except OSError:
            pass  # the stored file is gone: the default emblem
    jalur = lambang_bawaan()
    try:
        return respons_lambang(jalur.name, jalur.read_bytes())
    except OSError as exc:
        raise Http404("Lambang tidak ada.") from exc
