"""REST API of population statistics; registered by api.py.

`GET /api/v1/statistik-penduduk/?wilayah=KODE&kategori=...`: for officials, within their
"view_agregat" scope (404 outside it). `GET /api/v1/statistik-publik/?wilayah=&kategori=`: no
login, this kabupaten down to desa, aggregates only, throttled like every anonymous call
(REST_FRAMEWORK anon rate). Neither takes a NIK or a name: nothing here can tell whether a
person exists."""
from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from . import statistik
from .models import Penduduk

_PARAMS = [
    OpenApiParameter("wilayah", str, description="Kode Kemendagri wilayah (kosong: wilayah teratas cakupan Anda)."),
    OpenApiParameter("kategori", str, enum=list(statistik.KATEGORI),
                     description=f"Jenis statistik (bawaan: {statistik.BAWAAN})."),
]
_BARIS = {n: serializers.IntegerField() for n in ("laki_laki", "perempuan", "jumlah")}
_BARIS |= {n: serializers.FloatField() for n in ("persen_laki_laki", "persen_perempuan", "persen")}
_JAWABAN = inline_serializer("StatistikPenduduk", {
    "wilayah": inline_serializer("StatistikWilayah", {"kode": serializers.CharField(), "nama": serializers.CharField(),
                                                      "tingkat": serializers.CharField(),
                                                      "nama_lengkap": serializers.CharField()}),
    "kategori": inline_serializer("StatistikKategori", {"kode": serializers.CharField(),
                                                        "judul": serializers.CharField(),
                                                        "grafik": serializers.CharField()}),
    "acuan": serializers.DateField(help_text="Tanggal acuan umur."),
    "baris": inline_serializer("StatistikBaris", {"kode": serializers.CharField(), "label": serializers.CharField(),
                                                  **_BARIS}, many=True),
    "total": inline_serializer("StatistikTotal", {"label": serializers.CharField(), **_BARIS}),
})


class _StatistikViewSet(viewsets.ViewSet):
    # What the figures count (for the scope matrix); no row of it is ever returned.
    base_queryset = Penduduk.objects.none()

    def hitung(self, request):
        """(wilayah, figures) for the request: scoped for officials, public for the portal."""
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan hitung(): kelas dasar ini tidak memakainya sendiri.")

    def list(self, request):
        try:
            _w, data = self.hitung(request)
        except statistik.StatistikTidakDikenal as exc:
            raise NotFound(str(exc)) from exc
        return Response(data)


@extend_schema(tags=["kependudukan"])
class StatistikPendudukViewSet(_StatistikViewSet):
    """Population statistics of a wilayah in the caller's aggregate scope."""

    @extend_schema(parameters=_PARAMS, responses=_JAWABAN, summary="Statistik penduduk (agregat, sesuai cakupan)")
    def list(self, request):
        return super().list(request)

    def hitung(self, request):
        return statistik.statistik(request.user, request.query_params.get("wilayah"),
                                   request.query_params.get("kategori"))


@extend_schema(tags=["kependudukan"])
class StatistikPublikViewSet(_StatistikViewSet):
    """Public population statistics of this kabupaten (down to desa), no login."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    @extend_schema(parameters=_PARAMS, responses=_JAWABAN, summary="Statistik penduduk publik (agregat)")
    def list(self, request):
        return super().list(request)

    def hitung(self, request):
        return statistik.statistik_publik(request.query_params.get("wilayah"), request.query_params.get("kategori"))


def register(router) -> None:
    router.register("statistik-penduduk", StatistikPendudukViewSet, basename="statistik-penduduk")
    router.register("statistik-publik", StatistikPublikViewSet, basename="statistik-publik")
