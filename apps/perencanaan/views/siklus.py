"""Pages of the cycle administration (Bappeda, regency admin): the cycles, one cycle with its
stages (status badge, dates, open/close), criteria and ceilings. Cycle records are kabupaten
reference data: found through `restrict` (another regency's, or a village user: 404); every
write goes through siklus.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views import generic

from apps.akun.scope import has_action
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedMixin
from apps.wilayah.models import Wilayah

from .. import siklus as layanan
from ..forms_siklus import KriteriaForm, PaguForm, PaguImporForm, SiklusForm, SiklusUbahForm, TahapForm
from ..models import KriteriaPenilaian, ModeTahap, PaguIndikatif, SiklusMusrenbang, TahapMusrenbang
from ..tahap import status_tahap


def _url_siklus(siklus_id) -> str:
    return reverse("perencanaan:siklus_detail", args=[siklus_id])


class SiklusDaftar(ScopedMixin, generic.TemplateView):
    model = SiklusMusrenbang
    template_name = "perencanaan/siklus/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        siklus = list(self.get_queryset().annotate(n_usulan=Count("usulan")).order_by("-tahun_rencana")
                      .prefetch_related("tahap"))
        ctx["baris"] = [(s, [(t, status_tahap(t)) for t in s.tahap.all()]) for s in siklus]
        ctx["boleh_tambah"] = has_action(self.request.user, SiklusMusrenbang, "add")
        return ctx


class SiklusBaru(CreateFormView):
    model = SiklusMusrenbang
    form_class = SiklusForm
    template_name = "perencanaan/siklus/form.html"
    success_message = "Siklus Musrenbang dibuat dengan lima tahap dan kriteria bawaan."

    def perform(self, form):
        return layanan.buat_siklus(self.request.user, **form.cleaned_data)


class SiklusDetail(ScopedDetailView):
    model = SiklusMusrenbang
    template_name = "perencanaan/siklus/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = self.object
        tahap = list(s.tahap.order_by("urutan").prefetch_related("kriteria"))
        ctx.update(
            tahap=[(t, status_tahap(t), list(t.kriteria.all())) for t in tahap],
            jumlah_pagu=PaguIndikatif.objects.filter(siklus=s).count(),
            boleh_ubah=has_action(self.request.user, SiklusMusrenbang, "change"),
            mode=ModeTahap,
        )
        return ctx


class _FormObjek(ObjectFormView):
    """An ObjectFormView whose "Batal" goes back to the cycle page."""

    def siklus_id(self):
        return self.object.pk

    def get_context_data(self, **kwargs):
        # Stages and criteria have no page of their own: skip ObjectFormView's "Batal" link.
        kwargs.setdefault("object", self.object)
        kwargs["batal_href"] = _url_siklus(self.siklus_id())
        return super(ObjectFormView, self).get_context_data(**kwargs)

    def get_success_url(self, result) -> str:
        return _url_siklus(self.siklus_id())


class SiklusUbah(_FormObjek):
    model = SiklusMusrenbang
    form_class = SiklusUbahForm
    template_name = "perencanaan/siklus/form.html"
    success_message = "Siklus disimpan."

    def get_initial(self):
        s = self.object
        return {"nama": s.nama, "keterangan": s.keterangan, "pagu_desa_bawaan": s.pagu_desa_bawaan,
                "pagu_kecamatan_bawaan": s.pagu_kecamatan_bawaan}

    def perform(self, form):
        return layanan.ubah_siklus(self.request.user, self.object, **form.cleaned_data)


class TahapUbah(_FormObjek):
    model = TahapMusrenbang
    form_class = TahapForm
    template_name = "perencanaan/siklus/form.html"
    success_message = "Jadwal tahap disimpan."

    def siklus_id(self):
        return self.object.siklus_id

    def get_initial(self):
        t = self.object
        return {"mulai": t.mulai, "selesai": t.selesai, "usulan_warga": t.usulan_warga,
                "nomor_penetapan": t.nomor_penetapan, "tanggal_penetapan": t.tanggal_penetapan}

    def perform(self, form):
        return layanan.ubah_tahap(self.request.user, self.object, **form.cleaned_data)


class _AksiTahap(ScopedMixin, generic.View):
    """POST only: open or close the stage by hand (GET: 405)."""

    model = TahapMusrenbang
    scope_action = "change"
    mode = ModeTahap.BUKA
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        tahap = self.get_object()
        mode = request.POST.get("mode") or self.mode
        if mode not in (self.mode, ModeTahap.JADWAL):
            mode = self.mode
        try:
            layanan.atur_mode(request.user, tahap, mode)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"{tahap.get_jenis_display()}: {status_tahap(tahap).label.lower()}.")
        return HttpResponseRedirect(_url_siklus(tahap.siklus_id))


class TahapBuka(_AksiTahap):
    mode = ModeTahap.BUKA


class TahapTutup(_AksiTahap):
    mode = ModeTahap.TUTUP


class KriteriaBaru(_FormObjek):
    """pk = the stage."""

    model = TahapMusrenbang
    form_class = KriteriaForm
    template_name = "perencanaan/siklus/form.html"
    success_message = "Kriteria ditambahkan."

    def siklus_id(self):
        return self.object.siklus_id

    def perform(self, form):
        return layanan.simpan_kriteria(self.request.user, tahap=self.object, **form.cleaned_data)


class KriteriaUbah(_FormObjek):
    model = KriteriaPenilaian
    form_class = KriteriaForm
    template_name = "perencanaan/siklus/form.html"
    success_message = "Kriteria disimpan."

    def siklus_id(self):
        return self.object.tahap.siklus_id

    def get_initial(self):
        k = self.object
        return {"kode": k.kode, "nama": k.nama, "bobot": k.bobot, "keterangan": k.keterangan, "urutan": k.urutan}

    def perform(self, form):
        return layanan.simpan_kriteria(self.request.user, tahap=self.object.tahap, kriteria=self.object,
                                       **form.cleaned_data)


class KriteriaHapus(ScopedMixin, generic.View):
    model = KriteriaPenilaian
    scope_action = "delete"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        k = self.get_object()
        siklus_id = k.tahap.siklus_id
        try:
            layanan.hapus_kriteria(request.user, k)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Kriteria dihapus.")
        return HttpResponseRedirect(_url_siklus(siklus_id))


class PaguDaftar(_FormObjek):
    """pk = the cycle: its ceilings and a form to set one."""

    model = SiklusMusrenbang
    form_class = PaguForm
    template_name = "perencanaan/siklus/pagu.html"
    scope_action = "view"
    success_message = "Pagu indikatif disimpan."

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pagu = list(PaguIndikatif.objects.filter(siklus=self.object).order_by("wilayah_id"))
        nama = dict(Wilayah.objects.filter(kode__in=[p.wilayah_id for p in pagu]).values_list("kode", "nama"))
        ctx.update(pagu=[(p, nama.get(p.wilayah_id, "")) for p in pagu], form_impor=PaguImporForm())
        return ctx

    def perform(self, form):
        return layanan.simpan_pagu(self.request.user, siklus=self.object, **form.cleaned_data)

    def get_success_url(self, result) -> str:
        return reverse("perencanaan:pagu_daftar", args=[self.object.pk])


class PaguImpor(_FormObjek):
    model = SiklusMusrenbang
    form_class = PaguImporForm
    template_name = "perencanaan/siklus/form.html"

    def perform(self, form):
        return layanan.impor_pagu(self.request.user, siklus=self.object, berkas=form.cleaned_data["berkas"])

    def success(self, result):
        messages.success(self.request, f"{result} pagu indikatif diimpor.")
        return HttpResponseRedirect(reverse("perencanaan:pagu_daftar", args=[self.object.pk]))
