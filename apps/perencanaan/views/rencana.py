"""Pages of the village plans: RPJM Desa and RKP Desa lists (village users see their own
village, kecamatan and regency users pick one), detail pages with the Permendagri matrix and
totals per bidang, forms (plan, line, setting by Perdes), "ambil dari RPJM Desa", and the PDF
and xlsx prints, plus the "Daftar Usulan RKP Desa" PDF. Every object comes through `restrict`
(ScopedMixin: out of scope is 404); every write goes through rencana.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.views import generic

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import covers, has_action, restrict
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedMixin
from apps.kependudukan import cetak
from apps.wilayah.models import Wilayah

from .. import cetak_rencana, rencana
from ..forms_rencana import (
    KegiatanRKPDesForm,
    KegiatanRPJMDesForm,
    RKPDesForm,
    RPJMDesForm,
    TetapkanForm,
)
from ..models import KegiatanRKPDes, KegiatanRPJMDes, RKPDes, RPJMDes, StatusRencana, Usulan

ALIAS = {"status": "__all__", "desa": "__all__"}
BIDANG_KEGIATAN = ("bidang", "kegiatan", "lokasi", "volume", "satuan", "sasaran_manfaat", "perkiraan_biaya",
                   "sumber_dana", "pola_pelaksanaan")


def _desa_dipilih(request, pilihan: list[tuple[str, str]]) -> Wilayah | None:
    """The village asked for (?desa=) if the user may see it, else the user's only village."""
    kode = {k for k, _ in pilihan}
    diminta = request.GET.get("desa") or ""
    if diminta not in kode:
        diminta = pilihan[0][0] if len(pilihan) == 1 else ""
    return Wilayah.objects.filter(kode=diminta).first() if diminta else None


def _ringkas(qs):
    return qs.annotate(jumlah_kegiatan=Count("kegiatan"), jumlah_biaya=Sum("kegiatan__perkiraan_biaya"))


