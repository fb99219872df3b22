"""Base views every capability uses: they start from the scoped queryset, page by keyset
(no COUNT/OFFSET over big tables), answer 404 for anything out of scope, and write through a
service whose refusal lands on the form."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpResponseRedirect
from django.views import generic

from .formulir import apply_service_errors
from .scope import has_action, restrict


@dataclass
class KeysetPage:
    items: list
    next_after: str | None
    size: int


def keyset_page(qs: models.QuerySet, *, key: str, after: str | None, size: int = 50) -> KeysetPage:
    """One page ordered by a unique `key` (e.g. "kode" or "pk"): rows after `after`.
    A cursor that is not a valid value of the key (edited by hand) gives the first page."""
    if after:
        field = qs.model._meta.pk if key == "pk" else qs.model._meta.get_field(key)
        try:
            after = field.to_python(after)
        except ValidationError:
            after = None
    if after not in (None, ""):
        qs = qs.filter(**{f"{key}__gt": after})
    rows = list(qs.order_by(key)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    next_after = str(getattr(rows[-1], key if key != "pk" else "pk")) if more and rows else None
    return KeysetPage(items=rows, next_after=next_after, size=size)


class ScopedMixin(LoginRequiredMixin):
    model: type[models.Model]
    scope_action = "view"

    def base_queryset(self) -> models.QuerySet:
        return self.model.objects.all()

    def get_queryset(self):
        return restrict(self.base_queryset(), self.request.user, self.scope_action)

    def get_object(self, queryset=None):
        """The object named by the URL's `pk`, if it is in the user's scope (else 404)."""
        qs = self.get_queryset() if queryset is None else queryset
        obj = qs.filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Data tidak ditemukan.")
        return obj


class ScopedDetailView(ScopedMixin, generic.DetailView):
    """One object's page; `get_object` finds it in the user's scope."""


class ScopedListView(ScopedMixin, generic.TemplateView):
    """Keyset-paged list; subclasses narrow `filter_queryset` from GET parameters."""

    page_key = "pk"
    page_size = 50
    partial_template_name: str | None = None

    def filter_queryset(self, qs):
        return qs

    def get_template_names(self):
        if self.partial_template_name and getattr(self.request, "htmx", False):
            return [self.partial_template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = self.filter_queryset(self.get_queryset())
        page = keyset_page(qs, key=self.page_key, after=self.request.GET.get("setelah") or None, size=self.page_size)
        params = self.request.GET.copy()
        params.pop("setelah", None)
        ctx.update(page=page, object_list=page.items, query_params=params.urlencode())
        return ctx


class ServiceFormMixin:
    """A form view that writes through a service: `perform(form)` calls it and returns what it
    saved, `success(result)` answers. The errors in `service_errors` land on the form
    (`show_service_error`), and the form is shown again."""

    service_errors: tuple[type[Exception], ...] = (ValidationError,)
    success_message = ""
    # The service rolled back a write that would land outside the user's scope (a tampered
    # choice): say so on the form rather than a bare 403 page.
    out_of_scope_message = "Data ini di luar cakupan wilayah Anda; tidak ada yang disimpan."

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except self.service_errors as exc:
            self.show_service_error(form, exc)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, self.out_of_scope_message)
            return self.form_invalid(form)
        return self.success(result)

    def perform(self, form):
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan perform(): kelas dasar ini tidak memakainya sendiri.")

    def show_service_error(self, form, exc) -> None:
        apply_service_errors(exc, form)

    def success(self, result):
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url(result))

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class CreateFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """A form that creates an object not tied to a URL object; needs the model's "add" grant
    somewhere (the service then checks the exact scope of what is written)."""

    scope_action = "add"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_action(request.user, self.model, "add"):
            raise PermissionDenied("Anda tidak berwenang menambah data ini.")
        return super().dispatch(request, *args, **kwargs)


class ObjectFormView(ServiceFormMixin, ScopedMixin, generic.FormView):
    """A form about the object named by `pk`, found in the user's scope for `scope_action`
    (404 outside it); "Batal" goes back to the object."""

    scope_action = "change"

    def dispatch(self, request, *args, **kwargs):
        # Before any handler: every method on an out-of-scope pk is a 404, and handlers (an
        # access log, say) find the object already there. Anonymous users go to the login first.
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, batal_href=self.object.get_absolute_url(), **kwargs)
