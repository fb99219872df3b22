"""The Musrenbang cycle, written by the kabupaten (Bappeda, regency admin): a cycle per plan year
with its five stages (default dates in the year before the plan year, editable but in order),
the scoring criteria of each ranking stage (default four, weights 1-10), the indicative
ceilings (pagu) per village and kecamatan (one by one or from a CSV/XLSX file), and opening or
closing a stage by hand. Every write checks the user's grant with `ensure_allowed`."""
from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.akun.scope import ensure_allowed, memberships
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Wilayah

from .izin import PERENCANA_KAB
from .models import (
    JenisTahap,
    KriteriaPenilaian,
    ModeTahap,
    PaguIndikatif,
    SiklusMusrenbang,
    TahapMusrenbang,
)

# (jenis, (month, day) start, (month, day) end) in the year before the plan year.
TAHAP_BAWAAN = [
    (JenisTahap.DESA, (1, 2), (1, 31)),
    (JenisTahap.KECAMATAN, (2, 1), (2, 20)),
    (JenisTahap.FORUM_PD, (2, 21), (3, 10)),
    (JenisTahap.KABUPATEN, (3, 11), (3, 31)),
    (JenisTahap.RKPD, (4, 1), (5, 31)),
]
# Stages where proposals are scored and ranked.
TAHAP_BERPERINGKAT = (JenisTahap.DESA, JenisTahap.KECAMATAN, JenisTahap.FORUM_PD, JenisTahap.KABUPATEN)
KRITERIA_BAWAAN = [
    ("urgensi", "Urgensi", Decimal(3), "5 = sangat mendesak, 1 = bisa ditunda."),
    ("penerima_manfaat", "Jumlah penerima manfaat", Decimal(2), "5 = sangat banyak warga terlayani, 1 = sedikit."),
    ("tingkat_kebutuhan", "Tingkat kerusakan / kebutuhan", Decimal(2), "5 = rusak berat / sangat dibutuhkan."),
    ("efisiensi_biaya", "Biaya / efisiensi", Decimal(1), "5 = biaya kecil untuk manfaat besar."),
]
MAKS_BARIS_IMPOR = 2000


def kabupaten_perencana(user) -> str:
    """The kabupaten the user plans for (Bappeda or regency admin); ValidationError if none."""
    for m in memberships(user):
        if m.peran in PERENCANA_KAB:
            return kode_kabupaten(m.wilayah_id)
    raise ValidationError("Hanya Bappeda atau admin kabupaten yang dapat mengatur siklus Musrenbang.")


def _angka(nilai, field: str, label: str, minimum: Decimal = Decimal(0)) -> Decimal:
    try:
        d = Decimal(str(nilai).strip().replace(" ", "")) if nilai not in (None, "") else Decimal(0)
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"{label} harus berupa angka."}) from None
    if not d.is_finite() or d < minimum:
        raise ValidationError({field: f"{label} tidak boleh kurang dari {minimum}."})
    return d.quantize(Decimal(1))


def _tanggal(tahun: int, bulan_hari: tuple[int, int]) -> datetime.date:
    return datetime.date(tahun, *bulan_hari)


