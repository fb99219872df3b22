"""REST API of regions, units, positions and officials (/api/v1/wilayah/, unit-kerja/, jabatan/,
pejabat/). Every queryset is scoped; writes go through services and bad input answers 400
with the services' Indonesian messages."""
from __future__ import annotations

import uuid

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import restrict

from . import selectors, services
from .models import Delegasi, Jabatan, JenisUnit, Pejabat, StatusPejabat, UnitKerja, Wilayah, subtree_q
from .serializers import (
    JabatanSerializer,
    JabatanWriteSerializer,
    LingkunganCreateSerializer,
    LingkunganUpdateSerializer,
    PejabatSerializer,
    PejabatWriteSerializer,
    UnitKerjaCreateSerializer,
    UnitKerjaSerializer,
    UnitKerjaUpdateSerializer,
    WilayahDetailSerializer,
    WilayahSerializer,
)
from .services import delegasi as services_delegasi


def api_error(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError({
            ("non_field_errors" if k == NON_FIELD_ERRORS else k): v for k, v in exc.message_dict.items()
        })
    return serializers.ValidationError({"non_field_errors": exc.messages})


def _uuid(raw):
    if isinstance(raw, uuid.UUID) or raw is None:
        return raw
    try:
        return uuid.UUID(str(raw))
    except ValueError:
        return None


def _scoped(model, user, action: str, pk, field: str, label: str):
    """A related object the user may reach, or a 400 naming the field (never a hint that it exists)."""
    obj = restrict(model.objects.all(), user, action).filter(pk=_uuid(pk)).first() if _uuid(pk) else None
    if obj is None:
        raise serializers.ValidationError({field: [f"{label} tidak ditemukan dalam cakupan Anda."]})
    return obj


class _WriteMixin:
    """Runs a service and turns its ValidationError into a 400."""

    def run(self, fn, **kwargs):
        try:
            return fn(user=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise api_error(exc) from None

    def input(self, serializer_class, partial=False):
        s = serializer_class(data=self.request.data, partial=partial)
        s.is_valid(raise_exception=True)
        return s.validated_data


_Q = OpenApiParameter("q", str, description="Cari nama (tanpa membedakan huruf besar/kecil) atau awalan kode.")


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("induk", str, description="Hanya anak langsung dari kode wilayah ini."),
    OpenApiParameter("tingkat", str, description="provinsi, kabupaten, kota, kecamatan, desa, desa_adat, kelurahan, dusun, rw, rt."),
    _Q,
]))
class WilayahViewSet(_WriteMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    """Regions in the user's scope. Only dusun, RW and RT can be created, renamed or deleted here."""

    base_queryset = Wilayah.objects.all()
    serializer_class = WilayahSerializer
    ordering = "kode"  # keyset pagination key
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        g = self.request.query_params
        if g.get("induk"):
            qs = qs.filter(induk_id=g["induk"])
        qs = selectors.search_wilayah(qs, q=g.get("q", ""), tingkat=g.get("tingkat", ""))
        return qs.only(*selectors.LIST_FIELDS, "kodepos", "lat", "lng", "luas_km2", "updated_at")

    def get_serializer_class(self):
        return WilayahDetailSerializer if self.action == "retrieve" else WilayahSerializer

    @extend_schema(request=LingkunganCreateSerializer, responses={201: WilayahSerializer})
    def create(self, request):
        d = self.input(LingkunganCreateSerializer)
        induk = restrict(Wilayah.objects.all(), request.user, "view").filter(kode=d["induk"].strip()).first()
        if induk is None:
            raise serializers.ValidationError({"induk": ["Wilayah induk tidak ditemukan dalam cakupan Anda."]})
        obj = self.run(services.create_lingkungan, induk=induk, tingkat=d["tingkat"], nomor=d["nomor"], nama=d["nama"])
        return Response(WilayahSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LingkunganUpdateSerializer, responses=WilayahSerializer)
    def partial_update(self, request, pk=None):
        obj = self.get_object()
        d = self.input(LingkunganUpdateSerializer)
        obj = self.run(services.update_lingkungan, wilayah=obj, nama=d["nama"])
        return Response(WilayahSerializer(obj).data)

    def destroy(self, request, pk=None):
        self.run(services.delete_lingkungan, wilayah=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("jenis", str, enum=JenisUnit.values), OpenApiParameter("wilayah", str, description="Kode wilayah (beserta bawahannya)."), _Q,
]))
class UnitKerjaViewSet(_WriteMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    base_queryset = UnitKerja.objects.all()
    serializer_class = UnitKerjaSerializer
    ordering = "kode"  # keyset pagination key
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        g = self.request.query_params
        if self.action == "list":
            if g.get("jenis") in JenisUnit.values:
                qs = qs.filter(jenis=g["jenis"])
            if g.get("wilayah"):
                qs = qs.filter(subtree_q("wilayah_id", g["wilayah"]))
            if q := g.get("q", "").strip()[:100]:
                qs = qs.filter(Q(nama__icontains=q) | Q(singkatan__icontains=q) | Q(kode__icontains=q))
        return qs

    @extend_schema(request=UnitKerjaCreateSerializer, responses={201: UnitKerjaSerializer})
    def create(self, request):
        d = dict(self.input(UnitKerjaCreateSerializer))
        wilayah = restrict(Wilayah.objects.all(), request.user, "view").filter(kode=d.pop("wilayah").strip()).first()
        if wilayah is None:
            raise serializers.ValidationError({"wilayah": ["Wilayah tidak ditemukan dalam cakupan Anda."]})
        unit = self.run(services.create_unit_kerja, wilayah=wilayah, **d)
        return Response(UnitKerjaSerializer(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UnitKerjaUpdateSerializer, responses=UnitKerjaSerializer)
    def partial_update(self, request, pk=None):
        unit = self.get_object()
        d = dict(self.input(UnitKerjaUpdateSerializer, partial=True))
        if "induk" in d:
            d["induk"] = d["induk"] and _scoped(UnitKerja, request.user, "view", d["induk"], "induk", "Unit induk")
        unit = self.run(services.update_unit_kerja, unit=unit, data=d)
        return Response(UnitKerjaSerializer(unit).data)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("unit", str, description="UUID unit kerja.")]))
