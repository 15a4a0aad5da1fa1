"""The "Tidak ada perubahan bulan ini" button of the monthly PUS page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from pendataan.services_konfirmasi import konfirmasi_tanpa_perubahan
from pendataan.views import PusBulananMixin, bulan_dari


class PusKonfirmasiView(PusBulananMixin, View):
    """POST: the cadre confirms that no PUS status changed this month in the dusun/desa."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("pendataan.add_perubahanstatus"):
            raise PermissionDenied
        wilayah = self.wilayah_terpilih()
        if wilayah is None:
            raise Http404("Pilih dusun atau desa.")
        bulan = bulan_dari(request.POST.get("bulan"))
        try:
            konfirmasi_tanpa_perubahan(wilayah=wilayah, bulan=bulan, oleh=request.user)
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
        else:
            messages.success(request, f"Tercatat: tidak ada perubahan status PUS {bulan:%m/%Y}.")
        url = reverse("pendataan:pus_bulanan")
        return redirect(f"{url}?wilayah={wilayah.pk}&bulan={bulan:%Y-%m}")
