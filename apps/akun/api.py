"""REST API of akun: role memberships (scoped; admins grant and revoke them through the
services) and `saya`, the caller with their roles and scopes."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from apps.wilayah.models import UnitKerja

from . import selectors, services
from .api_base import ScopedViewSetMixin
from .models import Keanggotaan, Pengguna
from .roles import PERAN_BY_KODE, PERAN_CHOICES
from .scope import memberships, roots
from .security import totp_aktif


class KeanggotaanSerializer(serializers.ModelSerializer):
    peran_nama = serializers.CharField(source="get_peran_display", read_only=True)
    tingkat = serializers.SerializerMethodField(help_text="Tingkat peran: kabupaten, kecamatan atau desa.")
    wilayah_kode = serializers.CharField(source="wilayah_id", read_only=True)
    wilayah_nama = serializers.CharField(source="wilayah.nama", read_only=True)
    unit_nama = serializers.CharField(source="unit.nama", read_only=True, default=None)

    class Meta:
        model = Keanggotaan
        fields = ["id", "pengguna", "peran", "peran_nama", "tingkat", "wilayah_kode", "wilayah_nama", "unit",
                  "unit_nama", "aktif", "created_at"]
        read_only_fields = fields

    def get_tingkat(self, obj) -> str:
        return PERAN_BY_KODE[obj.peran].tingkat


class KeanggotaanInputSerializer(serializers.Serializer):
    pengguna = serializers.IntegerField(help_text="id pengguna")
    peran = serializers.ChoiceField(choices=PERAN_CHOICES, error_messages={"invalid_choice": "Peran “{input}” tidak dikenal."})
    wilayah_kode = serializers.CharField(max_length=40, help_text="Kode wilayah Kemendagri, mis. 62.07.01")
    unit = serializers.UUIDField(required=False, allow_null=True, help_text="id unit kerja (opsional)")

    def validate_pengguna(self, value):
        pengguna = Pengguna.objects.filter(pk=value).first()
        if pengguna is None:
            raise serializers.ValidationError("Pengguna tidak ditemukan.")
        return pengguna

    def validate_unit(self, value):
        if value is None:
            return None
        unit = UnitKerja.objects.filter(pk=value).first()
        if unit is None:
            raise serializers.ValidationError("Unit kerja tidak ditemukan.")
        return unit


def _as_api_error(exc: DjangoValidationError) -> ValidationError:
    return ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


@extend_schema(parameters=[
    OpenApiParameter("pengguna", int, description="Hanya keanggotaan pengguna ini"),
    OpenApiParameter("peran", str, description="Hanya peran ini"),
])
class KeanggotaanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Role memberships in the caller's scope (everyone sees their own). Admins grant a role
    with POST and revoke it with DELETE; the same rules as the web forms apply."""

    base_queryset = Keanggotaan.objects.select_related("wilayah", "unit")
    serializer_class = KeanggotaanSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        p = self.request.query_params
        if (p.get("pengguna", "").isascii() and p.get("pengguna", "").isdigit()):
            qs = qs.filter(pengguna_id=int(p["pengguna"]))
        if p.get("peran"):
            qs = qs.filter(peran=p["peran"])
        return qs

    @extend_schema(request=KeanggotaanInputSerializer, responses={201: KeanggotaanSerializer})
    def create(self, request, *args, **kwargs):
        if not selectors.can_manage_users(request.user):
            raise PermissionDenied("Anda tidak berwenang memberi peran.")
        data = KeanggotaanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            obj = services.grant_peran(by=request.user, **data.validated_data)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None
        return Response(KeanggotaanSerializer(obj).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        try:
            services.revoke_peran(keanggotaan=instance, by=self.request.user)
        except DjangoValidationError as exc:
            raise _as_api_error(exc) from None


class SayaSerializer(serializers.ModelSerializer):
    verifikasi_dua_langkah = serializers.SerializerMethodField()
    keanggotaan = serializers.SerializerMethodField()
    cakupan = serializers.SerializerMethodField(help_text="Kode wilayah puncak tiap cakupan peran")
    kelola_pengguna = serializers.SerializerMethodField(help_text="Boleh mengelola pengguna dan peran")

    class Meta:
        model = Pengguna
        fields = ["id", "username", "nama", "email", "telepon", "is_superuser", "verifikasi_dua_langkah",
                  "kelola_pengguna", "cakupan", "keanggotaan"]

    def get_verifikasi_dua_langkah(self, obj) -> bool:
        return totp_aktif(obj)

    @extend_schema_field(KeanggotaanSerializer(many=True))
    def get_keanggotaan(self, obj) -> list[dict]:
        return KeanggotaanSerializer(memberships(obj), many=True).data

    def get_cakupan(self, obj) -> list[str]:
        return roots(obj)

    def get_kelola_pengguna(self, obj) -> bool:
        return selectors.can_manage_users(obj)


class _SatuObjekSchema(AutoSchema):
    # `saya` answers one object at the collection URL; without this the schema says "array".
    def _is_list_view(self, serializer=None) -> bool:
        return False


class SayaViewSet(viewsets.GenericViewSet):
    """The caller: account, active roles and the wilayah each role covers."""

    queryset = Pengguna.objects.all()
    serializer_class = SayaSerializer
    pagination_class = None
    schema = _SatuObjekSchema()

    def get_queryset(self):
        return super().get_queryset().filter(pk=self.request.user.pk)

    @extend_schema(operation_id="saya", summary="Pengguna yang sedang masuk, peran dan cakupannya")
    def list(self, request):
        return Response(self.get_serializer(request.user).data)


def register(router) -> None:
    router.register("keanggotaan", KeanggotaanViewSet, basename="keanggotaan")
    router.register("saya", SayaViewSet, basename="saya")
