"""Keyset (cursor) pagination for the API: no COUNT and no OFFSET over a 160,000-row table."""
from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "pk"  # UUIDv7: creation order

    def get_ordering(self, request, queryset, view):
        # A viewset may name its own unique key (e.g. "kode" for regions, "seq" for the journal).
        ordering = getattr(view, "ordering", None) or self.ordering
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)
