"""Forms of the programme activities. Every choice queryset is restricted with visible_to(user);
posted codes outside the choices are refused by the fields (and by the database)."""

from crispy_forms.layout import Column, Layout, Row
from django import forms

from kader.forms import ScopedForm, TanggalInput, WilayahChoiceField, wilayah_pilihan
from kader.models import Institusi, Kader, Mitra
from pendataan.indikator import METODE
from pendataan.models.status import PILIHAN_METODE
from pertemuan.forms import DESA_DUSUN, CariPusForm, FotoForm, KonfirmasiTanggalMixin, _awal
from pertemuan.models import KelompokMasyarakat, PelayananKB, PeranMitra, Sosialisasi
from pertemuan.services_program import BarisMitra

__all__ = [
    "AkseptorAnonimForm",
    "AkseptorRegisterForm",
    "CariPusForm",
    "FotoForm",
    "KelompokForm",
    "MitraKegiatanFormSet",
    "PelayananForm",
    "SosialisasiForm",
]


def _kader(user):
    return (
        Kader.objects.visible_to(user)
        .filter(aktif=True)
        .select_related("institusi")
        .order_by("institusi__nama", "nama")
    )


def _label_kader(k: Kader) -> str:
    return f"{k.nama} ({k.institusi.nama})"


def _kader_penggerak() -> forms.ModelChoiceField:
    """The optional "cadre who brought them" of an acceptor (anonymous or from the register)."""
    return forms.ModelChoiceField(
        queryset=Kader.objects.none(),
        required=False,
        label="Kader penggerak",
        empty_label="(tidak disebut)",
    )


def _batasi_kader_penggerak(form, user, pelayanan: "PelayananKB") -> None:
    """The user's cadres of the event's kecamatan, labelled with their institution."""
    form.fields["kader"].queryset = _kader(user).filter(
        institusi__wilayah__kecamatan_id=pelayanan.wilayah.kecamatan_id
    )
    form.fields["kader"].label_from_instance = _label_kader


class SosialisasiForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=None, label="Wilayah penyelenggara")

    class Meta:
        model = Sosialisasi
        fields = [
            "jenis",
            "judul",
            "tanggal",
            "wilayah",
            "tempat",
            "sasaran",
            "uraian_sasaran",
            "jumlah_terjangkau",
            "catatan",
        ]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "jumlah_terjangkau": {"required": "Isi jumlah orang yang terjangkau."},
            "judul": {"required": "Isi judul/tema sosialisasi."},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kabupaten", "kecamatan", *DESA_DUSUN
        )
        self.fields["jumlah_terjangkau"].widget.attrs.update(inputmode="numeric", min=0)
        _awal(self, user)


class PelayananForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=None, label="Desa/dusun tempat pelayanan")

    class Meta:
        model = PelayananKB
        fields = ["jenis", "judul", "tanggal", "wilayah", "tempat", "catatan"]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"tempat": {"required": "Isi tempat pelayanan."}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, *DESA_DUSUN)
        _awal(self, user)


