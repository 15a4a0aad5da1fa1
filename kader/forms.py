"""Forms of the kader app. Every choice queryset is restricted with visible_to(user)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils import timezone

from imp_smart.nik import bersihkan_nik, cek_nik, samarkan_nik
from imp_smart.telepon import TeleponField
from kader.models import SK, Institusi, Kader, KontakMitra, Mitra, Pengurus, Peran, Wilayah
from kader.models.akun import peran_dikelola


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class _Diketik(str):
    """A NIK the user has just sent: shown back as typed (it came from them), not masked."""


class NikSamaranWidget(forms.TextInput):
    """A NIK / no KK input that shows the stored number masked (7306********0001) unless
    `boleh_lihat`: the full number is never written into the page of a role that may not
    read it."""

    def __init__(self, attrs=None, *, boleh_lihat: bool = False):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})
        self.boleh_lihat = boleh_lihat

    def format_value(self, value):
        diketik = isinstance(value, _Diketik)
        value = super().format_value(value)
        return value if self.boleh_lihat or diketik or not value else samarkan_nik(value)


class NikField(forms.CharField):
    """The one field for a NIK or a no KK in every form of every app.

    The caller decides `boleh_lihat` (user.has_perm(...)) and, on an edit, passes the stored
    number as `tersimpan` (see `atur`). Without the permission the field shows it masked;
    sending the masked value back, or nothing, keeps the stored number; typing a new full
    number replaces it. `validasi` checks a new number (cek_nik for a NIK; None for a
    no KK, which the service checks)."""

    widget = NikSamaranWidget

    def __init__(self, *, boleh_lihat: bool = False, tersimpan=None, validasi=cek_nik, **kw):
        kw.setdefault("max_length", 24)
        super().__init__(**kw)
        self.validasi = validasi
        self.atur(boleh_lihat=boleh_lihat, tersimpan=tersimpan)

    def atur(self, *, boleh_lihat: bool, tersimpan=None) -> None:
        self.boleh_lihat = self.widget.boleh_lihat = boleh_lihat
        self.tersimpan = bersihkan_nik(tersimpan) if tersimpan else ""
        if self.tersimpan:
            self.required = False  # empty = unchanged
            if not boleh_lihat:
                self.help_text = (
                    "Ditampilkan tersamar. Biarkan bila tidak berubah, atau ketik nomor baru "
                    "(16 digit) untuk menggantinya."
                )

    def bound_data(self, data, initial):
        # A form shown again after an error keeps what was typed (masked or a new number).
        data = super().bound_data(data, initial)
        return _Diketik(data) if isinstance(data, str) else data

    def to_python(self, value):
        value = bersihkan_nik(super().to_python(value))
        if self.tersimpan and value in ("", samarkan_nik(self.tersimpan)):
            return self.tersimpan  # left as shown: keep the stored number
        return value

    def validate(self, value):
        super().validate(value)
        if value and value != self.tersimpan and self.validasi:
            self.validasi(value)  # ValidationError lands on the field


class WilayahChoiceField(forms.ModelChoiceField):
    """Shows the area with its parents: 'Bontonompo › Desa Katangka › Dusun Bonto'."""

    def label_from_instance(self, obj):
        bagian = [obj.kecamatan.nama if obj.kecamatan_id and obj.kecamatan_id != obj.pk else ""]
        if obj.is_dusun:
            bagian.append(obj.desa.nama)
        bagian.append(str(obj))
        return " › ".join(b for b in bagian if b)


def wilayah_pilihan(user, *tingkat):
    return (
        Wilayah.objects.visible_to(user)
        .filter(tingkat__in=tingkat)
        .select_related("kecamatan", "desa")
        .order_by("kode")
    )


class ScopedForm:
    """Mixin: takes `user`, adds a crispy helper with a save button."""

    tombol = "Simpan"

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("simpan", self.tombol, css_class="btn-imp"))


class InstitusiForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=Wilayah.objects.none(), label="Wilayah")

    class Meta:
        model = Institusi
        fields = [
            "jenis",
            "nama",
            "wilayah",
            "rt",
            "tanggal_dibentuk",
            "klasifikasi",
            "alamat_sekretariat",
        ]
        widgets = {"tanggal_dibentuk": TanggalInput()}
        help_texts = {"wilayah": "PPKBD: desa/kelurahan. Sub-PPKBD dan Kelompok KB: dusun."}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, "desa", "kelurahan", "dusun")


class NonaktifForm(ScopedForm, forms.Form):
    tombol = "Nonaktifkan"
    tanggal = forms.DateField(
        label="Tanggal nonaktif", widget=TanggalInput(), initial=timezone.localdate
    )
    alasan = forms.CharField(label="Alasan", widget=forms.Textarea(attrs={"rows": 3}))


class KaderForm(ScopedForm, forms.ModelForm):
    nik = NikField(label="NIK", help_text="16 digit sesuai KTP.")
    institusi = forms.ModelChoiceField(queryset=Institusi.objects.none(), label="Institusi")
    dusun = WilayahChoiceField(
        queryset=Wilayah.objects.none(), label="Dusun tempat tinggal", required=False
    )

    class Meta:
        model = Kader
        fields = [
            "nama",
            "nik",
            "jenis_kelamin",
            "tanggal_lahir",
            "telepon",
            "pendidikan",
            "pekerjaan",
            "institusi",
            "dusun",
            "aktif_sejak",
            "aktif",
        ]
        widgets = {"tanggal_lahir": TanggalInput(), "aktif_sejak": TanggalInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["institusi"].queryset = (
            Institusi.objects.visible_to(user).aktif().select_related("wilayah")
        )
        self.fields["dusun"].queryset = wilayah_pilihan(user, "dusun")
        self.fields["nik"].atur(
            boleh_lihat=user.has_perm("kader.lihat_nik_lengkap"),
            tersimpan=self.instance.nik if self.instance.pk else None,
        )
        if self.instance.pk is None:
            self.fields.pop("aktif")
            profil = getattr(user, "profil", None)
            if profil and profil.institusi_id:
                self.fields["institusi"].initial = profil.institusi_id


class PengurusForm(ScopedForm, forms.ModelForm):
    kader = forms.ModelChoiceField(queryset=Kader.objects.none(), label="Kader")

    class Meta:
        model = Pengurus
        fields = ["kader", "jabatan", "seksi", "mulai", "selesai", "sk"]
        widgets = {"mulai": TanggalInput(), "selesai": TanggalInput()}

    def __init__(self, *args, user, institusi: Institusi, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["kader"].queryset = (
            Kader.objects.visible_to(user).aktif().filter(institusi=institusi)
        )
        self.fields["sk"].queryset = SK.objects.order_by("-tanggal")


class SKForm(ScopedForm, forms.ModelForm):
    class Meta:
        model = SK
        fields = [
            "nomor",
            "tanggal",
            "tentang",
            "ditandatangani_oleh",
            "berlaku_mulai",
            "berlaku_sampai",
            "berkas",
        ]
        widgets = {
            "tanggal": TanggalInput(),
            "berlaku_mulai": TanggalInput(),
            "berlaku_sampai": TanggalInput(),
            "berkas": forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Saat ini: <link>" points at the scoped download view, not at the storage's URL.
        if self.instance.pk and self.instance.berkas:
            self.initial["berkas"] = BerkasTersimpan(
                self.instance.berkas.name, reverse("kader:sk_berkas", args=[self.instance.pk])
            )


class BerkasTersimpan(str):
    """A stored file's name (what the model field keeps) whose `url` is the app's own view."""

    def __new__(cls, name: str, url: str):
        obj = super().__new__(cls, name)
        obj.url = url
        obj.name = name
        return obj


class DraftSKForm(ScopedForm, forms.Form):
    tombol = "Buat draf PDF"
    tahun = forms.IntegerField(label="Tahun berlaku", min_value=2000, max_value=2100)
    kecamatan = forms.ModelChoiceField(
        queryset=Wilayah.objects.none(),
        required=False,
        empty_label="Seluruh kabupaten",
        label="Lampiran untuk",
        help_text="Satu kecamatan: PDF langsung dalam beberapa detik. Seluruh kabupaten: "
        "disusun di latar belakang (± setengah menit), lalu muncul di daftar di bawah untuk "
        "diunduh.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["tahun"].initial = timezone.localdate().year + 1
        self.fields["kecamatan"].queryset = Wilayah.objects.visible_to(user).kecamatan()
        # POST: for the whole kabupaten the one press asks for the draft (a file job).


class MitraForm(ScopedForm, forms.ModelForm):
    wilayah = WilayahChoiceField(queryset=Wilayah.objects.none(), label="Wilayah kerja")

    class Meta:
        model = Mitra
        fields = ["jenis", "nama", "wilayah", "alamat", "telepon", "email", "aktif"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kabupaten", "kecamatan", "desa", "kelurahan"
        )
        self.helper.form_tag = False  # the page wraps the form and the contact formset
        self.helper.inputs = []


KontakFormSet = forms.inlineformset_factory(
    Mitra, KontakMitra, fields=["nama", "jabatan", "telepon"], extra=1, can_delete=True
)


class DusunForm(ScopedForm, forms.Form):
    tombol = "Tambah dusun"
    nama = forms.CharField(label="Nama dusun/lingkungan", max_length=100)


class AkhiriMasaForm(ScopedForm, forms.Form):
    tombol = "Akhiri masa bakti"
    selesai = forms.DateField(
        label="Tanggal selesai", widget=TanggalInput(), initial=timezone.localdate
    )


# Accounts (kader/views_pengguna.py) ---------------------------------------------------------


class AkunForm(ScopedForm, forms.Form):
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    peran = forms.ChoiceField(label="Peran")
    wilayah = WilayahChoiceField(
        queryset=None,
        required=False,
        label="Wilayah",
        help_text="Kecamatan untuk koordinator, desa untuk PPKBD, dusun untuk Sub-PPKBD; "
        "kosong untuk Dinas dan penyuluh (desa binaan penyuluh diatur lewat penugasan).",
    )
    institusi = forms.ModelChoiceField(
        queryset=None, required=False, label="Institusi (untuk kader)"
    )
    telepon = TeleponField(label="Nomor HP", required=False, hp=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        boleh = peran_dikelola(user)
        self.fields["peran"].choices = [(p, label) for p, label in Peran.choices if p in boleh]
        self.fields["wilayah"].queryset = wilayah_pilihan(
            user, "kecamatan", "desa", "kelurahan", "dusun"
        )
        self.fields["institusi"].queryset = (
            Institusi.objects.visible_to(user).filter(aktif=True).select_related("wilayah")
        )


class AkunBaruForm(AkunForm):
    tombol = "Buat akun"
    username = forms.RegexField(
        label="Nama pengguna",
        regex=r"^[a-zA-Z0-9_.-]{3,30}$",
        error_messages={"invalid": "3–30 huruf, angka, titik, garis bawah atau tanda hubung."},
        help_text="Untuk masuk; kata sandi dibuat otomatis dan ditampilkan sekali.",
    )
    field_order = ["username", "nama", "peran", "wilayah", "institusi", "telepon"]


class AkunUbahForm(AkunForm):
    aktif = forms.BooleanField(label="Akun aktif (boleh masuk)", required=False)


class PenugasanForm(ScopedForm, forms.Form):
    tombol = "Tambah desa binaan"
    desa = WilayahChoiceField(queryset=None, label="Desa/kelurahan binaan")
    mulai = forms.DateField(label="Mulai", widget=TanggalInput())
    selesai = forms.DateField(label="Selesai", widget=TanggalInput(), required=False)
    nomor_sk = forms.CharField(label="Nomor SK penugasan", max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["desa"].queryset = wilayah_pilihan(user, "desa", "kelurahan")
