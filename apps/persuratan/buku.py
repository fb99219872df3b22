"""The correspondence books of one unit for one month: Buku Agenda Surat Masuk, Buku Agenda Surat
Keluar and Buku Ekspedisi, as rows for the screen (a page at a time) and as a `cetak.Dokumen`
for the printable PDF and the xlsx (apps.kependudukan.cetak), with the UNIT's letterhead
(PEMERINTAH KABUPATEN ... / unit / address) and its head's signature block.

Everything starts from the unit's own records through `restrict`; the state of another unit's
copy (when an addressee read a letter) is reached only through the unit's own naskah, as the
sender's tracking does."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format

from apps.kependudukan.buku import Periode, baca_periode  # noqa: F401 (the views read the period through this module)
from apps.kependudukan.cetak import Dokumen, Kolom, Kop, Ttd
from apps.wilayah.models import Pejabat, Wilayah
from apps.wilayah.selectors import pejabat_aktif_q

from .arsip import awal_hari, masuk_arsip, naskah_arsip, tanggal_lokal
from .models import Disposisi, PenerimaDisposisi, PenerimaNaskah, SuratMasuk

UKURAN = 100


def _tgl(d) -> str:
    return date_format(d, "d-m-Y") if d else ""


def _jam(dt) -> str:
    return date_format(timezone.localtime(dt), "d-m-Y H.i") if dt else ""


# ---------------------------------------------------------------- letterhead and signer

def kop_unit(unit) -> Kop:
    """The unit's letterhead: PEMERINTAH KABUPATEN X / (Kecamatan Y for a village or kecamatan
    office below it) / the unit's name / address, phone and email."""
    bagian = unit.wilayah_id.split(".")
    kode = [".".join(bagian[:i]) for i in range(2, min(len(bagian), 3) + 1)]
    w = {x.kode: x for x in Wilayah.objects.filter(kode__in=kode).only("kode", "nama", "tingkat")}
    kab = w.get(kode[0])
    nama_kab = kab.nama if kab else kode[0]
    sebutan = "Kota" if kab is not None and kab.tingkat == "kota" else "Kabupaten"
    if not nama_kab.lower().startswith(sebutan.lower()):
        nama_kab = f"{sebutan} {nama_kab}"
    tengah = ""
    if len(bagian) >= 4 and len(kode) > 1 and kode[1] in w:
        kec = w[kode[1]].nama
        tengah = kec if kec.lower().startswith("kecamatan") else f"Kecamatan {kec}"
    alamat = ", ".join(x for x in (unit.alamat, f"Telp. {unit.telepon}" if unit.telepon else "", unit.email) if x)
    return Kop(kabupaten=nama_kab, kecamatan=tengah, desa=unit.nama, alamat=alamat)


def ttd_unit(unit, *, kop: Kop | None = None, tanggal: datetime.date | None = None) -> Ttd:
    """The head of the unit serving on `tanggal` (Plt/Plh marked), or a dotted line."""
    tanggal = tanggal or timezone.localdate()
    tempat = (kop or kop_unit(unit)).kabupaten.split(" ", 1)[-1]
    pej = (Pejabat.objects.filter(pejabat_aktif_q(hari=tanggal), jabatan__unit=unit, jabatan__is_kepala=True)
           .select_related("jabatan").order_by("status", "-mulai").first())
    if pej is None:
        return Ttd(tempat=tempat, tanggal=date_format(tanggal, "j F Y"), jabatan=f"Kepala {unit.nama}")
    jabatan = pej.jabatan.nama
    if pej.status in ("plt", "plh"):
        jabatan = f"{pej.status.capitalize()}. {jabatan}"
    return Ttd(tempat=tempat, tanggal=date_format(tanggal, "j F Y"), jabatan=jabatan, nama=pej.nama,
               nip=pej.nip_tampil)


# ---------------------------------------------------------------- the books

@dataclass
class Buku:
    kunci: str
    judul: str
    kolom: list[Kolom]