def _pesan(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


class _ServiceAlias:
    def show_service_error(self, form, exc) -> None:
        apply_service_errors(exc, form, aliases=ALIAS)


# ---------------------------------------------------------------- RPJM Desa

class RPJMDesDaftar(ScopedMixin, generic.TemplateView):
    model = RPJMDes
    template_name = "perencanaan/rencana/rpjmdes_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        pilihan = rencana.pilihan_desa(user)
        desa = _desa_dipilih(self.request, pilihan)
        ctx.update(pilihan_desa=pilihan, desa=desa, boleh_tambah=has_action(user, RPJMDes, "add"),
                   object_list=list(_ringkas(rencana.rpjmdes_desa(user, desa.kode if desa else None))
                                    .order_by("-tahun_mulai")))
        return ctx


class RPJMDesBaru(_ServiceAlias, CreateFormView):
    model = RPJMDes
    form_class = RPJMDesForm
    template_name = "perencanaan/rencana/form.html"
    success_message = "RPJM Desa dibuat sebagai draf. Tambahkan kegiatannya."
    extra_context = {"judul": "RPJM Desa baru"}

    def pilihan(self):
        return rencana.pilihan_desa(self.request.user, "add")

    def get_initial(self):
        return {"tahun_mulai": timezone.localdate().year, "lama_tahun": 6}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pilihan_desa": self.pilihan()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(batal_href=reverse("perencanaan:rpjmdes_daftar"), **kwargs)

    def perform(self, form):
        d = dict(form.cleaned_data)
        pilihan = self.pilihan()
        desa = d.pop("desa", None) or (pilihan[0][0] if len(pilihan) == 1 else "")
        if desa not in {k for k, _ in pilihan}:
            raise ValidationError({"desa": "Pilih desa tempat Anda bertugas."})
        return rencana.buat_rpjmdes(self.request.user, desa=desa, **d)


class RPJMDesDetail(ScopedDetailView):
    model = RPJMDes
    template_name = "perencanaan/rencana/rpjmdes_detail.html"

    def base_queryset(self):
        return RPJMDes.objects.select_related("owner")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        r, user = self.object, self.request.user
        boleh = r.status == StatusRencana.DRAF and covers(user, "change", RPJMDes, r.owner_id)
        ctx.update(
            matriks=rencana.matriks(r.kegiatan.all()), boleh_ubah=boleh,
            boleh_tetapkan=boleh, misi=[m for m in r.misi.splitlines() if m.strip()],
            tahun=list(range(r.tahun_mulai, r.tahun_selesai + 1)),
            rkpdes=list(_ringkas(restrict(r.rkpdes.all(), user, "view")).order_by("tahun")),
            form_kegiatan=KegiatanRPJMDesForm(rpjmdes=r, prefix="baru") if boleh else None,
            kode_apbdes=rencana.pilihan_kegiatan() if boleh else [],
            boleh_rkp=covers(user, "add", RKPDes, r.owner_id),
        )
        return ctx


class RPJMDesUbah(_ServiceAlias, ObjectFormView):
    model = RPJMDes
    form_class = RPJMDesForm
    template_name = "perencanaan/rencana/form.html"
    success_message = "RPJM Desa disimpan."
    extra_context = {"judul": "Ubah RPJM Desa"}

    def get_initial(self):
        o = self.object
        return {"tahun_mulai": o.tahun_mulai, "lama_tahun": o.lama_tahun, "visi": o.visi, "misi": o.misi}

    def perform(self, form):
        return rencana.ubah_rpjmdes(self.request.user, self.object, **form.cleaned_data)


class _Tetapkan(_ServiceAlias, ObjectFormView):
    form_class = TetapkanForm
    template_name = "perencanaan/rencana/tetapkan.html"
    success_message = "Rencana ditetapkan dengan Peraturan Desa; sekarang hanya dapat dibaca."

    def get_initial(self):
        return {"tanggal_perdes": timezone.localdate()}

    def perform(self, form):
        d = form.cleaned_data
        return rencana.tetapkan(self.request.user, self.object, d["nomor_perdes"], d["tanggal_perdes"])


class RPJMDesTetapkan(_Tetapkan):
    model = RPJMDes


class _Cetak(ScopedMixin, generic.View):
    jenis = "pdf"

    def dokumen(self, obj):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        obj = self.get_object()
        dok = self.dokumen(obj)
        nama = cetak.nama_berkas(self.awalan, str(getattr(obj, "tahun", None) or obj.tahun_mulai), obj.owner_id,
                                 ext=self.jenis)
        if self.jenis == "xlsx":
            return cetak.respons_xlsx(dok, nama)
        return cetak.respons_pdf(cetak.pdf(dok, kertas=request.GET.get("kertas", "a4")), nama)


class RPJMDesPdf(_Cetak):
    model = RPJMDes
    awalan = "rpjmdes"

    def dokumen(self, obj):
        return cetak_rencana.dokumen_rpjmdes(self.request.user, obj)


class RPJMDesXlsx(RPJMDesPdf):
    jenis = "xlsx"


# ---------------------------------------------------------------- lines (shared)

class _KegiatanBaru(_ServiceAlias, ObjectFormView):
    template_name = "perencanaan/rencana/kegiatan_form.html"
    success_message = "Kegiatan ditambahkan."
    prefix = "baru"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rencana=self.object, kode_apbdes=rencana.pilihan_kegiatan(),
                                        judul=f"Tambah kegiatan {self.object}", **kwargs)

    def get_success_url(self, result):
        return self.object.get_absolute_url() + "#kegiatan"


class _KegiatanUbah(_ServiceAlias, ObjectFormView):
    template_name = "perencanaan/rencana/kegiatan_form.html"
    success_message = "Kegiatan disimpan."

    def induk(self):
        raise NotImplementedError

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and self.request.method == "GET":
            return ["perencanaan/rencana/_kegiatan_baris_form.html"]
        return [self.template_name]

    def get_initial(self):
        o = self.object
        return {f: getattr(o, f) for f in BIDANG_KEGIATAN}

    def get_context_data(self, **kwargs):
        # A line has no page of its own: "Batal" goes back to its plan (ObjectFormView would
        # point at the line).
        return super(ObjectFormView, self).get_context_data(
            object=self.object, rencana=self.induk(), kode_apbdes=rencana.pilihan_kegiatan(),
            judul=f"Ubah kegiatan {self.object.kegiatan}", batal_href=self.induk().get_absolute_url() + "#kegiatan",
            **kwargs)

    def get_success_url(self, result):
        return self.induk().get_absolute_url() + "#kegiatan"


class _KegiatanHapus(ScopedMixin, generic.View):
    scope_action = "delete"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        induk = self.induk(obj)
        try:
            self.hapus(request.user, obj)
        except ValidationError as exc:
            _pesan(request, exc)
        except PermissionDenied:
            messages.error(request, "Anda tidak berwenang menghapus kegiatan ini.")
        else:
            messages.success(request, "Kegiatan dihapus.")
        return HttpResponseRedirect(induk.get_absolute_url() + "#kegiatan")


