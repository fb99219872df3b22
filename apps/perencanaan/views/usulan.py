"""Pages of proposals and the village stage: the list, a proposal (its photos, supports and its
whole path through the stages), creating and editing, photos, supports (residents online,
paper counts by the operator), withdrawing, and the village's ranking page with "kirim ke
kecamatan". Proposals are found through `restrict` (another village's: 404); the cycle is the
user's regency's (by plan year, never by another office's record id); every write goes
through usulan.py (and penilaian.simpan_revisi for the scores)."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views import generic

from apps.akun.formulir import apply_service_errors
from apps.akun.scope import restrict
from apps.akun.viewmixins import CreateFormView, ObjectFormView, ScopedDetailView, ScopedListView, ScopedMixin
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Wilayah

from .. import peringkat, selectors
from .. import usulan as layanan
from ..forms_usulan import DukunganKertasForm, DukungForm, FotoForm, NilaiForm, UsulanForm
from ..models import (
    DaftarUsulan,
    DukunganUsulan,
    FotoUsulan,
    JenisTahap,
    Keputusan,
    RevisiUsulan,
    StatusUsulan,
    Usulan,
)
from ..tahap import status_tahap


def _pesan_galat(request, exc) -> None:
    messages.error(request, " ".join(getattr(exc, "messages", None) or ["Data ini di luar cakupan Anda."]))


def _siklus_pengguna(user, tahun=None):
    """The cycle of the user's regency for plan year `tahun` (else the latest), or None."""
    qs = selectors.siklus_kabupaten(user)
    if tahun:
        try:
            return qs.filter(tahun_rencana=int(tahun)).first()
        except (TypeError, ValueError):
            return None
    return qs.first()


def _desa_pengguna(user) -> str | None:
    desa = layanan.desa_operator(user)
    if desa is None:
        w = layanan.penduduk_warga(user)
        desa = w.owner_id if w else None
    return desa


def _peta(desa: str, usulan: Usulan | None = None) -> dict:
    """The village boundary (GeoJSON, from the wilayah data) and its centre for the map."""
    w = Wilayah.objects.filter(kode=desa).values("nama", "batas", "lat", "lng").first() or {}
    return {"nama": w.get("nama", desa), "batas": w.get("batas"), "lat": w.get("lat"), "lng": w.get("lng"),
            "titik": [float(usulan.lat), float(usulan.lng)] if usulan and usulan.lat is not None else None}


# ---------------------------------------------------------------- list, detail

class UsulanDaftar(ScopedListView):
    model = Usulan
    template_name = "perencanaan/usulan/daftar.html"
    page_key = "kode"

    def siklus(self):
        return _siklus_pengguna(self.request.user, self.request.GET.get("tahun"))

    def filter_queryset(self, qs):
        g = self.request.GET
        s = self.siklus()
        qs = qs.filter(siklus=s) if s else qs.none()
        if g.get("status") in StatusUsulan.values:
            qs = qs.filter(status=g["status"])
        if g.get("q"):
            qs = qs.filter(Q(nama_kegiatan__icontains=g["q"]) | Q(kode__icontains=g["q"]))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        s = self.siklus()
        tahap, st = layanan.status_tahap_desa(s) if s else (None, None)
        desa = layanan.desa_operator(user)
        nama_desa = dict(Wilayah.objects.filter(kode__in={u.owner_id for u in ctx["object_list"]})
                         .values_list("kode", "nama"))
        for u in ctx["object_list"]:
            u.nama_desa = nama_desa.get(u.owner_id, u.owner_id)
        ctx.update(siklus=s, tahap_desa=tahap, status=st, status_pilihan=StatusUsulan.choices, nama_desa=nama_desa,
                   tahun_pilihan=list(selectors.siklus_kabupaten(user).values_list("tahun_rencana", flat=True)),
                   boleh_tambah=s is not None and (desa is not None or (
                       layanan.penduduk_warga(user) is not None and tahap is not None and tahap.usulan_warga)),
                   boleh_nilai=desa is not None and s is not None)
        return ctx


