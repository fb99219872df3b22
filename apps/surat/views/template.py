"""Template editor: the letter types with the template in force for the user's office, a new
version (never an edit in place), the version history, a live PDF preview, "pakai bawaan
kabupaten", and the number format editor. The office is the user's desa (its overrides) or,
for the admin kabupaten, the regency default; any other office in `?unit=` is a 404."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import escape
from django.views import View
from django.views.generic import TemplateView

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import covers, has_action, memberships
from apps.kependudukan.cetak import respons_pdf

from .. import penomoran, placeholder, render, selectors, services
from ..forms_template import FormatNomorForm, TemplateForm
from ..models import FormatNomor, JenisSurat, TemplateSurat


def _unit(request, *, tulis: bool, model=TemplateSurat, action="add") -> tuple[str, list[str]]:
    """The office the page works on and the offices the user may pick. Reading needs the
    model's view grant; writing needs `action` on that office. Anything else: 404."""
    if tulis:
        pilihan = [k for k in _kode_anggota(request.user) if covers(request.user, action, model, k)]
    else:
        pilihan = [k for k in _kode_anggota(request.user) if covers(request.user, "view", model, k)]
    diminta = request.POST.get("unit") or request.GET.get("unit") or (pilihan[0] if pilihan else "")
    if not pilihan and not has_action(request.user, model, "view"):
        raise PermissionDenied("Peran Anda tidak mengelola template surat.")
    if diminta not in pilihan:
        raise Http404("Kantor ini tidak ada atau di luar cakupan Anda.")
    return diminta, pilihan


def _kode_anggota(user) -> list[str]:
    kode = [m.wilayah_id for m in memberships(user) if len(m.wilayah_id.split(".")) in (2, 4)]
    return list(dict.fromkeys(kode))


def _versi(user, pk, unit: str) -> TemplateSurat:
    """The template version named in the URL, if the user may read it and its letter type is
    in the catalogue of the office being edited; else 404. Pages about a letter type are
    addressed by one of its versions (the one shown in the list)."""
    tpl = selectors.template_terlihat(user, pk)
    if tpl is None or not tpl.jenis.aktif or tpl.jenis.owner_id != selectors.kode_kabupaten(unit):
        raise Http404("Template tidak ditemukan.")
    return tpl


class TemplateDaftar(LoginRequiredMixin, TemplateView):
    template_name = "surat/template_daftar.html"

    def get_context_data(self, **kwargs):
        unit, pilihan = _unit(self.request, tulis=False)
        return super().get_context_data(
            unit=unit, pilihan_unit=pilihan, daftar=selectors.daftar_template(self.request.user, unit),
            boleh_tulis=services.boleh_tulis_template(self.request.user, unit), kabupaten=len(unit.split(".")) == 2,
            boleh_format=covers(self.request.user, "change", FormatNomor, unit), **kwargs)


