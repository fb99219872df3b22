"""Delegating a position while its official is away, and cancelling a delegation. The pages
find the position or delegation in the user's scope (404 outside it); the service decides
who may delegate (the unit's managers, or the holder delegating their own position)."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.views import generic

from apps.akun.formulir import BootstrapForm, DateInput
from apps.akun.viewmixins import ObjectFormView, ScopedMixin

from .. import selectors
from ..models import Delegasi, Jabatan
from ..services import delegasi as layanan


class PilihPengguna(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.nama or obj.username} ({obj.username})"


class DelegasiForm(BootstrapForm):
    kepada = PilihPengguna(label="Didelegasikan kepada", queryset=None,
                           empty_label="— pilih pegawai unit ini —",
                           error_messages={"required": "Pilih pegawai yang menerima delegasi.",
                                           "invalid_choice": "Pegawai itu tidak dapat dipilih."})
    mulai = forms.DateField(label="Mulai", widget=DateInput(),
                            error_messages={"required": "Tanggal mulai wajib diisi.", "invalid": "Tanggal tidak sah."})
    selesai = forms.DateField(label="Selesai", widget=DateInput(),
                              help_text=f"Paling lama {layanan.MAKS_HARI} hari.",
                              error_messages={"required": "Tanggal selesai wajib diisi.",
                                              "invalid": "Tanggal tidak sah."})
    alasan = forms.CharField(label="Alasan", max_length=layanan.MAKS_ALASAN,
                             help_text="Mis. cuti tahunan, perjalanan dinas ke Palangka Raya.",
                             error_messages={"required": "Alasan delegasi wajib diisi.",
                                             "max_length": "Alasan terlalu panjang (paling banyak 200 karakter)."})

    def __init__(self, *args, kepada_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kepada"].queryset = kepada_qs


class DelegasiTambah(ObjectFormView):
    """Delegate a position (`pk` = the Jabatan) for a period."""

    model = Jabatan
    scope_action = "view"  # the position must be visible; the service checks who may delegate
    form_class = DelegasiForm
    template_name = "wilayah/delegasi_form.html"
    success_message = "Delegasi disimpan."
    service_errors = (ValidationError, PermissionDenied)

    def base_queryset(self):
        return Jabatan.objects.select_related("unit")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "kepada_qs": selectors.kandidat_delegasi(self.object)}

    def get_initial(self):
        return {"mulai": timezone.localdate()}

    def get_context_data(self, **kwargs):
        j = self.object
        return super().get_context_data(
            judul=f"Delegasikan jabatan {j.nama}", unit=j.unit,
            boleh=layanan.boleh_delegasikan(self.request.user, j),
            riwayat=selectors.delegasi_jabatan(self.request.user, j), **kwargs)

    def perform(self, form):
        return layanan.buat_delegasi(user=self.request.user, jabatan=self.object, **form.cleaned_data)

    def show_service_error(self, form, exc) -> None:
        if isinstance(exc, PermissionDenied):  # neither a manager nor the holder: say who may
            form.add_error(None, str(exc))
        else:
            super().show_service_error(form, exc)


class DelegasiCabut(ScopedMixin, generic.View):
    """Cancel a delegation (POST only; `pk` = the Delegasi)."""

    model = Delegasi
    http_method_names = ["post"]

    def base_queryset(self):
        return Delegasi.objects.select_related("jabatan__unit")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        d = self.object
        try:
            layanan.cabut_delegasi(user=request.user, delegasi=d)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Delegasi jabatan {d.jabatan.nama} kepada {d.kepada} dicabut.")
        return HttpResponseRedirect(d.get_absolute_url())
