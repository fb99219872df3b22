"""REST API of the village plans; registered by api.py.

/api/v1/perencanaan/rpjmdes/                 plans in scope (?desa=); POST creates a draft (rencana.buat_rpjmdes)
/api/v1/perencanaan/rpjmdes/<id>/            one plan; PATCH edits a draft; POST .../tetapkan/ sets it by Perdes
/api/v1/perencanaan/rpjmdes-kegiatan/        its lines (?rpjmdes=); POST/PATCH/DELETE through rencana.py
/api/v1/perencanaan/rkpdes/                  yearly plans (?desa=); POST creates; POST .../ambil-rpjm/, .../tetapkan/
/api/v1/perencanaan/rkpdes-kegiatan/         their lines (?rkpdes=)

Writes go through the same services as the pages; refusals answer 400 with their Indonesian
messages keyed by field; anything out of the caller's scope is 404."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import restrict

from . import rencana
from .models import KegiatanRKPDes, KegiatanRPJMDes, RKPDes, RPJMDes

KOLOM_KEGIATAN = ["bidang", "nama_bidang", "kegiatan", "lokasi", "volume", "satuan", "sasaran_manfaat",
                  "perkiraan_biaya", "sumber_dana", "pola_pelaksanaan", "urutan"]


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


def _jalankan(fungsi, *args, **kwargs):
    try:
        return fungsi(*args, **kwargs)
    except DjangoValidationError as exc:
        raise _galat(exc) from exc
    except PermissionDenied as exc:
        raise serializers.ValidationError({"non_field_errors": ["Data ini di luar cakupan Anda."]}) from exc


class RPJMDesSerializer(serializers.ModelSerializer):
    desa = serializers.CharField(source="owner_id", read_only=True)
    tahun_selesai = serializers.IntegerField(read_only=True)

    class Meta:
        model = RPJMDes
        fields = ["id", "desa", "tahun_mulai", "lama_tahun", "tahun_selesai", "visi", "misi", "status",
                  "nomor_perdes", "tanggal_perdes", "created_at", "updated_at"]
        read_only_fields = ["id", "desa", "tahun_selesai", "status", "nomor_perdes", "tanggal_perdes", "created_at",
                            "updated_at"]


class KegiatanRPJMDesSerializer(serializers.ModelSerializer):
    class Meta:
        model = KegiatanRPJMDes
        fields = ["id", "rpjmdes", *KOLOM_KEGIATAN, "tahun_pelaksanaan"]
        read_only_fields = fields


class RKPDesSerializer(serializers.ModelSerializer):
    desa = serializers.CharField(source="owner_id", read_only=True)

    class Meta:
        model = RKPDes
        fields = ["id", "desa", "rpjmdes", "tahun", "tanggal_musdes", "status", "nomor_perdes", "tanggal_perdes",
                  "created_at", "updated_at"]
        read_only_fields = fields


class KegiatanRKPDesSerializer(serializers.ModelSerializer):
    class Meta:
        model = KegiatanRKPDes
        fields = ["id", "rkpdes", "kegiatan_rpjmdes", *KOLOM_KEGIATAN, "waktu_pelaksanaan", "pelaksana",
                  "jumlah_penerima"]
        read_only_fields = fields


class TetapkanSerializer(serializers.Serializer):
    nomor_perdes = serializers.CharField(required=False, allow_blank=True, default="")
    tanggal_perdes = serializers.DateField(required=False, allow_null=True, default=None)


def _data(request, obj=None, kolom=()) -> dict:
    """The request body over the object's current values (PATCH sends only what changes)."""
    awal = {k: getattr(obj, k) for k in kolom} if obj is not None else {}
    return {**awal, **{k: v for k, v in request.data.items() if k in kolom}}


