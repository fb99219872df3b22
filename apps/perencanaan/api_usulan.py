"""REST API of the cycle, proposals, supports and the village stage's scores; registered by api.py.
/api/v1/perencanaan/siklus/            the regency's cycles with their stages (read; Bappeda, regency)
/api/v1/perencanaan/usulan/            proposals in the caller's scope (?tahun=, ?status=); POST creates
                                       (field `tahun` = plan year), PATCH edits (usulan.py)
/api/v1/perencanaan/dukungan/          a resident's own supports; POST {usulan, komentar}, DELETE withdraws
/api/v1/perencanaan/revisi-desa/       the village stage's records (scores, decision); POST {usulan, ...}
                                       and PATCH go through penilaian.simpan_revisi
Cycle and stages are named by plan year and stage kind, never by the regency's record ids.
Refusals answer 400 with the services' Indonesian messages keyed by field; out of scope is 404."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from apps.akun.api_base import ScopedReadOnlyViewSet, ScopedViewSetMixin
from apps.akun.scope import restrict

from . import selectors
from . import usulan as layanan
from .models import DukunganUsulan, JenisTahap, RevisiUsulan, SiklusMusrenbang, StatusUsulan, Usulan
from .tahap import status_tahap


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


class SiklusSerializer(serializers.ModelSerializer):
    tahap = serializers.SerializerMethodField()

    class Meta:
        model = SiklusMusrenbang
        fields = ["id", "tahun_rencana", "nama", "keterangan", "pagu_desa_bawaan", "pagu_kecamatan_bawaan", "tahap"]
        read_only_fields = fields

    def get_tahap(self, s):
        out = []
        for t in s.tahap.all():
            st = status_tahap(t)
            out.append({"jenis": t.jenis, "urutan": t.urutan, "mulai": t.mulai, "selesai": t.selesai, "mode": t.mode,
                        "status": st.kode, "status_label": st.label, "usulan_warga": t.usulan_warga})
        return sorted(out, key=lambda x: x["urutan"])


class SiklusViewSet(ScopedReadOnlyViewSet):
    base_queryset = SiklusMusrenbang.objects.prefetch_related("tahap").order_by("-tahun_rencana")
    serializer_class = SiklusSerializer


class UsulanSerializer(serializers.ModelSerializer):
    tahun = serializers.IntegerField(source="siklus.tahun_rencana", read_only=True)
    lokasi = serializers.CharField(source="lokasi_id", read_only=True)
    perangkat_daerah = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    dukungan = serializers.IntegerField(read_only=True)

    class Meta:
        model = Usulan
        fields = ["id", "kode", "tahun", "owner", "nama_kegiatan", "jenis", "uraian", "output", "lokasi",
                  "lokasi_keterangan", "lat", "lng", "volume", "satuan", "target", "jumlah_penerima",
                  "perkiraan_biaya", "sumber_dana", "urusan", "perangkat_daerah", "pengusul_jenis", "pengusul_nama",
                  "swadaya", "swadaya_nilai", "status", "dukungan_kertas", "dukungan_kertas_catatan",
                  "dukungan_daring", "dukungan", "created_at"]
        read_only_fields = fields


class UsulanMasukSerializer(serializers.Serializer):
    """Input of create/update: plain values; usulan.py checks them (codes, not ids)."""

    tahun = serializers.IntegerField(required=False)
    nama_kegiatan = serializers.CharField(required=False)
    jenis = serializers.CharField(required=False)
    uraian = serializers.CharField(required=False, allow_blank=True)
    output = serializers.CharField(required=False, allow_blank=True)
    lokasi = serializers.CharField(required=False, help_text="Kode wilayah dusun/RW/RT di desa.")
    lokasi_keterangan = serializers.CharField(required=False, allow_blank=True)
    lat = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    lng = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    volume = serializers.CharField(required=False)
    satuan = serializers.CharField(required=False, allow_blank=True)
    target = serializers.CharField(required=False, allow_blank=True)
    jumlah_penerima = serializers.CharField(required=False, allow_blank=True)
    perkiraan_biaya = serializers.CharField(required=False)
    sumber_dana = serializers.CharField(required=False)
    urusan = serializers.CharField(required=False)
    perangkat_daerah = serializers.CharField(required=False, allow_null=True, allow_blank=True,
                                             help_text="Kode unit perangkat daerah.")
    pengusul_jenis = serializers.CharField(required=False)
    pengusul_nama = serializers.CharField(required=False, allow_blank=True)
    swadaya = serializers.CharField(required=False, allow_blank=True)
    swadaya_nilai = serializers.CharField(required=False, allow_blank=True)


class UsulanViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    base_queryset = Usulan.objects.select_related("siklus", "perangkat_daerah").order_by("kode")
    serializer_class = UsulanSerializer

    def filter_queryset(self, qs):
        p = self.request.query_params
        if p.get("tahun", "").isdigit():
            qs = qs.filter(siklus__tahun_rencana=int(p["tahun"]))
        if p.get("status") in StatusUsulan.values:
            qs = qs.filter(status=p["status"])
        return qs

    def _masukan(self) -> dict:
        s = UsulanMasukSerializer(data=self.request.data, partial=self.request.method == "PATCH")
        s.is_valid(raise_exception=True)
        return dict(s.validated_data)

    def create(self, request, *args, **kwargs):
        data = self._masukan()
        tahun = data.pop("tahun", None)
        siklus = selectors.siklus_kabupaten(request.user).filter(tahun_rencana=tahun).first() if tahun else None
        if siklus is None:
            raise serializers.ValidationError({"tahun": ["Isi tahun rencana siklus Musrenbang kabupaten Anda."]})
        try:
            u = layanan.buat_usulan(request.user, siklus=siklus, **data)
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        return Response(UsulanSerializer(u).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        u = self.get_object()
        data = self._masukan()
        data.pop("tahun", None)
        try:
            u = layanan.ubah_usulan(request.user, u, **data)
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        return Response(UsulanSerializer(u).data)


class DukunganSerializer(serializers.ModelSerializer):
    usulan = serializers.UUIDField(source="usulan_id")
    kode = serializers.CharField(source="usulan.kode", read_only=True)

    class Meta:
        model = DukunganUsulan
        fields = ["id", "usulan", "kode", "komentar", "created_at"]
        read_only_fields = ["id", "kode", "created_at"]


class DukunganViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      mixins.DestroyModelMixin, viewsets.GenericViewSet):
    base_queryset = DukunganUsulan.objects.select_related("usulan").order_by("-created_at")
    serializer_class = DukunganSerializer

    def create(self, request, *args, **kwargs):
        s = DukunganSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        u = restrict(Usulan.objects.all(), request.user, "view").filter(pk=s.validated_data["usulan_id"]).first()
        if u is None:
            raise Http404("Usulan tidak ditemukan.")
        try:
            d = layanan.dukung(request.user, u, komentar=s.validated_data.get("komentar", ""))
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        return Response(DukunganSerializer(d).data, status=status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        d = self.get_object()
        try:
            layanan.batal_dukung(request.user, d.usulan)
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


class RevisiDesaSerializer(serializers.ModelSerializer):
    usulan = serializers.UUIDField(source="usulan_id")
    kode = serializers.CharField(source="usulan.kode", read_only=True)
    tahap = serializers.CharField(source="tahap.jenis", read_only=True)

    class Meta:
        model = RevisiUsulan
        fields = ["id", "usulan", "kode", "tahap", "volume", "satuan", "perkiraan_biaya", "target", "nilai", "skor",
                  "peringkat", "masuk_pagu", "peringkat_manual", "alasan_manual", "keputusan", "alasan"]
        read_only_fields = ["id", "kode", "tahap", "skor", "peringkat", "masuk_pagu"]
        extra_kwargs = {f: {"required": False} for f in ("volume", "satuan", "perkiraan_biaya", "target", "nilai",
                                                         "peringkat_manual", "alasan_manual", "keputusan", "alasan")}


class RevisiDesaViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    base_queryset = (RevisiUsulan.objects.filter(tahap__jenis=JenisTahap.DESA).select_related("usulan", "tahap")
                     .order_by("peringkat", "usulan__kode"))
    serializer_class = RevisiDesaSerializer
    BIDANG = ("volume", "satuan", "perkiraan_biaya", "target", "nilai", "keputusan", "alasan", "peringkat_manual",
              "alasan_manual")

    def _simpan(self, usulan, data):
        tahap = selectors.tahap_jenis(usulan.siklus, JenisTahap.DESA)
        if tahap is None:
            raise serializers.ValidationError({"non_field_errors": ["Siklus ini belum punya tahap desa."]})
        try:
            return layanan.nilai_desa(self.request.user, usulan, tahap,
                                      **{k: v for k, v in data.items() if k in self.BIDANG})
        except DjangoValidationError as exc:
            raise _galat(exc) from None

    def create(self, request, *args, **kwargs):
        s = RevisiDesaSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        u = restrict(Usulan.objects.select_related("siklus"), request.user, "change").filter(
            pk=s.validated_data["usulan_id"]).first()
        if u is None:
            raise Http404("Usulan tidak ditemukan.")
        rev = self._simpan(u, s.validated_data)
        return Response(RevisiDesaSerializer(rev).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        rev = self.get_object()
        s = RevisiDesaSerializer(rev, data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        data = {k: v for k, v in s.validated_data.items() if k != "usulan_id"}
        rev = self._simpan(rev.usulan, data)
        return Response(RevisiDesaSerializer(rev).data)


def register(router) -> None:
    router.register("perencanaan/siklus", SiklusViewSet, basename="perencanaan-siklus")
    router.register("perencanaan/usulan", UsulanViewSet, basename="perencanaan-usulan")
    router.register("perencanaan/dukungan", DukunganViewSet, basename="perencanaan-dukungan")
    router.register("perencanaan/revisi-desa", RevisiDesaViewSet, basename="perencanaan-revisi-desa")
