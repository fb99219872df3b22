"""Moving proposals up the stages: the list before an office at the kecamatan, Forum Perangkat
Daerah, kabupaten and RKPD stages, merging duplicates, deciding, sending the office's list on
and setting the RKPD.

Every write on a proposal goes through `penilaian.simpan_revisi` (the acting office's own
`RevisiUsulan`); this module adds what is specific to the later stages: which office a user
acts for, the merge rules, the list an office sends (`DaftarUsulan`) and the final RKPD."""
from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, FilteredRelation, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from apps.akun import notifikasi
from apps.akun.models import Keanggotaan
from apps.akun.scope import ensure_allowed, memberships
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import UnitKerja

from . import penilaian, selectors
from .models import (
    TINGKAT_TAHAP,
    DaftarUsulan,
    JenisTahap,
    Keputusan,
    ModeTahap,
    RevisiUsulan,
    StatusDaftar,
    TahapMusrenbang,
    Usulan,
)
from .tahap import wajib_terbuka

PERAN_KANTOR = {
    "kecamatan": ("camat", "staf_kecamatan"),
    "kabupaten": ("admin_kabupaten", "bappeda"),
}
PERAN_FORUM_PD = ("staf_pd", "bappeda", "admin_kabupaten")


@dataclass
class Kantor:
    """The office a user acts for at a stage: its wilayah code, its unit, and at the Forum PD
    the agency whose list it is (None: Bappeda/admin, every agency)."""

    kode: str
    unit: UnitKerja
    unit_pd: int | None = None
    nama: str = ""


def kantor_pengguna(user, tahap: TahapMusrenbang, kode: str | None = None) -> Kantor | None:
    """The office the user acts for at a later stage (the one named by `kode` if they hold
    several), else None."""
    tingkat = TINGKAT_TAHAP[tahap.jenis]
    kab = tahap.siklus.owner_id
    for m in memberships(user):
        if not m.unit_id or (kode and m.wilayah_id != kode):
            continue
        if tingkat == "kecamatan" and m.peran in PERAN_KANTOR["kecamatan"] and kode_kabupaten(m.wilayah_id) == kab:
            return Kantor(m.wilayah_id, m.unit, None, m.unit.nama)
        if tingkat == "kabupaten" and m.wilayah_id == kab:
            if tahap.jenis == JenisTahap.FORUM_PD and m.peran in PERAN_FORUM_PD:
                return Kantor(kab, m.unit, penilaian.unit_pd_bertindak(user, tahap, m.unit), m.unit.nama)
            if m.peran in PERAN_KANTOR["kabupaten"]:
                return Kantor(kab, m.unit, None, m.unit.nama)
    return None


def wajib_kantor(user, tahap: TahapMusrenbang, kode: str | None = None) -> Kantor:
    k = kantor_pengguna(user, tahap, kode)
    if k is None:
        raise ValidationError(f"Anda tidak bertugas di kantor yang membahas usulan pada tahap "
                              f"{tahap.get_jenis_display()}.")
    return k


@dataclass
class Baris:
    usulan: Usulan
    sebelum: RevisiUsulan | None
    ini: RevisiUsulan | None
    gabungan: list = field(default_factory=list)

    @property
    def aktif(self) -> RevisiUsulan | Usulan:
        return self.ini or self.sebelum or self.usulan

    @property
    def urut(self):
        r = self.ini
        if r is None or r.peringkat is None:
            return (1, 10**9, self.usulan.kode)
        return (0, r.peringkat, self.usulan.kode)


@dataclass
class Halaman:
    baris: list[Baris]
    ringkasan: dict
    ada_berikut: bool


def halaman_kerja(tahap: TahapMusrenbang, kantor: Kantor, *, hal: int = 1, per: int = 50, desa: str = "",
                  urusan: str = "", pd: str = "") -> Halaman:
    """One page of the office's list. The database sorts, counts and sums the whole list (each
    proposal joined to this stage's record, if any) and returns only the page's ids; only those
    rows are loaded as full records. A kecamatan of thousands of proposals stays one page of
    work: three queries and no per-proposal Python."""
    qs = selectors.usulan_di_tahap(tahap, kantor.kode, kantor.unit_pd)
    if desa:
        qs = qs.filter(owner_id=desa)
    if urusan:
        qs = qs.filter(urusan=urusan)
    qs = qs.annotate(ini=FilteredRelation("revisi", condition=Q(revisi__tahap=tahap)))
    if pd:
        try:
            pd = uuid.UUID(pd)
        except ValueError:  # a hand-edited filter: nothing matches it
            qs = qs.none()
        else:
            qs = qs.annotate(_pd=Coalesce("ini__perangkat_daerah_id", "perangkat_daerah_id")).filter(_pd=pd)
    diteruskan = Q(ini__keputusan__isnull=True) | Q(ini__keputusan=Keputusan.DIUSULKAN)
    agg = qs.aggregate(jumlah=Count("pk"), diteruskan=Count("pk", filter=diteruskan),
                       masuk_pagu=Count("pk", filter=Q(ini__masuk_pagu=True)),
                       total=Sum(Coalesce("ini__perkiraan_biaya", "perkiraan_biaya"), filter=diteruskan))
    ringkas = {**agg, "total": agg["total"] or Decimal(0)}
    ids = list(qs.order_by(F("ini__peringkat").asc(nulls_last=True), "kode")
               .values_list("pk", flat=True)[(hal - 1) * per: hal * per + 1])
    ada_berikut = len(ids) > per
    ids = ids[:per]
    urutan = {pk: i for i, pk in enumerate(ids)}
    baris = sorted(daftar_kerja(tahap, kantor, ids=ids), key=lambda b: urutan[b.usulan.pk]) if ids else []
    return Halaman(baris, ringkas, ada_berikut)


