"""Lists of checkboxes and radio buttons render as Bootstrap checks with a label each, not as
text boxes with empty labels."""
from django import forms
from django.template.loader import render_to_string

from apps.akun.formulir import BootstrapForm


class _Form(BootstrapForm):
    syarat = forms.MultipleChoiceField(label="Asli dilihat", choices=[("ktp", "KTP"), ("kk", "KK")],
                                       widget=forms.CheckboxSelectMultiple, required=False)
    cara = forms.ChoiceField(label="Penerima", choices=[("rt", "Per RT"), ("nik", "Daftar NIK")], widget=forms.RadioSelect)


def test_choice_lists_render_as_labelled_checks():
    html = render_to_string("includes/form.html", {"form": _Form()})
    assert "form-control" not in html
    assert html.count('class="form-check-input"') == 4
    assert 'for=""' not in html
    for label in ("KTP", "KK", "Per RT", "Daftar NIK", "Asli dilihat", "Penerima"):
        assert label in html
