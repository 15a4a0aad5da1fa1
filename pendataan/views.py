"""Pages of the pendataan app: register, monthly PUS status, blank form PDF, imports."""

from datetime import date
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.gzip import gzip_page
from django.views.generic import FormView, TemplateView

from imp_smart import parameter
from imp_smart.bulan import awal_bulan
from imp_smart.halaman import BATAS_WILAYAH, HalamanTersimpanMixin
from imp_smart.pdf import render_pdf
from imp_smart.views import BuatView, DaftarView, RincianView, SimpanMixin, UbahView
from kader.cari_nik import CariNikViewMixin
from kader.models import Wilayah
from kader.scoping import SEMUA, desa_cakupan, lihat_semua, saring
from pendataan import forms, selectors, services
from pendataan.filters import KeluargaFilter
from pendataan.indikator import METODE, jenis_perubahan, kolom_status
from pendataan.jarak_kelahiran import nasihat_jarak
from pendataan.models import (
    Anggota,
    Hubungan,
    JumlahKeluargaDesa,
    Keluarga,
    Mutasi,
    PerubahanStatus,
    RiwayatAnggota,
)
from pendataan.models.keluarga import umur_pada
from pendataan.tables import KeluargaTable

LABEL_PERUBAHAN = {"pb": "PB", "ganti_cara": "ganti cara", "drop_out": "drop out"}
# The codes of DOMAIN §5 with their meaning, for printed legends.
LEGENDA_STATUS = [
    ("IUD", "alat kontrasepsi dalam rahim"),
    ("MOW", "tubektomi (metode operasi wanita)"),
    ("MOP", "vasektomi (metode operasi pria)"),
    ("KONDOM", "kondom"),
    ("IMPLAN", "implan/susuk"),
    ("SUNTIK", "suntik"),
    ("PIL", "pil"),
    ("MAL", "metode amenore laktasi"),
    ("TRADISIONAL", "cara tradisional"),
    ("HAMIL", "sedang hamil"),
    ("IAS", "ingin anak segera"),
    ("IAT", "ingin anak ditunda (≥ 2 tahun)"),
    ("TIAL", "tidak ingin anak lagi"),
]

# The monthly PUS page's counts: the indicator column of a status → its count at the top.
KUNCI_RINGKASAN = {
    "iat": "unmet",
    "tial": "unmet",
    "hamil": "hamil",
    "ias": "ias",
    "tanpa_status": "tanpa_status",
}

# Keluarga ---------------------------------------------------------------------------------


# The fields KeluargaTable reads (no_kk for its masked form, pk for the link).
KOLOM_DAFTAR = ("pk", "no_kk", "nama_kepala", "rt", "tahapan_ks", "desa__nama", "dusun__nama")


class KeluargaListView(CariNikViewMixin, DaftarView):
    model = Keluarga
    teks_kosong = "Belum ada keluarga di wilayah Anda."
    teks_kosong_saringan = "Tidak ada keluarga yang cocok dengan saringan atau pencarian ini."
    table_class = KeluargaTable
    filterset_class = KeluargaFilter
    permission_required = "pendataan.view_keluarga"
    judul = "Keluarga"
    tambah_url = "pendataan:keluarga_create"
    teks_nik = "NIK/no KK"
    teks_terbatas = (
        "Persempit pencarian: tambahkan kata nama berikutnya (mis. nama kedua) atau pilih "
        "kecamatan, desa atau dusun."
    )

    def get_queryset(self):
        jumlah = (
            Anggota.objects.filter(keluarga=OuterRef("pk"), aktif=True)
            .order_by()
            .values("keluarga")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            super()
            .get_queryset()
            .select_related("desa", "dusun")
            # Only what KeluargaTable shows: no timestamps, coordinates or indicators to parse
            # per row, no area codes and parents for the two areas of each row.
            .only(*KOLOM_DAFTAR)
            .annotate(jumlah_anggota=Subquery(jumlah))
        )

    def halaman_wilayah(self):
        """The list reads families and members through the user's area only (the name search
        too: KeluargaFilter.cari), so a kept list waits only for writes in the user's desas."""
        return desa_cakupan(self.request.user)

    def batas_hitung(self):
        """A name that thousands of members share ("Muhammad", "Faisal"): counting every match
        took longer than the page itself; the list offers the first BATAS_ID_CARI families."""
        return getattr(self.filterset, "batas_hitung", None)

    def jumlah_diketahui(self):
        """The whole district with no filter: the sum of the trigger-kept counters per desa
        (167 rows) instead of COUNT(*) over 215,000 families. A name search alone: what the
        search counted (the user's areas: KeluargaFilter.cari searches within them)."""
        if lihat_semua(self.request.user) and self.tanpa_saringan():
            return JumlahKeluargaDesa.objects.aggregate(n=Coalesce(Sum("jumlah"), 0))["n"]
        if (n := self.jumlah_cari_nama()) is not None:
            batas = self.batas_hitung() or n
            self.terbatas = n > batas  # as DaftarView's capped count says it
            return min(n, batas)
        return None

    def jumlah_cari_nama(self) -> int | None:
        """A name search alone: the search already knows how many of the user's families match
        (KeluargaFilter.jumlah_cocok), or that more than the cap do; no COUNT over the member
        subquery."""
        f = self.filterset
        if not (f.is_bound and f.is_valid()):
            return None
        lain = [v for k, v in f.form.cleaned_data.items() if k != "q" and v not in (None, "", [])]
        return None if lain else getattr(f, "jumlah_cocok", None)


