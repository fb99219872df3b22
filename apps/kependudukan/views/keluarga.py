"""Family (KK) pages: the list (search by No KK or head's name), the detail page with members,
and the create/edit forms."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count

from apps.akun.scope import allows, covers, has_action
from apps.akun.viewmixins import ScopedDetailView

from .. import selectors, services
from ..forms import FilterKeluargaForm, KeluargaForm
from ..models import Keluarga, Penduduk, Peristiwa
from ..privasi import boleh_lihat_nik, catat_akses, samarkan
from ..selectors_peristiwa import peristiwa_keluarga
from ..tampilan import label_wilayah
from ._base import RegistryCreateView, RegistryListView, RekamanPenuhFormView
from .penduduk import siapkan_baris


class KeluargaList(RegistryListView):
    model = Keluarga
    template_name = "kependudukan/keluarga_list.html"
    partial_template_name = "kependudukan/_keluarga_hasil.html"
    rows_template_name = "kependudukan/_keluarga_rows.html"

    def base_queryset(self):
        return Keluarga.objects.select_related("kepala")

    page_key = "wilayah_id"  # families grouped by RT, and no No KK in the page cursor
    total_key = "keluarga"

    def filter_form(self, user, get):
        desa, lingkungan = selectors.pilihan_filter(user, get.get("desa", ""), Keluarga)
        return FilterKeluargaForm(get, desa_choices=desa, wilayah_choices=lingkungan)

    def search(self, qs, user, form):
        return selectors.cari_keluarga(qs, user=user, **form.nilai())

    def prepare_rows(self, user, rows) -> None:
        ids = [k.pk for k in rows]
        jumlah = dict(Penduduk.objects.filter(keluarga_id__in=ids, status_dasar=selectors.HIDUP).order_by()
                      .values("keluarga_id").annotate(n=Count("pk")).values_list("keluarga_id", "n")) if ids else {}
        labels = label_wilayah({k.wilayah_id for k in rows})
        for k in rows:
            k.no_kk_tampil = k.no_kk if covers(user, "view_nik", Keluarga, k.owner_id) else samarkan(k.no_kk)
            k.jumlah_anggota = jumlah.get(k.pk, 0)
            k.alamat_singkat = labels.get(k.wilayah_id, k.wilayah_id)


class KeluargaDetail(ScopedDetailView):
    model = Keluarga
    template_name = "kependudukan/keluarga_detail.html"

    def base_queryset(self):
        return Keluarga.objects.select_related("kepala")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, kk = self.request.user, self.object
        penuh = boleh_lihat_nik(user, kk)
        if penuh:
            catat_akses(user=user, obj=kk, path=self.request.path)
        anggota = selectors.anggota_keluarga(user, kk)
        siapkan_baris(user, anggota)
        ctx.update(
            penuh=penuh,
            no_kk_tampil=kk.no_kk if penuh else samarkan(kk.no_kk),
            anggota=anggota,
            alamat_wilayah=label_wilayah([kk.wilayah_id]).get(kk.wilayah_id, kk.wilayah_id),
            boleh_ubah=allows(user, "change", kk),
            boleh_tambah_anggota=has_action(user, Penduduk, "add") and allows(user, "change", kk),
        )
        # Births and family operations start here; the family's history of joins and leaves.
        from .peristiwa import siapkan_peristiwa

        riwayat = peristiwa_keluarga(user, kk)
        siapkan_peristiwa(riwayat)
        ctx.update(riwayat=riwayat, boleh_catat=ctx["boleh_tambah_anggota"] and has_action(user, Peristiwa, "add"),
                   ada_yang_hidup=any(a.status_dasar == 1 for a in anggota))
        return ctx


class _KeluargaFormMixin:
    model = Keluarga
    form_class = KeluargaForm
    template_name = "kependudukan/keluarga_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["wilayah_choices"] = selectors.pilihan_wilayah(self.request.user, self.scope_action)
        return kwargs


class KeluargaTambah(_KeluargaFormMixin, RegistryCreateView):
    success_message = "Keluarga (KK) terdaftar."

    def perform(self, form):
        user = self.request.user
        kepala = None
        nik = (form.cleaned_data.get("nik_kepala") or "").replace(" ", "")
        if nik:
            kepala = selectors.penduduk_dengan_nik(user, nik, "change")
            if kepala is None:
                raise ValidationError({"kepala": "Penduduk dengan NIK ini tidak ditemukan di desa Anda."})
        return services.create_keluarga(user=user, kepala=kepala, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah keluarga (KK)", **kwargs)


class KeluargaUbah(_KeluargaFormMixin, RekamanPenuhFormView):
    success_message = "Perubahan data keluarga tersimpan."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "dengan_kepala": False}

    def get_initial(self):
        kk = self.object
        return {"no_kk": kk.no_kk, "wilayah": kk.wilayah_id, "alamat": kk.alamat, "tanggal_terdaftar": kk.tanggal_terdaftar}

    def perform(self, form):
        return services.update_keluarga(user=self.request.user, keluarga=self.object, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah data KK {self.object.no_kk}", **kwargs)
