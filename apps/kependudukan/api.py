"""REST API of the registry (/api/v1/penduduk/, /api/v1/keluarga/). Querysets are scoped;
NIK, No KK and other sensitive fields come masked unless the caller may see them in full;
writes go through the services, and bad input answers 400 with their Indonesian messages."""
from __future__ import annotations

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import allows, covers, has_action, restrict

from . import selectors, services
from .forms import KOLOM_FORM_PENDUDUK
from .models import Keluarga, Penduduk
from .privasi import boleh_lihat_nik_cepat, catat_akses, catat_akses_banyak, samarkan


def _api_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if isinstance(exc, services.PerluKonfirmasi):
        return serializers.ValidationError({
            "nik": exc.peringatan,
            "setujui_peringatan": ["Data valid tetapi meragukan. Periksa, lalu kirim ulang dengan setujui_peringatan=true."],
        })
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()}
        )
    return serializers.ValidationError({"non_field_errors": exc.messages})


class _Tersamar(serializers.ModelSerializer):
    """Masks the model's sensitive fields unless the context says the caller may see them
    (`penuh`, set per object by the detail view) or the caller's role covers the row."""

    def penuh(self, obj) -> bool:
        if "penuh" in self.context:
            return self.context["penuh"]
        user = self.context["request"].user
        return covers(user, "view_nik", type(obj), obj.owner_id)

    def to_representation(self, obj):
        data = super().to_representation(obj)
        if not self.penuh(obj):
            for f in type(obj).sensitive_fields:
                if f in data:
                    data[f] = samarkan(data[f])
        return data


class PendudukSerializer(_Tersamar):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text="Kode dusun/RW/RT.")
    owner = serializers.CharField(source="owner_id", read_only=True, help_text="Kode desa/kelurahan pengelola.")
    no_kk = serializers.SerializerMethodField(help_text="No. KK (tersamar tanpa izin NIK lengkap).")

    class Meta:
        model = Penduduk
        fields = ["id", *KOLOM_FORM_PENDUDUK, "keluarga", "no_kk", "status_dasar", "wilayah", "owner",
                  "created_at", "updated_at"]
        read_only_fields = fields

    def get_no_kk(self, obj) -> str:
        kk = obj.keluarga
        if kk is None:
            return ""
        return kk.no_kk if self.penuh(obj) else samarkan(kk.no_kk)


class PendudukTulisSerializer(serializers.ModelSerializer):
    wilayah = serializers.CharField(max_length=40, help_text="Kode dusun/RW/RT (atau desa) tempat tinggal.")
    keluarga = serializers.UUIDField(required=False, allow_null=True, help_text="id keluarga (KK) di desa yang sama.")
    setujui_peringatan = serializers.BooleanField(
        required=False, default=False, help_text="Simpan walau ada peringatan NIK (setelah diperiksa)."
    )

    class Meta:
        model = Penduduk
        fields = [*KOLOM_FORM_PENDUDUK, "wilayah", "keluarga", "setujui_peringatan"]
        # Uniqueness is the service's check, with a message that does not say where the NIK is.
        extra_kwargs = {"nik": {"validators": []}}


class KeluargaSerializer(_Tersamar):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True)
    owner = serializers.CharField(source="owner_id", read_only=True)
    kepala_nama = serializers.CharField(source="kepala.nama", read_only=True, default=None)

    class Meta:
        model = Keluarga
        fields = ["id", "no_kk", "kepala", "kepala_nama", "alamat", "wilayah", "tanggal_terdaftar", "owner",
                  "created_at", "updated_at"]
        read_only_fields = fields


class KeluargaTulisSerializer(serializers.ModelSerializer):
    wilayah = serializers.CharField(max_length=40)
    kepala = serializers.UUIDField(required=False, allow_null=True, help_text="id penduduk yang menjadi kepala (SHDK 1).")

    class Meta:
        model = Keluarga
        fields = ["no_kk", "wilayah", "alamat", "tanggal_terdaftar", "kepala"]
        extra_kwargs = {"no_kk": {"validators": []}}


