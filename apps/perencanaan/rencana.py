"""Village plans (Permendagri 114/2014): the RPJM Desa (6 years, or 8 under UU 3/2024) with its
activity lines, the yearly RKP Desa drawn from it, setting either by Perdes, and the reads that
print them (the Permendagri matrix grouped per bidang with totals, and the "Daftar Usulan RKP
Desa" the village sends to the regency).

Rules kept here (models.py: a village writes its own plans):
- an RPJMDes runs `lama_tahun` = 6 or 8 years and does not overlap another of the village;
- an RKPDes year lies inside its RPJMDes period; one RKPDes per village per year;
- every RKPDes line traces to a line of the same plan scheduled for that year;
- a plan set by Perdes is read-only, lines included.

Every write checks the acting user's scope (`ensure_allowed`, inside the transaction); a
refusal is a ValidationError in Bahasa Indonesia keyed by the field at fault."""
from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from apps.akun.scope import ensure_allowed, restrict
from apps.wilayah.kode import kode_kabupaten

from . import kode_apbdes, selectors
from .models import (
    KegiatanRKPDes,
    KegiatanRPJMDes,
    PolaPelaksanaan,
    RKPDes,
    RPJMDes,
    StatusRencana,
    StatusUsulan,
    SumberDana,
    Usulan,
)

LAMA_BOLEH = (6, 8)
TAHUN_MIN, TAHUN_MAKS = 2000, 2100


def _tolak(field_: str, pesan: str):
    raise ValidationError({field_: pesan})


def _nama_rencana(rencana) -> str:
    return "RPJM Desa" if isinstance(rencana, RPJMDes) else "RKP Desa"


def wajib_draf(rencana) -> None:
    """A plan set by Perdes is read-only: every edit of it or its lines is refused."""
    if rencana.status == StatusRencana.DITETAPKAN:
        nomor = f" nomor {rencana.nomor_perdes}" if rencana.nomor_perdes else ""
        _tolak("status", f"{_nama_rencana(rencana)} ini sudah ditetapkan dengan Perdes{nomor} dan tidak dapat diubah.")


# ---------------------------------------------------------------- field checks

def _teks(galat: dict, data: dict, key: str, label: str, maks: int, wajib: bool = True) -> str:
    nilai = (data.get(key) or "")
    nilai = str(nilai).strip()
    if wajib and not nilai:
        galat[key] = f"Isi {label}."
    elif len(nilai) > maks:
        galat[key] = f"{label.capitalize()} paling panjang {maks} karakter."
    return nilai


def _angka(galat: dict, data: dict, key: str, label: str, *, positif: bool, bulat: bool = False):
    nilai = data.get(key)
    if nilai in (None, ""):
        galat[key] = f"Isi {label}."
        return None
    try:
        d = Decimal(str(nilai).replace(" ", ""))
    except (InvalidOperation, ValueError):
        galat[key] = f"{label.capitalize()} harus berupa angka."
        return None
    if not d.is_finite():
        galat[key] = f"{label.capitalize()} harus berupa angka."
        return None
    if positif and d <= 0:
        galat[key] = f"{label.capitalize()} harus lebih dari 0."
    elif d < 0:
        galat[key] = f"{label.capitalize()} tidak boleh negatif."
    elif bulat and d != d.to_integral_value():
        galat[key] = f"{label.capitalize()} harus bilangan bulat (rupiah tanpa sen)."
    elif d >= Decimal(10) ** (13 if bulat else 10):
        galat[key] = f"{label.capitalize()} terlalu besar."
    return d


def normalkan_kode(kode) -> str:
    """"2.3.12", "02.03.12" or "02.03.12 — Pembangunan ..." (the searchable select) -> "02.03.12"."""
    teks = str(kode or "").strip().split(" ", 1)[0]
    bagian = teks.split(".")
    if len(bagian) != 3 or not all(b.isdigit() and 0 < len(b) <= 2 for b in bagian):
        return teks
    return ".".join(b.zfill(2) for b in bagian)


def nama_bidang(kode: str) -> str:
    return kode_apbdes.BIDANG.get(kode[:2], "")


def pilihan_kegiatan() -> list[tuple[str, str]]:
    """The APBDes kegiatan codes and names, for the searchable select."""
    return list(kode_apbdes.KEGIATAN.items())


