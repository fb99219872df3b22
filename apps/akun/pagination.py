"""Keyset (cursor) pagination for the API: no COUNT and no OFFSET over a 160,000-row table."""
from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "pk"  # UUIDv7: creation order
