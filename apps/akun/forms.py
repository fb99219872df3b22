"""Login, second-factor and account forms (labels and errors in Bahasa Indonesia)."""
from django import forms
from django.contrib.auth.forms import AuthenticationForm


class MasukForm(AuthenticationForm):
    username = forms.CharField(
        label="Nama pengguna atau email",
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": "form-control form-control-lg"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control form-control-lg"}),
    )
    error_messages = {
        "invalid_login": "Nama pengguna/email atau kata sandi salah. Periksa kembali; huruf besar/kecil pada kata sandi berpengaruh.",
        "inactive": "Akun ini dinonaktifkan. Hubungi admin kabupaten.",
    }


class OtpForm(forms.Form):
    token = forms.RegexField(
        label="Kode 6 digit dari aplikasi autentikator",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Kode harus 6 digit angka."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "form-control form-control-lg mono", "autofocus": True}),
    )
