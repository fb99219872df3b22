"""Outgoing official documents (naskah dinas) of a unit: draft > review chain (paraf) > signature
> delivery, and the sender's tracking of what happened to each copy.

Every write runs in one transaction that takes the journal head first (`journal.begin()`), then
locks the naskah row found through the user's scope (out of scope: 404). Refusals are
ValidationErrors in Bahasa Indonesia keyed by the field at fault.

Signing (`tandatangani`) takes the unit's next number, renders the PDF with the QR of the
register entry, signs it and delivers it, all in ONE transaction: a wrong passphrase or a
render failure gives the number back. Delivery (`kirim`) writes one SuratMasuk per receiving
unit, OWNED BY THE RECEIVER, with bulk inserts (a circular to a hundred villages is a handful
of queries), and tells the receiving units' members in one insert."""
from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.scope import ensure_allowed, has_action, restrict
from apps.dokumen import qr as dokumen_qr
from apps.dokumen import services as dokumen
from apps.dokumen.models import DokumenTerbit
from apps.sinkron import journal
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import Jabatan, Pejabat, UnitKerja
from apps.wilayah.selectors import pejabat_aktif_q

from . import berkas as berkas_mod
from . import cari, penomoran, render, selectors
from .models import (
    PRIORITAS,
    BerkasPersuratan,
    Disposisi,
    JenisNaskah,
    JenisPenerima,
    KlasifikasiArsip,
    Naskah,
    ParafNaskah,
    PenerimaNaskah,
    Sifat,
    StatusMasuk,
    StatusNaskah,
    StatusParaf,
    SuratMasuk,
    Urgensi,
)

log = logging.getLogger(__name__)

NASKAH_TIDAK_DITEMUKAN = "Naskah tidak ditemukan."
BISA_DIUBAH = (StatusNaskah.DRAF, StatusNaskah.DIKEMBALIKAN)
MAKS_PERIHAL = 255
MAKS_NAMA_LUAR = 200
MAKS_PARAF = 10
MAKS_PENERIMA = 1000
# The body as typed: a long report fits, while the PDF (rendered again at every preview) stays
# bounded.
MAKS_ISI = 50_000


# ---------------------------------------------------------------- helpers

def _pk(x):
    return getattr(x, "pk", x)


def _naskah_terkunci(naskah, pengguna, action: str = "change") -> Naskah:
    """The naskah row locked for update, if the user may `action` it; else 404."""
    qs = Naskah.objects.select_for_update(of=("self",)).filter(pk=_pk(naskah))
    obj = restrict(qs, pengguna, action).select_related("unit", "klasifikasi", "jabatan_penandatangan").first()
    if obj is None:
        raise Http404(NASKAH_TIDAK_DITEMUKAN)
    return obj


def _tautan(n: Naskah) -> str:
    return n.get_absolute_url()


def _tautan_kotak_masuk() -> str:
    try:
        return reverse("persuratan:kotak_masuk")
    except NoReverseMatch:
        return "/persuratan/"


def _beri_tahu(pengguna_ids, judul: str, pesan: str, tautan: str) -> None:
    ids = [i for i in pengguna_ids if i is not None]
    if ids:
        notifikasi.kirim_banyak(ids, judul, pesan, tautan)


_nama_jabatan = render.nama_jabatan


@dataclass
class Isian:
    """The validated content of a draft."""

    jenis: str
    klasifikasi: KlasifikasiArsip
    perihal: str
    isi: str
    jabatan_penandatangan: Jabatan
    penerima: list[dict]
    paraf: list[Jabatan]
    sifat: str
    urgensi: str
    lampiran_keterangan: str
    galat: dict = field(default_factory=dict)


