"""Request hygiene shared by every page and API call."""
from django.http import HttpResponseBadRequest


class TolakKarakterNulMiddleware:
    """A NUL byte in a query parameter is never legitimate; PostgreSQL refuses it in text and
    the request would end in a server error. Answer 400 with a clear message instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in k or any("\x00" in v for v in vals) for k, vals in request.GET.lists()):
            return HttpResponseBadRequest(
                b"Permintaan ditolak: alamat berisi karakter tidak sah (NUL).",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
