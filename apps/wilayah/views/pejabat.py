"""Officials: who holds which position, definitive or acting (Plt/Plh), from when to when."""
from __future__ import annotations

import uuid

from django.db.models import Q
from django.urls import reverse

from apps.akun.scope import allows, has_action
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedListView

from .. import selectors, services
from ..forms import PejabatForm
from ..models import Pejabat, StatusPejabat


def _uuid(raw: str | None):
    try:
        return uuid.UUID(raw or "")
    except ValueError:
        return None


class PejabatList(ScopedListView):
    model = Pejabat
    template_name = "wilayah/pejabat_list.html"
    partial_template_name = "wilayah/_pejabat_rows.html"

    def base_queryset(self):
        return Pejabat.objects.select_related("jabatan__unit")

    def filter_queryset(self, qs):
        g = self.request.GET
        q = g.get("q", "").strip()[:100]
        if q:
            qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q.replace(" ", "")) | Q(jabatan__nama__icontains=q))
        if g.get("status") in StatusPejabat.values:
            qs = qs.filter(status=g["status"])
        if g.get("aktif") == "1":
            qs = qs.filter(selectors.pejabat_aktif_q())
        if unit := _uuid(g.get("unit")):
            qs = qs.filter(jabatan__unit_id=unit)
        return qs

    def get_context_data(self, **kwargs):
        g = self.request.GET
        return super().get_context_data(
            q=g.get("q", ""), status=g.get("status", ""), aktif=g.get("aktif", ""), status_choices=StatusPejabat.choices,
            boleh_tambah=has_action(self.request.user, Pejabat, "add"), **kwargs,
        )


class PejabatDetail(ScopedDetailView):
    model = Pejabat
    template_name = "wilayah/pejabat_detail.html"

    def base_queryset(self):
        return Pejabat.objects.select_related("jabatan__unit__wilayah", "pengguna")

    def get_context_data(self, **kwargs):
        from ..services.delegasi import boleh_delegasikan

        user, p = self.request.user, self.object
        return super().get_context_data(
            boleh_ubah=allows(user, "change", p), delegasi=selectors.delegasi_jabatan(user, p.jabatan),
            boleh_delegasi=boleh_delegasikan(user, p.jabatan), **kwargs)


class PejabatTambah(CreateFormView):
    model = Pejabat
    form_class = PejabatForm
    template_name = "wilayah/form.html"

    def get_form_kwargs(self):
        unit = _uuid(self.request.GET.get("unit"))
        return {**super().get_form_kwargs(), "jabatan_qs": selectors.jabatan_untuk_pejabat(self.request.user, unit)}

    def get_initial(self):
        return {"jabatan": _uuid(self.request.GET.get("jabatan"))}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah pejabat", batal_href=reverse("wilayah:pejabat_daftar"), **kwargs)

    def perform(self, form):
        return services.create_pejabat(user=self.request.user, **form.cleaned_data)


class PejabatUbah(ObjectFormView):
    model = Pejabat
    form_class = PejabatForm
    template_name = "wilayah/form.html"

    def base_queryset(self):
        return Pejabat.objects.select_related("jabatan__unit")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "jabatan_qs": selectors.jabatan_untuk_pejabat(self.request.user)}

    def get_initial(self):
        p = self.object
        return {"jabatan": p.jabatan_id, "nama": p.nama, "nip": p.nip, "status": p.status, "mulai": p.mulai,
                "selesai": p.selesai}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah pejabat {self.object.nama}", **kwargs)

    def perform(self, form):
        return services.update_pejabat(user=self.request.user, pejabat=self.object, data=form.cleaned_data)
