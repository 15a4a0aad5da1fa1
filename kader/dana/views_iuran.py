"""Dues (iuran) of an institution: the rate and the monthly payments."""

from django.urls import reverse
from django.utils import timezone

from imp_smart.bulan import awal_bulan
from imp_smart.parameter import bulan_param
from imp_smart.views import (
    IndukFormView,
)
from kader.dana import selectors as selectors_dana
from kader.dana import services as services_dana
from kader.dana.forms import (
    IuranBayarForm,
    TarifForm,
)

# --- cash book -------------------------------------------------------------------------------
from kader.dana.views_kas import InstitusiKasMixin


class TarifView(InstitusiKasMixin, IndukFormView):
    permission_required = "kader.add_tarifiuran"
    form_class = TarifForm
    pesan_sukses = "Tarif iuran disimpan."

    def get_judul(self):
        return f"Tarif iuran: {self.induk}"

    def get_initial(self):
        return {"berlaku_mulai": timezone.localdate().replace(day=1)}

    def get_success_url(self):
        return reverse("kader:dana:iuran", args=[self.induk.pk])

    def simpan(self, form):
        services_dana.tarif_iuran_atur(institusi=self.induk, **form.cleaned_data)


class IuranView(InstitusiKasMixin, IndukFormView):
    """Dues of a month: who paid, who has not (the unpaid list), and the payment form."""

    permission_required = "kader.view_transaksikas"
    form_class = IuranBayarForm
    template_name = "kader/dana/iuran.html"
    pesan_sukses = "Pembayaran iuran dicatat."

    def dispatch(self, request, *args, **kwargs):
        self.bulan = bulan_param(request, default=awal_bulan(timezone.localdate()))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("kader.add_transaksikas"):
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)

    def get_judul(self):
        return f"Iuran {self.induk}"

    def daftar(self):
        if not hasattr(self, "_daftar"):
            self._daftar = selectors_dana.iuran_bulan(institusi=self.induk, bulan=self.bulan)
        return self._daftar

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def get_form_kwargs(self):
        belum = [r["kader"].pk for r in self.daftar() if r["bayar"] is None]
        return {
            **super().get_form_kwargs(),
            "belum_bayar": self.induk.kader.filter(pk__in=belum).order_by("nama"),
        }

    def get_context_data(self, **kwargs):
        daftar = self.daftar()
        return super().get_context_data(
            institusi=self.induk,
            bulan=self.bulan,
            daftar=daftar,
            belum=sum(1 for r in daftar if r["bayar"] is None),
            tarif=selectors_dana.tarif_berlaku(institusi=self.induk, bulan=self.bulan),
            **kwargs,
        )

    def get_success_url(self):
        return f"{reverse('kader:dana:iuran', args=[self.induk.pk])}?bulan={self.bulan:%Y-%m}"

    def simpan(self, form):
        services_dana.iuran_bayar(
            institusi=self.induk,
            kader=list(form.cleaned_data["kader"]),
            bulan=self.bulan,
            tanggal=form.cleaned_data["tanggal"],
            jumlah=form.cleaned_data["jumlah"],
            oleh=self.request.user,
        )