def _periksa_kegiatan(data: dict) -> tuple[dict, dict]:
    """The fields shared by RPJMDes and RKPDes lines, checked; (clean data, errors)."""
    galat: dict[str, str] = {}
    bersih: dict = {}
    kode = normalkan_kode(data.get("bidang"))
    if not kode:
        galat["bidang"] = "Pilih kode bidang/kegiatan APBDes."
    elif kode not in kode_apbdes.KEGIATAN:
        galat["bidang"] = f"Kode bidang/kegiatan '{kode}' tidak ada dalam daftar kegiatan APBDes (Permendagri 20/2018)."
    else:
        bersih["bidang"] = kode
        bersih["nama_bidang"] = kode_apbdes.KEGIATAN[kode]
    bersih["kegiatan"] = _teks(galat, data, "kegiatan", "nama kegiatan", 255)
    bersih["lokasi"] = _teks(galat, data, "lokasi", "lokasi", 200)
    bersih["volume"] = _angka(galat, data, "volume", "volume", positif=True)
    bersih["satuan"] = _teks(galat, data, "satuan", "satuan volume", 30)
    bersih["sasaran_manfaat"] = _teks(galat, data, "sasaran_manfaat", "sasaran/manfaat", 255, wajib=False)
    bersih["perkiraan_biaya"] = _angka(galat, data, "perkiraan_biaya", "perkiraan biaya", positif=False, bulat=True)
    sumber = data.get("sumber_dana") or ""
    if sumber not in SumberDana.values:
        galat["sumber_dana"] = "Pilih sumber dana dari daftar."
    bersih["sumber_dana"] = sumber
    pola = data.get("pola_pelaksanaan") or PolaPelaksanaan.SWAKELOLA
    if pola not in PolaPelaksanaan.values:
        galat["pola_pelaksanaan"] = "Pola pelaksanaan harus swakelola, kerja sama antar-desa atau pihak ketiga."
    bersih["pola_pelaksanaan"] = pola
    return bersih, galat


def _tahun(galat: dict, data: dict, key: str, label: str):
    nilai = data.get(key)
    try:
        t = int(nilai)
    except (TypeError, ValueError):
        galat[key] = f"Isi {label} (angka tahun, mis. 2025)."
        return None
    if not TAHUN_MIN <= t <= TAHUN_MAKS:
        galat[key] = f"{label.capitalize()} harus antara {TAHUN_MIN} dan {TAHUN_MAKS}."
        return None
    return t


# ---------------------------------------------------------------- RPJMDes

def _periksa_rpjmdes(data: dict, *, desa: str, kecuali=None) -> dict:
    galat: dict[str, str] = {}
    mulai = _tahun(galat, data, "tahun_mulai", "tahun mulai")
    try:
        lama = int(data.get("lama_tahun") or 0)
    except (TypeError, ValueError):
        lama = 0
    if lama not in LAMA_BOLEH:
        galat["lama_tahun"] = "Lama RPJM Desa harus 6 tahun, atau 8 tahun menurut UU 3/2024."
    visi = _teks(galat, data, "visi", "visi", 2000, wajib=False)
    misi = "\n".join(b.strip() for b in str(data.get("misi") or "").splitlines() if b.strip())
    if len(misi) > 5000:
        galat["misi"] = "Misi paling panjang 5000 karakter."
    if mulai is not None and "lama_tahun" not in galat:
        selesai = mulai + lama - 1
        lain = RPJMDes.objects.filter(owner_id=desa)
        if kecuali is not None:
            lain = lain.exclude(pk=kecuali.pk)
        for r in lain:
            if r.tahun_mulai <= selesai and mulai <= r.tahun_selesai:
                galat["tahun_mulai"] = (f"Periode {mulai}–{selesai} bertumpang tindih dengan {r} desa ini; "
                                        "satu desa hanya memiliki satu RPJM Desa untuk setiap tahun.")
                break
    if galat:
        raise ValidationError(galat)
    return {"tahun_mulai": mulai, "lama_tahun": lama, "visi": visi, "misi": misi}


@transaction.atomic
def buat_rpjmdes(user, *, desa: str, **data) -> RPJMDes:
    """A new draft RPJMDes of village `desa` (a wilayah code in the user's scope)."""
    bersih = _periksa_rpjmdes(data, desa=desa)
    rpjm = RPJMDes(owner_id=desa, **bersih)
    rpjm.save()
    ensure_allowed(user, "add", rpjm)
    return rpjm


