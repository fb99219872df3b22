"""Staff pages of the letter workflow: the queue (tabs by status), the walk-in request with an
HTMX resident picker and fields built from the letter type, and a letter's page whose actions
(upload, check, reject, sign, collect, cancel) post back to it. Every letter is found through
`restrict` (out of scope: 404); every write goes through alur.py or services.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.views import generic
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import covers, has_action, restrict
from apps.akun.viewmixins import ScopedDetailView, ScopedMixin
from apps.dokumen import tte
from apps.kependudukan import selectors as kependudukan
from apps.kependudukan.models import Penduduk
from apps.kependudukan.privasi import samarkan

from .. import alur, selectors, services
from .. import forms as f
from .. import isian as isian_mod
from ..models import LampiranSurat, RiwayatSurat, StatusSurat, Surat

TAB = [
    (StatusSurat.DIAJUKAN, "Diajukan", "inbox"),
    (StatusSurat.DIPERIKSA, "Menunggu TTD", "pen"),
    (StatusSurat.DITANDATANGANI, "Ditandatangani", "patch-check"),
    (StatusSurat.SELESAI, "Selesai", "check2-all"),
    (StatusSurat.DITOLAK, "Ditolak", "x-circle"),
    (StatusSurat.DIBATALKAN, "Dibatalkan", "slash-circle"),
]
UKURAN_HALAMAN = 30


def _nik_tampil(user, p: Penduduk) -> str:
    return p.nik if covers(user, "view_nik", Penduduk, p.owner_id) else samarkan(p.nik)


def respons_berkas(isi, *, nama: str, jenis: str, unduh: bool = True) -> HttpResponse:
    """A stored or generated file with a fixed, safe content type and no sniffing; uploads are
    always attachments (never shown inline, whatever they claim to be)."""
    if isinstance(isi, bytes | bytearray):
        resp = HttpResponse(bytes(isi), content_type=jenis)
        resp["Content-Disposition"] = f'{"attachment" if unduh else "inline"}; filename="{nama}"'
    else:
        resp = FileResponse(isi, as_attachment=unduh, filename=nama, content_type=jenis)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


def respons_pdf_ttd(s: Surat) -> HttpResponse:
    """The signed PDF of a letter as a download (page and API); 404 before it is signed."""
    if s.status not in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) or not s.berkas:
        raise Http404("Surat belum ditandatangani.")
    try:
        isi = s.berkas.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas surat tidak ditemukan.") from exc
    return respons_berkas(isi, nama=nama_berkas(s), jenis="application/pdf")


def nama_berkas(surat: Surat, awalan: str = "surat") -> str:
    return f"{awalan}-{slugify(surat.nomor.replace('/', '-')) or surat.pk.hex[:12]}.pdf"


# ---------------------------------------------------------------- queue

class Antrian(ScopedMixin, generic.TemplateView):
    """Letters in the user's scope, one tab per status with its count (one GROUP BY over the
    (owner, status) index), newest first, keyset pages, quick search by name."""

    model = Surat
    template_name = "surat/antrian.html"

    def base_queryset(self):
        return Surat.objects.select_related("jenis", "penduduk")

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.GET.get("setelah"):
            return ["surat/_antrian_baris.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, get = self.request.user, self.request.GET
        status = get.get("status") or StatusSurat.DIAJUKAN
        if status not in StatusSurat.values:
            status = StatusSurat.DIAJUKAN
        qs = self.get_queryset()
        hitung = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
        q = " ".join(get.get("q", "").split())[:60]
        daftar = qs.filter(status=status)
        if q:
            daftar = daftar.filter(nama_cari__contains=q.lower())
        after = get.get("setelah") or None
        if after:
            try:
                daftar = daftar.filter(pk__lt=Surat._meta.pk.to_python(after))
            except ValidationError:
                after = None
        rows = list(daftar.order_by("-pk")[: UKURAN_HALAMAN + 1])
        more = len(rows) > UKURAN_HALAMAN
        rows = rows[:UKURAN_HALAMAN]
        for s in rows:
            s.nik_tampil = _nik_tampil(user, s.penduduk)
        params = get.copy()
        params.pop("setelah", None)
        boleh_ttd = status == StatusSurat.DIPERIKSA and has_action(user, Surat, "tandatangani")
        ctx.update(
            tab=[(k, label, ikon, hitung.get(k, 0)) for k, label, ikon in TAB], status=status, q=q,
            object_list=rows, next_after=str(rows[-1].pk) if more and rows else None, query_params=params.urlencode(),
            boleh_buat=has_action(user, Surat, "add"), boleh_ttd=boleh_ttd,
            form_ttd=f.PassphraseForm() if boleh_ttd else None,
            boleh_massal=has_action(user, Surat, "tandatangani"),
        )
        return ctx


# ---------------------------------------------------------------- walk-in request

def _jenis_qs(user):
    return selectors.jenis_tersedia(user).only("id", "nama", "kode", "syarat", "isian", "owner_id")


def _spek(jenis, kode_desa: str | None) -> list[dict]:
    """The fields the form asks for: the type's, plus the village template's extras when the
    user's village is known."""
    tpl = None
    if kode_desa:
        try:
            tpl = selectors.template_berlaku(jenis, kode_desa)
        except ValidationError:
            tpl = None
    return isian_mod.spesifikasi_gabungan(jenis, tpl)


