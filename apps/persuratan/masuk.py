"""Incoming letters and dispositions of the e-office (issue 5): a unit's agenda (paper letters
registered here; electronic ones are delivered by keluar.kirim), read tracking, dispositions
cascading down the org chart and across units, follow-ups, closing, reminders, and the reads
that show them (the unit's inbox, the disposition tree).

Who writes what (models.py): the receiving unit writes its `SuratMasuk`; a disposer writes the
`Disposisi` (owned by the disposer's unit) and one `PenerimaDisposisi` per addressee (owned by
the addressee's unit), which the addressee alone then writes (read, accepted, followed up,
closed) with its `TindakLanjut`. Rights follow the org chart: the head of the receiving unit
(holder, Plt/Plh or delegate) disposes a letter; whoever acts for an addressed position
disposes further, follows up and closes.

A letter or disposition the user may not reach is "not found" (Http404); a refusal is a
ValidationError in Bahasa Indonesia keyed by the field at fault."""
from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.scope import ensure_allowed, has_action, restrict
from apps.sinkron import journal
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Jabatan, UnitKerja, subtree_q

from . import berkas as berkas_mod
from . import cari, penomoran, selectors
from .models import (
    PRIORITAS,
    STATUS_DISPOSISI_TERBUKA,
    BerkasPersuratan,
    Disposisi,
    JenisNaskah,
    PenerimaDisposisi,
    Sifat,
    StatusDisposisi,
    StatusMasuk,
    SuratMasuk,
    TindakLanjut,
    Urgensi,
)

SURAT_TIDAK_DITEMUKAN = "Surat masuk tidak ditemukan."
DISPOSISI_TIDAK_DITEMUKAN = "Disposisi tidak ditemukan."
STATUS_MASUK_TERBUKA = (StatusMasuk.BARU, StatusMasuk.DIBACA, StatusMasuk.DIDISPOSISI, StatusMasuk.DITINDAKLANJUTI)
UKURAN_KOTAK = 50
MAKS_PENERIMA = 50


def _tolak(field_: str, pesan: str):
    raise ValidationError({field_: pesan})


def hari_ini() -> datetime.date:
    return timezone.localdate()


def _tanggal(nilai: datetime.date) -> str:
    bulan = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
    return f"{nilai.day} {bulan[nilai.month - 1]} {nilai.year}"


def _anggota_unit(unit_ids: Iterable) -> dict:
    """unit id -> ids of the users with an active membership in it (one query)."""
    hasil: dict = defaultdict(list)
    for unit_id, pk in Keanggotaan.objects.filter(unit_id__in=list(unit_ids), aktif=True).values_list(
            "unit_id", "pengguna_id"):
        hasil[unit_id].append(pk)
    return hasil


def bekerja_di(pengguna, unit_id) -> bool:
    return any(u.pk == unit_id for u in selectors.unit_pengguna(pengguna))


# ---------------------------------------------------------------- who may act on a disposition

def boleh_bertindak(pd: PenerimaDisposisi, pengguna, jabatan_saya: set | None = None) -> bool:
    """Whether the user acts for this addressee TODAY: addressed to a position, whoever holds,
    acts for (Plt/Plh) or was delegated it today (decision 0012). `pd.pengguna` only records
    who acted for it when it was sent: a delegate whose delegation ended or was cancelled, a
    Plt whose term is over, an official moved elsewhere no longer act on it. Addressed to a
    person without a position: that person while they still work in the unit; to the unit as
    a whole: anyone working in it."""
    if not getattr(pengguna, "is_authenticated", False):
        return False
    if pd.jabatan_id is not None:
        jabatan_saya = selectors.jabatan_dipegang(pengguna) if jabatan_saya is None else jabatan_saya
        return pd.jabatan_id in jabatan_saya
    if not bekerja_di(pengguna, pd.unit_id):
        return False
    return pd.pengguna_id is None or pd.pengguna_id == pengguna.pk


def kepala_surat(surat_masuk: SuratMasuk) -> Jabatan | None:
    return selectors.kepala_unit([surat_masuk.unit_id]).get(surat_masuk.unit_id)


def boleh_disposisi_surat(surat_masuk: SuratMasuk, pengguna) -> bool:
    """The head of the receiving unit (or whoever acts for the head) disposes the letter."""
    kepala = kepala_surat(surat_masuk)
    return kepala is not None and selectors.bertindak_untuk(pengguna, kepala.pk)


# ---------------------------------------------------------------- paper letters

def _saat_diterima(diterima, sekarang: datetime.datetime) -> datetime.datetime:
    if diterima is None:
        return sekarang
    if isinstance(diterima, datetime.datetime):
        return diterima if timezone.is_aware(diterima) else timezone.make_aware(diterima)
    if isinstance(diterima, datetime.date):
        if diterima == timezone.localdate(sekarang):
            return sekarang
        return timezone.make_aware(datetime.datetime.combine(diterima, datetime.time(8, 0)))
    _tolak("diterima", "Tanggal diterima tidak valid.")


def _berkas_daftar(berkas) -> list:
    if berkas is None:
        return []
    if isinstance(berkas, (list, tuple)):
        return [b for b in berkas if b]
    return [berkas]