def _periksa(*, pengguna, unit: UnitKerja, jenis, klasifikasi, perihal, isi, jabatan_penandatangan, penerima, paraf,
             sifat, urgensi, lampiran_keterangan) -> Isian:
    galat: dict[str, str] = {}
    perihal = " ".join((perihal or "").split())
    if not perihal:
        galat["perihal"] = "Perihal wajib diisi."
    elif len(perihal) > MAKS_PERIHAL:
        galat["perihal"] = f"Perihal paling panjang {MAKS_PERIHAL} karakter (sekarang {len(perihal)})."
    if jenis not in JenisNaskah.values:
        galat["jenis"] = "Pilih jenis naskah yang tersedia."
    if sifat not in Sifat.values:
        galat["sifat"] = "Sifat naskah tidak dikenal."
    if urgensi not in Urgensi.values:
        galat["urgensi"] = "Derajat kecepatan tidak dikenal."
    isi = (isi or "").replace("\r\n", "\n").strip()
    if len(isi) > MAKS_ISI:
        galat["isi"] = f"Isi naskah paling panjang {MAKS_ISI:,} karakter (sekarang {len(isi):,}).".replace(",", ".")
    lampiran_keterangan = " ".join((lampiran_keterangan or "").split())
    if len(lampiran_keterangan) > 100:
        galat["lampiran_keterangan"] = "Keterangan lampiran paling panjang 100 karakter."
    kla = None
    if klasifikasi in (None, ""):
        galat["klasifikasi"] = "Pilih klasifikasi arsip."
    else:
        try:
            kla = selectors.klasifikasi_tersedia(pengguna).filter(pk=_pk(klasifikasi)).first()
        except ValidationError:
            kla = None
        if kla is None:
            galat["klasifikasi"] = "Klasifikasi arsip tidak ditemukan di kabupaten Anda."
    # Positions of the sending unit: the signer and the reviewers (one query).
    ids_jabatan = [_pk(j) for j in [jabatan_penandatangan, *(paraf or ())] if j not in (None, "")]
    try:
        jabatan = {str(j.pk): j for j in Jabatan.objects.filter(pk__in=ids_jabatan, unit_id=unit.pk)
                   .select_related("unit__wilayah")}
    except ValidationError:
        jabatan = {}
    ttd = jabatan.get(str(_pk(jabatan_penandatangan))) if jabatan_penandatangan not in (None, "") else None
    if ttd is None:
        galat["jabatan_penandatangan"] = ("Pilih jabatan penandatangan." if jabatan_penandatangan in (None, "")
                                          else "Jabatan penandatangan harus jabatan di unit pengirim.")
    daftar_paraf = []
    for j in paraf or ():
        if j in (None, ""):
            continue
        obj = jabatan.get(str(_pk(j)))
        if obj is None:
            galat["paraf"] = "Pemaraf harus jabatan di unit pengirim."
            break
        if obj in daftar_paraf:
            galat["paraf"] = f"Jabatan {obj.nama} tercantum dua kali dalam urutan paraf."
            break
        if ttd is not None and obj.pk == ttd.pk:
            galat["paraf"] = "Penandatangan tidak perlu memaraf naskahnya sendiri."
            break
        daftar_paraf.append(obj)
    if len(daftar_paraf) > MAKS_PARAF:
        galat["paraf"] = f"Paling banyak {MAKS_PARAF} pemaraf."
    daftar_penerima = _periksa_penerima(pengguna, unit, penerima or [], galat)
    if galat:
        raise ValidationError(galat)
    return Isian(jenis=jenis, klasifikasi=kla, perihal=perihal, isi=isi,
                 jabatan_penandatangan=ttd, penerima=daftar_penerima, paraf=daftar_paraf, sifat=sifat, urgensi=urgensi,
                 lampiran_keterangan=lampiran_keterangan)


def _periksa_penerima(pengguna, unit: UnitKerja, penerima: list[dict], galat: dict) -> list[dict]:
    """Addressees: units of the SENDING UNIT's regency network (one query for all of them) or an
    outside party by name; at least one "kepada", no unit twice, never the sending unit itself.
    A user working in two regencies (or at the province) still writes from one unit: its
    letters stay inside that unit's regency."""
    if len(penerima) > MAKS_PENERIMA:
        galat["penerima"] = f"Paling banyak {MAKS_PENERIMA} penerima."
        return []
    ids = [_pk(p.get("unit")) for p in penerima if p.get("unit") not in (None, "")]
    kab = kode_kabupaten(unit.wilayah_id)
    try:
        tujuan = {str(u.pk): u for u in unit_tujuan(pengguna).filter(Q(wilayah_id=kab) | Q(wilayah__kode__startswith=kab + "."))
                  .filter(pk__in=ids)}
    except ValidationError:
        tujuan = {}
    hasil, unit_terpakai, luar_terpakai = [], set(), set()
    for p in penerima:
        jenis = p.get("jenis") or JenisPenerima.KEPADA
        if jenis not in JenisPenerima.values:
            galat["penerima"] = "Jenis penerima harus kepada atau tembusan."
            return []
        u = p.get("unit")
        nama = " ".join((p.get("nama_luar") or "").split())
        if u not in (None, ""):
            obj = tujuan.get(str(_pk(u)))
            if obj is None:
                galat["penerima"] = "Unit penerima tidak ditemukan di jaringan kabupaten Anda."
                return []
            if obj.pk == unit.pk:
                galat["penerima"] = "Unit pengirim tidak dapat mengirim naskah kepada dirinya sendiri."
                return []
            if obj.pk in unit_terpakai:
                galat["penerima"] = f"{obj.nama} tercantum lebih dari sekali (sebagai kepada dan/atau tembusan)."
                return []
            unit_terpakai.add(obj.pk)
            hasil.append({"unit": obj, "nama_luar": "", "jenis": jenis})
        elif nama:
            if len(nama) > MAKS_NAMA_LUAR:
                galat["penerima"] = f"Nama penerima di luar jaringan paling panjang {MAKS_NAMA_LUAR} karakter."
                return []
            if (nama.lower(), jenis) in luar_terpakai:
                continue
            luar_terpakai.add((nama.lower(), jenis))
            hasil.append({"unit": None, "nama_luar": nama, "jenis": jenis})
    if not any(p["jenis"] == JenisPenerima.KEPADA for p in hasil) and "penerima" not in galat:
        galat["penerima"] = "Isi paling sedikit satu penerima (kepada)."
    return hasil


