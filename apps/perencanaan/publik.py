"""Public reads of the Musrenbang (no login): the cycle and its stages, a kecamatan's and a
village's proposals with every stage's decision and reason, and "lacak usulan" (one
proposal's path from the village to the RKPD). Only proposals and decisions leave here: never
a NIK, never a resident proposer's name ("Warga RT 001"), nothing of the accounts."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from apps.wilayah.models import Wilayah

from . import selectors
from .models import (
    JenisTahap,
    PengusulJenis,
    RevisiUsulan,
    SiklusMusrenbang,
    StatusUsulan,
    TahapMusrenbang,
    Usulan,
)
from .tahap import status_tahap

TAMPIL = (StatusUsulan.DRAF, StatusUsulan.DIKIRIM, StatusUsulan.TIDAK_DIKIRIM)
KOLOM_USULAN = ("pk", "kode", "nama_kegiatan", "owner_id", "lokasi_id", "lokasi_keterangan", "volume", "satuan",
                "perkiraan_biaya", "sumber_dana", "urusan", "pengusul_jenis", "pengusul_nama", "status", "siklus_id",
                "dukungan_kertas", "dukungan_daring", "jenis", "uraian", "target", "perangkat_daerah_id", "created_at")


def pengusul_publik(u: Usulan) -> str:
    """A resident's name is never shown: "Warga RT 001" (from the location), else the group."""
    if u.pengusul_jenis == PengusulJenis.WARGA:
        rt = (u.lokasi_id or "").rsplit(".", 1)[-1] if (u.lokasi_id or "").count(".") >= 6 else ""
        return f"Warga RT {rt}" if rt else "Warga"
    return u.pengusul_nama


def siklus_publik(kab: str | None = None) -> SiklusMusrenbang | None:
    qs = SiklusMusrenbang.objects.order_by("-tahun_rencana", "-created_at")
    if kab:
        qs = qs.filter(owner_id=kab)
    return qs.first()


@dataclass
class TahapTampil:
    tahap: TahapMusrenbang
    status: object


def tahap_tampil(siklus) -> list[TahapTampil]:
    return [TahapTampil(t, status_tahap(t)) for t in selectors.tahap_siklus(siklus)]


def beranda(siklus: SiklusMusrenbang) -> dict:
    """The cycle, its stages, and the kecamatan with their villages' proposal counts."""
    per_desa = dict(Usulan.objects.filter(siklus=siklus, status__in=TAMPIL).values("owner_id")
                    .annotate(n=Count("pk")).values_list("owner_id", "n"))
    kab = siklus.owner_id
    wil = list(Wilayah.objects.filter(kode__startswith=kab + ".", tingkat__in=("kecamatan", "desa", "kelurahan"))
               .values_list("kode", "nama", "tingkat").order_by("kode"))
    kec = {}
    for kode, nama, tingkat in wil:
        if tingkat == "kecamatan":
            kec[kode] = {"kode": kode, "nama": nama, "desa": [], "jumlah": 0}
    for kode, nama, tingkat in wil:
        if tingkat != "kecamatan" and kode.rsplit(".", 1)[0] in kec:
            k = kec[kode.rsplit(".", 1)[0]]
            k["desa"].append({"kode": kode, "nama": nama, "jumlah": per_desa.get(kode, 0)})
            k["jumlah"] += per_desa.get(kode, 0)
    return {"siklus": siklus, "tahap": tahap_tampil(siklus), "kecamatan": list(kec.values()),
            "jumlah": sum(per_desa.values())}


@dataclass
class Jejak:
    """One stage's record of a proposal, as the public sees it."""

    tahap: TahapMusrenbang
    revisi: RevisiUsulan | None


def _revisi_per_usulan(ids) -> dict:
    out: dict = {}
    for r in (RevisiUsulan.objects.filter(usulan_id__in=ids)
              .select_related("tahap", "perangkat_daerah", "digabung_ke")
              .only("usulan_id", "tahap__jenis", "tahap__urutan", "volume", "satuan", "perkiraan_biaya", "skor",
                    "peringkat", "masuk_pagu", "keputusan", "alasan", "peringkat_manual", "alasan_manual", "program",
                    "perangkat_daerah__nama", "digabung_ke__kode", "digabung_ke__nama_kegiatan", "tahap_id")):
        out.setdefault(r.usulan_id, {})[r.tahap_id] = r
    return out


def usulan_wilayah(siklus, kode: str) -> list[dict]:
    """The proposals of a village (code with 3 dots) or a kecamatan, each with its record at
    every stage (two queries)."""
    qs = Usulan.objects.filter(siklus=siklus, status__in=TAMPIL)
    qs = qs.filter(owner_id=kode) if kode.count(".") >= 3 else qs.filter(owner_id__gt=kode + ".", owner_id__lt=kode + "/")
    usulan = list(qs.only(*KOLOM_USULAN).order_by("owner_id", "kode"))
    tahap = selectors.tahap_siklus(siklus)
    rev = _revisi_per_usulan([u.pk for u in usulan])
    out = []
    for u in usulan:
        per = rev.get(u.pk, {})
        jejak = [Jejak(t, per.get(t.pk)) for t in tahap]
        terakhir = next((j.revisi for j in reversed(jejak) if j.revisi), None)
        out.append({"usulan": u, "pengusul": pengusul_publik(u), "jejak": jejak, "terakhir": terakhir})
    desa_rev = {t.pk for t in tahap if t.jenis == JenisTahap.DESA}
    out.sort(key=lambda x: (x["usulan"].owner_id, next((j.revisi.peringkat or 10**6 for j in x["jejak"]
                                                         if j.revisi and j.tahap.pk in desa_rev), 10**6),
                            x["usulan"].kode))
    return out


def lacak(kode: str) -> dict | None:
    """One proposal's path: every stage of its cycle with that stage's figures, decision and
    reason (or "not yet"/"did not reach"). Four queries."""
    kode = (kode or "").strip().upper()[:24]
    if not kode:
        return None
    u = Usulan.objects.filter(kode=kode).exclude(status=StatusUsulan.IDE).only(*KOLOM_USULAN).first()
    if u is None:
        return None
    tahap = list(TahapMusrenbang.objects.filter(siklus_id=u.siklus_id).order_by("urutan"))
    per = _revisi_per_usulan([u.pk]).get(u.pk, {})
    nama = dict(Wilayah.objects.filter(Q(kode=u.owner_id) | Q(kode=u.owner_id.rsplit(".", 1)[0]))
                .values_list("kode", "nama"))
    jejak, berhenti = [], False
    for t in tahap:
        r = per.get(t.pk)
        st = status_tahap(t)
        if r is not None:
            ket = "selesai"
        elif berhenti:
            ket = "tidak_sampai"
        else:
            ket = "berjalan" if st.terbuka else ("belum" if st.kode == "belum" else "tidak_sampai")
        jejak.append({"tahap": t, "revisi": r, "status": st, "ket": ket})
        if r is not None and (r.keputusan != "diusulkan" or not r.masuk_pagu):
            berhenti = True
    return {"usulan": u, "pengusul": pengusul_publik(u), "jejak": jejak, "desa": nama.get(u.owner_id, u.owner_id),
            "kecamatan": nama.get(u.owner_id.rsplit(".", 1)[0], "")}


def wilayah_publik(kode: str, tingkat: tuple[str, ...]) -> Wilayah | None:
    return Wilayah.objects.filter(kode=kode, tingkat__in=tingkat).only("kode", "nama", "tingkat").first()
