"""Arisan groups of an institution: members, deposits, draws, new cycles."""

from django.db.models import Count, Q
from django.utils import timezone

from imp_smart.angka import rupiah
from imp_smart.ekspor import EksporXlsxMixin
from imp_smart.views import (
    DaftarView,
    IndukAksiView,
    IndukFormView,
    RincianView,
)
from kader.dana import selectors as selectors_dana
from kader.dana import services as services_dana
from kader.dana.forms import (
    AnggotaArisanForm,
    ArisanFilter,
    ArisanForm,
    SetoranForm,
    UndiForm,
)
from kader.dana.tables import ArisanTable

# --- cash book -------------------------------------------------------------------------------
from kader.dana.views_kas import InstitusiKasMixin
from kader.models import KelompokArisan


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
