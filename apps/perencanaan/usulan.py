"""Proposals at the village stage, written by the village (DESIGN.md invariant 3): the operator
drafts, edits, withdraws proposals and records paper supports; residents (role warga, linked to
a living Penduduk of that village) submit ideas and support proposals online while the stage
allows it; the village sends its ranked list to the kecamatan (`kirim_desa`). Every write checks
the village stage is open (`tahap.wajib_terbuka`) and the user's grant (`ensure_allowed`)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import FileResponse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.roles import PERAN_DESA_PENGELOLA, PERAN_KECAMATAN
from apps.akun.scope import ensure_allowed, memberships
from apps.dokumen import metadata
from apps.kependudukan.models import Penduduk
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import UnitKerja, Wilayah

from . import penilaian, selectors
from .models import (
    DaftarUsulan,
    DukunganUsulan,
    FotoUsulan,
    JenisTahap,
    JenisUsulan,
    Keputusan,
    PengusulJenis,
    RevisiUsulan,
    SiklusMusrenbang,
    StatusDaftar,
    StatusUsulan,
    SumberDana,
    TahapMusrenbang,
    Urusan,
    Usulan,
)
from .tahap import status_tahap, wajib_terbuka

HIDUP = 1
# Seruyan's bounding box (from /work/shared/data/seruyan_boundaries.geojson), with a margin.
BBOX_SERUYAN = (Decimal("-3.60"), Decimal("-0.65"), Decimal("111.40"), Decimal("112.90"))  # lat min/max, lng min/max
MAKS_FOTO = 5
MAKS_FOTO_BYTE = 5 * 1024 * 1024
JENIS_FOTO = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
STATUS_BISA_DIUBAH = (StatusUsulan.IDE, StatusUsulan.DRAF)
FIELD_USULAN = ("nama_kegiatan", "jenis", "uraian", "output", "lokasi", "lokasi_keterangan", "lat", "lng", "volume",
                "satuan", "target", "jumlah_penerima", "perkiraan_biaya", "sumber_dana", "urusan", "perangkat_daerah",
                "pengusul_jenis", "pengusul_nama", "swadaya", "swadaya_nilai")


# ---------------------------------------------------------------- who acts

def desa_operator(user) -> str | None:
    """The village the user administers (village government roles), or None."""
    return next((m.wilayah_id for m in memberships(user) if m.peran in PERAN_DESA_PENGELOLA), None)


def penduduk_warga(user, desa: str | None = None) -> Penduduk | None:
    """The living resident linked to this account and registered in `desa` (any village if None)."""
    if not any(m.peran == "warga" for m in memberships(user)):
        return None
    qs = Penduduk.objects.filter(akun=user, status_dasar=HIDUP)
    if desa:
        qs = qs.filter(owner_id=desa)
    return qs.first()


def tahap_desa(siklus: SiklusMusrenbang) -> TahapMusrenbang:
    t = selectors.tahap_jenis(siklus, JenisTahap.DESA)
    if t is None:
        raise ValidationError("Siklus ini belum punya tahap Musrenbang Desa.")
    return t


def _wajib_warga_terbuka(tahap: TahapMusrenbang) -> None:
    wajib_terbuka(tahap)
    if not tahap.usulan_warga:
        raise ValidationError("Usulan dan dukungan daring warga tidak dibuka pada siklus ini.")


# ---------------------------------------------------------------- checking the fields

def _desimal(nilai, field: str, label: str, minimum: Decimal = Decimal(0), wajib: bool = True) -> Decimal | None:
    if nilai in (None, ""):
        if wajib:
            raise ValidationError({field: f"{label} wajib diisi."})
        return None
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"{label} harus berupa angka."}) from None
    if not d.is_finite() or d < minimum:
        raise ValidationError({field: f"{label} tidak boleh kurang dari {minimum}."})
    return d


def _bersihkan(data: dict, desa: str, kab: str) -> dict:
    """Check and normalise the fields of a proposal; ValidationError naming the field."""
    d = {k: data[k] for k in FIELD_USULAN if k in data}
    for f in ("nama_kegiatan", "uraian", "output", "lokasi_keterangan", "satuan", "target", "pengusul_nama", "swadaya"):
        if f in d:
            d[f] = (d[f] or "").strip()
    if "nama_kegiatan" in d and len(d["nama_kegiatan"]) < 5:
        raise ValidationError({"nama_kegiatan": "Nama kegiatan wajib diisi (minimal 5 karakter)."})
    if "jenis" in d and d["jenis"] not in JenisUsulan.values:
        raise ValidationError({"jenis": "Pilih jenis usulan: fisik atau non-fisik."})
    if "lokasi" in d:
        lok = d["lokasi"]
        kode = lok.kode if isinstance(lok, Wilayah) else str(lok or "")
        w = Wilayah.objects.filter(kode=kode).first() if kode else None
        if w is None or not (kode == desa or kode.startswith(desa + ".")):
            raise ValidationError({"lokasi": "Pilih lokasi (dusun/RW/RT) di wilayah desa ini."})
        d["lokasi"] = w
    for f, label, i in (("lat", "Lintang", 0), ("lng", "Bujur", 2)):
        if f in d:
            v = _desimal(d[f], f, label, minimum=Decimal(-180), wajib=False)
            if v is not None:
                v = v.quantize(Decimal("0.000001"))
                if not BBOX_SERUYAN[i] <= v <= BBOX_SERUYAN[i + 1]:
                    raise ValidationError({f: f"{label} berada di luar wilayah Kabupaten Seruyan; klik titik lokasi "
                                              f"pada peta desa."})
            d[f] = v
    if ("lat" in d) != ("lng" in d) or (d.get("lat") is None) != (d.get("lng") is None):
        raise ValidationError({"lat": "Isi lintang dan bujur bersama-sama (klik titik pada peta), atau kosongkan keduanya."})
    if "volume" in d:
        d["volume"] = _desimal(d["volume"], "volume", "Volume", Decimal("0.01"))
    if "satuan" in d and not d["satuan"]:
        raise ValidationError({"satuan": "Satuan wajib diisi (mis. meter, unit, paket)."})
    if "perkiraan_biaya" in d:
        d["perkiraan_biaya"] = _desimal(d["perkiraan_biaya"], "perkiraan_biaya", "Perkiraan biaya").quantize(Decimal(1))
    if "swadaya_nilai" in d:
        d["swadaya_nilai"] = (_desimal(d["swadaya_nilai"], "swadaya_nilai", "Nilai swadaya", wajib=False)
                              or Decimal(0)).quantize(Decimal(1))
    if "jumlah_penerima" in d:
        try:
            d["jumlah_penerima"] = int(d["jumlah_penerima"] or 0)
        except (TypeError, ValueError):
            raise ValidationError({"jumlah_penerima": "Jumlah penerima manfaat harus bilangan bulat."}) from None
        if d["jumlah_penerima"] < 0:
            raise ValidationError({"jumlah_penerima": "Jumlah penerima manfaat tidak boleh negatif."})
    if "sumber_dana" in d and d["sumber_dana"] not in SumberDana.values:
        raise ValidationError({"sumber_dana": "Sumber dana tidak dikenal."})
    if "urusan" in d and d["urusan"] not in Urusan.values:
        raise ValidationError({"urusan": "Pilih bidang urusan."})
    if "pengusul_jenis" in d and d["pengusul_jenis"] not in PengusulJenis.values:
        raise ValidationError({"pengusul_jenis": "Jenis pengusul tidak dikenal."})
    if "pengusul_nama" in d and not d["pengusul_nama"]:
        raise ValidationError({"pengusul_nama": "Nama pengusul wajib diisi."})
    if "perangkat_daerah" in d:
        pd = d["perangkat_daerah"]
        if pd not in (None, ""):
            if not isinstance(pd, UnitKerja):
                pd = UnitKerja.objects.filter(kode=str(pd)).first()
            if pd is None or pd.jenis != "pd" or kode_kabupaten(pd.wilayah_id) != kab:
                raise ValidationError({"perangkat_daerah": "Pilih perangkat daerah kabupaten ini."})
        d["perangkat_daerah"] = pd or None
    return d


WAJIB_BARU = ("nama_kegiatan", "lokasi", "volume", "satuan", "perkiraan_biaya", "urusan")


def _kode_baru(siklus: SiklusMusrenbang, desa: str) -> str:
    awalan = f"MR{siklus.tahun_rencana % 100:02d}-{desa.rsplit('.', 1)[-1]}-"
    terakhir = (Usulan.objects.filter(kode__startswith=awalan).order_by("-kode").values_list("kode", flat=True)
                .first())
    n = int(terakhir.rsplit("-", 1)[-1]) + 1 if terakhir else 1
    return f"{awalan}{n:04d}"


def _simpan_baru(u: Usulan) -> Usulan:
    """Insert with a fresh public code; two villages' operators racing for the same number
    retry (the code is unique in the database)."""
    for _ in range(5):
        u.kode = _kode_baru(u.siklus, u.owner_id)
        try:
            with transaction.atomic():
                u.save()
            return u
        except IntegrityError:
            if Usulan.objects.filter(kode=u.kode).exists():
                continue
            raise
    raise ValidationError("Kode usulan sedang dipakai bersamaan; silakan simpan sekali lagi.")


# ---------------------------------------------------------------- proposals

@transaction.atomic
def buat_usulan(user, *, siklus: SiklusMusrenbang, **data) -> Usulan:
    """A proposal by the village government (status draf) or a resident's idea (status ide)."""
    desa = desa_operator(user)
    warga = None
    if desa is None:
        warga = penduduk_warga(user)
        if warga is None:
            raise ValidationError("Hanya perangkat desa atau warga terdaftar yang hidup di desa ini yang dapat "
                                  "mengusulkan.")
        desa = warga.owner_id
    if kode_kabupaten(desa) != siklus.owner_id:
        raise ValidationError("Siklus ini bukan siklus kabupaten desa Anda.")
    tahap = tahap_desa(siklus)
    if warga is not None:
        _wajib_warga_terbuka(tahap)
        data["pengusul_nama"] = (data.get("pengusul_nama") or "").strip() or warga.nama
        data["pengusul_jenis"] = PengusulJenis.WARGA
    else:
        wajib_terbuka(tahap)
    for f in WAJIB_BARU:
        if data.get(f) in (None, ""):
            label = Usulan._meta.get_field(f).verbose_name
            raise ValidationError({f: f"{label[:1].upper()}{label[1:]} wajib diisi."})
    d = _bersihkan(data, desa, siklus.owner_id)
    u = Usulan(siklus=siklus, owner_id=desa, status=StatusUsulan.IDE if warga else StatusUsulan.DRAF,
               pengusul_akun=user if warga else None, **d)
    _simpan_baru(u)
    ensure_allowed(user, "add", u)
    return u


