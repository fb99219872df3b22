"""The public verification pages (/verifikasi/): no login, small and fast, for a phone that
just scanned a QR code or a clerk checking a PDF someone sent. Each answer is one indexed
lookup; every visitor IP is rate-limited; nothing here writes a session. A page never shows
more than the masked summary the issuing office chose to publish."""
from __future__ import annotations

import contextlib
import uuid

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from apps.akun import ratelimit
from apps.akun.klien import ip_klien

from .. import qr, verifikasi
from ..forms import BerkasForm, KodeForm
from ..models import DokumenTerbit, OtoritasSertifikat

BATAS_LIHAT = 60  # page views per IP per minute
BATAS_UNGGAH = 10  # uploads per IP per minute


def _ip(request) -> str:
    return ip_klien(request) or "?"


def _dibatasi(request, lingkup: str, batas: int) -> HttpResponse | None:
    """The friendly 429 page when this IP is over its budget for `lingkup`, else None."""
    if not ratelimit.hit(f"verifikasi-{lingkup}", _ip(request), limit=batas, window=60):
        return None
    resp = render(request, "dokumen/verifikasi_batas.html", status=429)
    resp["Retry-After"] = "60"
    return resp


def _tanpa_cache(resp: HttpResponse) -> HttpResponse:
    # A cancellation must show at once, and a shared proxy must not keep a page with a CSRF form.
    resp["Cache-Control"] = "private, no-store"
    return resp


def _konteks_dokumen(dok: DokumenTerbit) -> dict:
    return {"dok": dok, "form_berkas": BerkasForm()}


def _kode_ke_url(kode: str) -> str | None:
    """A typed document code (the UUID printed by the QR) or a pasted QR text, as the document's
    page; None when it is neither."""
    kode = kode.strip()
    with contextlib.suppress(ValueError):  # not a UUID: maybe QR text
        return reverse("verifikasi:detail", args=[uuid.UUID(kode)])
    if "d=" in kode or kode.count(".") == 1:
        hasil = qr.periksa_teks(kode)
        if hasil.sah:
            return reverse("verifikasi:detail", args=[hasil.dokumen_id])
    return None


@require_safe
def beranda(request):
    """Explains what can be checked; takes a document code (or the QR's link) or a PDF."""
    if (r := _dibatasi(request, "lihat", BATAS_LIHAT)) is not None:
        return r
    form = KodeForm(request.GET or None)
    if form.is_valid():
        url = _kode_ke_url(form.cleaned_data["kode"])
        if url:
            return redirect(url)
        form.add_error("kode", "Kode dokumen tidak dikenali. Salin kode persis seperti tercetak di bawah kode QR, "
                               "atau pindai kode QR-nya.")
    return _tanpa_cache(render(request, "dokumen/verifikasi_beranda.html",
                               {"form": form, "form_berkas": BerkasForm()}))


@require_safe
def detail(request, pk):
    if (r := _dibatasi(request, "lihat", BATAS_LIHAT)) is not None:
        return r
    dok = DokumenTerbit.objects.filter(pk=pk).first()
    if dok is None:
        return _tanpa_cache(render(request, "dokumen/verifikasi_tidak_ada.html", status=404))
    return _tanpa_cache(render(request, "dokumen/verifikasi_detail.html", _konteks_dokumen(dok)))


@require_safe
def q(request):
    """Where a scanned QR code lands: the seal is checked first (offline, with the public key),
    then the register row it points to must carry the same number, date and content hash."""
    if (r := _dibatasi(request, "lihat", BATAS_LIHAT)) is not None:
        return r
    hasil = qr.periksa_teks(request.GET.get("d", ""))
    if not hasil.sah:
        return _tanpa_cache(render(request, "dokumen/verifikasi_qr_tidak_sah.html", {"hasil": hasil}, status=400))
    dok = DokumenTerbit.objects.filter(pk=hasil.dokumen_id).first()
    if dok is None:
        return _tanpa_cache(render(request, "dokumen/verifikasi_qr_belum.html", {"hasil": hasil}))
    if (dok.nomor, dok.tanggal, dok.hash_isi) != (hasil.nomor, hasil.tanggal, hasil.hash_isi):
        return _tanpa_cache(render(request, "dokumen/verifikasi_qr_tidak_sah.html", {"hasil": hasil}, status=400))
    return _tanpa_cache(render(request, "dokumen/verifikasi_detail.html", _konteks_dokumen(dok) | {"dari_qr": True}))


@require_POST
def berkas(request):
    """Check an uploaded PDF (see verifikasi.periksa_berkas). Read at most 10 MB + 1 byte."""
    if (r := _dibatasi(request, "unggah", BATAS_UNGGAH)) is not None:
        return r
    form = BerkasForm(request.POST, request.FILES)
    if not form.is_valid():
        return _tanpa_cache(render(request, "dokumen/verifikasi_beranda.html",
                                   {"form": KodeForm(), "form_berkas": form}, status=400))
    unggahan = form.cleaned_data["berkas"]
    data = unggahan.read(verifikasi.UKURAN_MAKS + 1)
    hasil = verifikasi.periksa_berkas(data)
    return _tanpa_cache(render(request, "dokumen/verifikasi_hasil.html", {"hasil": hasil, "form_berkas": BerkasForm()}))


def _pem(isi: str, nama: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type="application/x-pem-file")
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    resp["X-Content-Type-Options"] = "nosniff"
    return resp


def _otoritas_aktif() -> OtoritasSertifikat:
    ca = OtoritasSertifikat.objects.filter(aktif=True).first()
    if ca is None:
        raise Http404("Otoritas sertifikat belum dibuat.")
    return ca


@require_safe
def kunci_publik(request):
    """The QR seal's public key, for checking QR codes offline (manage.py verifikasi_qr)."""
    return _pem(_otoritas_aktif().segel_publik_pem, "edesa-segel-qr.pem")


@require_safe
def sertifikat_ca(request):
    """The CA certificate: add it as a trusted root in a PDF reader to see signatures as valid."""
    return _pem(_otoritas_aktif().sertifikat_pem, "edesa-ca.pem")
