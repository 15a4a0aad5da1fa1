"""Pages of the group funds (kemandirian): cash book, dues, arisan, monthly summary."""

import django_tables2 as tables
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import TemplateView

from imp_smart.parameter import bulan_param, tahun_param, tanggal_param
from kader import selectors_dana, services_dana
from kader.angka import rupiah
from kader.bulan import awal_bulan
from kader.ekspor import EksporXlsxMixin, xlsx_dari_tabel
from kader.forms_dana import (
    AnggotaArisanForm,
    ArisanFilter,
    ArisanForm,
    BatalTransaksiForm,
    IuranBayarForm,
    KasFilter,
    SetoranForm,
    TarifForm,
    TransaksiForm,
    UndiForm,
)
from kader.models import Institusi, KelompokArisan, TransaksiKas
from kader.tables_dana import ArisanTable, KasTable
from kader.views_base import (
    DaftarView,
    IndukAksiView,
    IndukFormView,
    IndukMixin,
    RincianView,
)

# --- cash book -------------------------------------------------------------------------------


class InstitusiKasMixin:
    def induk_queryset(self):
        return Institusi.objects.visible_to(self.request.user).select_related("wilayah")


class KasListView(EksporXlsxMixin, DaftarView):
    model = Institusi
    table_class = KasTable
    filterset_class = KasFilter
    permission_required = "kader.view_transaksikas"
    judul = "Dana kelompok: saldo kas per institusi"

    def get_queryset(self):
        return selectors_dana.kas_institusi_list(user=self.request.user).order_by(
            "wilayah__kode", "jenis", "nama"
        )