def catat_fisik(*, pengguna, unit: UnitKerja, pengirim: str, nomor_surat: str, tanggal_surat, perihal: str,
                diterima=None, jenis: str = "", klasifikasi=None, sifat: str = Sifat.BIASA,
                urgensi: str = Urgensi.BIASA, batas_waktu=None, keterangan: str = "", berkas=None) -> SuratMasuk:
    """Registers a letter that arrived on paper or from outside the network in the unit's
    agenda: the next agenda number of the year, the scan(s) checked and stored, the search text
    refreshed. Only a member of the unit with the "add" grant on incoming letters registers."""
    if unit is None or not bekerja_di(pengguna, unit.pk) or not has_action(pengguna, SuratMasuk, "add"):
        _tolak("unit", "Anda tidak bekerja di unit ini atau tidak berwenang mencatat surat masuk.")
    pengirim, nomor_surat, perihal = (pengirim or "").strip(), (nomor_surat or "").strip(), (perihal or "").strip()
    sekarang, hari = timezone.now(), hari_ini()
    galat: dict[str, str] = {}
    if not pengirim:
        galat["pengirim"] = "Isi pengirim surat (instansi atau nama)."
    elif len(pengirim) > 200:
        galat["pengirim"] = "Pengirim paling panjang 200 karakter."
    if not nomor_surat:
        galat["nomor_surat"] = "Isi nomor surat sebagaimana tertulis pada surat."
    elif len(nomor_surat) > 120:
        galat["nomor_surat"] = "Nomor surat paling panjang 120 karakter."
    if not perihal:
        galat["perihal"] = "Isi perihal surat."
    elif len(perihal) > 255:
        galat["perihal"] = "Perihal paling panjang 255 karakter."
    if not isinstance(tanggal_surat, datetime.date):
        galat["tanggal_surat"] = "Isi tanggal surat."
    elif isinstance(tanggal_surat, datetime.datetime):
        tanggal_surat = tanggal_surat.date()
    if "tanggal_surat" not in galat and tanggal_surat > hari:
        galat["tanggal_surat"] = "Tanggal surat tidak boleh di masa depan."
    saat = None
    try:
        saat = _saat_diterima(diterima, sekarang)
    except ValidationError as exc:
        galat["diterima"] = exc.message_dict["diterima"][0]
    if saat is not None:
        if saat > sekarang + datetime.timedelta(minutes=5):
            galat["diterima"] = "Tanggal diterima tidak boleh di masa depan."
        elif "tanggal_surat" not in galat and timezone.localdate(saat) < tanggal_surat:
            galat["diterima"] = "Tanggal diterima tidak boleh sebelum tanggal surat."
    if jenis and jenis not in JenisNaskah.values:
        galat["jenis"] = "Jenis naskah tidak dikenal."
    if sifat not in Sifat.values:
        galat["sifat"] = "Sifat surat harus biasa, terbatas atau rahasia."
    if urgensi not in Urgensi.values:
        galat["urgensi"] = "Derajat kecepatan harus biasa, segera atau sangat segera."
    if batas_waktu is not None and batas_waktu < hari:
        galat["batas_waktu"] = "Batas waktu tidak boleh di masa lalu."
    if klasifikasi is not None and not selectors.klasifikasi_tersedia(pengguna).filter(pk=klasifikasi.pk).exists():
        galat["klasifikasi"] = "Klasifikasi arsip tidak tersedia untuk unit ini."
    if galat:
        raise ValidationError(galat)
    berkas = berkas_mod.siapkan_banyak(_berkas_daftar(berkas))  # read before taking the journal lock
    with transaction.atomic():
        journal.begin()
        tahun = timezone.localdate(saat).year
        sm = SuratMasuk.objects.create(
            unit=unit, sumber=SuratMasuk.FISIK, tahun=tahun,
            nomor_agenda=penomoran.nomor_agenda(unit_id=unit.pk, tahun=tahun), diterima=saat, pengirim=pengirim,
            nomor_surat=nomor_surat, tanggal_surat=tanggal_surat, perihal=perihal, jenis=jenis or "",
            klasifikasi=klasifikasi, sifat=sifat, urgensi=urgensi, prioritas=PRIORITAS[urgensi],
            batas_waktu=batas_waktu, keterangan=(keterangan or "").strip(), dicatat_oleh=pengguna,
            owner_id=unit.wilayah_id)
        ensure_allowed(pengguna, "add", sm)
        for b in _berkas_daftar(berkas):
            berkas_mod.simpan(berkas=b, pengguna=pengguna, owner_id=unit.wilayah_id, surat_masuk=sm)
        cari.segarkan_masuk(sm)
    return sm


# ---------------------------------------------------------------- reading and archiving

def _kunci_masuk(surat_masuk, pengguna, aksi: str = "view") -> SuratMasuk:
    pk = surat_masuk.pk if isinstance(surat_masuk, SuratMasuk) else surat_masuk
    sm = restrict(SuratMasuk.objects.select_for_update(of=("self",)).filter(pk=pk), pengguna, aksi).first()
    if sm is None:
        raise Http404(SURAT_TIDAK_DITEMUKAN)
    return sm