class UsulanDetail(ScopedDetailView):
    model = Usulan
    template_name = "perencanaan/usulan/detail.html"

    def base_queryset(self):
        return Usulan.objects.select_related("siklus", "lokasi", "perangkat_daerah")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        u, user = self.object, self.request.user
        tahap, st = layanan.status_tahap_desa(u.siklus)
        warga = layanan.penduduk_warga(user, u.owner_id)
        operator = layanan.desa_operator(user) == u.owner_id
        bisa_ubah = u.status in layanan.STATUS_BISA_DIUBAH and st is not None and st.terbuka
        sudah = warga is not None and DukunganUsulan.objects.filter(usulan=u, penduduk=warga).exists()
        ctx.update(
            tahap_desa=tahap, status=st, foto=list(FotoUsulan.objects.filter(usulan=u).order_by("created_at")),
            revisi=list(RevisiUsulan.objects.filter(usulan=u).select_related("tahap", "unit", "pengguna",
                                                                             "perangkat_daerah", "digabung_ke")
                        .order_by("tahap__urutan")),
            boleh_ubah=bisa_ubah and (operator or (u.status == StatusUsulan.IDE and u.pengusul_akun_id == user.pk)),
            boleh_dukung=bool(warga and bisa_ubah and tahap.usulan_warga and not sudah),
            sudah_dukung=sudah and st is not None and st.terbuka, operator=operator and bisa_ubah,
            form_kertas=kwargs.get("form_kertas") or DukunganKertasForm(initial={
                "jumlah": u.dukungan_kertas, "catatan": u.dukungan_kertas_catatan}),
            form_foto=kwargs.get("form_foto") or FotoForm(), form_dukung=DukungForm(),
        )
        return ctx


class UsulanFoto(ScopedMixin, generic.View):
    """A photo of a proposal, inline (only sniffed image types), nosniff."""

    model = FotoUsulan

    def base_queryset(self):
        return FotoUsulan.objects.select_related("usulan")

    def get(self, request, *args, **kwargs):
        foto = self.get_object()
        try:
            return layanan.respons_foto(foto)
        except FileNotFoundError:
            raise Http404("Berkas foto tidak ditemukan.") from None


# ---------------------------------------------------------------- create, edit

def _data_usulan(d: dict) -> dict:
    d = dict(d)
    d.pop("tahun", None)
    d.pop("foto", None)
    for f in ("jumlah_penerima", "swadaya_nilai"):
        if f in d and d[f] is None:
            d[f] = 0
    return d


class UsulanBaru(CreateFormView):
    model = Usulan
    form_class = UsulanForm
    template_name = "perencanaan/usulan/form.html"
    success_message = "Usulan disimpan."

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and _desa_pengguna(request.user) is None:
            raise PermissionDenied("Hanya perangkat desa atau warga terdaftar yang dapat mengusulkan.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        user = self.request.user
        desa = _desa_pengguna(user)
        return {**super().get_form_kwargs(), "desa": desa, "kabupaten": kode_kabupaten(desa),
                "tahun_pilihan": list(selectors.siklus_kabupaten(user).values_list("tahun_rencana", flat=True)),
                "warga": layanan.desa_operator(user) is None}

    def get_context_data(self, **kwargs):
        return super().get_context_data(peta=_peta(_desa_pengguna(self.request.user)), **kwargs)

    def perform(self, form):
        d = form.cleaned_data
        siklus = _siklus_pengguna(self.request.user, d["tahun"])
        if siklus is None:
            raise ValidationError({"tahun": "Siklus tidak ditemukan."})
        from django.db import transaction

        with transaction.atomic():
            u = layanan.buat_usulan(self.request.user, siklus=siklus, **_data_usulan(d))
            if d.get("foto"):
                layanan.tambah_foto(self.request.user, u, d["foto"])
        return u


class UsulanUbah(ObjectFormView):
    model = Usulan
    form_class = UsulanForm
    template_name = "perencanaan/usulan/form.html"
    success_message = "Usulan disimpan."

    def get_form_kwargs(self):
        u = self.object
        return {**super().get_form_kwargs(), "desa": u.owner_id, "kabupaten": kode_kabupaten(u.owner_id),
                "tahun_pilihan": [], "ubah": True, "warga": layanan.desa_operator(self.request.user) is None}

    def get_initial(self):
        u = self.object
        init = {f: getattr(u, f) for f in layanan.FIELD_USULAN if f not in ("lokasi", "perangkat_daerah")}
        init.update(lokasi=u.lokasi_id, perangkat_daerah=u.perangkat_daerah.kode if u.perangkat_daerah else "")
        return init

    def get_context_data(self, **kwargs):
        return super().get_context_data(peta=_peta(self.object.owner_id, self.object), **kwargs)

    def perform(self, form):
        return layanan.ubah_usulan(self.request.user, self.object, **_data_usulan(form.cleaned_data))


# ---------------------------------------------------------------- actions on a proposal

class _AksiUsulan(ScopedMixin, generic.View):
    """POST only on a proposal in the user's scope; the service decides, errors as messages."""

    model = Usulan
    scope_action = "view"
    http_method_names = ["post"]
    pesan = ""

    def jalankan(self, u):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        u = self.get_object()
        try:
            self.jalankan(u)
        except (ValidationError, PermissionDenied) as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, self.pesan)
        return HttpResponseRedirect(u.get_absolute_url())


