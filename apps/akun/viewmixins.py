"""Base views every capability uses: they start from the scoped queryset, page by keyset
(no COUNT/OFFSET over big tables) and answer 404 for anything out of scope."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import models
from django.http import Http404
from django.views import generic

from .scope import restrict


@dataclass
class KeysetPage:
    items: list
    next_after: str | None
    size: int


def keyset_page(qs: models.QuerySet, *, key: str, after: str | None, size: int = 50) -> KeysetPage:
    """One page ordered by a unique `key` (e.g. "kode" or "pk"): rows after `after`."""
    if after:
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


class ScopedDetailView(ScopedMixin, generic.DetailView):
    def get_object(self, queryset=None):
        qs = self.get_queryset() if queryset is None else queryset
        obj = qs.filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Data tidak ditemukan.")
        return obj


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
