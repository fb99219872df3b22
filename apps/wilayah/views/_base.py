"""Shared shape of the wilayah app's form views: the object comes from the scoped queryset
(404 when out of scope), the write goes through a service, its errors land on the form."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.views import generic

from apps.akun.scope import has_action
from apps.akun.viewmixins import ScopedMixin

from ..forms import apply_errors


class ServiceFormMixin:
    """`perform(form)` calls the service and returns the saved object; `success(obj)` answers."""

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as exc:
            apply_errors(form, exc)
            return self.form_invalid(form)
        return self.success(result)

    def perform(self, form):
        raise NotImplementedError

    def success(self, obj):
        return HttpResponseRedirect(self.get_success_url(obj))

    def get_success_url(self, obj):
        return obj.get_absolute_url()


class ScopedObjectFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """A form about one object named by `pk`, found in the user's scope for `scope_action`."""

    scope_action = "change"

    def get_object(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Data tidak ditemukan.")
        return obj

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, batal_href=self.object.get_absolute_url(), **kwargs)


class CreateFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """A form that creates an object not tied to a URL object; needs the model's "add" grant
    somewhere (the service then checks the exact scope of what is written)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_action(request.user, self.model, "add"):
            raise PermissionDenied("Anda tidak berwenang menambah data ini.")
        return super().dispatch(request, *args, **kwargs)