class KeluargaDetailView(HalamanTersimpanMixin, RincianView):
    model = Keluarga
    permission_required = "pendataan.view_keluarga"
    template_name = "pendataan/keluarga_detail.html"

    def halaman_boleh_disimpan(self) -> bool:
        """Kept (imp_smart.halaman), except with ?nik=1: the full NIKs are never in the cache
        and each view of them is recorded (AksesNik)."""
        return self.request.GET.get("nik") != "1"

    def halaman_wilayah(self) -> frozenset[int] | None:
        """The desas in which lie the rows this page reads (imp_smart.halaman), named by one
        query before it is built: the family's desa; every desa in which its members' facts lie
        (they may have lived elsewhere, and those facts say that desa on their saves); the desas
        of the families its mutations' members are in now. A write in any other desa leaves the
        page kept."""
        pk = self.kwargs["pk"]
        keluarga = Keluarga.objects.filter(pk=pk).order_by().values_list("desa_id")
        fakta = RiwayatAnggota.objects.filter(Q(anggota__keluarga_id=pk) | Q(keluarga_id=pk))
        mutasi = Mutasi.objects.filter(keluarga_id=pk)
        desa = keluarga.union(
            fakta.order_by().values_list("desa_id"),
            mutasi.order_by().values_list("anggota__keluarga__desa_id"),
        )
        semua = frozenset(d for (d,) in desa)
        return semua if 0 < len(semua) <= BATAS_WILAYAH else None

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("desa__kecamatan", "dusun")
            .prefetch_related(
                Prefetch(
                    "anggota",
                    queryset=Anggota.objects.prefetch_related(
                        Prefetch("riwayat", queryset=RiwayatAnggota.objects.order_by("mulai")),
                        Prefetch("status_kb", queryset=PerubahanStatus.objects.order_by("-bulan")),
                    ),
                ),
                Prefetch("mutasi", queryset=Mutasi.objects.select_related("anggota")),
            )
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["boleh_nik"] = forms.boleh_lihat_nik(user)
        ctx["nik_lengkap"] = ctx["boleh_nik"] and self.request.GET.get("nik") == "1"
        if ctx["nik_lengkap"]:
            services.nik_lengkap_dilihat(
                user=user, keluarga=self.object, alamat_ip=self.request.META.get("REMOTE_ADDR")
            )
        bulan = selectors.awal_bulan(timezone.localdate())
        pus = dict(
            selectors.pus_bulan(bulan=bulan, desa_ids=SEMUA)  # of this (scoped) family
            .filter(keluarga=self.object)
            .values_list("anggota_id", "status_kb")
        )
        ctx["bulan"] = bulan
        hari_ini = timezone.localdate()
        lahir_anak = [
            a.tanggal_lahir
            for a in self.object.anggota.all()
            if a.aktif and a.hubungan == Hubungan.ANAK
        ]
        for a in self.object.anggota.all():  # prefetched: no query
            a.pus_status = pus.get(a.pk, False)
            # Birth-spacing advice for each PUS woman, from the family's children.
            a.nasihat = (
                nasihat_jarak(
                    umur_ibu=a.umur_pada(hari_ini),
                    lahir_anak=lahir_anak,
                    pada=hari_ini,
                    status=a.pus_status,
                )
                if a.pus_status is not False
                else None
            )
            riwayat = list(a.status_kb.all())  # newest first
            for baru, lama in zip(riwayat, [*riwayat[1:], None], strict=False):
                jenis = jenis_perubahan(
                    lama and lama.status, baru.status, peserta_baru=baru.peserta_baru
                )
                baru.jenis_label = LABEL_PERUBAHAN.get(jenis, "")
        return ctx


