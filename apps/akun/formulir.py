"""What every app's forms share: Bootstrap 5 classes on the widgets, the browser's date picker,
and a service's ValidationError put back next to the field it names."""
from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError


class BootstrapFormMixin:
    """Adds Bootstrap 5 classes to every widget, so templates/includes/form.html renders it;
    a form that adds fields after `__init__` calls `apply_bootstrap()` again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.apply_bootstrap()

    def apply_bootstrap(self) -> None:
        for f in self.fields.values():
            w = f.widget
            if "form-" in w.attrs.get("class", ""):  # styled already (by the form or an earlier call)
                continue
            pilihan = isinstance(w, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple))
            css = ("form-check-input" if pilihan
                   else "form-select" if isinstance(w, forms.Select) else "form-control")
            w.attrs["class"] = f"{w.attrs.get('class', '')} {css}".strip()


class BootstrapForm(BootstrapFormMixin, forms.Form):
    """A plain form, styled."""


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and sends ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def apply_service_errors(exc: ValidationError, *forms_: forms.Form, aliases: Mapping[str, str] | None = None) -> None:
    """Put a service's errors on the form that has the field they name (`aliases` maps a
    service argument to its form field where the names differ); the rest above the first form."""
    if not hasattr(exc, "error_dict"):
        forms_[0].add_error(None, exc.messages)
        return
    for name, errors in exc.error_dict.items():  # error_dict keeps each message's code
        name = (aliases or {}).get(name, name)
        target = next((f for f in forms_ if name in f.fields), None)
        if target is None:
            forms_[0].add_error(None, errors)
        else:
            target.add_error(name, errors)
