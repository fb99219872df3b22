"""Registry lists and detail pages (the full registry comes with the population issue)."""
from apps.akun.viewmixins import ScopedDetailView, ScopedListView

from .models import Keluarga, Penduduk


class PendudukList(ScopedListView):
    model = Penduduk
    template_name = "kependudukan/penduduk_list.html"


class PendudukDetail(ScopedDetailView):
    model = Penduduk
    template_name = "kependudukan/penduduk_detail.html"


class KeluargaList(ScopedListView):
    model = Keluarga
    template_name = "kependudukan/keluarga_list.html"


class KeluargaDetail(ScopedDetailView):
    model = Keluarga
    template_name = "kependudukan/keluarga_detail.html"