@transaction.atomic
def buat_siklus(user, *, tahun_rencana, nama: str = "", keterangan: str = "", pagu_desa_bawaan=0,
                pagu_kecamatan_bawaan=0) -> SiklusMusrenbang:
    """A new cycle with the five default stages and the default criteria of each ranking stage."""
    kab = kabupaten_perencana(user)
    try:
        tahun = int(tahun_rencana)
    except (TypeError, ValueError):
        raise ValidationError({"tahun_rencana": "Tahun rencana harus berupa tahun, mis. 2027."}) from None
    if not 2020 <= tahun <= 2100:
        raise ValidationError({"tahun_rencana": "Tahun rencana harus antara 2020 dan 2100."})
    if SiklusMusrenbang.objects.filter(owner_id=kab, tahun_rencana=tahun).exists():
        raise ValidationError({"tahun_rencana": f"Siklus Musrenbang untuk tahun rencana {tahun} sudah ada."})
    siklus = SiklusMusrenbang.objects.create(
        owner_id=kab, tahun_rencana=tahun, nama=(nama or "").strip() or f"Musrenbang RKPD {tahun}",
        keterangan=(keterangan or "").strip(),
        pagu_desa_bawaan=_angka(pagu_desa_bawaan, "pagu_desa_bawaan", "Pagu desa bawaan"),
        pagu_kecamatan_bawaan=_angka(pagu_kecamatan_bawaan, "pagu_kecamatan_bawaan", "Pagu kecamatan bawaan"))
    ensure_allowed(user, "add", siklus)
    for urutan, (jenis, mulai, selesai) in enumerate(TAHAP_BAWAAN, start=1):
        tahap = TahapMusrenbang.objects.create(
            siklus=siklus, jenis=jenis, urutan=urutan, mulai=_tanggal(tahun - 1, mulai),
            selesai=_tanggal(tahun - 1, selesai), usulan_warga=jenis == JenisTahap.DESA, owner_id=kab)
        if jenis in TAHAP_BERPERINGKAT:
            KriteriaPenilaian.objects.bulk_create([
                KriteriaPenilaian(tahap=tahap, kode=kode, nama=n, bobot=bobot, keterangan=ket, urutan=i, owner_id=kab)
                for i, (kode, n, bobot, ket) in enumerate(KRITERIA_BAWAAN, start=1)])
    return siklus


@transaction.atomic
def ubah_siklus(user, siklus: SiklusMusrenbang, *, nama: str, keterangan: str = "", pagu_desa_bawaan=0,
                pagu_kecamatan_bawaan=0) -> SiklusMusrenbang:
    ensure_allowed(user, "change", siklus)
    siklus.nama = (nama or "").strip()
    if not siklus.nama:
        raise ValidationError({"nama": "Nama siklus wajib diisi."})
    siklus.keterangan = (keterangan or "").strip()
    siklus.pagu_desa_bawaan = _angka(pagu_desa_bawaan, "pagu_desa_bawaan", "Pagu desa bawaan")
    siklus.pagu_kecamatan_bawaan = _angka(pagu_kecamatan_bawaan, "pagu_kecamatan_bawaan", "Pagu kecamatan bawaan")
    siklus.save()
    return siklus


def periksa_urutan(tahap: TahapMusrenbang, mulai: datetime.date, selesai: datetime.date) -> None:
    """A stage's dates: start before end, not before the previous stage's, not after the next's."""
    if mulai is None:
        raise ValidationError({"mulai": "Tanggal mulai wajib diisi."})
    if selesai is None:
        raise ValidationError({"selesai": "Tanggal selesai wajib diisi."})
    if selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    lain = TahapMusrenbang.objects.filter(siklus_id=tahap.siklus_id).exclude(pk=tahap.pk)
    for t in lain.filter(urutan__lt=tahap.urutan):
        if mulai < t.mulai or selesai < t.selesai:
            raise ValidationError({"mulai": f"Jadwal tidak boleh mendahului tahap sebelumnya ({t.get_jenis_display()}: "
                                            f"{t.mulai:%d-%m-%Y} s.d. {t.selesai:%d-%m-%Y})."})
    for t in lain.filter(urutan__gt=tahap.urutan):
        if mulai > t.mulai or selesai > t.selesai:
            raise ValidationError({"selesai": f"Jadwal tidak boleh melewati tahap sesudahnya ({t.get_jenis_display()}: "
                                              f"{t.mulai:%d-%m-%Y} s.d. {t.selesai:%d-%m-%Y})."})


