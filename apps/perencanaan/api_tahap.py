"""REST API of the later stages and deliberations; registered by api.py.

/api/v1/perencanaan/revisi/             stage records in the caller's scope (?tahap=, ?usulan=)
POST /api/v1/perencanaan/revisi/        {usulan, tahap, ...fields} -> berjenjang.putuskan (kecamatan and later)
PATCH /api/v1/perencanaan/revisi/<id>/  change one record of the caller's office
/api/v1/perencanaan/daftar/             the lists offices sent (read only)
/api/v1/perencanaan/musyawarah/         deliberations: the caller's office's and those they are invited to

Refusals answer 400 with the services' Indonesian messages keyed by field; out of scope: 404."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied as DrfPermissionDenied

from apps.akun.api_base import ScopedReadOnlyViewSet, ScopedViewSetMixin
from apps.wilayah.models import UnitKerja

from . import berjenjang, musyawarah
from .models import DaftarUsulan, Musyawarah, RevisiUsulan, TahapMusrenbang, Usulan


def _galat(exc: DjangoValidationError) -> serializers.ValidationError:
    if hasattr(exc, "error_dict"):
        return serializers.ValidationError(
            {("non_field_errors" if k == "__all__" else k): v for k, v in exc.message_dict.items()})
    return serializers.ValidationError({"non_field_errors": exc.messages})


class RevisiSerializer(serializers.ModelSerializer):
    usulan_kode = serializers.CharField(source="usulan.kode", read_only=True)
    tahap_jenis = serializers.CharField(source="tahap.jenis", read_only=True)
    # The acting office by code and name: its record id belongs to that office, not the reader.
    unit_kode = serializers.CharField(source="unit.kode", read_only=True)
    unit_nama = serializers.CharField(source="unit.nama", read_only=True)

    class Meta:
        model = RevisiUsulan
        fields = ["id", "usulan", "usulan_kode", "tahap", "tahap_jenis", "unit_kode", "unit_nama", "volume", "satuan", "perkiraan_biaya",
                  "target", "nilai", "skor", "peringkat", "masuk_pagu", "peringkat_manual", "alasan_manual",
                  "keputusan", "alasan", "digabung_ke", "perangkat_daerah", "program", "owner_id", "updated_at"]
        read_only_fields = ["id", "usulan_kode", "tahap_jenis", "unit_kode", "unit_nama", "skor", "peringkat", "masuk_pagu", "owner_id",
                            "updated_at", "digabung_ke"]
        extra_kwargs = {"usulan": {"queryset": Usulan.objects.all()},
                        "tahap": {"queryset": TahapMusrenbang.objects.all()},
                        "perangkat_daerah": {"queryset": UnitKerja.objects.filter(jenis="pd")},
                        "volume": {"required": False}, "satuan": {"required": False},
                        "perkiraan_biaya": {"required": False}}


FIELDS_LAYANAN = ("volume", "satuan", "perkiraan_biaya", "target", "nilai", "keputusan", "alasan", "perangkat_daerah",
                  "program", "peringkat_manual", "alasan_manual")


class RevisiViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RevisiSerializer
    base_queryset = RevisiUsulan.objects.select_related("usulan", "tahap", "unit").order_by("tahap__urutan", "peringkat")

    def get_queryset(self):
        qs = super().get_queryset()
        for p in ("tahap", "usulan"):
            if self.request.query_params.get(p):
                qs = qs.filter(**{f"{p}_id": self.request.query_params[p]})
        return qs

    def _jalankan(self, usulan, tahap, data):
        try:
            return berjenjang.putuskan(self.request.user, tahap=tahap, usulan=usulan,
                                       **{k: v for k, v in data.items() if k in FIELDS_LAYANAN})
        except DjangoValidationError as exc:
            raise _galat(exc) from None
        except PermissionDenied:
            raise DrfPermissionDenied("Data ini di luar cakupan Anda.") from None

    def perform_create(self, serializer):
        d = serializer.validated_data
        tahap = berjenjang.tahap_kabupaten(self.request.user).filter(pk=d["tahap"].pk).first()
        if tahap is None:
            raise serializers.ValidationError({"tahap": "Tahap tidak ditemukan."})
        serializer.instance = self._jalankan(d["usulan"], tahap, d)

    def perform_update(self, serializer):
        r = serializer.instance
        serializer.instance = self._jalankan(r.usulan, r.tahap, serializer.validated_data)


class DaftarSerializer(serializers.ModelSerializer):
    class Meta:
        model = DaftarUsulan
        fields = ["id", "tahap", "wilayah", "status", "dikirim_pada", "jumlah_usulan", "total_biaya", "catatan"]
        read_only_fields = fields


class DaftarViewSet(ScopedReadOnlyViewSet):
    serializer_class = DaftarSerializer
    base_queryset = DaftarUsulan.objects.order_by("tahap__urutan", "wilayah_id")


class MusyawarahSerializer(serializers.ModelSerializer):
    class Meta:
        model = Musyawarah
        fields = ["id", "tahap", "wilayah", "judul", "waktu", "tempat", "tautan_daring", "agenda", "pimpinan",
                  "notulen", "status", "dokumen"]
        read_only_fields = fields


class MusyawarahViewSet(ScopedReadOnlyViewSet):
    serializer_class = MusyawarahSerializer
    base_queryset = Musyawarah.objects.order_by("-waktu")

    def get_queryset(self):
        return musyawarah.musyawarah_untuk(self.request.user).order_by("-waktu")


def register(router) -> None:
    router.register("perencanaan/revisi", RevisiViewSet, basename="perencanaan-revisi")
    router.register("perencanaan/daftar", DaftarViewSet, basename="perencanaan-daftar")
    router.register("perencanaan/musyawarah", MusyawarahViewSet, basename="perencanaan-musyawarah")
