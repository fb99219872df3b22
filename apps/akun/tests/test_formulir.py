"""The form plumbing every app shares: Bootstrap classes on widgets, a service's errors on the
form that has the field."""
from django import forms
from django.core.exceptions import ValidationError

from apps.akun.formulir import BootstrapForm, apply_service_errors


class Orang(BootstrapForm):
    nama = forms.CharField()
    nik = forms.CharField(widget=forms.TextInput(attrs={"class": "mono"}))
    wilayah = forms.ChoiceField(choices=[("a", "A")])
    setuju = forms.BooleanField(required=False)
    besar = forms.CharField(widget=forms.TextInput(attrs={"class": "form-control form-control-lg"}))


class Peran(forms.Form):
    peran = forms.CharField()


def _css(form):
    return {name: f.widget.attrs.get("class") for name, f in form.fields.items()}


def test_every_widget_gets_its_bootstrap_class_once():
    form = Orang()
    form.apply_bootstrap()  # a form that adds fields later styles again; nothing doubles
    assert _css(form) == {"nama": "form-control", "nik": "mono form-control", "wilayah": "form-select",
                          "setuju": "form-check-input", "besar": "form-control form-control-lg"}


def test_service_errors_go_to_the_form_with_the_field_and_the_rest_above_the_first():
    orang, peran = Orang({}), Peran({})
    orang.is_valid(), peran.is_valid()
    exc = ValidationError({"nama": "Nama terlalu pendek.", "peran": "Peran tidak cocok.", "lain": "Ditolak."})
    apply_service_errors(exc, orang, peran)
    assert "Nama terlalu pendek." in orang.errors["nama"]
    assert "Peran tidak cocok." in peran.errors["peran"]
    assert orang.non_field_errors() == ["Ditolak."]


def test_a_service_argument_named_differently_lands_on_its_form_field():
    orang = Orang({})
    orang.is_valid()
    apply_service_errors(ValidationError({"keluarga": "KK di desa lain."}), orang, aliases={"keluarga": "nik"})
    assert "KK di desa lain." in orang.errors["nik"]


def test_an_error_without_a_field_is_shown_above_the_form():
    orang = Orang({})
    orang.is_valid()
    apply_service_errors(ValidationError("Tidak dapat disimpan."), orang)
    assert orang.non_field_errors() == ["Tidak dapat disimpan."]
