"""Forms of the pertemuan app. Every choice queryset is restricted with visible_to(user)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from kader.forms import ScopedForm, TanggalInput, WilayahChoiceField, wilayah_pilihan
from kader.models import Institusi, Kader
from pendataan.models import Anggota
from pertemuan.models import (
    AgendaPertemuan,
    KategoriUndangan,
    KegiatanPoktan,
    Konseling,
    Pelatihan,
    Pertemuan,
    PesertaPelatihan,
    Poktan,
    SesiKIE,
    TindakLanjut,
)

DESA_DUSUN = ("desa", "kelurahan", "dusun")


def _institusi(user):
    return Institusi.objects.visible_to(user).filter(aktif=True).select_related("wilayah")


def _awal(form, user):
    """Default area and institution: the user's own (PPKBD, Sub-PPKBD, koordinator)."""
    profil = getattr(user, "profil", None)
    if form.instance.pk is None and profil is not None:
        if "wilayah" in form.fields and profil.wilayah_id:
            form.initial.setdefault("wilayah", profil.wilayah_id)
        if "institusi" in form.fields and profil.institusi_id:
            form.initial.setdefault("institusi", profil.institusi_id)


class PertemuanForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(
        queryset=None,
        label="Wilayah penyelenggara",
        required=False,
        help_text="Kosongkan bila sama dengan wilayah institusi.",
    )
    agenda = forms.MultipleChoiceField(
        choices=AgendaPertemuan.Jenis.choices, widget=forms.CheckboxSelectMultiple, label="Agenda"
    )

    class Meta:
        model = Pertemuan
        fields = ["judul", "tanggal", "jam", "tempat", "institusi", "wilayah", "agenda", "notulen"]
        widgets = {
            "tanggal": TanggalInput(),
            "jam": forms.TimeInput(attrs={"type": "time"}),
            "notulen": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kabupaten", "kecamatan", *DESA_DUSUN
        )
        self.fields["institusi"].queryset = _institusi(user)
        if self.instance.pk:
            self.initial["agenda"] = list(self.instance.agenda.values_list("jenis", flat=True))
        _awal(self, user)


class KehadiranForm(ScopedForm, forms.Form):
    kader = forms.ModelMultipleChoiceField(
        queryset=Kader.objects.none(),
        required=False,
        label="Kader yang hadir",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, pertemuan: Pertemuan, kader_qs, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kader"].queryset = kader_qs.filter(
            pk__in=Kader.objects.visible_to(user).values("pk")
        ).order_by("institusi__nama", "nama")
        self.fields["kader"].label_from_instance = lambda k: f"{k.nama} ({k.institusi.nama})"
        self.initial["kader"] = list(pertemuan.kader_hadir.values_list("pk", flat=True))
        ada = dict(pertemuan.undangan.values_list("kategori", "jumlah"))
        for kode, label in KategoriUndangan.choices:
            self.fields[f"undangan_{kode}"] = forms.IntegerField(
                label=label, min_value=0, max_value=999, required=False, initial=ada.get(kode, 0)
            )

    def undangan(self) -> dict[str, int]:
        return {k: self.cleaned_data.get(f"undangan_{k}") or 0 for k in KategoriUndangan.values}


class FotoForm(ScopedForm, forms.Form):
    tombol = "Unggah"
    berkas = forms.FileField(
        label="Foto",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    keterangan = forms.CharField(label="Keterangan", max_length=200, required=False)


class MasalahForm(ScopedForm, forms.Form):
    masalah = forms.CharField(label="Masalah", widget=forms.Textarea(attrs={"rows": 2}))
    tindak_lanjut = forms.CharField(label="Tindak lanjut", widget=forms.Textarea(attrs={"rows": 2}))
    penanggung_jawab = forms.CharField(label="Penanggung jawab", max_length=120)
    batas_waktu = forms.DateField(label="Batas waktu", widget=TanggalInput())


class TindakLanjutForm(ScopedForm, forms.Form):
    status = forms.ChoiceField(choices=TindakLanjut.Status.choices, label="Status")
    ditutup_pada = forms.ModelChoiceField(
        queryset=Pertemuan.objects.none(),
        required=False,
        label="Ditutup pada pertemuan",
        help_text="Pertemuan sesudahnya tempat tindak lanjut ini dinyatakan selesai.",
    )
    catatan = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user, tindak_lanjut: TindakLanjut, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        asal = tindak_lanjut.masalah.pertemuan
        self.fields["ditutup_pada"].queryset = (
            Pertemuan.objects.visible_to(user)
            .filter(tanggal__gte=asal.tanggal)
            .exclude(pk=asal.pk)
            .order_by("tanggal")
        )
        self.initial.update(
            status=tindak_lanjut.status,
            ditutup_pada=tindak_lanjut.ditutup_pada_id,
            catatan=tindak_lanjut.catatan_selesai,
        )


class SesiKIEForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=None, label="Desa/dusun")

    class Meta:
        model = SesiKIE
        fields = [
            "tanggal",
            "wilayah",
            "institusi",
            "topik",
            "topik_lain",
            "sasaran",
            "tempat",
            "peserta_l",
            "peserta_p",
            "media_kie",
            "penyaji",
            "catatan",
        ]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, *DESA_DUSUN)
        self.fields["institusi"].queryset = _institusi(user)
        _awal(self, user)