def tandai_dibaca(surat_masuk: SuratMasuk, *, pengguna) -> SuratMasuk:
    """The first reading by a member of the receiving unit: when and by whom; a new letter
    becomes "dibaca". Later readings change nothing (no write at all)."""
    if surat_masuk.dibaca_pada is not None or not bekerja_di(pengguna, surat_masuk.unit_id):
        return surat_masuk
    with transaction.atomic():
        journal.begin()
        sm = _kunci_masuk(surat_masuk, pengguna)
        if sm.dibaca_pada is None:
            sm.dibaca_pada, sm.dibaca_oleh = timezone.now(), pengguna
            if sm.status == StatusMasuk.BARU:
                sm.status = StatusMasuk.DIBACA
            sm.save(update_fields=["dibaca_pada", "dibaca_oleh", "status", "updated_at"])
    surat_masuk.dibaca_pada, surat_masuk.dibaca_oleh_id, surat_masuk.status = sm.dibaca_pada, sm.dibaca_oleh_id, sm.status
    return sm


def selesaikan_surat(surat_masuk: SuratMasuk, *, pengguna) -> SuratMasuk:
    """The receiving unit files the letter (selesai / diarsipkan), once every disposition it
    made is closed."""
    if not bekerja_di(pengguna, surat_masuk.unit_id):
        raise Http404(SURAT_TIDAK_DITEMUKAN)
    with transaction.atomic():
        journal.begin()
        sm = _kunci_masuk(surat_masuk, pengguna, "change")
        if sm.status == StatusMasuk.SELESAI:
            _tolak("status", "Surat ini sudah selesai dan diarsipkan.")
        terbuka = PenerimaDisposisi.objects.filter(disposisi__surat_masuk=sm, disposisi__induk__isnull=True,
                                                   status__in=STATUS_DISPOSISI_TERBUKA).count()
        if terbuka:
            _tolak("status", f"Masih ada {terbuka} disposisi yang belum selesai; surat diarsipkan setelah semua "
                             "disposisi ditutup.")
        sm.status, sm.selesai_pada = StatusMasuk.SELESAI, timezone.now()
        if sm.dibaca_pada is None:
            sm.dibaca_pada, sm.dibaca_oleh = sm.selesai_pada, pengguna
        sm.save(update_fields=["status", "selesai_pada", "dibaca_pada", "dibaca_oleh", "updated_at"])
    return sm


# ---------------------------------------------------------------- dispositions

def pilihan_kepada(pengguna, unit: UnitKerja, dari_jabatan_id=None) -> list[tuple[Jabatan, str]]:
    """Positions a disposition of `unit` may go to: the unit's own positions (not the disposer's
    own) with their holders' names, then the heads of the regency's other units. Three queries."""
    kab = kode_kabupaten(unit.wilayah_id)
    sendiri = list(Jabatan.objects.filter(unit=unit).exclude(pk=dari_jabatan_id).select_related("unit")
                   .order_by("urutan", "nama"))
    lain = list(Jabatan.objects.filter(is_kepala=True, unit__aktif=True)
                .filter(subtree_q("unit__wilayah", kab))
                .exclude(unit=unit).select_related("unit").order_by("unit__jenis", "unit__kode"))
    pemegang = selectors.pemegang_jabatan([j.pk for j in sendiri])
    hasil = []
    for j in sendiri:
        p = pemegang.get(j.pk)
        hasil.append((j, f"{j.nama} — {p.get_full_name() or p.username}" if p else f"{j.nama} (kosong)"))
    for j in lain:
        j._lain = True
        hasil.append((j, f"{j.nama} ({j.unit.nama})"))
    return hasil


def _periksa_kepada(kepada, unit: UnitKerja, dari_jabatan_id) -> list[Jabatan]:
    kepada = list(kepada or [])
    if not kepada:
        _tolak("kepada", "Pilih paling sedikit satu jabatan tujuan disposisi.")
    if len(kepada) > MAKS_PENERIMA:
        _tolak("kepada", f"Paling banyak {MAKS_PENERIMA} tujuan dalam satu disposisi.")
    try:
        ids = [j.pk if isinstance(j, Jabatan) else uuid.UUID(str(j)) for j in kepada]
    except ValueError:
        _tolak("kepada", "Jabatan tujuan tidak ditemukan.")
    if len(set(ids)) != len(ids):
        _tolak("kepada", "Ada jabatan tujuan yang dipilih lebih dari sekali.")
    jabatan = {j.pk: j for j in Jabatan.objects.filter(pk__in=ids).select_related("unit")}
    kab = kode_kabupaten(unit.wilayah_id)
    hasil = []
    for pk in ids:
        j = jabatan.get(pk)
        if j is None:
            _tolak("kepada", "Jabatan tujuan tidak ditemukan.")
        if dari_jabatan_id is not None and j.pk == dari_jabatan_id:
            _tolak("kepada", "Disposisi tidak dapat ditujukan kepada jabatan Anda sendiri.")
        if j.unit_id != unit.pk:
            if not j.is_kepala:
                _tolak("kepada", f"{j.nama} ({j.unit.nama}) bukan kepala unit; ke unit lain disposisi hanya "
                                 "ditujukan kepada kepalanya.")
            if kode_kabupaten(j.unit.wilayah_id) != kab or not j.unit.aktif:
                _tolak("kepada", f"{j.unit.nama} tidak berada dalam jaringan kabupaten ini.")
        hasil.append(j)
    return hasil


