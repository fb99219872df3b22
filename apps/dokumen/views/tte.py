"""Staff pages for electronic signatures (/tte/): "my signature" (see or create my certificate,
download it, revoke it when the passphrase is lost) and, for the regency administrator, the
list of every certificate with revocation. Writes go through `ca` services."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import memberships

from .. import ca
from ..forms import CabutForm, SertifikatBaruForm, SertifikatBsreForm
from ..models import SertifikatPenandatangan


def _admin_kabupaten(user) -> bool:
    return user.is_superuser or any(m.peran == "admin_kabupaten" for m in memberships(user))


def _form_baru(data=None):
    cls = SertifikatBsreForm if settings.EDESA_TTE_BACKEND == "bsre" else SertifikatBaruForm
    return cls(data)


@sensitive_post_parameters("passphrase", "passphrase2")
@login_required
@sensitive_variables("passphrase", "passphrase2", "turunan", "kunci_privat")  # also in ca/kunci frames below
def saya(request):
    """My certificate, or the form to create one (signing roles only)."""
    if not ca.boleh_bertanda_tangan(request.user):
        raise PermissionDenied("Akun Anda tidak memegang peran penandatangan.")
    aktif = ca.sertifikat_aktif(request.user)
    form = None if aktif else _form_baru(request.POST if request.method == "POST" else None)
    if form is not None and form.is_bound and form.is_valid():
        try:
            ca.terbitkan_sertifikat(pengguna=request.user, passphrase=form.cleaned_data.get("passphrase", ""),
                                    nik_bsre=form.cleaned_data.get("nik_bsre", ""), oleh=request.user)
        except ValidationError as exc:
            apply_service_errors(exc, form)
        else:
            messages.success(request, "Sertifikat tanda tangan elektronik Anda telah dibuat. Simpan passphrase "
                                      "Anda baik-baik: admin tidak dapat memulihkannya.")
            return redirect("tte:saya")
    riwayat = SertifikatPenandatangan.objects.filter(pengguna=request.user).order_by("-dibuat")[:10]
    return render(request, "dokumen/tte_saya.html", {
        "aktif": aktif, "form": form, "riwayat": riwayat, "form_cabut": CabutForm(),
        "bsre": settings.EDESA_TTE_BACKEND == "bsre", "pejabat": ca.pejabat_pengguna(request.user),
    })


@login_required
def unduh(request, pk):
    """A certificate (public part only) as PEM: one's own, or any for the administrator."""
    qs = SertifikatPenandatangan.objects.exclude(sertifikat_pem="")
    if not _admin_kabupaten(request.user):
        qs = qs.filter(pengguna=request.user)
    sert = get_object_or_404(qs, pk=pk)
    resp = HttpResponse(sert.sertifikat_pem, content_type="application/x-pem-file")
    resp["Content-Disposition"] = f'attachment; filename="sertifikat-{sert.nomor_seri[:16]}.pem"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


@login_required
@require_POST
def cabut(request, pk):
    """Revoke a certificate: the holder (e.g. passphrase forgotten) or the administrator."""
    admin = _admin_kabupaten(request.user)
    qs = SertifikatPenandatangan.objects.all() if admin else SertifikatPenandatangan.objects.filter(pengguna=request.user)
    sert = get_object_or_404(qs, pk=pk)
    form = CabutForm(request.POST)
    kembali = "tte:daftar" if admin and sert.pengguna_id != request.user.pk else "tte:saya"
    if not form.is_valid():
        messages.error(request, "Sertifikat tidak dicabut: alasan pencabutan wajib diisi.")
        return redirect(kembali)
    try:
        ca.cabut_sertifikat(sert, alasan=form.cleaned_data["alasan"], oleh=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Sertifikat {sert.nama} telah dicabut.")
    return redirect(kembali)


@login_required
def daftar(request):
    """Every signing certificate of the regency, newest first (regency administrator)."""
    if not _admin_kabupaten(request.user):
        raise PermissionDenied("Hanya admin kabupaten yang dapat melihat daftar sertifikat.")
    qs = SertifikatPenandatangan.objects.select_related("pengguna").order_by("-dibuat")
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    return render(request, "dokumen/tte_daftar.html", {"halaman": halaman, "form_cabut": CabutForm(),
                                                       "otoritas": ca.otoritas()})