@transaction.atomic
def ubah_tahap(user, tahap: TahapMusrenbang, *, mulai, selesai, usulan_warga: bool | None = None,
               nomor_penetapan: str | None = None, tanggal_penetapan=None) -> TahapMusrenbang:
    ensure_allowed(user, "change", tahap)
    periksa_urutan(tahap, mulai, selesai)
    tahap.mulai, tahap.selesai = mulai, selesai
    if usulan_warga is not None:
        if usulan_warga and tahap.jenis != JenisTahap.DESA:
            raise ValidationError({"usulan_warga": "Usulan dan dukungan warga hanya dibuka pada tahap desa."})
        tahap.usulan_warga = bool(usulan_warga)
    if nomor_penetapan is not None:
        tahap.nomor_penetapan = nomor_penetapan.strip()
    if tanggal_penetapan is not None or nomor_penetapan is not None:
        tahap.tanggal_penetapan = tanggal_penetapan
    tahap.save()
    return tahap


@transaction.atomic
def atur_mode(user, tahap: TahapMusrenbang, mode: str) -> TahapMusrenbang:
    """Open (`buka`), close (`tutup`) or return the stage to its schedule (`jadwal`)."""
    if mode not in ModeTahap.values:
        raise ValidationError({"mode": "Pilihan pembukaan tahap tidak dikenal."})
    ensure_allowed(user, "change", tahap)
    tahap.mode = mode
    tahap.save()
    return tahap


def _periksa_kriteria(tahap, kode, nama, bobot, kecuali=None) -> tuple[str, str, Decimal]:
    if tahap.jenis not in TAHAP_BERPERINGKAT:
        raise ValidationError("Tahap penetapan RKPD tidak memakai kriteria penilaian.")
    kode = (kode or "").strip().lower()
    nama = (nama or "").strip()
    if not kode or not all(c.isalnum() or c in "_-" for c in kode):
        raise ValidationError({"kode": "Kode kriteria wajib diisi: huruf kecil, angka, '-' atau '_'."})
    if not nama:
        raise ValidationError({"nama": "Nama kriteria wajib diisi."})
    try:
        b = Decimal(str(bobot))
    except (InvalidOperation, ValueError):
        raise ValidationError({"bobot": "Bobot harus berupa angka 1 sampai 10."}) from None
    if not b.is_finite() or not Decimal(1) <= b <= Decimal(10):
        raise ValidationError({"bobot": "Bobot harus antara 1 dan 10."})
    dupe = KriteriaPenilaian.objects.filter(tahap=tahap, kode=kode)
    if kecuali is not None:
        dupe = dupe.exclude(pk=kecuali.pk)
    if dupe.exists():
        raise ValidationError({"kode": f"Kode kriteria '{kode}' sudah dipakai pada tahap ini."})
    return kode, nama, b


def _kriteria_boleh_diubah(tahap: TahapMusrenbang) -> None:
    from .tahap import status_tahap

    if status_tahap(tahap).kode == "tutup":
        raise ValidationError("Tahap ini sudah ditutup: kriteria penilaiannya tidak dapat diubah lagi.")


@transaction.atomic
def simpan_kriteria(user, *, tahap: TahapMusrenbang, kriteria: KriteriaPenilaian | None = None, kode: str,
                    nama: str, bobot, keterangan: str = "", urutan: int = 0) -> KriteriaPenilaian:
    _kriteria_boleh_diubah(tahap)
    kode, nama, b = _periksa_kriteria(tahap, kode, nama, bobot, kecuali=kriteria)
    k = kriteria or KriteriaPenilaian(tahap=tahap, owner_id=tahap.owner_id)
    k.kode, k.nama, k.bobot, k.keterangan, k.urutan = kode, nama, b, (keterangan or "").strip(), int(urutan or 0)
    k.save()
    ensure_allowed(user, "change" if kriteria else "add", k)
    return k


@transaction.atomic
def hapus_kriteria(user, kriteria: KriteriaPenilaian) -> None:
    _kriteria_boleh_diubah(kriteria.tahap)
    ensure_allowed(user, "delete", kriteria)
    kriteria.delete()


def _wilayah_pagu(siklus: SiklusMusrenbang, kode: str, field: str = "wilayah") -> Wilayah:
    kode = (kode or "").strip()
    w = Wilayah.objects.filter(kode=kode).first()
    if w is None or not kode.startswith(siklus.owner_id + "."):
        raise ValidationError({field: f"Kode wilayah '{kode}' tidak ada di kabupaten ini."})
    if w.tingkat not in ("desa", "desa_adat", "kelurahan", "kecamatan"):
        raise ValidationError({field: f"'{kode}' bukan desa/kelurahan atau kecamatan."})
    return w


