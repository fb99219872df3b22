"""User management for admins (admin kabupaten, superuser): list, create, detail with role
memberships, grant/revoke, deactivate, issue a new password.

Everyone else gets 404, and an admin finds only the people `selectors.visible_pengguna`
allows, so an out-of-scope account is simply not found.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import generic

from .. import security, selectors, services
from ..forms import CariPenggunaForm, KeanggotaanForm, PenggunaForm
from ..formulir import apply_service_errors
from ..models import Keanggotaan, Pengguna
from ..scope import get_scoped_or_404
from ..viewmixins import keyset_page
from .profil import no_store

LUAR_CAKUPAN = "Wilayah ini di luar cakupan Anda."


class AdminMixin(LoginRequiredMixin):
    model = Pengguna

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not selectors.can_manage_users(request.user):
            raise Http404("Halaman tidak ditemukan.")
        return super().dispatch(request, *args, **kwargs)

    def get_pengguna(self) -> Pengguna:
        obj = selectors.visible_pengguna(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Pengguna tidak ditemukan.")
        return obj


class PenggunaList(AdminMixin, generic.TemplateView):
    template_name = "akun/pengguna_list.html"
    page_size = 25

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return ["akun/_pengguna_tabel.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        form = CariPenggunaForm(self.request.GET or None, admin=user)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.search_pengguna(user, **{k: v or "" for k, v in filters.items()})
        after = self.request.GET.get("setelah", "")
        page = keyset_page(qs, key="pk", after=after if (after.isascii() and after.isdigit()) else None, size=self.page_size)
        params = self.request.GET.copy()
        params.pop("setelah", None)
        ctx.update(form=form, page=page, object_list=page.items, query_params=params.urlencode(),
                   disaring=any(filters.values()))
        return ctx


def _grant(form: KeanggotaanForm, pengguna: Pengguna, by) -> Keanggotaan:
    data = form.cleaned_data
    try:
        return services.grant_peran(pengguna=pengguna, peran=data["peran"], wilayah_kode=data["wilayah_kode"],
                                    unit=data.get("unit"), by=by)
    except PermissionDenied:
        raise ValidationError({"wilayah_kode": [LUAR_CAKUPAN]}) from None


class PenggunaBuat(AdminMixin, generic.TemplateView):
    template_name = "akun/pengguna_form.html"

    def _forms(self, data=None):
        user = self.request.user
        # Someone who cannot see role-less accounts must give a first role, or lose sight of them.
        peran_wajib = not selectors.sees_unassigned(user)
        return PenggunaForm(data), KeanggotaanForm(data, admin=user, peran_wajib=peran_wajib)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            ctx["form"], ctx["peran_form"] = self._forms()
        return ctx

    def post(self, request):
        form, peran_form = self._forms(request.POST)
        if form.is_valid() & peran_form.is_valid():
            try:
                with transaction.atomic():
                    data = form.cleaned_data
                    pengguna = services.create_pengguna(
                        username=data["username"], nama=data["nama"], email=data["email"] or None,
                        telepon=data["telepon"], password=data["password"] or None, by=request.user,
                    )
                    keanggotaan = _grant(peran_form, pengguna, request.user) if peran_form.cleaned_data["peran"] else None
            except ValidationError as exc:
                apply_service_errors(exc, form, peran_form)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                ctx = {"pengguna": pengguna, "kata_sandi": pengguna.generated_password, "keanggotaan": keanggotaan,
                       "baru": True}
                return no_store(render(request, "akun/pengguna_sandi.html", ctx))
        return self.render_to_response(self.get_context_data(form=form, peran_form=peran_form))


class PenggunaDetail(AdminMixin, generic.TemplateView):
    template_name = "akun/pengguna_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pengguna = self.get_pengguna()
        ctx.update(_peran_context(self.request.user, pengguna, kwargs.get("peran_form")))
        ctx.update(
            kelola_penuh=selectors.manages_fully(self.request.user, pengguna),
            otp_aktif=security.totp_aktif(pengguna),
        )
        return ctx


def _peran_context(admin, pengguna, form=None) -> dict:
    shown, hidden = selectors.memberships_in_scope(admin, pengguna)
    return {"pengguna": pengguna, "keanggotaan": shown, "peran_lain": hidden,
            "peran_form": form or KeanggotaanForm(admin=admin)}


class KeanggotaanTambah(PenggunaDetail):
    """POST a role for the person; with HTMX only the role card is swapped in place."""

    http_method_names = ["post"]

    def post(self, request, pk):
        pengguna = self.get_pengguna()
        form = KeanggotaanForm(request.POST, admin=request.user)
        baru = None
        if form.is_valid():
            try:
                baru = _grant(form, pengguna, request.user)
            except ValidationError as exc:
                apply_service_errors(exc, form)
        if request.htmx:
            # 200 even with errors: htmx swaps only successful responses.
            ctx = _peran_context(request.user, pengguna, None if baru else form)
            return render(request, "akun/_peran_kartu.html", {**ctx, "baru": baru})
        if baru is None:
            return self.render_to_response(self.get_context_data(peran_form=form))
        messages.success(request, f"Peran {baru.get_peran_display()} di {baru.wilayah.nama} diberikan.")
        return redirect("akun:pengguna_detail", pk=pengguna.pk)


class PilihanPeran(AdminMixin, generic.View):
    """The role/wilayah/unit fields re-rendered for the current choice (HTMX)."""

    http_method_names = ["get"]

    def get(self, request):
        form = KeanggotaanForm(initial=request.GET.dict(), admin=request.user,
                               peran_wajib=request.GET.get("wajib", "1") == "1")
        return render(request, "akun/_peran_fields.html", {"peran_form": form})


class KeanggotaanCabut(LoginRequiredMixin, generic.View):
    model = Keanggotaan
    http_method_names = ["post"]

    def post(self, request, pk):
        if not selectors.can_manage_users(request.user):
            raise Http404("Halaman tidak ditemukan.")
        obj = get_scoped_or_404(Keanggotaan.objects.select_related("pengguna", "wilayah"), request.user, "delete", pk=pk)
        try:
            services.revoke_peran(keanggotaan=obj, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Peran {obj.get_peran_display()} di {obj.wilayah.nama} dicabut dari {obj.pengguna}.")
        if selectors.is_visible(request.user, obj.pengguna):
            return redirect("akun:pengguna_detail", pk=obj.pengguna_id)
        return redirect("akun:pengguna_daftar")


class PenggunaStatus(AdminMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        pengguna = self.get_pengguna()
        aktif = request.POST.get("aktif") == "1"
        try:
            services.set_active(pengguna=pengguna, aktif=aktif, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, f"Akun {pengguna.username} {'diaktifkan' if aktif else 'dinonaktifkan'}.")
        return redirect("akun:pengguna_detail", pk=pengguna.pk)


class PenggunaSandi(AdminMixin, generic.View):
    """Issue a new random password, shown once (for officials without email)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        pengguna = self.get_pengguna()
        try:
            sandi = services.reset_password(pengguna=pengguna, by=request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("akun:pengguna_detail", pk=pengguna.pk)
        return no_store(render(request, "akun/pengguna_sandi.html", {"pengguna": pengguna, "kata_sandi": sandi}))


class PenggunaOtp(AdminMixin, generic.View):
    """Switch off the person's second factor (lost phone)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        pengguna = self.get_pengguna()
        try:
            services.reset_otp(pengguna=pengguna, by=request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Verifikasi dua langkah {pengguna.username} dimatikan; ia dapat memasangnya lagi setelah masuk.")
        return redirect("akun:pengguna_detail", pk=pengguna.pk)
