"""REST API of the archive, registered by api.py:

- /api/v1/persuratan/klasifikasi/?q=&semua=1: the regency's classification codes. Every office
  reads its kabupaten's list; a row's `id` is given only to those who may open that row
  (/klasifikasi/<id>/: kabupaten-level staff and the admin kabupaten). POST and PATCH are for
  the admin kabupaten of that regency (`kabupaten` names it when the admin has several).
- /api/v1/persuratan/arsip/?unit=&q=&arah=&jenis=&klasifikasi=&dari=&sampai=&halaman=: search
  of one of the caller's units (arsip.cari)."""
from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from apps.akun.api_base import ScopedViewSetMixin
from apps.akun.scope import covers

from . import arsip, klasifikasi, selectors
from .models import KlasifikasiArsip, Naskah, TindakanAkhir


def _galat_api(exc: ValidationError) -> ApiValidationError:
    return ApiValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})


class KlasifikasiSerializer(serializers.ModelSerializer):
    id = serializers.SerializerMethodField()
    induk = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    kabupaten = serializers.CharField(source="owner_id", read_only=True)

    class Meta:
        model = KlasifikasiArsip
        fields = ["id", "kode", "nama", "induk", "retensi_aktif", "retensi_inaktif", "tindakan_akhir", "keterangan", "aktif",
                  "kabupaten"]

    def get_id(self, obj) -> str | None:
        """The row id only for those whose scope holds the row (a village office reads the
        regency's list by code)."""
        request = self.context.get("request")
        if request is None or covers(request.user, "view", KlasifikasiArsip, obj.owner_id):
            return str(obj.pk)
        return None


class KlasifikasiTulisSerializer(serializers.Serializer):
    kabupaten = serializers.CharField(required=False, allow_blank=True)
    kode = serializers.CharField(required=False, max_length=20)
    nama = serializers.CharField(max_length=255)
    retensi_aktif = serializers.IntegerField(min_value=0, max_value=99)
    retensi_inaktif = serializers.IntegerField(min_value=0, max_value=99)
    tindakan_akhir = serializers.ChoiceField(choices=TindakanAkhir.choices)
    keterangan = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
    aktif = serializers.BooleanField(required=False, default=True)


class KlasifikasiViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    base_queryset = KlasifikasiArsip.objects.all()
    serializer_class = KlasifikasiSerializer
    pagination_class = None

    def _kabupaten(self) -> str | None:
        return (self.request.query_params.get("kabupaten") or "").strip() or None

    def get_queryset(self):
        if self.action == "list":
            user = self.request.user
            admin = klasifikasi.kabupaten_admin(user)
            if self.request.query_params.get("semua") == "1" and admin:
                qs = KlasifikasiArsip.objects.filter(owner_id__in=admin)
            else:
                qs = selectors.klasifikasi_tersedia(user)
            q = (self.request.query_params.get("q") or "").strip()[:100]
            if q:
                qs = qs.filter(kode__startswith=q) | qs.filter(nama__icontains=q)
            return qs.select_related("induk").order_by("kode", "owner_id")
        # One code: through the scoping function (the kabupaten's own staff and admin).
        return super().get_queryset().select_related("induk")

    def create(self, request, *args, **kwargs):
        ser = KlasifikasiTulisSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        kab = d.get("kabupaten") or self._kabupaten()
        if not kab:
            milik = klasifikasi.kabupaten_admin(request.user)
            if len(milik) != 1:
                raise ApiValidationError({"kabupaten": "Sebutkan kode kabupaten, mis. 62.07."})
            kab = milik[0]
        if "kode" not in d:
            raise ApiValidationError({"kode": "Kode klasifikasi wajib diisi."})
        try:
            k = klasifikasi.buat(pengguna=request.user, kode_kabupaten=kab, kode=d["kode"], nama=d["nama"],
                                 retensi_aktif=d["retensi_aktif"], retensi_inaktif=d["retensi_inaktif"],
                                 tindakan_akhir=d["tindakan_akhir"], keterangan=d.get("keterangan", ""))
        except ValidationError as exc:
            raise _galat_api(exc) from None
        return Response(self.get_serializer(k).data, status=201)

    def update(self, request, *args, **kwargs):
        k = self.get_object()
        awal = {"nama": k.nama, "retensi_aktif": k.retensi_aktif, "retensi_inaktif": k.retensi_inaktif,
                "tindakan_akhir": k.tindakan_akhir, "keterangan": k.keterangan, "aktif": k.aktif}
        data = {**awal, **{f: v for f, v in request.data.items() if f in awal}} if kwargs.get("partial") else request.data
        ser = KlasifikasiTulisSerializer(data=data)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        try:
            k = klasifikasi.ubah(k, pengguna=request.user, nama=d["nama"], retensi_aktif=d["retensi_aktif"],
                                 retensi_inaktif=d["retensi_inaktif"], tindakan_akhir=d["tindakan_akhir"],
                                 keterangan=d.get("keterangan", ""), aktif=d.get("aktif", True))
        except ValidationError as exc:
            raise _galat_api(exc) from None
        return Response(self.get_serializer(k).data)