def _kunci_pd(pd, pengguna=None) -> PenerimaDisposisi:
    pk = pd.pk if isinstance(pd, PenerimaDisposisi) else pd
    obj = (PenerimaDisposisi.objects.select_for_update(of=("self",))
           .select_related("disposisi", "disposisi__surat_masuk", "unit").filter(pk=pk).first())
    if obj is None:
        raise Http404(DISPOSISI_TIDAK_DITEMUKAN)
    return obj


def _tautan_pengirim(disp: Disposisi) -> str:
    """Where the disposer follows up its disposition: its own addressee record (cascade) or
    its own incoming letter (first level)."""
    if disp.induk_id:
        return reverse("persuratan:disposisi_detail", args=[disp.induk_id])
    return reverse("persuratan:masuk_detail", args=[disp.surat_masuk_id])


def disposisikan(*, pengguna, instruksi: str, urgensi: str, batas_waktu, kepada: list, surat_masuk=None,
                 induk: PenerimaDisposisi | None = None) -> Disposisi:
    """Disposes a letter to positions: the head of the receiving unit (first level), or the
    addressee of an earlier disposition passing it further down (`induk`). Addressees are the
    disposer unit's own positions or the heads of other units of the regency; each gets one
    PenerimaDisposisi (owned by its unit, sent to whoever acts for the position today) and a
    notice."""
    instruksi = (instruksi or "").strip()
    with transaction.atomic():
        journal.begin()
        if induk is not None:
            parent = _kunci_pd(induk)
            if not boleh_bertindak(parent, pengguna):
                raise Http404(DISPOSISI_TIDAK_DITEMUKAN)
            if surat_masuk is not None and surat_masuk.pk != parent.disposisi.surat_masuk_id:
                _tolak("surat_masuk", "Disposisi induk bukan untuk surat ini.")
            sm = parent.disposisi.surat_masuk
            unit, dari_jabatan_id = parent.unit, parent.jabatan_id
            if parent.status == StatusDisposisi.SELESAI:
                _tolak("status", "Disposisi ini sudah selesai; tidak dapat didisposisikan lagi.")
        else:
            if surat_masuk is None:
                _tolak("surat_masuk", "Pilih surat yang didisposisikan.")
            sm = SuratMasuk.objects.select_for_update(of=("self",)).select_related("unit").filter(
                pk=surat_masuk.pk).first()
            if sm is None:
                raise Http404(SURAT_TIDAK_DITEMUKAN)
            kepala = kepala_surat(sm)
            if kepala is None or not selectors.bertindak_untuk(pengguna, kepala.pk):
                _tolak("kepada", "Hanya kepala unit (atau yang bertindak untuknya: Plt, Plh, delegasi) yang dapat "
                                 "mendisposisikan surat ini.")
            parent, unit, dari_jabatan_id = None, sm.unit, kepala.pk
        if sm.status == StatusMasuk.SELESAI:
            _tolak("status", "Surat ini sudah selesai dan diarsipkan; tidak dapat didisposisikan.")
        galat: dict[str, str] = {}
        if not instruksi:
            galat["instruksi"] = "Isi instruksi disposisi."
        elif len(instruksi) > 4000:
            galat["instruksi"] = "Instruksi paling panjang 4000 karakter."
        if urgensi not in Urgensi.values:
            galat["urgensi"] = "Derajat kecepatan harus biasa, segera atau sangat segera."
        if batas_waktu is None and parent is not None:
            batas_waktu = parent.batas_waktu
        if batas_waktu is not None:
            if batas_waktu < hari_ini():
                galat["batas_waktu"] = "Batas waktu tidak boleh di masa lalu."
            elif parent is not None and parent.batas_waktu and batas_waktu > parent.batas_waktu:
                galat["batas_waktu"] = (f"Batas waktu tidak boleh melewati batas waktu disposisi yang Anda terima "
                                        f"({_tanggal(parent.batas_waktu)}).")
        try:
            jabatan = _periksa_kepada(kepada, unit, dari_jabatan_id)
        except ValidationError as exc:
            galat["kepada"] = exc.message_dict["kepada"][0]
        if galat:
            raise ValidationError(galat)
        disp = Disposisi.objects.create(surat_masuk=sm, induk=parent, unit=unit, dari=pengguna,
                                        dari_jabatan_id=dari_jabatan_id, instruksi=instruksi, urgensi=urgensi,
                                        batas_waktu=batas_waktu, owner_id=unit.wilayah_id)
        pemegang = selectors.pemegang_jabatan([j.pk for j in jabatan])
        penerima = [PenerimaDisposisi(disposisi=disp, unit=j.unit, jabatan=j, pengguna=pemegang.get(j.pk),
                                      prioritas=PRIORITAS[urgensi], batas_waktu=batas_waktu,
                                      owner_id=j.unit.wilayah_id) for j in jabatan]
        PenerimaDisposisi.objects.bulk_create(penerima)
        sekarang = timezone.now()
        if parent is None:
            if sm.status in (StatusMasuk.BARU, StatusMasuk.DIBACA, StatusMasuk.DITINDAKLANJUTI):
                sm.status = StatusMasuk.DIDISPOSISI
            if sm.dibaca_pada is None:
                sm.dibaca_pada, sm.dibaca_oleh = sekarang, pengguna
            sm.save(update_fields=["status", "dibaca_pada", "dibaca_oleh", "updated_at"])
        else:
            parent.status = StatusDisposisi.DITINDAKLANJUTI
            parent.dibaca_pada = parent.dibaca_pada or sekarang
            parent.diterima_pada = parent.diterima_pada or sekarang
            parent.save(update_fields=["status", "dibaca_pada", "diterima_pada", "updated_at"])
        _beri_tahu_penerima(disp, penerima, sm)
    return disp


