"""Pages of life events and family operations: the event forms on a resident's or a family's
page, the newcomer form (datang), the list of events in the user's scope, and one event's page.
Each form writes through peristiwa.py; the URL's object is found in the user's "change" scope
(else 404)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.views import generic

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import covers, has_action
from apps.akun.viewmixins import ObjectFormView, ScopedDetailView, ScopedMixin

from .. import forms_peristiwa as f
from .. import peristiwa, selectors
from .. import selectors_peristiwa as sp
from ..forms import FIELD_OF_ARGUMENT
from ..models import Keluarga, Penduduk, Peristiwa
from ..privasi import samarkan
from ..services import PerluKonfirmasi
from ..tampilan import label_wilayah
from ._base import DI_LUAR_CAKUPAN, RegistryCreateView, RegistryFormMixin

ALIAS = {**FIELD_OF_ARGUMENT, "keluarga_tujuan": "no_kk", "pindah": "anggota"}


class _FormPeristiwaMixin(RegistryFormMixin):
    template_name = "kependudukan/peristiwa_form.html"
    judul = ""
    ikon = "journal-plus"
    penjelasan = ""

    def show_service_error(self, form, exc) -> None:
        if isinstance(exc, PerluKonfirmasi) and hasattr(form, "minta_konfirmasi"):
            form.minta_konfirmasi(exc.peringatan)
        elif isinstance(exc, PermissionDenied):
            form.add_error(None, DI_LUAR_CAKUPAN)
        else:
            apply_service_errors(exc, form, aliases=ALIAS)


def _pilihan_anggota(keluarga_id, kecuali=None) -> list[tuple[str, str]]:
    if not keluarga_id:
        return []
    qs = Penduduk.objects.filter(keluarga_id=keluarga_id, status_dasar=peristiwa.HIDUP).order_by("shdk", "tanggal_lahir")
    if kecuali is not None:
        qs = qs.exclude(pk=kecuali)
    return [(str(a.pk), f"{a.nama} ({(a.get_shdk_display() or '').lower()})") for a in qs]


class _PeristiwaPendudukView(_FormPeristiwaMixin, ObjectFormView):
    """An event about one resident (URL pk = the resident)."""

    model = Penduduk
    jenis: int
    layanan = None
    # The person leaves the family: a head may be succeeded in the same form.
    pilih_kepala = False

    def base_queryset(self):
        return Penduduk.objects.select_related("keluarga")

    def berlaku(self) -> bool:
        return self.object.status_dasar in peristiwa.BOLEH_DARI.get(self.jenis, (peristiwa.HIDUP,))

    def kepala_pergi(self) -> bool:
        p = self.object
        return bool(p.keluarga_id) and p.keluarga.kepala_id == p.pk

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.pilih_kepala and self.kepala_pergi():
            kwargs["kepala_choices"] = _pilihan_anggota(self.object.keluarga_id, kecuali=self.object.pk)
        return kwargs

    def perform(self, form):
        return type(self).layanan(user=self.request.user, penduduk=self.object, **form.data_layanan())

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        p = self.object
        return super().get_context_data(
            judul=f"{self.judul}: {p.nama}", judul_pendek=self.judul, ikon=self.ikon, penjelasan=self.penjelasan,
            berlaku=self.berlaku(), subjek_penduduk=p, **kwargs,
        )


class PeristiwaMati(_PeristiwaPendudukView):
    jenis, form_class, layanan = Peristiwa.MATI, f.MatiForm, peristiwa.catat_mati
    judul, ikon, pilih_kepala = "Catat kematian", "flower1", True
    success_message = "Kematian tercatat."
    penjelasan = "Penduduk yang meninggal keluar dari KK-nya; peristiwa ini menyimpan KK asalnya."


class PeristiwaPindahKeluar(_PeristiwaPendudukView):
    jenis, form_class, layanan = Peristiwa.PINDAH_KELUAR, f.PindahKeluarForm, peristiwa.catat_pindah_keluar
    judul, ikon, pilih_kepala = "Catat pindah keluar", "box-arrow-right", True
    success_message = "Pindah keluar tercatat."
    penjelasan = ("Penduduk berstatus pindah dan keluar dari KK-nya. Desa tujuan di kabupaten ini dapat mengambil "
                  "alih datanya lewat pendatang baru.")


class PeristiwaHilang(_PeristiwaPendudukView):
    jenis, form_class, layanan = Peristiwa.HILANG, f.HilangForm, peristiwa.catat_hilang
    judul, ikon = "Catat hilang", "question-circle"
    success_message = "Laporan hilang tercatat."


class PeristiwaPergi(_PeristiwaPendudukView):
    jenis, form_class, layanan = Peristiwa.PERGI, f.PergiForm, peristiwa.catat_pergi
    judul, ikon = "Catat pergi", "signpost"
    success_message = "Kepergian tercatat."
    penjelasan = "Pergi tanpa pindah resmi: penduduk tetap di KK-nya sampai kembali atau pindah keluar."


class PeristiwaKembali(_PeristiwaPendudukView):
    jenis, form_class, layanan = Peristiwa.KEMBALI, f.KembaliForm, peristiwa.catat_kembali
    judul, ikon = "Catat kembali", "arrow-return-left"
    success_message = "Penduduk tercatat kembali."


class PindahAnggota(_PeristiwaPendudukView):
    jenis, form_class = Peristiwa.MUTASI_KK, f.PindahAnggotaForm
    judul, ikon, pilih_kepala = "Pindah ke KK lain", "arrow-left-right", True
    success_message = "Anggota dipindahkan ke KK tujuan."

    def perform(self, form):
        data = form.data_layanan()
        no_kk = data.pop("no_kk").replace(" ", "")
        tujuan = selectors.keluarga_dengan_no_kk(self.request.user, no_kk, "change")
        if tujuan is None:
            raise ValidationError({"no_kk": "No. KK ini tidak ditemukan di desa Anda."})
        return peristiwa.pindah_anggota(user=self.request.user, penduduk=self.object, keluarga_tujuan=tujuan, **data)


class BentukKK(_PeristiwaPendudukView):
    jenis, form_class = Peristiwa.MUTASI_KK, f.BentukKKForm
    judul, ikon, pilih_kepala = "Bentuk KK baru", "house-add", True
    success_message = "KK baru terbentuk."
    penjelasan = "Penduduk menjadi kepala keluarga KK baru dan keluar dari KK lamanya."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "wilayah_choices": selectors.pilihan_wilayah(self.request.user, "add")}

    def perform(self, form):
        return peristiwa.bentuk_kk(user=self.request.user, penduduk=self.object, **form.data_layanan())

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class _PeristiwaKeluargaView(_FormPeristiwaMixin, ObjectFormView):
    """An operation on a family (URL pk = the family)."""

    model = Keluarga

    def base_queryset(self):
        return Keluarga.objects.select_related("kepala")

    def berlaku(self) -> bool:
        return True

    def get_success_url(self, result) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        kk = self.object
        no_kk = kk.no_kk if covers(self.request.user, "view_nik", Keluarga, kk.owner_id) else samarkan(kk.no_kk)
        return super().get_context_data(
            judul=f"{self.judul}: KK {kk.kepala.nama if kk.kepala else no_kk}", judul_pendek=self.judul,
            ikon=self.ikon, penjelasan=self.penjelasan, berlaku=self.berlaku(), subjek_keluarga=kk,
            no_kk_tampil=no_kk, **kwargs,
        )


class Kelahiran(_PeristiwaKeluargaView):
    form_class = f.LahirForm
    judul, ikon = "Catat kelahiran", "balloon-heart"
    success_message = "Kelahiran tercatat; bayi terdaftar sebagai anggota keluarga."
    penjelasan = ("Bayi terdaftar di KK ini dengan alamat KK. Nama dan NIK ayah/ibu diambil dari kepala keluarga "
                  "dan istri/suaminya. Tanpa NIK, bayi mendapat NIK sementara dari desa.")

    def perform(self, form):
        return peristiwa.catat_lahir(user=self.request.user, keluarga=self.object, **form.data_layanan())

    def get_success_url(self, result) -> str:
        return result.penduduk.get_absolute_url()


class PindahSekeluarga(_PeristiwaKeluargaView):
    form_class = f.PindahKeluarForm
    judul, ikon = "Pindah keluar sekeluarga", "truck"
    success_message = "Pindah keluar sekeluarga tercatat."
    penjelasan = "Semua anggota yang hidup atau pergi dicatat pindah keluar sekaligus, dengan tujuan yang sama."

    def berlaku(self) -> bool:
        return Penduduk.objects.filter(keluarga=self.object,
                                       status_dasar__in=peristiwa.BOLEH_DARI[Peristiwa.PINDAH_KELUAR]).exists()

    def perform(self, form):
        return peristiwa.catat_pindah_keluarga(user=self.request.user, keluarga=self.object, **form.data_layanan())


class PecahKK(_PeristiwaKeluargaView):
    form_class = f.PecahKKForm
    judul, ikon = "Pecah KK", "diagram-2"
    success_message = "KK dipecah; KK baru terdaftar."
    penjelasan = ("Pilih anggota yang pindah ke KK baru beserta hubungannya; tepat satu menjadi kepala keluarga. "
                  "Sisakan paling sedikit satu anggota di KK lama.")

    def anggota(self):
        if not hasattr(self, "_anggota"):
            self._anggota = list(Penduduk.objects.filter(keluarga=self.object, status_dasar=peristiwa.HIDUP)
                                 .order_by("shdk", "tanggal_lahir"))
        return self._anggota

    def berlaku(self) -> bool:
        return len(self.anggota()) >= 2

    def get_form_kwargs(self):
        kk = self.object
        kepala = [(str(a.pk), f"{a.nama} ({(a.get_shdk_display() or '').lower()})") for a in self.anggota()
                  if a.pk != kk.kepala_id]
        return {**super().get_form_kwargs(), "anggota": self.anggota(), "kepala_choices": kepala,
                "wilayah_choices": selectors.pilihan_wilayah(self.request.user, "add")}

    def perform(self, form):
        baru, _ = peristiwa.pecah_kk(user=self.request.user, keluarga=self.object, **form.data_layanan())
        return baru

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class PendatangBaru(_FormPeristiwaMixin, RegistryCreateView):
    """Pindah masuk (datang): a new resident, or one who moved out of another village."""

    model = Peristiwa
    form_class = f.DatangForm
    success_message = "Kedatangan tercatat."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "wilayah_choices": selectors.pilihan_wilayah(self.request.user, "add")}

    def perform(self, form):
        user = self.request.user
        data = form.data_layanan()
        setuju = data.pop("setujui_peringatan", False)
        keluarga = None
        no_kk = (form.cleaned_data.get("no_kk") or "").replace(" ", "")
        if no_kk:
            keluarga = selectors.keluarga_dengan_no_kk(user, no_kk, "change")
            if keluarga is None:
                raise ValidationError({"no_kk": "No. KK ini tidak ditemukan di desa Anda. Daftarkan keluarganya dulu."})
        return peristiwa.catat_datang(user=user, keluarga=keluarga, setujui_peringatan=setuju, **data)

    def get_success_url(self, result) -> str:
        return result.penduduk.get_absolute_url()

    def get_template_names(self):
        return ["kependudukan/peristiwa_datang.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Pendatang baru (pindah masuk)", **kwargs)


# ---------------------------------------------------------------- list and detail

def siapkan_peristiwa(rows: list[Peristiwa], *, alamat: bool = False) -> None:
    """What each event says in a list (one line), and where it happened (one query, lists only)."""
    labels = label_wilayah({e.wilayah_id for e in rows}) if alamat else {}
    for e in rows:
        e.uraian = sp.uraian(e)
        e.alamat_singkat = labels.get(e.wilayah_id, e.wilayah_id)


class PeristiwaList(ScopedMixin, generic.TemplateView):
    """Events in the user's scope, newest first, by type and month; keyset pages over HTMX."""

    model = Peristiwa
    template_name = "kependudukan/peristiwa_list.html"
    page_size = 50

    def base_queryset(self):
        return Peristiwa.objects.select_related("penduduk")

    def get_template_names(self):
        if getattr(self.request, "htmx", False):
            return ["kependudukan/_peristiwa_rows.html" if self.request.GET.get("setelah")
                    else "kependudukan/_peristiwa_hasil.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, get = self.request.user, self.request.GET
        form = f.FilterPeristiwaForm(get, desa_choices=selectors.pilihan_desa(user, Peristiwa))
        qs = sp.cari_peristiwa(self.get_queryset(), **form.nilai())
        page = sp.halaman_terbaru(qs, after=get.get("setelah") or None, size=self.page_size)
        siapkan_peristiwa(page.items, alamat=True)
        params = get.copy()
        params.pop("setelah", None)
        ctx.update(form=form, page=page, object_list=page.items, query_params=params.urlencode(),
                   boleh_tambah=has_action(user, Peristiwa, "add"))
        return ctx


class PeristiwaDetail(ScopedDetailView):
    model = Peristiwa
    template_name = "kependudukan/peristiwa_detail.html"

    def base_queryset(self):
        return Peristiwa.objects.select_related("penduduk", "keluarga_sebelum", "keluarga_sesudah")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, ev = self.request.user, self.object

        def kk(k):
            if k is None:
                return ""
            return k.no_kk if covers(user, "view_nik", Keluarga, k.owner_id) else samarkan(k.no_kk)

        p = ev.penduduk
        ctx.update(
            uraian=sp.uraian(ev), rincian=sp.rincian_tampil(ev),
            alamat_wilayah=label_wilayah([ev.wilayah_id]).get(ev.wilayah_id, ev.wilayah_id),
            kk_sebelum=kk(ev.keluarga_sebelum), kk_sesudah=kk(ev.keluarga_sesudah),
            nik_tampil=p.nik if covers(user, "view_nik", Penduduk, p.owner_id) else samarkan(p.nik),
            boleh_lihat_penduduk=selectors.penduduk_terlihat(user).filter(pk=p.pk).exists(),
        )
        return ctx


def tindakan_penduduk(user, p: Penduduk, boleh_ubah: bool) -> list[tuple[str, str, str]]:
    """The "Catat peristiwa" menu of a resident page: (url name, label, icon)."""
    if not boleh_ubah or not has_action(user, Peristiwa, "add"):
        return []
    nama = {Peristiwa.MATI: ("kependudukan:peristiwa_mati", "Mati", "flower1"),
            Peristiwa.PINDAH_KELUAR: ("kependudukan:peristiwa_pindah", "Pindah keluar", "box-arrow-right"),
            Peristiwa.HILANG: ("kependudukan:peristiwa_hilang", "Hilang", "question-circle"),
            Peristiwa.PERGI: ("kependudukan:peristiwa_pergi", "Pergi", "signpost"),
            Peristiwa.KEMBALI: ("kependudukan:peristiwa_kembali", "Kembali", "arrow-return-left")}
    out = [nama[j] for j in peristiwa.tindakan_tersedia(p.status_dasar)]
    if p.status_dasar == peristiwa.HIDUP:
        out += [("kependudukan:pindah_anggota", "Pindah ke KK lain", "arrow-left-right"),
                ("kependudukan:bentuk_kk", "Bentuk KK baru", "house-add")]
    return out
