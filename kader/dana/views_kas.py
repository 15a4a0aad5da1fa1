"""Cash book of an institution (kas): list, book, entries, cancellation, monthly summary."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.generic import TemplateView

from imp_smart.angka import rupiah
from imp_smart.ekspor import EksporXlsxMixin, xlsx_dari_tabel
from imp_smart.kolom import KolomTanggal
from imp_smart.parameter import tahun_param, tanggal_param
from imp_smart.views import (
    DaftarView,
    IndukFormView,
    IndukMixin,
)
from kader.dana import selectors as selectors_dana
from kader.dana import services as services_dana
from kader.dana.forms import (
    BatalTransaksiForm,
    KasFilter,
    TransaksiForm,
)
from kader.dana.tables import KasTable
from kader.models import Institusi, TransaksiKas

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

    tanggal = KolomTanggal(format="j M Y")
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


class RingkasanTable(tables.Table):
    bulan = KolomTanggal(format="F Y")
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