class KegiatanRPJMDesBaru(_KegiatanBaru):
    model = RPJMDes
    form_class = KegiatanRPJMDesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rpjmdes": self.object}

    def perform(self, form):
        return rencana.tambah_kegiatan_rpjmdes(self.request.user, self.object, **form.cleaned_data)


class KegiatanRPJMDesUbah(_KegiatanUbah):
    model = KegiatanRPJMDes
    form_class = KegiatanRPJMDesForm

    def base_queryset(self):
        return KegiatanRPJMDes.objects.select_related("rpjmdes")

    def induk(self):
        return self.object.rpjmdes

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rpjmdes": self.object.rpjmdes}

    def get_initial(self):
        return {**super().get_initial(), "tahun_pelaksanaan": self.object.tahun_pelaksanaan}

    def perform(self, form):
        return rencana.ubah_kegiatan_rpjmdes(self.request.user, self.object, **form.cleaned_data)


class KegiatanRPJMDesHapus(_KegiatanHapus):
    model = KegiatanRPJMDes

    def induk(self, obj):
        return obj.rpjmdes

    def hapus(self, user, obj):
        rencana.hapus_kegiatan_rpjmdes(user, obj)


# ---------------------------------------------------------------- RKP Desa

class RKPDesDaftar(ScopedMixin, generic.TemplateView):
    model = RKPDes
    template_name = "perencanaan/rencana/rkpdes_daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        pilihan = rencana.pilihan_desa(user)
        desa = _desa_dipilih(self.request, pilihan)
        ctx.update(pilihan_desa=pilihan, desa=desa, boleh_tambah=has_action(user, RKPDes, "add"),
                   object_list=list(_ringkas(rencana.rkpdes_desa(user, desa.kode if desa else None))
                                    .order_by("-tahun")))
        return ctx


def _pilihan_rpjmdes(user) -> list[tuple[str, str]]:
    qs = restrict(RPJMDes.objects.select_related("owner"), user, "change")
    return [(str(r.pk), f"{r} · {r.owner.nama}{'' if r.status == StatusRencana.DITETAPKAN else ' (draf)'}")
            for r in qs.order_by("owner_id", "-tahun_mulai")]


class RKPDesBaru(_ServiceAlias, CreateFormView):
    model = RKPDes
    form_class = RKPDesForm
    template_name = "perencanaan/rencana/form.html"
    success_message = "RKP Desa dibuat sebagai draf. Ambil kegiatannya dari RPJM Desa."
    extra_context = {"judul": "RKP Desa baru"}

    def get_initial(self):
        return {"rpjmdes": self.request.GET.get("rpjmdes", ""), "tahun": timezone.localdate().year + 1}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pilihan_rpjmdes": _pilihan_rpjmdes(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(batal_href=reverse("perencanaan:rkpdes_daftar"), **kwargs)

    def perform(self, form):
        d = dict(form.cleaned_data)
        pk = d.pop("rpjmdes", "")
        try:
            rpjm = restrict(RPJMDes.objects.all(), self.request.user, "change").filter(pk=pk).first() if pk else None
        except ValidationError:
            rpjm = None
        return rencana.buat_rkpdes(self.request.user, rpjmdes=rpjm, **d)


class RKPDesDetail(ScopedDetailView):
    model = RKPDes
    template_name = "perencanaan/rencana/rkpdes_detail.html"

    def base_queryset(self):
        return RKPDes.objects.select_related("owner", "rpjmdes")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        r, user = self.object, self.request.user
        boleh = r.status == StatusRencana.DRAF and covers(user, "change", RKPDes, r.owner_id)
        ctx.update(
            matriks=rencana.matriks(r.kegiatan.all()), boleh_ubah=boleh, boleh_tetapkan=boleh,
            kode_apbdes=rencana.pilihan_kegiatan() if boleh else [],
            form_kegiatan=(KegiatanRKPDesForm(prefix="baru", pilihan_rpjm=_pilihan_kegiatan_rpjm(r)) if boleh
                           else None),
        )
        return ctx


def _pilihan_kegiatan_rpjm(rkp: RKPDes) -> list[tuple[str, str]]:
    return [(str(k.pk), f"[{k.bidang}] {k.kegiatan} — {k.lokasi}") for k in rencana.kegiatan_rpjm_untuk(rkp)]