class _RegistryViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """List/retrieve scoped; create and update through the services. No DELETE: residents
    leave the registry through events (mati, pindah), not by erasing them."""

    write_serializer_class: type[serializers.Serializer]

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        # API list rows are whole records: each one shown unmasked is a logged read.
        shown = getattr(self.paginator, "page", None) or []
        full = [o for o in shown if boleh_lihat_nik_cepat(request.user, o)]
        if full:
            catat_akses_banyak(user=request.user, objs=full, path=request.path)
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        penuh = allows(request.user, "view_nik", obj)
        if penuh:  # UU PDP: a full record read is logged, over the API as on the web
            catat_akses(user=request.user, obj=obj, path=request.path)
        return Response(self.get_serializer(obj, context={**self.get_serializer_context(), "penuh": penuh}).data)

    def _input(self, partial: bool) -> dict:
        s = self.write_serializer_class(data=self.request.data, partial=partial)
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def _jalankan(self, fn, **kwargs):
        try:
            return fn(user=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise _api_error(exc) from None

    def _terkait(self, model, pk, field: str, label: str):
        """A related object in the caller's "change" scope, or a 400 that does not tell
        whether it exists elsewhere."""
        if pk is None:
            return None
        obj = restrict(model.objects.filter(pk=uuid.UUID(str(pk))), self.request.user, "change").first()
        if obj is None:
            raise serializers.ValidationError({field: [f"{label} tidak ditemukan dalam cakupan Anda."]})
        return obj

    def create(self, request, *args, **kwargs):
        if not has_action(request.user, self.base_queryset.model, "add"):
            raise PermissionDenied("Anda tidak berwenang menambah data ini.")
        obj = self.simpan(None, self._input(partial=False))
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = self.simpan(obj, self._input(partial=kwargs.get("partial", False)))
        return Response(self.get_serializer(obj).data)


_FILTER = [
    OpenApiParameter("q", str, description="Bagian nama, atau awalan NIK/No. KK (angka)."),
    OpenApiParameter("nik", str, description="NIK lengkap atau awalannya (hanya baris yang NIK-nya boleh Anda lihat)."),
    OpenApiParameter("desa", str, description="Kode desa/kelurahan, mis. 62.07.01.2005."),
    OpenApiParameter("status", int, description="Status dasar: 1 hidup, 2 mati, 3 pindah, 4 hilang, 6 pergi, 9 tidak valid."),
]


@extend_schema_view(list=extend_schema(parameters=_FILTER))
class PendudukViewSet(_RegistryViewSet):
    base_queryset = Penduduk.objects.select_related("keluarga")
    serializer_class = PendudukSerializer
    write_serializer_class = PendudukTulisSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        p = self.request.query_params
        status_dasar = int(p["status"]) if (p.get("status", "").isascii() and p.get("status", "").isdigit()) else None
        return selectors.cari_penduduk(qs, user=self.request.user, q=p.get("q", "")[:100], nik=p.get("nik", "")[:20],
                                       desa=p.get("desa", ""), status_dasar=status_dasar)

    def simpan(self, obj, data):
        data["keluarga"] = self._terkait(Keluarga, data.get("keluarga"), "keluarga", "Keluarga (KK)")
        if obj is None:
            return self._jalankan(services.create_penduduk, **data)
        if "keluarga" not in self.request.data:
            data.pop("keluarga")
        setuju = data.pop("setujui_peringatan", False)
        return self._jalankan(services.update_penduduk, penduduk=obj, setujui_peringatan=setuju, **data)


@extend_schema_view(list=extend_schema(parameters=[_FILTER[0], _FILTER[2]]))
class KeluargaViewSet(_RegistryViewSet):
    base_queryset = Keluarga.objects.select_related("kepala")
    serializer_class = KeluargaSerializer
    write_serializer_class = KeluargaTulisSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        p = self.request.query_params
        return selectors.cari_keluarga(qs, user=self.request.user, q=p.get("q", "")[:100], desa=p.get("desa", ""))

    def simpan(self, obj, data):
        kepala = self._terkait(Penduduk, data.pop("kepala", None), "kepala", "Kepala keluarga")
        if obj is None:
            return self._jalankan(services.create_keluarga, kepala=kepala, **data)
        if kepala is not None:
            raise serializers.ValidationError({"kepala": ["Kepala keluarga diganti lewat data penduduk "
                                                          "(hubungan dalam keluarga), bukan di sini."]})
        return self._jalankan(services.update_keluarga, keluarga=obj, **data)


def register(router) -> None:
    from . import api_buku, api_impor, api_peristiwa, api_statistik

    router.register("penduduk", PendudukViewSet, basename="penduduk")
    router.register("keluarga", KeluargaViewSet, basename="keluarga")
    for module in (api_peristiwa, api_impor, api_buku, api_statistik):
        module.register(router)