def daftar_kerja(tahap: TahapMusrenbang, kantor: Kantor, *, desa: str = "", urusan: str = "",
                 pd: str = "", ids=None) -> list[Baris]:
    """The proposals before the office, each with the previous stage's record and this
    stage's; sorted by this stage's rank. Three queries whatever the size of the list."""
    sebelum = selectors.tahap_sebelum(tahap)
    qs = selectors.usulan_di_tahap(tahap, kantor.kode, kantor.unit_pd).select_related("perangkat_daerah")
    if desa:
        qs = qs.filter(owner_id=desa)
    if urusan:
        qs = qs.filter(urusan=urusan)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    usulan = {u.pk: u for u in qs.only(
        "pk", "kode", "nama_kegiatan", "owner_id", "urusan", "volume", "satuan", "perkiraan_biaya", "target",
        "perangkat_daerah__nama", "perangkat_daerah__singkatan", "dukungan_kertas", "dukungan_daring",
        "lokasi_keterangan", "sumber_dana")}
    ids = list(usulan)
    revisi = (RevisiUsulan.objects.filter(usulan_id__in=ids, tahap_id__in=[tahap.pk] + ([sebelum.pk] if sebelum else []))
              .select_related("perangkat_daerah", "digabung_ke")) if ids else []
    per = {}
    for r in revisi:
        per[(r.usulan_id, r.tahap_id)] = r
    baris = [Baris(u, per.get((u.pk, sebelum.pk)) if sebelum else None, per.get((u.pk, tahap.pk))) for u in usulan.values()]
    if pd:
        baris = [b for b in baris if str(getattr(b.aktif, "perangkat_daerah_id", "") or "") == pd]
    per_kode = {b.usulan.pk: b for b in baris}
    for r in (RevisiUsulan.objects.filter(tahap=tahap, keputusan=Keputusan.DIGABUNG, digabung_ke_id__in=list(per_kode))
              .select_related("usulan").only("digabung_ke_id", "usulan__kode", "usulan__nama_kegiatan")
              if per_kode else []):
        per_kode[r.digabung_ke_id].gabungan.append(r.usulan)
    baris.sort(key=lambda b: b.urut)
    return baris


def ringkasan(baris: list[Baris]) -> dict:
    diteruskan = [b for b in baris if (b.ini is None or b.ini.keputusan == Keputusan.DIUSULKAN)]
    return {
        "jumlah": len(baris),
        "diteruskan": len(diteruskan),
        "masuk_pagu": sum(1 for b in baris if b.ini and b.ini.masuk_pagu),
        "total": sum((b.aktif.perkiraan_biaya for b in diteruskan), Decimal(0)),
    }


def _di_daftar(tahap, kantor: Kantor, usulan: Usulan) -> bool:
    return selectors.usulan_di_tahap(tahap, kantor.kode, kantor.unit_pd).filter(pk=usulan.pk).exists()


def putuskan(user, *, tahap: TahapMusrenbang, usulan: Usulan, **data) -> RevisiUsulan:
    """Score, revise, map or decide on one proposal at a later stage (see simpan_revisi)."""
    if tahap.jenis == JenisTahap.DESA:
        raise ValidationError("Tahap desa dibahas di halaman usulan desa.")
    # At the Forum PD an agency accepts or rejects WITH a reason, either way.
    if tahap.jenis == JenisTahap.FORUM_PD and "keputusan" in data and len((data.get("alasan") or "").strip()) < 10:
        raise ValidationError({"alasan": "Perangkat daerah wajib menuliskan alasan menerima atau menolak "
                                         "(minimal 10 karakter)."})
    return penilaian.simpan_revisi(user, usulan=usulan, tahap=tahap, **data)