class _Basis(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class RPJMDesViewSet(_Basis):
    base_queryset = RPJMDes.objects.all()
    serializer_class = RPJMDesSerializer
    KOLOM = ("tahun_mulai", "lama_tahun", "visi", "misi")

    def get_queryset(self):
        qs = super().get_queryset()
        desa = self.request.query_params.get("desa")
        return qs.filter(owner_id=desa) if desa else qs

    def create(self, request, *args, **kwargs):
        desa = request.data.get("desa") or ""
        pilihan = {k for k, _ in rencana.pilihan_desa(request.user, "add")}
        if not desa and len(pilihan) == 1:
            desa = next(iter(pilihan))
        if desa not in pilihan:
            raise serializers.ValidationError({"desa": ["Pilih desa tempat Anda bertugas."]})
        obj = _jalankan(rencana.buat_rpjmdes, request.user, desa=desa, **_data(request, kolom=self.KOLOM))
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = _jalankan(rencana.ubah_rpjmdes, request.user, obj, **_data(request, obj, self.KOLOM))
        return Response(self.get_serializer(obj).data)

    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        obj = restrict(RPJMDes.objects.all(), request.user, "change").filter(pk=self.get_object().pk).first()
        if obj is None:
            raise serializers.ValidationError({"non_field_errors": ["Anda tidak berwenang menetapkan rencana ini."]})
        s = TetapkanSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = _jalankan(rencana.tetapkan, request.user, obj, s.validated_data["nomor_perdes"],
                        s.validated_data["tanggal_perdes"])
        return Response(self.get_serializer(obj).data)


class RKPDesViewSet(_Basis):
    base_queryset = RKPDes.objects.all()
    serializer_class = RKPDesSerializer
    KOLOM = ("tahun", "tanggal_musdes")

    def get_queryset(self):
        qs = super().get_queryset()
        desa = self.request.query_params.get("desa")
        return qs.filter(owner_id=desa) if desa else qs

    def _tanggal(self, data: dict) -> dict:
        if isinstance(data.get("tanggal_musdes"), str):
            data["tanggal_musdes"] = serializers.DateField().to_internal_value(data["tanggal_musdes"]) \
                if data["tanggal_musdes"] else None
        return data

    def create(self, request, *args, **kwargs):
        pk = request.data.get("rpjmdes")
        try:
            rpjm = restrict(RPJMDes.objects.all(), request.user, "change").filter(pk=pk).first() if pk else None
        except DjangoValidationError:
            rpjm = None
        obj = _jalankan(rencana.buat_rkpdes, request.user, rpjmdes=rpjm,
                        **self._tanggal(_data(request, kolom=self.KOLOM)))
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = _jalankan(rencana.ubah_rkpdes, request.user, obj, **self._tanggal(_data(request, obj, self.KOLOM)))
        return Response(self.get_serializer(obj).data)

    def _milik(self, request):
        obj = restrict(RKPDes.objects.all(), request.user, "change").filter(pk=self.get_object().pk).first()
        if obj is None:
            raise serializers.ValidationError({"non_field_errors": ["Anda tidak berwenang mengubah RKP Desa ini."]})
        return obj

    @action(detail=True, methods=["post"])
    def tetapkan(self, request, pk=None):
        obj = self._milik(request)
        s = TetapkanSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = _jalankan(rencana.tetapkan, request.user, obj, s.validated_data["nomor_perdes"],
                        s.validated_data["tanggal_perdes"])
        return Response(self.get_serializer(obj).data)

    @action(detail=True, methods=["post"], url_path="ambil-rpjm")
    def ambil_rpjm(self, request, pk=None):
        baru = _jalankan(rencana.ambil_dari_rpjm, request.user, self._milik(request))
        return Response(KegiatanRKPDesSerializer(baru, many=True).data, status=status.HTTP_201_CREATED)


class _KegiatanBasis(mixins.DestroyModelMixin, _Basis):
    induk_model = None
    induk_field = ""
    KOLOM: tuple = ()

    def get_queryset(self):
        qs = super().get_queryset()
        induk = self.request.query_params.get(self.induk_field)
        if induk:
            try:
                return qs.filter(**{f"{self.induk_field}_id": induk})
            except DjangoValidationError:
                return qs.none()
        return qs

    def create(self, request, *args, **kwargs):
        pk = request.data.get(self.induk_field)
        try:
            induk = restrict(self.induk_model.objects.all(), request.user, "change").filter(pk=pk).first() if pk else None
        except DjangoValidationError:
            induk = None
        if induk is None:
            raise serializers.ValidationError({self.induk_field: ["Rencana tidak ditemukan atau di luar cakupan Anda."]})
        obj = _jalankan(self.tambah, request.user, induk, **_data(request, kolom=self.KOLOM))
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        obj = _jalankan(self.ubah, request.user, obj, **_data(request, obj, self.KOLOM))
        return Response(self.get_serializer(obj).data)

    def perform_destroy(self, instance):
        _jalankan(self.hapus, self.request.user, instance)


class KegiatanRPJMDesViewSet(_KegiatanBasis):
    base_queryset = KegiatanRPJMDes.objects.all()
    serializer_class = KegiatanRPJMDesSerializer
    induk_model, induk_field = RPJMDes, "rpjmdes"
    KOLOM = (*[k for k in KOLOM_KEGIATAN if k not in ("nama_bidang", "urutan")], "tahun_pelaksanaan")

    def tambah(self, user, induk, **d):
        return rencana.tambah_kegiatan_rpjmdes(user, induk, **d)

    def ubah(self, user, obj, **d):
        return rencana.ubah_kegiatan_rpjmdes(user, obj, **d)

    def hapus(self, user, obj):
        rencana.hapus_kegiatan_rpjmdes(user, obj)


class KegiatanRKPDesViewSet(_KegiatanBasis):
    base_queryset = KegiatanRKPDes.objects.all()
    serializer_class = KegiatanRKPDesSerializer
    induk_model, induk_field = RKPDes, "rkpdes"
    KOLOM = (*[k for k in KOLOM_KEGIATAN if k not in ("nama_bidang", "urutan")], "kegiatan_rpjmdes",
             "waktu_pelaksanaan", "pelaksana", "jumlah_penerima")

    def tambah(self, user, induk, **d):
        return rencana.tambah_kegiatan_rkpdes(user, induk, **d)

    def ubah(self, user, obj, **d):
        return rencana.ubah_kegiatan_rkpdes(user, obj, **d)

    def hapus(self, user, obj):
        rencana.hapus_kegiatan_rkpdes(user, obj)


def register(router) -> None:
    router.register("perencanaan/rpjmdes", RPJMDesViewSet, basename="rpjmdes")
    router.register("perencanaan/rpjmdes-kegiatan", KegiatanRPJMDesViewSet, basename="rpjmdes-kegiatan")
    router.register("perencanaan/rkpdes", RKPDesViewSet, basename="rkpdes")
    router.register("perencanaan/rkpdes-kegiatan", KegiatanRKPDesViewSet, basename="rkpdes-kegiatan")