class UsulanDukung(_AksiUsulan):
    pesan = "Terima kasih, dukungan Anda tercatat."

    def jalankan(self, u):
        layanan.dukung(self.request.user, u, komentar=self.request.POST.get("komentar", ""))


class UsulanBatalDukung(_AksiUsulan):
    pesan = "Dukungan Anda dibatalkan."

    def jalankan(self, u):
        layanan.batal_dukung(self.request.user, u)


class UsulanTarik(_AksiUsulan):
    scope_action = "change"
    pesan = "Usulan ditarik."

    def jalankan(self, u):
        layanan.tarik_usulan(self.request.user, u)


class UsulanFotoTambah(_AksiUsulan):
    scope_action = "change"
    pesan = "Foto ditambahkan."

    def post(self, request, *args, **kwargs):
        u = self.get_object()
        form = FotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                layanan.tambah_foto(request.user, u, form.cleaned_data["foto"], form.cleaned_data["keterangan"])
            except (ValidationError, PermissionDenied) as exc:
                _pesan_galat(request, exc)
            else:
                messages.success(request, self.pesan)
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return HttpResponseRedirect(u.get_absolute_url())


class UsulanDukunganKertas(ObjectFormView):
    model = Usulan
    form_class = DukunganKertasForm
    template_name = "perencanaan/usulan/form_kecil.html"
    success_message = "Dukungan tertulis dicatat."

    def get_initial(self):
        return {"jumlah": self.object.dukungan_kertas, "catatan": self.object.dukungan_kertas_catatan}

    def perform(self, form):
        return layanan.catat_dukungan_kertas(self.request.user, self.object, **form.cleaned_data)


# ---------------------------------------------------------------- the village's ranking

class _PeringkatMixin(ScopedMixin):
    """The user's village and the village stage of the chosen cycle (?tahun=, else the latest)."""

    model = Usulan

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.desa = layanan.desa_operator(request.user)
            if self.desa is None:
                raise PermissionDenied("Halaman peringkat hanya untuk perangkat desa.")
            self.siklus = _siklus_pengguna(request.user, request.POST.get("tahun") or request.GET.get("tahun"))
            self.tahap = selectors.tahap_jenis(self.siklus, JenisTahap.DESA) if self.siklus else None
            if self.tahap is None:
                raise Http404("Belum ada tahap Musrenbang Desa untuk siklus ini.")
        return super().dispatch(request, *args, **kwargs)