class HasilArsipSerializer(serializers.Serializer):
    arah = serializers.CharField()
    tanggal = serializers.DateField(allow_null=True)
    nomor = serializers.CharField()
    perihal = serializers.CharField()
    pihak = serializers.CharField()
    klasifikasi = serializers.CharField()
    jenis = serializers.CharField()
    id = serializers.CharField()
    link = serializers.CharField()


def _tanggal(nilai: str | None, nama: str) -> datetime.date | None:
    if not nilai:
        return None
    try:
        return datetime.date.fromisoformat(nilai)
    except ValueError:
        raise ApiValidationError({nama: f"Tanggal \"{nilai[:12]}\" tidak valid: tulis YYYY-MM-DD."}) from None


class ArsipViewSet(viewsets.GenericViewSet):
    """Search of one of the caller's units; rows of both directions, newest first."""

    queryset = Naskah.objects.all()  # the model for the schema and the scope matrix; arsip.cari restricts
    serializer_class = HasilArsipSerializer
    pagination_class = None

    def list(self, request):
        p = request.query_params
        unit = selectors.unit_aktif(request.user, p.get("unit"))
        if p.get("unit") and (unit is None or str(unit.pk) != p.get("unit")):
            raise NotFound("Unit kerja ini tidak ada atau bukan unit Anda.")
        arah = p.get("arah") or "semua"
        if arah not in arsip.ARAH:
            raise ApiValidationError({"arah": "Pilih semua, keluar atau masuk."})
        kode = (p.get("klasifikasi") or "").strip()
        if kode and not klasifikasi.POLA_KODE.match(kode):
            raise ApiValidationError({"klasifikasi": f"Kode tidak sesuai format: {klasifikasi.CONTOH_KODE}."})
        halaman = p.get("halaman") or "1"
        if not (halaman.isascii() and halaman.isdigit()):
            raise ApiValidationError({"halaman": "Nomor halaman harus angka."})
        hasil = arsip.cari(request.user, unit, q=p.get("q", "")[:200], arah=arah, jenis=p.get("jenis", ""),
                           klasifikasi=kode or None, dari=_tanggal(p.get("dari"), "dari"),
                           sampai=_tanggal(p.get("sampai"), "sampai"), halaman=int(halaman))
        return Response({"unit": str(unit.pk) if unit else None, "halaman": hasil.halaman,
                         "ada_berikutnya": hasil.ada_berikutnya,
                         "hasil": HasilArsipSerializer(hasil.baris, many=True).data})


def register(router) -> None:
    router.register("persuratan/klasifikasi", KlasifikasiViewSet, basename="persuratan-klasifikasi")
    router.register("persuratan/arsip", ArsipViewSet, basename="persuratan-arsip")
