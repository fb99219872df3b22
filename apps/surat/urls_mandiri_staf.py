"""Staff-side URLs of layanan mandiri (PIN issuing, correction requests), included by
`urls.py` into the "surat" namespace (views in views/mandiri_staf.py)."""
from django.urls import path

from .views import mandiri_staf as v

urlpatterns = [
    path("pin/<uuid:pk>/", v.PinTerbitkan.as_view(), name="pin_terbitkan"),
    path("pin/slip/", v.PinSlip.as_view(), name="pin_slip"),
    path("perbaikan/", v.PerbaikanDaftar.as_view(), name="perbaikan_daftar"),
    path("perbaikan/<uuid:pk>/", v.PerbaikanDetail.as_view(), name="perbaikan_detail"),
    path("perbaikan/<uuid:pk>/foto/", v.PerbaikanFoto.as_view(), name="perbaikan_foto"),
]
