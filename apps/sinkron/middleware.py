"""Binds the acting user and a request id to every journal entry written by a request."""
import re

from .context import acting_as

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if _SAFE_ID.match(supplied) else None
        with acting_as("anonim", request_id, request=request) as actor:
            request.request_id = actor.request_id
            response = self.get_response(request)
        response["X-Request-ID"] = actor.request_id
        return response
