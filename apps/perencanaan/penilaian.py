"""Writing a stage's record of a proposal (`RevisiUsulan`) and re-ranking the office's list.

Every office acting at a stage calls `simpan_revisi`: its figures start from the previous
stage's (or the village's original) and only what it changes differs; its decision and scores
are its own row (DESIGN.md invariant 3). After each write the office's list at that stage is
re-ranked by the one pure function `peringkat.hitung` against its ceiling."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.akun.scope import ensure_allowed, memberships
from apps.wilayah.kode import kode_kabupaten
from apps.wilayah.models import UnitKerja

from . import peringkat, selectors
from .models import (
    TINGKAT_TAHAP,
    JenisTahap,
    Keputusan,
    RevisiUsulan,
    TahapMusrenbang,
    Usulan,
)
from .tahap import wajib_terbuka


def kantor_tahap(tahap: TahapMusrenbang, usulan: Usulan) -> str:
    """The wilayah code of the office that acts on `usulan` at `tahap`."""
    tingkat = TINGKAT_TAHAP[tahap.jenis]
    if tingkat == "desa":
        return usulan.owner_id
    if tingkat == "kecamatan":
        return usulan.owner_id.rsplit(".", 1)[0]
    return kode_kabupaten(usulan.owner_id)


def unit_bertindak(user, tahap: TahapMusrenbang, kantor: str) -> UnitKerja:
    """The user's unit acting for `kantor` at this stage; ValidationError if they hold none."""
    for m in memberships(user):
        if m.wilayah_id == kantor and m.unit_id and m.peran not in ("warga", "bpd"):
            if tahap.jenis == JenisTahap.FORUM_PD and m.peran not in ("staf_pd", "bappeda", "admin_kabupaten"):
                continue
            return m.unit
    raise ValidationError(f"Anda tidak bertugas di kantor yang membahas usulan pada tahap {tahap.get_jenis_display()}.")


def unit_pd_bertindak(user, tahap: TahapMusrenbang, unit: UnitKerja):
    """At the Forum PD an agency acts only on proposals mapped to it (its unit id); Bappeda and
    the regency admin act on every agency's list (None)."""
    if tahap.jenis != JenisTahap.FORUM_PD or unit.jenis != "pd":
        return None
    kab = kode_kabupaten(unit.wilayah_id)
    if any(m.peran in ("bappeda", "admin_kabupaten") and m.wilayah_id == kab for m in memberships(user)):
        return None
    return unit.pk


def _desimal(nilai, field: str, label: str, minimum: Decimal = Decimal(0)) -> Decimal:
    try:
        d = Decimal(str(nilai))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: f"{label} harus berupa angka."}) from None
    if not d.is_finite() or d < minimum:
        raise ValidationError({field: f"{label} tidak boleh kurang dari {minimum}."})
    return d


def _periksa_nilai(nilai: dict, tahap: TahapMusrenbang) -> dict:
    kode = {k.kode: k.nama for k in selectors.kriteria(tahap)}
    bersih = {}
    for k, v in (nilai or {}).items():
        if k not in kode:
            raise ValidationError({"nilai": f"Kriteria '{k}' tidak ada pada tahap ini."})
        try:
            n = int(v)
        except (TypeError, ValueError):
            raise ValidationError({"nilai": f"Nilai {kode[k]} harus angka 1 sampai 5."}) from None
        if not 1 <= n <= 5:
            raise ValidationError({"nilai": f"Nilai {kode[k]} harus 1 sampai 5 (diisi {v})."})
        bersih[k] = n
    return bersih


