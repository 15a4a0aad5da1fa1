"""The office's identity form (kader.ProfilDinas): the Dinas page and the admin."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html

from imp_smart.daerah import dari_pengaturan
from kader.forms import BerkasTersimpan, ScopedForm
from kader.models import ProfilDinas


class ProfilDinasModelForm(forms.ModelForm):
    class Meta:
        model = ProfilDinas
        fields = [
            "nama_kabupaten",
            "nama_provinsi",
            "nama_dinas",
            "alamat_dinas",
            "kepala_dinas_nama",
            "kepala_dinas_nip",
            "jabatan_penandatangan",
            "tempat_penandatangan",
            "lambang",
        ]
        widgets = {
            "lambang": forms.ClearableFileInput(
                attrs={"accept": ".png,.svg,image/png,image/svg+xml"}
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What an empty field falls back to, in words the office knows (not a setting's name).
        bawaan = dari_pengaturan()
        for nama, field in self.fields.items():
            nilai = getattr(bawaan, nama, "")
            if nama == "jabatan_penandatangan":
                nilai = f"Kepala {bawaan.nama_dinas}"
            awal = "18 angka. " if nama == "kepala_dinas_nip" else ""
            if nilai:
                field.help_text = format_html("{}Kosong: {}", awal, nilai)
            elif nama in ("kepala_dinas_nama", "kepala_dinas_nip"):
                field.help_text = f"{awal}Kosong: titik-titik di PDF, diisi tangan."
            elif nama == "lambang":
                field.help_text = (
                    "PNG atau SVG, maksimal 512 KB; SVG tanpa skrip dan tanpa tautan keluar. "
                    "Kosong: lambang bawaan."
                )
        # "Saat ini: <link>" points at the app's emblem view, not at the storage's URL.
        if self.instance.pk and self.instance.lambang:
            self.initial["lambang"] = BerkasTersimpan(
                self.instance.lambang.name, reverse("kader:lambang")
            )


class ProfilDinasForm(ScopedForm, ProfilDinasModelForm):
    pass