class RKPDesUbah(_ServiceAlias, ObjectFormView):
    model = RKPDes
    form_class = RKPDesForm
    template_name = "perencanaan/rencana/form.html"
    success_message = "RKP Desa disimpan."
    extra_context = {"judul": "Ubah RKP Desa"}

    def get_form_kwargs(self):
        o = self.object
        return {**super().get_form_kwargs(), "pilihan_rpjmdes": [(str(o.rpjmdes_id), str(o.rpjmdes))]}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["rpjmdes"].disabled = True
        return form

    def get_initial(self):
        o = self.object
        return {"rpjmdes": str(o.rpjmdes_id), "tahun": o.tahun, "tanggal_musdes": o.tanggal_musdes}

    def perform(self, form):
        d = {k: v for k, v in form.cleaned_data.items() if k != "rpjmdes"}
        return rencana.ubah_rkpdes(self.request.user, self.object, **d)


class RKPDesTetapkan(_Tetapkan):
    model = RKPDes


class RKPDesAmbilRpjm(ScopedMixin, generic.View):
    """"Ambil dari RPJM Desa": draft lines from the plan lines scheduled for the year."""

    model = RKPDes
    scope_action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        rkp = self.get_object()
        try:
            baru = rencana.ambil_dari_rpjm(request.user, rkp)
        except ValidationError as exc:
            _pesan(request, exc)
        else:
            messages.success(request, f"{len(baru)} kegiatan diambil dari {rkp.rpjmdes}. Periksa waktu, pelaksana "
                                      "dan biaya tahun ini.")
        return HttpResponseRedirect(rkp.get_absolute_url() + "#kegiatan")


class RKPDesPdf(_Cetak):
    model = RKPDes
    awalan = "rkpdes"

    def base_queryset(self):
        return RKPDes.objects.select_related("rpjmdes")

    def dokumen(self, obj):
        return cetak_rencana.dokumen_rkpdes(self.request.user, obj)


class RKPDesXlsx(RKPDesPdf):
    jenis = "xlsx"


class KegiatanRKPDesBaru(_KegiatanBaru):
    model = RKPDes
    form_class = KegiatanRKPDesForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pilihan_rpjm": _pilihan_kegiatan_rpjm(self.object)}

    def perform(self, form):
        return rencana.tambah_kegiatan_rkpdes(self.request.user, self.object, **form.cleaned_data)


class KegiatanRKPDesUbah(_KegiatanUbah):
    model = KegiatanRKPDes
    form_class = KegiatanRKPDesForm

    def base_queryset(self):
        return KegiatanRKPDes.objects.select_related("rkpdes", "rkpdes__rpjmdes")

    def induk(self):
        return self.object.rkpdes

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pilihan_rpjm": _pilihan_kegiatan_rpjm(self.object.rkpdes)}

    def get_initial(self):
        o = self.object
        return {**super().get_initial(), "kegiatan_rpjmdes": str(o.kegiatan_rpjmdes_id),
                "waktu_pelaksanaan": o.waktu_pelaksanaan, "pelaksana": o.pelaksana,
                "jumlah_penerima": o.jumlah_penerima}

    def perform(self, form):
        return rencana.ubah_kegiatan_rkpdes(self.request.user, self.object, **form.cleaned_data)


class KegiatanRKPDesHapus(_KegiatanHapus):
    model = KegiatanRKPDes

    def induk(self, obj):
        return obj.rkpdes

    def hapus(self, user, obj):
        rencana.hapus_kegiatan_rkpdes(user, obj)


# ---------------------------------------------------------------- Daftar Usulan RKP Desa

class DaftarUsulanPdf(ScopedMixin, generic.View):
    """The village's proposals of the current cycle sent up, as the list sent to the regency."""

    model = Usulan

    def get(self, request, *args, **kwargs):
        # The village must be named (?desa=) and in the user's scope: never a silent fallback.
        kode = request.GET.get("desa") or ""
        desa = (Wilayah.objects.filter(kode=kode).first()
                if kode in {k for k, _ in rencana.pilihan_desa(request.user)} else None)
        if desa is None:
            return HttpResponse("Pilih desa/kelurahan dalam cakupan Anda (parameter desa).", status=400,
                                content_type="text/plain; charset=utf-8")
        siklus, usulan = rencana.usulan_dikirim(request.user, desa.kode)
        dok = cetak_rencana.dokumen_usulan(request.user, desa.kode, siklus, usulan)
        nama = cetak.nama_berkas("daftar-usulan-rkp-desa", str(siklus.tahun_rencana) if siklus else "", desa.kode,
                                 ext="pdf")
        return cetak.respons_pdf(cetak.pdf(dok), nama)
