"""Pages of the incoming area: the unit's inbox, registering a paper letter, an incoming
letter (read tracking, disposing, the disposition tree, filing), a disposition addressed to
the unit (accept, follow up, close, dispose further), "my dispositions", and downloads
(attachments and the signed naskah PDF). Every object is fetched through `restrict` or the
scoped lookups of masuk.py (out of scope: 404); every write goes through masuk.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.views import generic

from apps.akun import notifikasi
from apps.akun.formulir import apply_service_errors
from apps.akun.scope import has_action
from apps.akun.viewmixins import CreateFormView, ScopedDetailView, ScopedMixin
from apps.wilayah.models import Jabatan

from .. import berkas as berkas_mod
from .. import masuk, selectors
from ..forms_masuk import CatatFisikForm, DisposisiForm, TindakLanjutForm
from ..models import BerkasPersuratan, PenerimaDisposisi, StatusDisposisi, StatusMasuk, SuratMasuk

TAB = [
    ("terbuka", "Menunggu", "inbox"),
    ("surat", "Surat masuk", "envelope"),
    ("disposisi", "Disposisi untuk unit", "diagram-3"),
    ("semua", "Semua", "archive"),
]


def _url_balas(sm: SuratMasuk) -> str:
    try:
        dasar = reverse("persuratan:naskah_buat")
    except NoReverseMatch:
        dasar = "/persuratan/naskah/buat/"
    return f"{dasar}?balas={sm.pk}"


def _jabatan_terpilih(ids) -> list[Jabatan]:
    """The positions chosen on the form, in the order chosen (unknown ids are left for the
    service to refuse by name)."""
    ids = [i for i in ids if i]
    found = {str(j.pk): j for j in Jabatan.objects.filter(pk__in=ids).select_related("unit")} if ids else {}
    return [found.get(i, i) for i in ids]


def _jalankan(form, fungsi, aliases=None):
    """Runs a service for a bound form: its result, or None with the errors on the form."""
    if not form.is_valid():
        return None
    try:
        return fungsi(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(exc, form, aliases=aliases or {"status": "__all__", "surat_masuk": "__all__"})
    except PermissionDenied:
        form.add_error(None, "Data ini di luar cakupan Anda; tidak ada yang disimpan.")
    return None


# ---------------------------------------------------------------- inbox

class KotakMasuk(ScopedMixin, generic.TemplateView):
    """The unit's inbox: open letters and dispositions, most urgent and nearest deadline
    first; overdue rows highlighted; a unit switcher for people working in several units."""

    model = SuratMasuk
    template_name = "persuratan/masuk/kotak.html"

    def get(self, request, *args, **kwargs):
        # "Surat masuk baru" notices point at the inbox: seeing it is reading them.
        notifikasi.tandai_dibaca_tautan(request.user, request.path)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, get = self.request.user, self.request.GET
        units = selectors.unit_pengguna(user)
        unit = selectors.unit_aktif(user, get.get("unit"))
        tab = get.get("tab") if get.get("tab") in masuk.TAB_KOTAK else "terbuka"
        items = masuk.kotak_masuk(user, unit, status=tab)
        hitung = masuk.hitung_kotak(user, unit)
        ctx.update(units=units, unit=unit, tab=tab, items=items, hitung=hitung,
                   tabs=[(k, label, ikon, {"terbuka": hitung["surat"] + hitung["disposisi"], "surat": hitung["surat"],
                                            "disposisi": hitung["disposisi"]}.get(k)) for k, label, ikon in TAB],
                   boleh_catat=unit is not None and has_action(user, SuratMasuk, "add"))
        return ctx


class DisposisiDaftar(ScopedMixin, generic.TemplateView):
    """Dispositions addressed to me (in person or to a position I act for): open or closed."""

    model = PenerimaDisposisi
    template_name = "persuratan/masuk/disposisi_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        selesai = self.request.GET.get("tab") == "selesai"
        ctx.update(selesai=selesai, object_list=masuk.disposisi_saya(self.request.user, selesai=selesai))
        return ctx


# ---------------------------------------------------------------- paper letter

class MasukCatat(CreateFormView):
    model = SuratMasuk
    form_class = CatatFisikForm
    template_name = "persuratan/masuk/catat.html"
    success_message = "Surat masuk dicatat dalam agenda."

    def unit(self):
        """The unit asked for (None if the user does not work in it: the service refuses), or
        the user's first unit."""
        user, diminta = self.request.user, self.request.POST.get("unit") or self.request.GET.get("unit")
        unit = selectors.unit_aktif(user, diminta)
        return None if diminta and unit is not None and str(unit.pk) != str(diminta) else unit

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "klasifikasi_qs": selectors.klasifikasi_tersedia(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(unit=self.unit(), units=selectors.unit_pengguna(self.request.user), **kwargs)

    def perform(self, form):
        d = form.cleaned_data
        return masuk.catat_fisik(
            pengguna=self.request.user, unit=self.unit(), pengirim=d["pengirim"], nomor_surat=d["nomor_surat"],
            tanggal_surat=d["tanggal_surat"], perihal=d["perihal"], diterima=d["diterima"], jenis=d["jenis"],
            klasifikasi=d["klasifikasi"], sifat=d["sifat"], urgensi=d["urgensi"], batas_waktu=d["batas_waktu"],
            keterangan=d["keterangan"], berkas=d["berkas"])

    def show_service_error(self, form, exc) -> None:
        apply_service_errors(exc, form, aliases={"unit": "__all__"})


# ---------------------------------------------------------------- an incoming letter

def _form_disposisi(user, unit, dari_jabatan_id, data=None, prefix="disposisi") -> DisposisiForm:
    return DisposisiForm(data, pilihan=masuk.pilihan_kepada(user, unit, dari_jabatan_id), prefix=prefix)


def _disposisikan(user, form, **kw):
    return _jalankan(form, lambda d: masuk.disposisikan(
        pengguna=user, instruksi=d["instruksi"], urgensi=d["urgensi"], batas_waktu=d["batas_waktu"],
        kepada=_jabatan_terpilih(d["kepada"]), **kw))


class MasukDetail(ScopedDetailView):
    """An incoming letter of the unit: metadata, the naskah (electronic) or scan (paper), the
    disposition tree; opening it records the first reading."""

    model = SuratMasuk
    template_name = "persuratan/masuk/detail.html"

    def base_queryset(self):
        return SuratMasuk.objects.select_related("unit", "naskah", "naskah__unit", "klasifikasi", "dibaca_oleh",
                                                 "dicatat_oleh")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        masuk.tandai_dibaca(self.object, pengguna=request.user)
        notifikasi.tandai_dibaca_tautan(request.user, self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        sm, user = self.object, self.request.user
        terbuka = sm.status != StatusMasuk.SELESAI
        boleh_disposisi = terbuka and masuk.boleh_disposisi_surat(sm, user)
        form = kwargs.get("form_disposisi")
        if boleh_disposisi and form is None:
            kepala = masuk.kepala_surat(sm)
            form = _form_disposisi(user, sm.unit, kepala.pk if kepala else None)
        ctx.update(
            lampiran=list(BerkasPersuratan.objects.filter(surat_masuk=sm).order_by("created_at")),
            lampiran_naskah=(list(BerkasPersuratan.objects.filter(naskah_id=sm.naskah_id).order_by("created_at"))
                             if sm.naskah_id else []),
            pohon=masuk.pohon_disposisi(sm), form_disposisi=form if boleh_disposisi else None,
            boleh_selesai=terbuka and masuk.bekerja_di(user, sm.unit_id), url_balas=_url_balas(sm),
            terlambat_hari=masuk.hari_terlambat(sm), ada_pdf=bool(sm.naskah_id and sm.naskah.berkas),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = sm = self.get_object()
        aksi = request.POST.get("aksi", "")
        if aksi == "selesai":
            try:
                masuk.selesaikan_surat(sm, pengguna=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Surat diselesaikan dan diarsipkan.")
            return HttpResponseRedirect(sm.get_absolute_url())
        if aksi == "disposisi":
            kepala = masuk.kepala_surat(sm)
            form = _form_disposisi(request.user, sm.unit, kepala.pk if kepala else None, request.POST)
            if _disposisikan(request.user, form, surat_masuk=sm) is not None:
                messages.success(request, "Disposisi dikirim.")
                return HttpResponseRedirect(sm.get_absolute_url())
            if not masuk.boleh_disposisi_surat(sm, request.user):
                messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
                return HttpResponseRedirect(sm.get_absolute_url())
            return self.render_to_response(self.get_context_data(object=sm, form_disposisi=form), status=400)
        return HttpResponse("Tindakan tidak dikenal.", status=400)


def _respons_pdf(berkas_field, nama: str) -> FileResponse:
    try:
        isi = berkas_field.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Berkas tidak ditemukan.") from exc
    resp = FileResponse(isi, as_attachment=True, filename=nama, content_type="application/pdf")
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


class MasukPdf(ScopedMixin, generic.View):
    """The signed PDF of the naskah behind an incoming letter, reached through the letter (my
    unit's, or one disposed to my unit)."""

    model = SuratMasuk

    def get(self, request, *args, **kwargs):
        sm = masuk.surat_terlihat(request.user, kwargs["pk"])
        if sm is None or not sm.naskah_id or not sm.naskah.berkas:
            raise Http404("Berkas tidak ditemukan.")
        nama = f"{slugify(sm.nomor_surat.replace('/', '-')) or sm.pk.hex[:12]}.pdf"
        return _respons_pdf(sm.naskah.berkas, nama)


class BerkasUnduh(ScopedMixin, generic.View):
    """Any attachment of the e-office, always a download, if the user reaches its parent."""

    model = BerkasPersuratan

    def get(self, request, *args, **kwargs):
        b = masuk.berkas_terlihat(request.user, kwargs["pk"])
        if b is None:
            raise Http404("Berkas tidak ditemukan.")
        try:
            return berkas_mod.respons_unduh(b)
        except FileNotFoundError as exc:
            raise Http404("Berkas tidak ditemukan.") from exc


# ---------------------------------------------------------------- a disposition addressed to the unit

class DisposisiDetail(ScopedDetailView):
    """A disposition addressed to the unit: the letter, the instruction, the deadline, its
    follow-ups, the subtree below it, and (for whoever acts for the addressee) accept, follow
    up, close and dispose further."""

    model = PenerimaDisposisi
    template_name = "persuratan/masuk/disposisi_detail.html"

    def base_queryset(self):
        return PenerimaDisposisi.objects.select_related(
            "disposisi", "disposisi__surat_masuk", "disposisi__surat_masuk__naskah", "disposisi__dari",
            "disposisi__dari_jabatan", "disposisi__unit", "unit", "jabatan", "pengguna", "selesai_oleh")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        masuk.baca_disposisi(self.object, pengguna=request.user)
        notifikasi.tandai_dibaca_tautan(request.user, self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pd, user = self.object, self.request.user
        sm = pd.disposisi.surat_masuk
        boleh = masuk.boleh_bertindak(pd, user)
        terbuka = pd.status != StatusDisposisi.SELESAI and sm.status != StatusMasuk.SELESAI
        simpul = masuk.simpul_penerima(sm, pd)
        form_d = kwargs.get("form_disposisi")
        if boleh and terbuka and form_d is None:
            form_d = _form_disposisi(user, pd.unit, pd.jabatan_id)
        ctx.update(
            surat=sm, boleh=boleh, terbuka=terbuka,
            form_tl=(kwargs.get("form_tl") or TindakLanjutForm(prefix="tl")) if boleh and terbuka else None,
            form_disposisi=form_d if boleh and terbuka else None,
            boleh_terima=boleh and terbuka and pd.diterima_pada is None,
            tindak_lanjut=simpul.tindak_lanjut if simpul else [], pohon=simpul.anak if simpul else [],
            lampiran=list(BerkasPersuratan.objects.filter(surat_masuk=sm).order_by("created_at")),
            lampiran_naskah=(list(BerkasPersuratan.objects.filter(naskah_id=sm.naskah_id).order_by("created_at"))
                             if sm.naskah_id else []),
            ada_pdf=bool(sm.naskah_id and sm.naskah.berkas), terlambat_hari=masuk.hari_terlambat(pd),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = pd = self.get_object()
        aksi, user = request.POST.get("aksi", ""), request.user
        if aksi == "terima":
            try:
                masuk.terima_disposisi(pd, pengguna=user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Disposisi diterima.")
            return HttpResponseRedirect(pd.get_absolute_url())
        if aksi == "tindak_lanjut":
            form = TindakLanjutForm(request.POST, request.FILES, prefix="tl")
            hasil = _jalankan(form, lambda d: masuk.tindak_lanjut(pd, pengguna=user, catatan=d["catatan"],
                                                                   berkas=d["berkas"], menutup=d["menutup"]))
            if hasil is not None:
                messages.success(request, "Disposisi diselesaikan." if hasil.menutup else "Tindak lanjut dicatat.")
                return HttpResponseRedirect(pd.get_absolute_url())
            return self.render_to_response(self.get_context_data(object=pd, form_tl=form), status=400)
        if aksi == "disposisi":
            form = _form_disposisi(user, pd.unit, pd.jabatan_id, request.POST)
            if _disposisikan(user, form, induk=pd) is not None:
                messages.success(request, "Disposisi diteruskan.")
                return HttpResponseRedirect(pd.get_absolute_url())
            return self.render_to_response(self.get_context_data(object=pd, form_disposisi=form), status=400)
        return HttpResponse("Tindakan tidak dikenal.", status=400)
