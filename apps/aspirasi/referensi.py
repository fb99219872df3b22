"""The kabupaten's reference data of the aspiration area, written by its admin: categories
with their routing, service levels, and the holiday calendar (`wilayah.HariLibur`)."""
from __future__ import annotations

import csv
import datetime
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.akun.scope import covers
from apps.sinkron import journal
from apps.wilayah.models import HariLibur, UnitKerja

from .models import AturanSla, KategoriAspirasi, TingkatPenanganan


def _wajib_admin(pengguna, model, kab: str, field_: str) -> None:
    if not kab or not covers(pengguna, "change", model, kab):
        raise ValidationError({field_: "Hanya admin kabupaten yang dapat mengubah data ini."})


def simpan_kategori(pengguna, kab: str, data: dict, kategori: KategoriAspirasi | None = None) -> KategoriAspirasi:
    _wajib_admin(pengguna, KategoriAspirasi, kab, "kode")
    if data.get("tingkat") not in TingkatPenanganan.values:
        raise ValidationError({"tingkat": "Pilih tingkat penanganan."})
    unit = None
    if data.get("unit_tujuan"):
        unit = UnitKerja.objects.filter(pk=data["unit_tujuan"], wilayah_id=kab).first()
        if unit is None:
            raise ValidationError({"unit_tujuan": "Perangkat daerah tujuan harus unit di kabupaten ini."})
    if data["tingkat"] == TingkatPenanganan.KABUPATEN and unit is None:
        raise ValidationError({"unit_tujuan": "Kategori tingkat kabupaten memerlukan perangkat daerah tujuan."})
    dupe = KategoriAspirasi.objects.filter(owner_id=kab, kode=data["kode"])
    if kategori is not None:
        dupe = dupe.exclude(pk=kategori.pk)
    if dupe.exists():
        raise ValidationError({"kode": "Kode kategori sudah dipakai."})
    with transaction.atomic():
        journal.begin()
        k = kategori or KategoriAspirasi(owner_id=kab)
        k.kode, k.nama, k.keterangan = data["kode"], data["nama"].strip(), (data.get("keterangan") or "").strip()
        k.tingkat, k.unit_tujuan, k.sla = data["tingkat"], unit, data["sla"]
        k.urutan, k.aktif = data.get("urutan") or 0, bool(data.get("aktif"))
        k.save()
    return k


def simpan_aturan(pengguna, kab: str, kode: str, hari_kerja: int, dasar: str = "") -> AturanSla:
    _wajib_admin(pengguna, AturanSla, kab, "kode")
    if kode not in dict(AturanSla.KODE):
        raise ValidationError({"kode": "Aturan tidak dikenal."})
    if not isinstance(hari_kerja, int) or not 1 <= hari_kerja <= 365:
        raise ValidationError({"hari_kerja": "Batas harus 1 sampai 365 hari kerja."})
    with transaction.atomic():
        journal.begin()
        a = AturanSla.objects.filter(owner_id=kab, kode=kode).first() or AturanSla(owner_id=kab, kode=kode)
        a.hari_kerja, a.dasar = hari_kerja, (dasar or "").strip()
        a.save()
    return a


def tambah_libur(pengguna, kab: str, tanggal, nama: str) -> HariLibur:
    _wajib_admin(pengguna, HariLibur, kab, "tanggal")
    nama = (nama or "").strip()
    if not isinstance(tanggal, datetime.date):
        raise ValidationError({"tanggal": "Isi tanggal libur."})
    if not nama or len(nama) > 120:
        raise ValidationError({"nama": "Isi keterangan libur (paling panjang 120 karakter)."})
    if HariLibur.objects.filter(owner_id=kab, tanggal=tanggal).exists():
        raise ValidationError({"tanggal": "Tanggal ini sudah tercatat sebagai hari libur."})
    with transaction.atomic():
        journal.begin()
        return HariLibur.objects.create(owner_id=kab, tanggal=tanggal, nama=nama)


def hapus_libur(pengguna, libur: HariLibur) -> None:
    _wajib_admin(pengguna, HariLibur, libur.owner_id, "tanggal")
    with transaction.atomic():
        journal.begin()
        libur.delete()


def _baris_berkas(berkas) -> list[tuple]:
    data = berkas.read(2_000_001)
    if len(data) > 2_000_000:
        raise ValidationError({"berkas": "Berkas paling besar 2 MB."})
    if data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            return [tuple(r[:2]) for r in ws.iter_rows(values_only=True)]
        except Exception as exc:  # noqa: BLE001 (any unreadable workbook is the user's input error)
            raise ValidationError({"berkas": "Berkas XLSX tidak dapat dibaca."}) from exc
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"berkas": "Berkas harus CSV (UTF-8) atau XLSX."}) from exc
    pemisah = ";" if teks.count(";") > teks.count(",") else ","
    return [tuple(r[:2]) for r in csv.reader(io.StringIO(teks), delimiter=pemisah) if r]


def impor_libur(pengguna, kab: str, berkas) -> int:
    """Imports holidays (tanggal YYYY-MM-DD or DD-MM-YYYY, keterangan); a header row and dates
    already there are skipped. All or nothing: a bad row names its line."""
    _wajib_admin(pengguna, HariLibur, kab, "berkas")
    baris = _baris_berkas(berkas)
    ada = set(HariLibur.objects.filter(owner_id=kab).values_list("tanggal", flat=True))
    baru = []
    for i, r in enumerate(baris, start=1):
        if len(r) < 2:
            raise ValidationError({"berkas": f"Baris {i}: perlu dua kolom (tanggal, keterangan)."})
        t, nama = r
        if i == 1 and isinstance(t, str) and t.strip().lower() == "tanggal":
            continue
        if isinstance(t, datetime.datetime):
            t = t.date()
        if not isinstance(t, datetime.date):
            t = str(t or "").strip()
            for pola in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
                try:
                    t = datetime.datetime.strptime(t, pola).date()
                    break
                except ValueError:
                    continue
            else:
                raise ValidationError({"berkas": f"Baris {i}: tanggal '{t}' tidak dikenali (pakai YYYY-MM-DD)."})
        nama = str(nama or "").strip()
        if not nama or len(nama) > 120:
            raise ValidationError({"berkas": f"Baris {i}: isi keterangan (paling panjang 120 karakter)."})
        if t in ada:
            continue
        ada.add(t)
        baru.append(HariLibur(owner_id=kab, tanggal=t, nama=nama))
    with transaction.atomic():
        journal.begin()
        HariLibur.objects.bulk_create(baru)
    return len(baru)
