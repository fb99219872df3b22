"""Region pages: the tree of the user's scope (or a searchable flat list) and a region's page
with its map, children and, for a village, its dusun/RW/RT."""
from __future__ import annotations

from django.views import generic

from apps.akun.viewmixins import ScopedDetailView, ScopedListView

from .. import selectors
from ..models import LEVEL_DESA, Tingkat, Wilayah


class WilayahList(ScopedListView):
    """Tree kecamatan > desa/kelurahan with dusun/RW/RT counts; a flat, keyset-paged list when
    searching (?q=), filtering by level (?tingkat=) or asked for (?tampilan=daftar)."""

    model = Wilayah
    page_key = "kode"
    template_name = "wilayah/wilayah_list.html"
    partial_template_name = "wilayah/_wilayah_rows.html"

    def flat(self) -> bool:
        g = self.request.GET
        return bool(g.get("q") or g.get("tingkat") or g.get("tampilan") == "daftar" or g.get("setelah"))

    def filter_queryset(self, qs):
        g = self.request.GET
        return selectors.search_wilayah(qs, q=g.get("q", ""), tingkat=g.get("tingkat", ""))

    def get_template_names(self):
        if not self.flat():
            return [self.template_name]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        g = self.request.GET
        common = {"q": g.get("q", ""), "tingkat": g.get("tingkat", ""), "tingkat_choices": Tingkat.choices}
        if self.flat():
            return super().get_context_data(flat=True, **common, **kwargs)
        # Tree: no keyset page needed, so skip ScopedListView's page query.
        ctx = generic.TemplateView.get_context_data(self, **kwargs)
        kabupaten = selectors.kabupaten_pilihan(self.request.user, g.get("kab"))
        ctx.update(common, flat=False, kabupaten=kabupaten, pohon=selectors.wilayah_tree(self.request.user, kabupaten))
        return ctx


class WilayahDetail(ScopedDetailView):
    model = Wilayah
    template_name = "wilayah/wilayah_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        ctx["breadcrumb"] = selectors.breadcrumb(user, obj)
        if obj.level >= LEVEL_DESA:
            ctx["panel"] = selectors.lingkungan_panel(user, obj)
            ctx["peta"] = selectors.peta_data(obj, [])
        else:
            children = selectors.children_with_counts(user, obj)
            ctx["anak"] = children
            ctx["peta"] = selectors.peta_data(obj, children)
            ctx["kolom_jumlah"] = columns = _count_columns(children)
            for c in children:
                c.nilai = [c.jumlah.get(t, 0) for t, _ in columns]
        return ctx


def _count_columns(children) -> list[tuple[str, str]]:
    """The count columns worth showing under this region (kinds that occur at all)."""
    present = {t for c in children for t in c.jumlah}
    return [(t.value, t.label) for t in Tingkat if t.value in present]