def _beri_tahu_penerima(disp: Disposisi, penerima: list[PenerimaDisposisi], sm: SuratMasuk) -> None:
    tanpa_orang = {pd.unit_id for pd in penerima if pd.pengguna_id is None}
    anggota = _anggota_unit(tanpa_orang) if tanpa_orang else {}
    batas = f" Batas waktu {_tanggal(disp.batas_waktu)}." if disp.batas_waktu else ""
    judul = f"Disposisi {Urgensi(disp.urgensi).label.lower()}: {sm.perihal}"
    for pd in penerima:
        ids = [pd.pengguna_id] if pd.pengguna_id else anggota.get(pd.unit_id, [])
        if ids:
            notifikasi.kirim_banyak(ids, judul, f"{disp.instruksi}{batas}", pd.get_absolute_url())


def _perbarui_status_surat(sm_id) -> None:
    """When every first-level disposition of a letter is closed, the letter is followed up
    (the receiving unit then files it)."""
    pds = PenerimaDisposisi.objects.filter(disposisi__surat_masuk_id=sm_id, disposisi__induk__isnull=True)
    hitung = pds.aggregate(semua=Count("pk"), terbuka=Count("pk", filter=Q(status__in=STATUS_DISPOSISI_TERBUKA)))
    if hitung["semua"] and not hitung["terbuka"]:
        sm = SuratMasuk.objects.select_for_update(of=("self",)).get(pk=sm_id)
        if sm.status == StatusMasuk.DIDISPOSISI:
            sm.status = StatusMasuk.DITINDAKLANJUTI
            sm.save(update_fields=["status", "updated_at"])


def _kunci_untuk_tindakan(pd, pengguna) -> PenerimaDisposisi:
    obj = _kunci_pd(pd)
    if not boleh_bertindak(obj, pengguna):
        raise Http404(DISPOSISI_TIDAK_DITEMUKAN)
    return obj


def _belum_selesai(pd: PenerimaDisposisi) -> None:
    if pd.status == StatusDisposisi.SELESAI:
        _tolak("status", "Disposisi ini sudah selesai; tidak ada tindakan lagi.")


def baca_disposisi(pd: PenerimaDisposisi, *, pengguna) -> PenerimaDisposisi:
    """The addressee's first reading; later readings (and other members of the unit) write nothing."""
    if pd.dibaca_pada is not None or not boleh_bertindak(pd, pengguna):
        return pd
    with transaction.atomic():
        journal.begin()
        obj = _kunci_pd(pd)
        if obj.dibaca_pada is None:
            obj.dibaca_pada = timezone.now()
            if obj.status == StatusDisposisi.BARU:
                obj.status = StatusDisposisi.DIBACA
            obj.save(update_fields=["dibaca_pada", "status", "updated_at"])
    pd.dibaca_pada, pd.status = obj.dibaca_pada, obj.status
    return obj


def terima_disposisi(pd: PenerimaDisposisi, *, pengguna) -> PenerimaDisposisi:
    """The addressee acknowledges the disposition (diterima)."""
    with transaction.atomic():
        journal.begin()
        obj = _kunci_untuk_tindakan(pd, pengguna)
        _belum_selesai(obj)
        if obj.diterima_pada is not None:
            _tolak("status", f"Disposisi ini sudah diterima pada {timezone.localtime(obj.diterima_pada):%d-%m-%Y %H:%M}.")
        sekarang = timezone.now()
        obj.diterima_pada = sekarang
        obj.dibaca_pada = obj.dibaca_pada or sekarang
        if obj.status in (StatusDisposisi.BARU, StatusDisposisi.DIBACA):
            obj.status = StatusDisposisi.DITERIMA
        obj.save(update_fields=["diterima_pada", "dibaca_pada", "status", "updated_at"])
    return obj


