"""Planning URLs under /perencanaan/: village plans (urls_rencana), the cycle, proposals and
village ranking (urls_usulan), the later stages and deliberations (urls_tahap). The public
pages and "lacak usulan" are under /musrenbang/ (urls_publik)."""
from django.urls import include, path

app_name = "perencanaan"

urlpatterns = [
    path("", include("apps.perencanaan.urls_usulan")),
    path("rencana/", include("apps.perencanaan.urls_rencana")),
    path("tahap/", include("apps.perencanaan.urls_tahap")),
]