class TemplateUbah(LoginRequiredMixin, TemplateView):
    """GET: the form filled from the template in force. POST: a new version of the office."""

    template_name = "surat/template_ubah.html"
    model = TemplateSurat

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.unit, _ = _unit(request, tulis=True)
            self.jenis = _versi(request.user, kwargs["pk"], self.unit).jenis
        return super().dispatch(request, *args, **kwargs)

    def berlaku(self) -> TemplateSurat | None:
        if len(self.unit.split(".")) == 2:
            return selectors.versi_template(self.jenis, self.unit).first()
        try:
            return selectors.template_berlaku(self.jenis, self.unit)
        except ValidationError:
            return None

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", TemplateForm(initial=TemplateForm.awal(self.berlaku())))
        return super().get_context_data(
            unit=self.unit, jenis=self.jenis, berlaku=self.berlaku(), placeholder_penduduk=placeholder.PENDUDUK,
            placeholder_surat=placeholder.SURAT, isian_jenis=self.jenis.isian, **kwargs)

    def post(self, request, *args, **kwargs):
        form = TemplateForm(request.POST)
        if form.is_valid():
            try:
                tpl = services.buat_versi_template(pengguna=request.user, jenis=self.jenis, owner_id=self.unit,
                                                   **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(exc, form)
            else:
                messages.success(request, f"Template {self.jenis.nama} versi {tpl.versi} disimpan.")
                return HttpResponseRedirect(reverse("surat:template_riwayat", args=[tpl.pk]) + f"?unit={self.unit}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TemplateRiwayat(LoginRequiredMixin, TemplateView):
    template_name = "surat/template_riwayat.html"
    model = TemplateSurat

    def get_context_data(self, **kwargs):
        unit, _ = _unit(self.request, tulis=False)
        jenis = _versi(self.request.user, self.kwargs["pk"], unit).jenis
        kab = selectors.kode_kabupaten(unit)
        return super().get_context_data(
            unit=unit, jenis=jenis, versi_kantor=list(selectors.versi_template(jenis, unit)) if unit != kab else [],
            versi_kabupaten=list(selectors.versi_template(jenis, kab)),
            boleh_tulis=services.boleh_tulis_template(self.request.user, unit), versi_pk=self.kwargs["pk"], **kwargs)


class TemplatePratinjau(LoginRequiredMixin, View):
    """GET: the version in the URL; POST: the editor's unsaved form (for that version's letter
    type), as a sample PDF."""

    model = TemplateSurat

    def get(self, request, pk):
        unit, _ = _unit(request, tulis=False)
        tpl = _versi(request.user, pk, unit)
        return respons_pdf(render.pratinjau_template(tpl, pengguna=request.user, kode_desa=unit), "pratinjau.pdf")

    def post(self, request, pk):
        unit, _ = _unit(request, tulis=True)
        jenis = _versi(request.user, pk, unit).jenis
        form = TemplateForm(request.POST)
        if not form.is_valid():
            return HttpResponse("Pratinjau gagal: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()),
                                status=400, content_type="text/plain; charset=utf-8")
        d = form.cleaned_data
        try:
            placeholder.periksa({k: d[k] for k in services.TEKS_TEMPLATE},
                                {f["kode"] for f in jenis.isian or []} | {f["kode"] for f in d["isian"]})
        except ValidationError as exc:
            return HttpResponse("Pratinjau gagal: " + " ".join(exc.messages), status=400,
                                content_type="text/plain; charset=utf-8")
        tpl = TemplateSurat(jenis=jenis, versi=0, judul=d["judul"], pembuka=d["pembuka"], kolom_data=d["kolom_data"],
                            isi=d["isi"], penutup=d["penutup"], isian=d["isian"], kertas=d["kertas"],
                            mengetahui_camat=d["mengetahui_camat"])
        return respons_pdf(render.pratinjau_template(tpl, pengguna=request.user, kode_desa=unit), "pratinjau.pdf")


class TemplateBawaan(LoginRequiredMixin, View):
    """POST: the village goes back to the regency default (a new version copying it)."""

    model = TemplateSurat

    def post(self, request, pk):
        unit, _ = _unit(request, tulis=True)
        jenis = _versi(request.user, pk, unit).jenis
        try:
            tpl = services.pakai_bawaan(pengguna=request.user, jenis=jenis, owner_id=unit)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"{jenis.nama} kembali memakai template bawaan kabupaten (versi {tpl.versi}).")
        return HttpResponseRedirect(reverse("surat:template_riwayat", args=[pk]) + f"?unit={unit}")


class FormatNomorView(LoginRequiredMixin, TemplateView):
    template_name = "surat/template_format.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.unit, self.pilihan = _unit(request, tulis=request.method == "POST", model=FormatNomor,
                                            action="change")
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        return FormatNomorForm(data, jenis_qs=JenisSurat.objects.filter(aktif=True,
                                                                        owner_id=selectors.kode_kabupaten(self.unit)))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.form())
        daftar = list(FormatNomor.objects.filter(owner_id=self.unit).select_related("jenis").order_by("jenis__nama"))
        for f in daftar:
            f.contoh = penomoran.contoh(f.format, owner_id=self.unit, digit=f.digit,
                                        kode=f.jenis.kode_klasifikasi if f.jenis else "470")
        return super().get_context_data(
            unit=self.unit, pilihan_unit=self.pilihan, daftar=daftar, token=penomoran.TOKEN,
            boleh_ubah=covers(self.request.user, "change", FormatNomor, self.unit),
            contoh_bawaan=penomoran.contoh(penomoran.FORMAT_BAWAAN, owner_id=self.unit), **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.simpan_format_nomor(pengguna=request.user, owner_id=self.unit, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(exc, form)
            else:
                messages.success(request, "Format nomor disimpan.")
                return HttpResponseRedirect(reverse("surat:format_nomor") + f"?unit={self.unit}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class FormatContoh(LoginRequiredMixin, View):
    """htmx: the example number of the format being typed, or why it is wrong."""

    def get(self, request):
        unit, _ = _unit(request, tulis=False, model=FormatNomor)
        try:
            digit = min(max(int(request.GET.get("digit") or 3), 1), 6)
            teks = "Contoh: " + penomoran.contoh(request.GET.get("format", ""), owner_id=unit, digit=digit)
        except ValueError:
            teks = "Jumlah digit harus angka 1 sampai 6."
        except ValidationError as exc:
            teks = " ".join(exc.messages)
        # Swapped into the page by htmx: escaped, the format is what the user typed.
        return HttpResponse(escape(teks))
