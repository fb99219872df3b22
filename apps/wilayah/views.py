"""Region tree, units and officials: scoped lists and detail pages."""
from apps.akun.viewmixins import ScopedDetailView, ScopedListView

from .models import Pejabat, UnitKerja, Wilayah


class WilayahList(ScopedListView):
    model = Wilayah
    page_key = "kode"
    template_name = "wilayah/wilayah_list.html"


class WilayahDetail(ScopedDetailView):
    model = Wilayah
    template_name = "wilayah/wilayah_detail.html"


class UnitList(ScopedListView):
    model = UnitKerja
    page_key = "kode"
    template_name = "wilayah/unit_list.html"


class UnitDetail(ScopedDetailView):
    model = UnitKerja
    template_name = "wilayah/unit_detail.html"


class PejabatList(ScopedListView):
    model = Pejabat
    template_name = "wilayah/pejabat_list.html"

    def base_queryset(self):
        return Pejabat.objects.select_related("jabatan__unit")


class PejabatDetail(ScopedDetailView):
    model = Pejabat
    template_name = "wilayah/pejabat_detail.html"