@transaction.atomic
def simpan_revisi(user, *, usulan: Usulan, tahap: TahapMusrenbang, **data) -> RevisiUsulan:
    """Create or update the acting office's record of `usulan` at `tahap`.

    `data` may hold: volume, satuan, perkiraan_biaya, target, nilai (dict kode -> 1..5),
    keputusan, alasan, digabung_ke (Usulan), perangkat_daerah (UnitKerja), program,
    peringkat_manual (int or None), alasan_manual. Fields not given keep their value (or, on a
    new record, the previous stage's)."""
    if usulan.siklus_id != tahap.siklus_id:
        raise ValidationError("Usulan ini bukan bagian dari siklus tahap tersebut.")
    wajib_terbuka(tahap)
    kantor = kantor_tahap(tahap, usulan)
    unit = unit_bertindak(user, tahap, kantor)
    unit_pd = unit_pd_bertindak(user, tahap, unit)
    if tahap.jenis != JenisTahap.DESA and not selectors.usulan_di_tahap(tahap, kantor, unit_pd).filter(
            pk=usulan.pk).exists():
        raise ValidationError("Usulan ini tidak diteruskan ke tahap ini (belum dikirim atau tidak lolos tahap "
                                  "sebelumnya).")

    rev = RevisiUsulan.objects.select_for_update().filter(usulan=usulan, tahap=tahap).first()
    if rev is None:
        dasar = selectors.revisi_terakhir(usulan, sebelum_urutan=tahap.urutan)
        sumber = dasar or usulan
        rev = RevisiUsulan(
            usulan=usulan, tahap=tahap, unit=unit, owner_id=kantor, pengguna=user,
            volume=sumber.volume, satuan=sumber.satuan, perkiraan_biaya=sumber.perkiraan_biaya,
            target=sumber.target, perangkat_daerah=sumber.perangkat_daerah,
            program=getattr(dasar, "program", "") if dasar else "",
        )
    elif rev.owner_id != kantor:
        raise ValidationError("Catatan tahap ini milik kantor lain.")
    rev.unit, rev.pengguna = unit, user

    if "volume" in data:
        rev.volume = _desimal(data["volume"], "volume", "Volume", Decimal("0.01"))
    if "satuan" in data:
        rev.satuan = (data["satuan"] or "").strip()
        if not rev.satuan:
            raise ValidationError({"satuan": "Satuan wajib diisi (mis. meter, unit, paket)."})
    if "perkiraan_biaya" in data:
        rev.perkiraan_biaya = _desimal(data["perkiraan_biaya"], "perkiraan_biaya", "Perkiraan biaya")
    for f in ("target", "program", "alasan", "alasan_manual"):
        if f in data:
            setattr(rev, f, (data[f] or "").strip())
    if "perangkat_daerah" in data:
        pd = data["perangkat_daerah"]
        if pd is not None and (pd.jenis != "pd" or kode_kabupaten(pd.wilayah_id) != kode_kabupaten(kantor)):
            raise ValidationError({"perangkat_daerah": "Pilih perangkat daerah kabupaten ini."})
        rev.perangkat_daerah = pd
    if "nilai" in data:
        rev.nilai = _periksa_nilai(data["nilai"], tahap)
    if "keputusan" in data:
        if data["keputusan"] not in Keputusan.values:
            raise ValidationError({"keputusan": "Keputusan tidak dikenal."})
        rev.keputusan = data["keputusan"]
    if "digabung_ke" in data:
        rev.digabung_ke = data["digabung_ke"]
    if "peringkat_manual" in data:
        rev.peringkat_manual = data["peringkat_manual"] or None

    if rev.keputusan in (Keputusan.DITOLAK, Keputusan.DITUNDA) and len(rev.alasan) < 10:
        raise ValidationError({"alasan": "Tuliskan alasan keputusan (minimal 10 karakter); alasan ini dilihat desa "
                                         "pengusul dan publik."})
    if rev.keputusan == Keputusan.DIGABUNG:
        tujuan = rev.digabung_ke
        if tujuan is None:
            raise ValidationError({"digabung_ke": "Pilih usulan tujuan penggabungan."})
        if tujuan.pk == usulan.pk or tujuan.siklus_id != usulan.siklus_id:
            raise ValidationError({"digabung_ke": "Usulan tidak dapat digabung dengan dirinya sendiri atau usulan "
                                                  "siklus lain."})
        if not rev.alasan:
            rev.alasan = f"Digabung dengan usulan {tujuan.kode} ({tujuan.nama_kegiatan})."
    else:
        rev.digabung_ke = None
    if rev.peringkat_manual is not None:
        if rev.peringkat_manual < 1:
            raise ValidationError({"peringkat_manual": "Peringkat manual harus 1 atau lebih."})
        if len(rev.alasan_manual) < 10:
            raise ValidationError({"alasan_manual": "Penetapan peringkat manual wajib disertai alasan tertulis "
                                                    "(minimal 10 karakter); alasan ini ditampilkan ke publik."})
    else:
        rev.alasan_manual = ""
    rev.skor = peringkat.skor(rev.nilai, [peringkat.Kriteria(k.kode, k.bobot) for k in selectors.kriteria(tahap)])
    rev.save()
    ensure_allowed(user, "change", rev)
    hitung_ulang(tahap, kantor, unit_id=unit.pk if tahap.jenis == JenisTahap.FORUM_PD else None)
    rev.refresh_from_db()
    return rev


