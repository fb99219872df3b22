"""The project's URLs with a plain-text home page: the login stories check that a user gets
to "/" (or not) without depending on the dashboard's own content."""
from django.http import HttpResponse
from django.urls import include, path


def beranda(request):
    return HttpResponse("beranda")


urlpatterns = [path("", beranda), path("", include("edesa.urls"))]