def _tulis_rincian(n: Naskah, isian: Isian) -> None:
    """(Re)writes the distribution list and the review chain of a draft."""
    PenerimaNaskah.objects.filter(naskah=n).delete()
    ParafNaskah.objects.filter(naskah=n).delete()
    urut = {JenisPenerima.KEPADA: 0, JenisPenerima.TEMBUSAN: 0}
    baris = []
    for p in isian.penerima:
        urut[p["jenis"]] += 1
        baris.append(PenerimaNaskah(naskah=n, jenis=p["jenis"], unit=p["unit"], nama_luar=p["nama_luar"],
                                    urutan=min(urut[p["jenis"]], 32767), owner_id=n.owner_id))
    PenerimaNaskah.objects.bulk_create(baris)
    ParafNaskah.objects.bulk_create([ParafNaskah(naskah=n, urutan=i, jabatan=j, owner_id=n.owner_id)
                                     for i, j in enumerate(isian.paraf, start=1)])


# ---------------------------------------------------------------- drafting

def buat_draf(*, pengguna, unit, jenis, klasifikasi, perihal, isi, jabatan_penandatangan, penerima: list[dict],
              paraf=(), sifat: str = Sifat.BIASA, urgensi: str = Urgensi.BIASA, lampiran_keterangan: str = "",
              balasan_untuk: SuratMasuk | None = None, berkas=()) -> Naskah:
    """A new draft of `unit` (a unit the user works in). `penerima` is a list of
    dict(unit=UnitKerja|None, nama_luar="", jenis="kepada"|"tembusan"); `paraf` the review
    positions in order; `balasan_untuk` the unit's own incoming letter this answers."""
    milik = {str(u.pk): u for u in selectors.unit_pengguna(pengguna)}
    if unit is None or str(_pk(unit)) not in milik or not has_action(pengguna, Naskah, "add"):
        raise ValidationError({"unit": "Anda tidak bekerja di unit ini, sehingga tidak dapat membuat naskahnya."})
    unit = UnitKerja.objects.select_related("wilayah").get(pk=_pk(unit))
    isian = _periksa(pengguna=pengguna, unit=unit, jenis=jenis, klasifikasi=klasifikasi, perihal=perihal, isi=isi,
                     jabatan_penandatangan=jabatan_penandatangan, penerima=penerima, paraf=paraf, sifat=sifat,
                     urgensi=urgensi, lampiran_keterangan=lampiran_keterangan)
    balasan = None
    if balasan_untuk is not None:
        balasan = restrict(SuratMasuk.objects.filter(pk=_pk(balasan_untuk), unit_id=unit.pk), pengguna, "view").first()
        if balasan is None:
            raise ValidationError({"balasan_untuk": "Surat masuk yang dibalas tidak ditemukan di unit ini."})
    berkas = berkas_mod.siapkan_banyak(berkas)  # checked and read before taking the journal lock
    with transaction.atomic():
        journal.begin()
        n = Naskah.objects.create(
            unit=unit, jenis=isian.jenis, klasifikasi=isian.klasifikasi, sifat=isian.sifat, urgensi=isian.urgensi,
            perihal=isian.perihal, isi=isian.isi, lampiran_keterangan=isian.lampiran_keterangan,
            pembuat=pengguna, jabatan_penandatangan=isian.jabatan_penandatangan, balasan_untuk=balasan,
            owner_id=unit.wilayah_id)
        _tulis_rincian(n, isian)
        for b in berkas or ():
            berkas_mod.simpan(berkas=b, pengguna=pengguna, owner_id=n.owner_id, naskah=n)
        ensure_allowed(pengguna, "add", n)
        cari.segarkan_naskah(n)
    return n


