"""Pages of the archive: search, retention schedule, the three books of a unit, and the
classification codes (list for every office; create, edit, deactivate and CSV import for the
admin kabupaten). Thin: reads come from arsip.py / buku.py, writes from klasifikasi.py."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action
from apps.akun.viewmixins import ScopedMixin, ServiceFormMixin
from apps.kependudukan import cetak
from apps.wilayah.models import Wilayah

from .. import arsip, buku, klasifikasi, selectors
from ..forms_arsip import CariArsipForm, ImporKlasifikasiForm, KlasifikasiForm
from ..models import KlasifikasiArsip, Naskah, PenerimaNaskah, SuratMasuk

FORMAT_BUKU = ("pdf", "xlsx", "csv")


def _teks(pesan: str, status: int = 400) -> HttpResponse:
    return HttpResponse(pesan, status=status, content_type="text/plain; charset=utf-8")


class _UnitMixin(LoginRequiredMixin):
    """A page about one of the user's units: `?unit=<id>` picks among them (the first by
    default; a unit not theirs is a 404). A role that does not open `model` gets 403."""

    model: type

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not has_action(request.user, self.model, "view"):
                raise PermissionDenied("Peran Anda tidak membuka arsip persuratan.")
            self.units = selectors.unit_pengguna(request.user)
            diminta = (request.GET.get("unit") or "").strip()
            self.unit = selectors.unit_aktif(request.user, diminta)
            if diminta and (self.unit is None or str(self.unit.pk) != diminta):
                raise Http404("Unit kerja ini tidak ada atau bukan unit Anda.")
        return super().dispatch(request, *args, **kwargs)

    def query_params(self, *buang: str) -> str:
        params = self.request.GET.copy()
        for k in ("format", "kertas", "halaman", *buang):
            params.pop(k, None)
        if self.unit is not None:
            params["unit"] = str(self.unit.pk)
        return params.urlencode()

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit, units=self.units, **kwargs)


def _nomor_halaman(nilai) -> int:
    nilai = (nilai or "").strip()
    return int(nilai) if nilai.isascii() and nilai.isdigit() and 0 < int(nilai) < 10_000 else 1


class Arsip(_UnitMixin, TemplateView):
    """Search the unit's sent and received letters."""

    model = Naskah
    template_name = "persuratan/arsip/cari.html"

    def get(self, request, *args, **kwargs):
        self.form = CariArsipForm(request.GET or None)
        valid = not self.form.is_bound or self.form.is_valid()
        d = self.form.cleaned_data if self.form.is_bound and valid else {}
        hasil = None
        if valid and self.unit is not None:
            hasil = arsip.cari(request.user, self.unit, q=d.get("q", ""), arah=d.get("arah") or "semua",
                               jenis=d.get("jenis", ""), klasifikasi=d.get("klasifikasi") or None, dari=d.get("dari"),
                               sampai=d.get("sampai"), halaman=_nomor_halaman(request.GET.get("halaman")))
        ctx = self.get_context_data(form=self.form, hasil=hasil, query_params=self.query_params(),
                                    kode_klasifikasi=list(selectors.klasifikasi_tersedia(request.user)
                                                          .values_list("kode", "nama")))
        return self.render_to_response(ctx, status=200 if valid else 400)


class Retensi(_UnitMixin, TemplateView):
    """The retention schedule of the unit's archive for a year."""

    model = Naskah
    template_name = "persuratan/arsip/retensi.html"

    def get(self, request, *args, **kwargs):
        teks = (request.GET.get("tahun") or "").strip()
        galat, tahun = "", timezone.localdate().year
        if teks:
            if teks.isascii() and teks.isdigit() and len(teks) == 4 and 1900 <= int(teks) <= 2200:
                tahun = int(teks)
            else:
                galat = f"Tahun \"{teks[:10]}\" tidak dikenal: tulis empat angka, mis. {tahun}."
        jadwal = arsip.retensi(request.user, self.unit, tahun=tahun) if not galat else None
        return self.render_to_response(self.get_context_data(jadwal=jadwal, tahun=tahun, galat=galat),
                                       status=400 if galat else 200)