@transaction.atomic
def gabungkan(user, *, tahap: TahapMusrenbang, usulan: Usulan, tujuan: Usulan | None, alasan: str = "") -> RevisiUsulan:
    """Merge a duplicate into the surviving proposal: the merged one gets decision "digabung"
    pointing at the survivor; both must be on the office's list at this stage."""
    if tujuan is None:
        raise ValidationError({"digabung_ke": "Pilih usulan tujuan penggabungan."})
    if tujuan.pk == usulan.pk:
        raise ValidationError({"digabung_ke": "Usulan tidak dapat digabung dengan dirinya sendiri."})
    wajib_terbuka(tahap)
    kantor = wajib_kantor(user, tahap)
    if not _di_daftar(tahap, kantor, tujuan):
        raise ValidationError({"digabung_ke": f"Usulan {tujuan.kode} tidak ada dalam daftar kantor Anda pada tahap "
                                              "ini."})
    rev_tujuan = RevisiUsulan.objects.filter(usulan=tujuan, tahap=tahap).first()
    if rev_tujuan is not None and rev_tujuan.keputusan == Keputusan.DIGABUNG:
        raise ValidationError({"digabung_ke": f"Usulan {tujuan.kode} sudah digabung ke usulan lain; pilih usulan "
                                              "yang bertahan."})
    alasan = (alasan or "").strip() or f"Digabung dengan usulan {tujuan.kode} ({tujuan.nama_kegiatan}) karena sama."
    rev = penilaian.simpan_revisi(user, usulan=usulan, tahap=tahap, keputusan=Keputusan.DIGABUNG, digabung_ke=tujuan,
                                  alasan=alasan)
    # Proposals already merged into the one now merged follow it to the survivor.
    for r in RevisiUsulan.objects.filter(tahap=tahap, digabung_ke=usulan, keputusan=Keputusan.DIGABUNG):
        penilaian.simpan_revisi(user, usulan=r.usulan, tahap=tahap, digabung_ke=tujuan, keputusan=Keputusan.DIGABUNG)
    if rev_tujuan is None:
        penilaian.simpan_revisi(user, usulan=tujuan, tahap=tahap)
    return rev


def hitung_ulang(user, tahap: TahapMusrenbang) -> int:
    """Re-rank the office's list against its ceiling; returns how many were ranked."""
    wajib_terbuka(tahap)
    kantor = wajib_kantor(user, tahap)
    _lengkapi(user, tahap, kantor)
    return len(penilaian.hitung_ulang(tahap, kantor.kode, unit_id=None))


def _lengkapi(user, tahap: TahapMusrenbang, kantor: Kantor) -> int:
    """Give every proposal on the list that the office has not touched its record at this
    stage (figures of the previous stage, decision "diteruskan"), in one INSERT."""
    ada = set(RevisiUsulan.objects.filter(tahap=tahap, owner_id=kantor.kode).values_list("usulan_id", flat=True))
    baru_ids = [pk for pk in selectors.usulan_di_tahap(tahap, kantor.kode, kantor.unit_pd).values_list("pk", flat=True)
                if pk not in ada]
    if not baru_ids:
        return 0
    sebelum = selectors.tahap_sebelum(tahap)
    dasar = {r.usulan_id: r for r in RevisiUsulan.objects.filter(usulan_id__in=baru_ids, tahap=sebelum)}
    rows = []
    for pk in baru_ids:
        d = dasar[pk]
        unit = kantor.unit
        if tahap.jenis == JenisTahap.FORUM_PD and kantor.unit_pd is None and d.perangkat_daerah_id:
            unit = d.perangkat_daerah
        rows.append(RevisiUsulan(usulan_id=pk, tahap=tahap, unit=unit, owner_id=kantor.kode, pengguna=user,
                                 volume=d.volume, satuan=d.satuan, perkiraan_biaya=d.perkiraan_biaya, target=d.target,
                                 nilai={}, perangkat_daerah_id=d.perangkat_daerah_id, program=d.program))
    RevisiUsulan.objects.bulk_create(rows)
    return len(rows)


def _penerima_berikut(tahap: TahapMusrenbang, kantor: Kantor) -> list[int]:
    """Accounts of the office that takes the list next."""
    berikut = TahapMusrenbang.objects.filter(siklus_id=tahap.siklus_id, urutan__gt=tahap.urutan).order_by("urutan").first()
    if berikut is None:
        return []
    kab = tahap.siklus.owner_id
    if berikut.jenis == JenisTahap.FORUM_PD:
        peran, wil = PERAN_FORUM_PD, [kab]
    else:
        peran, wil = PERAN_KANTOR["kabupaten"], [kab]
    return list(Keanggotaan.objects.filter(aktif=True, peran__in=peran, wilayah_id__in=wil)
                .values_list("pengguna_id", flat=True))


