"""Import and export pages: the list of import jobs, the upload form, a job's page with its live
progress (HTMX polling) and its report (CSV/xlsx), and the OpenSID export of a village.
Jobs of other villages are 404 (restrict); the upload only offers villages in scope."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views import generic

from apps.akun.scope import allows, covers, has_action, restrict
from apps.akun.viewmixins import CreateFormView, ScopedDetailView, ScopedMixin

from .. import impor, selectors
from ..ekspor import ekspor_opensid, nama_berkas
from ..forms_impor import EksporForm, ImporForm
from ..models import ImporPenduduk, Penduduk
from ..privasi import catat_akses_banyak

BATAS_TAMPIL = 200  # rows of the error table on the page; the download has them all
MACET_SETELAH = datetime.timedelta(minutes=15)  # a running job without a worker for this long may be restarted


def boleh_ulang(user, job: ImporPenduduk) -> bool:
    macet = job.status == ImporPenduduk.BERJALAN and job.mulai is not None and timezone.now() - job.mulai > MACET_SETELAH
    return (job.status == ImporPenduduk.GAGAL or macet) and allows(user, "add", job)


class ImporDaftar(ScopedMixin, generic.TemplateView):
    """The latest import jobs in the user's scope, newest first."""

    model = ImporPenduduk
    template_name = "kependudukan/impor_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        jobs = list(self.get_queryset().select_related("owner", "pengguna").order_by("-dibuat")[:50])
        ctx.update(jobs=jobs, boleh_impor=has_action(user, ImporPenduduk, "add"),
                   boleh_ekspor=has_action(user, Penduduk, "view"))
        return ctx


class ImporTambah(CreateFormView):
    model = ImporPenduduk
    form_class = ImporForm
    template_name = "kependudukan/impor_form.html"
    service_errors = (impor.BerkasDitolak,)
    success_message = "Berkas diterima. Impor berjalan di latar; halaman ini memperbarui kemajuannya sendiri."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "desa_choices": impor.pilihan_desa_impor(self.request.user)}

    def perform(self, form):
        d = form.cleaned_data
        return impor.buat_impor(user=self.request.user, desa=d["desa"], berkas=d["berkas"],
                                nama_berkas=d["berkas"].name, format=d.get("format") or "")

    def show_service_error(self, form, exc) -> None:
        form.add_error("berkas", exc.pesan)


class ImporDetail(ScopedDetailView):
    """A job: progress while it runs, then counts, rejected rows and notes. POST runs a failed
    (or stalled) job again: it finishes what the earlier run left, without duplicating."""

    model = ImporPenduduk
    template_name = "kependudukan/impor_detail.html"

    def base_queryset(self):
        return ImporPenduduk.objects.select_related("owner", "pengguna")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        job = self.object
        ctx.update(galat=(job.galat or [])[:BATAS_TAMPIL], catatan=(job.catatan or [])[:BATAS_TAMPIL],
                   batas=BATAS_TAMPIL, boleh_ulang=boleh_ulang(self.request.user, job),
                   berjalan=job.status in (ImporPenduduk.MENUNGGU, ImporPenduduk.BERJALAN))
        return ctx

    def post(self, request, *args, **kwargs):
        job = self.get_object()
        if not boleh_ulang(request.user, job):
            messages.error(request, "Impor ini tidak dapat dijalankan ulang sekarang.")
            return HttpResponseRedirect(job.get_absolute_url())
        ImporPenduduk.objects.filter(pk=job.pk).update(status=ImporPenduduk.MENUNGGU, pesan="", mulai=None)
        transaction.on_commit(lambda: impor.antrekan(job.pk))  # a worker must see the committed row
        messages.success(request, "Impor dijalankan ulang; baris yang sudah masuk tidak ditulis dua kali.")
        return HttpResponseRedirect(job.get_absolute_url())


class ImporProgres(ScopedDetailView):
    """The progress block, polled by HTMX every second while the job runs. When it ends the
    page reloads itself to show the report tables."""

    model = ImporPenduduk
    template_name = "kependudukan/_impor_progres.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        selesai = self.object.status in (ImporPenduduk.SELESAI, ImporPenduduk.GAGAL)
        if selesai and request.GET.get("berjalan"):
            response["HX-Refresh"] = "true"
        return response

    def get_context_data(self, **kwargs):
        job = self.object
        return super().get_context_data(berjalan=job.status in (ImporPenduduk.MENUNGGU, ImporPenduduk.BERJALAN),
                                         **kwargs)


class ImporLaporan(ScopedDetailView):
    """The full report of a job (every rejected row and note): ?format=csv (default) or xlsx."""

    model = ImporPenduduk

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        fmt = request.GET.get("format", "csv")
        if fmt not in ("csv", "xlsx"):
            raise Http404("Format laporan harus csv atau xlsx.")
        return unduhan_laporan(job, fmt)


def unduhan_laporan(job: ImporPenduduk, fmt: str) -> HttpResponse:
    nama = f"laporan-impor-{job.dibuat:%Y%m%d-%H%M}-{str(job.pk)[-6:]}.{fmt}"
    if fmt == "xlsx":
        body, ctype = impor.laporan_xlsx(job), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, ctype = impor.laporan_csv(job), "text/csv; charset=utf-8"
    resp = HttpResponse(body, content_type=ctype)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def unduhan_ekspor(request, desa: str) -> HttpResponse:
    """The OpenSID xlsx of `desa` (already checked to be in the user's scope): full identity
    numbers for roles with the full-NIK grant (each exported record is then a logged read),
    masked for the others."""
    user = request.user
    penuh = covers(user, "view_nik", Penduduk, desa)
    qs = restrict(Penduduk.objects.all(), user, "view")
    body, _n = ekspor_opensid(qs, desa=desa, penuh=penuh)
    if penuh:
        catat_akses_banyak(user=user, objs=qs.filter(owner_id=desa).only("id", "owner_id"), path=request.path)
    resp = HttpResponse(body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f'attachment; filename="{nama_berkas(desa)}"'
    return resp


class EksporOpenSID(ScopedMixin, generic.TemplateView):
    """?desa=KODE downloads the village's registry in OpenSID's format; without it a small
    page asks which village (a download never starts from a bare link)."""

    model = Penduduk
    template_name = "kependudukan/impor_ekspor.html"

    def get(self, request, *args, **kwargs):
        pilihan = selectors.pilihan_desa(request.user, Penduduk)
        kode = {k for k, _ in pilihan}
        desa = request.GET.get("desa", "")
        if desa:
            if desa not in kode:
                raise Http404("Desa tidak ditemukan.")
            return unduhan_ekspor(request, desa)
        if not pilihan:
            raise Http404("Tidak ada desa dalam cakupan Anda.")
        return self.render_to_response(self.get_context_data(form=EksporForm(desa_choices=pilihan)))
