"""Units of government: list, page (positions and who serves in them), add and edit."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse

from apps.akun.scope import allows, has_action, restrict
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedListView

from .. import selectors, services
from ..forms import JabatanForm, UnitKerjaTambahForm, UnitKerjaUbahForm
from ..models import Jabatan, JenisUnit, Pejabat, UnitKerja


class UnitList(ScopedListView):
    model = UnitKerja
    page_key = "kode"
    template_name = "wilayah/unit_list.html"
    partial_template_name = "wilayah/_unit_rows.html"

    def base_queryset(self):
        return UnitKerja.objects.select_related("wilayah").only(
            "id", "kode", "nama", "singkatan", "jenis", "aktif", "wilayah__id", "wilayah__nama", "wilayah__kode",
            "wilayah__tingkat", "wilayah__level",
        )

    def filter_queryset(self, qs):
        g = self.request.GET
        if g.get("jenis") in JenisUnit.values:
            qs = qs.filter(jenis=g["jenis"])
        q = g.get("q", "").strip()[:100]
        if q:
            qs = qs.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q) | Q(kode__icontains=q))
        return qs

    def get_context_data(self, **kwargs):
        g = self.request.GET
        return super().get_context_data(
            q=g.get("q", ""), jenis=g.get("jenis", ""), jenis_choices=JenisUnit.choices,
            boleh_tambah=has_action(self.request.user, UnitKerja, "add"), **kwargs,
        )


class UnitDetail(ScopedDetailView):
    model = UnitKerja
    template_name = "wilayah/unit_detail.html"

    def base_queryset(self):
        return UnitKerja.objects.select_related("wilayah", "induk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, unit = self.request.user, self.object
        bagan = selectors.bagan_unit(user, unit)
        pengelola = restrict(Jabatan.objects.filter(unit=unit), user, "change").exists() if bagan else False
        ctx.update(
            bagan=bagan,
            pengelola_jabatan=pengelola,
            dipegang=selectors.jabatan_dipegang_di_bagan(user, bagan),
            boleh_ubah=allows(user, "change", unit),
            boleh_tambah_jabatan=has_action(user, Jabatan, "add"),
            boleh_tambah_pejabat=has_action(user, Pejabat, "add"),
            bawahan=list(restrict(UnitKerja.objects.filter(induk=unit), user, "view").only("id", "nama", "kode")[:50]),
        )
        return ctx


class UnitTambah(CreateFormView):
    model = UnitKerja
    form_class = UnitKerjaTambahForm
    template_name = "wilayah/form.html"

    def get_initial(self):
        return {"wilayah": settings.EDESA_KABUPATEN}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah unit kerja", batal_href=reverse("wilayah:unit_daftar"), **kwargs)

    def perform(self, form):
        d = form.cleaned_data
        wilayah = selectors.wilayah_terlihat(self.request.user).filter(kode=d["wilayah"].strip()).first()
        if wilayah is None:
            raise ValidationError({"wilayah": f"Wilayah {d['wilayah']} tidak ditemukan dalam cakupan Anda."})
        return services.create_unit_kerja(
            user=self.request.user, kode=d["kode"], nama=d["nama"], jenis=d["jenis"], wilayah=wilayah,
            singkatan=d["singkatan"], alamat=d["alamat"], telepon=d["telepon"], email=d["email"],
        )


class UnitUbah(ObjectFormView):
    model = UnitKerja
    form_class = UnitKerjaUbahForm
    template_name = "wilayah/form.html"

    def get_form_kwargs(self):
        induk = restrict(UnitKerja.objects.exclude(pk=self.object.pk), self.request.user, "view").order_by("jenis", "nama")
        return {**super().get_form_kwargs(), "induk_qs": induk}

    def get_initial(self):
        u = self.object
        return {"nama": u.nama, "singkatan": u.singkatan, "induk": u.induk_id, "alamat": u.alamat,
                "telepon": u.telepon, "email": u.email, "aktif": u.aktif}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah {self.object.nama}", **kwargs)

    def perform(self, form):
        return services.update_unit_kerja(user=self.request.user, unit=self.object, data=form.cleaned_data)


class JabatanTambah(ObjectFormView):
    """Add a position to a unit (`pk` = the unit)."""

    model = UnitKerja
    scope_action = "view"  # the unit must be visible; the service checks the "add" grant
    form_class = JabatanForm
    template_name = "wilayah/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "atasan_qs": self.object.jabatan.order_by("urutan", "nama")}

    def get_initial(self):
        return {"urutan": self.object.jabatan.count() + 1, "asn": self.object.jenis not in (JenisUnit.PEMDES, JenisUnit.BPD)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Tambah jabatan di {self.object.nama}", **kwargs)

    def perform(self, form):
        return services.create_jabatan(user=self.request.user, unit=self.object, **form.cleaned_data)


class JabatanUbah(ObjectFormView):
    model = Jabatan
    form_class = JabatanForm
    template_name = "wilayah/form.html"

    def base_queryset(self):
        return Jabatan.objects.select_related("unit")

    def get_form_kwargs(self):
        atasan = Jabatan.objects.filter(unit_id=self.object.unit_id).exclude(pk=self.object.pk).order_by("urutan", "nama")
        return {**super().get_form_kwargs(), "atasan_qs": atasan}

    def get_initial(self):
        j = self.object
        return {"nama": j.nama, "atasan": j.atasan_id, "is_kepala": j.is_kepala, "asn": j.asn, "urutan": j.urutan}

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah jabatan {self.object.nama} ({self.object.unit.nama})", **kwargs)

    def perform(self, form):
        return services.update_jabatan(user=self.request.user, jabatan=self.object, data=form.cleaned_data)