BUKU = {
    "masuk": Buku("masuk", "Buku Agenda Surat Masuk", [
        Kolom("No. agenda", "1.4cm", "center", 10), Kolom("Tanggal terima", "2.2cm", lebar_xlsx=14),
        Kolom("Nomor & tanggal surat", "2fr", lebar_xlsx=30), Kolom("Pengirim", "2fr", lebar_xlsx=28),
        Kolom("Perihal", "2.5fr", lebar_xlsx=36), Kolom("Klasifikasi", "1.6cm", lebar_xlsx=12),
        Kolom("Disposisi kepada / status", "2fr", lebar_xlsx=32)]),
    "keluar": Buku("keluar", "Buku Agenda Surat Keluar", [
        Kolom("No.", "1cm", "center", 6), Kolom("Nomor surat", "2fr", lebar_xlsx=30),
        Kolom("Tanggal", "2cm", lebar_xlsx=12), Kolom("Tujuan", "2.5fr", lebar_xlsx=36),
        Kolom("Perihal", "2.5fr", lebar_xlsx=36), Kolom("Klasifikasi", "1.6cm", lebar_xlsx=12),
        Kolom("Penandatangan", "2fr", lebar_xlsx=28)]),
    "ekspedisi": Buku("ekspedisi", "Buku Ekspedisi", [
        Kolom("No.", "1cm", "center", 6), Kolom("Tanggal kirim", "2cm", lebar_xlsx=12),
        Kolom("Nomor surat", "2fr", lebar_xlsx=30), Kolom("Tujuan", "2.2fr", lebar_xlsx=32),
        Kolom("Perihal", "2.2fr", lebar_xlsx=34), Kolom("Cara kirim", "1.8cm", lebar_xlsx=12),
        Kolom("Diterima / paraf penerima", "2.4cm", lebar_xlsx=22)]),
}


def _qs_masuk(user, unit, periode: Periode):
    return (masuk_arsip(user, unit, diterima__gte=awal_hari(periode.awal),
                        diterima__lt=awal_hari(periode.akhir + datetime.timedelta(days=1)))
            .select_related("klasifikasi").defer("teks_cari", "keterangan").order_by("tahun", "nomor_agenda"))


def _disposisi_ke(unit, surat_ids) -> dict:
    """surat masuk id -> "to whom" of the unit's own first-level dispositions (one query)."""
    hasil: dict = {}
    qs = (Disposisi.objects.filter(surat_masuk_id__in=list(surat_ids), unit=unit, induk__isnull=True)
          .prefetch_related(Prefetch("penerima", queryset=PenerimaDisposisi.objects.select_related("jabatan", "unit")))
          .order_by("created_at"))
    for d in qs:
        for p in d.penerima.all():
            hasil.setdefault(d.surat_masuk_id, []).append(p.jabatan.nama if p.jabatan_id else p.unit.nama)
    return hasil


def baris_masuk(user, unit, periode: Periode, *, mulai: int = 0, ukuran: int | None = None) -> tuple[list[list], bool]:
    qs = _qs_masuk(user, unit, periode)
    rows = list(qs[mulai:mulai + ukuran + 1]) if ukuran else list(qs)
    lagi = bool(ukuran) and len(rows) > ukuran
    rows = rows[:ukuran] if ukuran else rows
    dispo = _disposisi_ke(unit, [s.pk for s in rows])
    out = []
    for s in rows:
        ke = dispo.get(s.pk)
        status = s.get_status_display()
        out.append([s.nomor_agenda, _tgl(tanggal_lokal(s.diterima)), f"{s.nomor_surat}, {_tgl(s.tanggal_surat)}",
                    s.pengirim, s.perihal, s.klasifikasi.kode if s.klasifikasi_id else "",
                    f"{', '.join(ke)} ({status})" if ke else status])
    return out, lagi


def _qs_keluar(user, unit, periode: Periode):
    return (naskah_arsip(user, unit, tanggal__gte=periode.awal, tanggal__lte=periode.akhir)
            .select_related("klasifikasi", "jabatan_penandatangan", "penandatangan")
            .prefetch_related(Prefetch("penerima", queryset=PenerimaNaskah.objects.select_related("unit")))
            .defer("isi", "teks_cari").order_by("tanggal", "nomor_urut", "pk"))


