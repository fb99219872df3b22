"""REST API of incoming letters and dispositions; registered by api.py.

/api/v1/persuratan/masuk/                     the caller's units' incoming letters (?unit=, ?status=)
POST /api/v1/persuratan/masuk/                register a paper letter (masuk.catat_fisik; multipart for scans)
/api/v1/persuratan/masuk/<id>/                one letter with its disposition tree (marks it read)
POST /api/v1/persuratan/masuk/<id>/baca/ | selesai/ | disposisi/
/api/v1/persuratan/disposisi/                 dispositions addressed to the caller's units (?status=terbuka|selesai)
/api/v1/persuratan/disposisi/<id>/            one, with the letter summary and the subtree below it
POST /api/v1/persuratan/disposisi/<id>/terima/ | tindak-lanjut/ | disposisi/

Refusals answer 400 with masuk.py's Indonesian messages keyed by field; anything out of the
caller's scope is 404."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import restrict
from apps.wilayah.models import Jabatan

from . import masuk, selectors
from .models import (
    STATUS_DISPOSISI_TERBUKA,
    JenisNaskah,
    KlasifikasiArsip,
    PenerimaDisposisi,
    Sifat,
    StatusDisposisi,
    StatusMasuk,
    SuratMasuk,
    TindakLanjut,
    Urgensi,
)


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


# ---------------------------------------------------------------- serializers

class SuratMasukSerializer(serializers.ModelSerializer):
    unit_nama = serializers.CharField(source="unit.nama", read_only=True)
    terlambat = serializers.SerializerMethodField()

    class Meta:
        model = SuratMasuk
        fields = ["id", "unit", "unit_nama", "sumber", "naskah", "jenis_penerima", "tahun", "nomor_agenda", "diterima",
                  "pengirim", "nomor_surat", "tanggal_surat", "perihal", "jenis", "klasifikasi", "sifat", "urgensi",
                  "batas_waktu", "status", "dibaca_pada", "dibaca_oleh", "selesai_pada", "keterangan", "terlambat"]
        read_only_fields = fields

    def get_terlambat(self, obj) -> int:
        return masuk.hari_terlambat(obj)


def _pengguna(u) -> dict | None:
    return {"id": u.pk, "nama": u.get_full_name() or u.username} if u is not None else None


def _tindak_lanjut(t: TindakLanjut) -> dict:
    return {"id": str(t.pk), "oleh": _pengguna(t.pengguna), "catatan": t.catatan, "menutup": t.menutup,
            "waktu": t.created_at.isoformat(),
            "lampiran": [{"id": str(b.pk), "nama": b.nama_asli, "ukuran": b.ukuran} for b in getattr(t, "berkas", [])]}


def _simpul_penerima(sp: masuk.SimpulPenerima) -> dict:
    pd = sp.pd
    return {"id": str(pd.pk), "unit": str(pd.unit_id), "unit_nama": pd.unit.nama,
            "jabatan": str(pd.jabatan_id) if pd.jabatan_id else None,
            "jabatan_nama": pd.jabatan.nama if pd.jabatan_id else "", "pengguna": _pengguna(pd.pengguna),
            "status": pd.status, "batas_waktu": pd.batas_waktu, "terlambat": sp.terlambat_hari,
            "dibaca_pada": pd.dibaca_pada, "diterima_pada": pd.diterima_pada, "selesai_pada": pd.selesai_pada,
            "selesai_oleh": _pengguna(pd.selesai_oleh),
            "tindak_lanjut": [_tindak_lanjut(t) for t in sp.tindak_lanjut],
            "disposisi": [_simpul_disposisi(d) for d in sp.anak]}


def _simpul_disposisi(sd: masuk.SimpulDisposisi) -> dict:
    d = sd.disposisi
    return {"id": str(d.pk), "unit": str(d.unit_id), "unit_nama": d.unit.nama, "dari": _pengguna(d.dari),
            "dari_jabatan": d.dari_jabatan.nama if d.dari_jabatan_id else "", "instruksi": d.instruksi,
            "urgensi": d.urgensi, "batas_waktu": d.batas_waktu, "waktu": d.created_at.isoformat(),
            "penerima": [_simpul_penerima(p) for p in sd.penerima]}


class SuratMasukDetailSerializer(SuratMasukSerializer):
    disposisi = serializers.SerializerMethodField()

    class Meta(SuratMasukSerializer.Meta):
        fields = [*SuratMasukSerializer.Meta.fields, "disposisi"]
        read_only_fields = fields

    def get_disposisi(self, obj) -> list[dict]:
        return [_simpul_disposisi(d) for d in masuk.pohon_disposisi(obj)]


class PenerimaDisposisiSerializer(serializers.ModelSerializer):
    surat_masuk = serializers.UUIDField(source="disposisi.surat_masuk_id", read_only=True)
    perihal = serializers.CharField(source="disposisi.surat_masuk.perihal", read_only=True)
    instruksi = serializers.CharField(source="disposisi.instruksi", read_only=True)
    urgensi = serializers.CharField(source="disposisi.urgensi", read_only=True)
    dari = serializers.SerializerMethodField()
    unit_nama = serializers.CharField(source="unit.nama", read_only=True)
    terlambat = serializers.SerializerMethodField()

    class Meta:
        model = PenerimaDisposisi
        fields = ["id", "disposisi", "surat_masuk", "perihal", "instruksi", "urgensi", "dari", "unit", "unit_nama",
                  "jabatan", "pengguna", "batas_waktu", "status", "dibaca_pada", "diterima_pada", "selesai_pada",
                  "selesai_oleh", "terlambat"]
        read_only_fields = fields

    def get_dari(self, obj) -> dict | None:
        return _pengguna(obj.disposisi.dari)

    def get_terlambat(self, obj) -> int:
        return masuk.hari_terlambat(obj)


class PenerimaDisposisiDetailSerializer(PenerimaDisposisiSerializer):
    surat = serializers.SerializerMethodField()
    tindak_lanjut = serializers.SerializerMethodField()
    turunan = serializers.SerializerMethodField()

    class Meta(PenerimaDisposisiSerializer.Meta):
        fields = [*PenerimaDisposisiSerializer.Meta.fields, "surat", "tindak_lanjut", "turunan"]
        read_only_fields = fields

    def _simpul(self, obj):
        if not hasattr(obj, "_simpul"):
            obj._simpul = masuk.simpul_penerima(obj.disposisi.surat_masuk, obj)
        return obj._simpul

    def get_surat(self, obj) -> dict:
        sm = obj.disposisi.surat_masuk
        return {"id": str(sm.pk), "pengirim": sm.pengirim, "nomor_surat": sm.nomor_surat,
                "tanggal_surat": sm.tanggal_surat, "perihal": sm.perihal, "sumber": sm.sumber, "sifat": sm.sifat,
                "urgensi": sm.urgensi, "isi": sm.naskah.isi if sm.naskah_id else ""}

    def get_tindak_lanjut(self, obj) -> list[dict]:
        s = self._simpul(obj)
        return [_tindak_lanjut(t) for t in s.tindak_lanjut] if s else []

    def get_turunan(self, obj) -> list[dict]:
        s = self._simpul(obj)
        return [_simpul_disposisi(d) for d in s.anak] if s else []


class CatatInput(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="Unit penerima (bawaan: unit pertama Anda).")
    pengirim = serializers.CharField(max_length=200, allow_blank=True)
    nomor_surat = serializers.CharField(max_length=120, allow_blank=True)
    tanggal_surat = serializers.DateField()
    perihal = serializers.CharField(max_length=255, allow_blank=True)
    diterima = serializers.DateTimeField(required=False, allow_null=True, default=None)
    jenis = serializers.ChoiceField(choices=[("", "-")] + list(JenisNaskah.choices), required=False, default="")
    klasifikasi = serializers.UUIDField(required=False, allow_null=True, default=None)
    sifat = serializers.ChoiceField(choices=Sifat.choices, required=False, default=Sifat.BIASA)
    urgensi = serializers.ChoiceField(choices=Urgensi.choices, required=False, default=Urgensi.BIASA)
    batas_waktu = serializers.DateField(required=False, allow_null=True, default=None)
    keterangan = serializers.CharField(required=False, allow_blank=True, default="")
    berkas = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class DisposisiInput(serializers.Serializer):
    kepada = serializers.ListField(child=serializers.UUIDField(), allow_empty=True,
                                   help_text="id jabatan tujuan: jabatan di unit Anda atau kepala unit lain.")
    instruksi = serializers.CharField(allow_blank=True)
    urgensi = serializers.ChoiceField(choices=Urgensi.choices, required=False, default=Urgensi.BIASA)
    batas_waktu = serializers.DateField(required=False, allow_null=True, default=None)


class TindakLanjutInput(serializers.Serializer):
    catatan = serializers.CharField(allow_blank=True)
    menutup = serializers.BooleanField(required=False, default=False)
    berkas = serializers.ListField(child=serializers.FileField(), required=False, default=list)


def _jabatan(ids) -> list:
    found = {j.pk: j for j in Jabatan.objects.filter(pk__in=ids).select_related("unit")}
    return [found.get(i, i) for i in ids]


class _Dasar(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        # Reads and actions alike start from what the caller may see; the service checks the
        # finer right (head of unit, addressee) from the org chart.
        return restrict(self.base_queryset.all(), self.request.user, "view")

    def _data(self, cls) -> dict:
        s = cls(data=self.request.data)
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def _objek(self):
        obj = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if obj is None:
            raise Http404("Data tidak ditemukan.")
        return obj

    def _jalan(self, fn):
        try:
            return fn()
        except DjangoValidationError as exc:
            raise _galat(exc) from None


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("unit", str, description="id unit (bawaan: semua unit Anda)"),
    OpenApiParameter("status", str, description="terbuka, baru, dibaca, didisposisi, ditindaklanjuti, selesai")]))
class SuratMasukViewSet(mixins.CreateModelMixin, _Dasar):
    """Incoming letters of the caller's units: read, register from paper, dispose, file."""

    base_queryset = SuratMasuk.objects.select_related("unit")
    serializer_class = SuratMasukSerializer
    ordering = "-pk"  # UUIDv7: newest first (keyset pages)

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        p = self.request.query_params
        if p.get("unit"):
            qs = qs.filter(unit_id__in=[u.pk for u in selectors.unit_pengguna(self.request.user)
                                        if str(u.pk) == p["unit"]])
        if p.get("status") == "terbuka":
            qs = qs.filter(status__in=masuk.STATUS_MASUK_TERBUKA)
        elif p.get("status") in StatusMasuk.values:
            qs = qs.filter(status=p["status"])
        return qs

    def get_serializer_class(self):
        return SuratMasukDetailSerializer if self.action == "retrieve" else SuratMasukSerializer

    def _detail(self, sm, kode=status.HTTP_200_OK) -> Response:
        sm = SuratMasuk.objects.select_related("unit").get(pk=sm.pk)
        return Response(SuratMasukDetailSerializer(sm, context=self.get_serializer_context()).data, status=kode)

    def retrieve(self, request, *args, **kwargs):
        sm = self._objek()
        masuk.tandai_dibaca(sm, pengguna=request.user)
        return self._detail(sm)

    @extend_schema(request={"multipart/form-data": CatatInput, "application/json": CatatInput},
                   responses={201: SuratMasukDetailSerializer})
    def create(self, request, *args, **kwargs):
        d = self._data(CatatInput)
        user = request.user
        diminta = d.pop("unit", None)
        unit = selectors.unit_aktif(user, diminta)
        if diminta and (unit is None or unit.pk != diminta):
            raise serializers.ValidationError({"unit": ["Anda tidak bekerja di unit ini."]})
        kla = d.pop("klasifikasi")
        klasifikasi = KlasifikasiArsip.objects.filter(pk=kla).first() if kla else None
        if kla and klasifikasi is None:
            raise serializers.ValidationError({"klasifikasi": ["Klasifikasi arsip tidak ditemukan."]})
        sm = self._jalan(lambda: masuk.catat_fisik(pengguna=user, unit=unit, klasifikasi=klasifikasi, **d))
        return self._detail(sm, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: SuratMasukDetailSerializer})
    @action(detail=True, methods=["post"])
    def baca(self, request, pk=None):
        sm = self._objek()
        masuk.tandai_dibaca(sm, pengguna=request.user)
        return self._detail(sm)

    @extend_schema(request=None, responses={200: SuratMasukDetailSerializer})
    @action(detail=True, methods=["post"])
    def selesai(self, request, pk=None):
        sm = self._objek()
        return self._detail(self._jalan(lambda: masuk.selesaikan_surat(sm, pengguna=request.user)))

    @extend_schema(request=DisposisiInput, responses={201: SuratMasukDetailSerializer})
    @action(detail=True, methods=["post"])
    def disposisi(self, request, pk=None):
        sm, d = self._objek(), self._data(DisposisiInput)
        self._jalan(lambda: masuk.disposisikan(pengguna=request.user, instruksi=d["instruksi"], urgensi=d["urgensi"],
                                               batas_waktu=d["batas_waktu"], kepada=_jabatan(d["kepada"]),
                                               surat_masuk=sm))
        return self._detail(sm, status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("status", str, description="terbuka (bawaan), selesai, semua"),
    OpenApiParameter("unit", str, description="id unit (bawaan: semua unit Anda)")]))
