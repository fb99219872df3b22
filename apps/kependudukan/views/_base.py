"""The registry's form and list views: the shared scoped base views, plus how the registry
answers a service's refusal and shows whole (unmasked) records."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedListView

from .. import selectors
from ..forms import FIELD_OF_ARGUMENT
from ..privasi import boleh_lihat_nik, catat_akses
from ..services import PerluKonfirmasi

DI_LUAR_CAKUPAN = "Wilayah ini di luar cakupan Anda."


class RegistryFormMixin:
    """A saved record is announced; a doubtful one asks the operator to accept the warnings;
    a write the service rolled back as outside the user's scope is an error on `wilayah`."""

    service_errors = (ValidationError, PermissionDenied)
    success_message = "Data tersimpan."

    def show_service_error(self, form, exc) -> None:
        if isinstance(exc, PerluKonfirmasi):
            form.minta_konfirmasi(exc.peringatan)
        elif isinstance(exc, PermissionDenied):
            form.add_error("wilayah" if "wilayah" in form.fields else None, DI_LUAR_CAKUPAN)
        else:
            apply_service_errors(exc, form, aliases=FIELD_OF_ARGUMENT)


class RegistryCreateView(RegistryFormMixin, CreateFormView):
    """Registers a new record (resident or family) in a wilayah the user may add to."""


class RekamanPenuhFormView(RegistryFormMixin, ObjectFormView):
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
    """A registry list: a filter form, a keyset page on a two-column key (names repeat, so the
    mixin's single-column pager does not fit), a cached total on the first page. HTMX requests
    get a partial: "load more" (`setelah` given) appends rows, a filter change replaces the
    whole result block. Subclasses say how to filter (`filter_form`, `search`), what the page
    key is, and how to prepare the rows for display."""

    rows_template_name: str
    page_key: str | tuple[str, ...]
    total_key: str

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return [self.rows_template_name if self.request.GET.get("setelah") else self.partial_template_name]
        return [self.template_name]

    def page_queryset(self, qs):
        return qs

    def prepare_rows(self, user, rows) -> None:
        """Set display attributes (masked numbers, labels) on the page's rows."""

    def get_context_data(self, **kwargs):
        ctx = super(ScopedListView, self).get_context_data(**kwargs)
        user, get = self.request.user, self.request.GET
        form = self.filter_form(user, get)
        qs = self.search(self.get_queryset(), user, form)
        after = get.get("setelah") or None
        page = selectors.halaman(self.page_queryset(qs), key=self.page_key, after=after, size=self.page_size)
        self.prepare_rows(user, page.items)
        params = get.copy()
        params.pop("setelah", None)
        total = None if after else selectors.total_tersimpan(qs, kunci=f"{self.total_key}:{user.pk}:{params.urlencode()}")
        ctx.update(form=form, page=page, object_list=page.items, query_params=params.urlencode(), total=total,
                   boleh_tambah=has_action(user, self.model, "add"))
        return ctx