@transaction.atomic
def simpan_pagu(user, *, siklus: SiklusMusrenbang, wilayah: str, jumlah, keterangan: str = "") -> PaguIndikatif:
    """Set (create or replace) the ceiling of one village or kecamatan in the cycle."""
    w = _wilayah_pagu(siklus, wilayah)
    nilai = _angka(jumlah, "jumlah", "Pagu indikatif")
    p = PaguIndikatif.objects.filter(siklus=siklus, wilayah=w).first() or PaguIndikatif(
        siklus=siklus, wilayah=w, owner_id=siklus.owner_id)
    p.jumlah, p.keterangan = nilai, (keterangan or "").strip()[:200]
    p.save()
    ensure_allowed(user, "change", p)
    return p


def _baris_berkas(data: bytes, nama: str) -> list[list[str]]:
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 (any broken workbook is the same answer to the user)
            raise ValidationError({"berkas": f"Berkas \"{nama}\" bukan berkas Excel (.xlsx) yang dapat dibaca."}) from None
        rows = []
        for r in wb.worksheets[0].iter_rows(values_only=True):
            rows.append(["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                         for v in r])
            if len(rows) > MAKS_BARIS_IMPOR + 1:
                break
        return rows
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"berkas": f"Berkas \"{nama}\" bukan CSV (UTF-8) atau Excel (.xlsx)."}) from None
    contoh = teks[:2000]
    pemisah = ";" if contoh.count(";") > contoh.count(",") else ","
    return list(csv.reader(io.StringIO(teks), delimiter=pemisah))


def impor_pagu(user, *, siklus: SiklusMusrenbang, berkas) -> int:
    """Set ceilings from a CSV or XLSX file: columns kode, jumlah and optionally keterangan (a
    header row is recognised). All or nothing: every bad row is reported as "Baris n: ..."."""
    if berkas is None:
        raise ValidationError({"berkas": "Pilih berkas CSV atau XLSX."})
    nama = getattr(berkas, "name", "berkas")
    if (getattr(berkas, "size", 0) or 0) > 2 * 1024 * 1024:
        raise ValidationError({"berkas": "Berkas pagu paling besar 2 MB."})
    berkas.seek(0)
    rows = _baris_berkas(berkas.read(), nama)
    if rows and rows[0] and rows[0][0].strip().lower() in ("kode", "kode wilayah", "kode_wilayah"):
        rows = rows[1:]
    rows = [(i, r) for i, r in enumerate(rows, start=2 if rows else 1) if any((c or "").strip() for c in r)]
    if not rows:
        raise ValidationError({"berkas": "Berkas tidak berisi baris pagu (kolom: kode, jumlah, keterangan)."})
    if len(rows) > MAKS_BARIS_IMPOR:
        raise ValidationError({"berkas": f"Paling banyak {MAKS_BARIS_IMPOR} baris per impor."})
    galat, bersih, dilihat = [], [], set()
    for no, r in rows:
        r = [*(c or "" for c in r), "", "", ""]
        try:
            w = _wilayah_pagu(siklus, r[0])
            jumlah = _angka(r[1].replace(".", "") if r[1].count(".") > 1 else r[1], "jumlah", "Jumlah pagu")
        except ValidationError as exc:
            galat.append(f"Baris {no}: {' '.join(exc.messages)}")
            continue
        if w.kode in dilihat:
            galat.append(f"Baris {no}: kode {w.kode} muncul lebih dari sekali.")
            continue
        dilihat.add(w.kode)
        bersih.append((w.kode, jumlah, r[2].strip()))
    if galat:
        raise ValidationError({"berkas": galat[:50]})
    with transaction.atomic():
        for kode, jumlah, ket in bersih:
            simpan_pagu(user, siklus=siklus, wilayah=kode, jumlah=jumlah, keterangan=ket)
    return len(bersih)