class CariPusForm(forms.Form):
    q = forms.CharField(label="Nama PUS", min_length=2, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("", "Cari", css_class="btn-imp"))


class KonselingForm(ScopedForm, forms.ModelForm):
    anggota = forms.ModelChoiceField(
        queryset=Anggota.objects.none(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "PUS ini tidak ada di wilayah Anda. Cari ulang PUS."},
    )

    class Meta:
        model = Konseling
        fields = [
            "anggota",
            "tanggal",
            "kader",
            "topik",
            "hasil",
            "metode",
            "faskes",
            "tanggal_tindak_lanjut",
            "catatan",
        ]
        widgets = {
            "tanggal": TanggalInput(),
            "tanggal_tindak_lanjut": TanggalInput(),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"metode": "Bila bersedia ber-KB.", "faskes": "Bila dirujuk."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["anggota"].queryset = Anggota.objects.visible_to(user)
        self.fields["kader"].queryset = (
            Kader.objects.visible_to(user).filter(aktif=True).select_related("institusi")
        )


class PoktanForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=None, label="Desa/dusun")

    class Meta:
        model = Poktan
        fields = ["jenis", "nama", "wilayah", "institusi", "ketua", "tanggal_dibentuk", "aktif"]
        widgets = {"tanggal_dibentuk": TanggalInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, *DESA_DUSUN)
        self.fields["institusi"].queryset = _institusi(user)
        _awal(self, user)


class AnggotaPoktanForm(ScopedForm, forms.Form):
    keluarga = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Keluarga sasaran"
    )
    tanggal_masuk = forms.DateField(label="Tanggal masuk", widget=TanggalInput())

    def __init__(self, *args, user, sasaran, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["keluarga"].queryset = sasaran
        self.fields["keluarga"].label_from_instance = lambda k: f"{k.nama_kepala} (RT {k.rt})"


class KegiatanPoktanForm(ScopedForm, forms.ModelForm):
    class Meta:
        model = KegiatanPoktan
        fields = ["tanggal", "materi", "hadir", "catatan"]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}


class PelatihanForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=None, label="Wilayah penyelenggara")

    class Meta:
        model = Pelatihan
        fields = [
            "judul",
            "penyelenggara",
            "wilayah",
            "narasumber",
            "tempat",
            "tanggal_mulai",
            "tanggal_selesai",
            "jumlah_jam",
        ]
        widgets = {
            "tanggal_mulai": TanggalInput(),
            "tanggal_selesai": TanggalInput(),
            "narasumber": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kabupaten", "kecamatan", "desa", "kelurahan"
        )
        _awal(self, user)


class PesertaTambahForm(ScopedForm, forms.Form):
    tombol = "Tambahkan"
    institusi = forms.ModelChoiceField(
        queryset=None, required=False, label="Semua kader aktif dari institusi"
    )
    kader = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label="atau pilih kader",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["institusi"].queryset = _institusi(user)
        self.fields["kader"].queryset = (
            Kader.objects.visible_to(user).filter(aktif=True).select_related("institusi")
        )
        self.fields["kader"].label_from_instance = lambda k: f"{k.nama} ({k.institusi.nama})"

    def clean(self):
        data = super().clean()
        if not data.get("institusi") and not data.get("kader"):
            raise forms.ValidationError("Pilih institusi atau minimal satu kader.")
        return data

    def daftar_kader(self) -> list[Kader]:
        kader = list(self.cleaned_data.get("kader") or [])
        if i := self.cleaned_data.get("institusi"):
            kader += list(i.kader.filter(aktif=True).visible_to(self.user))
        return list({k.pk: k for k in kader}.values())


class PesertaNilaiForm(ScopedForm, forms.ModelForm):
    class Meta:
        model = PesertaPelatihan
        fields = ["nilai_pre", "nilai_post"]
