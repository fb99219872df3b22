"""Temporary residents (Buku Penduduk Sementara): list with name search, register, detail,
edit and departure. The identity number is masked for roles without `view_nik`."""
from __future__ import annotations

from apps.akun.scope import allows, covers
from apps.akun.viewmixins import ObjectFormView, ScopedDetailView

from .. import selectors, sementara
from .. import selectors_peristiwa as sp
from ..forms_peristiwa import FilterSementaraForm, SementaraForm, SementaraPergiForm
from ..models import PendudukSementara
from ..privasi import boleh_lihat_nik, catat_akses, samarkan
from ..tampilan import label_wilayah
from ._base import RegistryCreateView, RegistryFormMixin, RegistryListView, RekamanPenuhFormView


class SementaraList(RegistryListView):
    model = PendudukSementara
    template_name = "kependudukan/sementara_list.html"
    partial_template_name = "kependudukan/_sementara_hasil.html"
    rows_template_name = "kependudukan/_sementara_rows.html"
    page_key = "nama"
    total_key = "sementara"

    def filter_form(self, user, get):
        return FilterSementaraForm(get, desa_choices=selectors.pilihan_desa(user, PendudukSementara))

    def search(self, qs, user, form):
        return sp.cari_sementara(qs, **form.nilai())

    def prepare_rows(self, user, rows) -> None:
        labels = label_wilayah({s.wilayah_id for s in rows})
        for s in rows:
            penuh = covers(user, "view_nik", PendudukSementara, s.owner_id)
            s.nomor_tampil = s.nomor_identitas if penuh else samarkan(s.nomor_identitas)
            s.alamat_singkat = labels.get(s.wilayah_id, s.wilayah_id)


class SementaraDetail(ScopedDetailView):
    model = PendudukSementara
    template_name = "kependudukan/sementara_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, s = self.request.user, self.object
        penuh = boleh_lihat_nik(user, s)
        if penuh and s.nomor_identitas:  # UU PDP: a full identity number read is logged
            catat_akses(user=user, obj=s, path=self.request.path)
        ctx.update(
            penuh=penuh, nomor_tampil=s.nomor_identitas if penuh else samarkan(s.nomor_identitas),
            alamat_wilayah=label_wilayah([s.wilayah_id]).get(s.wilayah_id, s.wilayah_id),
            boleh_ubah=allows(user, "change", s),
        )
        return ctx


class _SementaraFormMixin:
    model = PendudukSementara
    form_class = SementaraForm
    template_name = "kependudukan/sementara_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(),
                "wilayah_choices": selectors.pilihan_wilayah(self.request.user, self.scope_action)}


class SementaraTambah(_SementaraFormMixin, RegistryCreateView):
    success_message = "Penduduk sementara tercatat."

    def perform(self, form):
        return sementara.create_sementara(user=self.request.user, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah penduduk sementara", **kwargs)


class SementaraUbah(_SementaraFormMixin, RekamanPenuhFormView):
    success_message = "Perubahan data penduduk sementara tersimpan."

    def get_initial(self):
        s = self.object
        initial = {k: getattr(s, k) for k in sementara.KOLOM if k != "wilayah"}
        initial["wilayah"] = s.wilayah_id
        return initial

    def perform(self, form):
        return sementara.update_sementara(user=self.request.user, sementara=self.object, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah data {self.object.nama}", **kwargs)


class SementaraPergi(RegistryFormMixin, ObjectFormView):
    model = PendudukSementara
    form_class = SementaraPergiForm
    template_name = "kependudukan/sementara_form.html"
    success_message = "Kepergian penduduk sementara tercatat."

    def perform(self, form):
        return sementara.catat_pergi(user=self.request.user, sementara=self.object, **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Catat pergi: {self.object.nama}", sudah_pergi=self.object.tanggal_pergi,
                                        **kwargs)