def ubah_draf(naskah, *, pengguna, jenis, klasifikasi, perihal, isi, jabatan_penandatangan, penerima: list[dict],
              paraf=(), sifat: str = Sifat.BIASA, urgensi: str = Urgensi.BIASA, lampiran_keterangan: str = "",
              berkas=(), **_abaikan) -> Naskah:
    """Edit a draft (DRAF or DIKEMBALIKAN): content, addressees and review chain are replaced;
    `berkas` adds attachments. The sending unit and the letter answered never change."""
    berkas = berkas_mod.siapkan_banyak(berkas)
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "change")
        if n.status not in BISA_DIUBAH:
            raise ValidationError({"status": f"Naskah berstatus \"{n.get_status_display()}\"; hanya draf atau naskah "
                                             "yang dikembalikan yang dapat diubah."})
        unit = UnitKerja.objects.select_related("wilayah").get(pk=n.unit_id)
        isian = _periksa(pengguna=pengguna, unit=unit, jenis=jenis, klasifikasi=klasifikasi, perihal=perihal, isi=isi,
                         jabatan_penandatangan=jabatan_penandatangan, penerima=penerima, paraf=paraf, sifat=sifat,
                         urgensi=urgensi, lampiran_keterangan=lampiran_keterangan)
        n.jenis, n.klasifikasi, n.sifat, n.urgensi = isian.jenis, isian.klasifikasi, isian.sifat, isian.urgensi
        n.perihal, n.isi, n.lampiran_keterangan = isian.perihal, isian.isi, isian.lampiran_keterangan
        n.jabatan_penandatangan = isian.jabatan_penandatangan
        n.save()
        _tulis_rincian(n, isian)
        for b in berkas or ():
            berkas_mod.simpan(berkas=b, pengguna=pengguna, owner_id=n.owner_id, naskah=n)
        cari.segarkan_naskah(n)
    return n


def tambah_lampiran(naskah, *, pengguna, berkas) -> BerkasPersuratan:
    """Attach a file to a draft (type sniffed, size-limited by berkas.siapkan)."""
    berkas = berkas_mod.siapkan(berkas)
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "change")
        if n.status not in BISA_DIUBAH:
            raise ValidationError({"berkas": "Lampiran hanya dapat ditambah selama naskah masih draf."})
        b = berkas_mod.simpan(berkas=berkas, pengguna=pengguna, owner_id=n.owner_id, naskah=n)
        cari.segarkan_naskah(n)
    return b


def hapus_lampiran(naskah, *, pengguna, lampiran) -> None:
    """Remove an attachment of a draft."""
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "change")
        if n.status not in BISA_DIUBAH:
            raise ValidationError({"berkas": "Lampiran hanya dapat dihapus selama naskah masih draf."})
        try:
            b = BerkasPersuratan.objects.filter(pk=_pk(lampiran), naskah=n).first()
        except ValidationError:
            b = None
        if b is None:
            raise ValidationError({"berkas": "Lampiran tidak ditemukan pada naskah ini."})
        b.berkas.delete(save=False)
        b.delete()
        cari.segarkan_naskah(n)


def isian_template(pengguna, unit, template) -> dict:
    """The starting subject, body, type and classification of a template the user may use
    (regency templates and the unit's own); {} if it is not one of them."""
    try:
        t = selectors.template_tersedia(pengguna, unit).filter(pk=_pk(template)).first()
    except ValidationError:
        t = None
    if t is None:
        return {}
    hasil = {"jenis": t.jenis, "perihal": t.perihal, "isi": t.isi}
    if t.klasifikasi_id:
        hasil["klasifikasi"] = t.klasifikasi_id
    return hasil