class PeringkatDesa(_PeringkatMixin, generic.TemplateView):
    """Score each proposal 1-5 per criterion, revise volume/cost, decide, override the rank;
    the ranked list with score, supports and cumulative cost against the village's ceiling."""

    template_name = "perencanaan/usulan/peringkat.html"

    def baris(self, form_gagal=None):
        tahap, desa = self.tahap, self.desa
        kriteria = selectors.kriteria(tahap)
        usulan = list(self.get_queryset().filter(pk__in=selectors.usulan_di_tahap(tahap, desa).values("pk"))
                      .order_by("created_at"))
        revisi = {r.usulan_id: r for r in RevisiUsulan.objects.filter(tahap=tahap, owner_id=desa,
                                                                      usulan__in=[u.pk for u in usulan])}
        pagu = selectors.pagu_untuk(self.siklus, desa, "desa")
        aktif = [(u, revisi[u.pk]) for u in usulan if u.pk in revisi and revisi[u.pk].keputusan == Keputusan.DIUSULKAN]
        hasil = {h.id: h for h in peringkat.hitung(
            [peringkat.Butir(id=r.pk, biaya=r.perkiraan_biaya, nilai=r.nilai, dukungan=u.dukungan,
                             peringkat_manual=r.peringkat_manual, alasan_manual=r.alasan_manual) for u, r in aktif],
            [peringkat.Kriteria(k.kode, k.bobot) for k in kriteria], pagu)}
        rows = []
        for u in usulan:
            r = revisi.get(u.pk)
            if form_gagal is not None and form_gagal.prefix == f"u{u.pk.hex}":
                form = form_gagal
            else:
                init = {"volume": u.volume, "perkiraan_biaya": u.perkiraan_biaya, "keputusan": Keputusan.DIUSULKAN}
                if r:
                    init = {"volume": r.volume, "perkiraan_biaya": r.perkiraan_biaya, "keputusan": r.keputusan,
                            "alasan": r.alasan, "peringkat_manual": r.peringkat_manual,
                            "alasan_manual": r.alasan_manual, **{f"nilai_{k}": v for k, v in r.nilai.items()}}
                form = NilaiForm(initial=init, kriteria=kriteria, prefix=f"u{u.pk.hex}")
            rows.append({"usulan": u, "revisi": r, "hasil": hasil.get(r.pk) if r else None, "form": form})
        rows.sort(key=lambda x: (x["hasil"].peringkat if x["hasil"] else 10**6, x["usulan"].created_at))
        return rows, kriteria, pagu

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows, kriteria, pagu = self.baris(kwargs.get("form_gagal"))
        daftar = DaftarUsulan.objects.filter(tahap=self.tahap, wilayah_id=self.desa).first()
        ctx.update(rows=rows, kriteria=kriteria, pagu=pagu, siklus=self.siklus, tahap=self.tahap,
                   status=status_tahap(self.tahap), daftar=daftar,
                   total_masuk=sum((x["revisi"].perkiraan_biaya for x in rows
                                    if x["hasil"] and x["hasil"].masuk_pagu), 0),
                   tahun_pilihan=list(selectors.siklus_kabupaten(self.request.user)
                                      .values_list("tahun_rencana", flat=True)))
        return ctx

    def post(self, request, *args, **kwargs):
        u = restrict(Usulan.objects.all(), request.user, "change").filter(
            pk=request.POST.get("usulan") or None, owner_id=self.desa).first() if _uuid(request.POST.get("usulan")) \
            else None
        if u is None:
            raise Http404("Usulan tidak ditemukan.")
        form = NilaiForm(request.POST, kriteria=selectors.kriteria(self.tahap), prefix=f"u{u.pk.hex}")
        if form.is_valid():
            try:
                layanan.nilai_desa(request.user, u, self.tahap, **form.data_layanan())
            except ValidationError as exc:
                apply_service_errors(exc, form, aliases={"nilai": "__all__", "digabung_ke": "__all__"})
            except PermissionDenied:
                form.add_error(None, "Data ini di luar cakupan Anda; tidak ada yang disimpan.")
            else:
                messages.success(request, f"Penilaian {u.kode} disimpan; peringkat dihitung ulang.")
                return HttpResponseRedirect(f"{reverse('perencanaan:peringkat_desa')}?tahun="
                                            f"{self.siklus.tahun_rencana}#u{u.pk.hex}")
        messages.error(request, f"Penilaian {u.kode} belum tersimpan; periksa isian yang ditandai.")
        return self.render_to_response(self.get_context_data(form_gagal=form))


def _uuid(nilai) -> bool:
    import uuid

    try:
        uuid.UUID(str(nilai))
    except ValueError:
        return False
    return True


class KirimDesa(_PeringkatMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            daftar = layanan.kirim_desa(request.user, self.tahap)
        except (ValidationError, PermissionDenied) as exc:
            _pesan_galat(request, exc)
        else:
            messages.success(request, f"Daftar usulan dikirim ke kecamatan: {daftar.jumlah_usulan} usulan.")
        return HttpResponseRedirect(f"{reverse('perencanaan:peringkat_desa')}?tahun={self.siklus.tahun_rencana}")
