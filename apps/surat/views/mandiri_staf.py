"""The village office's side of layanan mandiri: issuing a resident's PIN (shown once, on a
printable slip) and answering correction requests."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.debug import sensitive_variables

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import allows, covers
from apps.akun.viewmixins import ScopedListView, ScopedMixin
from apps.kependudukan.models import Penduduk

from .. import mandiri, perbaikan
from ..forms_mandiri import TanggapanForm
from ..models import PermohonanPerbaikan, Surat

SLIP = "surat/mandiri/staf_pin_slip.html"


def _samarkan_nik(nik: str) -> str:
    return "•" * 12 + nik[-4:]


class PinTerbitkan(ScopedMixin, generic.TemplateView):
    """GET: what issuing means (the old PIN stops working); POST: issue, then the slip."""

    model = Penduduk
    template_name = "surat/mandiri/staf_pin.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
            # Only who prepares letters in the resident's village (operator, sekdes).
            if not covers(request.user, "add", Surat, self.object.owner_id):
                raise Http404("Data tidak ditemukan.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        p = self.object
        punya = bool(p.akun_id) and hasattr(p.akun, "pin_warga")
        return super().get_context_data(object=p, punya_pin=punya, **kwargs)

    @method_decorator(sensitive_variables("pin", "slip"))
    def post(self, request, pk):
        try:
            pin = mandiri.terbitkan_pin(self.object, oleh=request.user)
        except ValidationError as exc:
            return render(request, self.template_name, self.get_context_data(galat=exc.messages), status=400)
        except PermissionDenied as exc:
            raise Http404("Data tidak ditemukan.") from exc
        # The slip is this response itself: the PIN is stored nowhere (no session, no cache),
        # and the browser and any proxy are told not to keep the page.
        slip = {"pin": pin, "nama": self.object.nama, "nik": _samarkan_nik(self.object.nik),
                "penduduk": str(self.object.pk)}
        resp = render(request, SLIP, {"slip": slip, "alamat": request.build_absolute_uri(reverse("mandiri:masuk"))})
        resp["Cache-Control"] = "no-store"
        return resp


class PinSlip(generic.TemplateView):
    """Where the slip used to be fetched after a redirect. The PIN is now shown only in the
    answer to the POST that issues it, so this page only explains how to get a new slip."""

    template_name = SLIP

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('akun:masuk')}?next={request.path}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        resp = self.render_to_response(self.get_context_data(slip=None))
        resp["Cache-Control"] = "no-store"
        return resp


class PerbaikanDaftar(ScopedListView):
    model = PermohonanPerbaikan
    template_name = "surat/mandiri/staf_perbaikan_daftar.html"
    page_size = 30
    STATUS = dict(PermohonanPerbaikan.STATUS)

    def base_queryset(self):
        return PermohonanPerbaikan.objects.select_related("penduduk")

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        return qs.filter(status=status) if status in self.STATUS else qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(status_pilihan=PermohonanPerbaikan.STATUS,
                                        status=self.request.GET.get("status", ""), **kwargs)


class PerbaikanDetail(ScopedMixin, generic.FormView):
    model = PermohonanPerbaikan
    template_name = "surat/mandiri/staf_perbaikan_detail.html"
    form_class = TanggapanForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def base_queryset(self):
        return PermohonanPerbaikan.objects.select_related("penduduk", "pemohon", "ditangani_oleh")

    def post(self, request, *args, **kwargs):
        if not allows(request.user, "change", self.object):
            raise PermissionDenied("Anda tidak berwenang menanggapi permohonan ini.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            perbaikan.tanggapi(self.object, pengguna=self.request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(exc, form)
            return self.form_invalid(form)
        messages.success(self.request, "Tanggapan tersimpan dan warga sudah diberi tahu.")
        return redirect("surat:perbaikan_detail", self.object.pk)

    def get_context_data(self, **kwargs):
        obj = self.object
        boleh = bool(perbaikan.LANGKAH[obj.status]) and allows(self.request.user, "change", obj)
        return super().get_context_data(object=obj, boleh_tanggapi=boleh, **kwargs)


class PerbaikanFoto(ScopedMixin, generic.View):
    """The proof photo, for the office and the resident who sent it; always a download with a
    fixed content type, never shown inline."""

    model = PermohonanPerbaikan

    def get(self, request, pk):
        obj = self.get_object()
        if not obj.foto:
            raise Http404("Permohonan ini tanpa foto bukti.")
        ext = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}.get(obj.foto_mime, "bin")
        resp = FileResponse(obj.foto.open("rb"), as_attachment=True, filename=f"bukti-perbaikan.{ext}",
                            content_type=obj.foto_mime or "application/octet-stream")
        resp["X-Content-Type-Options"] = "nosniff"
        return resp