def isian_balasan(pengguna, unit, surat_masuk_id) -> dict:
    """A reply to one of the unit's own incoming letters: addressed to the sending unit of the
    naskah behind it (or, for paper letters, to the sender by name), "Balasan: ..."."""
    if unit is None:
        return {}
    try:
        sm = (restrict(SuratMasuk.objects.filter(pk=surat_masuk_id, unit_id=unit.pk), pengguna, "view")
              .select_related("naskah__unit", "klasifikasi").first())
    except ValidationError:
        sm = None
    if sm is None:
        return {}
    perihal = sm.perihal if sm.perihal.lower().startswith("balasan:") else f"Balasan: {sm.perihal}"
    hasil = {"balasan_untuk": sm, "perihal": perihal[:MAKS_PERIHAL], "jenis": sm.jenis or JenisNaskah.SURAT_DINAS,
             "urgensi": sm.urgensi, "kepada": [], "luar": ""}
    if sm.naskah_id and sm.naskah.unit_id != unit.pk:
        hasil["kepada"] = [sm.naskah.unit]
    else:
        hasil["luar"] = sm.pengirim
    if sm.klasifikasi_id:
        hasil["klasifikasi"] = sm.klasifikasi_id
    return hasil


# ---------------------------------------------------------------- review chain

def langkah_sekarang(n: Naskah) -> ParafNaskah | None:
    """The review step waiting now (the lowest pending one), or None."""
    return ParafNaskah.objects.filter(naskah=n, status=StatusParaf.MENUNGGU).order_by("urutan").first()


def _beri_tahu_jabatan(jabatan_id, judul: str, n: Naskah) -> None:
    pemegang = selectors.pemegang_jabatan([jabatan_id])
    u = pemegang.get(jabatan_id)
    if u is not None:
        _beri_tahu([u.pk], judul, f"{n.get_jenis_display()}: {n.perihal}", _tautan(n))


def ajukan(naskah, *, pengguna) -> Naskah:
    """Submit a draft: to the first reviewer (PARAF, the whole chain reset to waiting), or
    straight to the signer (SIAP_TTD) when there is no chain."""
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "change")
        if n.status not in BISA_DIUBAH:
            raise ValidationError({"status": f"Naskah berstatus \"{n.get_status_display()}\"; hanya draf atau naskah "
                                             "yang dikembalikan yang dapat diajukan."})
        if not PenerimaNaskah.objects.filter(naskah=n, jenis=JenisPenerima.KEPADA).exists():
            raise ValidationError({"penerima": "Isi paling sedikit satu penerima (kepada) sebelum mengajukan."})
        langkah = list(ParafNaskah.objects.select_for_update().filter(naskah=n).order_by("urutan"))
        for p in langkah:
            p.status, p.oleh, p.waktu, p.catatan = StatusParaf.MENUNGGU, None, None, ""
        if langkah:
            ParafNaskah.objects.bulk_update(langkah, ["status", "oleh", "waktu", "catatan", "updated_at"])
        n.status = StatusNaskah.PARAF if langkah else StatusNaskah.SIAP_TTD
        n.save(update_fields=["status", "updated_at"])
        if langkah:
            _beri_tahu_jabatan(langkah[0].jabatan_id, "Naskah menunggu paraf Anda", n)
        else:
            _beri_tahu_jabatan(n.jabatan_penandatangan_id, "Naskah menunggu tanda tangan Anda", n)
    return n


def paraf(naskah, *, pengguna, setuju: bool, catatan: str = "") -> Naskah:
    """The current reviewer initials (on to the next step, or to the signer) or returns the
    draft to its author with a note. Only the user acting for that step's position may."""
    catatan = (catatan or "").strip()
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "view")
        if n.status != StatusNaskah.PARAF:
            raise ValidationError({"status": f"Naskah berstatus \"{n.get_status_display()}\"; tidak sedang menunggu "
                                             "paraf."})
        langkah = list(ParafNaskah.objects.select_for_update(of=("self",)).filter(naskah=n).select_related("jabatan")
                       .order_by("urutan"))
        kini = next((p for p in langkah if p.status == StatusParaf.MENUNGGU), None)
        if kini is None:
            raise ValidationError({"status": "Tidak ada langkah paraf yang menunggu."})
        if not selectors.bertindak_untuk(pengguna, kini.jabatan_id):
            raise ValidationError({"__all__": f"Paraf sekarang menunggu {kini.jabatan.nama}; Anda tidak memegang, "
                                              "menjabat Plt/Plh, atau menerima delegasi jabatan itu."})
        if len(catatan) > 1000:
            raise ValidationError({"catatan": "Catatan paling panjang 1000 karakter."})
        if not setuju and not catatan:
            raise ValidationError({"catatan": "Tulis catatan perbaikan untuk pembuat naskah."})
        kini.status = StatusParaf.SETUJU if setuju else StatusParaf.DIKEMBALIKAN
        kini.oleh, kini.waktu, kini.catatan = pengguna, timezone.now(), catatan
        kini.save(update_fields=["status", "oleh", "waktu", "catatan", "updated_at"])
        if not setuju:
            n.status = StatusNaskah.DIKEMBALIKAN
            n.save(update_fields=["status", "updated_at"])
            _beri_tahu([n.pembuat_id], "Naskah dikembalikan untuk diperbaiki", f"{n.perihal}: {catatan}", _tautan(n))
            return n
        berikut = next((p for p in langkah if p.status == StatusParaf.MENUNGGU), None)
        if berikut is not None:
            _beri_tahu_jabatan(berikut.jabatan_id, "Naskah menunggu paraf Anda", n)
        else:
            n.status = StatusNaskah.SIAP_TTD
            n.save(update_fields=["status", "updated_at"])
            _beri_tahu_jabatan(n.jabatan_penandatangan_id, "Naskah menunggu tanda tangan Anda", n)
    return n


