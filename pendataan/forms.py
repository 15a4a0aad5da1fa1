"""Forms of the pendataan app. Choice querysets are restricted with visible_to(user)."""

from django import forms
from django.utils import timezone

from kader.forms import NikField, ScopedForm, TanggalInput, WilayahChoiceField, wilayah_pilihan
from pendataan.indikator import METODE
from pendataan.ks import INDIKATOR_KS
from pendataan.models import Anggota, Keluarga, Mutasi


def boleh_lihat_nik(user) -> bool:
    """Full NIK / no KK in pendataan's forms: kader's permission or pendataan's own."""
    return user.has_perm("kader.lihat_nik_lengkap") or user.has_perm("pendataan.lihat_nik_lengkap")


PILIHAN_KS = [("1", "Ya"), ("0", "Tidak"), ("-", "Tidak berlaku")]


class KeluargaForm(ScopedForm, forms.ModelForm):
    no_kk = NikField(label="Nomor KK", validasi=None, help_text="16 digit.")
    dusun = WilayahChoiceField(queryset=None, label="Dusun/lingkungan")

    class Meta:
        model = Keluarga
        fields = ["no_kk", "nama_kepala", "dusun", "rt", "alamat", "lintang", "bujur"]
        help_texts = {"lintang": "Pilih di peta atau ketik, mis. -5.2081", "bujur": "mis. 119.4512"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["dusun"].queryset = wilayah_pilihan(user, "dusun")
        self.fields["no_kk"].atur(
            boleh_lihat=boleh_lihat_nik(user),
            tersimpan=self.instance.no_kk if self.instance.pk else None,
        )
        indikator = self.instance.indikator_ks if self.instance.pk else "1" * 21
        for i, teks in enumerate(INDIKATOR_KS):
            self.fields[f"ks_{i + 1}"] = forms.ChoiceField(
                label=f"{i + 1}. {teks}",
                choices=PILIHAN_KS,
                initial=indikator[i],
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    @property
    def indikator_ks(self) -> str:
        return "".join(self.cleaned_data[f"ks_{i + 1}"] for i in range(len(INDIKATOR_KS)))

    def data_layanan(self) -> dict:
        d = self.cleaned_data
        return {
            "no_kk": d["no_kk"],
            "dusun": d["dusun"],
            "rt": d["rt"],
            "nama_kepala": d["nama_kepala"],
            "alamat": d["alamat"],
            "lintang": d["lintang"],
            "bujur": d["bujur"],
            "indikator_ks": self.indikator_ks,
        }


class AnggotaForm(ScopedForm, forms.ModelForm):
    nik = NikField(label="NIK", help_text="16 digit sesuai KTP/KK.")
    tanggal_masuk = forms.DateField(
        label="Tanggal masuk keluarga",
        required=False,
        widget=TanggalInput(),
        help_text="Isi bila anggota baru (lahir/datang); kosong = sejak lahir.",
    )

    class Meta:
        model = Anggota
        fields = [
            "nik",
            "nama",
            "jenis_kelamin",
            "tanggal_lahir",
            "hubungan",
            "status_kawin",
            "pendidikan",
            "pekerjaan",
        ]
        widgets = {"tanggal_lahir": TanggalInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["nik"].atur(
            boleh_lihat=boleh_lihat_nik(user),
            tersimpan=self.instance.nik if self.instance.pk else None,
        )
        if self.instance.pk:
            self.fields.pop("tanggal_masuk")
            self.fields["status_kawin"].disabled = True
            self.fields["status_kawin"].help_text = "Diubah melalui mutasi (menikah/bercerai)."


class MutasiForm(ScopedForm, forms.Form):
    tombol = "Catat mutasi"
    jenis = forms.TypedChoiceField(
        label="Jenis mutasi",
        coerce=int,
        choices=[c for c in Mutasi.Jenis.choices if c[0] != Mutasi.Jenis.ANGGOTA_BARU],
    )
    tanggal = forms.DateField(
        label="Tanggal kejadian", widget=TanggalInput(), initial=timezone.localdate
    )
    keterangan = forms.CharField(label="Keterangan", max_length=200, required=False)


class ImporForm(ScopedForm, forms.Form):
    tombol = "Unggah dan periksa"
    berkas = forms.FileField(
        label="Berkas CSV atau XLSX",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if not berkas.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Hanya berkas .csv atau .xlsx.")
        if berkas.size > 30 * 1024 * 1024:
            raise forms.ValidationError("Berkas terlalu besar (maksimal 30 MB).")
        return berkas


class TargetGrid:
    """The target grid of one kecamatan and year (desa × method, PPM PB and PPM PA): the cells
    from the stored targets or from a POST, the rows to send to the target service, and the
    service's errors put back on their cells. Field names: `t-<desa id>-<METODE>-pb|pa`."""

    KOLOM = {"pb": "target_pb", "pa": "target_pa"}

    def __init__(self, *, desa, tahun: int, tersimpan: dict, data=None):
        self.desa, self.tahun, self.metode = list(desa), tahun, METODE
        self.tersimpan = tersimpan  # {(desa_id, metode): (pb, pa)}
        self.data = data
        self.galat: dict[str, str] = {}
        self._baris: list[tuple[int, str]] = []  # (desa_id, metode) of each row sent

    @staticmethod
    def nama(desa_id: int, metode: str, jenis: str) -> str:
        return f"t-{desa_id}-{metode}-{jenis}"

    def nilai(self, desa_id: int, metode: str, jenis: str) -> str:
        """The cell's text: as posted, else the stored number, else empty (no target)."""
        if self.data is not None:
            isi = self.data.get(self.nama(desa_id, metode, jenis), "")
            return isi.strip() if isinstance(isi, str) else ""
        lama = self.tersimpan.get((desa_id, metode))
        return "" if lama is None else str(lama[0 if jenis == "pb" else 1])

    def rows(self) -> list[dict]:
        """Rows in the import format for the cells that changed; an empty cell is 0, and a pair
        left empty where no target is stored is not sent (no row of zeros)."""
        rows, self._baris = [], []
        for d in self.desa:
            for m in self.metode:
                pb, pa = self.nilai(d.pk, m, "pb"), self.nilai(d.pk, m, "pa")
                lama = self.tersimpan.get((d.pk, m))
                if lama is None and pb == "" and pa == "":
                    continue
                pb, pa = pb or "0", pa or "0"
                if lama is not None and (pb, pa) == (str(lama[0]), str(lama[1])):
                    continue
                self._baris.append((d.pk, m))
                rows.append(
                    {
                        "kode_desa": d.kode,
                        "tahun": str(self.tahun),
                        "metode": m,
                        "target_pb": pb,
                        "target_pa": pa,
                    }
                )
        return rows

    def pasang_galat(self, kesalahan: list[dict]) -> list[str]:
        """Put the service's errors (row 2 = the first row sent) on their cells; the messages
        that belong to no cell are returned."""
        lain = []
        jenis_kolom = {v: k for k, v in self.KOLOM.items()}
        for k in kesalahan:
            i = k["baris"] - 2
            jenis = jenis_kolom.get(k["kolom"])
            if jenis and 0 <= i < len(self._baris):
                desa_id, metode = self._baris[i]
                self.galat.setdefault(self.nama(desa_id, metode, jenis), k["pesan"])
            else:
                lain.append(k["pesan"])
        return lain

    def sel(self, desa_id: int, metode: str, jenis: str) -> dict:
        nama = self.nama(desa_id, metode, jenis)
        return {
            "nama": nama,
            "nilai": self.nilai(desa_id, metode, jenis),
            "galat": self.galat.get(nama),
        }