class PenerimaDisposisiViewSet(_Dasar):
    """Dispositions addressed to the caller's units: read, accept, follow up, close, dispose further."""

    base_queryset = PenerimaDisposisi.objects.select_related(
        "disposisi", "disposisi__surat_masuk", "disposisi__surat_masuk__naskah", "disposisi__dari", "unit")
    serializer_class = PenerimaDisposisiSerializer
    ordering = "-pk"

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action != "list":
            return qs
        p = self.request.query_params
        if p.get("unit"):
            qs = qs.filter(unit_id__in=[u.pk for u in selectors.unit_pengguna(self.request.user)
                                        if str(u.pk) == p["unit"]])
        st = p.get("status", "terbuka")
        if st == "selesai":
            qs = qs.filter(status=StatusDisposisi.SELESAI)
        elif st != "semua":
            qs = qs.filter(status__in=STATUS_DISPOSISI_TERBUKA)
        return qs

    def get_serializer_class(self):
        return PenerimaDisposisiDetailSerializer if self.action == "retrieve" else PenerimaDisposisiSerializer

    def _detail(self, pd, kode=status.HTTP_200_OK) -> Response:
        pd = self.base_queryset.get(pk=pd.pk)
        return Response(PenerimaDisposisiDetailSerializer(pd, context=self.get_serializer_context()).data, status=kode)

    def retrieve(self, request, *args, **kwargs):
        pd = self._objek()
        masuk.baca_disposisi(pd, pengguna=request.user)
        return self._detail(pd)

    @extend_schema(request=None, responses={200: PenerimaDisposisiDetailSerializer})
    @action(detail=True, methods=["post"])
    def terima(self, request, pk=None):
        pd = self._objek()
        return self._detail(self._jalan(lambda: masuk.terima_disposisi(pd, pengguna=request.user)))

    @extend_schema(request={"multipart/form-data": TindakLanjutInput, "application/json": TindakLanjutInput},
                   responses={201: PenerimaDisposisiDetailSerializer})
    @action(detail=True, methods=["post"], url_path="tindak-lanjut")
    def tindak_lanjut(self, request, pk=None):
        pd, d = self._objek(), self._data(TindakLanjutInput)
        self._jalan(lambda: masuk.tindak_lanjut(pd, pengguna=request.user, catatan=d["catatan"], berkas=d["berkas"],
                                                menutup=d["menutup"]))
        return self._detail(pd, status.HTTP_201_CREATED)

    @extend_schema(request=DisposisiInput, responses={201: PenerimaDisposisiDetailSerializer})
    @action(detail=True, methods=["post"])
    def disposisi(self, request, pk=None):
        pd, d = self._objek(), self._data(DisposisiInput)
        self._jalan(lambda: masuk.disposisikan(pengguna=request.user, instruksi=d["instruksi"], urgensi=d["urgensi"],
                                               batas_waktu=d["batas_waktu"], kepada=_jabatan(d["kepada"]), induk=pd))
        return self._detail(pd, status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("persuratan/masuk", SuratMasukViewSet, basename="persuratan-masuk")
    router.register("persuratan/disposisi", PenerimaDisposisiViewSet, basename="persuratan-disposisi")