def _desa_pengguna(user) -> str | None:
    desa = [k for k, _ in kependudukan.pilihan_desa(user, Penduduk) if k]
    return desa[0] if len(desa) == 1 else None


class _BuatMixin(ScopedMixin):
    model = Surat
    scope_action = "add"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not has_action(request.user, Surat, "add"):
            raise PermissionDenied("Anda tidak berwenang membuat surat.")
        return super().dispatch(request, *args, **kwargs)

    def jenis_terpilih(self, data):
        pk = data.get("jenis")
        if not pk:
            return None
        try:
            return _jenis_qs(self.request.user).filter(pk=pk).first()
        except ValidationError:
            return None

    def form(self, data=None, files=None) -> f.PermohonanForm:
        jenis = self.jenis_terpilih(data if data is not None else self.request.GET)
        spek = _spek(jenis, _desa_pengguna(self.request.user)) if jenis else []
        initial = {"jenis": jenis.pk} if jenis and data is None else None
        return f.PermohonanForm(data, files, initial=initial, jenis_qs=_jenis_qs(self.request.user),
                                spesifikasi=spek, syarat=jenis.syarat if jenis else [])


class CariPenduduk(_BuatMixin, generic.TemplateView):
    """HTMX picker: residents in the user's scope by NIK or name (at most 10, alive only)."""

    template_name = "surat/_pilih_penduduk.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        q = (self.request.GET.get("q") or "").strip()[:60]
        hasil = []
        if len(q) >= 3:
            qs = kependudukan.cari_penduduk(kependudukan.penduduk_terlihat(user), user=user, q=q)
            hasil = list(qs.order_by("nama_cari", "pk")[:10])
            for p in hasil:
                p.nik_tampil = _nik_tampil(user, p)
        return {**super().get_context_data(**kwargs), "q": q, "hasil": hasil}


class IsianJenis(_BuatMixin, generic.TemplateView):
    """HTMX: the fields and the requirement uploads of the letter type just chosen."""

    template_name = "surat/_isian_jenis.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": self.form()}


