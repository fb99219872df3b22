"""Staff pages under /aspirasi/: the inbox, an aspiration with its handling and action forms,
recording one for a walk-in, categories and service levels, the holiday calendar and the
monthly report. Objects come through `restrict` (out of scope: 404); writes through the
services. An anonymous reporter's identity is never rendered (`selectors.identitas_pelapor`)."""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View, generic

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action, restrict
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedListView, ScopedMixin
from apps.kependudukan import cetak
from apps.wilayah.models import LEVEL_DESA, HariLibur, UnitKerja, Wilayah

from . import foto as foto_mod
from . import laporan as laporan_mod
from . import layanan, moderasi, referensi, selectors
from .forms import AturanForm, CatatForm, ImporLiburForm, KategoriForm, LiburForm, ModerasiForm, TindakanForm
from .izin import staf
from .models import Aspirasi, AturanSla, FotoAspirasi, JenisTindakan, KategoriAspirasi, Klasifikasi
from .selectors import kabupaten_pengguna
from .status import DAFTAR as STATUS_DAFTAR
from .status import status as status_info


class HanyaStaf:
    """First base of every staff view: a logged-in resident is refused (403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not staf(request.user):
            raise PermissionDenied("Halaman ini untuk petugas. Pantau laporan Anda melalui kode lacak di /lapor/.")
        return super().dispatch(request, *args, **kwargs)


def _jalankan(form, fungsi):
    if not form.is_valid():
        return None
    try:
        return fungsi(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(exc, form)
    except PermissionDenied:
        form.add_error(None, "Data ini di luar cakupan Anda; tidak ada yang disimpan.")
    return None


class Daftar(HanyaStaf, ScopedListView):
    model = Aspirasi
    template_name = "aspirasi/staf/daftar.html"
    page_size = 30

    def filter_queryset(self, qs):
        g = self.request.GET
        return selectors.kotak(self.request.user, status=g.get("status", "terbuka"), kategori=g.get("kategori", ""),
                               klasifikasi=g.get("klasifikasi", ""), terlambat=g.get("terlambat") == "1",
                               q=g.get("q", "")[:100])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        hari = timezone.localdate()
        ctx.update(
            baris=[(a, status_info(a.status), bool(a.terbuka and a.tenggat and a.tenggat < hari))
                   for a in ctx["object_list"]],
            status_pilihan=STATUS_DAFTAR, kategori=selectors.kategori_kabupaten(self.request.user),
            klasifikasi=Klasifikasi.choices, g=self.request.GET,
            boleh_catat=has_action(self.request.user, Aspirasi, "add"))
        return ctx


def _jenis_untuk(user, asp) -> list[tuple[str, str]]:
    pen = layanan.penanganan_aktif(asp)
    bisa = asp.terbuka and layanan.unit_bertindak(user, asp, pen) is not None
    kode = layanan.JENIS_STAF if bisa else ("catatan",)
    return [(k, JenisTindakan(k).label) for k in kode]


class Detail(HanyaStaf, ScopedDetailView):
    model = Aspirasi
    template_name = "aspirasi/staf/detail.html"

    def base_queryset(self):
        return Aspirasi.objects.select_related("kategori", "lokasi", "unit_saat_ini", "duplikat_dari")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        asp, user = self.object, self.request.user
        ctx.update(
            identitas=selectors.identitas_pelapor(asp), status=status_info(asp.status),
            riwayat=selectors.riwayat_staf(asp), penanganan=list(asp.penanganan.select_related("unit")),
            foto=list(asp.foto.all()),
            terlambat=bool(asp.terbuka and asp.tenggat and asp.tenggat < timezone.localdate()),
            form=kwargs.get("form") or TindakanForm(jenis=_jenis_untuk(user, asp), unit=layanan.tujuan_penerusan(asp)),
            moderasi_form=kwargs.get("moderasi_form") or ModerasiForm(),
            boleh_moderasi=restrict(Aspirasi.objects.filter(pk=asp.pk), user, "change").exists())
        return ctx


class Tindak(HanyaStaf, ObjectFormView):
    """POST one action (the service checks the acting unit)."""

    model = Aspirasi
    scope_action = "view"
    form_class = TindakanForm
    template_name = "aspirasi/staf/detail.html"

    def get_form_kwargs(self):
        kw = super().get_form_kwargs()
        kw.update(jenis=_jenis_untuk(self.request.user, self.object), unit=layanan.tujuan_penerusan(self.object))
        return kw

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.object.get_absolute_url())

    def perform(self, form):
        d = form.cleaned_data
        layanan.tindak(self.request.user, self.object, d["jenis"], d.get("isi", ""), d.get("ke_unit") or None)
        return self.object

    success_message = "Tindakan dicatat."

    def form_invalid(self, form):
        v = Detail(request=self.request, kwargs=self.kwargs, object=self.object)
        v.object = self.object
        return self.render_to_response(v.get_context_data(object=self.object, form=form))


class Moderasi(Tindak):
    model = Aspirasi
    scope_action = "change"
    form_class = ModerasiForm
    success_message = "Moderasi disimpan."

    def get_form_kwargs(self):
        return ObjectFormView.get_form_kwargs(self)

    def perform(self, form):
        d = form.cleaned_data
        if d["aksi"] == "gabung":
            return moderasi.gabung(self.request.user, self.object, d.get("kode_asli", ""))
        return moderasi.sembunyikan(self.request.user, self.object, d.get("alasan", ""))

    def form_invalid(self, form):
        v = Detail(request=self.request, kwargs=self.kwargs)
        v.object = self.object
        return self.render_to_response(v.get_context_data(object=self.object, moderasi_form=form))


class FotoStaf(HanyaStaf, ScopedMixin, View):
    model = FotoAspirasi

    def get(self, request, pk):
        return foto_mod.respons_foto(self.get_object())


def _desa_terlihat(user) -> list[tuple[str, str]]:
    qs = restrict(Wilayah.objects.filter(level=LEVEL_DESA), user, "view").select_related("induk").order_by("nama")
    return [(w.kode, f"{w.nama} (Kec. {w.induk.nama})") for w in qs[:500]]


class Catat(HanyaStaf, CreateFormView):
    model = Aspirasi
    form_class = CatatForm
    template_name = "aspirasi/staf/catat.html"
    success_message = "Laporan dicatat."

    def dispatch(self, request, *args, **kwargs):
        # Recording for someone else is an office's job: a resident reports through /lapor/.
        if request.user.is_authenticated and not selectors.unit_pengguna(request.user):
            raise PermissionDenied("Hanya petugas kantor yang dapat mencatat laporan.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kw = super().get_form_kwargs()
        kabs = kabupaten_pengguna(self.request.user)
        kw.update(kategori=KategoriAspirasi.objects.filter(owner_id__in=kabs, aktif=True),
                  desa=_desa_terlihat(self.request.user))
        return kw

    def perform(self, form):
        d = form.cleaned_data
        return layanan.ajukan(klasifikasi=d["klasifikasi"], kategori=d["kategori"], judul=d["judul"], isi=d["isi"],
                              lokasi=d["lokasi"], lat=d.get("lat"), lng=d.get("lng"), anonim=d["anonim"],
                              rahasia=d["rahasia"], nama=d["nama"], kontak=d["kontak"],
                              foto=self.request.FILES.getlist("foto"), kanal=d["kanal"], petugas=self.request.user)

    def success(self, result):
        messages.success(self.request, f"Laporan dicatat dengan kode lacak {result.kode_lacak}. "
                                       "Berikan kode ini kepada pelapor.")
        return HttpResponseRedirect(result.get_absolute_url())


# ---------------------------------------------------------------- reference data (admin_kabupaten)

def _kab(user) -> str:
    return next(iter(kabupaten_pengguna(user)), "")


def _unit_kab(user):
    return UnitKerja.objects.filter(wilayah_id__in=kabupaten_pengguna(user), aktif=True).order_by("nama")


class KategoriDaftar(HanyaStaf, ScopedMixin, generic.TemplateView):
    model = KategoriAspirasi
    template_name = "aspirasi/staf/kategori.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        kab = _kab(user)
        aturan = dict(AturanSla.BAWAAN)
        aturan.update(selectors.aturan_kabupaten(user).values_list("kode", "hari_kerja"))
        boleh = bool(kab) and has_action(user, KategoriAspirasi, "change")
        ctx.update(kategori=restrict(selectors.kategori_kabupaten(user), user, "view"), boleh=boleh,
                   aturan=[(k, label, aturan[k]) for k, label in AturanSla.KODE],
                   form=kwargs.get("form") or KategoriForm(unit=_unit_kab(user)),
                   aturan_form=kwargs.get("aturan_form") or AturanForm())
        return ctx

    def post(self, request):
        user, kab = request.user, _kab(request.user)
        if request.POST.get("aksi") == "aturan":
            form = AturanForm(request.POST)
            if _jalankan(form, lambda d: referensi.simpan_aturan(user, kab, d["kode"], d["hari_kerja"], d["dasar"])):
                messages.success(request, "Aturan waktu layanan disimpan.")
                return HttpResponseRedirect(reverse("aspirasi:kategori_daftar"))
            return self.render_to_response(self.get_context_data(aturan_form=form), status=400)
        form = KategoriForm(request.POST, unit=_unit_kab(user))
        if _jalankan(form, lambda d: referensi.simpan_kategori(user, kab, d)):
            messages.success(request, "Kategori disimpan.")
            return HttpResponseRedirect(reverse("aspirasi:kategori_daftar"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class KategoriUbah(HanyaStaf, ObjectFormView):
    model = KategoriAspirasi
    form_class = KategoriForm
    template_name = "aspirasi/staf/kategori_ubah.html"
    success_message = "Kategori disimpan."

    def get_form_kwargs(self):
        kw = super().get_form_kwargs()
        k = self.object
        kw["unit"] = UnitKerja.objects.filter(wilayah_id=k.owner_id, aktif=True).order_by("nama")
        kw["initial"] = {"kode": k.kode, "nama": k.nama, "keterangan": k.keterangan, "tingkat": k.tingkat,
                         "unit_tujuan": str(k.unit_tujuan_id or ""), "sla": k.sla, "urutan": k.urutan,
                         "aktif": k.aktif}
        return kw

    def get_context_data(self, **kwargs):
        return generic.FormView.get_context_data(self, object=self.object,
                                                 batal_href=reverse("aspirasi:kategori_daftar"), **kwargs)

    def perform(self, form):
        return referensi.simpan_kategori(self.request.user, self.object.owner_id, form.cleaned_data, self.object)

    def get_success_url(self, result):
        return reverse("aspirasi:kategori_daftar")


TAHUN_SAH = range(2000, 2101)


def tahun_sah(nilai) -> int:
    """A year from a GET parameter, or this year if it is not a number in TAHUN_SAH."""
    try:
        tahun = int(nilai)
    except (TypeError, ValueError):
        return timezone.localdate().year
    return tahun if tahun in TAHUN_SAH else timezone.localdate().year


class LiburDaftar(HanyaStaf, ScopedMixin, generic.TemplateView):
    model = HariLibur
    template_name = "aspirasi/staf/libur.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        tahun = tahun_sah(self.request.GET.get("tahun"))
        ctx.update(tahun=tahun, libur=restrict(HariLibur.objects.filter(
            owner_id__in=kabupaten_pengguna(user), tanggal__year=tahun), user, "view"),
            boleh=has_action(user, HariLibur, "add"),
            form=kwargs.get("form") or LiburForm(), impor_form=kwargs.get("impor_form") or ImporLiburForm())
        return ctx

    def post(self, request):
        user, kab = request.user, _kab(request.user)
        if request.POST.get("aksi") == "impor":
            form = ImporLiburForm(request.POST, request.FILES)
            n = _jalankan(form, lambda d: referensi.impor_libur(user, kab, d["berkas"]))
            if n is not None:
                messages.success(request, f"{n} hari libur diimpor.")
                return HttpResponseRedirect(reverse("aspirasi:libur_daftar"))
            return self.render_to_response(self.get_context_data(impor_form=form), status=400)
        form = LiburForm(request.POST)
        if _jalankan(form, lambda d: referensi.tambah_libur(user, kab, d["tanggal"], d["nama"])):
            messages.success(request, "Hari libur ditambahkan.")
            return HttpResponseRedirect(reverse("aspirasi:libur_daftar"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class LiburHapus(HanyaStaf, ScopedMixin, View):
    model = HariLibur
    scope_action = "delete"

    def post(self, request, pk):
        libur = self.get_object()
        try:
            referensi.hapus_libur(request.user, libur)
            messages.success(request, "Hari libur dihapus.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return HttpResponseRedirect(reverse("aspirasi:libur_daftar"))


# ---------------------------------------------------------------- monthly report

class Laporan(HanyaStaf, ScopedMixin, generic.TemplateView):
    model = Aspirasi
    template_name = "aspirasi/staf/laporan.html"

    def periode(self) -> tuple[int, int]:
        """The month asked for (?bulan=YYYY-MM), or this month if it is malformed or outside
        TAHUN_SAH (year 1 or 9999 would overflow the month's bounds)."""
        hari = timezone.localdate()
        try:
            t, b = (int(x) for x in (self.request.GET.get("bulan") or f"{hari:%Y-%m}").split("-"))
            datetime.date(t, b, 1)
            if t not in TAHUN_SAH:
                raise ValueError(t)
            return t, b
        except (ValueError, TypeError):
            messages.warning(self.request, "Periode tidak valid; ditampilkan bulan ini.")
            return hari.year, hari.month

    def get(self, request, *args, **kwargs):
        tahun, bulan = self.periode()
        baris = laporan_mod.bulanan(request.user, tahun, bulan)
        fmt = request.GET.get("format")
        if fmt in ("pdf", "xlsx"):
            dok = cetak.Dokumen(
                judul="LAPORAN BULANAN PENGELOLAAN ASPIRASI DAN PENGADUAN", subjudul=f"Periode {bulan:02d}/{tahun}",
                kolom=[cetak.Kolom("Unit", "2fr", lebar_xlsx=36), cetak.Kolom("Jumlah", rata="right"),
                       cetak.Kolom("Per jenis", "2fr", lebar_xlsx=30), cetak.Kolom("Median tanggapan (HK)", rata="right"),
                       cetak.Kolom("Median selesai (HK)", rata="right"), cetak.Kolom("Tepat waktu (%)", rata="right")],
                baris=[[b.unit, b.jumlah, ", ".join(f"{k}: {v}" for k, v in b.per_klasifikasi.items()),
                        "-" if b.median_tanggapan is None else b.median_tanggapan,
                        "-" if b.median_selesai is None else b.median_selesai,
                        "-" if b.kepatuhan is None else b.kepatuhan] for b in baris])
            nama = f"laporan-aspirasi-{tahun}-{bulan:02d}"
            if fmt == "xlsx":
                return cetak.respons_xlsx(dok, f"{nama}.xlsx")
            return cetak.respons_pdf(cetak.pdf(dok, kertas="a4"), f"{nama}.pdf")
        return self.render_to_response(self.get_context_data(baris=baris, bulan=f"{tahun}-{bulan:02d}"))