def _boleh_ubah(user, u: Usulan) -> None:
    wajib_terbuka(tahap_desa(u.siklus))
    if u.status not in STATUS_BISA_DIUBAH:
        raise ValidationError(f"Usulan berstatus \"{u.get_status_display()}\" tidak dapat diubah lagi.")
    if desa_operator(user) != u.owner_id:
        if u.status != StatusUsulan.IDE or u.pengusul_akun_id != user.pk:
            raise ValidationError("Hanya pengusul yang dapat mengubah idenya selama belum dibahas desa.")
        _wajib_warga_terbuka(tahap_desa(u.siklus))


@transaction.atomic
def ubah_usulan(user, usulan: Usulan, **data) -> Usulan:
    """Edit a proposal still at the village (idea or draft). When the village government edits
    a resident's idea it is taken up for discussion (status draf)."""
    u = Usulan.objects.select_for_update().get(pk=usulan.pk)
    ensure_allowed(user, "change", u)
    _boleh_ubah(user, u)
    if desa_operator(user) != u.owner_id:
        data.pop("pengusul_jenis", None)
    d = _bersihkan(data, u.owner_id, u.siklus.owner_id)
    for k, v in d.items():
        setattr(u, k, v)
    if desa_operator(user) == u.owner_id and u.status == StatusUsulan.IDE:
        u.status = StatusUsulan.DRAF
    u.save()
    ensure_allowed(user, "change", u)
    return u