# ---------------------------------------------------------------- signing and delivery

def data_penandatangan(jabatan: Jabatan, pengguna, hari: datetime.date) -> dict:
    """How the signer signs, frozen into the naskah: the position's printed name, "Plt."/"Plh."
    when acting, "a.n." with the delegate's own position when delegated; name and NIP from
    the official's record (else the account's name)."""
    nama_jabatan = _nama_jabatan(jabatan)
    pej = (Pejabat.objects.filter(pejabat_aktif_q(hari=hari), pengguna=pengguna, jabatan=jabatan)
           .order_by("status").first())
    if pej is not None:
        awalan = {"plt": "Plt.", "plh": "Plh."}.get(pej.status, "")
        baris = [f"{awalan} {nama_jabatan}".strip()]
    else:
        awalan = "a.n."
        sendiri = (Pejabat.objects.filter(pejabat_aktif_q(hari=hari), pengguna=pengguna)
                   .select_related("jabatan__unit__wilayah").order_by("status").first())
        baris = [f"a.n. {nama_jabatan}"] + ([_nama_jabatan(sendiri.jabatan)] if sendiri is not None else [])
        pej = sendiri
    nama = (pej.nama if pej is not None else "") or pengguna.get_full_name() or pengguna.get_username()
    return {"jabatan": baris, "jabatan_teks": ", ".join(baris), "awalan": awalan, "nama": nama,
            "nip": pej.nip_tampil if pej is not None else "", "jabatan_id": str(jabatan.pk),
            "pengguna_id": pengguna.pk, "waktu": timezone.now().isoformat(timespec="seconds")}


def _ringkasan(n: Naskah, *, jumlah_penerima: int) -> list[list[str]]:
    """What the public verification page shows: type, sender and how many addressees; the
    subject only for letters that are not restricted."""
    perihal = n.perihal if n.sifat == Sifat.BIASA else "(dirahasiakan)"
    return [["Jenis naskah", n.get_jenis_display()], ["Pengirim", n.unit.nama], ["Perihal", perihal],
            ["Jumlah penerima", str(jumlah_penerima)]]


def tandatangani(naskah, *, pengguna, kunci) -> Naskah:
    """Number, render, sign, register and deliver a naskah waiting for signature, in one
    transaction. Only the user acting today for the signing position may."""
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "view")
        if n.status != StatusNaskah.SIAP_TTD:
            raise ValidationError({"status": f"Naskah berstatus \"{n.get_status_display()}\"; hanya naskah yang "
                                             "menunggu tanda tangan yang dapat ditandatangani."})
        if not selectors.bertindak_untuk(pengguna, n.jabatan_penandatangan_id):
            raise ValidationError({"__all__": f"Naskah ini ditandatangani oleh {n.jabatan_penandatangan.nama}; Anda "
                                              "tidak memegang, menjabat Plt/Plh, atau menerima delegasi jabatan itu."})
        unit = UnitKerja.objects.select_related("wilayah").get(pk=n.unit_id)
        n.unit = unit
        jabatan = Jabatan.objects.select_related("unit__wilayah").get(pk=n.jabatan_penandatangan_id)
        hari = timezone.localdate()
        ttd = data_penandatangan(jabatan, pengguna, hari)
        nomor, seri, tahun, urut = penomoran.nomor_keluar(unit=unit, kode_klasifikasi=n.klasifikasi.kode, tanggal=hari)
        penerima = list(PenerimaNaskah.objects.filter(naskah=n).select_related("unit").order_by("jenis", "urutan"))
        cetak = render.cetakan(n, penerima=penerima, ttd=ttd, nomor=nomor, tanggal=hari)

        def gambar(qr_teks: str) -> bytes:
            kode = dokumen_qr.periksa_teks(qr_teks).dokumen_id
            return render.pdf(cetak | {"qr": dokumen_qr.svg(qr_teks), "kode_dokumen": str(kode or "")})

        dok, pdf = dokumen.terbitkan(
            sumber=DokumenTerbit.NASKAH, sumber_id=n.pk, owner_id=n.owner_id, nomor=nomor, tanggal=hari,
            judul=n.get_jenis_display(), penerbit=unit.nama, penandatangan=ttd["nama"],
            jabatan_penandatangan=ttd["jabatan_teks"], ringkasan=_ringkasan(n, jumlah_penerima=len(penerima)),
            data_isi={"nomor": nomor, "tanggal": hari.isoformat(), "perihal": n.perihal, "isi": n.isi,
                      "penerima": [[p.jenis, str(p)] for p in penerima], "ttd": ttd["jabatan_teks"],
                      "nama": ttd["nama"]},
            render=gambar, kunci=kunci, alasan=f"Penandatanganan {n.get_jenis_display()}", lokasi=cetak["tempat"])
        n.status, n.nomor, n.seri, n.tahun, n.nomor_urut, n.tanggal = StatusNaskah.TERKIRIM, nomor, seri, tahun, urut, hari
        n.penandatangan, n.data_ttd, n.dokumen, n.dikirim = pengguna, ttd, dok, timezone.now()
        n.berkas.save(f"{n.pk.hex}.pdf", ContentFile(pdf), save=False)
        n.save()
        cari.segarkan_naskah(n)
        kirim(n, penerima=penerima)
        tautan = _tautan(n)
        transaction.on_commit(lambda: _selesai(tautan))
    return n