class JabatanViewSet(_WriteMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    base_queryset = Jabatan.objects.all()
    serializer_class = JabatanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list" and (unit := _uuid(self.request.query_params.get("unit"))):
            qs = qs.filter(unit_id=unit)
        return qs

    def _atasan(self, d: dict, unit_id):
        if d.get("atasan"):
            d["atasan"] = Jabatan.objects.filter(pk=d["atasan"], unit_id=unit_id).first()
            if d["atasan"] is None:
                raise serializers.ValidationError({"atasan": ["Atasan harus jabatan di unit yang sama."]})
        return d

    @extend_schema(request=JabatanWriteSerializer, responses={201: JabatanSerializer})
    def create(self, request):
        d = dict(self.input(JabatanWriteSerializer))
        if "unit" not in d or "nama" not in d:
            raise serializers.ValidationError({k: ["Wajib diisi."] for k in ("unit", "nama") if k not in d})
        unit = _scoped(UnitKerja, request.user, "view", d.pop("unit"), "unit", "Unit kerja")
        jabatan = self.run(services.create_jabatan, unit=unit, **self._atasan(d, unit.pk))
        return Response(JabatanSerializer(jabatan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=JabatanWriteSerializer, responses=JabatanSerializer)
    def partial_update(self, request, pk=None):
        jabatan = self.get_object()
        d = dict(self.input(JabatanWriteSerializer, partial=True))
        if d.pop("unit", jabatan.unit_id) != jabatan.unit_id:
            raise serializers.ValidationError({"unit": ["Unit jabatan tidak dapat diubah."]})
        jabatan = self.run(services.update_jabatan, jabatan=jabatan, data=self._atasan(d, jabatan.unit_id))
        return Response(JabatanSerializer(jabatan).data)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("jabatan", str), OpenApiParameter("unit", str), OpenApiParameter("status", str, enum=StatusPejabat.values),
    OpenApiParameter("aktif", str, description="1 = hanya yang sedang menjabat hari ini."), _Q,
]))
class PejabatViewSet(_WriteMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    base_queryset = Pejabat.objects.select_related("jabatan")
    serializer_class = PejabatSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset()
        g = self.request.query_params
        if self.action == "list":
            if jabatan := _uuid(g.get("jabatan")):
                qs = qs.filter(jabatan_id=jabatan)
            if unit := _uuid(g.get("unit")):
                qs = qs.filter(jabatan__unit_id=unit)
            if g.get("status") in StatusPejabat.values:
                qs = qs.filter(status=g["status"])
            if g.get("aktif") == "1":
                qs = qs.filter(selectors.pejabat_aktif_q())
            if q := g.get("q", "").strip()[:100]:
                qs = qs.filter(Q(nama__icontains=q) | Q(nip__startswith=q))
        return qs

    @extend_schema(request=PejabatWriteSerializer, responses={201: PejabatSerializer})
    def create(self, request):
        d = dict(self.input(PejabatWriteSerializer))
        if "jabatan" not in d or "nama" not in d:
            raise serializers.ValidationError({k: ["Wajib diisi."] for k in ("jabatan", "nama") if k not in d})
        d["jabatan"] = _scoped(Jabatan, request.user, "change", d["jabatan"], "jabatan", "Jabatan")
        pejabat = self.run(services.create_pejabat, **d)
        return Response(PejabatSerializer(pejabat).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PejabatWriteSerializer, responses=PejabatSerializer)
    def partial_update(self, request, pk=None):
        pejabat = self.get_object()
        d = dict(self.input(PejabatWriteSerializer, partial=True))
        if "jabatan" in d:
            d["jabatan"] = _scoped(Jabatan, request.user, "change", d["jabatan"], "jabatan", "Jabatan")
        pejabat = self.run(services.update_pejabat, pejabat=pejabat, data=d)
        return Response(PejabatSerializer(pejabat).data)


class DelegasiSerializer(serializers.ModelSerializer):
    kepada_nama = serializers.CharField(source="kepada.__str__", read_only=True)
    berlaku = serializers.SerializerMethodField(help_text="Berlaku hari ini (sudah mulai, belum selesai, tidak dicabut).")

    class Meta:
        model = Delegasi
        fields = ["id", "jabatan", "kepada", "kepada_nama", "mulai", "selesai", "alasan", "dibuat_oleh", "dicabut",
                  "berlaku", "updated_at"]
        read_only_fields = fields

    def get_berlaku(self, obj) -> bool:
        hari = timezone.localdate()
        return obj.dicabut is None and obj.mulai <= hari <= obj.selesai


class DelegasiWriteSerializer(serializers.Serializer):
    jabatan = serializers.UUIDField()
    kepada = serializers.IntegerField(help_text="Id pengguna penerima delegasi (pegawai atau pejabat unit yang sama).")
    mulai = serializers.DateField()
    selesai = serializers.DateField()
    alasan = serializers.CharField(max_length=200)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("jabatan", str), OpenApiParameter("unit", str),
    OpenApiParameter("aktif", str, description="1 = hanya yang berlaku hari ini."),
]))
class DelegasiViewSet(_WriteMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    """Delegations of positions while their officials are away: list, create, cancel
    (`POST /delegasi/<id>/cabut/`). Created by the unit's managers or the position's holder."""

    base_queryset = Delegasi.objects.select_related("kepada")
    serializer_class = DelegasiSerializer
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        if self.action == "cabut":  # found by "view"; the service decides who may cancel
            qs = restrict(self.base_queryset.all(), self.request.user, "view")
        else:
            qs = super().get_queryset()
        g = self.request.query_params
        if self.action == "list":
            if jabatan := _uuid(g.get("jabatan")):
                qs = qs.filter(jabatan_id=jabatan)
            if unit := _uuid(g.get("unit")):
                qs = qs.filter(jabatan__unit_id=unit)
            if g.get("aktif") == "1":
                qs = qs.filter(selectors.delegasi_aktif_q(hari=timezone.localdate()))
        return qs

    def _jalankan(self, fn, **kwargs):
        try:
            return self.run(fn, **kwargs)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None

    @extend_schema(request=DelegasiWriteSerializer, responses={201: DelegasiSerializer})
    def create(self, request):
        d = dict(self.input(DelegasiWriteSerializer))
        jabatan = _scoped(Jabatan, request.user, "view", d.pop("jabatan"), "jabatan", "Jabatan")
        if not services_delegasi.boleh_delegasikan(request.user, jabatan):
            raise exceptions.PermissionDenied(
                "Hanya pengelola jabatan ini atau pemegangnya yang dapat mendelegasikannya.")
        # Only the people the form offers (working in the position's unit): an id of anyone
        # else is "not found", never their name (the service's messages name the account).
        kepada = selectors.kandidat_delegasi(jabatan).filter(pk=d.pop("kepada")).first()
        if kepada is None:
            raise serializers.ValidationError({"kepada": ["Pengguna tidak ditemukan."]})
        obj = self._jalankan(services_delegasi.buat_delegasi, jabatan=jabatan, kepada=kepada, **d)
        return Response(DelegasiSerializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=DelegasiSerializer)
    @action(detail=True, methods=["post"])
    def cabut(self, request, pk=None):
        obj = self._jalankan(services_delegasi.cabut_delegasi, delegasi=self.get_object())
        return Response(DelegasiSerializer(obj).data)


def register(router) -> None:
    router.register("wilayah", WilayahViewSet, basename="wilayah")
    router.register("unit-kerja", UnitKerjaViewSet, basename="unit-kerja")
    router.register("jabatan", JabatanViewSet, basename="jabatan")
    router.register("pejabat", PejabatViewSet, basename="pejabat")
    router.register("delegasi", DelegasiViewSet, basename="delegasi")
