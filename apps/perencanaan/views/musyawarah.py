"""Pages of deliberations: the list (own office's and those the user is invited to), planning
one, its page (participants, attendance, documents, decisions, berita acara), approving and
signing the berita acara, and downloads. Objects come from `musyawarah.musyawarah_untuk` or
`restrict` (out of scope: 404); every write goes through musyawarah.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.views import generic

from apps.akun.scope import has_action
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedMixin

from .. import musyawarah as svc
from ..forms_tahap import BerkasForm, HadirForm, MusyawarahForm, PesertaForm, TteForm
from ..models import BerkasMusyawarah, Kehadiran, Musyawarah, PesertaMusyawarah, StatusMusyawarah


class _Undangan(ScopedMixin):
    """Own office's deliberations and those the user is invited to."""

    model = Musyawarah

    def get_queryset(self):
        return svc.musyawarah_untuk(self.request.user).select_related("tahap__siklus", "dokumen")


class MusyawarahDaftar(_Undangan, generic.TemplateView):
    template_name = "perencanaan/musyawarah/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object_list"] = list(self.get_queryset().order_by("-waktu")[:200])
        ctx["boleh_buat"] = has_action(self.request.user, Musyawarah, "add")
        return ctx


class MusyawarahBaru(CreateFormView):
    model = Musyawarah
    form_class = MusyawarahForm
    template_name = "perencanaan/musyawarah/form.html"
    success_message = "Musyawarah dijadwalkan."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "tahap_qs": svc.tahap_musyawarah(self.request.user)}

    def perform(self, form):
        d = dict(form.cleaned_data)
        return svc.buat(self.request.user, **d)


class MusyawarahUbah(ObjectFormView):
    model = Musyawarah
    form_class = MusyawarahForm
    template_name = "perencanaan/musyawarah/form.html"
    success_message = "Musyawarah disimpan."

    def get_form_kwargs(self):
        kw = super().get_form_kwargs()
        kw["tahap_qs"] = svc.tahap_musyawarah(self.request.user).filter(pk=self.object.tahap_id)
        if self.request.method == "GET":
            m = self.object
            kw["initial"] = {f: getattr(m, f) for f in ("judul", "waktu", "tempat", "tautan_daring", "pimpinan",
                                                         "agenda", "notulen")} | {"tahap": m.tahap_id}
        return kw

    def perform(self, form):
        d = dict(form.cleaned_data)
        d.pop("tahap", None)
        return svc.ubah(self.request.user, self.object, **d)


class MusyawarahDetail(_Undangan, ScopedDetailView):
    template_name = "perencanaan/musyawarah/detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m, user = self.object, self.request.user
        kelola = svc.boleh_kelola(user, m)
        terkunci = m.status == StatusMusyawarah.DITANDATANGANI
        saya = m.peserta.filter(akun=user).first()
        ctx.update(
            kelola=kelola and not terkunci, peserta=list(m.peserta.select_related("akun").order_by("unsur", "nama")),
            berkas=list(m.berkas.order_by("created_at")), keputusan=svc.keputusan(m), kehadiran=Kehadiran.choices,
            form_peserta=PesertaForm(), form_berkas=BerkasForm(), form_tte=TteForm(), saya=saya,
            boleh_setujui=saya is not None and saya.ditandatangani_pada is None and not terkunci
            and saya.kehadiran in (Kehadiran.HADIR, Kehadiran.DARING),
        )
        return ctx


class _AksiMusyawarah(ScopedMixin, generic.View):
    """A POST about a deliberation the user manages (scope change), back to its page."""

    model = Musyawarah
    scope_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        m = self.get_object()
        try:
            pesan = self.aksi(m)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied:
            messages.error(request, "Data ini di luar cakupan Anda; tidak ada yang disimpan.")
        else:
            messages.success(request, pesan)
        return HttpResponseRedirect(m.get_absolute_url())


class PesertaTambah(_AksiMusyawarah):
    def aksi(self, m):
        form = PesertaForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError("; ".join(f"{form.fields[k].label}: {' '.join(v)}" for k, v in form.errors.items()))
        p = svc.tambah_peserta(self.request.user, m, **form.cleaned_data)
        return f"{p.nama} ditambahkan sebagai peserta."


class PesertaHapus(ScopedMixin, generic.View):
    model = PesertaMusyawarah
    scope_action = "delete"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        p = self.get_object()
        m = p.musyawarah
        try:
            svc.hapus_peserta(request.user, p)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Peserta dihapus.")
        return HttpResponseRedirect(m.get_absolute_url())


class MusyawarahHadir(_AksiMusyawarah):
    def aksi(self, m):
        if self.request.POST.get("ttd_basah"):
            p = svc.catat_ttd_basah(self.request.user, m, self.request.POST.get("peserta"))
            return f"Tanda tangan basah {p.nama} dicatat."
        form = HadirForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError("Pilih peserta dan status kehadirannya.")
        p = svc.catat_hadir(self.request.user, m, form.cleaned_data["peserta"], form.cleaned_data["kehadiran"])
        return f"Kehadiran {p.nama}: {p.get_kehadiran_display()}."


class MusyawarahBerkasUnggah(_AksiMusyawarah):
    def aksi(self, m):
        b = svc.unggah(self.request.user, m, self.request.FILES.get("berkas"))
        return f"Berkas {b.nama_asli} diunggah."


class MusyawarahBa(_AksiMusyawarah):
    def aksi(self, m):
        svc.tandatangani_ba(self.request.user, m, self.request.POST.get("passphrase", ""))
        return "Berita acara dibuat dan ditandatangani secara elektronik."


class MusyawarahSetujui(_Undangan, generic.View):
    """A participant (any office, invited with their account) approves the berita acara."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        m = self.get_object()
        try:
            svc.setujui(request.user, m)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Persetujuan Anda atas berita acara dicatat.")
        return HttpResponseRedirect(m.get_absolute_url())


class MusyawarahBerkas(ScopedMixin, generic.View):
    """Download one attached document (always as a download)."""

    model = BerkasMusyawarah

    def get_queryset(self):
        return BerkasMusyawarah.objects.filter(musyawarah__in=svc.musyawarah_untuk(self.request.user))

    def get(self, request, *args, **kwargs):
        return svc.respons_unduh(self.get_object())


class MusyawarahBaUnduh(_Undangan, generic.View):
    def get(self, request, *args, **kwargs):
        m = self.get_object()
        if not m.berkas_ba:
            raise Http404("Berita acara belum ditandatangani.")
        resp = FileResponse(m.berkas_ba.open("rb"), as_attachment=True, filename=f"berita-acara-{m.pk.hex[:8]}.pdf",
                            content_type="application/pdf")
        resp["X-Content-Type-Options"] = "nosniff"
        return resp