@transaction.atomic
def ubah_rpjmdes(user, rpjm: RPJMDes, **data) -> RPJMDes:
    ensure_allowed(user, "change", rpjm)
    wajib_draf(rpjm)
    bersih = _periksa_rpjmdes(data, desa=rpjm.owner_id, kecuali=rpjm)
    awal, akhir = bersih["tahun_mulai"], bersih["tahun_mulai"] + bersih["lama_tahun"] - 1
    galat = {}
    for k in rpjm.kegiatan.all():
        luar = [t for t in k.tahun_pelaksanaan if not awal <= t <= akhir]
        if luar:
            galat["tahun_mulai"] = (f"Kegiatan '{k.kegiatan}' dijadwalkan tahun {', '.join(map(str, luar))}, di luar "
                                    f"periode baru {awal}–{akhir}; ubah jadwal kegiatannya dulu.")
            break
    rkp_luar = rpjm.rkpdes.exclude(tahun__gte=awal, tahun__lte=akhir).values_list("tahun", flat=True).first()
    if rkp_luar is not None:
        galat["tahun_mulai"] = f"RKP Desa {rkp_luar} sudah disusun dari RPJM Desa ini, di luar periode baru {awal}–{akhir}."
    if galat:
        raise ValidationError(galat)
    for k, v in bersih.items():
        setattr(rpjm, k, v)
    rpjm.save()
    return rpjm


def _periksa_tahun_pelaksanaan(rpjm: RPJMDes, nilai) -> list[int]:
    if isinstance(nilai, (str, int)):
        nilai = [nilai]
    try:
        tahun = sorted({int(t) for t in (nilai or [])})
    except (TypeError, ValueError):
        _tolak("tahun_pelaksanaan", "Tahun pelaksanaan harus berupa angka tahun.")
    if not tahun:
        _tolak("tahun_pelaksanaan", "Pilih sedikitnya satu tahun pelaksanaan.")
    luar = [t for t in tahun if not rpjm.tahun_mulai <= t <= rpjm.tahun_selesai]
    if luar:
        _tolak("tahun_pelaksanaan", f"Tahun pelaksanaan {', '.join(map(str, luar))} di luar periode RPJM Desa "
                                    f"{rpjm.tahun_mulai}–{rpjm.tahun_selesai}.")
    return tahun


def _bersih_rpjm(rpjm: RPJMDes, data: dict) -> dict:
    bersih, galat = _periksa_kegiatan(data)
    try:
        bersih["tahun_pelaksanaan"] = _periksa_tahun_pelaksanaan(rpjm, data.get("tahun_pelaksanaan"))
    except ValidationError as exc:
        galat.update({k: v[0] for k, v in exc.message_dict.items()})
    if galat:
        raise ValidationError(galat)
    return bersih


@transaction.atomic
def tambah_kegiatan_rpjmdes(user, rpjm: RPJMDes, **data) -> KegiatanRPJMDes:
    ensure_allowed(user, "change", rpjm)
    wajib_draf(rpjm)
    bersih = _bersih_rpjm(rpjm, data)
    urutan = (rpjm.kegiatan.aggregate(m=Max("urutan"))["m"] or 0) + 1
    k = KegiatanRPJMDes(rpjmdes=rpjm, owner_id=rpjm.owner_id, urutan=urutan, **bersih)
    k.save()
    ensure_allowed(user, "add", k)
    return k


@transaction.atomic
def ubah_kegiatan_rpjmdes(user, k: KegiatanRPJMDes, **data) -> KegiatanRPJMDes:
    ensure_allowed(user, "change", k)
    rpjm = k.rpjmdes
    wajib_draf(rpjm)
    bersih = _bersih_rpjm(rpjm, data)
    dipakai = sorted(set(k.kegiatan_rkpdes.values_list("rkpdes__tahun", flat=True)) - set(bersih["tahun_pelaksanaan"]))
    if dipakai:
        _tolak("tahun_pelaksanaan", f"Kegiatan ini sudah masuk RKP Desa tahun {', '.join(map(str, dipakai))}; "
                                    "tahun itu tidak dapat dihapus dari jadwalnya.")
    for key, v in bersih.items():
        setattr(k, key, v)
    k.save()
    return k


