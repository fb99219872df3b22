"""Layanan mandiri: the resident's own pages under /layanan/ (log in with NIK + PIN, family
data, letters, correction requests). Small pages for cheap phones; every query goes through
`restrict` with the warga grants, so a resident only ever sees their own family."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters

from apps.akun import notifikasi
from apps.akun.formulir import apply_service_errors
from apps.akun.scope import restrict

from .. import alur, isian, mandiri, perbaikan, selectors
from ..forms_mandiri import GantiPinForm, MasukForm, PerbaikanForm, SuratBaruForm
from ..models import PermohonanPerbaikan, StatusSurat, Surat

BACKEND = "apps.surat.backends.NikPinBackend"
BUKAN_WARGA = "Halaman layanan mandiri hanya untuk warga yang masuk dengan NIK dan PIN."
# Status -> Bootstrap badge colour on the resident's pages.
WARNA_STATUS = {
    StatusSurat.DIAJUKAN: "secondary", StatusSurat.DIPERIKSA: "info", StatusSurat.DITOLAK: "danger",
    StatusSurat.DITANDATANGANI: "success", StatusSurat.SELESAI: "success", StatusSurat.DIBATALKAN: "dark",
    PermohonanPerbaikan.BARU: "secondary", PermohonanPerbaikan.DIPROSES: "info",
}


def _warnai(items: list) -> list:
    """Each letter/request gets the colour of its status badge."""
    for x in items:
        x.warna = WARNA_STATUS.get(x.status, "success")
    return items


def _tujuan(request) -> str:
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if nxt.startswith("/layanan/") and url_has_allowed_host_and_scheme(nxt, {request.get_host()},
                                                                      require_https=request.is_secure()):
        return nxt
    return reverse("mandiri:beranda")


class WargaMixin:
    """A logged-in resident (an account linked to a living Penduduk) who has chosen their own
    PIN; staff accounts get a 403, anonymous visitors the NIK+PIN login."""

    perlu_pin_sendiri = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("mandiri:masuk"))
        self.warga = mandiri.penduduk_akun(user)
        if self.warga is None:
            raise PermissionDenied(BUKAN_WARGA)
        if self.perlu_pin_sendiri and user.harus_ganti_sandi:
            return redirect("mandiri:ganti_pin")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(warga=self.warga, **kwargs)


@method_decorator(sensitive_post_parameters("pin"), name="dispatch")
class Masuk(generic.FormView):
    template_name = "surat/mandiri/masuk.html"
    form_class = MasukForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and mandiri.penduduk_akun(request.user) is not None:
            return redirect(_tujuan(request))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        hasil = mandiri.masuk(self.request, form.cleaned_data["nik"], form.cleaned_data["pin"])
        if hasil.pengguna is None:
            form.add_error(None, hasil.pesan)
            return self.render_to_response(self.get_context_data(form=form), status=hasil.status)
        login(self.request, hasil.pengguna, backend=BACKEND)
        if hasil.pengguna.harus_ganti_sandi:
            return redirect("mandiri:ganti_pin")
        return redirect(_tujuan(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=_tujuan(self.request), **kwargs)


class Keluar(generic.View):
    http_method_names = ["post"]

    def post(self, request):
        logout(request)
        messages.info(request, "Anda sudah keluar dari layanan mandiri.")
        return redirect("mandiri:masuk")


@method_decorator(sensitive_post_parameters("pin_lama", "pin_baru", "pin_ulang"), name="dispatch")
class GantiPin(WargaMixin, generic.FormView):
    template_name = "surat/mandiri/ganti_pin.html"
    form_class = GantiPinForm
    perlu_pin_sendiri = False

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            mandiri.ganti_pin(self.request.user, d["pin_lama"], d["pin_baru"])
        except mandiri.PinTerkunci as exc:
            # Too many wrong old PINs: whoever holds this session does not know the PIN.
            logout(self.request)
            messages.error(self.request, str(exc))
            return redirect("mandiri:masuk")
        except ValidationError as exc:
            apply_service_errors(exc, form)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, "PIN baru tersimpan. Jangan beri tahu PIN Anda kepada siapa pun, "
                                       "termasuk petugas.")
        return redirect("mandiri:beranda")


class Beranda(WargaMixin, generic.TemplateView):
    template_name = "surat/mandiri/beranda.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            anggota=list(mandiri.anggota_keluarga(user)),
            surat=_warnai(list(mandiri.surat_saya(user)[:10])),
            notifikasi=list(notifikasi.milik(user)[:5]),
            **kwargs)


class Notifikasi(WargaMixin, generic.TemplateView):
    template_name = "surat/mandiri/notifikasi.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(notifikasi=list(notifikasi.milik(self.request.user)[:50]), **kwargs)
        notifikasi.tandai_dibaca(self.request.user)
        return ctx


class Perbaikan(WargaMixin, generic.FormView):
    template_name = "surat/mandiri/perbaikan.html"
    form_class = PerbaikanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "anggota": mandiri.anggota_keluarga(self.request.user)}

    def get_initial(self):
        return {"penduduk": str(self.warga.pk)}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            perbaikan.ajukan(pengguna=self.request.user, penduduk=d["penduduk"], data=d["data"], isi=d["isi"],
                             foto=d.get("foto"))
        except ValidationError as exc:
            apply_service_errors(exc, form)
            return self.form_invalid(form)
        messages.success(self.request, "Permohonan perbaikan data terkirim. Kantor desa akan menanggapinya.")
        return redirect("mandiri:perbaikan")

    def get_context_data(self, **kwargs):
        permohonan = (restrict(PermohonanPerbaikan.objects.all(), self.request.user, "view")
                      .select_related("penduduk").order_by("-created_at")[:20])
        return super().get_context_data(permohonan=_warnai(list(permohonan)), **kwargs)


class SuratBaru(WargaMixin, generic.FormView):
    """Step 1 (no ?jenis): pick a letter type. Step 2: whom for, the fields, the scans."""

    template_name = "surat/mandiri/surat_baru.html"
    form_class = SuratBaruForm

    def dispatch(self, request, *args, **kwargs):
        self.jenis = self.template = None
        return super().dispatch(request, *args, **kwargs)

    def _siapkan(self):
        kode = self.request.GET.get("jenis") or ""
        if not kode:
            return
        self.jenis = selectors.jenis_tersedia(self.request.user, mandiri=True).filter(kode=kode).first()
        if self.jenis is None:
            raise Http404("Jenis surat tidak ditemukan atau tidak dapat diajukan lewat layanan mandiri.")
        self.template = selectors.template_berlaku(self.jenis, self.warga.owner_id)

    def get(self, request, *args, **kwargs):
        self._siapkan()
        if self.jenis is None:
            return render(request, "surat/mandiri/surat_pilih.html", {
                "warga": self.warga, "jenis_daftar": list(selectors.jenis_tersedia(request.user, mandiri=True))})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._siapkan()
        if self.jenis is None:
            return redirect("mandiri:surat_baru")
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "anggota": mandiri.anggota_keluarga(self.request.user),
                "spesifikasi": isian.spesifikasi_gabungan(self.jenis, self.template), "syarat": self.jenis.syarat or []}

    def get_initial(self):
        return {"untuk": str(self.warga.pk)}

    def form_valid(self, form):
        try:
            surat = mandiri.ajukan_surat(pengguna=self.request.user, penduduk=form.cleaned_data["untuk"],
                                         jenis=self.jenis, isian=form.isian(), berkas=form.berkas())
        except ValidationError as exc:
            apply_service_errors(exc, form, aliases=form.alias())
            return self.form_invalid(form)
        messages.success(self.request, f"Permohonan {self.jenis.nama} terkirim. Anda akan diberi tahu bila "
                                       "surat sudah ditandatangani.")
        return redirect("mandiri:surat_detail", surat.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(jenis=self.jenis, **kwargs)


class _SuratWarga(WargaMixin):
    model = Surat

    def get_surat(self) -> Surat:
        s = mandiri.surat_saya(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if s is None:
            raise Http404("Surat tidak ditemukan.")
        return s


class SuratDetail(_SuratWarga, generic.TemplateView):
    template_name = "surat/mandiri/surat_detail.html"

    def get_context_data(self, **kwargs):
        s = _warnai([self.get_surat()])[0]
        return super().get_context_data(
            surat=s, riwayat=list(s.riwayat.select_related("oleh").order_by("waktu")),
            lampiran=list(s.lampiran.order_by("syarat")),
            bisa_unduh=s.status in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) and bool(s.berkas), **kwargs)


class SuratUnduh(_SuratWarga, generic.View):
    """The signed PDF, always as a download; the first download marks the letter collected."""

    def get(self, request, pk):
        s = self.get_surat()
        if s.status not in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) or not s.berkas:
            raise Http404("Surat belum ditandatangani.")
        if s.status == StatusSurat.DITANDATANGANI:
            alur.tandai_selesai(s, pengguna=request.user)
        nama = f"surat-{s.jenis.kode}-{(s.nomor or str(s.pk)).replace('/', '-')}.pdf"
        resp = FileResponse(s.berkas.open("rb"), as_attachment=True, filename=nama, content_type="application/pdf")
        resp["X-Content-Type-Options"] = "nosniff"
        return resp