def _penandatangan(n) -> str:
    data = n.data_ttd or {}
    nama = data.get("nama") or (str(n.penandatangan) if n.penandatangan_id else "")
    jabatan = data.get("jabatan") or (n.jabatan_penandatangan.nama if n.jabatan_penandatangan_id else "")
    return f"{nama} ({jabatan})" if nama and jabatan else (nama or jabatan)


def baris_keluar(user, unit, periode: Periode, *, mulai: int = 0, ukuran: int | None = None) -> tuple[list[list], bool]:
    from .arsip import daftar_pihak

    qs = _qs_keluar(user, unit, periode)
    rows = list(qs[mulai:mulai + ukuran + 1]) if ukuran else list(qs)
    lagi = bool(ukuran) and len(rows) > ukuran
    rows = rows[:ukuran] if ukuran else rows
    return [[mulai + i, n.nomor, _tgl(n.tanggal), daftar_pihak(n), n.perihal,
             n.klasifikasi.kode if n.klasifikasi_id else "", _penandatangan(n)]
            for i, n in enumerate(rows, start=1)], lagi


def _qs_ekspedisi(user, unit, periode: Periode):
    """One row per addressee (kepada and tembusan, in the network or outside) of the unit's
    naskah sent in the month."""
    naskah = naskah_arsip(user, unit, tanggal__gte=periode.awal, tanggal__lte=periode.akhir)
    return (PenerimaNaskah.objects.filter(naskah__in=naskah.values("pk"))
            .select_related("naskah", "unit").defer("naskah__isi", "naskah__teks_cari", "naskah__data_ttd")
            .order_by("naskah__tanggal", "naskah__nomor_urut", "naskah_id", "jenis", "urutan", "pk"))


def baris_ekspedisi(user, unit, periode: Periode, *, mulai: int = 0,
                    ukuran: int | None = None) -> tuple[list[list], bool]:
    qs = _qs_ekspedisi(user, unit, periode)
    rows = list(qs[mulai:mulai + ukuran + 1]) if ukuran else list(qs)
    lagi = bool(ukuran) and len(rows) > ukuran
    rows = rows[:ukuran] if ukuran else rows
    # When each receiving unit's copy arrived and was read, through the unit's own naskah.
    salinan = {(s["naskah_id"], s["unit_id"]): s for s in SuratMasuk.objects.filter(
        naskah_id__in={p.naskah_id for p in rows if p.unit_id}).values("naskah_id", "unit_id", "diterima", "dibaca_pada")}
    out = []
    for i, p in enumerate(rows, start=mulai + 1):
        n = p.naskah
        tujuan = str(p) + (" (tembusan)" if p.jenis == "tembusan" else "")
        if p.unit_id:
            s = salinan.get((n.pk, p.unit_id))
            if s is None:
                diterima = "Belum terkirim"
            elif s["dibaca_pada"]:
                diterima = f"Dibaca {_jam(s['dibaca_pada'])}"
            else:
                diterima = f"Terkirim {_jam(s['diterima'])}, belum dibaca"
            cara = "Elektronik"
        else:
            cara, diterima = "Kertas", ""
        out.append([i, _tgl(tanggal_lokal(n.dikirim) or n.tanggal), n.nomor, tujuan, n.perihal, cara, diterima])
    return out, lagi


BARIS = {"masuk": baris_masuk, "keluar": baris_keluar, "ekspedisi": baris_ekspedisi}


def halaman(user, unit, kunci: str, periode: Periode, *, nomor: int = 1, ukuran: int = UKURAN) -> tuple[list[list], bool]:
    """One screen page of a book (1-based `nomor`): its rows and whether there is a next page."""
    nomor = max(int(nomor or 1), 1)
    return BARIS[kunci](user, unit, periode, mulai=(nomor - 1) * ukuran, ukuran=ukuran)


def dokumen(user, unit, kunci: str, periode: Periode) -> Dokumen:
    """The whole month as a printable document with the unit's letterhead and head's signature."""
    buku = BUKU[kunci]
    kop = kop_unit(unit)
    rows, _ = BARIS[kunci](user, unit, periode)
    return Dokumen(judul=buku.judul, kolom=buku.kolom, baris=rows, subjudul=f"{unit.nama} — {periode.label}", kop=kop,
                   ttd=ttd_unit(unit, kop=kop))