@transaction.atomic
def hapus_kegiatan_rpjmdes(user, k: KegiatanRPJMDes) -> None:
    ensure_allowed(user, "delete", k)
    wajib_draf(k.rpjmdes)
    tahun = sorted(set(k.kegiatan_rkpdes.values_list("rkpdes__tahun", flat=True)))
    if tahun:
        _tolak("kegiatan", f"Kegiatan ini sudah masuk RKP Desa tahun {', '.join(map(str, tahun))} dan tidak dapat dihapus.")
    k.delete()


# ---------------------------------------------------------------- RKPDes

def _periksa_rkpdes(data: dict, *, rpjm, desa: str, kecuali=None) -> dict:
    galat: dict[str, str] = {}
    tahun = _tahun(galat, data, "tahun", "tahun RKP Desa")
    if rpjm is None or rpjm.owner_id != desa:
        galat["rpjmdes"] = "Pilih RPJM Desa milik desa ini."
    elif tahun is not None and not rpjm.tahun_mulai <= tahun <= rpjm.tahun_selesai:
        galat["tahun"] = f"Tahun {tahun} di luar periode {rpjm} ({rpjm.tahun_mulai}–{rpjm.tahun_selesai})."
    elif tahun is not None:
        ada = RKPDes.objects.filter(owner_id=desa, tahun=tahun)
        if kecuali is not None:
            ada = ada.exclude(pk=kecuali.pk)
        if ada.exists():
            galat["tahun"] = f"Desa ini sudah memiliki RKP Desa tahun {tahun}; satu desa satu RKP Desa per tahun."
    musdes = data.get("tanggal_musdes")
    if musdes not in (None, "") and not isinstance(musdes, datetime.date):
        galat["tanggal_musdes"] = "Tanggal Musyawarah Desa tidak valid."
    elif isinstance(musdes, datetime.date) and musdes > timezone.localdate():
        galat["tanggal_musdes"] = "Tanggal Musyawarah Desa tidak boleh di masa depan."
    if galat:
        raise ValidationError(galat)
    return {"tahun": tahun, "rpjmdes": rpjm, "tanggal_musdes": musdes or None}


@transaction.atomic
def buat_rkpdes(user, *, rpjmdes: RPJMDes | None, **data) -> RKPDes:
    """A new draft RKPDes of the village that owns `rpjmdes`, for a year inside its period."""
    if rpjmdes is None:
        _tolak("rpjmdes", "Pilih RPJM Desa yang menjadi dasar RKP Desa.")
    ensure_allowed(user, "view", rpjmdes)
    bersih = _periksa_rkpdes(data, rpjm=rpjmdes, desa=rpjmdes.owner_id)
    rkp = RKPDes(owner_id=rpjmdes.owner_id, **bersih)
    rkp.save()
    ensure_allowed(user, "add", rkp)
    return rkp


@transaction.atomic
def ubah_rkpdes(user, rkp: RKPDes, **data) -> RKPDes:
    ensure_allowed(user, "change", rkp)
    wajib_draf(rkp)
    bersih = _periksa_rkpdes(data, rpjm=rkp.rpjmdes, desa=rkp.owner_id, kecuali=rkp)
    if bersih["tahun"] != rkp.tahun and rkp.kegiatan.exists():
        _tolak("tahun", "Tahun tidak dapat diubah setelah RKP Desa berisi kegiatan; hapus kegiatannya dulu.")
    rkp.tahun, rkp.tanggal_musdes = bersih["tahun"], bersih["tanggal_musdes"]
    rkp.save()
    return rkp


def kegiatan_rpjm_untuk(rkp: RKPDes) -> QuerySet:
    """The RPJMDes lines an RKPDes line may trace to: same plan, scheduled for its year."""
    qs = KegiatanRPJMDes.objects.filter(rpjmdes_id=rkp.rpjmdes_id, owner_id=rkp.owner_id)
    ids = [pk for pk, tahun in qs.values_list("pk", "tahun_pelaksanaan") if rkp.tahun in (tahun or [])]
    return qs.filter(pk__in=ids).order_by("bidang", "urutan")


