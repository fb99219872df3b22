"""REST API of life events, family changes and temporary residents; registered by api.py.

/api/v1/peristiwa/            events in the caller's scope (newest first), filter jenis, bulan, desa
/api/v1/peristiwa/<id>/       one event
/api/v1/peristiwa/lahir/ ...  POST one event or family operation (same services as the pages);
                              bad input answers 400 with the services' Indonesian messages
/api/v1/penduduk-sementara/   CRUD of temporary residents, plus POST <id>/pergi/
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import allows, has_action, restrict

from . import peristiwa, sementara
from . import selectors_peristiwa as sp
from .api import PendudukTulisSerializer, _api_error, _Tersamar
from .forms_peristiwa import FilterPeristiwaForm, FilterSementaraForm
from .models import Keluarga, Penduduk, PendudukSementara, Peristiwa
from .privasi import boleh_lihat_nik_cepat, catat_akses, catat_akses_banyak


class PeristiwaSerializer(serializers.ModelSerializer):
    penduduk_nama = serializers.CharField(source="penduduk.nama", read_only=True)
    jenis_label = serializers.CharField(source="get_jenis_display", read_only=True)
    uraian = serializers.SerializerMethodField()
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text="Kode dusun/RW/RT saat peristiwa.")
    owner = serializers.CharField(source="owner_id", read_only=True, help_text="Kode desa yang mencatat.")

    class Meta:
        model = Peristiwa
        fields = ["id", "penduduk", "penduduk_nama", "jenis", "jenis_label", "uraian", "tanggal", "tanggal_lapor",
                  "status_sebelum", "status_sesudah", "keluarga_sebelum", "keluarga_sesudah", "wilayah", "tempat",
                  "kode_wilayah_lain", "alamat_lain", "alasan", "keterangan", "rincian", "owner", "created_at"]
        read_only_fields = fields

    def get_uraian(self, obj) -> str:
        return sp.uraian(obj)


# ---------------------------------------------------------------- inputs

class _Dasar(serializers.Serializer):
    tanggal = serializers.DateField(help_text="Tanggal peristiwa (YYYY-MM-DD).")
    tanggal_lapor = serializers.DateField(required=False, allow_null=True, help_text="Kosong: hari ini.")
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class _Penduduk(_Dasar):
    penduduk = serializers.UUIDField(help_text="id penduduk di desa Anda.")


class _KepalaBaru(serializers.Serializer):
    kepala_baru = serializers.UUIDField(required=False, allow_null=True,
                                        help_text="Bila kepala keluarga yang keluar: id anggota penggantinya.")


class MatiInput(_Penduduk, _KepalaBaru):
    tempat = serializers.CharField(required=False, allow_blank=True, max_length=120)
    sebab = serializers.CharField(required=False, allow_blank=True, max_length=120)
    jam = serializers.RegexField(r"^([01]\d|2[0-3]):[0-5]\d$", required=False, allow_blank=True,
                                 error_messages={"invalid": "Jam berbentuk JJ:MM, mis. 07:30."})
    pelapor = serializers.CharField(required=False, allow_blank=True, max_length=120)
    hubungan_pelapor = serializers.CharField(required=False, allow_blank=True, max_length=60)


class PindahKeluarInput(_Penduduk, _KepalaBaru):
    alamat_tujuan = serializers.CharField(max_length=255)
    kode_wilayah_tujuan = serializers.CharField(required=False, allow_blank=True, max_length=20)
    alasan = serializers.CharField(required=False, allow_blank=True, max_length=120)


class PindahSekeluargaInput(_Dasar):
    keluarga = serializers.UUIDField(help_text="id keluarga (KK) di desa Anda.")
    alamat_tujuan = serializers.CharField(max_length=255)
    kode_wilayah_tujuan = serializers.CharField(required=False, allow_blank=True, max_length=20)
    alasan = serializers.CharField(required=False, allow_blank=True, max_length=120)


class HilangInput(_Penduduk):
    pelapor = serializers.CharField(required=False, allow_blank=True, max_length=120)


class PergiInput(_Penduduk):
    alamat_tujuan = serializers.CharField(required=False, allow_blank=True, max_length=255)
    alasan = serializers.CharField(required=False, allow_blank=True, max_length=120)


class KembaliInput(_Penduduk):
    """Return from hilang/pergi: the resident, the date and a note (the shared fields) suffice."""


class LahirInput(serializers.Serializer):
    keluarga = serializers.UUIDField(help_text="id keluarga (KK) bayi.")
    nama = serializers.CharField(max_length=120)
    jenis_kelamin = serializers.ChoiceField(choices=[1, 2])
    tanggal_lahir = serializers.DateField()
    jam = serializers.RegexField(r"^([01]\d|2[0-3]):[0-5]\d$", required=False, allow_blank=True,
                                 error_messages={"invalid": "Jam berbentuk JJ:MM, mis. 07:30."})
    tempat_lahir = serializers.CharField(required=False, allow_blank=True, max_length=80)
    tempat_dilahirkan = serializers.ChoiceField(choices=peristiwa.TEMPAT_DILAHIRKAN, required=False, allow_blank=True)
    penolong = serializers.ChoiceField(choices=peristiwa.PENOLONG, required=False, allow_blank=True)
    berat_gram = serializers.IntegerField(required=False, allow_null=True)
    panjang_cm = serializers.IntegerField(required=False, allow_null=True)
    shdk = serializers.IntegerField(required=False, default=peristiwa.ANAK)
    agama = serializers.IntegerField(required=False, allow_null=True, help_text="Kosong: agama orang tua.")
    nik = serializers.CharField(required=False, allow_blank=True, max_length=16,
                                help_text="Kosong: bayi mendapat NIK sementara.")
    pelapor = serializers.CharField(required=False, allow_blank=True, max_length=120)
    hubungan_pelapor = serializers.CharField(required=False, allow_blank=True, max_length=60)
    tanggal_lapor = serializers.DateField(required=False, allow_null=True)
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    setujui_peringatan = serializers.BooleanField(required=False, default=False)


class DatangInput(PendudukTulisSerializer):
    tanggal = serializers.DateField(help_text="Tanggal datang.")
    alamat_asal = serializers.CharField(max_length=255)
    kode_wilayah_asal = serializers.CharField(required=False, allow_blank=True, max_length=20)
    alasan = serializers.CharField(required=False, allow_blank=True, max_length=120)
    tanggal_lapor = serializers.DateField(required=False, allow_null=True)
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    class Meta(PendudukTulisSerializer.Meta):
        fields = [f for f in PendudukTulisSerializer.Meta.fields if f != "tanggal_terdaftar"] + [
            "tanggal", "alamat_asal", "kode_wilayah_asal", "alasan", "tanggal_lapor", "keterangan"]


class PindahKKInput(_Penduduk, _KepalaBaru):
    keluarga_tujuan = serializers.UUIDField(help_text="id KK tujuan di desa yang sama.")
    shdk = serializers.IntegerField(help_text="Hubungan dalam KK tujuan (1–11).")


class _KKBaru(_Dasar, _KepalaBaru):
    no_kk = serializers.CharField(max_length=16)
    wilayah = serializers.CharField(required=False, allow_blank=True, max_length=40)
    alamat = serializers.CharField(required=False, allow_null=True, max_length=255)


class _AnggotaPecah(serializers.Serializer):
    penduduk = serializers.UUIDField()
    shdk = serializers.IntegerField()


class PecahKKInput(_KKBaru):
    keluarga = serializers.UUIDField(help_text="id KK yang dipecah.")
    anggota = _AnggotaPecah(many=True, help_text="Anggota yang pindah ke KK baru dan hubungannya (tepat satu SHDK 1).")


class BentukKKInput(_KKBaru):
    penduduk = serializers.UUIDField(help_text="id penduduk yang menjadi kepala KK baru.")


_FILTER = [
    OpenApiParameter("jenis", int, description="1 lahir, 2 mati, 3 pindah keluar, 4 hilang, 5 datang, 6 pergi, "
                                               "7 kembali, 8 perubahan KK."),
    OpenApiParameter("bulan", str, description="Bulan peristiwa, YYYY-MM."),
    OpenApiParameter("desa", str, description="Kode desa/kelurahan."),
]


def _respon_satu(fn):
    return extend_schema(request=fn, responses={201: PeristiwaSerializer})


@extend_schema_view(list=extend_schema(parameters=_FILTER))
class PeristiwaViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Events are append-only: listed and read, written only through the POST actions."""

    base_queryset = Peristiwa.objects.select_related("penduduk")
    serializer_class = PeristiwaSerializer
    ordering = "-pk"  # UUIDv7: newest recorded first

    def get_queryset(self):
        qs = super().get_queryset() if self.action in ("list", "retrieve") else restrict(
            self.base_queryset.all(), self.request.user, "view")
        if self.action != "list":
            return qs
        p = self.request.query_params
        form = FilterPeristiwaForm({k: p.get(k, "")[:20] for k in ("jenis", "bulan", "desa")}, desa_choices=[])
        nilai = form.nilai()
        return sp.cari_peristiwa(qs, jenis=nilai["jenis"], bulan=nilai["bulan"], desa=p.get("desa", "")[:40])

    # -- helpers
    def _input(self, cls) -> dict:
        if not has_action(self.request.user, Peristiwa, "add"):
            raise PermissionDenied("Anda tidak berwenang mencatat peristiwa.")
        s = cls(data=self.request.data)
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def _obj(self, model, pk, field: str, label: str):
        obj = restrict(model.objects.filter(pk=pk), self.request.user, "change").first()
        if obj is None:
            raise serializers.ValidationError({field: [f"{label} tidak ditemukan dalam cakupan Anda."]})
        return obj

    def _jalankan(self, fn, **kwargs):
        try:
            return fn(user=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise _api_error(exc) from None

    def _satu(self, ev) -> Response:
        return Response(PeristiwaSerializer(ev).data, status=status.HTTP_201_CREATED)

    def _banyak(self, evs, **extra) -> Response:
        return Response({**extra, "peristiwa": PeristiwaSerializer(evs, many=True).data}, status=status.HTTP_201_CREATED)

    def _status(self, cls, fn):
        data = self._input(cls)
        data["penduduk"] = self._obj(Penduduk, data["penduduk"], "penduduk", "Penduduk")
        return self._satu(self._jalankan(fn, **data))

    # -- events about one resident
    @_respon_satu(MatiInput)
    @action(detail=False, methods=["post"])
    def mati(self, request):
        return self._status(MatiInput, peristiwa.catat_mati)

    @_respon_satu(PindahKeluarInput)
    @action(detail=False, methods=["post"], url_path="pindah-keluar")
    def pindah_keluar(self, request):
        return self._status(PindahKeluarInput, peristiwa.catat_pindah_keluar)

    @_respon_satu(HilangInput)
    @action(detail=False, methods=["post"])
    def hilang(self, request):
        return self._status(HilangInput, peristiwa.catat_hilang)

    @_respon_satu(PergiInput)
    @action(detail=False, methods=["post"])
    def pergi(self, request):
        return self._status(PergiInput, peristiwa.catat_pergi)

    @_respon_satu(KembaliInput)
    @action(detail=False, methods=["post"])
    def kembali(self, request):
        return self._status(KembaliInput, peristiwa.catat_kembali)

    @_respon_satu(LahirInput)
    @action(detail=False, methods=["post"])
    def lahir(self, request):
        data = self._input(LahirInput)
        data["keluarga"] = self._obj(Keluarga, data["keluarga"], "keluarga", "Keluarga (KK)")
        return self._satu(self._jalankan(peristiwa.catat_lahir, **data))

    @_respon_satu(DatangInput)
    @action(detail=False, methods=["post"])
    def datang(self, request):
        data = self._input(DatangInput)
        if data.get("keluarga"):
            data["keluarga"] = self._obj(Keluarga, data["keluarga"], "keluarga", "Keluarga (KK)")
        return self._satu(self._jalankan(peristiwa.catat_datang, **data))

    # -- family operations
    @extend_schema(request=PindahSekeluargaInput, responses={201: PeristiwaSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="pindah-sekeluarga")
    def pindah_sekeluarga(self, request):
        data = self._input(PindahSekeluargaInput)
        data["keluarga"] = self._obj(Keluarga, data["keluarga"], "keluarga", "Keluarga (KK)")
        return self._banyak(self._jalankan(peristiwa.catat_pindah_keluarga, **data))

    @extend_schema(request=PindahKKInput, responses={201: PeristiwaSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="pindah-kk")
    def pindah_kk(self, request):
        data = self._input(PindahKKInput)
        data["penduduk"] = self._obj(Penduduk, data["penduduk"], "penduduk", "Penduduk")
        data["keluarga_tujuan"] = self._obj(Keluarga, data["keluarga_tujuan"], "keluarga_tujuan", "KK tujuan")
        return self._banyak(self._jalankan(peristiwa.pindah_anggota, **data))

    @extend_schema(request=PecahKKInput, responses={201: PeristiwaSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="pecah-kk")
    def pecah_kk(self, request):
        data = self._input(PecahKKInput)
        data["keluarga"] = self._obj(Keluarga, data["keluarga"], "keluarga", "Keluarga (KK)")
        data["pindah"] = {a["penduduk"]: a["shdk"] for a in data.pop("anggota")}
        if not data.get("wilayah"):
            data.pop("wilayah", None)
        baru, evs = self._jalankan(peristiwa.pecah_kk, **data)
        return self._banyak(evs, keluarga=str(baru.pk))

    @extend_schema(request=BentukKKInput, responses={201: PeristiwaSerializer(many=True)})
    @action(detail=False, methods=["post"], url_path="bentuk-kk")
    def bentuk_kk(self, request):
        data = self._input(BentukKKInput)
        data["penduduk"] = self._obj(Penduduk, data["penduduk"], "penduduk", "Penduduk")
        if not data.get("wilayah"):
            data.pop("wilayah", None)
        baru = self._jalankan(peristiwa.bentuk_kk, **data)
        evs = list(Peristiwa.objects.filter(keluarga_sesudah=baru).order_by("created_at"))
        return self._banyak(evs, keluarga=str(baru.pk))


# ---------------------------------------------------------------- temporary residents

class SementaraSerializer(_Tersamar):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True)
    owner = serializers.CharField(source="owner_id", read_only=True)

    class Meta:
        model = PendudukSementara
        fields = ["id", *[k for k in sementara.KOLOM if k != "wilayah"], "wilayah", "tanggal_pergi", "owner",
                  "created_at", "updated_at"]
        read_only_fields = fields


class SementaraTulisSerializer(serializers.ModelSerializer):
    wilayah = serializers.CharField(max_length=40, help_text="Kode dusun/RW/RT tempat tinggal.")

    class Meta:
        model = PendudukSementara
        fields = list(sementara.KOLOM)


class SementaraPergiInput(serializers.Serializer):
    tanggal_pergi = serializers.DateField()


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("q", str, description="Bagian nama."),
    OpenApiParameter("status", str, description="Kosong: masih tinggal; 'pergi'; 'semua'."),
    OpenApiParameter("desa", str, description="Kode desa/kelurahan."),
]))
class SementaraViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    base_queryset = PendudukSementara.objects.all()
    serializer_class = SementaraSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "pergi":
            return restrict(self.base_queryset.all(), self.request.user, "change")
        if self.action != "list":
            return qs
        p = self.request.query_params
        form = FilterSementaraForm({k: p.get(k, "")[:100] for k in ("q", "status")}, desa_choices=[])
        nilai = form.nilai()
        return sp.cari_sementara(qs, q=nilai["q"], status=p.get("status", "")[:10], desa=p.get("desa", "")[:40])

    def _jalankan(self, fn, **kwargs):
        try:
            return fn(user=self.request.user, **kwargs)
        except DjangoValidationError as exc:
            raise _api_error(exc) from None

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        shown = getattr(self.paginator, "page", None) or []
        full = [o for o in shown if o.nomor_identitas and boleh_lihat_nik_cepat(request.user, o)]
        if full:
            catat_akses_banyak(user=request.user, objs=full, path=request.path)
        return response

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        penuh = allows(request.user, "view_nik", obj)
        if penuh and obj.nomor_identitas:
            catat_akses(user=request.user, obj=obj, path=request.path)
        return Response(SementaraSerializer(obj, context={**self.get_serializer_context(), "penuh": penuh}).data)

    @extend_schema(request=SementaraTulisSerializer, responses={201: SementaraSerializer})
    def create(self, request, *args, **kwargs):
        if not has_action(request.user, PendudukSementara, "add"):
            raise PermissionDenied("Anda tidak berwenang menambah data ini.")
        s = SementaraTulisSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        obj = self._jalankan(sementara.create_sementara, **s.validated_data)
        return Response(self.get_serializer(obj).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SementaraTulisSerializer, responses={200: SementaraSerializer})
    def update(self, request, *args, **kwargs):
        obj = self.get_object()
        s = SementaraTulisSerializer(data=request.data, partial=kwargs.get("partial", False))
        s.is_valid(raise_exception=True)
        obj = self._jalankan(sementara.update_sementara, sementara=obj, **s.validated_data)
        return Response(self.get_serializer(obj).data)

    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        self._jalankan(sementara.hapus_sementara, sementara=obj)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=SementaraPergiInput, responses={200: SementaraSerializer})
    @action(detail=True, methods=["post"])
    def pergi(self, request, pk=None):
        obj = self.get_object()
        s = SementaraPergiInput(data=request.data)
        s.is_valid(raise_exception=True)
        obj = self._jalankan(sementara.catat_pergi, sementara=obj, **s.validated_data)
        return Response(self.get_serializer(obj).data)


def register(router) -> None:
    router.register("peristiwa", PeristiwaViewSet, basename="peristiwa")
    router.register("penduduk-sementara", SementaraViewSet, basename="penduduk-sementara")
