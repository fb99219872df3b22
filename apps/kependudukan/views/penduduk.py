"""Resident pages: the list (search and filters over HTMX, keyset pages), the detail page with
masked identity numbers and access logging, and the create/edit forms."""
from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError

from apps.akun.scope import allows, covers, restrict
from apps.akun.viewmixins import ScopedDetailView

from .. import selectors, services
from ..forms import KOLOM_FORM_PENDUDUK, FilterPendudukForm, PendudukForm
from ..models import Keluarga, Penduduk
from ..privasi import boleh_lihat_nik, catat_akses, samarkan
from ..selectors_peristiwa import peristiwa_penduduk
from ..tampilan import bagian, label_wilayah
from ._base import RegistryCreateView, RegistryListView, RekamanPenuhFormView


def _uuid(raw: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(raw) if raw else None
    except ValueError:
        return None


KOLOM_DAFTAR = ("id", "nama", "nama_cari", "nik", "nik_sementara", "jenis_kelamin", "tanggal_lahir", "status_dasar",
                "wilayah_id", "owner_id")


def siapkan_baris(user, rows: list[Penduduk]) -> None:
    """Per-row display values for a list: masked NIK, age, short address (one query)."""
    labels = label_wilayah({p.wilayah_id for p in rows})
    for p in rows:
        p.nik_tampil = p.nik if covers(user, "view_nik", Penduduk, p.owner_id) else samarkan(p.nik)
        p.umur = selectors.umur(p.tanggal_lahir)
        p.alamat_singkat = labels.get(p.wilayah_id, p.wilayah_id)


class PendudukList(RegistryListView):
    model = Penduduk
    template_name = "kependudukan/penduduk_list.html"
    partial_template_name = "kependudukan/_penduduk_hasil.html"
    rows_template_name = "kependudukan/_penduduk_rows.html"

    # By village, then name, with the id as tie-breaker (names repeat): the order of the index
    # (owner, nama_cari), so a whole kabupaten's first page reads 51 index entries, no sort.
    page_key = ("owner_id", "nama_cari")
    total_key = "penduduk"

    def filter_form(self, user, get):
        desa, lingkungan = selectors.pilihan_filter(user, get.get("desa", ""))
        return FilterPendudukForm(get, desa_choices=desa, wilayah_choices=lingkungan)

    def search(self, qs, user, form):
        return selectors.cari_penduduk(qs, user=user, **form.nilai())

    def page_queryset(self, qs):
        return qs.only(*KOLOM_DAFTAR)

    def prepare_rows(self, user, rows) -> None:
        siapkan_baris(user, rows)

    def base_queryset(self):
        return Penduduk.objects.all()


class PendudukDetail(ScopedDetailView):
    model = Penduduk
    template_name = "kependudukan/penduduk_detail.html"

    def base_queryset(self):
        return Penduduk.objects.select_related("keluarga", "keluarga__kepala")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, p = self.request.user, self.object
        penuh = boleh_lihat_nik(user, p)
        if penuh:  # UU PDP: every read of a full record is logged
            catat_akses(user=user, obj=p, path=self.request.path)
        anggota = []
        if p.keluarga_id:
            anggota = [a for a in selectors.anggota_keluarga(user, p.keluarga) if a.pk != p.pk]
            siapkan_baris(user, anggota)
        kk = p.keluarga
        ctx.update(
            penuh=penuh,
            bagian=bagian(p, penuh=penuh),
            umur=selectors.umur(p.tanggal_lahir),
            alamat_wilayah=label_wilayah([p.wilayah_id]).get(p.wilayah_id, p.wilayah_id),
            no_kk_tampil=(kk.no_kk if covers(user, "view_nik", Keluarga, kk.owner_id) else samarkan(kk.no_kk)) if kk else "",
            boleh_lihat_kk=bool(kk) and allows(user, "view", kk),
            anggota=anggota,
            boleh_ubah=allows(user, "change", p),
        )
        # Timeline of life events and the "Catat peristiwa" menu (views/peristiwa.py).
        from .peristiwa import siapkan_peristiwa, tindakan_penduduk

        riwayat = peristiwa_penduduk(user, p)
        siapkan_peristiwa(riwayat)
        ctx.update(riwayat=riwayat, tindakan=tindakan_penduduk(user, p, ctx["boleh_ubah"]))
        return ctx


class _PendudukFormMixin:
    model = Penduduk
    form_class = PendudukForm
    template_name = "kependudukan/penduduk_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["wilayah_choices"] = selectors.pilihan_wilayah(self.request.user, self.scope_action)
        return kwargs

    def keluarga_dari_form(self, form) -> Keluarga | None:
        no_kk = (form.cleaned_data.get("no_kk") or "").replace(" ", "")
        if not no_kk:
            return None
        kk = selectors.keluarga_dengan_no_kk(self.request.user, no_kk, "change")
        if kk is None:
            raise ValidationError({"no_kk": "No. KK ini tidak ditemukan di desa Anda. Daftarkan keluarganya dulu."})
        return kk


class PendudukTambah(_PendudukFormMixin, RegistryCreateView):
    success_message = "Penduduk terdaftar."

    def get_initial(self):
        # "Tambah anggota" on a family page passes the family's id (never its No KK in a URL).
        kk = restrict(Keluarga.objects.filter(pk=_uuid(self.request.GET.get("keluarga"))), self.request.user,
                      "change").first() if _uuid(self.request.GET.get("keluarga")) else None
        return {"no_kk": kk.no_kk, "wilayah": kk.wilayah_id, "alamat": kk.alamat} if kk else {}

    def perform(self, form):
        return services.create_penduduk(user=self.request.user, keluarga=self.keluarga_dari_form(form),
                                        **form.data_layanan())

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah penduduk", **kwargs)


class PendudukUbah(_PendudukFormMixin, RekamanPenuhFormView):
    success_message = "Perubahan data penduduk tersimpan."

    def get_initial(self):
        p = self.object
        initial = {f: getattr(p, f) for f in KOLOM_FORM_PENDUDUK}
        initial.update(wilayah=p.wilayah_id, no_kk=p.keluarga.no_kk if p.keluarga_id else "")
        return initial

    def perform(self, form):
        data = form.data_layanan()
        setuju = data.pop("setujui_peringatan", False)
        return services.update_penduduk(user=self.request.user, penduduk=self.object, setujui_peringatan=setuju,
                                        keluarga=self.keluarga_dari_form(form), **data)

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah data {self.object.nama}", **kwargs)
