"""Login, second-factor and account forms (labels and errors in Bahasa Indonesia).

Forms only collect and shape input; the rules live in `services` and `security`, whose
ValidationErrors are keyed by argument name and put back on the form by
`formulir.apply_service_errors`.
"""
import uuid

from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.wilayah.models import UnitKerja

from . import selectors
from .bindings import UNIT_WAJIB, unit_jenis_label
from .formulir import BootstrapForm, BootstrapFormMixin
from .roles import PERAN, PERAN_CHOICES

_LG = "form-control form-control-lg"


class MasukForm(auth_forms.AuthenticationForm):
    username = forms.CharField(
        label="Nama pengguna atau email",
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "class": _LG,
                                      "autocapitalize": "none", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Kata sandi",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": _LG}),
    )
    error_messages = {
        "invalid_login": "Nama pengguna/email atau kata sandi salah. Periksa kembali; huruf besar/kecil pada kata sandi berpengaruh.",
        "inactive": "Akun ini dinonaktifkan. Hubungi admin kabupaten.",
    }


class OtpForm(forms.Form):
    token = forms.RegexField(
        label="Kode 6 digit dari aplikasi autentikator",
        regex=r"^\s*[0-9]{6}\s*$",
        error_messages={"invalid": "Kode harus 6 digit angka.", "required": "Masukkan kode 6 digit."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 6,
                                      "pattern": "[0-9]*", "class": f"{_LG} mono text-center", "autofocus": True}),
    )


class KonfirmasiSandiForm(forms.Form):
    password = forms.CharField(
        label="Kata sandi Anda saat ini",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )


class LupaSandiForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Email akun Anda",
        max_length=254,
        error_messages={"invalid": "Masukkan alamat email yang benar.", "required": "Email wajib diisi."},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": _LG, "autofocus": True}),
    )


class SandiBaruForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class GantiSandiForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class PenggunaForm(BootstrapForm):
    username = forms.CharField(label="Nama pengguna", max_length=40,
                               help_text="Untuk masuk. Huruf, angka, titik, garis bawah atau tanda hubung; tanpa spasi.",
                               widget=forms.TextInput(attrs={"autocapitalize": "none", "spellcheck": "false"}))
    nama = forms.CharField(label="Nama lengkap", max_length=150)
    email = forms.EmailField(label="Email", max_length=254, required=False,
                             help_text="Untuk mengatur ulang kata sandi sendiri. Boleh kosong.")
    telepon = forms.CharField(label="Telepon/WhatsApp", max_length=30, required=False)
    password = forms.CharField(
        label="Kata sandi awal", required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Kosongkan agar sistem membuat kata sandi acak yang ditampilkan sekali. "
                  "Pengguna wajib menggantinya saat pertama masuk.",
    )


class KeanggotaanForm(BootstrapForm):
    """Role, wilayah and unit. The pickers offer what fits the chosen role (and wilayah)
    within the admin's scope and are re-rendered by HTMX as the admin picks; whatever is
    posted is judged by `services.grant_peran`, whose messages say exactly what does not fit."""

    peran = forms.ChoiceField(label="Peran", choices=[("", "— pilih peran —"), *PERAN_CHOICES],
                              error_messages={"invalid_choice": "Peran tidak dikenal."})
    wilayah_kode = forms.CharField(label="Wilayah", max_length=40, widget=forms.Select)
    unit = forms.CharField(label="Unit kerja", required=False, widget=forms.Select)

    def __init__(self, *args, admin, peran_wajib: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.peran_wajib = peran_wajib
        source = self.data if self.is_bound else self.initial
        peran = source.get("peran") or ""
        peran = peran if peran in dict(PERAN_CHOICES) else ""
        wilayah = source.get("wilayah_kode") or ""
        rows = list(selectors.wilayah_choices(admin, peran).values_list("kode", "nama", "tingkat"))
        self.fields["wilayah_kode"].widget.choices = [("", "— pilih wilayah —")] + [
            (kode, f"{kode} · {nama} ({tingkat.replace('_', ' ')})") for kode, nama, tingkat in rows
        ]
        # A posted code outside the admin's scope neither lists that area's units nor passes
        # validation. Inside the scope, a level or unit that does not fit the role is left to
        # the service, whose message says what would fit.
        self._admin = admin
        self._wilayah_sah = set(selectors.wilayah_choices(admin).values_list("kode", flat=True))
        wilayah = wilayah if wilayah in self._wilayah_sah else ""
        self.fields["unit"].widget.choices = [("", "— tanpa unit —")] + [
            (str(u.pk), u.nama) for u in selectors.unit_choices(peran, wilayah)
        ]
        self.fields["unit"].help_text = _unit_help(peran)
        self.fields["peran"].required = self.fields["wilayah_kode"].required = peran_wajib
        self.fields["wilayah_kode"].error_messages["required"] = "Pilih wilayah untuk peran ini."
        # Picking a role (or a wilayah) re-renders the fields with the choices that fit it.
        refresh = {"hx-get": reverse("akun:pilihan_peran"), "hx-target": "#peran-fields", "hx-swap": "outerHTML",
                   "hx-include": "#peran-fields", "hx-trigger": "change"}
        for name in ("peran", "wilayah_kode"):
            self.fields[name].widget.attrs.update(refresh)

    def clean_wilayah_kode(self) -> str:
        value = (self.cleaned_data.get("wilayah_kode") or "").strip()
        if value and value not in self._wilayah_sah:
            raise ValidationError("Wilayah ini di luar cakupan Anda.")
        return value

    def clean_unit(self) -> UnitKerja | None:
        value = self.cleaned_data.get("unit")
        if not value:
            return None
        from .scope import restrict

        unit = restrict(UnitKerja.objects.filter(pk=value), self._admin, "view").first() if _is_uuid(value) else None
        if unit is None:
            raise ValidationError("Unit kerja tidak ditemukan.")
        return unit

    def clean(self):
        data = super().clean()
        if data.get("peran") and not data.get("wilayah_kode") and "wilayah_kode" not in self.errors:
            self.add_error("wilayah_kode", "Pilih wilayah untuk peran ini.")
        return data


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _unit_help(peran: str) -> str:
    if not peran:
        return "Pilih peran dan wilayah dulu."
    wajib = "Wajib" if peran in UNIT_WAJIB else "Opsional"
    return f"{wajib}: {unit_jenis_label(peran)} yang bertugas di wilayah ini."


class CariPenggunaForm(BootstrapForm):
    q = forms.CharField(label="Cari", required=False,
                        widget=forms.SearchInput(attrs={"placeholder": "Nama, nama pengguna atau email"}))
    peran = forms.ChoiceField(label="Peran", required=False, choices=[("", "Semua peran")] + [(p.kode, p.nama) for p in PERAN])
    wilayah = forms.ChoiceField(label="Wilayah", required=False, choices=())
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Semua status"), ("aktif", "Aktif"), ("nonaktif", "Nonaktif")])

    def __init__(self, *args, admin, **kwargs):
        super().__init__(*args, **kwargs)
        rows = selectors.wilayah_choices(admin).values_list("kode", "nama")
        self.fields["wilayah"].choices = [("", "Semua wilayah")] + [(k, f"{k} · {n}") for k, n in rows]