def _selesai(tautan: str) -> None:
    try:
        notifikasi.selesai_untuk(tautan)
    except Exception:  # noqa: BLE001 - a notice is best effort; the naskah is already sent
        log.exception("Pemberitahuan naskah %s gagal ditandai selesai", tautan)


def kirim(naskah: Naskah, *, penerima: list[PenerimaNaskah] | None = None) -> list[SuratMasuk]:
    """Deliver a signed naskah (called inside the signing transaction): one SuratMasuk per
    addressee unit, owned by that unit's office, each with its next agenda number; one notice
    insert for the members of all receiving units. Outside addressees go on paper (Buku
    Ekspedisi): no SuratMasuk."""
    n = naskah
    if penerima is None:
        penerima = list(PenerimaNaskah.objects.filter(naskah=n).select_related("unit"))
    unit_penerima = [p for p in penerima if p.unit_id]
    if not unit_penerima:
        return []
    waktu = n.dikirim or timezone.now()
    tahun = timezone.localdate(waktu).year
    agenda = penomoran.nomor_agenda_banyak(unit_ids=[p.unit_id for p in unit_penerima], tahun=tahun)
    lampiran = list(BerkasPersuratan.objects.filter(naskah=n).values_list("nama_asli", "teks"))
    pengirim = n.unit.nama
    teks = cari._gabung(n.nomor, n.perihal, pengirim, n.isi, *(f"{a} {t}" for a, t in lampiran))
    baris = [SuratMasuk(
        unit_id=p.unit_id, sumber=SuratMasuk.ELEKTRONIK, naskah=n, jenis_penerima=p.jenis, tahun=tahun,
        nomor_agenda=agenda[p.unit_id], diterima=waktu, pengirim=pengirim[:200], nomor_surat=n.nomor,
        tanggal_surat=n.tanggal, perihal=n.perihal, jenis=n.jenis, klasifikasi_id=n.klasifikasi_id, sifat=n.sifat,
        urgensi=n.urgensi, prioritas=PRIORITAS[n.urgensi], owner_id=p.unit.wilayah_id, teks_cari=teks)
        for p in unit_penerima]
    SuratMasuk.objects.bulk_create(baris)
    anggota = Keanggotaan.objects.filter(unit_id__in=[p.unit_id for p in unit_penerima], aktif=True) \
        .values_list("pengguna_id", flat=True)
    _beri_tahu(list(anggota), f"Surat masuk dari {pengirim}", f"{n.get_jenis_display()} {n.nomor}: {n.perihal}",
               _tautan_kotak_masuk())
    return baris


