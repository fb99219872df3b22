"""Pages of the later Musrenbang stages: the stages a user acts at, the list before their office
at one stage (score, revise, map, decide, merge, re-rank), sending the list on, setting the
RKPD, and editing one stage record. Stages are kabupaten reference data read through
`berjenjang.tahap_kabupaten` (another regency's stage: 404); writes go through berjenjang.py."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views import generic

from apps.akun.formulir import apply_service_errors
from apps.akun.viewmixins import ObjectFormView, ScopedMixin
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import UnitKerja, Wilayah

from .. import berjenjang, selectors
from ..forms_tahap import GabungForm, KirimForm, PutusanForm, TetapkanForm
from ..models import JenisTahap, Keputusan, RevisiUsulan, TahapMusrenbang, Urusan, Usulan
from ..tahap import status_tahap

PER_HALAMAN = 50


class _Opsi:
    """The <option>s of one <select> for every row of a page, rendered once per selected value
    (a page of 50 rows × 40 agencies is 2,000 options: a template loop per row was most of the
    page's time)."""

    def __init__(self, pilihan, kosong: str = "—"):
        self.pilihan = [(str(v), str(label)) for v, label in pilihan]
        self.kosong = kosong
        self._cache: dict[str, str] = {}

    def __call__(self, terpilih) -> str:
        kunci = "" if terpilih is None else str(terpilih)
        if kunci not in self._cache:
            self._cache[kunci] = format_html('<option value="">{}</option>', self.kosong) + format_html_join(
                "", '<option value="{}"{}>{}</option>',
                ((v, mark_safe(" selected") if v == kunci else "", label) for v, label in self.pilihan))
        return self._cache[kunci]


def _jalankan(form, fungsi, aliases=None):
    """Runs a service for a bound form: its result, or None with the errors on the form."""
    if not form.is_valid():
        return None
    try:
        return fungsi(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(exc, form, aliases=aliases or {})
    except PermissionDenied:
        form.add_error(None, "Data ini di luar cakupan Anda; tidak ada yang disimpan.")
    return None


def _pd_qs(kab: str):
    return UnitKerja.objects.filter(jenis="pd", wilayah_id=kab).order_by("nama")


class TahapScopedMixin(ScopedMixin):
    """A stage of the user's regency named by `pk` (else 404), and the office they act for."""

    model = TahapMusrenbang

    def get_queryset(self):
        return berjenjang.tahap_kabupaten(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
            self.kantor = berjenjang.kantor_pengguna(request.user, self.object)
            if self.kantor is None or self.object.jenis == JenisTahap.DESA:
                raise PermissionDenied("Anda tidak bertugas di kantor yang membahas usulan pada tahap ini.")
        return super().dispatch(request, *args, **kwargs)


class TahapDaftar(ScopedMixin, generic.TemplateView):
    """The later stages of the regency's cycle at which the user acts for an office."""

    model = TahapMusrenbang
    template_name = "perencanaan/tahap/daftar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["baris"] = [(t, k, status_tahap(t)) for t, k in berjenjang.tahap_untuk(self.request.user)]
        return ctx


class TahapKerja(TahapScopedMixin, generic.TemplateView):
    """The list before the user's office at a stage, filterable by village, urusan and agency;
    each row carries the previous stage's figures and this stage's record, with a form to
    score, revise, map and decide. Below: merging duplicates and re-ranking."""

    template_name = "perencanaan/tahap/kerja.html"

    def filter_params(self):
        g = self.request.GET
        return {"desa": g.get("desa", "").strip()[:20], "urusan": g.get("urusan", "").strip()[:20],
                "pd": g.get("pd", "").strip()[:40]}

    def get_context_data(self, form_gabung=None, form_error=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        t, k = self.object, self.kantor
        f = self.filter_params()
        try:
            hal = max(1, int(self.request.GET.get("hal", "1")))
        except ValueError:
            hal = 1
        h = berjenjang.halaman_kerja(t, k, hal=hal, per=PER_HALAMAN, **f)
        halaman = h.baris
        # The filter offers every village under the office (one query, whatever the list's size).
        nama_desa = dict(Wilayah.objects.filter(kode__startswith=k.kode + ".", tingkat__in=("desa", "kelurahan"))
                         .values_list("kode", "nama"))
        kriteria = selectors.kriteria(t)
        kab = t.siklus.owner_id
        pilihan_pd = list(_pd_qs(kab).values_list("pk", "nama"))
        opsi_pd, opsi_nilai = _Opsi(pilihan_pd), _Opsi((i, i) for i in range(1, 6))
        for b in halaman:
            b.nama_desa = nama_desa.get(b.usulan.owner_id, b.usulan.owner_id)
            nilai = (b.ini.nilai if b.ini else None) or {}
            b.nilai_list = [(kr, opsi_nilai(nilai.get(kr.kode))) for kr in kriteria]
            b.opsi_pd = opsi_pd(getattr(b.aktif, "perangkat_daerah_id", None))
        params = self.request.GET.copy()
        params.pop("hal", None)
        st = status_tahap(t)
        ctx.update(
            tahap=t, kantor=k, status=st, baris=halaman, ringkasan=h.ringkasan, kriteria=kriteria,
            filter=f, pilihan_desa=sorted(nama_desa.items(), key=lambda x: x[1]), pilihan_urusan=Urusan.choices,
            pilihan_pd=pilihan_pd, keputusan=Keputusan.choices,
            hal=hal, ada_berikut=h.ada_berikut, query_params=params.urlencode(),
            form_gabung=form_gabung or GabungForm(), form_error=form_error,
            pagu=selectors.pagu_untuk(t.siklus, k.kode, "kecamatan") if t.jenis == JenisTahap.KECAMATAN else None,
            boleh_ubah=st.terbuka, forum_pd=t.jenis == JenisTahap.FORUM_PD, rkpd=t.jenis == JenisTahap.RKPD,
            boleh_kirim=st.terbuka and not (t.jenis == JenisTahap.FORUM_PD and k.unit_pd is not None),
            form_tetapkan=TetapkanForm() if t.jenis == JenisTahap.RKPD else None,
        )
        return ctx

    def _usulan(self, pk) -> Usulan | None:
        if not pk:
            return None
        return selectors.usulan_di_tahap(self.object, self.kantor.kode, self.kantor.unit_pd).filter(pk=pk).first() \
            if _uuid(pk) else None

    def _usulan_kode(self, kode: str) -> Usulan | None:
        kode = (kode or "").strip().upper()
        return selectors.usulan_di_tahap(self.object, self.kantor.kode, self.kantor.unit_pd).filter(
            kode=kode).first() if kode else None

    def post(self, request, *args, **kwargs):
        aksi = request.POST.get("aksi")
        t = self.object
        kembali = f"{reverse('perencanaan:tahap_kerja', args=[t.pk])}?{request.GET.urlencode()}"
        if aksi == "gabung":
            form = GabungForm(request.POST)
            hasil = _jalankan(form, lambda d: berjenjang.gabungkan(
                request.user, tahap=t, usulan=self._usulan_kode(d["usulan"]) or _tolak("usulan"),
                tujuan=self._usulan_kode(d["tujuan"]) or _tolak("tujuan"), alasan=d["alasan"]))
            if hasil is None:
                return self.render_to_response(self.get_context_data(form_gabung=form))
            messages.success(request, f"Usulan {hasil.usulan.kode} digabung ke {hasil.digabung_ke.kode}.")
            return HttpResponseRedirect(kembali)
        if aksi == "hitung":
            try:
                n = berjenjang.hitung_ulang(request.user, t)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"Peringkat dihitung ulang: {n} usulan diteruskan.")
            return HttpResponseRedirect(kembali)
        # One proposal's decision.
        usulan = self._usulan(request.POST.get("usulan"))
        if usulan is None:
            messages.error(request, "Usulan tidak ada dalam daftar kantor Anda pada tahap ini.")
            return HttpResponseRedirect(kembali)
        form = PutusanForm(request.POST, kriteria=selectors.kriteria(t), pd_qs=_pd_qs(t.siklus.owner_id))
        hasil = _jalankan(form, lambda d: berjenjang.putuskan(request.user, tahap=t, usulan=usulan,
                                                              **form.data_layanan()))
        if hasil is None:
            galat = "; ".join(f"{form.fields[n].label if n in form.fields else ''} {' '.join(e)}".strip()
                              for n, e in form.errors.items())
            messages.error(request, f"Usulan {usulan.kode} tidak disimpan: {galat}")
            return HttpResponseRedirect(kembali)
        messages.success(request, f"Usulan {usulan.kode} disimpan: {hasil.get_keputusan_display()}"
                                  f"{f', peringkat {hasil.peringkat}' if hasil.peringkat else ''}.")
        return HttpResponseRedirect(kembali)


def _uuid(v) -> bool:
    import uuid

    try:
        uuid.UUID(str(v))
    except ValueError:
        return False
    return True


def _tolak(field):
    raise ValidationError({field: "Usulan tidak ada dalam daftar kantor Anda pada tahap ini."})


class TahapKirim(TahapScopedMixin, generic.FormView):
    """Close and send the office's list at this stage (the RKPD stage: set it with the Perbup)."""

    template_name = "perencanaan/tahap/kirim.html"

    def get_form_class(self):
        return TetapkanForm if self.object.jenis == JenisTahap.RKPD else KirimForm

    def get_context_data(self, **kwargs):
        ringkas = berjenjang.halaman_kerja(self.object, self.kantor, per=1).ringkasan
        return super().get_context_data(tahap=self.object, kantor=self.kantor, ringkasan=ringkas,
                                        status=status_tahap(self.object), **kwargs)

    def form_valid(self, form):
        t, user = self.object, self.request.user
        if t.jenis == JenisTahap.RKPD:
            hasil = _jalankan(form, lambda d: berjenjang.tetapkan_rkpd(user, t, nomor=d["nomor_penetapan"],
                                                                       tanggal=d["tanggal_penetapan"]))
            pesan = "Daftar RKPD ditetapkan dan dikunci."
        else:
            hasil = _jalankan(form, lambda d: berjenjang.kirim_tahap(user, t, d["catatan"]))
            pesan = "Daftar usulan dikirim ke tahap berikutnya."
        if hasil is None:
            return self.form_invalid(form)
        messages.success(self.request, pesan)
        return HttpResponseRedirect(reverse("perencanaan:tahap_kerja", args=[t.pk]))


class RevisiUbah(ObjectFormView):
    """Edit one stage record of the user's office (scope: change)."""

    model = RevisiUsulan
    form_class = PutusanForm
    template_name = "perencanaan/tahap/revisi_form.html"

    def base_queryset(self):
        return RevisiUsulan.objects.select_related("usulan", "tahap__siklus", "perangkat_daerah")

    def get_form_kwargs(self):
        r = self.object
        kw = super().get_form_kwargs()
        kw.update(kriteria=selectors.kriteria(r.tahap), pd_qs=_pd_qs(kode_kabupaten(r.owner_id)))
        if self.request.method == "GET":
            kw["initial"] = {"volume": r.volume, "satuan": r.satuan, "perkiraan_biaya": r.perkiraan_biaya,
                             "target": r.target, "perangkat_daerah": r.perangkat_daerah_id, "program": r.program,
                             "keputusan": r.keputusan, "alasan": r.alasan,
                             **{f"nilai_{k}": v for k, v in (r.nilai or {}).items()}}
        return kw

    def get_context_data(self, **kwargs):
        return generic.FormView.get_context_data(self, object=self.object, batal_href=reverse(
            "perencanaan:tahap_kerja", args=[self.object.tahap_id]), **kwargs)

    def perform(self, form):
        return berjenjang.putuskan(self.request.user, tahap=self.object.tahap, usulan=self.object.usulan,
                                   **form.data_layanan())

    def get_success_url(self, result):
        return reverse("perencanaan:tahap_kerja", args=[result.tahap_id])
