"""Public pages under /lapor/: the form (no login needed), tracking by code, the reporter's
rating and reopening, and photos of public aspirations. Rate-limited by IP."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View, generic

from apps.akun.formulir import apply_service_errors
from apps.akun.klien import ip_klien
from apps.akun.ratelimit import hit, reached
from apps.wilayah.models import LEVEL_DESA, Wilayah

from . import foto as foto_mod
from . import layanan, selectors
from .forms import BukaKembaliForm, LaporForm, NilaiForm
from .models import FotoAspirasi, KategoriAspirasi
from .status import status as status_info

# Reports sent per IP and hour: only those accepted count (villagers share a carrier's NAT
# address, and a form sent back for a missing field is no report); every POST counts
# towards the looser BATAS_POST, against hammering.
BATAS_KIRIM = (5, 3600)
BATAS_POST = (30, 3600)
BATAS_STATUS = (60, 3600)
BATAS_NILAI = (20, 3600)
KABUPATEN_BAWAAN = "62.07"


def _kabupaten(request) -> str:
    return request.GET.get("kab") or KABUPATEN_BAWAAN


def pilihan_desa(kab: str) -> list[tuple[str, str]]:
    desa = (Wilayah.objects.filter(level=LEVEL_DESA, kode__startswith=kab + ".").select_related("induk")
            .order_by("induk__nama", "nama"))
    return [(w.kode, f"{w.nama} (Kec. {w.induk.nama})") for w in desa]


def kategori_publik(kab: str):
    return KategoriAspirasi.objects.filter(owner_id=kab, aktif=True).order_by("urutan", "nama")


class LaporForm_(generic.FormView):
    template_name = "aspirasi/publik/form.html"
    form_class = LaporForm

    def get_form_kwargs(self):
        kab = _kabupaten(self.request)
        kw = super().get_form_kwargs()
        kw.update(kategori=kategori_publik(kab), desa=pilihan_desa(kab))
        user = self.request.user
        if user.is_authenticated and self.request.method != "POST":
            kw["initial"] = {"nama": getattr(user, "nama", "") or user.get_username(), "kontak": user.email}
        return kw

    def post(self, request, *args, **kwargs):
        ip = ip_klien(request) or "-"
        if (hit("lapor-post", ip, limit=BATAS_POST[0], window=BATAS_POST[1])
                or reached("lapor", ip, limit=BATAS_KIRIM[0])):
            return HttpResponse("Terlalu banyak laporan dari alamat ini. Coba lagi satu jam lagi.", status=429)
        return super().post(request, *args, **kwargs)

    def _terkirim(self):
        hit("lapor", ip_klien(self.request) or "-", limit=BATAS_KIRIM[0], window=BATAS_KIRIM[1])

    def form_valid(self, form):
        d = form.cleaned_data
        if d.get("situs"):
            self._terkirim()  # a bot filled the honeypot: counted as if sent
            return HttpResponseRedirect(reverse("lapor:form"))
        try:
            asp = layanan.ajukan(klasifikasi=d["klasifikasi"], kategori=d["kategori"], judul=d["judul"], isi=d["isi"],
                                 lokasi=d["lokasi"], lat=d.get("lat"), lng=d.get("lng"), anonim=d["anonim"],
                                 rahasia=d["rahasia"], nama=d["nama"], kontak=d["kontak"],
                                 foto=self.request.FILES.getlist("foto"), pengguna=self.request.user)
        except ValidationError as exc:
            apply_service_errors(exc, form)
            return self.form_invalid(form)
        self._terkirim()
        return render(self.request, "aspirasi/publik/terkirim.html", {"aspirasi": asp})


class Lacak(generic.TemplateView):
    template_name = "aspirasi/publik/lacak.html"

    def get(self, request, *args, **kwargs):
        kode = request.GET.get("kode")
        if kode:
            if hit("lapor-lacak", (ip_klien(request) or "-"), limit=60, window=3600):
                return HttpResponse("Terlalu banyak pencarian. Coba lagi nanti.", status=429)
            asp = layanan.cari_kode(kode)
            if asp:
                return HttpResponseRedirect(reverse("lapor:status", args=[asp.kode_lacak]))
            return self.render_to_response({"kode": kode, "tidak_ada": True})
        return super().get(request, *args, **kwargs)


def _konteks_status(asp, **extra) -> dict:
    sumber = selectors.sumber_riwayat(asp)
    return {"aspirasi": asp, "sumber": sumber, "status": status_info(sumber.status),
            "riwayat": selectors.riwayat_publik(asp),
            "foto": [] if asp.rahasia or asp.disembunyikan else list(asp.foto.all()),
            "boleh_nilai": asp.status == "selesai" and not asp.nilai,
            "boleh_buka": layanan.boleh_buka_kembali(asp),
            "nilai_form": extra.pop("nilai_form", None) or NilaiForm(),
            "buka_form": extra.pop("buka_form", None) or BukaKembaliForm(), **extra}


class Status(View):
    def get(self, request, kode):
        # Like Lacak: the tracking code is the only key, so guessing codes here is limited too.
        if hit("lapor-status", (ip_klien(request) or "-"), limit=BATAS_STATUS[0], window=BATAS_STATUS[1]):
            return HttpResponse("Terlalu banyak permintaan. Coba lagi nanti.", status=429)
        asp = layanan.cari_kode(kode)
        if asp is None:
            raise Http404("Kode lacak tidak ditemukan.")
        return render(request, "aspirasi/publik/status.html", _konteks_status(asp))


class Nilai(View):
    """POST: the reporter's rating (aksi=nilai) or reopening (aksi=buka)."""

    def post(self, request, kode):
        asp = layanan.cari_kode(kode)
        if asp is None:
            raise Http404("Kode lacak tidak ditemukan.")
        if hit("lapor-nilai", (ip_klien(request) or "-"), limit=BATAS_NILAI[0], window=BATAS_NILAI[1]):
            return HttpResponse("Terlalu banyak percobaan. Coba lagi nanti.", status=429)
        if request.POST.get("aksi") == "buka":
            form, ctx = BukaKembaliForm(request.POST), "buka_form"
            fungsi = lambda d: layanan.buka_kembali(asp, d["alasan"])  # noqa: E731
            pesan = "Laporan dibuka kembali dan dikirim ke unit penanganan."
        else:
            form, ctx = NilaiForm(request.POST), "nilai_form"
            fungsi = lambda d: layanan.nilai(asp, d["nilai"], d.get("komentar", ""))  # noqa: E731
            pesan = "Terima kasih atas penilaian Anda."
        if form.is_valid():
            try:
                fungsi(form.cleaned_data)
                messages.success(request, pesan)
                return HttpResponseRedirect(reverse("lapor:status", args=[asp.kode_lacak]))
            except ValidationError as exc:
                apply_service_errors(exc, form)
        return render(request, "aspirasi/publik/status.html", _konteks_status(asp, **{ctx: form}), status=400)


class Foto(View):
    def get(self, request, pk):
        f = (FotoAspirasi.objects.filter(pk=pk, aspirasi__rahasia=False, aspirasi__disembunyikan=False)
             .first())
        if f is None:
            raise Http404("Foto tidak ditemukan.")
        return foto_mod.respons_foto(f)