def _bersih_rkp(rkp: RKPDes, data: dict) -> dict:
    bersih, galat = _periksa_kegiatan(data)
    asal = data.get("kegiatan_rpjmdes")
    if asal is None or asal == "":
        galat["kegiatan_rpjmdes"] = "Pilih kegiatan RPJM Desa yang dilaksanakan."
    else:
        asal_pk = getattr(asal, "pk", asal)
        try:
            asal = kegiatan_rpjm_untuk(rkp).filter(pk=asal_pk).first()
        except (ValidationError, ValueError):
            asal = None
        if asal is None:
            galat["kegiatan_rpjmdes"] = (f"Kegiatan harus berasal dari {rkp.rpjmdes} desa ini yang dijadwalkan "
                                         f"tahun {rkp.tahun}.")
        bersih["kegiatan_rpjmdes"] = asal
    bersih["waktu_pelaksanaan"] = _teks(galat, data, "waktu_pelaksanaan", "waktu pelaksanaan", 60)
    bersih["pelaksana"] = _teks(galat, data, "pelaksana", "pelaksana kegiatan", 120)
    penerima = data.get("jumlah_penerima")
    if penerima in (None, ""):
        bersih["jumlah_penerima"] = None
    else:
        try:
            bersih["jumlah_penerima"] = int(penerima)
            if bersih["jumlah_penerima"] < 0 or bersih["jumlah_penerima"] > 10_000_000:
                raise ValueError
        except (TypeError, ValueError):
            galat["jumlah_penerima"] = "Jumlah penerima manfaat harus bilangan bulat 0 atau lebih."
    if galat:
        raise ValidationError(galat)
    return bersih


@transaction.atomic
def tambah_kegiatan_rkpdes(user, rkp: RKPDes, **data) -> KegiatanRKPDes:
    ensure_allowed(user, "change", rkp)
    wajib_draf(rkp)
    bersih = _bersih_rkp(rkp, data)
    urutan = (rkp.kegiatan.aggregate(m=Max("urutan"))["m"] or 0) + 1
    k = KegiatanRKPDes(rkpdes=rkp, owner_id=rkp.owner_id, urutan=urutan, **bersih)
    k.save()
    ensure_allowed(user, "add", k)
    return k


@transaction.atomic
def ubah_kegiatan_rkpdes(user, k: KegiatanRKPDes, **data) -> KegiatanRKPDes:
    ensure_allowed(user, "change", k)
    wajib_draf(k.rkpdes)
    bersih = _bersih_rkp(k.rkpdes, data)
    for key, v in bersih.items():
        setattr(k, key, v)
    k.save()
    return k


@transaction.atomic
def hapus_kegiatan_rkpdes(user, k: KegiatanRKPDes) -> None:
    ensure_allowed(user, "delete", k)
    wajib_draf(k.rkpdes)
    k.delete()


@transaction.atomic
def ambil_dari_rpjm(user, rkp: RKPDes) -> list[KegiatanRKPDes]:
    """Draft lines for every RPJMDes line scheduled for the RKPDes year that has none yet:
    the figures copied; the cost split evenly over the line's scheduled years; time and
    executor left for the village to adjust ("12 bulan", "TPK")."""
    ensure_allowed(user, "change", rkp)
    wajib_draf(rkp)
    sudah = set(rkp.kegiatan.values_list("kegiatan_rpjmdes_id", flat=True))
    urutan = rkp.kegiatan.aggregate(m=Max("urutan"))["m"] or 0
    baru = []
    for asal in kegiatan_rpjm_untuk(rkp):
        if asal.pk in sudah:
            continue
        urutan += 1
        n = max(len(asal.tahun_pelaksanaan or []), 1)
        k = KegiatanRKPDes(
            rkpdes=rkp, owner_id=rkp.owner_id, kegiatan_rpjmdes=asal, urutan=urutan, bidang=asal.bidang,
            nama_bidang=asal.nama_bidang, kegiatan=asal.kegiatan, lokasi=asal.lokasi, volume=asal.volume / n,
            satuan=asal.satuan, sasaran_manfaat=asal.sasaran_manfaat,
            perkiraan_biaya=(asal.perkiraan_biaya / n).quantize(Decimal(1)), sumber_dana=asal.sumber_dana,
            pola_pelaksanaan=asal.pola_pelaksanaan, waktu_pelaksanaan="12 bulan", pelaksana="TPK")
        k.save()
        ensure_allowed(user, "add", k)
        baru.append(k)
    if not baru:
        _tolak("kegiatan", f"Tidak ada kegiatan RPJM Desa tahun {rkp.tahun} yang belum masuk RKP Desa ini.")
    return baru


# ---------------------------------------------------------------- setting by Perdes