class BukuKasTable(tables.Table):
    """The ledger; a cancelled entry is shown struck out with its reason (and counts for
    nothing). `boleh_batal`: the user may cancel entries (a small link under the description,
    so that a phone needs no extra column)."""

    tanggal = tables.DateColumn(format="j M Y")
    jenis = tables.Column()
    uraian = tables.Column()
    masuk = tables.Column(verbose_name="Masuk (Rp)", attrs={"td": {"class": "text-end"}})
    keluar = tables.Column(verbose_name="Keluar (Rp)", attrs={"td": {"class": "text-end"}})
    saldo = tables.Column(verbose_name="Saldo (Rp)", attrs={"td": {"class": "text-end"}})

    class Meta:
        orderable = False
        row_attrs = {"class": lambda record: "batal" if record["transaksi"].dibatalkan else ""}

    def __init__(self, *args, boleh_batal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.boleh_batal = boleh_batal

    @staticmethod
    def _uang(value, record):
        if value is None:
            return ""
        if record["transaksi"].dibatalkan:
            return format_html("<s>{}</s>", rupiah(value))
        return rupiah(value)

    def render_masuk(self, value, record):
        return self._uang(value, record)

    def render_keluar(self, value, record):
        return self._uang(value, record)

    def render_saldo(self, value):
        return rupiah(value)

    @staticmethod
    def _batal(t) -> str:
        oleh = t.dibatalkan_oleh.username if t.dibatalkan_oleh else "-"
        tanggal = timezone.localtime(t.dibatalkan_pada).strftime("%d/%m/%Y")
        return f"{t.alasan_batal} ({oleh}, {tanggal})"

    def render_uraian(self, value, record):
        t = record["transaksi"]
        if t.dibatalkan:
            return format_html(
                '{} <span class="badge text-bg-secondary">Dibatalkan</span> '
                '<span class="small">{}</span>',
                value,
                self._batal(t),
            )
        if self.boleh_batal and t.boleh_dibatalkan:
            return format_html(
                '{} <a class="small text-nowrap ms-1" href="{}">Batalkan</a>',
                value,
                reverse("kader:dana:transaksi_batal", args=[t.pk]),
            )
        return value

    def value_uraian(self, value, record):  # XLSX: plain text, no link
        t = record["transaksi"]
        return f"{value} [DIBATALKAN: {self._batal(t)}]" if t.dibatalkan else value


class KasDetailView(InstitusiKasMixin, IndukMixin, TemplateView):
    """The ledger of an institution with running balance (?dari=&sampai=, ?ekspor=xlsx)."""

    permission_required = "kader.view_transaksikas"
    template_name = "kader/dana/kas_detail.html"

    def get(self, request, *args, **kwargs):
        hari_ini = timezone.localdate()
        self.dari = tanggal_param(request, "dari", hari_ini.replace(month=1, day=1))
        self.sampai = tanggal_param(request, "sampai", hari_ini)
        self.buku = selectors_dana.buku_kas(
            institusi=self.induk, dari=self.dari, sampai=self.sampai
        )
        tabel = BukuKasTable(
            self.buku["baris"], boleh_batal=request.user.has_perm("kader.change_transaksikas")
        )
        if request.GET.get("ekspor") == "xlsx":
            return xlsx_dari_tabel(tabel, f"Buku kas {self.induk.nama}")
        tables.RequestConfig(request, paginate=False).configure(tabel)
        return self.render_to_response(self.get_context_data(table=tabel))

    def get_context_data(self, **kwargs):
        q = self.request.GET.copy()
        q["ekspor"] = "xlsx"
        return super().get_context_data(
            institusi=self.induk,
            dari=self.dari,
            sampai=self.sampai,
            buku=self.buku,
            saldo=selectors_dana.saldo(institusi=self.induk),
            ekspor=f"?{q.urlencode()}",
            arisan=self.induk.arisan.all(),
            **kwargs,
        )


def _kas_url(institusi, tanggal=None) -> str:
    """The cash book; from the start of `tanggal`'s year when that is before this year's
    (the book opens on 1 January of the current year)."""
    url = reverse("kader:dana:kas_detail", args=[institusi.pk])
    if tanggal is not None and tanggal.year < timezone.localdate().year:
        url += f"?dari={tanggal.year}-01-01"
    return url


class TransaksiTambahView(InstitusiKasMixin, IndukFormView):
    permission_required = "kader.add_transaksikas"
    form_class = TransaksiForm
    pesan_sukses = "Transaksi dicatat."

    def get_judul(self):
        return f"Pemasukan/pengeluaran: {self.induk}"

    def get_initial(self):
        return {"tanggal": timezone.localdate()}

    def get_success_url(self):
        return _kas_url(self.induk)

    def simpan(self, form):
        services_dana.transaksi_catat(
            institusi=self.induk, oleh=self.request.user, **form.cleaned_data
        )


class TransaksiBatalView(IndukFormView):
    """Cancel a wrong cash entry (with a reason); the book keeps it, struck out."""

    permission_required = "kader.change_transaksikas"
    form_class = BatalTransaksiForm
    pesan_sukses = "Transaksi dibatalkan; tidak dihitung lagi dalam saldo."

    def induk_queryset(self):
        return TransaksiKas.objects.visible_to(self.request.user).select_related("institusi")

    def get_judul(self):
        return "Batalkan transaksi kas"

    @property
    def keterangan(self):
        t = self.induk
        arah = "masuk" if t.masuk else "keluar"
        return (
            f"{t.institusi}: {t.tanggal:%d/%m/%Y} · {t.get_jenis_display()} · "
            f"{arah} {rupiah(t.jumlah, awalan=True)} · {t.uraian}"
        )

    def get_success_url(self):
        return _kas_url(self.induk.institusi, tanggal=self.induk.tanggal)

    def simpan(self, form):
        return services_dana.transaksi_batalkan(
            transaksi=self.induk, alasan=form.cleaned_data["alasan"], oleh=self.request.user
        )


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


class RingkasanTable(tables.Table):
    bulan = tables.DateColumn(format="F Y")
    saldo_awal = tables.Column(verbose_name="Saldo awal")
    iuran = tables.Column(verbose_name="Iuran")
    arisan_setoran = tables.Column(verbose_name="Setoran arisan")
    pemasukan_lain = tables.Column(verbose_name="Pemasukan lain")
    arisan_bayar = tables.Column(verbose_name="Bayar arisan")
    pengeluaran = tables.Column(verbose_name="Pengeluaran")
    saldo_akhir = tables.Column(verbose_name="Saldo akhir")

    class Meta:
        orderable = False

    def render_saldo_awal(self, value):
        return rupiah(value)

    render_iuran = render_arisan_setoran = render_pemasukan_lain = render_saldo_awal
    render_arisan_bayar = render_pengeluaran = render_saldo_akhir = render_saldo_awal


class RingkasanView(InstitusiKasMixin, IndukMixin, TemplateView):
    """Monthly cash summary of a year (?tahun=, ?ekspor=xlsx)."""

    permission_required = "kader.view_transaksikas"
    template_name = "kader/dana/ringkasan.html"

    def get(self, request, *args, **kwargs):
        tahun = tahun_param(request, default=timezone.localdate().year)
        tabel = RingkasanTable(selectors_dana.ringkasan_bulanan(institusi=self.induk, tahun=tahun))
        if request.GET.get("ekspor") == "xlsx":
            return xlsx_dari_tabel(tabel, f"Ringkasan kas {self.induk.nama} {tahun}")
        return self.render_to_response(
            self.get_context_data(institusi=self.induk, tahun=tahun, table=tabel)
        )


# --- arisan ----------------------------------------------------------------------------------


class ArisanListView(EksporXlsxMixin, DaftarView):
    model = KelompokArisan
    table_class = ArisanTable
    filterset_class = ArisanFilter
    permission_required = "kader.view_kelompokarisan"
    judul = "Arisan"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("institusi")
            .annotate(jumlah_anggota=Count("anggota", filter=Q(anggota__aktif=True)))
        )