class Buat(_BuatMixin, generic.TemplateView):
    """A walk-in request: pick the resident and the type, fill the fields, attach scans."""

    template_name = "surat/buat.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.form()
        pk = form["penduduk"].value()
        terpilih = None
        if pk:
            try:
                terpilih = kependudukan.penduduk_terlihat(self.request.user).filter(pk=pk).first()
            except ValidationError:
                terpilih = None
            if terpilih:
                terpilih.nik_tampil = _nik_tampil(self.request.user, terpilih)
        ctx.update(form=form, terpilih=terpilih)
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.form(request.POST, request.FILES)
        if form.is_valid():
            try:
                with transaction.atomic():
                    surat = alur.buat_permohonan(
                        pengguna=request.user, penduduk=form.cleaned_data["penduduk"],
                        jenis=form.cleaned_data["jenis"], isian=f.nilai_isian(form), kanal=Surat.LOKET)
                    for kode, berkas in form.berkas():
                        try:
                            alur.unggah_lampiran(surat, pengguna=request.user, syarat=kode, berkas=berkas)
                        except ValidationError as exc:
                            raise ValidationError({f.AWALAN_SYARAT + kode: exc.messages}) from exc
            except ValidationError as exc:
                apply_service_errors(exc, form, aliases=f.alias_isian(form.spesifikasi))
            except Http404:
                form.add_error("penduduk", alur.PENDUDUK_TIDAK_DITEMUKAN)
            else:
                messages.success(request, f"Permohonan {surat.jenis.nama} untuk {surat.penduduk.nama} tercatat.")
                return HttpResponseRedirect(surat.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form), status=400)


# ---------------------------------------------------------------- one letter

