"""Forms of the cycle administration. They only shape the input; siklus.py validates and
answers in Bahasa Indonesia."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm, DateInput


class SiklusForm(BootstrapForm):
    tahun_rencana = forms.IntegerField(label="Tahun rencana (tahun RKPD)", min_value=2020, max_value=2100,
                                       help_text="Musrenbang diselenggarakan pada tahun sebelumnya.")
    nama = forms.CharField(label="Nama siklus", max_length=160, required=False,
                           help_text="Kosongkan untuk \"Musrenbang RKPD <tahun>\".")
    keterangan = forms.CharField(label="Keterangan", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pagu_desa_bawaan = forms.DecimalField(label="Pagu indikatif desa bawaan (Rp)", min_value=0, decimal_places=0,
                                          initial=0, help_text="Berlaku bagi desa tanpa pagu sendiri; 0 = tanpa pagu.")
    pagu_kecamatan_bawaan = forms.DecimalField(label="Pagu indikatif kecamatan bawaan (Rp)", min_value=0,
                                               decimal_places=0, initial=0)


class SiklusUbahForm(SiklusForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["tahun_rencana"]
        self.fields["nama"].required = True


class TahapForm(BootstrapForm):
    mulai = forms.DateField(label="Mulai", widget=DateInput())
    selesai = forms.DateField(label="Selesai", widget=DateInput())
    usulan_warga = forms.BooleanField(label="Warga boleh mengusulkan & mendukung daring (tahap desa)", required=False)
    nomor_penetapan = forms.CharField(label="Nomor penetapan", max_length=80, required=False)
    tanggal_penetapan = forms.DateField(label="Tanggal penetapan", widget=DateInput(), required=False)


class KriteriaForm(BootstrapForm):
    kode = forms.CharField(label="Kode", max_length=30, help_text="Huruf kecil tanpa spasi, mis. urgensi.")
    nama = forms.CharField(label="Nama kriteria", max_length=120)
    bobot = forms.DecimalField(label="Bobot (1-10)", max_digits=5, decimal_places=2)
    keterangan = forms.CharField(label="Panduan skor", max_length=255, required=False)
    urutan = forms.IntegerField(label="Urutan", min_value=0, initial=0, required=False)


class PaguForm(BootstrapForm):
    wilayah = forms.CharField(label="Kode desa/kecamatan", max_length=40, help_text="Mis. 62.07.01.2005.")
    jumlah = forms.DecimalField(label="Pagu indikatif (Rp)", min_value=0, decimal_places=0)
    keterangan = forms.CharField(label="Dasar penetapan", max_length=200, required=False)


class PaguImporForm(BootstrapForm):
    berkas = forms.FileField(label="Berkas CSV atau XLSX",
                             help_text="Kolom: kode, jumlah, keterangan (baris judul boleh ada). Paling besar 2 MB.")