class ArisanCreateView(InstitusiKasMixin, IndukFormView):
    permission_required = "kader.add_kelompokarisan"
    form_class = ArisanForm

    def get_judul(self):
        return f"Arisan baru: {self.induk}"

    pesan_sukses = "Arisan dibuat. Tambahkan anggotanya."

    def simpan(self, form):
        return services_dana.arisan_buat(institusi=self.induk, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ArisanDetailView(RincianView):
    model = KelompokArisan
    permission_required = "kader.view_kelompokarisan"
    template_name = "kader/dana/arisan_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("institusi")

    def get_context_data(self, **kwargs):
        k, user = self.object, self.request.user
        calon = selectors_dana.arisan_calon(kelompok=k)
        tertunda = selectors_dana.arisan_setoran_tertunda(kelompok=k).select_related(
            "anggota_arisan"
        )
        sudah_setor = {t.anggota_arisan_id for t in tertunda}
        ctx = super().get_context_data(
            anggota=k.anggota.select_related("kader").order_by("nama"),
            calon_ids=set(calon.values_list("pk", flat=True)),
            putaran=k.putaran.select_related("pemenang").order_by("-siklus", "-nomor"),
            tertunda=tertunda,
            total_tertunda=sum(t.jumlah for t in tertunda),
            **kwargs,
        )
        if user.has_perm("kader.add_anggotaarisan"):
            ctx["anggota_form"] = AnggotaArisanForm(user=user, kelompok=k)
        if user.has_perm("kader.add_transaksikas"):
            ctx["setoran_form"] = SetoranForm(
                user=user,
                initial={"tanggal": timezone.localdate()},
                belum_setor=k.anggota.filter(aktif=True).exclude(pk__in=sudah_setor),
            )
        if user.has_perm("kader.add_putaranarisan"):
            ctx["undi_form"] = UndiForm(user=user, initial={"tanggal": timezone.localdate()})
        return ctx


class ArisanIndukMixin:
    def induk_queryset(self):
        return KelompokArisan.objects.visible_to(self.request.user).select_related("institusi")


class ArisanAnggotaView(ArisanIndukMixin, IndukFormView):
    permission_required = "kader.add_anggotaarisan"
    form_class = AnggotaArisanForm
    pesan_sukses = "Anggota arisan ditambahkan."

    def get_judul(self):
        return f"Anggota arisan {self.induk}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kelompok": self.induk}

    def simpan(self, form):
        services_dana.arisan_anggota_tambah(kelompok=self.induk, **form.cleaned_data)


class ArisanSetorView(ArisanIndukMixin, IndukFormView):
    permission_required = "kader.add_transaksikas"
    form_class = SetoranForm
    pesan_sukses = "Setoran arisan dicatat."

    def get_judul(self):
        return f"Setoran arisan {self.induk}"

    def get_form_kwargs(self):
        sudah = selectors_dana.arisan_setoran_tertunda(kelompok=self.induk).values(
            "anggota_arisan_id"
        )
        return {
            **super().get_form_kwargs(),
            "belum_setor": self.induk.anggota.filter(aktif=True).exclude(pk__in=sudah),
        }

    def simpan(self, form):
        services_dana.arisan_setor(
            kelompok=self.induk,
            anggota=list(form.cleaned_data["anggota"]),
            tanggal=form.cleaned_data["tanggal"],
            oleh=self.request.user,
        )


class ArisanUndiView(ArisanIndukMixin, IndukFormView):
    permission_required = "kader.add_putaranarisan"
    form_class = UndiForm

    def get_judul(self):
        return f"Undian arisan {self.induk}"

    def simpan(self, form):
        p = services_dana.arisan_undi(
            kelompok=self.induk, tanggal=form.cleaned_data["tanggal"], oleh=self.request.user
        )
        self.pesan_sukses = (
            f"Pemenang putaran {p.nomor} (siklus {p.siklus}): {p.pemenang.nama}"
            f" — menerima {rupiah(p.jumlah_diterima or 0, awalan=True)}."
        )


class ArisanSiklusView(ArisanIndukMixin, IndukAksiView):
    permission_required = "kader.change_kelompokarisan"
    pesan_sukses = "Siklus baru dimulai."

    def aksi(self):
        services_dana.arisan_siklus_baru(kelompok=self.induk)