@transaction.atomic
def tetapkan(user, rencana: RPJMDes | RKPDes, nomor_perdes: str, tanggal_perdes) -> RPJMDes | RKPDes:
    """draf -> ditetapkan, with the number and date of the Perdes; the plan is read-only after."""
    ensure_allowed(user, "change", rencana)
    wajib_draf(rencana)
    galat: dict[str, str] = {}
    nomor = (nomor_perdes or "").strip()
    if not nomor:
        galat["nomor_perdes"] = "Isi nomor Peraturan Desa penetapan."
    elif len(nomor) > 60:
        galat["nomor_perdes"] = "Nomor Perdes paling panjang 60 karakter."
    if isinstance(tanggal_perdes, datetime.datetime):
        tanggal_perdes = tanggal_perdes.date()
    if not isinstance(tanggal_perdes, datetime.date):
        galat["tanggal_perdes"] = "Isi tanggal Peraturan Desa penetapan."
    elif tanggal_perdes > timezone.localdate():
        galat["tanggal_perdes"] = "Tanggal Perdes tidak boleh di masa depan."
    if not rencana.kegiatan.exists():
        galat["__all__"] = f"{_nama_rencana(rencana)} belum berisi kegiatan; tambahkan kegiatan sebelum ditetapkan."
    if isinstance(rencana, RKPDes) and rencana.rpjmdes.status != StatusRencana.DITETAPKAN:
        galat["__all__"] = f"{rencana.rpjmdes} harus ditetapkan dengan Perdes lebih dulu."
    if galat:
        raise ValidationError(galat)
    rencana.status, rencana.nomor_perdes, rencana.tanggal_perdes = StatusRencana.DITETAPKAN, nomor, tanggal_perdes
    rencana.save()
    return rencana


# ---------------------------------------------------------------- reads: the matrix

@dataclass
class KelompokBidang:
    kode: str
    nama: str
    baris: list = field(default_factory=list)
    jumlah: Decimal = Decimal(0)


@dataclass
class Matriks:
    kelompok: list[KelompokBidang]
    jumlah: Decimal
    per_sumber: list[tuple[str, Decimal]]


def matriks(kegiatan) -> Matriks:
    """Lines grouped by bidang (first code segment), in code order, with totals per bidang,
    overall and per funding source."""
    grup: OrderedDict[str, KelompokBidang] = OrderedDict()
    sumber: dict[str, Decimal] = {}
    for k in sorted(kegiatan, key=lambda x: (x.bidang, x.urutan)):
        kode = k.bidang[:2]
        g = grup.get(kode)
        if g is None:
            g = grup[kode] = KelompokBidang(kode=kode, nama=nama_bidang(k.bidang) or f"Bidang {kode}")
        g.baris.append(k)
        g.jumlah += k.perkiraan_biaya
        sumber[k.sumber_dana] = sumber.get(k.sumber_dana, Decimal(0)) + k.perkiraan_biaya
    label = dict(SumberDana.choices)
    return Matriks(kelompok=list(grup.values()), jumlah=sum((g.jumlah for g in grup.values()), Decimal(0)),
                   per_sumber=[(label.get(s, s), v) for s, v in sorted(sumber.items(), key=lambda x: -x[1])])


def pilihan_desa(user, action: str = "view") -> list[tuple[str, str]]:
    """The villages whose plans the user may see (or write, action="add")."""
    from apps.kependudukan.selectors import pilihan_desa as _pilihan

    return _pilihan(user, RPJMDes, action)


def rpjmdes_desa(user, desa: str | None) -> QuerySet:
    qs = restrict(RPJMDes.objects.all(), user, "view")
    return qs.filter(owner_id=desa) if desa else qs.none()


def rkpdes_desa(user, desa: str | None) -> QuerySet:
    qs = restrict(RKPDes.objects.select_related("rpjmdes"), user, "view")
    return qs.filter(owner_id=desa) if desa else qs.none()


def usulan_dikirim(user, desa: str) -> tuple:
    """(cycle, the village's proposals of the regency's current cycle sent up), scoped."""
    siklus = selectors.siklus_terkini(kode_kabupaten(desa))
    if siklus is None:
        return None, []
    qs = restrict(Usulan.objects.filter(siklus=siklus, owner_id=desa, status=StatusUsulan.DIKIRIM), user, "view")
    return siklus, list(qs.select_related("perangkat_daerah", "lokasi").order_by("created_at"))


def tanggal_panjang(d: datetime.date | None) -> str:
    return date_format(d, "j F Y") if d else ""
