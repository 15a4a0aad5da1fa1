"""Forms of the pertemuan app. Every choice queryset is restricted with visible_to(user)."""

from datetime import date, timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.formats import date_format

from kader.forms import ScopedForm, TanggalInput, WilayahChoiceField, wilayah_pilihan
from kader.models import Institusi, Kader
from pendataan.models import Anggota
from pertemuan.models import (
    AgendaPertemuan,
    KategoriUndangan,
    KegiatanPoktan,
    Konseling,
    ModalUppka,
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


TANGGAL_PALING_AWAL = date(2000, 1, 1)
KONFIRMASI = "konfirmasi_tanggal"


class KonfirmasiTanggalMixin:
    """A date far ahead (more than `hari` days after today) or before 2000 is usually a typo
    (2062 for 2026): the form refuses it with a message on the date field and shows the
    checkbox "Ya, tanggal ini benar"; ticked, the date is saved. The checkbox stays hidden while
    no date needs it, and a date already saved unchanged is not asked again.

    `tanggal_diperiksa` maps field name → days ahead allowed without confirmation."""

    tanggal_diperiksa: dict[str, int] = {"tanggal": 31}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[KONFIRMASI] = forms.BooleanField(
            label="Ya, tanggal ini benar", required=False, widget=forms.HiddenInput
        )
        # Right after the first checked date field, where the warning is.
        urutan = list(self.fields)
        urutan.remove(KONFIRMASI)
        pertama = next((n for n in self.tanggal_diperiksa if n in self.fields), None)
        if pertama:
            urutan.insert(urutan.index(pertama) + 1, KONFIRMASI)
        self.order_fields(urutan)

    def _tanggal_tersimpan(self, nama):
        instance = getattr(self, "instance", None)
        return getattr(instance, nama, None) if instance is not None and instance.pk else None

    def _janggal(self, nama: str, nilai: date, hari_ini: date) -> str | None:
        if nilai < TANGGAL_PALING_AWAL:
            return "sebelum tahun 2000"
        if nilai > hari_ini + timedelta(days=self.tanggal_diperiksa[nama]):
            return f"lebih dari {self.tanggal_diperiksa[nama]} hari setelah hari ini"
        return None

    def clean(self):
        data = super().clean()
        yakin = data.pop(KONFIRMASI, False)
        hari_ini = timezone.localdate()
        for nama in self.tanggal_diperiksa:
            nilai = data.get(nama)
            if not isinstance(nilai, date) or nilai == self._tanggal_tersimpan(nama):
                continue
            alasan = self._janggal(nama, nilai, hari_ini)
            if alasan is None:
                continue
            self.fields[KONFIRMASI].widget = forms.CheckboxInput()
            if not yakin:
                self.add_error(
                    nama,
                    f"Tanggal {date_format(nilai, 'j F Y')} {alasan}. Periksa lagi; bila "
                    "memang benar, centang “Ya, tanggal ini benar” lalu simpan.",
                )
        return data


class PertemuanForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
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


class MasalahForm(KonfirmasiTanggalMixin, ScopedForm, forms.Form):
    tanggal_diperiksa = {"batas_waktu": 366}

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


class SesiKIEForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
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
            "dipimpin_oleh",
            "tokoh_pendamping",
            "catatan",
        ]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["wilayah"].queryset = wilayah_pilihan(user, *DESA_DUSUN)
        self.fields["institusi"].queryset = _institusi(user)
        # Required on new records (F/I/Dal/13 II counts who led the session); the model allows
        # "" only for sessions recorded before the field existed.
        self.fields["dipimpin_oleh"].required = True
        self.fields[
            "dipimpin_oleh"
        ].help_text = "PKB/PLKB, kader, tokoh atau mitra yang memimpin; nama pemimpin di 'Penyaji'."
        _awal(self, user)


class CariPusForm(forms.Form):
    q = forms.CharField(label="Nama PUS", min_length=2, max_length=60)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("", "Cari", css_class="btn-imp"))


class KonselingForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    tanggal_diperiksa = {"tanggal": 31, "tanggal_tindak_lanjut": 366}

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


class PoktanForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    tanggal_diperiksa = {"tanggal_dibentuk": 31}

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


class AnggotaPoktanForm(KonfirmasiTanggalMixin, ScopedForm, forms.Form):
    tanggal_diperiksa = {"tanggal_masuk": 31}

    keluarga = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Keluarga sasaran"
    )
    tanggal_masuk = forms.DateField(label="Tanggal masuk", widget=TanggalInput())

    def __init__(self, *args, user, sasaran, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["keluarga"].queryset = sasaran
        self.fields["keluarga"].label_from_instance = lambda k: f"{k.nama_kepala} (RT {k.rt})"


class KegiatanPoktanForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    class Meta:
        model = KegiatanPoktan
        fields = ["tanggal", "materi", "hadir", "catatan"]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 2})}


class ModalUppkaForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    """One movement of an UPPKA group's capital (pertemuan.services_modal)."""

    jumlah = forms.IntegerField(
        label="Jumlah (Rp)",
        min_value=1,
        help_text="Rupiah, tanpa titik (mis. 500000).",
        error_messages={"min_value": "Jumlah harus lebih dari 0."},
    )

    class Meta:
        model = ModalUppka
        fields = ["tanggal", "arah", "sumber", "jumlah", "keterangan"]
        widgets = {"tanggal": TanggalInput()}


class PelatihanForm(KonfirmasiTanggalMixin, ScopedForm, forms.ModelForm):
    tanggal_diperiksa = {"tanggal_mulai": 31, "tanggal_selesai": 31}

    wilayah = WilayahChoiceField(queryset=None, label="Wilayah penyelenggara")

    class Meta:
        model = Pelatihan
        fields = [
            "judul",
            "jenis",
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
        # A new training names its kind (nothing preselected): only "dasar" counts for
        # upgrading first (kader.upgrading).
        self.fields["jenis"].choices = [("", "---------"), *Pelatihan.Jenis.choices]
        if not self.instance.pk:
            self.initial.pop("jenis", None)
            self.fields["jenis"].initial = None
        self.fields[
            "jenis"
        ].help_text = (
            "Hanya pelatihan dasar yang selesai dihitung untuk syarat pengurus (upgrading)."
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