def peringkat_kantor(tahap: TahapMusrenbang, kantor: str, unit_id=None) -> tuple[list[peringkat.Hasil], list[dict]]:
    """The office's ranking at a stage, computed (no writes): plain rows in, the pure function's
    results out. Returns (results in rank order, the rows read)."""
    kriteria = [peringkat.Kriteria(k.kode, k.bobot) for k in selectors.kriteria(tahap)]
    qs = RevisiUsulan.objects.filter(tahap=tahap, owner_id=kantor)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    rows = list(qs.order_by("usulan__created_at", "usulan_id").values(
        "pk", "keputusan", "perkiraan_biaya", "nilai", "peringkat_manual", "alasan_manual", "peringkat",
        "masuk_pagu", "skor", "usulan__dukungan_daring", "usulan__dukungan_kertas"))
    tingkat = TINGKAT_TAHAP[tahap.jenis]
    pagu = selectors.pagu_untuk(tahap.siklus, kantor, tingkat) if tingkat in ("desa", "kecamatan") else None
    hasil = peringkat.hitung(
        [peringkat.Butir(id=r["pk"], biaya=r["perkiraan_biaya"], nilai=r["nilai"] or {},
                         dukungan=r["usulan__dukungan_daring"] + r["usulan__dukungan_kertas"],
                         peringkat_manual=r["peringkat_manual"], alasan_manual=r["alasan_manual"])
         for r in rows if r["keputusan"] == Keputusan.DIUSULKAN],
        kriteria, pagu)
    return hasil, rows


def hitung_ulang(tahap: TahapMusrenbang, kantor: str, unit_id=None) -> list[peringkat.Hasil]:
    """Re-rank the office's records at a stage (only those passed on: rejected, merged and
    postponed ones get no rank) and store rank, score and whether each fits the ceiling, for the
    rows whose values changed only (the journal records each changed row)."""
    hasil, rows = peringkat_kantor(tahap, kantor, unit_id)
    per_id = {h.id: h for h in hasil}
    berubah = []
    for r in rows:
        h = per_id.get(r["pk"])
        baru = (h.peringkat, h.masuk_pagu, h.skor) if h else (None, False, r["skor"])
        if (r["peringkat"], r["masuk_pagu"], r["skor"]) != baru:
            berubah.append(RevisiUsulan(pk=r["pk"], peringkat=baru[0], masuk_pagu=baru[1], skor=baru[2]))
    if berubah:
        # Small batches: Django's CASE WHEN per batch is quadratic in the batch size.
        RevisiUsulan.objects.bulk_update(berubah, ["peringkat", "masuk_pagu", "skor"], batch_size=250)
    return hasil
