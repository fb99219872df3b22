"""REST API of outgoing naskah; registered by api.py.

/api/v1/persuratan/naskah/                   the naskah of the caller's units (?status=, ?q= subject/number)
/api/v1/persuratan/naskah/<id>/              one naskah with addressees and review chain
POST /api/v1/persuratan/naskah/              a new draft (keluar.buat_draf)
POST /api/v1/persuratan/naskah/<id>/ajukan/ | paraf/ | tandatangani/ | batalkan/
GET  /api/v1/persuratan/naskah/<id>/pelacakan/   per addressee: delivered, read, disposed, replied

The passphrase of `tandatangani` goes to the signing service only; it is never logged or
stored. Refusals answer 400 with the services' Indonesian messages keyed by field; naskah out
of scope are 404."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import has_action, restrict
from apps.dokumen import tte
from apps.wilayah.models import UnitKerja

from . import keluar, selectors
from .models import JenisNaskah, Naskah, ParafNaskah, PenerimaNaskah, Sifat, StatusNaskah, SuratMasuk, Urgensi


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


class PenerimaSerializer(serializers.ModelSerializer):
    nama = serializers.CharField(source="__str__", read_only=True)
    unit_kode = serializers.CharField(source="unit.kode", default="", read_only=True)

    class Meta:
        model = PenerimaNaskah
        fields = ["id", "jenis", "unit_kode", "nama_luar", "nama", "urutan"]
        read_only_fields = fields


class ParafSerializer(serializers.ModelSerializer):
    jabatan_nama = serializers.CharField(source="jabatan.nama", read_only=True)
    oleh_nama = serializers.CharField(source="oleh.get_full_name", default="", read_only=True)

    class Meta:
        model = ParafNaskah
        fields = ["urutan", "jabatan", "jabatan_nama", "status", "oleh_nama", "waktu", "catatan"]
        read_only_fields = fields


class NaskahSerializer(serializers.ModelSerializer):
    unit_nama = serializers.CharField(source="unit.nama", read_only=True)
    klasifikasi_kode = serializers.CharField(source="klasifikasi.kode", read_only=True)

    class Meta:
        model = Naskah
        fields = ["id", "unit", "unit_nama", "jenis", "klasifikasi_kode", "sifat", "urgensi", "perihal",
                  "status", "nomor", "tanggal", "dikirim", "jabatan_penandatangan", "balasan_untuk", "created_at"]
        read_only_fields = fields


class NaskahDetailSerializer(NaskahSerializer):
    penerima = PenerimaSerializer(many=True, read_only=True)
    paraf = ParafSerializer(many=True, read_only=True)

    class Meta(NaskahSerializer.Meta):
        fields = [*NaskahSerializer.Meta.fields, "isi", "lampiran_keterangan", "data_ttd", "penerima", "paraf"]
        read_only_fields = fields


class DrafInput(serializers.Serializer):
    unit = serializers.UUIDField(help_text="Unit pengirim (unit tempat Anda bekerja).")
    jenis = serializers.ChoiceField(choices=JenisNaskah.choices)
    klasifikasi = serializers.CharField(max_length=20, help_text="Kode klasifikasi arsip, mis. 005.")
    perihal = serializers.CharField(max_length=255, allow_blank=True)
    isi = serializers.CharField(allow_blank=True, required=False, default="")
    jabatan_penandatangan = serializers.UUIDField()
    kepada = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list,
                                   help_text="Kode unit penerima (kepada).")
    tembusan = serializers.ListField(child=serializers.CharField(max_length=40), required=False, default=list,
                                     help_text="Kode unit penerima tembusan.")
    luar = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list,
                                 help_text="Penerima di luar jaringan (kertas).")
    paraf = serializers.ListField(child=serializers.UUIDField(), required=False, default=list,
                                  help_text="Jabatan pemaraf, berurutan.")
    sifat = serializers.ChoiceField(choices=Sifat.choices, required=False, default=Sifat.BIASA)
    urgensi = serializers.ChoiceField(choices=Urgensi.choices, required=False, default=Urgensi.BIASA)
    lampiran_keterangan = serializers.CharField(max_length=100, allow_blank=True, required=False, default="")
    balasan_untuk = serializers.UUIDField(required=False, allow_null=True, default=None)


class ParafInput(serializers.Serializer):
    setuju = serializers.BooleanField()
    catatan = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class AlasanInput(serializers.Serializer):
    alasan = serializers.CharField(max_length=500, allow_blank=True)


class PassphraseInput(serializers.Serializer):
    passphrase = serializers.CharField(trim_whitespace=False, write_only=True, style={"input_type": "password"})


class LacakSerializer(serializers.Serializer):
    nama = serializers.CharField()
    unit_kode = serializers.CharField(source="unit.kode", default="")
    jenis = serializers.CharField()
    elektronik = serializers.BooleanField()
    diterima = serializers.DateTimeField(allow_null=True)
    nomor_agenda = serializers.IntegerField(allow_null=True)
    dibaca_pada = serializers.DateTimeField(allow_null=True)
    dibaca_oleh = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    disposisi = serializers.BooleanField()
    balasan = serializers.SerializerMethodField()

    def get_balasan(self, obj) -> list[dict]:
        return [{"nomor": b["nomor"], "tanggal": b["tanggal"], "perihal": b["perihal"]} for b in obj.balasan]


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("status", str, description="draf, paraf, dikembalikan, siap_ttd, terkirim, dibatalkan"),
    OpenApiParameter("q", str, description="Bagian perihal atau nomor.")]))
class NaskahViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Outgoing naskah: read in the unit's scope, written only through the workflow actions."""

    base_queryset = Naskah.objects.select_related("unit", "klasifikasi")
    serializer_class = NaskahSerializer
    ordering = "-pk"

    def get_queryset(self):
        qs = restrict(self.base_queryset.all(), self.request.user, "view")
        if self.action == "retrieve":
            qs = qs.prefetch_related("penerima__unit", "paraf__jabatan", "paraf__oleh")
        if self.action != "list":
            return qs
        p = self.request.query_params
        if p.get("status") in StatusNaskah.values:
            qs = qs.filter(status=p["status"])
        return keluar.filter_cari(qs, p.get("q", "")).order_by("-pk")

    def get_serializer_class(self):
        return NaskahDetailSerializer if self.action == "retrieve" else NaskahSerializer

    def _data(self, cls) -> dict:
        s = cls(data=self.request.data)
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def _naskah(self) -> Naskah:
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404(keluar.NASKAH_TIDAK_DITEMUKAN)
        return obj

    def _jawab(self, fn, *, kode=status.HTTP_200_OK) -> Response:
        try:
            hasil = fn()
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        hasil = Naskah.objects.select_related("unit", "klasifikasi") \
            .prefetch_related("penerima__unit", "paraf__jabatan", "paraf__oleh").get(pk=hasil.pk)
        return Response(NaskahDetailSerializer(hasil, context=self.get_serializer_context()).data, status=kode)

    @extend_schema(request=DrafInput, responses={201: NaskahDetailSerializer})
    def create(self, request, *args, **kwargs):
        if not has_action(request.user, Naskah, "add"):
            raise Http404("Unit tidak ditemukan.")
        d = self._data(DrafInput)
        kode = [*d["kepada"], *d["tembusan"]]
        units = {u.kode: u for u in keluar.unit_tujuan(request.user).filter(kode__in=kode)}
        asing = [k for k in kode if k not in units]
        if asing:
            raise serializers.ValidationError({"penerima": [
                f"Unit penerima tidak ditemukan di jaringan kabupaten Anda: {', '.join(asing[:5])}."]})
        klasifikasi = selectors.klasifikasi_tersedia(request.user).filter(kode=d["klasifikasi"]).first()
        if klasifikasi is None:
            raise serializers.ValidationError({"klasifikasi": ["Klasifikasi arsip tidak ditemukan di kabupaten Anda."]})
        penerima = [{"unit": units[k], "nama_luar": "", "jenis": "kepada"} for k in d["kepada"]]
        penerima += [{"unit": None, "nama_luar": nama, "jenis": "kepada"} for nama in d["luar"]]
        penerima += [{"unit": units[k], "nama_luar": "", "jenis": "tembusan"} for k in d["tembusan"]]
        balasan = None
        if d["balasan_untuk"]:
            balasan = restrict(SuratMasuk.objects.filter(pk=d["balasan_untuk"]), request.user, "view").first()
            if balasan is None:
                raise serializers.ValidationError({"balasan_untuk": ["Surat masuk yang dibalas tidak ditemukan."]})
        unit = UnitKerja.objects.filter(pk=d["unit"]).first()
        return self._jawab(lambda: keluar.buat_draf(
            pengguna=request.user, unit=unit, jenis=d["jenis"], klasifikasi=klasifikasi, perihal=d["perihal"],
            isi=d["isi"], jabatan_penandatangan=d["jabatan_penandatangan"], penerima=penerima, paraf=d["paraf"],
            sifat=d["sifat"], urgensi=d["urgensi"], lampiran_keterangan=d["lampiran_keterangan"],
            balasan_untuk=balasan), kode=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: NaskahDetailSerializer})
    @action(detail=True, methods=["post"])
    def ajukan(self, request, pk=None):
        n = self._naskah()
        return self._jawab(lambda: keluar.ajukan(n, pengguna=request.user))

    @extend_schema(request=ParafInput, responses={200: NaskahDetailSerializer})
    @action(detail=True, methods=["post"])
    def paraf(self, request, pk=None):
        n, d = self._naskah(), self._data(ParafInput)
        return self._jawab(lambda: keluar.paraf(n, pengguna=request.user, setuju=d["setuju"], catatan=d["catatan"]))

    @extend_schema(request=PassphraseInput, responses={200: NaskahDetailSerializer})
    @action(detail=True, methods=["post"])
    @method_decorator(sensitive_variables("d", "kunci"))
    def tandatangani(self, request, pk=None):
        # A form-encoded body puts the passphrase in the Django request's POST: hide it from
        # error reports as sensitive_post_parameters would (it needs the HttpRequest itself).
        request._request.sensitive_post_parameters = ["passphrase"]
        n, d = self._naskah(), self._data(PassphraseInput)

        def jalan():
            try:
                kunci = tte.buka_kunci(request.user, d["passphrase"])
            except DjangoValidationError as exc:
                raise DjangoValidationError({"passphrase": exc.messages}) from None
            return keluar.tandatangani(n, pengguna=request.user, kunci=kunci)

        return self._jawab(jalan)

    @extend_schema(request=AlasanInput, responses={200: NaskahDetailSerializer})
    @action(detail=True, methods=["post"])
    def batalkan(self, request, pk=None):
        n, d = self._naskah(), self._data(AlasanInput)
        return self._jawab(lambda: keluar.batalkan(n, pengguna=request.user, alasan=d["alasan"]))

    @extend_schema(responses={200: LacakSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def pelacakan(self, request, pk=None):
        return Response(LacakSerializer(keluar.pelacakan(self._naskah()), many=True).data)


def register(router) -> None:
    router.register("persuratan/naskah", NaskahViewSet, basename="persuratan-naskah")
