"""The yearly targets (PPM, DOMAIN.md §8.5): the grid page where the Dinas enters them (desa ×
method for a kecamatan and year), the upload and the download. A target file is small (desa ×
methods), so it is checked and written during the request, all or nothing; the grid sends its
cells through the same service (pendataan.services_target.target_simpan)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView

from imp_smart.parameter import TAHUN_MAX, TAHUN_MIN, angka, tahun_param
from kader.models import Wilayah
from kader.scoping import cakupan
from pendataan import forms
from pendataan.indikator import METODE
from pendataan.selectors_target import target_metode_desa, target_per_kecamatan
from pendataan.services_target import (
    target_csv_teks,
    target_ekspor_baris,
    target_impor,
    target_simpan,
)


def _bulat(teks: str) -> int:
    """A cell's number for the totals (what the service would refuse counts as 0 there)."""
    return int(teks) if teks.isdigit() else 0


class TargetGridView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Grid of the Dinas: the desa of one kecamatan × the nine methods (PPM PB and PPM PA) for a
    year, the kecamatan and kabupaten totals under it. One POST saves the page through the
    target service: every cell is checked, an error shows on its cell, nothing is written."""

    permission_required = "pendataan.change_targetmetode"
    template_name = "pendataan/target_grid.html"

    def _pilihan(self, nilai_kec, nilai_tahun, *, ketat=False):
        """(year, every kecamatan, the chosen one). A page link with a bad year or kecamatan
        shows the defaults; a POST (`ketat`) must name both, and an unknown kecamatan is 404."""
        tahun = angka(nilai_tahun, None, min=TAHUN_MIN, max=TAHUN_MAX)
        if tahun is None and ketat:
            raise Http404("Tahun tidak valid.")
        tahun = tahun or timezone.localdate().year
        kecamatan = list(Wilayah.objects.kecamatan().order_by("kode"))
        pk = angka(nilai_kec, None, min=1)
        if pk is None and not ketat and kecamatan:
            return tahun, kecamatan, kecamatan[0]
        kec = next((k for k in kecamatan if k.pk == pk), None)
        if kec is None:
            raise Http404("Kecamatan tidak dikenal.")
        return tahun, kecamatan, kec

    def _grid(self, tahun, kec, data=None):
        desa = list(Wilayah.objects.desa().filter(kecamatan=kec).order_by("kode"))
        tersimpan = target_metode_desa(tahun=tahun, desa_ids=[d.pk for d in desa])
        return forms.TargetGrid(desa=desa, tahun=tahun, tersimpan=tersimpan, data=data)

    def get(self, request):
        tahun, kecamatan, kec = self._pilihan(
            request.GET.get("kecamatan"), request.GET.get("tahun")
        )
        return self._tampil(tahun, kecamatan, kec, self._grid(tahun, kec))

    def post(self, request):
        tahun, kecamatan, kec = self._pilihan(
            request.POST.get("kecamatan"), request.POST.get("tahun"), ketat=True
        )
        grid = self._grid(tahun, kec, data=request.POST)
        rows = grid.rows()
        if not rows:
            messages.info(request, "Tidak ada target yang berubah.")
        else:
            hasil = target_simpan(rows=rows, user=request.user)
            if not hasil.berhasil:
                lain = grid.pasang_galat(hasil.kesalahan)
                return self._tampil(tahun, kecamatan, kec, grid, lain=lain, status=400)
            messages.success(
                request,
                f"{len(rows)} target {kec.nama} tahun {tahun} disimpan.",
            )
        return redirect(f"{reverse('pendataan:target_grid')}?kecamatan={kec.pk}&tahun={tahun}")

    def _tampil(self, tahun, kecamatan, kec, grid, *, lain=(), status=200):
        per_kec = target_per_kecamatan(tahun=tahun)
        baris, jumlah_kec = [], {m: [0, 0] for m in METODE}
        for d in grid.desa:
            sel, pb_desa, pa_desa = [], 0, 0
            for m in METODE:
                pb, pa = grid.sel(d.pk, m, "pb"), grid.sel(d.pk, m, "pa")
                sel.append((m, pb, pa))
                jumlah_kec[m][0] += _bulat(pb["nilai"])
                jumlah_kec[m][1] += _bulat(pa["nilai"])
                pb_desa += _bulat(pb["nilai"])
                pa_desa += _bulat(pa["nilai"])
            baris.append({"desa": d, "sel": sel, "pb": pb_desa, "pa": pa_desa})
        # The kabupaten: the other kecamatan as stored, this one as on the page.
        lain_kab = {m: [0, 0] for m in METODE}
        rekap_kec = []
        for k in kecamatan:
            pb = sum(per_kec.get((k.pk, m), (0, 0))[0] for m in METODE)
            pa = sum(per_kec.get((k.pk, m), (0, 0))[1] for m in METODE)
            rekap_kec.append({"kecamatan": k, "pb": pb, "pa": pa, "ini": k.pk == kec.pk})
            if k.pk != kec.pk:
                for m in METODE:
                    t = per_kec.get((k.pk, m), (0, 0))
                    lain_kab[m][0] += t[0]
                    lain_kab[m][1] += t[1]
        jumlah_kab = {
            m: [lain_kab[m][0] + jumlah_kec[m][0], lain_kab[m][1] + jumlah_kec[m][1]]
            for m in METODE
        }
        konteks = {
            "tahun": tahun,
            "tahun_pilihan": range(timezone.localdate().year - 2, timezone.localdate().year + 3),
            "kecamatan": kec,
            "kecamatan_daftar": kecamatan,
            "metode": METODE,
            "baris": baris,
            "jumlah_kec": [(m, *jumlah_kec[m]) for m in METODE],
            "jumlah_kab": [(m, *jumlah_kab[m], *lain_kab[m]) for m in METODE],
            "total_kec": [
                sum(v[0] for v in jumlah_kec.values()),
                sum(v[1] for v in jumlah_kec.values()),
            ],
            "total_kab": [
                sum(v[0] for v in jumlah_kab.values()),
                sum(v[1] for v in jumlah_kab.values()),
            ],
            "rekap_kec": rekap_kec,
            "rekap_kab": [sum(r["pb"] for r in rekap_kec), sum(r["pa"] for r in rekap_kec)],
            "jumlah_galat": len(grid.galat),
            "galat_lain": lain,
            "judul": "Target PPM per metode",
        }
        return render(self.request, self.template_name, konteks, status=status)


class TargetImporView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "pendataan.add_targetmetode"
    form_class = forms.ImporForm
    template_name = "pendataan/target_impor.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        berkas = form.cleaned_data["berkas"]
        hasil = target_impor(isi=berkas.read(), nama=berkas.name, user=self.request.user)
        if not hasil.berhasil:
            form.add_error(
                "berkas",
                f"{len(hasil.kesalahan)} kesalahan; tidak ada target yang disimpan. "
                "Perbaiki baris di bawah lalu unggah lagi.",
            )
            return self.render_to_response(
                self.get_context_data(form=form, kesalahan=hasil.kesalahan)
            )
        r = hasil.ringkasan
        messages.success(self.request, f"{r['target']} target untuk {r['desa']} desa disimpan.")
        return redirect("pendataan:target_impor")


class TargetEksporView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The targets of the desa the user may see, in the import format (`?tahun=` optional)."""

    permission_required = "pendataan.view_targetmetode"

    def get(self, request):
        tahun = tahun_param(request)
        baris = target_ekspor_baris(tahun=tahun, desa_ids=cakupan(request.user))
        respons = HttpResponse(target_csv_teks(baris), content_type="text/csv; charset=utf-8")
        akhiran = f"-{tahun}" if tahun else ""
        respons["Content-Disposition"] = f'attachment; filename="target-ppm{akhiran}.csv"'
        return respons