def tindak_lanjut(pd: PenerimaDisposisi, *, pengguna, catatan: str, berkas=(), menutup: bool = False) -> TindakLanjut:
    """A follow-up note of the addressee, with attachments; `menutup` closes the disposition
    (selesai) and tells the disposer. When every first-level disposition of the letter is
    closed, the letter becomes "ditindaklanjuti"."""
    catatan = (catatan or "").strip()
    if isinstance(pd, PenerimaDisposisi) and not boleh_bertindak(pd, pengguna):
        raise Http404(DISPOSISI_TIDAK_DITEMUKAN)  # before reading any upload
    berkas = berkas_mod.siapkan_banyak(_berkas_daftar(berkas))  # read before taking the journal lock
    with transaction.atomic():
        journal.begin()
        obj = _kunci_untuk_tindakan(pd, pengguna)
        _belum_selesai(obj)
        if not catatan:
            _tolak("catatan", "Isi catatan tindak lanjut." if not menutup else "Isi catatan penyelesaian.")
        if len(catatan) > 4000:
            _tolak("catatan", "Catatan paling panjang 4000 karakter.")
        tl = TindakLanjut.objects.create(penerima=obj, pengguna=pengguna, catatan=catatan, menutup=bool(menutup),
                                         owner_id=obj.owner_id)
        for b in _berkas_daftar(berkas):
            berkas_mod.simpan(berkas=b, pengguna=pengguna, owner_id=obj.owner_id, tindak_lanjut=tl)
        sekarang = timezone.now()
        obj.dibaca_pada = obj.dibaca_pada or sekarang
        obj.diterima_pada = obj.diterima_pada or sekarang
        if menutup:
            obj.status, obj.selesai_pada, obj.selesai_oleh = StatusDisposisi.SELESAI, sekarang, pengguna
        else:
            obj.status = StatusDisposisi.DITINDAKLANJUTI
        obj.save(update_fields=["status", "dibaca_pada", "diterima_pada", "selesai_pada", "selesai_oleh",
                                "updated_at"])
        disp = Disposisi.objects.select_related("surat_masuk", "induk").get(pk=obj.disposisi_id)
        if menutup:
            nama = pengguna.get_full_name() or pengguna.username
            notifikasi.selesai_untuk(obj.get_absolute_url())
            notifikasi.kirim(disp.dari, f"Disposisi selesai: {disp.surat_masuk.perihal}",
                             f"{obj.unit.nama}: {nama} menutup disposisi. {catatan}", _tautan_pengirim(disp))
            if disp.induk_id is None:
                _perbarui_status_surat(disp.surat_masuk_id)
    return tl


# ---------------------------------------------------------------- overdue

def terlambat(pd_or_batas, hari: datetime.date | None = None) -> bool:
    """Whether a deadline has passed: a date, or an open disposition / letter with one."""
    hari = hari or hari_ini()
    if pd_or_batas is None:
        return False
    if isinstance(pd_or_batas, datetime.date):
        return pd_or_batas < hari
    status = getattr(pd_or_batas, "status", None)
    if status in (StatusDisposisi.SELESAI, StatusMasuk.SELESAI, StatusMasuk.DITINDAKLANJUTI):
        return False
    batas = getattr(pd_or_batas, "batas_waktu", None)
    return batas is not None and batas < hari


def hari_terlambat(obj, hari: datetime.date | None = None) -> int:
    hari = hari or hari_ini()
    return (hari - obj.batas_waktu).days if terlambat(obj, hari) else 0


def ingatkan_terlambat(hari: datetime.date | None = None) -> int:
    """Reminds the addressee and the disposer of every open disposition past its deadline,
    once a day ("Disposisi terlambat"). Returns how many dispositions were reminded."""
    hari = hari or hari_ini()
    awal_hari = timezone.make_aware(datetime.datetime.combine(hari, datetime.time.min))
    with transaction.atomic():
        journal.begin()
        pds = list(PenerimaDisposisi.objects.select_for_update(of=("self",))
                   .filter(status__in=STATUS_DISPOSISI_TERBUKA, batas_waktu__lt=hari)
                   .filter(Q(diingatkan_pada__isnull=True) | Q(diingatkan_pada__lt=awal_hari))
                   .select_related("disposisi", "disposisi__surat_masuk", "unit")
                   .order_by("batas_waktu", "pk")[:5000])
        if not pds:
            return 0
        anggota = _anggota_unit({pd.unit_id for pd in pds if pd.pengguna_id is None})
        for pd in pds:
            disp, n = pd.disposisi, (hari - pd.batas_waktu).days
            judul = f"Disposisi terlambat: {disp.surat_masuk.perihal}"
            pesan = f"Batas waktu {_tanggal(pd.batas_waktu)} terlewat {n} hari. Instruksi: {disp.instruksi}"
            ids = [pd.pengguna_id] if pd.pengguna_id else anggota.get(pd.unit_id, [])
            if ids:
                notifikasi.kirim_banyak(ids, judul, pesan, pd.get_absolute_url())
            notifikasi.kirim_banyak([disp.dari_id], judul, f"{pd.unit.nama}: {pesan}", _tautan_pengirim(disp))
        # The reminder is dated on the reference day (today, or the day a catch-up run stands for).
        sekarang = timezone.localtime()
        saat = sekarang if hari == sekarang.date() else timezone.make_aware(
            datetime.datetime.combine(hari, sekarang.time()))
        PenerimaDisposisi.objects.filter(pk__in=[pd.pk for pd in pds]).update(diingatkan_pada=saat)
    return len(pds)


# ---------------------------------------------------------------- reads: the inbox

@dataclass
class ItemKotak:
    """One row of a unit's inbox: an incoming letter of the unit, or a disposition addressed
    to it (with the letter behind it)."""

    jenis: str  # "surat" | "disposisi"
    obj: object
    surat: SuratMasuk
    prioritas: int
    batas_waktu: datetime.date | None
    waktu: datetime.datetime
    terlambat_hari: int = 0
    untuk_saya: bool = False

    @property
    def urgensi(self) -> str:
        return self.obj.disposisi.urgensi if self.jenis == "disposisi" else self.surat.urgensi

    @property
    def url(self) -> str:
        return self.obj.get_absolute_url()

    @property
    def status_label(self) -> str:
        return self.obj.get_status_display()


def _kunci_urut(item: ItemKotak):
    return (item.prioritas, item.batas_waktu is None, item.batas_waktu or datetime.date.max,
            -item.waktu.timestamp())


TAB_KOTAK = ("terbuka", "surat", "disposisi", "semua")


