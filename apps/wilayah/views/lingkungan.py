"""Dusun/RW/RT management on a village's page: small HTMX forms that swap the panel in place,
with full pages as the fallback without JavaScript."""
from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django_htmx.http import reswap, retarget

from apps.akun.viewmixins import ObjectFormView, ScopedDetailView

from .. import selectors, services
from ..forms import LingkunganForm, LingkunganUbahForm
from ..kode import nama_bawaan
from ..models import LEVEL_DESA, Tingkat, Wilayah


class LingkunganPanel(ScopedDetailView):
    """The panel alone (HTMX refresh and the forms' "Batal")."""

    model = Wilayah
    template_name = "wilayah/_lingkungan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["panel"] = selectors.lingkungan_panel(self.request.user, self.object)
        return ctx


class _LingkunganForm(ObjectFormView):
    partial_template_name = "wilayah/_lingkungan_form.html"
    template_name = "wilayah/lingkungan_form.html"
    judul = ""
    tombol = "Simpan"

    def get_template_names(self):
        return [self.partial_template_name if self.request.htmx else self.template_name]

    @cached_property
    def akar(self) -> Wilayah:
        """The region whose panel is on the page (sent back by the form), else the village."""
        try:
            pk = uuid.UUID(self.request.POST.get("akar") or self.request.GET.get("akar") or "")
        except ValueError:
            pk = None
        qs = selectors.wilayah_terlihat(self.request.user)
        if pk and (found := qs.filter(pk=pk).first()):
            return found
        desa = self.object.owner_id if self.object.is_local else self.object.kode
        return qs.filter(kode=desa).first() or self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(akar=self.akar, judul=self.judul_for(), tombol=self.tombol, **kwargs)

    def judul_for(self) -> str:
        return self.judul

    def success(self, obj):
        akar = self.akar
        if self.request.htmx:
            panel = selectors.lingkungan_panel(self.request.user, akar)
            response = render(self.request, "wilayah/_lingkungan.html", {"panel": panel, "pesan": self.pesan(obj)})
            return reswap(retarget(response, "#lingkungan"), "outerHTML")
        messages.success(self.request, self.pesan(obj))
        return HttpResponseRedirect(reverse("wilayah:detail", args=[akar.pk]))

    def pesan(self, obj) -> str:
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan pesan(): kelas dasar ini tidak memakainya sendiri.")


class LingkunganTambah(_LingkunganForm):
    """Add a dusun under a desa, an RW under a dusun or an RT under an RW (`pk` = the parent)."""

    model = Wilayah
    scope_action = "view"  # the parent must be visible; the service checks the "add" grant
    form_class = LingkunganForm
    tombol = "Tambah"

    def get_object(self):
        obj = super().get_object()
        if services.tingkat_anak(obj) is None:
            raise Http404("Tidak ada satuan lingkungan di bawah wilayah ini.")
        return obj

    def tingkat(self) -> str:
        return services.tingkat_anak(self.object)

    def judul_for(self) -> str:
        return f"Tambah {Tingkat(self.tingkat()).label} di {self.object}"

    def get_initial(self):
        nomor = services.nomor_berikut(self.object)
        return {"nomor": nomor, "nama": nama_bawaan(self.tingkat(), nomor)}

    def perform(self, form):
        return services.create_lingkungan(user=self.request.user, induk=self.object, tingkat=self.tingkat(),
                                          nomor=form.cleaned_data["nomor"], nama=form.cleaned_data["nama"])

    def pesan(self, obj) -> str:
        return f"{obj} ditambahkan (kode {obj.kode})."


class LingkunganUbah(_LingkunganForm):
    model = Wilayah
    form_class = LingkunganUbahForm

    def base_queryset(self):
        return Wilayah.objects.filter(level__gt=LEVEL_DESA)

    def judul_for(self) -> str:
        return f"Ubah nama {self.object}"

    def get_initial(self):
        return {"nama": self.object.nama}

    def perform(self, form):
        return services.update_lingkungan(user=self.request.user, wilayah=self.object, nama=form.cleaned_data["nama"])

    def pesan(self, obj) -> str:
        return f"Nama disimpan: {obj}."


class LingkunganHapus(_LingkunganForm):
    model = Wilayah
    scope_action = "delete"
    form_class = forms.Form
    tombol = "Hapus"

    def base_queryset(self):
        return Wilayah.objects.filter(level__gt=LEVEL_DESA)

    def judul_for(self) -> str:
        return f"Hapus {self.object}?"

    def get_context_data(self, **kwargs):
        return super().get_context_data(hapus=True, **kwargs)

    def perform(self, form):
        label = str(self.object)
        services.delete_lingkungan(user=self.request.user, wilayah=self.object)
        return label

    def pesan(self, obj) -> str:
        return f"{obj} dihapus."
