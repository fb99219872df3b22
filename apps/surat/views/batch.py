"""Pages of surat massal: the batches of the user's villages, the form that starts one (the
signer's passphrase unlocks the key once), its progress polled with HTMX, and one ZIP of all
its signed letters."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action
from apps.akun.viewmixins import ScopedDetailView, ScopedMixin
from apps.dokumen import tte
from apps.kependudukan import selectors as kependudukan

from .. import batch as layanan
from .. import forms as f
from ..models import BatchSurat, StatusSurat
from .alur import _jenis_qs, _spek

MAKS_BERKAS_NIK = 200_000


def persen(b: BatchSurat) -> int:
    if not b.total:
        return 100 if b.status in (BatchSurat.SELESAI, BatchSurat.GAGAL) else 0
    return min(100, round(100 * (b.selesai_jumlah + len(b.galat)) / b.total))


class BatchDaftar(ScopedMixin, generic.TemplateView):
    model = BatchSurat
    template_name = "surat/batch_daftar.html"

    def get_context_data(self, **kwargs):
        rows = list(self.get_queryset().select_related("jenis").order_by("-dibuat")[:50])
        for b in rows:
            b.persen = persen(b)
        return {**super().get_context_data(**kwargs), "object_list": rows,
                "boleh_buat": bool(layanan.desa_penandatangan(self.request.user))}


class BatchBuat(ScopedMixin, generic.TemplateView):
    """Start a batch. GET ?jenis= rebuilds the common fields of the chosen type (HTMX swaps
    only that block)."""

    model = BatchSurat
    scope_action = "add"
    template_name = "surat/batch_buat.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_action(request.user, BatchSurat, "add"):
                raise PermissionDenied("Hanya penanda tangan yang dapat membuat surat massal.")
            self.desa = (layanan.desa_penandatangan(request.user) or [None])[0]
            if self.desa is None:
                raise PermissionDenied("Anda belum menjabat penanda tangan di sebuah desa.")
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None, files=None) -> f.BatchForm:
        src = data if data is not None else self.request.GET
        jenis = None
        if src.get("jenis"):
            try:
                jenis = _jenis_qs(self.request.user).filter(pk=src.get("jenis")).first()
            except ValidationError:
                jenis = None
        return f.BatchForm(data, files, initial={"jenis": jenis.pk} if jenis and data is None else None,
                           jenis_qs=_jenis_qs(self.request.user),
                           wilayah_choices=kependudukan.pilihan_lingkungan(self.request.user, self.desa),
                           spesifikasi=_spek(jenis, self.desa) if jenis else [])

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.GET.get("jenis") is not None:
            return ["surat/_batch_isian.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        if settings.EDESA_TTE_BACKEND == "bsre" and not getattr(request, "htmx", False):
            messages.warning(request, tte.BSRE_TANPA_BATCH)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": kwargs.get("form") or self.form(), "desa": self.desa}

    def _nik(self, form) -> list[str]:
        teks = form.cleaned_data.get("daftar_nik") or ""
        berkas = form.cleaned_data.get("berkas_nik")
        if berkas:
            if berkas.size > MAKS_BERKAS_NIK:
                raise ValidationError({"berkas_nik": "Berkas daftar NIK terlalu besar (paling besar 200 KB)."})
            teks += "\n" + berkas.read().decode("utf-8", errors="replace")
        return layanan.baca_nik(teks)

    @method_decorator(sensitive_post_parameters("passphrase"))
    @sensitive_variables("d", "passphrase")  # `d` (cleaned data) holds the passphrase
    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                ids, galat = layanan.pilih_penerima(
                    request.user, self.desa, sumber=d["sumber"], wilayah=d.get("wilayah") or "",
                    jenis_kelamin=d.get("jenis_kelamin"), umur_min=d.get("umur_min"), umur_max=d.get("umur_max"),
                    nik=self._nik(form) if d["sumber"] == "nik" else ())
                batch = layanan.mulai(pengguna=request.user, desa=self.desa, jenis=d["jenis"],
                                      isian_data=f.nilai_isian(form), penduduk_ids=ids,
                                      passphrase=d["passphrase"], galat=galat)
            except ValidationError as exc:
                apply_service_errors(exc, form, aliases=f.alias_isian(form.spesifikasi))
            except Http404:
                form.add_error(None, "Desa ini di luar wewenang Anda.")
            else:
                messages.success(request, f"Surat massal untuk {batch.total} penduduk sedang diproses.")
                return HttpResponseRedirect(batch_url(batch))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def batch_url(b: BatchSurat) -> str:
    return reverse("surat:batch_detail", args=[b.pk])


class BatchDetail(ScopedDetailView):
    """A batch's progress (the block polls itself every 2 s while it runs) and its errors."""

    model = BatchSurat
    template_name = "surat/batch_detail.html"

    def base_queryset(self):
        return BatchSurat.objects.select_related("jenis", "pengguna")

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["surat/_batch_progres.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        b = self.object
        b.persen = persen(b)
        berjalan = b.status in (BatchSurat.MENUNGGU, BatchSurat.BERJALAN)
        ctx = super().get_context_data(**kwargs)
        ctx.update(berjalan=berjalan, jumlah_galat=len(b.galat), galat=b.galat[:500],
                   boleh_zip=b.selesai_jumlah > 0 and not berjalan)
        return ctx

    def render_to_response(self, context, **kwargs):
        resp = super().render_to_response(context, **kwargs)
        # The polled block asks the page to reload when the batch has ended (shows the report).
        if getattr(self.request, "htmx", False) and not context["berjalan"] and self.request.GET.get("berjalan"):
            resp["HX-Refresh"] = "true"
        return resp


class BatchZip(ScopedDetailView):
    model = BatchSurat

    def get(self, request, *args, **kwargs):
        b = self.get_object()
        daftar = (layanan.surat_batch(b).filter(status__in=(StatusSurat.DITANDATANGANI, StatusSurat.SELESAI))
                  .only("id", "nomor", "berkas").order_by("nomor_urut").iterator(chunk_size=200))
        resp = StreamingHttpResponse(layanan.zip_surat(daftar), content_type="application/zip")
        resp["Content-Disposition"] = f'attachment; filename="surat-massal-{b.pk.hex[:12]}.zip"'
        resp["X-Content-Type-Options"] = "nosniff"
        return resp