class AnggotaDetailView(RincianView):
    """A member's page: her record, the KB status per month and every change made to it."""

    model = Anggota
    permission_required = ("pendataan.view_anggota", "pendataan.view_perubahanstatus")
    template_name = "pendataan/anggota_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("keluarga__desa", "keluarga__dusun")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.object
        ctx["status_kb"] = list(a.status_kb.order_by("-bulan"))
        ctx["riwayat_status"] = selectors.riwayat_status_anggota(anggota_id=a.pk)
        # Birth-spacing advice when she is a PUS this month (pus_bulan decides), from the
        # children of her family: two queries.
        hari_ini = timezone.localdate()
        pus = list(
            selectors.pus_bulan(bulan=awal_bulan(hari_ini), desa_ids=SEMUA)  # of this member
            .filter(anggota=a)
            .values_list("status_kb", flat=True)
        )
        ctx["nasihat"] = None
        if pus:
            anak = Anggota.objects.filter(
                keluarga_id=a.keluarga_id, aktif=True, hubungan=Hubungan.ANAK
            ).values_list("tanggal_lahir", flat=True)
            ctx["nasihat"] = nasihat_jarak(
                umur_ibu=a.umur_pada(hari_ini), lahir_anak=list(anak), pada=hari_ini, status=pus[0]
            )
        return ctx


