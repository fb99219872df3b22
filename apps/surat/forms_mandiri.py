"""Forms of layanan mandiri (residents, on cheap phones: numeric keypads, camera uploads) and of
the staff pages that answer them (PIN issuing, correction requests)."""
from __future__ import annotations

from django import forms

from apps.akun.formulir import BootstrapForm

from . import perbaikan
from .forms import AWALAN_SYARAT, alias_isian, nilai_isian, tambah_isian
from .models import PermohonanPerbaikan

ANGKA = {"inputmode": "numeric", "pattern": "[0-9]*", "autocomplete": "off"}
UNGGAH = {"accept": "image/*,application/pdf"}


def _pin(label: str, autocomplete: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=6, min_length=6, strip=True, widget=forms.PasswordInput(
        attrs={**ANGKA, "autocomplete": autocomplete, "maxlength": 6, "class": "form-control form-control-lg mono"}),
        error_messages={"required": f"{label} wajib diisi.", "min_length": f"{label} harus 6 angka.",
                        "max_length": f"{label} harus 6 angka."})


class MasukForm(BootstrapForm):
    nik = forms.CharField(label="NIK", max_length=20, widget=forms.TextInput(
        attrs={**ANGKA, "autocomplete": "username", "maxlength": 16, "class": "form-control form-control-lg mono",
               "placeholder": "16 angka sesuai KTP/KK"}),
        error_messages={"required": "NIK wajib diisi."})
    pin = _pin("PIN", "current-password")

    def clean_nik(self) -> str:
        nik = "".join(self.cleaned_data["nik"].split())
        if not (len(nik) == 16 and nik.isdigit()):
            raise forms.ValidationError("NIK harus 16 angka, sesuai KTP atau Kartu Keluarga.")
        return nik


class GantiPinForm(BootstrapForm):
    pin_lama = _pin("PIN lama (dari kantor desa)", "current-password")
    pin_baru = _pin("PIN baru", "new-password")
    pin_ulang = _pin("Ulangi PIN baru", "new-password")

    def clean(self):
        data = super().clean()
        if data.get("pin_baru") and data.get("pin_ulang") and data["pin_baru"] != data["pin_ulang"]:
            self.add_error("pin_ulang", "Ulangan PIN baru tidak sama dengan PIN baru.")
        return data


def _pilihan_keluarga(anggota) -> list[tuple[str, str]]:
    return [(str(p.pk), f"{p.nama} ({p.get_shdk_display().lower() if p.shdk else 'anggota keluarga'})")
            for p in anggota]


class PerbaikanForm(BootstrapForm):
    penduduk = forms.ChoiceField(label="Data siapa", error_messages={
        "required": "Pilih anggota keluarga yang datanya salah.",
        "invalid_choice": "Pilih anggota keluarga dari daftar."})
    data = forms.ChoiceField(label="Data yang salah", choices=perbaikan.DATA, error_messages={
        "required": "Pilih data yang perlu diperbaiki.", "invalid_choice": "Pilih data dari daftar."})
    isi = forms.CharField(label="Apa yang salah, dan data yang benar", widget=forms.Textarea(attrs={"rows": 4}),
                          error_messages={"required": "Jelaskan apa yang salah dan data yang benar."})
    foto = forms.FileField(label="Foto bukti (tidak wajib)", required=False, widget=forms.ClearableFileInput(attrs=UNGGAH),
                           help_text="Mis. foto KK, akta lahir atau ijazah. JPG, PNG atau PDF.")

    def __init__(self, *args, anggota=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penduduk"].choices = _pilihan_keluarga(anggota)


class SuratBaruForm(BootstrapForm):
    """Whom the letter is for, the letter type's fields, and one scan per requirement."""

    untuk = forms.ChoiceField(label="Surat untuk", error_messages={
        "required": "Pilih untuk siapa surat ini.", "invalid_choice": "Pilih anggota keluarga dari daftar."})

    def __init__(self, *args, anggota=(), spesifikasi=(), syarat=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["untuk"].choices = _pilihan_keluarga(anggota)
        self.spesifikasi = list(spesifikasi)
        tambah_isian(self, self.spesifikasi)
        self.kode_syarat = []
        for s in syarat:
            self.fields[AWALAN_SYARAT + s["kode"]] = forms.FileField(
                label=s.get("label") or s["kode"], required=False,
                widget=forms.ClearableFileInput(attrs={**UNGGAH, "capture": "environment"}),
                help_text="Foto atau PDF. Bila tidak diunggah, bawa aslinya ke kantor desa.")
            self.kode_syarat.append(s["kode"])
        self.apply_bootstrap()

    def isian(self) -> dict:
        return nilai_isian(self)

    def alias(self) -> dict[str, str]:
        return alias_isian(self.spesifikasi) | {"penduduk": "untuk"}

    def berkas(self) -> dict:
        return {k: self.cleaned_data[AWALAN_SYARAT + k] for k in self.kode_syarat
                if self.cleaned_data.get(AWALAN_SYARAT + k)}


class TanggapanForm(BootstrapForm):
    status = forms.ChoiceField(label="Status", choices=[c for c in PermohonanPerbaikan.STATUS
                                                        if c[0] != PermohonanPerbaikan.BARU],
                               error_messages={"required": "Pilih status.", "invalid_choice": "Pilih status dari daftar."})
    tanggapan = forms.CharField(label="Tanggapan untuk warga", widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": "Tulis tanggapan untuk warga."})