class AkseptorAnonimForm(ScopedForm, forms.Form):
    """Acceptors without names: one number per method, and the cadre who brought them."""

    tombol = "Tambahkan"
    kader = _kader_penggerak()

    def __init__(self, *args, user, pelayanan: PelayananKB, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _batasi_kader_penggerak(self, user, pelayanan)
        for kode, label in PILIHAN_METODE:
            self.fields[f"metode_{kode}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=999,
                required=False,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
                error_messages={
                    "min_value": "Tidak boleh negatif.",
                    "max_value": "Paling banyak 999.",
                    "invalid": "Isi angka.",
                },
            )

        # Two numbers per row on a phone: nine methods stay on one screen.
        self.helper.layout = Layout(
            "kader",
            Row(*[Column(f"metode_{k}", css_class="col-6 col-md-4") for k, _ in PILIHAN_METODE]),
        )

    def jumlah_per_metode(self) -> dict[str, int]:
        return {m: self.cleaned_data.get(f"metode_{m}") or 0 for m in METODE}

    def clean(self):
        data = super().clean()
        if not self.errors and not any(self.jumlah_per_metode().values()):
            raise forms.ValidationError("Isi jumlah akseptor minimal satu metode.")
        return data


class AkseptorRegisterForm(ScopedForm, forms.Form):
    """A woman from the register (found by name first) served with a method."""

    tombol = "Simpan akseptor"
    anggota = forms.IntegerField(widget=forms.HiddenInput)
    metode = forms.ChoiceField(
        choices=[("", "---------"), *PILIHAN_METODE],
        label="Metode yang dilayani",
        error_messages={
            "invalid_choice": "Metode tidak dikenal; pilih dari daftar.",
            "required": "Pilih metode.",
        },
    )
    kader = _kader_penggerak()

    def __init__(self, *args, user, pelayanan: PelayananKB, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        _batasi_kader_penggerak(self, user, pelayanan)


class MitraBarisForm(forms.Form):
    mitra = forms.ModelChoiceField(
        queryset=Mitra.objects.none(),
        label="Mitra",
        error_messages={"invalid_choice": "Mitra tidak ada di daftar mitra wilayah Anda."},
    )
    peran = forms.ChoiceField(
        choices=PeranMitra.choices,
        initial=PeranMitra.HADIR,  # an untouched empty row stays "unchanged" (skipped)
        label="Peran",
        error_messages={"invalid_choice": "Peran tidak dikenal; pilih dari daftar."},
    )
    jumlah_terjangkau = forms.IntegerField(
        label="Orang terjangkau",
        min_value=0,
        max_value=100000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    jumlah_akseptor = forms.IntegerField(
        label="Akseptor digerakkan",
        min_value=0,
        max_value=10000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )

    def __init__(self, *args, mitra_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mitra_qs is not None:
            self.fields["mitra"].queryset = mitra_qs
        self.fields["mitra"].label_from_instance = lambda m: (
            f"{m.nama} ({m.get_jenis_display()}, {m.wilayah.nama})"
        )

    def baris(self) -> BarisMitra | None:
        d = self.cleaned_data
        if not d or d.get("DELETE") or not d.get("mitra"):
            return None
        return BarisMitra(
            mitra=d["mitra"],
            peran=d["peran"],
            jumlah_terjangkau=d.get("jumlah_terjangkau") or 0,
            jumlah_akseptor=d.get("jumlah_akseptor") or 0,
        )


class _MitraFormSet(forms.BaseFormSet):
    def __init__(self, *args, mitra_qs, **kwargs):
        self.mitra_qs = mitra_qs
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "mitra_qs": self.mitra_qs}

    def baris(self) -> list[BarisMitra]:
        return [b for f in self.forms if (b := f.baris()) is not None]


MitraKegiatanFormSet = forms.formset_factory(
    MitraBarisForm, formset=_MitraFormSet, extra=2, can_delete=True, max_num=40, validate_max=True
)


class KelompokForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    tanggal_diperiksa = {"tanggal_mulai": 31}

    wilayah = WilayahChoiceField(queryset=None, label="Desa/dusun")

    class Meta:
        model = KelompokMasyarakat
        fields = [
            "nama",
            "jenis",
            "wilayah",
            "jumlah_anggota",
            "tanggal_mulai",
            "institusi_asal",
            "induk",
            "kader",
            "catatan",
            "aktif",
        ]
        widgets = {"tanggal_mulai": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"jumlah_anggota": {"required": "Isi jumlah anggota kelompok."}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, *DESA_DUSUN)
        self.fields["institusi_asal"].queryset = (
            Institusi.objects.visible_to(user).filter(aktif=True).select_related("wilayah")
        )
        self.fields["institusi_asal"].required = False
        self.fields[
            "institusi_asal"
        ].help_text = (
            "PPKBD/Sub-PPKBD tempat kelompok berakar; kosongkan bila tumbuh dari kelompok lain."
        )
        induk = KelompokMasyarakat.objects.visible_to(user).select_related("wilayah")
        if self.instance.pk:
            induk = induk.exclude(pk=self.instance.pk)
        self.fields["induk"].queryset = induk.order_by("nama")
        self.fields["kader"].queryset = _kader(user)
        self.fields["kader"].label_from_instance = _label_kader
        _awal(self, user)
        profil = getattr(user, "profil", None)
        if self.instance.pk is None and profil is not None and profil.institusi_id:
            self.initial.setdefault("institusi_asal", profil.institusi_id)