class KeluargaSimpanMixin:
    form_class = forms.KeluargaForm
    template_name = "pendataan/keluarga_form.html"
    pesan_sukses = "Data keluarga tersimpan."

    def simpan(self, form):
        keluarga = getattr(self, "object", None)
        return services.keluarga_simpan(keluarga=keluarga, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(tile_url=settings.MAP_TILE_URL, **kwargs)


class KeluargaCreateView(KeluargaSimpanMixin, BuatView):
    model = Keluarga
    permission_required = "pendataan.add_keluarga"
    judul = "Tambah keluarga"

    def simpan(self, form):
        self.object = None
        return super().simpan(form)


class KeluargaUpdateView(KeluargaSimpanMixin, UbahView):
    model = Keluarga
    permission_required = "pendataan.change_keluarga"


class KeluargaIndukMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page under a family: the family must be visible to the user (else 404)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.keluarga = get_object_or_404(
            Keluarga.objects.visible_to(request.user), pk=kwargs["keluarga_pk"]
        )
        return super().dispatch(request, *args, **kwargs)


class AnggotaCreateView(KeluargaIndukMixin, SimpanMixin, FormView):
    permission_required = "pendataan.add_anggota"
    form_class = forms.AnggotaForm
    pesan_sukses = "Anggota keluarga tersimpan."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Tambah anggota {self.keluarga}", **kwargs)

    def simpan(self, form):
        return services.anggota_tambah(
            keluarga=self.keluarga, oleh=self.request.user, **form.cleaned_data
        )


class AnggotaUpdateView(UbahView):
    model = Anggota
    form_class = forms.AnggotaForm
    permission_required = "pendataan.change_anggota"
    pesan_sukses = "Anggota keluarga tersimpan."

    def simpan(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("nik", "status_kawin")}
        return services.anggota_ubah(anggota=self.object, nik=form.cleaned_data["nik"], **data)


class MutasiCreateView(LoginRequiredMixin, PermissionRequiredMixin, SimpanMixin, FormView):
    permission_required = "pendataan.add_mutasi"
    form_class = forms.MutasiForm
    pesan_sukses = "Mutasi tercatat."

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.anggota = get_object_or_404(
            Anggota.objects.visible_to(request.user).select_related("keluarga"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Mutasi: {self.anggota.nama}", **kwargs)

    def simpan(self, form):
        services.mutasi_catat(anggota=self.anggota, oleh=self.request.user, **form.cleaned_data)
        return self.anggota.keluarga


# Monthly PUS status ---------------------------------------------------------------------


def bulan_dari(teks: str | None) -> date:
    """'YYYY-MM' → first day; missing or invalid → this month; future months are refused."""
    ini = awal_bulan(timezone.localdate())
    return min(parameter.bulan(teks, ini), ini)


def desa_bulan_ini(request, bulan: date) -> frozenset[int] | None:
    """halaman_wilayah() of a month's page of the PUS in the user's area (imp_smart.halaman):
    this month, the user's desas — every PUS row it reads (RiwayatAnggota valid at the month's
    end: the member's current desa), her family and members, and her statuses (which say every
    desa she lived in) are seen from them. A past month may show a family that has moved
    since, whose later saves say only its new desa: anywhere (None)."""
    if bulan != awal_bulan(timezone.localdate()):
        return None
    return desa_cakupan(request.user)


class PusBulananMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Resolve ?wilayah= (a dusun or desa the user sees; default: own area) and ?bulan=."""

    permission_required = "pendataan.view_perubahanstatus"

    def wilayah_terpilih(self, pilihan: list[Wilayah] | None = None) -> Wilayah | None:
        """`pilihan`: the page's own list of the user's dusun and desa, already read; the
        chosen area is taken from it when there (anything else is looked up, 404 if unseen)."""
        user = self.request.user
        pk = self.request.GET.get("wilayah") or self.request.POST.get("wilayah")
        if not pk:
            profil = getattr(user, "profil", None)
            pk = getattr(profil, "wilayah_id", None)
        if not pk:
            return None
        try:
            pk = int(pk)
            w = next((w for w in pilihan or () if w.pk == pk), None)
            w = w or Wilayah.objects.visible_to(user).get(pk=pk)
        except (ValueError, Wilayah.DoesNotExist):
            raise Http404("Wilayah tidak ditemukan.") from None
        if not (w.is_dusun or w.is_desa):
            return None
        return w

    def baris_pus(
        self, wilayah: Wilayah, bulan: date, *, tanda: bool = False
    ) -> list[SimpleNamespace]:
        """The month's PUS of a dusun/desa inside the user's areas, as light rows (a dusun may
        have 300: model instances and decrypted NIKs would cost more than the query). With
        `tanda`, each row also says `pb` (flagged peserta baru this month) and `ada_sebelumnya`
        (a status before this month), read in the same statement: two more queries would
        each carry the page's 300 member ids."""
        if wilayah.is_dusun:
            qs = selectors.pus_bulan(bulan=bulan, dusun_ids=[wilayah.pk])
        else:
            qs = selectors.pus_bulan(bulan=bulan, desa_ids=[wilayah.pk])
        qs = saring(qs, self.request.user, "dusun_id")
        qs = qs.annotate(jalur_kb=selectors.status_terakhir(bulan, "jalur"))
        kolom = ["anggota_id", "desa_id", "status_kb", "jalur_kb", "tanggal_lahir"]
        if tanda:
            status = PerubahanStatus.objects.filter(anggota_id=OuterRef("anggota_id"))
            qs = qs.annotate(
                pb=Exists(status.filter(bulan=bulan, peserta_baru=True)),
                ada_sebelumnya=Exists(status.filter(bulan__lt=bulan)),
            )
            kolom += ["pb", "ada_sebelumnya"]
        qs = qs.order_by(
            "dusun__kode", "keluarga__rt", "keluarga__nama_kepala", "anggota__nama"
        ).values(
            *kolom,
            nama=F("anggota__nama"),
            rt=F("keluarga__rt"),
            dusun_nama=F("dusun__nama"),
        )
        akhir = selectors.akhir_bulan(bulan)
        return [SimpleNamespace(**b, umur=umur_pada(b["tanggal_lahir"], akhir)) for b in qs]


@method_decorator(gzip_page, name="dispatch")  # ~190 kB for 300 PUS → ~15 kB on a weak line
class PusBulananView(HalamanTersimpanMixin, PusBulananMixin, TemplateView):
    """The cadre's monthly page: every PUS of a dusun/desa with her status; one POST saves.
    The GET is kept until what it read changes (imp_smart.halaman)."""

    template_name = "pendataan/pus_bulanan.html"

    def halaman_boleh_basi(self) -> bool:
        return False  # its form saves the statuses it shows: never shown late

    def bulan(self) -> date:
        return bulan_dari(self.request.GET.get("bulan") or self.request.POST.get("bulan"))

    def halaman_wilayah(self):
        return desa_bulan_ini(self.request, self.bulan())

    def get_context_data(self, isian=None, kesalahan=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        bulan = self.bulan()
        # The area select's options; the chosen area is one of them (desa_id: its confirmation).
        pilihan = list(
            Wilayah.objects.visible_to(self.request.user)
            .filter(tingkat__in=("dusun", "desa", "kelurahan"))
            .order_by("kode")
            .only("pk", "nama", "tingkat", "kode", "desa")
        )
        wilayah = self.wilayah_terpilih(pilihan)
        ctx.update(
            bulan=bulan,
            wilayah=wilayah,
            judul="Status KB PUS bulanan",
            bulan_lalu=selectors.geser_bulan(bulan, -1),
            bulan_depan=selectors.geser_bulan(bulan, 1),
            boleh_ubah=self.request.user.has_perm("pendataan.add_perubahanstatus"),
            pilihan_wilayah=pilihan,
        )
        ctx["bulan_depan_ada"] = ctx["bulan_depan"] <= selectors.awal_bulan(timezone.localdate())
        if wilayah is None:
            ctx["baris"] = []
            return ctx
        baris = self.baris_pus(wilayah, bulan, tanda=True)
        ringkasan = {
            "pus": len(baris),
            "ber_kb": 0,
            "hamil": 0,
            "unmet": 0,
            "ias": 0,
            "tanpa_status": 0,
        }
        for b in baris:
            # "No status" may be chosen only while she had none before this month.
            b.boleh_kosong = not b.ada_sebelumnya
            # The stored state: the phone compares its copy with this, and the counts at the
            # top show it (what was typed into a refused post is not counted).
            b.tersimpan = f"{b.status_kb or ''}|{b.jalur_kb or ''}|{'1' if b.pb else ''}"
            kolom = kolom_status(b.status_kb)
            if isian and b.anggota_id in isian:
                i = isian[b.anggota_id]
                b.status_kb, b.jalur_kb, b.pb = i.status or None, i.jalur, i.peserta_baru
            b.kesalahan = (kesalahan or {}).get(b.anggota_id)
            ringkasan[KUNCI_RINGKASAN.get(kolom, "ber_kb")] += 1
        ctx.update(baris=baris, ringkasan=ringkasan, metode=METODE)
        return ctx

    def post(self, request, *args, **kwargs):
        bulan = bulan_dari(request.POST.get("bulan"))
        wilayah = self.wilayah_terpilih()
        if wilayah is None:
            raise Http404("Pilih dusun atau desa.")
        pus = {b.anggota_id: b.desa_id for b in self.baris_pus(wilayah, bulan)}
        isian = {}
        for aid in pus:
            if f"s_{aid}" not in request.POST:
                continue
            # As posted: a jalur on a non-method status is refused by the service, not dropped
            # (dropping it made the phone's copy differ from what was stored).
            isian[aid] = services.Isian(
                status=request.POST.get(f"s_{aid}", ""),
                jalur=request.POST.get(f"j_{aid}", ""),
                peserta_baru=request.POST.get(f"b_{aid}") == "1",
            )
        try:
            hasil = services.status_simpan_bulan(
                bulan=bulan, isian=isian, pus=pus, oleh=request.user
            )
        except services.KesalahanBaris as e:
            kesalahan = e.per_baris
            messages.error(
                request, f"{len(kesalahan)} baris perlu diperbaiki; belum ada yang disimpan."
            )
            return self.render_to_response(
                self.get_context_data(isian=isian, kesalahan=kesalahan), status=400
            )
        jumlah = hasil["baru"] + hasil["diubah"] + hasil["dihapus"]
        messages.success(
            request, f"Tersimpan: {jumlah} perubahan status." if jumlah else "Tidak ada perubahan."
        )
        return redirect(f"{request.path}?wilayah={wilayah.pk}&bulan={bulan:%Y-%m}")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            request.method == "POST"
            and user.is_authenticated
            and not user.has_perm("pendataan.add_perubahanstatus")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FormulirPusPdfView(PusBulananMixin, TemplateView):
    """Blank printable form of the month's PUS list (names filled, status columns empty)."""

    def get(self, request, *args, **kwargs):
        bulan = bulan_dari(request.GET.get("bulan"))
        wilayah = self.wilayah_terpilih()
        if wilayah is None:
            raise Http404("Pilih dusun atau desa.")
        baris = self.baris_pus(wilayah, bulan)
        # The status each PUS had last month, to copy or change (one query for the page).
        lalu = services.status_sebelumnya(bulan=bulan, anggota_ids=[b.anggota_id for b in baris])
        for b in baris:
            status, jalur = lalu.get(b.anggota_id, ("", ""))
            b.status_lalu = f"{status} {jalur[:1]}".strip() if status else "–"
        pdf = render_pdf(
            "pendataan/pdf/formulir_pus.html",
            {
                "wilayah": wilayah,
                "bulan": bulan,
                "bulan_lalu": selectors.geser_bulan(bulan, -1),
                "baris": baris,
                "kode": f"{wilayah.kode}/{bulan:%Y-%m}",
                "metode": METODE,
                "legenda": LEGENDA_STATUS,
            },
        )
        resp = HttpResponse(pdf, content_type="application/pdf")
        resp["Content-Disposition"] = (
            f'inline; filename="formulir-pus-{wilayah.kode}-{bulan:%Y-%m}.pdf"'
        )
        return resp
