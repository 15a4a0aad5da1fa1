"""Target maps (peta sasaran), the desa comparison and the priority worklist."""

import io

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponse, JsonResponse
from django.views.generic import TemplateView, View
from openpyxl import Workbook

from imp_smart.ekspor import baris_xlsx
from imp_smart.halaman import HalamanTersimpanMixin
from imp_smart.kartu import simpan_kartu
from kader.models import Wilayah
from kader.scoping import kunci_cakupan
from pendataan import selectors_sasaran as sasaran
from pendataan.models import Keluarga
from pendataan.views import bulan_dari, desa_bulan_ini

BATAS_TITIK = 5000
# The cache generations of the desa comparison's counts, those of the home page's PUS card
# (pendataan_tags.KELOMPOK_KARTU): the register's (statuses, members) and the areas' (names).
KELOMPOK_KARTU = ("pus", "kader")


class _Dasar(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "pendataan.view_perubahanstatus"

    def bulan(self):
        return bulan_dari(self.request.GET.get("bulan"))

    def wilayah(self, *tingkat, pilihan: list[Wilayah] | None = None) -> Wilayah | None:
        """The chosen area (?wilayah=, else the user's own) when it is of one of `tingkat`;
        404 outside the user's areas. `pilihan`: this page's choices (pilihan(*tingkat)),
        already read: an area found there needs no query."""
        pk = self.request.GET.get("wilayah")
        if not pk:
            profil = getattr(self.request.user, "profil", None)
            pk = getattr(profil, "wilayah_id", None)
        if not pk:
            return None
        try:
            pk = int(pk)
            if pilihan is not None:
                ada = next((w for w in pilihan if w.pk == pk), None)
                if ada is not None:
                    return ada
            w = Wilayah.objects.visible_to(self.request.user).get(pk=pk)
        except (ValueError, Wilayah.DoesNotExist):
            raise Http404("Wilayah tidak ditemukan.") from None
        return w if w.tingkat in tingkat else None

    def pilihan(self, *tingkat):
        return (
            Wilayah.objects.visible_to(self.request.user)
            .filter(tingkat__in=tingkat)
            .order_by("kode")
            .only("pk", "nama", "tingkat", "kode", "desa_id")
        )

    def keluarga(self, w: Wilayah):
        qs = Keluarga.objects.visible_to(self.request.user)
        if w.is_dusun:
            qs = qs.filter(dusun=w)
        elif w.is_desa:
            qs = qs.filter(desa=w)
        else:
            qs = qs.filter(desa__kecamatan=w)
        return qs


class PetaView(_Dasar, TemplateView):
    """Interactive Leaflet map of families with a GPS point, coloured by status."""

    template_name = "pendataan/peta.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            judul="Peta sasaran",
            bulan=self.bulan(),
            wilayah=self.wilayah("desa", "kelurahan", "dusun"),
            pilihan_wilayah=self.pilihan("desa", "kelurahan", "dusun"),
            kategori=sasaran.KATEGORI,
            tile_url=settings.MAP_TILE_URL,
            **kwargs,
        )


class PetaDataView(_Dasar, View):
    """Points for the map: [lintang, bujur, kategori, kepala, url] (at most BATAS_TITIK)."""

    def get(self, request):
        w = self.wilayah("desa", "kelurahan", "dusun")
        if w is None:
            return JsonResponse({"titik": [], "pesan": "Pilih desa atau dusun."})
        qs = sasaran.keluarga_dengan_lokasi(self.keluarga(w))
        data = sasaran.peta_keluarga(bulan=self.bulan(), keluarga_qs=qs, batas=BATAS_TITIK)
        kategori = request.GET.get("kategori")
        titik = [
            [float(k["lintang"]), float(k["bujur"]), k["kategori"], k["nama_kepala"], k["pk"]]
            for k in data
            if not kategori or k["kategori"] == kategori
        ]
        return JsonResponse({"titik": titik})


class PetaKeluargaView(_Dasar, TemplateView):
    """Printable grid: one symbol per family of a dusun (or one RT of it), with a legend."""

    template_name = "pendataan/peta_keluarga.html"

    def get_context_data(self, **kwargs):
        w = self.wilayah("dusun")
        ctx = super().get_context_data(
            judul="Peta keluarga",
            bulan=self.bulan(),
            wilayah=w,
            rt=self.request.GET.get("rt", ""),
            pilihan_wilayah=self.pilihan("dusun"),
            kategori=sasaran.KATEGORI,
            **kwargs,
        )
        if w is None:
            return ctx
        qs = self.keluarga(w)
        if ctx["rt"]:
            qs = qs.filter(rt=ctx["rt"])
        data = sasaran.peta_keluarga(bulan=ctx["bulan"], keluarga_qs=qs)
        per_rt: dict[str, list] = {}
        jumlah = dict.fromkeys(sasaran.KATEGORI, 0)
        for k in data:
            k["simbol"] = sasaran.KATEGORI[k["kategori"]][2]
            k["warna"] = sasaran.KATEGORI[k["kategori"]][1]
            per_rt.setdefault(k["rt"], []).append(k)
            jumlah[k["kategori"]] += 1
        ctx["per_rt"] = per_rt
        ctx["legenda"] = [(kode, *nilai, jumlah[kode]) for kode, nilai in sasaran.KATEGORI.items()]
        return ctx