class _Buku(_UnitMixin, TemplateView):
    template_name = "persuratan/arsip/buku.html"
    kunci: str

    def get(self, request, *args, **kwargs):
        try:
            self.periode = buku.baca_periode(request.GET.get("periode"))
        except ValidationError as exc:
            return self.render_to_response(self.get_context_data(galat=" ".join(exc.messages), rows=[], periode=None),
                                           status=400)
        fmt = request.GET.get("format", "")
        if fmt and fmt not in FORMAT_BUKU:
            return _teks(f"Format \"{fmt[:10]}\" tidak dikenal. Pilih salah satu: {', '.join(FORMAT_BUKU)}.")
        if self.unit is None:
            return self.render_to_response(self.get_context_data(rows=[], periode=self.periode))
        if fmt:
            return self.unduh(fmt)
        nomor = _nomor_halaman(request.GET.get("halaman"))
        rows, lagi = buku.halaman(request.user, self.unit, self.kunci, self.periode, nomor=nomor)
        return self.render_to_response(self.get_context_data(
            rows=rows, lagi=lagi, nomor=nomor, periode=self.periode, query_params=self.query_params()))

    def unduh(self, fmt: str):
        b = buku.BUKU[self.kunci]
        nama = cetak.nama_berkas(b.judul, self.unit.singkatan or self.unit.kode, str(self.periode), ext=fmt)
        dok = buku.dokumen(self.request.user, self.unit, self.kunci, self.periode)
        if fmt == "csv":
            return cetak.respons_csv([k.judul for k in b.kolom], dok.baris, nama)
        if fmt == "xlsx":
            return cetak.respons_xlsx(dok, nama)
        return cetak.respons_pdf(cetak.pdf(dok, kertas="f4" if self.request.GET.get("kertas") == "f4" else "a4"), nama)

    def get_context_data(self, **kwargs):
        b = buku.BUKU[self.kunci]
        kwargs.setdefault("query_params", self.query_params())
        return super().get_context_data(judul=b.judul, kolom=b.kolom, kunci=self.kunci, **kwargs)


class BukuAgendaMasuk(_Buku):
    model = SuratMasuk
    kunci = "masuk"


class BukuAgendaKeluar(_Buku):
    model = Naskah
    kunci = "keluar"


class BukuEkspedisi(_Buku):
    model = PenerimaNaskah
    kunci = "ekspedisi"


# ---------------------------------------------------------------- classification codes

def _pilihan_kabupaten(user) -> list[tuple[str, str]]:
    kode = klasifikasi.kabupaten_admin(user)
    nama = dict(Wilayah.objects.filter(kode__in=kode).values_list("kode", "nama"))
    return [(k, f"{nama.get(k, k)} ({k})") for k in kode]


