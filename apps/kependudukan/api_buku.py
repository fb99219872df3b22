"""REST API of the population books (Permendagri 47/2016) and list exports; registered by api.py.

- /api/v1/daftar/penduduk/ and /api/v1/daftar/keluarga/: the list with the web list's filters
  (q, desa, wilayah, jenis_kelamin, status, umur_min, umur_max, alamat, pendidikan, pekerjaan,
  agama, status_perkawinan); JSON a keyset page at a time (`setelah`), or the whole filtered
  list with ?format=csv|xlsx.
- /api/v1/buku/<induk|mutasi|rekapitulasi|sementara|ktp-kk>/?desa=...&periode=YYYY-MM|tahun=YYYY:
  JSON (one page, `setelah`/`mulai`), or the whole book with ?format=pdf|xlsx|csv.
NIK and No KK are masked unless the caller may see the village's full numbers."""
from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured, ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import renderers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from apps.akun.scope import restrict

from . import buku, cetak, selectors
from .forms import FilterKeluargaForm, FilterPendudukForm
from .models import Keluarga, Penduduk, PendudukSementara, Peristiwa


class _Berkas(renderers.BaseRenderer):
    """Lets DRF accept ?format=csv|xlsx|pdf; the view answers such requests with the file itself."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict | list):  # an error answered in JSON shape
            import json

            return json.dumps(data, ensure_ascii=False).encode()
        return data


class CsvRenderer(_Berkas):
    media_type, format = "text/csv", "csv"


class XlsxRenderer(_Berkas):
    media_type, format = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"


class PdfRenderer(_Berkas):
    media_type, format = "application/pdf", "pdf"


def _format(request) -> str:
    r = getattr(request, "accepted_renderer", None)
    return r.format if r is not None and r.format in ("csv", "xlsx", "pdf") else "json"


class _DaftarViewSet(viewsets.GenericViewSet):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer, XlsxRenderer]
    pagination_class = None
    form_class: type
    model_daftar: type
    kolom: list
    baris_fn = None
    judul = ""
    page_key = ""

    def get_queryset(self):
        return restrict(self.base_queryset.all(), self.request.user, "view")

    def _qs(self):
        user, p = self.request.user, self.request.query_params
        desa, lingkungan = selectors.pilihan_filter(user, p.get("desa", ""), self.model_daftar)
        form = self.form_class(p, desa_choices=desa, wilayah_choices=lingkungan)
        cari = selectors.cari_penduduk if self.model_daftar is Penduduk else selectors.cari_keluarga
        return cari(self.get_queryset(), user=user, **form.nilai())

    def list(self, request, *args, **kwargs):
        fmt = _format(request)
        qs = self._qs()
        nama = cetak.nama_berkas(self.judul, ext=fmt)
        if fmt == "csv":
            return cetak.respons_csv([k.judul for k in self.kolom], type(self).baris_fn(request.user, qs, path=request.path), nama)
        if fmt == "xlsx":
            return cetak.respons_xlsx(cetak.Dokumen(judul=self.judul, kolom=self.kolom,
                                                    baris=type(self).baris_fn(request.user, qs, path=request.path)), nama)
        page = selectors.halaman(qs, key=self.page_key, after=request.query_params.get("setelah") or None, size=50)
        pks = [o.pk for o in page.items]
        rows = list(type(self).baris_fn(request.user, qs.filter(pk__in=pks), path=request.path)) if pks else []
        judul = [k.judul for k in self.kolom]
        return Response({"kolom": judul, "hasil": [dict(zip(judul, r, strict=True)) for r in rows],
                         "setelah": page.next_after})


_FILTER = [OpenApiParameter(n, str, description=d) for n, d in (
    ("format", "json (bawaan), csv atau xlsx: seluruh daftar yang tersaring."),
    ("q", "Bagian nama, NIK/No. KK lengkap, atau awalannya (hanya bila boleh melihat nomor lengkap)."),
    ("desa", "Kode desa/kelurahan."), ("wilayah", "Kode dusun/RW/RT di desa itu."),
    ("setelah", "Kursor halaman berikutnya (dari jawaban sebelumnya)."),
)]


class DaftarPendudukViewSet(_DaftarViewSet):
    base_queryset = Penduduk.objects.all()
    model_daftar = Penduduk
    form_class = FilterPendudukForm
    kolom = buku.KOLOM_DAFTAR_PENDUDUK
    baris_fn = buku.baris_daftar_penduduk
    judul = "Daftar penduduk"
    page_key = ("owner_id", "nama_cari")

    @extend_schema(parameters=_FILTER, responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class DaftarKeluargaViewSet(_DaftarViewSet):
    base_queryset = Keluarga.objects.all()
    model_daftar = Keluarga
    form_class = FilterKeluargaForm
    kolom = buku.KOLOM_DAFTAR_KELUARGA
    baris_fn = buku.baris_daftar_keluarga
    judul = "Daftar keluarga"
    page_key = "wilayah_id"

    @extend_schema(parameters=_FILTER, responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class _BukuViewSet(viewsets.GenericViewSet):
    renderer_classes = [renderers.JSONRenderer, CsvRenderer, XlsxRenderer, PdfRenderer]
    pagination_class = None
    action_buku = "view"
    pakai_periode = pakai_tahun = False

    def get_queryset(self):
        return restrict(self.base_queryset.all(), self.request.user, self.action_buku)

    def susun(self, desa, **kw):
        """The book of `desa` as a cetak.Dokumen (one per book viewset)."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan susun(): kelas dasar ini tidak memakainya sendiri.")

    def semua(self, desa):
        """Every row of the book of `desa`, for the JSON answer (one per book viewset)."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan semua(): kelas dasar ini tidak memakainya sendiri.")

    def list(self, request, *args, **kwargs):
        p = request.query_params
        desa = buku.desa_buku(request.user, p.get("desa"), model=self.base_queryset.model, action=self.action_buku)
        if desa is None:
            if p.get("desa"):
                raise NotFound("Desa ini tidak ada atau di luar cakupan Anda.")
            raise ApiValidationError({"desa": ["Sebutkan kode desa/kelurahan, mis. ?desa=62.07.01.2005."]})
        try:
            self.periode = buku.baca_periode(p.get("periode")) if self.pakai_periode else None
            self.tahun = buku.baca_tahun(p.get("tahun")) if self.pakai_tahun else None
        except ValidationError as exc:
            raise ApiValidationError(exc.message_dict) from None
        fmt = _format(request)
        if fmt != "json":
            b = self.susun(desa, ukuran=0)
            nama = cetak.nama_berkas(b.judul, desa.nama, str(self.periode or self.tahun or ""), ext=fmt)
            if fmt == "csv":
                return cetak.respons_csv(b.judul_kolom(), self.semua(desa), nama)
            dok = b.dokumen(request.user, self.semua(desa))
            if fmt == "xlsx":
                return cetak.respons_xlsx(dok, nama)
            return cetak.respons_pdf(cetak.pdf(dok, kertas="f4" if p.get("kertas") == "f4" else "a4"), nama)
        mulai = p.get("mulai", "")
        b = self.susun(desa, setelah=p.get("setelah") or None,
                       mulai=int(mulai) if mulai.isascii() and mulai.isdigit() and len(mulai) < 8 else 1)
        return Response({"judul": b.judul, "desa": desa.kode, "subjudul": b.subjudul, "kolom": b.judul_kolom(),
                         "baris": b.baris, "setelah": b.berikutnya, "mulai_berikutnya": b.mulai + len(b.baris),
                         "nomor_lengkap": b.penuh})


_BUKU_PARAM = [OpenApiParameter(n, str, description=d) for n, d in (
    ("desa", "Kode desa/kelurahan (wajib bila Anda mencakup lebih dari satu desa)."),
    ("format", "json (bawaan, satu halaman), pdf, xlsx atau csv (seluruh buku)."),
    ("kertas", "a4 (bawaan) atau f4, untuk PDF."), ("setelah", "Kursor halaman berikutnya."),
    ("mulai", "Nomor urut baris pertama halaman ini."),
)]
_PERIODE = OpenApiParameter("periode", str, description="Bulan, TTTT-BB (mis. 2026-01); kosong: bulan ini.")
_TAHUN = OpenApiParameter("tahun", int, description="Tahun (mis. 2026); kosong: tahun ini.")


class BukuIndukViewSet(_BukuViewSet):
    base_queryset = Penduduk.objects.all()

    def susun(self, desa, **kw):
        return buku.buku_induk(self.request.user, desa, path=self.request.path, **kw)

    def semua(self, desa):
        return buku.semua_induk(self.request.user, desa, path=self.request.path)

    @extend_schema(parameters=_BUKU_PARAM, responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class BukuMutasiViewSet(_BukuViewSet):
    base_queryset = Peristiwa.objects.all()
    pakai_periode = True

    def susun(self, desa, **kw):
        return buku.buku_mutasi(self.request.user, desa, self.periode, **kw)

    def semua(self, desa):
        return buku.semua_mutasi(self.request.user, desa, self.periode)

    @extend_schema(parameters=[*_BUKU_PARAM, _PERIODE], responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class BukuRekapitulasiViewSet(_BukuViewSet):
    base_queryset = Penduduk.objects.all()
    action_buku = "view_agregat"
    pakai_periode = True

    def susun(self, desa, **kw):
        return buku.buku_rekapitulasi(self.request.user, desa, self.periode)

    def semua(self, desa):
        return iter(self.susun(desa).baris)

    @extend_schema(parameters=[*_BUKU_PARAM, _PERIODE], responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class BukuSementaraViewSet(_BukuViewSet):
    base_queryset = PendudukSementara.objects.all()
    pakai_tahun = True

    def susun(self, desa, **kw):
        return buku.buku_sementara(self.request.user, desa, self.tahun, path=self.request.path, **kw)

    def semua(self, desa):
        return buku.semua_sementara(self.request.user, desa, self.tahun, path=self.request.path)

    @extend_schema(parameters=[*_BUKU_PARAM, _TAHUN], responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class BukuKtpKkViewSet(_BukuViewSet):
    base_queryset = Keluarga.objects.all()

    def susun(self, desa, **kw):
        return buku.buku_ktp_kk(self.request.user, desa, path=self.request.path, **kw)

    def semua(self, desa):
        return buku.semua_ktp_kk(self.request.user, desa, path=self.request.path)

    @extend_schema(parameters=_BUKU_PARAM, responses={200: OpenApiTypes.OBJECT})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


def register(router) -> None:
    router.register("daftar/penduduk", DaftarPendudukViewSet, basename="daftar-penduduk")
    router.register("daftar/keluarga", DaftarKeluargaViewSet, basename="daftar-keluarga")
    router.register("buku/induk", BukuIndukViewSet, basename="buku-induk")
    router.register("buku/mutasi", BukuMutasiViewSet, basename="buku-mutasi")
    router.register("buku/rekapitulasi", BukuRekapitulasiViewSet, basename="buku-rekapitulasi")
    router.register("buku/sementara", BukuSementaraViewSet, basename="buku-sementara")
    router.register("buku/ktp-kk", BukuKtpKkViewSet, basename="buku-ktp-kk")