class PerbandinganDesaView(_Dasar, TemplateView):
    """PUS, CPR, MKJP share and unmet need % per desa of a kecamatan, weakest shaded."""

    template_name = "pendataan/perbandingan_desa.html"

    def get_context_data(self, **kwargs):
        # A kecamatan when the user may see one; otherwise (a penyuluh's desa binaan, a
        # PPKBD's desa) every desa the user may see.
        # The kecamatan list is read once: its first is the default kecamatan.
        user = self.request.user
        pilihan = list(self.pilihan("kecamatan"))
        w = self.wilayah("kecamatan", pilihan=pilihan) or (pilihan[0] if pilihan else None)
        ctx = super().get_context_data(
            judul="Perbandingan desa",
            bulan=self.bulan(),
            wilayah=w,
            pilihan_wilayah=pilihan,
            **kwargs,
        )
        bulan = ctx["bulan"]

        def hitung() -> list[dict]:
            desa = Wilayah.objects.desa().visible_to(user).order_by("kode")
            if w is not None:
                desa = desa.filter(kecamatan=w)
            baris = sasaran.perbandingan_desa(bulan=bulan, desa=list(desa))
            # Plain data for the cache: the desa as the fields the page shows.
            return [{**b, "desa": (b["desa"].pk, b["desa"].kode, b["desa"].nama)} for b in baris]

        # The counts of a kecamatan's PUS (~9,600 latest statuses) are the same for every user
        # of one area set: kept a few minutes per area set, kecamatan and month, like the home
        # card's; a write to the register ("pus") or to the areas ("kader") counts them again.
        tersimpan, ctx["dihitung"] = simpan_kartu(
            f"perbandingan_desa:{bulan.isoformat()}",
            lingkup=f"{kunci_cakupan(user)}:{w.pk if w is not None else '-'}",
            kelompok=KELOMPOK_KARTU,
            hitung=hitung,
        )
        ctx["baris"] = [
            {**b, "desa": Wilayah(pk=b["desa"][0], kode=b["desa"][1], nama=b["desa"][2])}
            for b in tersimpan
        ]
        return ctx


class SasaranView(HalamanTersimpanMixin, _Dasar, TemplateView):
    """Priority worklist of an area; ?format=xlsx downloads it. The page is kept until what it
    read changes (imp_smart.halaman)."""

    template_name = "pendataan/sasaran.html"

    def halaman_wilayah(self):
        return desa_bulan_ini(self.request, self.bulan())

    def get_context_data(self, **kwargs):
        # Every area the user may see down to the dusun, read once: the choices, the chosen
        # area, and the dusun of a chosen desa.
        pilihan = list(self.pilihan("desa", "kelurahan", "dusun"))
        w = self.wilayah("desa", "kelurahan", "dusun", pilihan=pilihan)
        ctx = super().get_context_data(
            judul="Sasaran prioritas",
            bulan=self.bulan(),
            wilayah=w,
            pilihan_wilayah=pilihan,
            **kwargs,
        )
        if w is not None:
            if w.is_dusun:
                area = {w.pk}
            else:
                area = {p.pk for p in pilihan if p.tingkat == "dusun" and p.desa_id == w.pk}
            daftar = sasaran.sasaran_prioritas(bulan=ctx["bulan"], wilayah_ids=area)
            # ?kategori=<code> narrows the list; the counts per category are of the whole list.
            kategori = sasaran.kategori_sasaran(self.request.GET.get("kategori"))
            jumlah = dict.fromkeys(sasaran.PRIORITAS, 0)
            for x in daftar:
                jumlah[x["kode"]] += 1
            ctx["kategori"] = kategori
            ctx["jumlah_kategori"] = [
                (kode, label, jumlah[kode]) for kode, (_, label) in sasaran.PRIORITAS.items()
            ]
            ctx["jumlah_semua"] = len(daftar)
            ctx["daftar"] = [x for x in daftar if x["kode"] == kategori] if kategori else daftar
        return ctx

    def render_to_response(self, context, **kwargs):
        if self.request.GET.get("format") == "xlsx" and context.get("wilayah"):
            return self._xlsx(context)
        return super().render_to_response(context, **kwargs)

    def _xlsx(self, ctx):
        wb = Workbook()
        ws = wb.active
        ws.title = "Sasaran prioritas"
        ws.append(
            [
                "prioritas",
                "alasan",
                "rincian",
                "nama",
                "umur",
                "dusun",
                "rt",
                "kepala_keluarga",
                "status_kb",
                "nasihat",
            ]
        )
        for x in ctx["daftar"]:
            ws.append(
                baris_xlsx(
                    ws,
                    [
                        x["prioritas"],
                        x["alasan"],
                        x["rincian"],
                        x["nama"],
                        x["umur"],
                        x["dusun"],
                        x["rt"],
                        x["kepala"],
                        x["status"],
                        x["nasihat"] or "",
                    ],
                )
            )
        keluar = io.BytesIO()
        wb.save(keluar)
        resp = HttpResponse(
            keluar.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        nama = f"sasaran-{ctx['wilayah'].kode}-{ctx['bulan']:%Y-%m}.xlsx"
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp
