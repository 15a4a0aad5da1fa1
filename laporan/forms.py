from decimal import Decimal

from django import forms

from laporan import angka as A
from laporan import fidal


def _label_koreksi() -> dict[str, str]:
    """Every correctable figure with its label: the §6 counts, activities, funds, and the
    counted F/I/Dal/13 items (§9)."""
    return {
        **A.LABEL_HITUNG,
        **A.LABEL_KEGIATAN,
        **A.LABEL_DANA,
        **{k: fidal.LABEL[k] for k in fidal.KOLOM_KOREKSI},
    }


class LaporanForm(forms.Form):
    """Corrections of a draft: one value and one reason per figure, plus nihil and a note."""

    nihil = forms.BooleanField(
        label="Laporan nihil (tidak ada kegiatan bulan ini)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    catatan = forms.CharField(
        label="Catatan",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
    )

    def __init__(self, *args, laporan, **kwargs):
        self.laporan = laporan
        otomatis = {**A.kosong(), **fidal.simpan_kosong(), **laporan.angka_otomatis}
        efektif = A.efektif(laporan.angka_otomatis, laporan.koreksi)
        initial = {"nihil": laporan.nihil, "catatan": laporan.catatan}
        super().__init__(*args, initial=initial, **kwargs)
        self.otomatis = otomatis
        for kolom, label in _label_koreksi().items():
            if kolom in A.LABEL_DANA:
                field = forms.DecimalField(
                    label=label,
                    required=False,
                    min_value=Decimal(0),
                    decimal_places=2,
                    max_digits=14,
                    localize=True,
                )
            else:
                field = forms.IntegerField(label=label, required=False, min_value=0)
            field.widget.attrs.update({"class": "form-control form-control-sm text-end"})
            self.fields[f"n_{kolom}"] = field
            self.initial[f"n_{kolom}"] = A.dari_json(kolom, efektif.get(kolom))
            self.fields[f"a_{kolom}"] = forms.CharField(
                label=f"Alasan koreksi {label}",
                required=False,
                max_length=300,
                widget=forms.TextInput(
                    attrs={
                        "class": "form-control form-control-sm",
                        "placeholder": "Alasan",
                        "aria-label": f"Alasan koreksi {label}",
                    }
                ),
            )
            self.initial[f"a_{kolom}"] = laporan.koreksi.get(kolom, {}).get("alasan", "")

    def kelompok(self):
        """Rows for the template: (group title, [(label, computed, value field, reason field)])."""
        hasil = []
        for judul, label in (
            ("Angka pendataan (register)", A.LABEL_HITUNG),
            ("Kegiatan", A.LABEL_KEGIATAN),
            ("Dana kelompok", A.LABEL_DANA),
            *(
                (judul, {k: fidal.LABEL[k] for k in kode})
                for judul, kode in fidal.koreksi_per_bagian()
            ),
        ):
            baris = [
                (teks, A.dari_json(k, self.otomatis.get(k)), self[f"n_{k}"], self[f"a_{k}"])
                for k, teks in label.items()
            ]
            hasil.append((judul, baris))
        return hasil

    def nilai(self) -> dict:
        """{kolom: value or None} from cleaned data."""
        hasil = {}
        for kolom in _label_koreksi():
            isi = self.cleaned_data.get(f"n_{kolom}")
            hasil[kolom] = None if isi is None else A.ke_json(isi)
        return hasil

    def alasan(self) -> dict:
        return {k: self.cleaned_data.get(f"a_{k}", "") for k in _label_koreksi()}


class AlasanForm(forms.Form):
    alasan = forms.CharField(
        label="Alasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class BulanForm(forms.Form):
    bulan = forms.DateField(
        label="Bulan",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month", "class": "form-control"}, format="%Y-%m"),
    )