class Detail(ScopedDetailView):
    """A letter: data, fields, scans, timeline, and the actions its status and the user's
    grants allow. Each action posts here with `aksi`; a refusal shows the page again with the
    action's form and its error."""

    model = Surat
    template_name = "surat/detail.html"
    AKSI = {
        "lampiran": "_lampiran", "periksa": "_periksa", "tolak": "_tolak", "tandatangani": "_tandatangani",
        "selesai": "_selesai", "batal": "_batal",
    }

    def base_queryset(self):
        return Surat.objects.select_related("jenis", "template", "penduduk", "pemohon", "penandatangan")

    # -- what the user may do here (in memory: the grants on letters are unconditional for staff)
    def boleh(self, aksi: str) -> bool:
        return covers(self.request.user, aksi, Surat, self.object.owner_id)

    def forms(self, **ganti) -> dict:
        s, syarat = self.object, self.object.jenis.syarat or []
        bawaan = {
            "form_lampiran": f.LampiranForm(syarat=syarat, prefix="lampiran"),
            "form_periksa": f.PeriksaForm(syarat=syarat, prefix="periksa"),
            "form_tolak": f.AlasanForm(prefix="tolak"),
            "form_ttd": f.PassphraseForm(prefix="ttd"),
            "form_batal": f.AlasanForm(prefix="batal"),
        }
        bawaan.update(ganti)
        st = s.status
        tampil = {
            "form_lampiran": st == StatusSurat.DIAJUKAN and self.boleh("periksa") and bool(syarat),
            "form_periksa": st == StatusSurat.DIAJUKAN and self.boleh("periksa"),
            "form_tolak": st in (StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA)
            and (self.boleh("periksa") or self.boleh("tandatangani")),
            "form_ttd": st == StatusSurat.DIPERIKSA and self.boleh("tandatangani"),
            "form_batal": st in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) and self.boleh("batal"),
        }
        return {k: (v if tampil[k] else None) for k, v in bawaan.items()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s, user = self.object, self.request.user
        spek = isian_mod.spesifikasi_gabungan(s.jenis, s.template)
        label = {x["kode"]: x for x in spek}
        isian = [(label.get(k, {}).get("label", k), isian_mod.tampil_nilai(label.get(k, {}), v)) for k, v in s.isian.items()]
        lampiran = list(LampiranSurat.objects.filter(surat=s).order_by("syarat", "created_at"))
        riwayat = list(RiwayatSurat.objects.filter(surat=s).select_related("oleh").order_by("waktu", "pk"))
        label_syarat = {x["kode"]: x.get("label") or x["kode"] for x in s.jenis.syarat or []}
        for lamp in lampiran:
            lamp.label = label_syarat.get(lamp.syarat, lamp.syarat)
        ada = {lamp.syarat for lamp in lampiran}
        st = s.status
        ctx.update(
            nik_tampil=_nik_tampil(user, s.penduduk), isian=isian, lampiran=lampiran, riwayat=riwayat,
            syarat=[(kode, nama, kode in ada, kode in (s.asli_dilihat or ())) for kode, nama in label_syarat.items()],
            boleh_pratinjau=st in (StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA),
            boleh_unduh=st in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) and bool(s.berkas),
            boleh_selesai=st == StatusSurat.DITANDATANGANI and self.boleh("change"),
            boleh_salinan=st in (StatusSurat.DITANDATANGANI, StatusSurat.SELESAI) and s.dokumen_id is not None,
            **self.forms(**kwargs.pop("ganti", {})),
        )
        return ctx

    @method_decorator(sensitive_post_parameters("ttd-passphrase"))
    @sensitive_variables("d", "passphrase", "kunci")  # `d` of the signing form holds the passphrase
    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        nama = self.AKSI.get(request.POST.get("aksi", ""))
        if nama is None:
            return HttpResponse("Tindakan tidak dikenal.", status=400)
        hasil = getattr(self, nama)()
        if isinstance(hasil, dict):  # a form with errors
            ctx = self.get_context_data(ganti=hasil)
            return self.render_to_response(ctx, status=400)
        messages.success(request, hasil)
        return HttpResponseRedirect(self.object.get_absolute_url())

    def _jalankan(self, form, nama_form: str, fungsi, aliases=None):
        """Runs a service for a bound form: the success message, or {nama_form: form with errors}."""
        if not form.is_valid():
            return {nama_form: form}
        try:
            return fungsi(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(exc, form, aliases=aliases or {"status": "__all__"})
            return {nama_form: form}

    def _lampiran(self):
        form = f.LampiranForm(self.request.POST, self.request.FILES, syarat=self.object.jenis.syarat or [],
                              prefix="lampiran")

        def jalan(d):
            alur.unggah_lampiran(self.object, pengguna=self.request.user, syarat=d["syarat"], berkas=d["berkas"])
            return "Pindaian persyaratan tersimpan."

        return self._jalankan(form, "form_lampiran", jalan)

    def _periksa(self):
        form = f.PeriksaForm(self.request.POST, syarat=self.object.jenis.syarat or [], prefix="periksa")

        def jalan(d):
            alur.periksa(self.object, pengguna=self.request.user, catatan=d["catatan"], asli_dilihat=d["asli_dilihat"])
            return "Persyaratan lengkap; surat menunggu tanda tangan."

        return self._jalankan(form, "form_periksa", jalan)

    def _tolak(self):
        form = f.AlasanForm(self.request.POST, prefix="tolak")

        def jalan(d):
            alur.tolak(self.object, pengguna=self.request.user, alasan=d["alasan"])
            return "Permohonan ditolak; pemohon diberi tahu alasannya."

        return self._jalankan(form, "form_tolak", jalan)

    def _tandatangani(self):
        if not self.boleh("tandatangani"):
            raise Http404(alur.SURAT_TIDAK_DITEMUKAN)
        form = f.PassphraseForm(self.request.POST, prefix="ttd")

        def jalan(d):
            kunci = tte.buka_kunci(self.request.user, d["passphrase"])
            s = services.terbitkan(self.object, pengguna=self.request.user, kunci=kunci)
            return f"Surat ditandatangani dengan nomor {s.nomor}."

        return self._jalankan(form, "form_ttd", jalan, aliases={"status": "__all__", "passphrase": "passphrase",
                                                               "__all__": "passphrase"})

    def _selesai(self):
        alur.tandai_selesai(self.object, pengguna=self.request.user)
        return "Surat ditandai sudah diambil."

    def _batal(self):
        form = f.AlasanForm(self.request.POST, prefix="batal")

        def jalan(d):
            services.batalkan(self.object, pengguna=self.request.user, alasan=d["alasan"])
            return "Surat dibatalkan; halaman verifikasi menampilkan pembatalannya."

        return self._jalankan(form, "form_batal", jalan)


class _BerkasSurat(ScopedDetailView):
    model = Surat

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            return self.berkas(self.object)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())