def _surat_unit(user, unit):
    return restrict(SuratMasuk.objects.filter(unit=unit), user, "view")


def _disposisi_unit(user, unit):
    return (restrict(PenerimaDisposisi.objects.filter(unit=unit), user, "view")
            .select_related("disposisi", "disposisi__surat_masuk", "disposisi__dari", "disposisi__unit", "jabatan"))


def kotak_masuk(user, unit, *, status: str = "terbuka", batas: int = UKURAN_KOTAK) -> list[ItemKotak]:
    """What awaits a unit, most urgent first (sangat segera > segera > biasa), then nearest
    deadline (none last), then newest. `status`: "terbuka" (open letters and open dispositions
    to the unit), "surat" (open letters only), "disposisi" (open dispositions only), "semua"
    (every letter of the unit, newest first). At most `batas` rows; each source read with one
    query on its inbox index (masuk_kotak_idx, disposisi_kotak_idx)."""
    if unit is None:
        return []
    hari = hari_ini()
    saya = selectors.jabatan_dipegang(user)
    items: list[ItemKotak] = []
    if status == "semua":
        for s in _surat_unit(user, unit).order_by("-diterima")[:batas]:
            items.append(ItemKotak("surat", s, s, s.prioritas, s.batas_waktu, s.diterima, hari_terlambat(s, hari)))
        return items
    if status in ("terbuka", "surat"):
        qs = (_surat_unit(user, unit).filter(status__in=STATUS_MASUK_TERBUKA)
              .order_by("prioritas", F("batas_waktu").asc(nulls_last=True), "-diterima")[:batas])
        for s in qs:
            items.append(ItemKotak("surat", s, s, s.prioritas, s.batas_waktu, s.diterima, hari_terlambat(s, hari)))
    if status in ("terbuka", "disposisi"):
        qs = (_disposisi_unit(user, unit).filter(status__in=STATUS_DISPOSISI_TERBUKA)
              .order_by("prioritas", F("batas_waktu").asc(nulls_last=True), "-created_at")[:batas])
        for pd in qs:
            items.append(ItemKotak("disposisi", pd, pd.disposisi.surat_masuk, pd.prioritas, pd.batas_waktu,
                                   pd.created_at, hari_terlambat(pd, hari),
                                   untuk_saya=pd.pengguna_id == user.pk or pd.jabatan_id in saya))
    items.sort(key=_kunci_urut)
    return items[:batas]


def hitung_kotak(user, unit) -> dict:
    """Counts for the inbox tabs: open letters, open dispositions (two COUNTs on the indexes)."""
    if unit is None:
        return {"surat": 0, "disposisi": 0}
    return {"surat": _surat_unit(user, unit).filter(status__in=STATUS_MASUK_TERBUKA).count(),
            "disposisi": restrict(PenerimaDisposisi.objects.filter(unit=unit, status__in=STATUS_DISPOSISI_TERBUKA),
                                  user, "view").count()}


def disposisi_saya(user, *, selesai: bool = False, batas: int = UKURAN_KOTAK) -> list[PenerimaDisposisi]:
    """Dispositions addressed to the user in person or to a position they act for, in any unit
    they work in: open ones by urgency and deadline, or the closed ones, newest first."""
    saya = selectors.jabatan_dipegang(user)
    qs = restrict(PenerimaDisposisi.objects.filter(Q(pengguna=user) | Q(jabatan_id__in=saya)), user, "view")
    qs = qs.select_related("disposisi", "disposisi__surat_masuk", "disposisi__dari", "disposisi__unit", "unit",
                           "jabatan")
    if selesai:
        qs = qs.filter(status=StatusDisposisi.SELESAI).order_by("-selesai_pada")
    else:
        qs = qs.filter(status__in=STATUS_DISPOSISI_TERBUKA).order_by(
            "prioritas", F("batas_waktu").asc(nulls_last=True), "-created_at")
    hasil = list(qs[:batas])
    hari = hari_ini()
    for pd in hasil:
        pd.terlambat_hari = hari_terlambat(pd, hari)
    return hasil


def jumlah_menunggu(user) -> dict:
    """For the home page: new letters of the user's units, open and overdue dispositions
    addressed to them. Two queries."""
    units = [u.pk for u in selectors.unit_pengguna(user)]
    if not units:
        return {"surat_baru": 0, "disposisi_terbuka": 0, "disposisi_terlambat": 0}
    baru = restrict(SuratMasuk.objects.filter(unit_id__in=units, status=StatusMasuk.BARU), user, "view").count()
    hitung = restrict(PenerimaDisposisi.objects.filter(unit_id__in=units, status__in=STATUS_DISPOSISI_TERBUKA),
                      user, "view").aggregate(
        terbuka=Count("pk"), terlambat=Count("pk", filter=Q(batas_waktu__lt=hari_ini())))
    return {"surat_baru": baru, "disposisi_terbuka": hitung["terbuka"], "disposisi_terlambat": hitung["terlambat"]}


# ---------------------------------------------------------------- reads: what a unit may reach

def surat_terlihat(user, pk) -> SuratMasuk | None:
    """An incoming letter the user reaches: one of their unit's, or one behind a disposition
    addressed to their unit."""
    sm = restrict(SuratMasuk.objects.filter(pk=pk), user, "view").select_related("unit", "naskah").first()
    if sm is not None:
        return sm
    if restrict(PenerimaDisposisi.objects.filter(disposisi__surat_masuk_id=pk), user, "view").exists():
        return SuratMasuk.objects.select_related("unit", "naskah").filter(pk=pk).first()
    return None


