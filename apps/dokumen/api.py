"""REST API of the signing service: public verification (/api/v1/verifikasi/: a document's
masked summary by id, a PDF upload check, a QR text check; no login, throttled per client
address) and, for staff, their own certificates (/api/v1/sertifikat/, read-only)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, parsers, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from . import qr, verifikasi
from .models import DokumenTerbit, SertifikatPenandatangan


class _BatasLihat(AnonRateThrottle):
    """Per client address, whether logged in or not (the endpoints ignore authentication)."""

    scope = "verifikasi-lihat"
    rate = "60/min"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class _BatasUnggah(_BatasLihat):
    scope = "verifikasi-unggah"
    rate = "10/min"


class DokumenPublikSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(help_text="SAH atau DIBATALKAN.")

    class Meta:
        model = DokumenTerbit
        fields = ["id", "nomor", "tanggal", "judul", "penerbit", "penandatangan", "jabatan_penandatangan",
                  "ringkasan", "status", "dibatalkan", "alasan_batal"]
        read_only_fields = fields

    def get_status(self, obj) -> str:
        return "DIBATALKAN" if obj.dibatalkan else "SAH"


class BerkasSerializer(serializers.Serializer):
    berkas = serializers.FileField(help_text="Berkas PDF yang diperiksa (maks. 10 MB).")


class QrSerializer(serializers.Serializer):
    teks = serializers.CharField(max_length=qr.TEKS_MAKS + 200, help_text="Isi kode QR (tautan lengkap atau nilai d).")


HasilBerkas = inline_serializer("HasilBerkas", {
    "status": serializers.CharField(), "judul": serializers.CharField(), "pesan": serializers.CharField(),
    "sah": serializers.BooleanField(), "penandatangan": serializers.CharField(),
    "dokumen": DokumenPublikSerializer(allow_null=True),
})
HasilQr = inline_serializer("HasilQr", {
    "sah": serializers.BooleanField(), "pesan": serializers.CharField(), "nomor": serializers.CharField(),
    "tanggal": serializers.DateField(allow_null=True), "dokumen": DokumenPublikSerializer(allow_null=True),
})


def _dokumen(dok: DokumenTerbit | None):
    return DokumenPublikSerializer(dok).data if dok is not None else None


class VerifikasiViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Public: anyone may check a document; only the masked summary is ever returned."""

    queryset = DokumenTerbit.objects.all()
    serializer_class = DokumenPublikSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [_BatasLihat]

    @extend_schema(request={"multipart/form-data": BerkasSerializer}, responses={200: HasilBerkas})
    @action(detail=False, methods=["post"], parser_classes=[parsers.MultiPartParser], throttle_classes=[_BatasUnggah],
            serializer_class=BerkasSerializer)
    def berkas(self, request):
        ser = BerkasSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        hasil = verifikasi.periksa_berkas(ser.validated_data["berkas"].read(verifikasi.UKURAN_MAKS + 1))
        return Response({"status": hasil.status, "judul": hasil.judul, "pesan": hasil.pesan, "sah": hasil.sah,
                         "penandatangan": hasil.penandatangan, "dokumen": _dokumen(hasil.dokumen)})

    @extend_schema(request=QrSerializer, responses={200: HasilQr})
    @action(detail=False, methods=["post"], serializer_class=QrSerializer)
    def qr(self, request):
        ser = QrSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        hasil = qr.periksa_teks(ser.validated_data["teks"])
        dok = DokumenTerbit.objects.filter(pk=hasil.dokumen_id).first() if hasil.sah else None
        if dok is not None and (dok.nomor, dok.tanggal, dok.hash_isi) != (hasil.nomor, hasil.tanggal, hasil.hash_isi):
            hasil, dok = qr.HasilQR(False, qr.TIDAK_SAH), None
        kode = status.HTTP_200_OK if hasil.sah else status.HTTP_400_BAD_REQUEST
        return Response({"sah": hasil.sah, "pesan": hasil.pesan, "nomor": hasil.nomor, "tanggal": hasil.tanggal,
                         "dokumen": _dokumen(dok)}, status=kode)


class SertifikatSerializer(serializers.ModelSerializer):
    class Meta:
        model = SertifikatPenandatangan
        fields = ["id", "nama", "nomor_seri", "sidik_jari", "sertifikat_pem", "berlaku_mulai", "berlaku_sampai",
                  "dicabut", "alasan_cabut", "dibuat"]
        read_only_fields = fields


class SertifikatViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's own signing certificates (public parts only; never the key)."""

    base_queryset = SertifikatPenandatangan.objects.all()
    serializer_class = SertifikatSerializer
    ordering = "-dibuat"

    def get_queryset(self):
        return self.base_queryset.filter(pengguna=self.request.user)


def register(router) -> None:
    router.register("verifikasi", VerifikasiViewSet, basename="verifikasi")
    router.register("sertifikat", SertifikatViewSet, basename="sertifikat")
