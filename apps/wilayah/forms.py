"""Forms of the wilayah app: shape and widgets only. The rules live in services, whose
ValidationError messages the views put next to the right field."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput

from .models import JenisUnit, StatusPejabat

# --- Dusun/RW/RT ------------------------------------------------------------------------------

class LingkunganForm(BootstrapForm):
    nomor = forms.IntegerField(label="Nomor", min_value=1, max_value=999,
                               widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                               help_text="Menjadi bagian kode wilayah dan tidak dapat diubah kemudian.")
    nama = forms.CharField(label="Nama", max_length=120)


class LingkunganUbahForm(BootstrapForm):
    nama = forms.CharField(label="Nama", max_length=120)


# --- Unit kerja, jabatan, pejabat ---------------------------------------------------------------

class UnitKerjaTambahForm(BootstrapForm):
    kode = forms.CharField(label="Kode unit", max_length=40, help_text="Huruf besar, angka dan tanda hubung, mis. PD-DISPAR.")
    nama = forms.CharField(label="Nama unit", max_length=160)
    singkatan = forms.CharField(label="Singkatan", max_length=40, required=False)
    jenis = forms.ChoiceField(label="Jenis", choices=JenisUnit.choices, initial=JenisUnit.PERANGKAT_DAERAH)
    wilayah = forms.CharField(label="Kode wilayah", max_length=40,
                              help_text="Wilayah yang dilayani unit, mis. 62.07 untuk perangkat daerah kabupaten.")
    alamat = forms.CharField(label="Alamat", max_length=255, required=False)
    telepon = forms.CharField(label="Telepon", max_length=30, required=False)
    email = forms.EmailField(label="Email", max_length=254, required=False)


class UnitKerjaUbahForm(BootstrapForm):
    nama = forms.CharField(label="Nama unit", max_length=160)
    singkatan = forms.CharField(label="Singkatan", max_length=40, required=False)
    induk = forms.ModelChoiceField(label="Unit induk", queryset=None, required=False, empty_label="(tidak ada)")
    alamat = forms.CharField(label="Alamat", max_length=255, required=False)
    telepon = forms.CharField(label="Telepon", max_length=30, required=False)
    email = forms.EmailField(label="Email", max_length=254, required=False)
    aktif = forms.BooleanField(label="Aktif", required=False)

    def __init__(self, *args, induk_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["induk"].queryset = induk_qs


class JabatanForm(BootstrapForm):
    nama = forms.CharField(label="Nama jabatan", max_length=120)
    atasan = forms.ModelChoiceField(label="Atasan", queryset=None, required=False, empty_label="(tidak ada)")
    is_kepala = forms.BooleanField(label="Kepala unit", required=False)
    asn = forms.BooleanField(label="Dijabat ASN (NIP wajib)", required=False)
    urutan = forms.IntegerField(label="Urutan tampil", min_value=0, max_value=999, initial=0)

    def __init__(self, *args, atasan_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["atasan"].queryset = atasan_qs


class JabatanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nama} — {obj.unit.nama}"


class PejabatForm(BootstrapForm):
    jabatan = JabatanChoiceField(label="Jabatan", queryset=None)
    nama = forms.CharField(label="Nama lengkap (dengan gelar)", max_length=120)
    nip = forms.CharField(label="NIP", max_length=24, required=False,
                          help_text="18 angka; boleh ditulis dengan spasi. Kosongkan untuk perangkat desa non-ASN.",
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    status = forms.ChoiceField(label="Status", choices=StatusPejabat.choices, initial=StatusPejabat.DEFINITIF)
    mulai = forms.DateField(label="Mulai menjabat", required=False, widget=DateInput(),
                            help_text="Wajib untuk Plt dan Plh.")
    selesai = forms.DateField(label="Selesai", required=False, widget=DateInput(),
                              help_text="Kosongkan bila masih menjabat.")

    def __init__(self, *args, jabatan_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jabatan"].queryset = jabatan_qs