class KlasifikasiDaftar(LoginRequiredMixin, TemplateView):
    """The regency's codes by code with retention; search by code or name. Row ids are never
    shown to those who cannot change the codes (the list is the regency's, not the office's)."""

    model = KlasifikasiArsip
    template_name = "persuratan/arsip/klasifikasi_daftar.html"
    ukuran = 300

    def get(self, request, *args, **kwargs):
        if not has_action(request.user, KlasifikasiArsip, "view"):
            raise PermissionDenied("Peran Anda tidak membuka klasifikasi arsip.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        admin = klasifikasi.kabupaten_admin(user)
        kab = sorted(set(selectors.kabupaten_pengguna(user)) | set(admin))
        qs = KlasifikasiArsip.objects.filter(owner_id__in=kab)
        semua = self.request.GET.get("semua") == "1" and bool(admin)
        if not semua:
            qs = qs.filter(aktif=True)
        q = (self.request.GET.get("q") or "").strip()[:100]
        if q:
            qs = qs.filter(Q(kode=q) | Q(kode__startswith=q + ".") | Q(nama__icontains=q))
        setelah = (self.request.GET.get("setelah") or "").strip()[:20]
        if setelah:
            qs = qs.filter(kode__gt=setelah)
        rows = list(qs.order_by("kode", "owner_id")[: self.ukuran + 1])
        lagi = len(rows) > self.ukuran
        rows = rows[: self.ukuran]
        for k in rows:
            k.tingkat = k.kode.count(".")
            k.boleh_ubah = k.owner_id in admin
        params = self.request.GET.copy()
        params.pop("setelah", None)
        return super().get_context_data(rows=rows, q=q, semua=semua, admin=bool(admin), lagi=lagi,
                                         berikutnya=rows[-1].kode if lagi and rows else "",
                                         banyak_kabupaten=len(kab) > 1, query_params=params.urlencode(), **kwargs)


class KlasifikasiBuat(ServiceFormMixin, ScopedMixin, FormView):
    model = KlasifikasiArsip
    scope_action = "add"
    form_class = KlasifikasiForm
    template_name = "persuratan/arsip/klasifikasi_form.html"
    success_message = "Kode klasifikasi disimpan."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not klasifikasi.kabupaten_admin(request.user):
            raise PermissionDenied("Hanya admin kabupaten yang dapat menambah klasifikasi arsip.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"kabupaten": _pilihan_kabupaten(self.request.user)}

    def perform(self, form):
        d = form.cleaned_data
        return klasifikasi.buat(pengguna=self.request.user, kode_kabupaten=d["kabupaten"], kode=d["kode"], nama=d["nama"],
                                retensi_aktif=d["retensi_aktif"], retensi_inaktif=d["retensi_inaktif"],
                                tindakan_akhir=d["tindakan_akhir"], keterangan=d["keterangan"])

    def get_success_url(self, result) -> str:
        return reverse("persuratan:klasifikasi_daftar") + f"?q={result.kode}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul="Tambah kode klasifikasi", **kwargs)


class KlasifikasiUbah(ServiceFormMixin, ScopedMixin, FormView):
    """Edit one code of the admin's regency (404 for anyone else)."""

    model = KlasifikasiArsip
    scope_action = "change"
    form_class = KlasifikasiForm
    template_name = "persuratan/arsip/klasifikasi_form.html"
    success_message = "Kode klasifikasi diperbarui."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"ubah": True}

    def get_initial(self):
        k = self.object
        return {"nama": k.nama, "retensi_aktif": k.retensi_aktif, "retensi_inaktif": k.retensi_inaktif,
                "tindakan_akhir": k.tindakan_akhir, "keterangan": k.keterangan, "aktif": k.aktif}

    def perform(self, form):
        d = form.cleaned_data
        return klasifikasi.ubah(self.object, pengguna=self.request.user, nama=d["nama"], retensi_aktif=d["retensi_aktif"],
                                retensi_inaktif=d["retensi_inaktif"], tindakan_akhir=d["tindakan_akhir"],
                                keterangan=d["keterangan"], aktif=d["aktif"])

    def get_success_url(self, result) -> str:
        return reverse("persuratan:klasifikasi_daftar") + f"?q={result.kode}&semua=1"

    def get_context_data(self, **kwargs):
        return super().get_context_data(judul=f"Ubah kode {self.object.kode}", object=self.object, **kwargs)


class KlasifikasiNonaktif(ScopedMixin, View):
    """POST: the code is no longer offered for new letters."""

    model = KlasifikasiArsip
    scope_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        k = self.get_object()
        try:
            k = klasifikasi.nonaktifkan(k, pengguna=request.user)
        except PermissionDenied:
            raise Http404("Data tidak ditemukan.") from None
        messages.success(request, f"Kode {k.kode} dinonaktifkan: tidak ditawarkan lagi untuk naskah baru.")
        return HttpResponseRedirect(reverse("persuratan:klasifikasi_daftar") + f"?q={k.kode}&semua=1")


class KlasifikasiImpor(LoginRequiredMixin, FormView):
    """Upload the regency's full KKA/JRA as CSV: all or nothing, every bad row listed."""

    model = KlasifikasiArsip
    form_class = ImporKlasifikasiForm
    template_name = "persuratan/arsip/klasifikasi_impor.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not klasifikasi.kabupaten_admin(request.user):
            raise PermissionDenied("Hanya admin kabupaten yang dapat mengimpor klasifikasi arsip.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"kabupaten": _pilihan_kabupaten(self.request.user)}

    def form_valid(self, form):
        try:
            hasil = klasifikasi.impor_csv(pengguna=self.request.user, kode_kabupaten=form.cleaned_data["kabupaten"],
                                          berkas=form.cleaned_data["berkas"])
        except ValidationError as exc:
            apply_service_errors(exc, form)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if hasil["galat"]:
            return self.render_to_response(self.get_context_data(form=form, hasil=hasil), status=400)
        messages.success(self.request, f"Impor selesai: {hasil['baru']} kode baru, {hasil['diubah']} diubah, "
                                       f"{hasil['tetap']} tetap.")
        return HttpResponseRedirect(reverse("persuratan:klasifikasi_daftar"))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(kolom=klasifikasi.KOLOM_CSV, **kwargs)


class KlasifikasiContoh(LoginRequiredMixin, View):
    """The example CSV of the import page."""

    model = KlasifikasiArsip

    def get(self, request, *args, **kwargs):
        if not has_action(request.user, KlasifikasiArsip, "view"):
            raise PermissionDenied("Peran Anda tidak membuka klasifikasi arsip.")
        resp = HttpResponse("\ufeff" + klasifikasi.CONTOH_CSV, content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = 'attachment; filename="contoh-klasifikasi-arsip.csv"'
        return resp

