"""REST API of aspirations: the scoped list and detail (an anonymous reporter's identity is
never given), actions by POST, and the kabupaten's categories (read)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.akun.api_base import ScopedReadOnlyViewSet, ScopedViewSetMixin
from apps.akun.scope import restrict

from . import layanan, selectors
from .izin import staf
from .models import Aspirasi, KategoriAspirasi


class KategoriSerializer(serializers.ModelSerializer):
    unit_tujuan = serializers.SlugRelatedField(slug_field="kode", read_only=True)

    class Meta:
        model = KategoriAspirasi
        fields = ["id", "kode", "nama", "keterangan", "tingkat", "unit_tujuan", "sla", "aktif", "urutan"]


class AspirasiSerializer(serializers.ModelSerializer):
    pelapor = serializers.SerializerMethodField()
    kategori_nama = serializers.CharField(source="kategori.nama", read_only=True)
    # Codes, not ids: the categories and agencies are the kabupaten's rows.
    kategori = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    unit_saat_ini = serializers.SlugRelatedField(slug_field="kode", read_only=True)

    class Meta:
        model = Aspirasi
        fields = ["id", "kode_lacak", "klasifikasi", "kategori", "kategori_nama", "judul", "isi", "lokasi", "lat",
                  "lng", "kecamatan_kode", "anonim", "rahasia", "kanal", "pelapor", "status", "terbuka",
                  "unit_saat_ini", "tenggat", "ditanggapi_pada", "selesai_pada", "disembunyikan", "duplikat_dari",
                  "nilai", "komentar_nilai", "created_at"]

    def get_pelapor(self, obj) -> str:
        return selectors.identitas_pelapor(obj)


class TindakanInput(serializers.Serializer):
    jenis = serializers.ChoiceField(choices=layanan.JENIS_STAF)
    isi = serializers.CharField(required=False, allow_blank=True, default="")
    ke_unit = serializers.UUIDField(required=False, allow_null=True)


class AspirasiViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    base_queryset = Aspirasi.objects.select_related("kategori", "unit_saat_ini")
    serializer_class = AspirasiSerializer

    @action(detail=True, methods=["post"])
    def tindakan(self, request, pk=None):
        if not staf(request.user):
            return Response({"detail": "Tindakan hanya untuk petugas."}, status=status.HTTP_403_FORBIDDEN)
        asp = restrict(Aspirasi.objects.filter(pk=pk), request.user, "view").first()
        if asp is None:
            return Response({"detail": "Tidak ditemukan."}, status=status.HTTP_404_NOT_FOUND)
        data = TindakanInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        try:
            t = layanan.tindak(request.user, asp, d["jenis"], d.get("isi", ""), d.get("ke_unit"))
        except ValidationError as exc:
            return Response(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages},
                            status=status.HTTP_400_BAD_REQUEST)
        asp.refresh_from_db()
        return Response({"tindakan": str(t.pk), "aspirasi": AspirasiSerializer(asp).data},
                        status=status.HTTP_201_CREATED)


class KategoriViewSet(ScopedReadOnlyViewSet):
    base_queryset = KategoriAspirasi.objects.select_related("unit_tujuan")
    serializer_class = KategoriSerializer


def register(router) -> None:
    router.register("aspirasi/aspirasi", AspirasiViewSet, basename="aspirasi-aspirasi")
    router.register("aspirasi/kategori", KategoriViewSet, basename="aspirasi-kategori")