@transaction.atomic
def kirim_tahap(user, tahap: TahapMusrenbang, catatan: str = "") -> DaftarUsulan:
    """Close the office's list at this stage and send it on: every proposal gets this stage's
    record, the list is re-ranked, and `DaftarUsulan` (status dikirim) holds counts and totals."""
    if tahap.jenis == JenisTahap.DESA:
        raise ValidationError("Daftar desa dikirim dari halaman peringkat usulan desa.")
    wajib_terbuka(tahap)
    kantor = wajib_kantor(user, tahap)
    if tahap.jenis == JenisTahap.FORUM_PD and kantor.unit_pd is not None:
        raise ValidationError("Daftar Forum Perangkat Daerah dikirim oleh Bappeda setelah semua perangkat daerah "
                              "memutuskan.")
    _lengkapi(user, tahap, kantor)
    penilaian.hitung_ulang(tahap, kantor.kode, unit_id=None)
    agg = RevisiUsulan.objects.filter(tahap=tahap, owner_id=kantor.kode).aggregate(
        n=Count("pk", filter=Q(keputusan=Keputusan.DIUSULKAN, masuk_pagu=True)))
    total = sum((r for r in RevisiUsulan.objects.filter(tahap=tahap, owner_id=kantor.kode, keputusan=Keputusan.DIUSULKAN,
                                                          masuk_pagu=True).values_list("perkiraan_biaya", flat=True)),
                Decimal(0))
    daftar = DaftarUsulan.objects.select_for_update().filter(tahap=tahap, wilayah_id=kantor.kode).first()
    if daftar is None:
        daftar = DaftarUsulan(tahap=tahap, wilayah_id=kantor.kode, owner_id=kantor.kode)
    daftar.status, daftar.dikirim_pada, daftar.pengirim = StatusDaftar.DIKIRIM, timezone.now(), user
    daftar.jumlah_usulan, daftar.total_biaya, daftar.catatan = agg["n"], total, (catatan or "").strip()
    daftar.save()
    ensure_allowed(user, "change", daftar)
    penerima = _penerima_berikut(tahap, kantor)
    if penerima:
        notifikasi.kirim_banyak(penerima, f"Daftar usulan {kantor.nama} dikirim",
                                f"{daftar.jumlah_usulan} usulan diteruskan dari {tahap.get_jenis_display()}.",
                                reverse("perencanaan:tahap_daftar"))
    return daftar


@transaction.atomic
def tetapkan_rkpd(user, tahap: TahapMusrenbang, *, nomor: str, tanggal) -> TahapMusrenbang:
    """Set the RKPD list with the Perbup number and date, and lock the stage."""
    if tahap.jenis != JenisTahap.RKPD:
        raise ValidationError("Penetapan daftar RKPD hanya pada tahap Penetapan RKPD.")
    nomor = (nomor or "").strip()
    if len(nomor) < 3:
        raise ValidationError({"nomor_penetapan": "Nomor Peraturan Bupati wajib diisi."})
    if not isinstance(tanggal, datetime.date):
        raise ValidationError({"tanggal_penetapan": "Tanggal penetapan wajib diisi."})
    if tanggal > timezone.localdate():
        raise ValidationError({"tanggal_penetapan": "Tanggal penetapan tidak boleh di masa depan."})
    wajib_terbuka(tahap)
    kantor = wajib_kantor(user, tahap)
    if kantor.kode != tahap.siklus.owner_id:
        raise PermissionDenied
    daftar = kirim_tahap(user, tahap)
    t = TahapMusrenbang.objects.select_for_update().get(pk=tahap.pk)
    t.nomor_penetapan, t.tanggal_penetapan, t.mode = nomor, tanggal, ModeTahap.TUTUP
    t.save(update_fields=["nomor_penetapan", "tanggal_penetapan", "mode", "updated_at"])
    daftar.catatan = f"Ditetapkan dengan Peraturan Bupati {nomor} tanggal {tanggal:%d-%m-%Y}."
    daftar.save(update_fields=["catatan", "updated_at"])
    return t


def tahap_untuk(user) -> list[tuple[TahapMusrenbang, Kantor]]:
    """The later stages of the user's regency's cycles at which they act for an office."""
    out = []
    for siklus in selectors.siklus_kabupaten(user)[:3]:
        for t in selectors.tahap_siklus(siklus):
            if t.jenis == JenisTahap.DESA:
                continue
            t.siklus = siklus
            k = kantor_pengguna(user, t)
            if k is not None:
                out.append((t, k))
    return out


def tahap_kabupaten(user):
    """Stages of the user's regency (kabupaten reference data, matched by code)."""
    return TahapMusrenbang.objects.filter(owner_id__in=selectors.kabupaten_pengguna(user)).select_related("siklus")
