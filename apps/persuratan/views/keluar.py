"""Pages of outgoing naskah: the outbox (tabs: drafts, waiting for my initials, waiting for my
signature, sent, cancelled), the draft form (from a template, or as a reply to an incoming
letter), a naskah's page with its review chain, tracking table and actions, and its PDF.
Every naskah is found through `restrict` (out of scope: 404); every write goes through keluar.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action
from apps.akun.viewmixins import ScopedDetailView, ScopedMixin
from apps.dokumen import ca, tte
from apps.wilayah.models import Jabatan

from .. import forms_keluar as f
from .. import keluar, render, selectors
from ..models import BerkasPersuratan, KlasifikasiArsip, Naskah, ParafNaskah, PenerimaNaskah, StatusNaskah, StatusParaf

UKURAN_HALAMAN = 30
ALIAS = {"penerima": "kepada", "paraf": "paraf_1", "unit": "__all__", "status": "__all__",
         "balasan_untuk": "__all__"}
GAGAL = object()  # an action refused with a message (shown on the page it redirects to)
PROSES = (StatusNaskah.DRAF, StatusNaskah.DIKEMBALIKAN, StatusNaskah.PARAF, StatusNaskah.SIAP_TTD)
TAB = [
    ("draf", "Draf & proses", "pencil-square"),
    ("paraf", "Menunggu paraf saya", "check2-square"),
    ("ttd", "Menunggu tanda tangan saya", "pen"),
    ("terkirim", "Terkirim", "send-check"),
    ("batal", "Dibatalkan", "slash-circle"),
]


def _url(nama: str, *args) -> str:
    """A URL of another e-office area, or "" while that area is not installed."""
    try:
        return reverse(nama, args=args)
    except NoReverseMatch:
        return ""


def _langkah_kini_subquery():
    return Subquery(ParafNaskah.objects.filter(naskah=OuterRef("pk"), status=StatusParaf.MENUNGGU)
                    .order_by("urutan").values("jabatan_id")[:1])


# ---------------------------------------------------------------- outbox

class Daftar(ScopedMixin, generic.TemplateView):
    """The naskah of the user's units (never those only addressed to them), one tab per state;
    newest first, keyset pages, search by subject or number. Counts in one aggregate query."""

    model = Naskah
    template_name = "persuratan/keluar/daftar.html"

    def base_queryset(self):
        return Naskah.objects.select_related("unit", "jabatan_penandatangan")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, get = self.request.user, self.request.GET
        tab = get.get("tab") if get.get("tab") in {k for k, _, _ in TAB} else "draf"
        dipegang = list(selectors.jabatan_dipegang(user))
        qs = self.get_queryset().annotate(langkah_jabatan=_langkah_kini_subquery())
        syarat = {
            "draf": Q(status__in=PROSES),
            "paraf": Q(status=StatusNaskah.PARAF, langkah_jabatan__in=dipegang),
            "ttd": Q(status=StatusNaskah.SIAP_TTD, jabatan_penandatangan_id__in=dipegang),
            "terkirim": Q(status=StatusNaskah.TERKIRIM),
            "batal": Q(status=StatusNaskah.DIBATALKAN),
        }
        hitung = qs.order_by().aggregate(**{k: Count("pk", filter=q) for k, q in syarat.items()})
        q = " ".join(get.get("q", "").split())[:80]
        daftar = keluar.filter_cari(qs.filter(syarat[tab]), q)
        after = get.get("setelah") or None
        if after:
            try:
                daftar = daftar.filter(pk__lt=Naskah._meta.pk.to_python(after))
            except ValidationError:
                after = None
        rows = list(daftar.order_by("-pk")[: UKURAN_HALAMAN + 1])
        more = len(rows) > UKURAN_HALAMAN
        rows = rows[:UKURAN_HALAMAN]
        params = get.copy()
        params.pop("setelah", None)
        ctx.update(tab=[(k, label, ikon, hitung.get(k, 0)) for k, label, ikon in TAB], aktif=tab, q=q,
                   object_list=rows, next_after=str(rows[-1].pk) if more and rows else None,
                   query_params=params.urlencode(), boleh_buat=bool(selectors.unit_pengguna(user))
                   and has_action(user, Naskah, "add"))
        return ctx


# ---------------------------------------------------------------- draft form

class _FormMixin(ScopedMixin):
    model = Naskah

    def unit(self):
        raise ImproperlyConfigured(f"{type(self).__name__} harus mendefinisikan unit().")

    def buat_form(self, data=None, files=None, initial=None) -> f.NaskahForm:
        user, unit = self.request.user, self.unit()
        jabatan = list(Jabatan.objects.filter(unit=unit).order_by("urutan", "nama")) if unit else []
        tujuan = [u for u in keluar.unit_tujuan(user).only("id", "nama", "jenis", "kode", "wilayah_id")
                  if unit is None or u.pk != unit.pk]
        self._tujuan = tujuan
        return f.NaskahForm(data, files, initial=initial, klasifikasi=list(selectors.klasifikasi_tersedia(user)),
                            jabatan=jabatan, tujuan=tujuan)

    def pilih_cepat(self, data) -> dict:
        """The quick buttons: add every village of this unit's kecamatan, or every kecamatan,
        to the addressees; the form comes back unsaved with the rest of what was typed."""
        unit = self.unit()
        initial = {k: (data.getlist(k) if k in ("kepada", "tembusan") else data.get(k)) for k in data}
        kepada = set(initial.get("kepada") or [])
        pilih = data.get("pilih")
        kec = ".".join(unit.wilayah_id.split(".")[:3]) if unit else ""
        if pilih == "kosongkan":
            kepada.clear()
        for u in getattr(self, "_tujuan", []):
            desa = u.jenis in ("pemdes", "kelurahan") and u.wilayah_id.startswith(kec + ".")
            if (pilih == "desa_kecamatan" and desa) or (pilih == "kecamatan" and u.jenis == "kecamatan"):
                kepada.add(u.kode)
        initial["kepada"] = sorted(kepada)
        return initial

    def konteks_form(self, form, **extra) -> dict:
        user, unit = self.request.user, self.unit()
        return {"form": form, "unit": unit, "unit_pilihan": selectors.unit_pengguna(user),
                "template_pilihan": list(selectors.template_tersedia(user, unit).only("id", "nama", "jenis")),
                **extra}

    def render_form(self, form, status=200, **extra):
        return self.render_to_response(self.get_context_data(**self.konteks_form(form, **extra)), status=status)


class Buat(_FormMixin, generic.TemplateView):
    """A new draft: blank, from a template (`?template=`), or a reply (`?balas=<surat masuk>`)."""

    scope_action = "add"
    template_name = "persuratan/keluar/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and (not has_action(request.user, Naskah, "add")
                                              or not selectors.unit_pengguna(request.user)):
            raise PermissionDenied("Anda tidak bekerja di unit yang dapat membuat naskah.")
        return super().dispatch(request, *args, **kwargs)

    def unit(self):
        diminta = self.request.POST.get("unit") or self.request.GET.get("unit")
        unit = selectors.unit_aktif(self.request.user, diminta)
        if diminta and (unit is None or str(unit.pk) != str(diminta)):
            raise Http404("Unit tidak ditemukan.")  # not a unit the user works in: never fall back silently
        return unit

    def get(self, request, *args, **kwargs):
        user, unit = request.user, self.unit()
        initial: dict = {}
        balasan = None
        if request.GET.get("template"):
            initial.update(keluar.isian_template(user, unit, request.GET["template"]))
        if request.GET.get("balas"):
            b = keluar.isian_balasan(user, unit, request.GET["balas"])
            if not b:
                raise Http404("Surat masuk tidak ditemukan.")
            balasan = b.pop("balasan_untuk")
            initial.update(perihal=b["perihal"], jenis=b["jenis"], urgensi=b["urgensi"], luar=b["luar"],
                           kepada=[u.kode for u in b["kepada"]], balasan_untuk=str(balasan.pk))
            if b.get("klasifikasi"):
                initial["klasifikasi"] = b["klasifikasi"]
        if initial.get("klasifikasi"):
            initial["klasifikasi"] = KlasifikasiArsip.objects.filter(pk=initial["klasifikasi"]) \
                .values_list("kode", flat=True).first()
        kepala = selectors.kepala_unit([unit.pk]).get(unit.pk) if unit else None
        if kepala is not None:
            initial.setdefault("jabatan_penandatangan", str(kepala.pk))
        return self.render_form(self.buat_form(initial=initial), balasan=balasan)

    def post(self, request, *args, **kwargs):
        user, unit = request.user, self.unit()
        if request.POST.get("pilih"):
            self.buat_form()
            return self.render_form(self.buat_form(initial=self.pilih_cepat(request.POST)))
        form = self.buat_form(request.POST, request.FILES)
        if form.is_valid():
            balasan = None
            if form.cleaned_data.get("balasan_untuk"):
                b = keluar.isian_balasan(user, unit, form.cleaned_data["balasan_untuk"])
                balasan = b.get("balasan_untuk")
                if balasan is None:
                    form.add_error(None, "Surat masuk yang dibalas tidak ditemukan di unit ini.")
            if not form.errors:
                try:
                    n = keluar.buat_draf(pengguna=user, unit=unit, balasan_untuk=balasan, **form.argumen())
                except ValidationError as exc:
                    apply_service_errors(exc, form, aliases=ALIAS)
                else:
                    messages.success(request, "Draf naskah tersimpan.")
                    return HttpResponseRedirect(n.get_absolute_url())
        return self.render_form(form, status=400)


class Ubah(_FormMixin, generic.TemplateView):
    """Edit a draft (or a naskah returned for corrections)."""

    scope_action = "change"
    template_name = "persuratan/keluar/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def unit(self):
        return self.object.unit

    def initial(self) -> dict:
        n = self.object
        penerima = list(PenerimaNaskah.objects.filter(naskah=n).select_related("unit").order_by("jenis", "urutan"))
        paraf = list(ParafNaskah.objects.filter(naskah=n).order_by("urutan").values_list("jabatan_id", flat=True))
        d = {"jenis": n.jenis, "klasifikasi": n.klasifikasi.kode, "perihal": n.perihal, "isi": n.isi,
             "sifat": n.sifat, "urgensi": n.urgensi, "lampiran_keterangan": n.lampiran_keterangan,
             "jabatan_penandatangan": str(n.jabatan_penandatangan_id),
             "kepada": [p.unit.kode for p in penerima if p.unit_id and p.jenis == "kepada"],
             "tembusan": [p.unit.kode for p in penerima if p.unit_id and p.jenis == "tembusan"],
             "luar": "\n".join(p.nama_luar for p in penerima if not p.unit_id)}
        for i, j in enumerate(paraf[: f.JUMLAH_PARAF], start=1):
            d[f"paraf_{i}"] = str(j)
        return d

    def get(self, request, *args, **kwargs):
        if self.object.status not in keluar.BISA_DIUBAH:
            messages.error(request, "Naskah ini tidak lagi dapat diubah.")
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_form(self.buat_form(initial=self.initial()), object=self.object)

    def post(self, request, *args, **kwargs):
        if request.POST.get("pilih"):
            self.buat_form()
            return self.render_form(self.buat_form(initial=self.pilih_cepat(request.POST)), object=self.object)
        form = self.buat_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                keluar.ubah_draf(self.object, pengguna=request.user, **form.argumen())
            except ValidationError as exc:
                apply_service_errors(exc, form, aliases=ALIAS)
            else:
                messages.success(request, "Perubahan naskah tersimpan.")
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_form(form, status=400, object=self.object)


# ---------------------------------------------------------------- one naskah

class Detail(ScopedDetailView):
    """A naskah: content, review chain, addressees with tracking, attachments, timeline and the
    actions its state and the user's positions allow. Actions post here with `aksi`."""

    model = Naskah
    template_name = "persuratan/keluar/detail.html"
    AKSI = {"ajukan": "_ajukan", "paraf": "_paraf", "tandatangani": "_tandatangani", "batalkan": "_batalkan",
            "lampiran": "_lampiran", "hapus_lampiran": "_hapus_lampiran"}

    def base_queryset(self):
        return Naskah.objects.select_related("unit", "klasifikasi", "jabatan_penandatangan", "pembuat",
                                             "penandatangan", "balasan_untuk")

    def forms(self, **ganti) -> dict:
        n, user = self.object, self.request.user
        dipegang = selectors.jabatan_dipegang(user)
        self.paraf_list = list(ParafNaskah.objects.filter(naskah=n).select_related("jabatan", "oleh").order_by("urutan"))
        kini = next((p for p in self.paraf_list if p.status == StatusParaf.MENUNGGU), None) \
            if n.status == StatusNaskah.PARAF else None
        self.langkah_kini = kini
        boleh_ubah = n.status in keluar.BISA_DIUBAH and has_action(user, Naskah, "change")
        tampil = {
            "form_paraf": kini is not None and kini.jabatan_id in dipegang,
            "form_ttd": n.status == StatusNaskah.SIAP_TTD and n.jabatan_penandatangan_id in dipegang,
            "form_batal": boleh_ubah,
            "form_lampiran": boleh_ubah,
        }
        bawaan = {"form_paraf": f.ParafForm(prefix="paraf"), "form_ttd": f.PassphraseForm(prefix="ttd"),
                  "form_batal": f.AlasanForm(prefix="batal"), "form_lampiran": f.LampiranForm(prefix="lampiran")}
        bawaan.update(ganti)
        self.boleh_ubah = boleh_ubah
        return {k: (v if tampil[k] else None) for k, v in bawaan.items()}

    def linimasa(self) -> list[dict]:
        n = self.object
        baris = [{"label": "Draf dibuat", "waktu": n.created_at, "oleh": n.pembuat.get_full_name(), "catatan": ""}]
        for p in self.paraf_list:
            if p.waktu:
                baris.append({"label": f"{p.get_status_display()} oleh {p.jabatan.nama}", "waktu": p.waktu,
                              "oleh": p.oleh.get_full_name() if p.oleh else "", "catatan": p.catatan})
        if n.dikirim:
            baris.append({"label": f"Ditandatangani ({n.nomor}) dan dikirim", "waktu": n.dikirim,
                          "oleh": n.data_ttd.get("jabatan_teks", "") + (f" — {n.data_ttd['nama']}"
                                                                         if n.data_ttd.get("nama") else ""),
                          "catatan": ""})
        batal = n.data_ttd.get("dibatalkan") if isinstance(n.data_ttd, dict) else None
        if batal:
            baris.append({"label": "Dibatalkan", "waktu": None, "waktu_teks": batal.get("waktu", ""),
                          "oleh": batal.get("oleh", ""), "catatan": batal.get("alasan", "")})
        return baris

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        n, user = self.object, self.request.user
        forms = self.forms(**kwargs.pop("ganti", {}))
        lampiran = list(BerkasPersuratan.objects.filter(naskah=n).only("id", "nama_asli", "ukuran", "naskah_id"))
        unduh = _url("persuratan:berkas_unduh", "00000000-0000-0000-0000-000000000000")
        for b in lampiran:
            b.url = unduh.replace("00000000-0000-0000-0000-000000000000", str(b.pk)) if unduh else ""
        lacak = keluar.pelacakan(n)
        ctx.update(
            paraf_list=self.paraf_list, langkah_kini=self.langkah_kini, lacak=lacak, lampiran=lampiran,
            linimasa=self.linimasa(), boleh_ubah=self.boleh_ubah,
            boleh_ajukan=self.boleh_ubah, punya_sertifikat=(ca.sertifikat_aktif(user) is not None)
            if forms["form_ttd"] is not None else True,
            balasan_url=_url("persuratan:masuk_detail", n.balasan_untuk_id) if n.balasan_untuk_id else "",
            jumlah_dibaca=sum(1 for r in lacak if r.dibaca_pada), jumlah_elektronik=sum(1 for r in lacak if r.elektronik),
            **forms,
        )
        return ctx

    @method_decorator(sensitive_post_parameters("ttd-passphrase"))
    @sensitive_variables("d", "passphrase", "kunci")
    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        nama = self.AKSI.get(request.POST.get("aksi", ""))
        if nama is None:
            return HttpResponse("Tindakan tidak dikenal.", status=400)
        hasil = getattr(self, nama)()
        if isinstance(hasil, dict):
            return self.render_to_response(self.get_context_data(ganti=hasil), status=400)
        if hasil is GAGAL:
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(request, hasil)
        return HttpResponseRedirect(self.object.get_absolute_url())

    def _jalankan(self, form, nama_form: str, fungsi, aliases=None):
        if not form.is_valid():
            return {nama_form: form}
        try:
            return fungsi(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(exc, form, aliases=aliases or {"status": "__all__"})
            return {nama_form: form}

    def _ajukan(self):
        try:
            n = keluar.ajukan(self.object, pengguna=self.request.user)
        except ValidationError as exc:
            return self._tolak(exc)
        return ("Naskah diajukan untuk diparaf." if n.status == StatusNaskah.PARAF
                else "Naskah diajukan untuk ditandatangani.")

    def _tolak(self, exc):
        messages.error(self.request, " ".join(exc.messages))
        return GAGAL

    def _paraf(self):
        form = f.ParafForm(self.request.POST, prefix="paraf")
        setuju = self.request.POST.get("keputusan") != "kembalikan"

        def jalan(d):
            keluar.paraf(self.object, pengguna=self.request.user, setuju=setuju, catatan=d["catatan"])
            return "Naskah diparaf." if setuju else "Naskah dikembalikan kepada pembuatnya untuk diperbaiki."

        return self._jalankan(form, "form_paraf", jalan, aliases={"status": "__all__"})

    def _tandatangani(self):
        form = f.PassphraseForm(self.request.POST, prefix="ttd")

        def jalan(d):
            kunci = tte.buka_kunci(self.request.user, d["passphrase"])
            n = keluar.tandatangani(self.object, pengguna=self.request.user, kunci=kunci)
            return f"Naskah ditandatangani dengan nomor {n.nomor} dan dikirim."

        return self._jalankan(form, "form_ttd", jalan, aliases={"status": "__all__", "__all__": "passphrase"})

    def _batalkan(self):
        form = f.AlasanForm(self.request.POST, prefix="batal")

        def jalan(d):
            keluar.batalkan(self.object, pengguna=self.request.user, alasan=d["alasan"])
            return "Naskah dibatalkan."

        return self._jalankan(form, "form_batal", jalan)

    def _lampiran(self):
        form = f.LampiranForm(self.request.POST, self.request.FILES, prefix="lampiran")

        def jalan(d):
            keluar.tambah_lampiran(self.object, pengguna=self.request.user, berkas=d["berkas"])
            return "Lampiran tersimpan."

        return self._jalankan(form, "form_lampiran", jalan)

    def _hapus_lampiran(self):
        try:
            keluar.hapus_lampiran(self.object, pengguna=self.request.user, lampiran=self.request.POST.get("lampiran"))
        except ValidationError as exc:
            return self._tolak(exc)
        return "Lampiran dihapus."


class Pdf(ScopedDetailView):
    """The signed PDF as stored (TERKIRIM), else a preview marked DRAF without a number."""

    model = Naskah

    def get(self, request, *args, **kwargs):
        n = self.get_object()
        if n.status == StatusNaskah.TERKIRIM and n.berkas:
            try:
                with n.berkas.open("rb") as fh:
                    isi = fh.read()
            except FileNotFoundError as exc:
                raise Http404("Berkas naskah tidak ditemukan.") from exc
            nama = f"naskah-{slugify(n.nomor.replace('/', '-')) or n.pk.hex[:12]}.pdf"
        elif n.status == StatusNaskah.DIBATALKAN:
            raise Http404("Naskah dibatalkan.")
        else:
            n = Naskah.objects.select_related("unit__wilayah").get(pk=n.pk)
            isi, nama = render.pratinjau(n), "pratinjau-naskah.pdf"
        resp = HttpResponse(isi, content_type="application/pdf")
        resp["Content-Disposition"] = f'inline; filename="{nama}"'
        resp["X-Content-Type-Options"] = "nosniff"
        return resp
