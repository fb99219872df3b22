"""Shared pieces of the REST API: every viewset starts from the scoped queryset."""
from __future__ import annotations

from rest_framework import viewsets

from .scope import restrict

_ACTION_BY_METHOD = {"GET": "view", "HEAD": "view", "OPTIONS": "view", "POST": "add",
                     "PUT": "change", "PATCH": "change", "DELETE": "delete"}


class ScopedViewSetMixin:
    """Use with a DRF generic viewset: set `base_queryset`; the scoped queryset follows the
    HTTP method (GET: view, POST: add, PUT/PATCH: change, DELETE: delete)."""

    base_queryset = None

    def get_queryset(self):
        action = _ACTION_BY_METHOD.get(self.request.method, "view")
        return restrict(self.base_queryset.all(), self.request.user, action)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
