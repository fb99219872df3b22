"""REST API of the letter workflow; registered by api.py.

/api/v1/surat/                     letters in the caller's scope, newest first (?status=, ?q= name)
/api/v1/surat/<id>/                one letter (NIK masked unless the caller may see it in full)
POST /api/v1/surat/                a request (same service as the counter: alur.buat_permohonan)
POST /api/v1/surat/<id>/lampiran/  a requirement scan (multipart: syarat, berkas)
POST /api/v1/surat/<id>/periksa/ | tolak/ | tandatangani/ | selesai/ | batal/
GET  /api/v1/surat/<id>/pdf/       the signed PDF (attachment)

The passphrase of `tandatangani` is read from the body and handed to the signing service only;
it is never logged, echoed or stored. Refusals answer 400 with the services' Indonesian
messages keyed by field; letters out of scope are 404."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import covers, has_action, restrict
from apps.dokumen import tte
from apps.kependudukan.models import Penduduk
from apps.kependudukan.privasi import samarkan

from . import alur, mandiri, services
from .models import JenisSurat, LampiranSurat, RiwayatSurat, StatusSurat, Surat
from .views.alur import respons_pdf_ttd


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


class RiwayatSerializer(serializers.ModelSerializer):
    oleh = serializers.CharField(source="oleh.get_full_name", default="", read_only=True)

    class Meta:
        model = RiwayatSurat
        fields = ["langkah", "waktu", "oleh", "catatan"]


class LampiranSerializer(serializers.ModelSerializer):
    class Meta:
        model = LampiranSurat
        fields = ["id", "syarat", "nama_asli", "jenis_mime", "ukuran", "created_at"]


class SuratSerializer(serializers.ModelSerializer):
    jenis_nama = serializers.CharField(source="jenis.nama", read_only=True)
    penduduk_nama = serializers.CharField(source="penduduk.nama", read_only=True)
    penduduk_nik = serializers.SerializerMethodField(help_text="NIK (tersamar tanpa izin NIK lengkap).")
    owner = serializers.CharField(source="owner_id", read_only=True, help_text="Kode desa penerbit.")

    class Meta:
        model = Surat
        fields = ["id", "jenis", "jenis_nama", "penduduk", "penduduk_nama", "penduduk_nik", "status", "kanal", "isian",
                  "nomor", "tanggal_surat", "berlaku_sampai", "alasan_tolak", "alasan_batal", "diajukan_pada",
                  "diperiksa_pada", "ditandatangani_pada", "selesai_pada", "owner", "created_at"]
        read_only_fields = fields

    def get_penduduk_nik(self, obj) -> str:
        nik = obj.penduduk.nik
        return nik if covers(self.context["request"].user, "view_nik", Penduduk, obj.owner_id) else samarkan(nik)


class SuratDetailSerializer(SuratSerializer):
    riwayat = RiwayatSerializer(many=True, read_only=True)
    lampiran = LampiranSerializer(many=True, read_only=True)

    class Meta(SuratSerializer.Meta):
        fields = [*SuratSerializer.Meta.fields, "riwayat", "lampiran"]
        read_only_fields = fields


class PermohonanInput(serializers.Serializer):
    penduduk = serializers.UUIDField(help_text="id penduduk dalam cakupan Anda.")
    jenis = serializers.UUIDField(help_text="id jenis surat (lihat /api/v1/surat-jenis/).")
    isian = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False, default=dict)
    kanal = serializers.ChoiceField(choices=[Surat.LOKET, Surat.MANDIRI], required=False, default=Surat.LOKET)


class LampiranInput(serializers.Serializer):
    syarat = serializers.CharField(max_length=40)
    berkas = serializers.FileField(help_text="PDF, JPG atau PNG (diperiksa dari isinya).")


class PeriksaInput(serializers.Serializer):
    asli_dilihat = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list)
    catatan = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class AlasanInput(serializers.Serializer):
    alasan = serializers.CharField(max_length=1000, allow_blank=True)


class PassphraseInput(serializers.Serializer):
    passphrase = serializers.CharField(trim_whitespace=False, write_only=True, style={"input_type": "password"})


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("status", str, description="diajukan, diperiksa, ditandatangani, selesai, ditolak, dibatalkan"),
    OpenApiParameter("q", str, description="Bagian nama penduduk.")]))
class SuratViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Letters: read in scope, written only through the workflow actions."""

    base_queryset = Surat.objects.select_related("jenis", "penduduk")
    serializer_class = SuratSerializer
    ordering = "-pk"  # UUIDv7: newest first
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        qs = restrict(self.base_queryset.all(), self.request.user, "view")
        if self.action == "retrieve":
            qs = qs.prefetch_related("riwayat__oleh", "lampiran")
        if self.action != "list":
            return qs
        p = self.request.query_params
        if p.get("status") in StatusSurat.values:
            qs = qs.filter(status=p["status"])
        q = " ".join(p.get("q", "").split())[:60].lower()
        return qs.filter(nama_cari__contains=q) if q else qs

    def get_serializer_class(self):
        return SuratDetailSerializer if self.action == "retrieve" else SuratSerializer

    # -- helpers
    def _data(self, cls) -> dict:
        s = cls(data=self.request.data)
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def _surat(self) -> Surat:
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Surat tidak ditemukan.")
        return obj

    def _jawab(self, fn, *, kode=status.HTTP_200_OK) -> Response:
        try:
            hasil = fn()
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        if isinstance(hasil, Surat):
            hasil = Surat.objects.select_related("jenis", "penduduk").prefetch_related("riwayat__oleh", "lampiran") \
                .get(pk=hasil.pk)
            return Response(SuratDetailSerializer(hasil, context=self.get_serializer_context()).data, status=kode)
        return Response(LampiranSerializer(hasil).data, status=kode)

    # -- writes
    @extend_schema(request=PermohonanInput, responses={201: SuratDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not has_action(request.user, Surat, "add"):
            raise Http404("Penduduk tidak ditemukan.")
        d = self._data(PermohonanInput)
        jenis = JenisSurat.objects.filter(pk=d["jenis"]).first()
        if jenis is None:
            raise serializers.ValidationError({"jenis": ["Jenis surat tidak ditemukan."]})
        if hasattr(request.user, "pin_warga"):
            # A resident: the same path and quota as the layanan mandiri form.
            return self._jawab(lambda: mandiri.ajukan_surat(pengguna=request.user, penduduk=d["penduduk"], jenis=jenis,
                                                            isian=d["isian"], berkas={}), kode=status.HTTP_201_CREATED)
        return self._jawab(lambda: alur.buat_permohonan(pengguna=request.user, penduduk=d["penduduk"], jenis=jenis,
                                                        isian=d["isian"], kanal=d["kanal"]), kode=status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": LampiranInput}, responses={201: LampiranSerializer})
    @action(detail=True, methods=["post"])
    def lampiran(self, request, pk=None):
        s, d = self._surat(), self._data(LampiranInput)
        return self._jawab(lambda: alur.unggah_lampiran(s, pengguna=request.user, syarat=d["syarat"], berkas=d["berkas"]),
                           kode=status.HTTP_201_CREATED)

    @extend_schema(request=PeriksaInput, responses={200: SuratDetailSerializer})
    @action(detail=True, methods=["post"])
    def periksa(self, request, pk=None):
        s, d = self._surat(), self._data(PeriksaInput)
        return self._jawab(lambda: alur.periksa(s, pengguna=request.user, catatan=d["catatan"],
                                                asli_dilihat=d["asli_dilihat"]))

    @extend_schema(request=AlasanInput, responses={200: SuratDetailSerializer})
    @action(detail=True, methods=["post"])
    def tolak(self, request, pk=None):
        s, d = self._surat(), self._data(AlasanInput)
        return self._jawab(lambda: alur.tolak(s, pengguna=request.user, alasan=d["alasan"]))

    @extend_schema(request=PassphraseInput, responses={200: SuratDetailSerializer})
    @action(detail=True, methods=["post"])
    @method_decorator(sensitive_variables("d"))
    def tandatangani(self, request, pk=None):
        s = self._surat()
        if not restrict(Surat.objects.filter(pk=s.pk), request.user, "tandatangani").exists():
            raise Http404("Surat tidak ditemukan.")
        d = self._data(PassphraseInput)

        def jalan():
            try:
                kunci = tte.buka_kunci(request.user, d["passphrase"])
            except DjangoValidationError as exc:
                raise DjangoValidationError({"passphrase": exc.messages}) from None
            return services.terbitkan(s, pengguna=request.user, kunci=kunci)

        return self._jawab(jalan)

    @extend_schema(request=None, responses={200: SuratDetailSerializer})
    @action(detail=True, methods=["post"])
    def selesai(self, request, pk=None):
        s = self._surat()
        return self._jawab(lambda: alur.tandai_selesai(s, pengguna=request.user))

    @extend_schema(request=AlasanInput, responses={200: SuratDetailSerializer})
    @action(detail=True, methods=["post"])
    def batal(self, request, pk=None):
        s, d = self._surat(), self._data(AlasanInput)
        return self._jawab(lambda: services.batalkan(s, pengguna=request.user, alasan=d["alasan"]))

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return respons_pdf_ttd(self._surat())


def register(router) -> None:
    router.register("surat", SuratViewSet, basename="surat")