@transaction.atomic
def tarik_usulan(user, usulan: Usulan) -> Usulan:
    """The proposer (or the village on their behalf) withdraws a proposal not yet sent."""
    u = Usulan.objects.select_for_update().get(pk=usulan.pk)
    ensure_allowed(user, "change", u)
    _boleh_ubah(user, u)
    u.status = StatusUsulan.DITARIK
    u.save()
    tahap = tahap_desa(u.siklus)
    if RevisiUsulan.objects.filter(usulan=u, tahap=tahap).exists():
        penilaian.hitung_ulang(tahap, u.owner_id)
    return u


def periksa_foto(berkas) -> tuple[bytes, str]:
    """(bytes, content type) of an uploaded photo: JPEG, PNG or WebP read from its bytes, without
    its metadata (EXIF GPS, owner, device serial; apps.dokumen.metadata); unreadable is refused."""
    if berkas is None:
        raise ValidationError({"foto": "Pilih foto yang akan diunggah."})
    ukuran = getattr(berkas, "size", 0) or 0
    nama = getattr(berkas, "name", "foto")
    if ukuran <= 0:
        raise ValidationError({"foto": f"Foto \"{nama}\" kosong."})
    if ukuran > MAKS_FOTO_BYTE:
        raise ValidationError({"foto": f"Foto \"{nama}\" terlalu besar ({ukuran / 1048576:.1f} MB); paling besar 5 MB."})
    berkas.seek(0)
    data = berkas.read()
    mime = metadata.jenis(data)
    if mime is None:
        raise ValidationError({"foto": f"Foto \"{nama}\" bukan JPG, PNG atau WebP (isi berkas diperiksa, bukan namanya)."})
    try:
        return metadata.bersihkan(data), mime
    except metadata.GambarRusak as exc:
        raise ValidationError({"foto": f"Foto \"{nama}\" tidak dapat dibaca ({exc}); unggah ulang foto aslinya."}) from exc


