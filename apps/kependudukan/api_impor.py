"""REST API of import and export of spreadsheets (OpenSID, SIAK); registered by api.py.

POST /api/v1/impor-penduduk/ (multipart: berkas, desa[, format]) queues a job;
GET /api/v1/impor-penduduk/{id}/ its status and counts; GET .../{id}/laporan/?format=csv|xlsx
its full report; GET /api/v1/ekspor-penduduk/?desa=KODE the village in OpenSID's xlsx."""
from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import has_action

from . import impor, selectors
from .models import ImporPenduduk, Penduduk


class _Unduhan(renderers.BaseRenderer):
    """Lets ?format=csv|xlsx through content negotiation; the views answer with the file
    itself, and an error is rendered as JSON text."""

    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data, ensure_ascii=False).encode() if data is not None else b""


class CsvRenderer(_Unduhan):
    media_type, format = "text/csv", "csv"


class XlsxRenderer(_Unduhan):
    media_type, format = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"


class ImporSerializer(serializers.ModelSerializer):
    desa = serializers.CharField(source="owner_id", read_only=True, help_text="Kode desa/kelurahan tujuan impor.")
    persen = serializers.IntegerField(read_only=True)
    pengguna = serializers.CharField(source="pengguna.get_username", read_only=True, default=None)

    class Meta:
        model = ImporPenduduk
        fields = ["id", "desa", "nama_berkas", "format", "status", "persen", "total", "diproses", "ditambah",
                  "diperbarui", "tetap", "keluarga_baru", "jumlah_galat", "pesan", "pengguna", "dibuat", "mulai",
                  "selesai"]
        read_only_fields = fields


class ImporDetailSerializer(ImporSerializer):
    galat = serializers.SerializerMethodField(help_text="200 baris ditolak pertama; semuanya di laporan.")

    class Meta(ImporSerializer.Meta):
        fields = [*ImporSerializer.Meta.fields, "galat"]
        read_only_fields = fields

    def get_galat(self, obj) -> list[dict]:
        return (obj.galat or [])[:200]


class UnggahSerializer(serializers.Serializer):
    berkas = serializers.FileField(help_text="xlsx/xlsm/xls format OpenSID atau SIAK, paling besar 20 MB.")
    desa = serializers.CharField(max_length=20, help_text="Kode desa/kelurahan, mis. 62.07.01.2005.")
    format = serializers.ChoiceField(choices=["", impor.OPENSID, impor.SIAK], required=False, default="")


class ImporPendudukViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           viewsets.GenericViewSet):
    base_queryset = ImporPenduduk.objects.select_related("pengguna")
    serializer_class = ImporSerializer
    parser_classes = [MultiPartParser, FormParser]
    ordering = "-dibuat"

    def get_serializer_class(self):
        return ImporDetailSerializer if self.action == "retrieve" else ImporSerializer

    def get_queryset(self):
        if self.action == "laporan":  # a GET that reads: the view scope
            from apps.akun.scope import restrict

            return restrict(self.base_queryset.all(), self.request.user, "view")
        return super().get_queryset()

    @extend_schema(request={"multipart/form-data": UnggahSerializer}, responses={201: ImporSerializer})
    def create(self, request, *args, **kwargs):
        if not has_action(request.user, ImporPenduduk, "add"):
            raise PermissionDenied("Anda tidak berwenang mengimpor penduduk.")
        s = UnggahSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        if d["desa"] not in {k for k, _ in impor.pilihan_desa_impor(request.user)}:
            raise serializers.ValidationError({"desa": ["Desa/kelurahan ini tidak ditemukan dalam cakupan Anda."]})
        try:
            job = impor.buat_impor(user=request.user, desa=d["desa"], berkas=d["berkas"], nama_berkas=d["berkas"].name,
                                   format=d.get("format") or "")
        except impor.BerkasDitolak as exc:
            raise serializers.ValidationError({"berkas": [exc.pesan]}) from None
        return Response(ImporSerializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["csv", "xlsx"], description="Bawaan: csv.")],
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.BINARY, description="Laporan lengkap")},
    )
    @action(detail=True, methods=["get"], renderer_classes=[CsvRenderer, XlsxRenderer, renderers.JSONRenderer])
    def laporan(self, request, pk=None):
        from .views.impor import unduhan_laporan

        job = self.get_object()
        fmt = request.query_params.get("format", "csv")
        return unduhan_laporan(job, "xlsx" if fmt == "xlsx" else "csv")


class EksporPendudukViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):
    """The registry of one village in OpenSID's import format (xlsx), masked by role."""

    base_queryset = Penduduk.objects.all()
    renderer_classes = [renderers.JSONRenderer, XlsxRenderer]
    pagination_class = None

    @extend_schema(
        parameters=[OpenApiParameter("desa", str, required=True, description="Kode desa/kelurahan.")],
        responses={(200, XlsxRenderer.media_type): OpenApiResponse(OpenApiTypes.BINARY, description="Berkas xlsx")},
    )
    def list(self, request, *args, **kwargs):
        from .views.impor import unduhan_ekspor

        desa = request.query_params.get("desa", "")
        if not desa:
            return Response({"desa": ["Wajib diisi: kode desa/kelurahan."]}, status=status.HTTP_400_BAD_REQUEST)
        if desa not in {k for k, _ in selectors.pilihan_desa(request.user, Penduduk)}:
            raise NotFound("Desa tidak ditemukan.")
        return unduhan_ekspor(request._request, desa)


def register(router) -> None:
    router.register("impor-penduduk", ImporPendudukViewSet, basename="impor-penduduk")
    router.register("ekspor-penduduk", EksporPendudukViewSet, basename="ekspor-penduduk")