class Unduh(_BerkasSurat):
    """The signed PDF as stored (its hash is in the register)."""

    def berkas(self, s: Surat):
        return respons_pdf_ttd(s)


class Pratinjau(_BerkasSurat):
    def berkas(self, s: Surat):
        if s.status not in (StatusSurat.DIAJUKAN, StatusSurat.DIPERIKSA):
            raise ValidationError("Pratinjau hanya untuk surat yang belum ditandatangani.")
        return respons_berkas(services.pdf_pratinjau(s, pengguna=self.request.user), nama="pratinjau.pdf",
                              jenis="application/pdf", unduh=False)


class Salinan(_BerkasSurat):
    def berkas(self, s: Surat):
        return respons_berkas(services.pdf_salinan(s, pengguna=self.request.user), nama=nama_berkas(s, "salinan"),
                              jenis="application/pdf")


class UnduhLampiran(ScopedDetailView):
    """A requirement scan: always a download with the type sniffed at upload, never inline."""

    model = LampiranSurat

    def get(self, request, *args, **kwargs):
        lamp = self.get_object()
        try:
            isi = lamp.berkas.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Berkas tidak ditemukan.") from exc
        ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(lamp.jenis_mime)
        if ext is None:
            raise Http404("Berkas tidak ditemukan.")
        return respons_berkas(isi, nama=f"{slugify(lamp.syarat) or 'syarat'}-{lamp.pk.hex[:8]}.{ext}",
                              jenis=lamp.jenis_mime)


class TandatanganiBanyak(ScopedMixin, generic.View):
    """The signer's inbox: sign the selected checked letters one after another with one
    passphrase. Each letter is its own transaction; a failure stops nothing but that letter."""

    model = Surat
    scope_action = "tandatangani"

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    @method_decorator(sensitive_post_parameters("passphrase"))
    @sensitive_variables("passphrase", "kunci")
    def post(self, request, *args, **kwargs):
        if not has_action(request.user, Surat, "tandatangani"):
            raise Http404(alur.SURAT_TIDAK_DITEMUKAN)
        kembali = reverse("surat:antrian") + "?status=" + StatusSurat.DIPERIKSA
        ids = request.POST.getlist("surat")[:200]
        form = f.PassphraseForm(request.POST)
        if not ids:
            messages.error(request, "Pilih paling sedikit satu surat untuk ditandatangani.")
            return HttpResponseRedirect(kembali)
        if not form.is_valid():
            messages.error(request, "Passphrase wajib diisi.")
            return HttpResponseRedirect(kembali)
        try:
            daftar = list(restrict(Surat.objects.filter(pk__in=ids, status=StatusSurat.DIPERIKSA), request.user,
                                   "tandatangani").select_related("penduduk").order_by("pk"))
        except ValidationError:
            daftar = []
        try:
            kunci = tte.buka_kunci(request.user, form.cleaned_data["passphrase"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(kembali)
        berhasil, gagal = 0, []
        for s in daftar:
            try:
                services.terbitkan(s, pengguna=request.user, kunci=kunci)
                berhasil += 1
            except (ValidationError, Http404) as exc:
                gagal.append(f"{s.penduduk.nama if s.penduduk_id else s.pk}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
        if berhasil:
            messages.success(request, f"{berhasil} surat ditandatangani.")
        for g in gagal[:10]:
            messages.error(request, g)
        return HttpResponseRedirect(kembali)