def batalkan(naskah, *, pengguna, alasan: str) -> Naskah:
    """Cancel a draft that was never signed (no number is used). The reason is kept with the
    naskah (in `data_ttd["dibatalkan"]`: a draft has no signer data)."""
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError({"alasan": "Alasan pembatalan wajib diisi."})
    if len(alasan) > 500:
        raise ValidationError({"alasan": "Alasan pembatalan paling panjang 500 karakter."})
    with transaction.atomic():
        journal.begin()
        n = _naskah_terkunci(naskah, pengguna, "change")
        if n.status not in BISA_DIUBAH:
            raise ValidationError({"status": f"Naskah berstatus \"{n.get_status_display()}\"; hanya draf atau naskah "
                                             "yang dikembalikan yang dapat dibatalkan."})
        n.status = StatusNaskah.DIBATALKAN
        n.data_ttd = {"dibatalkan": {"alasan": alasan, "oleh": pengguna.get_full_name() or pengguna.get_username(),
                                     "waktu": timezone.now().isoformat(timespec="seconds")}}
        n.save(update_fields=["status", "data_ttd", "updated_at"])
    return n


# ---------------------------------------------------------------- tracking

@dataclass
class Lacak:
    """What happened to one addressee's copy."""

    penerima: PenerimaNaskah
    nama: str
    jenis: str
    jenis_label: str
    elektronik: bool
    unit: UnitKerja | None = None
    surat_masuk_id: object = None
    diterima: datetime.datetime | None = None
    nomor_agenda: int | None = None
    dibaca_pada: datetime.datetime | None = None
    dibaca_oleh: str = ""
    status: str = ""
    status_label: str = ""
    disposisi: bool = False
    balasan: list = field(default_factory=list)


def pelacakan(naskah: Naskah) -> list[Lacak]:
    """Per addressee: delivered when, first read (when, by whom), the state of their incoming
    letter, whether it was disposed, and their signed replies. Four queries whatever the
    number of addressees. The caller has fetched the naskah through the user's scope."""
    penerima = list(PenerimaNaskah.objects.filter(naskah=naskah).select_related("unit").order_by("jenis", "urutan"))
    masuk = {s.unit_id: s for s in SuratMasuk.objects.filter(naskah=naskah).select_related("dibaca_oleh")}
    ids = [s.pk for s in masuk.values()]
    didisposisi = set(Disposisi.objects.filter(surat_masuk_id__in=ids).values_list("surat_masuk_id", flat=True)
                      .distinct()) if ids else set()
    balasan: dict = {}
    if ids:
        # Only the replies addressed to this naskah's unit (kepada or tembusan): a reply the
        # receiver sent elsewhere is a letter not addressed to the sender, not even its subject.
        dialamatkan = PenerimaNaskah.objects.filter(naskah=OuterRef("pk"), unit_id=naskah.unit_id)
        for b in (Naskah.objects.filter(Exists(dialamatkan), balasan_untuk_id__in=ids, status=StatusNaskah.TERKIRIM)
                  .values("balasan_untuk_id", "nomor", "tanggal", "perihal").order_by("tanggal")):
            balasan.setdefault(b["balasan_untuk_id"], []).append(b)
    label_masuk = dict(StatusMasuk.choices)
    label_jenis = dict(JenisPenerima.choices)
    hasil = []
    for p in penerima:
        row = Lacak(penerima=p, nama=str(p), jenis=p.jenis, jenis_label=label_jenis.get(p.jenis, p.jenis),
                    elektronik=bool(p.unit_id), unit=p.unit)
        s = masuk.get(p.unit_id) if p.unit_id else None
        if s is not None:
            oleh = s.dibaca_oleh
            row.surat_masuk_id, row.diterima, row.nomor_agenda = s.pk, s.diterima, s.nomor_agenda
            row.dibaca_pada = s.dibaca_pada
            row.dibaca_oleh = (oleh.get_full_name() or oleh.get_username()) if oleh is not None else ""
            row.status, row.status_label = s.status, label_masuk.get(s.status, s.status)
            row.disposisi = s.pk in didisposisi
            row.balasan = balasan.get(s.pk, [])
        elif not p.unit_id:
            row.status, row.status_label = "kertas", "Dikirim di luar jaringan (Buku Ekspedisi)"
        else:
            row.status_label = "Belum terkirim"
        hasil.append(row)
    return hasil


# ---------------------------------------------------------------- reads for the pages

unit_tujuan = selectors.unit_tujuan


def naskah_terlihat(pengguna):
    """The naskah of the user's units (never those merely addressed to them)."""
    return restrict(Naskah.objects.all(), pengguna, "view")


def filter_cari(qs, q: str):
    q = " ".join((q or "").split())[:80]
    if not q:
        return qs
    return qs.filter(Q(perihal__icontains=q) | Q(nomor__icontains=q))
