"""Forms of import and export: the upload (desa, file, format) and the export's desa choice.
The desa choices are those in the user's scope; the file is checked (size, then signature)
before anything is stored."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm

from . import impor


class ImporForm(BootstrapForm):
    desa = forms.ChoiceField(label="Desa/kelurahan")
    berkas = forms.FileField(
        label="Berkas Excel", help_text=f"Format OpenSID (lembar \"Data Penduduk\", kode) atau ekspor SIAK (label); "
                                        f".xlsx, .xlsm atau .xls, paling besar {impor.BATAS_UKURAN // 1024 // 1024} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls"}),
    )
    format = forms.ChoiceField(label="Format", required=False, choices=[
        ("", "Kenali otomatis dari judul kolom"), (impor.OPENSID, "OpenSID (kode)"), (impor.SIAK, "SIAK (label)")])

    def __init__(self, *args, desa_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = desa_choices if len(desa_choices) == 1 else [("", "— pilih —"), *desa_choices]

    def clean_berkas(self):
        f = self.cleaned_data["berkas"]
        try:
            impor.periksa_ukuran(f.size)  # before reading
            awal = f.read(8)
            f.seek(0)
            impor.periksa_berkas(awal)
        except impor.BerkasDitolak as exc:
            raise forms.ValidationError(exc.pesan) from None
        return f


class EksporForm(forms.Form):
    desa = forms.ChoiceField(label="Desa/kelurahan")

    def __init__(self, *args, desa_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desa"].choices = desa_choices
        self.fields["desa"].widget.attrs["class"] = "form-select"
