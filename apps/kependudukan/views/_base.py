"""Shared shape of the registry's form views: the object comes from the scoped queryset (404
out of scope), the write goes through a service, and its errors land next to the fields."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.views import generic

from apps.akun.scope import has_action
from apps.akun.viewmixins import ScopedListView, ScopedMixin

from ..privasi import boleh_lihat_nik, catat_akses
from ..services import PerluKonfirmasi

DI_LUAR_CAKUPAN = "Wilayah ini di luar cakupan Anda."


class ServiceFormMixin:
    """`perform(form)` calls the service and returns the saved object."""

    pesan_sukses = "Data tersimpan."

    def form_valid(self, form):
        try:
            obj = self.perform(form)
        except PerluKonfirmasi as exc:
            form.minta_konfirmasi(exc.peringatan)
            return self.form_invalid(form)
        except ValidationError as exc:
            form.tampilkan_kesalahan(exc)
            return self.form_invalid(form)
        except PermissionDenied:  # the service rolled back a write outside the user's scope
            form.add_error("wilayah" if "wilayah" in form.fields else None, DI_LUAR_CAKUPAN)
            return self.form_invalid(form)
        messages.success(self.request, self.pesan_sukses)
        return HttpResponseRedirect(obj.get_absolute_url())

    def perform(self, form):
        raise NotImplementedError


class CreateFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """Needs the model's "add" grant somewhere; the service checks the exact scope."""

    scope_action = "add"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_action(request.user, self.model, "add"):
            raise PermissionDenied("Anda tidak berwenang menambah data ini.")
        return super().dispatch(request, *args, **kwargs)


class ObjectFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """A form about the object named by `pk`, found in the user's scope for `scope_action`."""

    scope_action = "change"

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Data tidak ditemukan.")
        return obj

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, **kwargs)


class RekamanPenuhFormView(ObjectFormView):
    """Edits a whole record, so shows it unmasked: needs the full-NIK grant too (else 404),
    and every display of the form is an access to log."""

    def get_object(self):
        obj = super().get_object()
        if not boleh_lihat_nik(self.request.user, obj):
            raise Http404("Data tidak ditemukan.")
        return obj

    def get(self, request, *args, **kwargs):
        catat_akses(user=request.user, obj=self.object, path=request.path)
        return super().get(request, *args, **kwargs)


class RegistryListView(ScopedListView):
    """A list whose HTMX requests get a partial: "load more" (`setelah` given) appends rows,
    a filter change replaces the whole result block."""

    rows_template_name: str

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return [self.rows_template_name if self.request.GET.get("setelah") else self.partial_template_name]
        return [self.template_name]
