"""REST API of the letter catalogue, templates and archive; `register(router)` is called by
the app's api.py.

- /api/v1/surat-jenis/: the letter types of the caller's regency (read).
- /api/v1/surat-template/?jenis=<id>&unit=<kode>: template versions the caller may read; POST
  creates a NEW version for an office the caller writes (never an edit in place).
- /api/v1/surat-arsip/?q=&jenis=&status=&dari=&sampai=: issued letters in scope, newest first,
  a keyset page at a time (`setelah`=<id of the last row>)."""
from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db.models import Q
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from apps.akun.scope import has_action, restrict
from apps.wilayah.models import Wilayah

from . import selectors, services
from .models import JenisSurat, Surat, TemplateSurat

UKURAN = 50


class JenisSerializer(serializers.ModelSerializer):
    class Meta:
        model = JenisSurat
        fields = ["id", "kode", "nama", "kode_klasifikasi", "keterangan", "syarat", "isian", "masa_berlaku_hari",
                  "bisa_mandiri", "owner"]


class TemplateSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="kode", queryset=Wilayah.objects.all())

    class Meta:
        model = TemplateSurat
        fields = ["id", "jenis", "owner", "versi", "judul", "pembuka", "kolom_data", "isi", "penutup", "isian", "kertas",
                  "mengetahui_camat", "catatan_versi", "created_at"]
        read_only_fields = ["id", "versi", "created_at"]


class ArsipSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    nomor = serializers.CharField()
    tanggal_surat = serializers.DateField()
    berlaku_sampai = serializers.DateField()
    jenis = serializers.CharField(source="jenis.nama")
    nama = serializers.SerializerMethodField()
    status = serializers.CharField()
    desa = serializers.CharField(source="owner_id")

    def get_nama(self, obj) -> str:
        return obj.nama_cari.upper()


def _galat_api(exc: ValidationError) -> ApiValidationError:
    return ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


class JenisViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = JenisSurat.objects.all()  # the model, for the schema and the scope matrix; see get_queryset
    serializer_class = JenisSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.jenis_tersedia(self.request.user)


class TemplateViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = TemplateSurat.objects.all()  # see get_queryset
    serializer_class = TemplateSerializer
    pagination_class = None

    def get_queryset(self):
        user = self.request.user
        kab = selectors.kabupaten_pengguna(user)
        qs = TemplateSurat.objects.filter(
            Q(owner_id__in=kab) | Q(pk__in=restrict(TemplateSurat.objects.all(), user, "view").values("pk")))
        if not has_action(user, TemplateSurat, "view"):
            return qs.none()
        jenis = self.request.query_params.get("jenis")
        if jenis:
            try:
                qs = qs.filter(jenis_id=uuid.UUID(jenis))
            except ValueError:
                raise ApiValidationError({"jenis": "Id jenis surat tidak valid."}) from None
        unit = self.request.query_params.get("unit")
        if unit:
            qs = qs.filter(owner_id=unit)
        return qs.order_by("jenis", "owner", "-versi")

    def create(self, request, *args, **kwargs):
        ser = self.get_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        unit = d.pop("owner").kode
        jenis = d.pop("jenis")
        try:
            tpl = services.buat_versi_template(pengguna=request.user, jenis=jenis, owner_id=unit, **d)
        except ValidationError as exc:
            raise _galat_api(exc) from None
        return Response(self.get_serializer(tpl).data, status=201)


def _tanggal(nilai: str | None, nama: str) -> datetime.date | None:
    if not nilai:
        return None
    try:
        return datetime.date.fromisoformat(nilai)
    except ValueError:
        raise ApiValidationError({nama: f"Tanggal \"{nilai[:12]}\" tidak valid: tulis YYYY-MM-DD."}) from None


class ArsipViewSet(viewsets.GenericViewSet):
    queryset = Surat.objects.all()  # see list: selectors.arsip restricts
    serializer_class = ArsipSerializer
    pagination_class = None

    def list(self, request):
        p = request.query_params
        jenis = None
        if p.get("jenis"):
            jenis = selectors.jenis_tersedia(request.user).filter(kode=p["jenis"]).first()
            if jenis is None:
                raise ApiValidationError({"jenis": f"Jenis surat \"{p['jenis'][:40]}\" tidak dikenal."})
        qs = selectors.arsip(request.user, q=p.get("q", ""), jenis=jenis, status=p.get("status", ""),
                             dari=_tanggal(p.get("dari"), "dari"), sampai=_tanggal(p.get("sampai"), "sampai"))
        setelah = p.get("setelah")
        if setelah:
            try:
                qs = qs.filter(pk__lt=uuid.UUID(setelah))
            except ValueError:
                raise ApiValidationError({"setelah": "Kursor halaman tidak valid."}) from None
        rows = list(qs.order_by("-pk")[: UKURAN + 1])
        return Response({"hasil": self.get_serializer(rows[:UKURAN], many=True).data,
                         "setelah": str(rows[UKURAN - 1].pk) if len(rows) > UKURAN else None})


def register(router) -> None:
    router.register("surat-jenis", JenisViewSet, basename="surat-jenis")
    router.register("surat-template", TemplateViewSet, basename="surat-template")
    router.register("surat-arsip", ArsipViewSet, basename="surat-arsip")