@transaction.atomic
def tambah_foto(user, usulan: Usulan, berkas, keterangan: str = "") -> FotoUsulan:
    data, mime = periksa_foto(berkas)
    u = Usulan.objects.select_for_update().get(pk=usulan.pk)
    _boleh_ubah(user, u)
    if FotoUsulan.objects.filter(usulan=u).count() >= MAKS_FOTO:
        raise ValidationError({"foto": f"Paling banyak {MAKS_FOTO} foto per usulan."})
    f = FotoUsulan(usulan=u, jenis_mime=mime, keterangan=(keterangan or "").strip()[:200], owner_id=u.owner_id)
    f.berkas.save(f"x.{JENIS_FOTO[mime]}", ContentFile(data), save=False)
    f.save()
    ensure_allowed(user, "add", f)
    return f


def respons_foto(foto: FotoUsulan) -> FileResponse:
    """A photo inline (only ever an image type sniffed at upload), with nosniff and a sandbox."""
    if foto.jenis_mime not in JENIS_FOTO:
        resp = FileResponse(foto.berkas.open("rb"), as_attachment=True, filename="foto.bin",
                            content_type="application/octet-stream")
    else:
        resp = FileResponse(foto.berkas.open("rb"), as_attachment=False,
                            filename=f"foto-{foto.usulan.kode}.{JENIS_FOTO[foto.jenis_mime]}",
                            content_type=foto.jenis_mime)
    resp["X-Content-Type-Options"] = "nosniff"
    resp["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return resp


# ---------------------------------------------------------------- supports

def _urut_ulang_jika_dinilai(u: Usulan) -> None:
    tahap = tahap_desa(u.siklus)
    if RevisiUsulan.objects.filter(usulan=u, tahap=tahap).exists():
        penilaian.hitung_ulang(tahap, u.owner_id)


@transaction.atomic
def dukung(user, usulan: Usulan, komentar: str = "") -> DukunganUsulan:
    """One online support of a living resident of the proposal's village (once per person)."""
    warga = penduduk_warga(user, usulan.owner_id)
    if warga is None:
        raise ValidationError("Hanya warga terdaftar yang hidup di desa ini yang dapat mendukung usulan.")
    _wajib_warga_terbuka(tahap_desa(usulan.siklus))
    if usulan.status not in STATUS_BISA_DIUBAH:
        raise ValidationError("Usulan ini tidak lagi menerima dukungan.")
    komentar = (komentar or "").strip()
    if len(komentar) > 200:
        raise ValidationError({"komentar": "Alasan mendukung paling panjang 200 karakter."})
    if DukunganUsulan.objects.filter(usulan=usulan, penduduk=warga).exists():
        raise ValidationError("Anda sudah mendukung usulan ini.")
    d = DukunganUsulan(usulan=usulan, penduduk=warga, komentar=komentar, owner_id=usulan.owner_id)
    try:
        with transaction.atomic():
            d.save()
    except IntegrityError:
        raise ValidationError("Anda sudah mendukung usulan ini.") from None
    Usulan.objects.filter(pk=usulan.pk).update(dukungan_daring=F("dukungan_daring") + 1)
    ensure_allowed(user, "add", d)
    _urut_ulang_jika_dinilai(usulan)
    return d


@transaction.atomic
def batal_dukung(user, usulan: Usulan) -> None:
    warga = penduduk_warga(user, usulan.owner_id)
    d = DukunganUsulan.objects.filter(usulan=usulan, penduduk=warga).first() if warga else None
    if d is None:
        raise ValidationError("Anda belum mendukung usulan ini.")
    _wajib_warga_terbuka(tahap_desa(usulan.siklus))
    ensure_allowed(user, "delete", d)
    d.delete()
    Usulan.objects.filter(pk=usulan.pk, dukungan_daring__gt=0).update(dukungan_daring=F("dukungan_daring") - 1)
    _urut_ulang_jika_dinilai(usulan)


@transaction.atomic
def catat_dukungan_kertas(user, usulan: Usulan, *, jumlah, catatan: str) -> Usulan:
    """The village records the supports given on paper at its meetings (a count and a note)."""
    u = Usulan.objects.select_for_update().get(pk=usulan.pk)
    if desa_operator(user) != u.owner_id:
        raise ValidationError("Hanya perangkat desa pengusul yang dapat mencatat dukungan tertulis.")
    wajib_terbuka(tahap_desa(u.siklus))
    try:
        n = int(jumlah)
    except (TypeError, ValueError):
        raise ValidationError({"jumlah": "Jumlah dukungan tertulis harus bilangan bulat."}) from None
    if not 0 <= n <= 100_000:
        raise ValidationError({"jumlah": "Jumlah dukungan tertulis harus 0 sampai 100.000."})
    catatan = (catatan or "").strip()
    if len(catatan) < 5:
        raise ValidationError({"catatan": "Tuliskan catatan asal dukungan (mis. daftar hadir rapat dusun 12 Jan)."})
    u.dukungan_kertas, u.dukungan_kertas_catatan = n, catatan[:300]
    u.save()
    ensure_allowed(user, "change", u)
    _urut_ulang_jika_dinilai(u)
    return u


# ---------------------------------------------------------------- the village's ranking and list

def nilai_desa(user, usulan: Usulan, tahap: TahapMusrenbang, **data) -> RevisiUsulan:
    """The village's scores/decision of one of its proposals (through the single writer)."""
    if tahap.jenis != JenisTahap.DESA:
        raise ValidationError("Halaman ini hanya untuk tahap Musrenbang Desa.")
    if usulan.status == StatusUsulan.IDE:
        Usulan.objects.filter(pk=usulan.pk, status=StatusUsulan.IDE).update(status=StatusUsulan.DRAF)
    if usulan.status not in (*STATUS_BISA_DIUBAH, StatusUsulan.DIKIRIM):
        raise ValidationError(f"Usulan berstatus \"{usulan.get_status_display()}\" tidak dinilai.")
    return penilaian.simpan_revisi(user, usulan=usulan, tahap=tahap, **data)


@transaction.atomic
def kirim_desa(user, tahap: TahapMusrenbang) -> DaftarUsulan:
    """Send the village's ranked list to the kecamatan: the list of the stage (status dikirim,
    count and total of the proposals passed on within the ceiling), each proposal's status
    (dikirim / tidak_dikirim) and a notice to the kecamatan staff."""
    if tahap.jenis != JenisTahap.DESA:
        raise ValidationError("Hanya daftar tahap Musrenbang Desa yang dikirim dari halaman ini.")
    desa = desa_operator(user)
    if desa is None:
        raise ValidationError("Hanya perangkat desa yang dapat mengirim daftar usulan desa.")
    wajib_terbuka(tahap)
    revisi = list(RevisiUsulan.objects.filter(tahap=tahap, owner_id=desa, usulan__status__in=selectors.STATUS_DI_DESA)
                  .select_related("usulan"))
    if not any(r.peringkat for r in revisi):
        raise ValidationError("Belum ada usulan yang dinilai dan diberi peringkat; nilai usulan terlebih dahulu.")
    tanpa_nilai = selectors.usulan_di_tahap(tahap, desa).exclude(revisi__tahap=tahap)
    belum = tanpa_nilai.exclude(status=StatusUsulan.IDE).count()
    if belum:
        raise ValidationError(f"Masih ada {belum} usulan yang belum dinilai atau diputuskan desa.")
    for u in tanpa_nilai.filter(status=StatusUsulan.IDE):  # ideas the village did not take up
        u.status = StatusUsulan.TIDAK_DIKIRIM
        u.save()
    lolos = [r for r in revisi if r.keputusan == Keputusan.DIUSULKAN and r.masuk_pagu]
    lolos_ids = {r.usulan_id for r in lolos}
    for r in revisi:
        u = r.usulan
        baru = StatusUsulan.DIKIRIM if u.pk in lolos_ids else StatusUsulan.TIDAK_DIKIRIM
        if u.status != baru:
            u.status = baru
            u.save()
    daftar = DaftarUsulan.objects.filter(tahap=tahap, wilayah_id=desa).first() or DaftarUsulan(
        tahap=tahap, wilayah_id=desa, owner_id=desa)
    daftar.status, daftar.dikirim_pada, daftar.pengirim = StatusDaftar.DIKIRIM, timezone.now(), user
    daftar.jumlah_usulan = len(lolos)
    daftar.total_biaya = sum((r.perkiraan_biaya for r in lolos), Decimal(0))
    daftar.save()
    ensure_allowed(user, "change", daftar)
    kec = desa.rsplit(".", 1)[0]
    staf = Keanggotaan.objects.filter(wilayah_id=kec, aktif=True, peran__in=PERAN_KECAMATAN).values_list(
        "pengguna_id", flat=True)
    nama_desa = Wilayah.objects.filter(kode=desa).values_list("nama", flat=True).first() or desa
    notifikasi.kirim_banyak(list(staf), f"Daftar usulan Musrenbang {nama_desa} dikirim",
                            f"{len(lolos)} usulan, total Rp{int(daftar.total_biaya):,}".replace(",", "."),
                            "/perencanaan/usulan/")
    return daftar


def ringkasan_biaya(tahap: TahapMusrenbang, desa: str) -> Decimal:
    return (RevisiUsulan.objects.filter(tahap=tahap, owner_id=desa, masuk_pagu=True, keputusan=Keputusan.DIUSULKAN)
            .aggregate(s=Sum("perkiraan_biaya"))["s"] or Decimal(0))


def status_tahap_desa(siklus: SiklusMusrenbang):
    t = selectors.tahap_jenis(siklus, JenisTahap.DESA)
    return t, (status_tahap(t) if t else None)