def _leluhur_pd(pd_id) -> list:
    """The addressee records above one in the tree (its disposition's parent, and so on)."""
    hasil, seen = [], set()
    while pd_id and pd_id not in seen:
        seen.add(pd_id)
        hasil.append(pd_id)
        pd_id = (PenerimaDisposisi.objects.filter(pk=pd_id).values_list("disposisi__induk_id", flat=True).first())
    return hasil


def berkas_terlihat(user, pk) -> BerkasPersuratan | None:
    """An attachment the user may download: through the grant (their unit's naskah, letter or
    follow-up), or through their own scoped records: the naskah behind a letter their unit
    received (or was disposed), the scan of a letter disposed to their unit, a follow-up
    below their unit's place in the disposition tree or in the tree of their own letter."""
    b = restrict(BerkasPersuratan.objects.filter(pk=pk), user, "view").first()
    if b is not None:
        return b
    b = BerkasPersuratan.objects.filter(pk=pk).select_related("tindak_lanjut__penerima__disposisi").first()
    if b is None or not getattr(user, "is_authenticated", False):
        return None
    pd_unit = restrict(PenerimaDisposisi.objects.all(), user, "view")
    if b.naskah_id:
        if (restrict(SuratMasuk.objects.filter(naskah_id=b.naskah_id), user, "view").exists()
                or pd_unit.filter(disposisi__surat_masuk__naskah_id=b.naskah_id).exists()):
            return b
        return None
    if b.surat_masuk_id:
        return b if pd_unit.filter(disposisi__surat_masuk_id=b.surat_masuk_id).exists() else None
    pd = b.tindak_lanjut.penerima
    if restrict(SuratMasuk.objects.filter(pk=pd.disposisi.surat_masuk_id), user, "view").exists():
        return b
    return b if pd_unit.filter(pk__in=_leluhur_pd(pd.disposisi.induk_id)).exists() else None


# ---------------------------------------------------------------- reads: the disposition tree

@dataclass
class SimpulPenerima:
    pd: PenerimaDisposisi
    tindak_lanjut: list = field(default_factory=list)
    anak: list = field(default_factory=list)  # SimpulDisposisi below this addressee

    @property
    def terlambat_hari(self) -> int:
        return hari_terlambat(self.pd)


@dataclass
class SimpulDisposisi:
    disposisi: Disposisi
    penerima: list = field(default_factory=list)


def _bangun_pohon(surat_masuk: SuratMasuk) -> tuple[list[SimpulDisposisi], dict]:
    semua = list(Disposisi.objects.filter(surat_masuk=surat_masuk)
                 .select_related("dari", "dari_jabatan", "unit").order_by("created_at", "pk"))
    if not semua:
        return [], {}
    pds = list(PenerimaDisposisi.objects.filter(disposisi__surat_masuk=surat_masuk)
               .select_related("unit", "jabatan", "pengguna", "selesai_oleh").order_by("created_at", "pk"))
    tls = list(TindakLanjut.objects.filter(penerima__disposisi__surat_masuk=surat_masuk)
               .select_related("pengguna").order_by("created_at", "pk"))
    lampiran: dict = defaultdict(list)
    if tls:
        for b in BerkasPersuratan.objects.filter(tindak_lanjut__in=[t.pk for t in tls]).only(
                "pk", "nama_asli", "ukuran", "jenis_mime", "tindak_lanjut_id").order_by("created_at"):
            lampiran[b.tindak_lanjut_id].append(b)
    simpul_d = {d.pk: SimpulDisposisi(d) for d in semua}
    simpul_p = {}
    for pd in pds:
        sp = SimpulPenerima(pd)
        simpul_p[pd.pk] = sp
        simpul_d[pd.disposisi_id].penerima.append(sp)
    for t in tls:
        t.berkas = lampiran.get(t.pk, [])
        simpul_p[t.penerima_id].tindak_lanjut.append(t)
    akar = []
    for d in semua:
        if d.induk_id is None:
            akar.append(simpul_d[d.pk])
        elif d.induk_id in simpul_p:
            simpul_p[d.induk_id].anak.append(simpul_d[d.pk])
    return akar, simpul_p


def pohon_disposisi(surat_masuk: SuratMasuk, akar: PenerimaDisposisi | None = None) -> list[SimpulDisposisi]:
    """The dispositions of a letter as a tree: each with its addressees (status, read, accepted
    and closed times, follow-ups with attachments) and below each addressee the dispositions it
    made. From the top (the receiving unit's view) or, with `akar`, the dispositions made below
    that addressee (what the addressee's unit sees). Four queries whatever the size of the tree."""
    if akar is None:
        return _bangun_pohon(surat_masuk)[0]
    simpul = simpul_penerima(surat_masuk, akar)
    return simpul.anak if simpul else []


def simpul_penerima(surat_masuk: SuratMasuk, akar: PenerimaDisposisi) -> SimpulPenerima | None:
    """One addressee's place in the tree: its own follow-ups and the subtree below it."""
    return _bangun_pohon(surat_masuk)[1].get(akar.pk)
