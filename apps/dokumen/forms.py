"""Forms of the signing pages: a new certificate (passphrase typed twice, or the BSrE NIK),
revocation, and the public verification inputs (a document code or a PDF)."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from apps.akun.formulir import BootstrapForm

from .ca import PASSPHRASE_MIN


class SertifikatBaruForm(BootstrapForm):
    passphrase = forms.CharField(
        label="Passphrase", strip=False, min_length=PASSPHRASE_MIN,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=f"Minimal {PASSPHRASE_MIN} karakter. Hanya Anda yang mengetahuinya: passphrase tidak disimpan dan "
                  "tidak dapat dipulihkan oleh admin. Jika lupa, cabut sertifikat lalu buat yang baru.",
        error_messages={"required": "Passphrase wajib diisi.",
                        "min_length": f"Passphrase minimal {PASSPHRASE_MIN} karakter."},
    )
    passphrase2 = forms.CharField(
        label="Ulangi passphrase", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Ulangi passphrase untuk memastikan tidak salah ketik."},
    )

    def clean(self):
        data = super().clean()
        if data.get("passphrase") and data.get("passphrase2") is not None \
                and data["passphrase"] != data["passphrase2"]:
            self.add_error("passphrase2", "Passphrase ulangan tidak sama dengan passphrase pertama.")
        return data


class SertifikatBsreForm(BootstrapForm):
    nik_bsre = forms.CharField(
        label="NIK yang terdaftar di BSrE", max_length=16, min_length=16,
        help_text="NIK Anda pada akun tanda tangan elektronik BSrE (BSSN). Passphrase BSrE diminta saat menandatangani.",
        error_messages={"required": "NIK wajib diisi.", "min_length": "NIK harus 16 digit.",
                        "max_length": "NIK harus 16 digit."},
    )

    def clean_nik_bsre(self):
        nik = self.cleaned_data["nik_bsre"].strip()
        if not nik.isdigit():
            raise ValidationError("NIK hanya berisi 16 digit angka.")
        return nik


class CabutForm(BootstrapForm):
    alasan = forms.CharField(label="Alasan pencabutan", max_length=200,
                             error_messages={"required": "Alasan pencabutan wajib diisi."})


class KodeForm(forms.Form):
    kode = forms.CharField(label="Kode dokumen", max_length=2000,
                           error_messages={"required": "Isi kode dokumen atau tautan dari kode QR."})


class BerkasForm(forms.Form):
    berkas = forms.FileField(label="Berkas PDF", error_messages={
        "required": "Pilih berkas PDF yang ingin diperiksa.", "empty": "Berkas yang diunggah kosong."})
