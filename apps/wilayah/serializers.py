"""API shapes of regions, units, positions and officials. Reads are ModelSerializers; writes
have their own input serializers and go through services (which hold the rules)."""
from __future__ import annotations

from rest_framework import serializers

from .models import Jabatan, JenisUnit, Pejabat, StatusPejabat, Tingkat, UnitKerja, Wilayah


class WilayahSerializer(serializers.ModelSerializer):
    induk = serializers.CharField(source="induk_id", read_only=True, allow_null=True, help_text="Kode wilayah induk.")

    class Meta:
        model = Wilayah
        fields = ["id", "kode", "nama", "tingkat", "level", "induk", "kodepos", "lat", "lng", "luas_km2", "updated_at"]
        read_only_fields = fields


class WilayahDetailSerializer(WilayahSerializer):
    class Meta(WilayahSerializer.Meta):
        fields = [*WilayahSerializer.Meta.fields, "batas"]
        read_only_fields = fields


class LingkunganCreateSerializer(serializers.Serializer):
    induk = serializers.CharField(max_length=40, help_text="Kode desa/kelurahan (untuk dusun), dusun (untuk RW) atau RW (untuk RT).")
    tingkat = serializers.ChoiceField(choices=[Tingkat.DUSUN, Tingkat.RW, Tingkat.RT])
    nomor = serializers.IntegerField(min_value=1, max_value=999)
    nama = serializers.CharField(max_length=120)


class LingkunganUpdateSerializer(serializers.Serializer):
    nama = serializers.CharField(max_length=120)


class UnitKerjaSerializer(serializers.ModelSerializer):
    wilayah = serializers.CharField(source="wilayah_id", read_only=True, help_text="Kode wilayah yang dilayani.")

    class Meta:
        model = UnitKerja
        fields = ["id", "kode", "nama", "singkatan", "jenis", "wilayah", "induk", "alamat", "telepon", "email", "aktif",
                  "updated_at"]
        read_only_fields = fields


class UnitKerjaCreateSerializer(serializers.Serializer):
    kode = serializers.CharField(max_length=40)
    nama = serializers.CharField(max_length=160)
    singkatan = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    jenis = serializers.ChoiceField(choices=JenisUnit.choices)
    wilayah = serializers.CharField(max_length=40, help_text="Kode wilayah, mis. 62.07.")
    alamat = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    telepon = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")


class UnitKerjaUpdateSerializer(serializers.Serializer):
    nama = serializers.CharField(max_length=160, required=False)
    singkatan = serializers.CharField(max_length=40, required=False, allow_blank=True)
    induk = serializers.UUIDField(required=False, allow_null=True)
    alamat = serializers.CharField(max_length=255, required=False, allow_blank=True)
    telepon = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    aktif = serializers.BooleanField(required=False)


class JabatanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Jabatan
        fields = ["id", "unit", "nama", "atasan", "is_kepala", "asn", "urutan", "updated_at"]
        read_only_fields = fields


class JabatanWriteSerializer(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="Wajib saat membuat; tidak dapat diubah.")
    nama = serializers.CharField(max_length=120, required=False)
    atasan = serializers.UUIDField(required=False, allow_null=True)
    is_kepala = serializers.BooleanField(required=False)
    asn = serializers.BooleanField(required=False)
    urutan = serializers.IntegerField(min_value=0, max_value=999, required=False)


class PejabatSerializer(serializers.ModelSerializer):
    unit = serializers.UUIDField(source="jabatan.unit_id", read_only=True)

    class Meta:
        model = Pejabat
        fields = ["id", "nama", "nip", "jabatan", "unit", "status", "mulai", "selesai", "updated_at"]
        read_only_fields = fields


class PejabatWriteSerializer(serializers.Serializer):
    jabatan = serializers.UUIDField(required=False, help_text="Wajib saat membuat.")
    nama = serializers.CharField(max_length=120, required=False)
    nip = serializers.CharField(max_length=24, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=StatusPejabat.choices, required=False)
    mulai = serializers.DateField(required=False, allow_null=True)
    selesai = serializers.DateField(required=False, allow_null=True)
