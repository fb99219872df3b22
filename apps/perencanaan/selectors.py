"""Reads shared by every area of planning: the regency's cycle and stages, ceilings, criteria,
and which proposals are before an office at a stage. Area reads live beside their services."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet

from apps.akun.scope import memberships
from apps.wilayah.kode import kode_kabupaten

from .models import (
    DaftarUsulan,
    JenisTahap,
    Keputusan,
    KriteriaPenilaian,
    PaguIndikatif,
    RevisiUsulan,
    SiklusMusrenbang,
    StatusDaftar,
    StatusUsulan,
    TahapMusrenbang,
    Usulan,
)

# Proposals a village is still deliberating (ideas and drafts) or has sent.
STATUS_DI_DESA = (StatusUsulan.IDE, StatusUsulan.DRAF, StatusUsulan.DIKIRIM)


def kabupaten_pengguna(user) -> list[str]:
    return sorted({kode_kabupaten(m.wilayah_id) for m in memberships(user)})


def siklus_kabupaten(user) -> QuerySet:
    """The cycles of the user's regency (kabupaten reference data, matched by code)."""
    return SiklusMusrenbang.objects.filter(owner_id__in=kabupaten_pengguna(user)).order_by("-tahun_rencana")


def siklus_terkini(kabupaten: str) -> SiklusMusrenbang | None:
    return SiklusMusrenbang.objects.filter(owner_id=kabupaten).order_by("-tahun_rencana").first()


def tahap_siklus(siklus: SiklusMusrenbang) -> list[TahapMusrenbang]:
    return list(siklus.tahap.order_by("urutan"))


def tahap_jenis(siklus: SiklusMusrenbang, jenis: str) -> TahapMusrenbang | None:
    return siklus.tahap.filter(jenis=jenis).first()


def tahap_sebelum(tahap: TahapMusrenbang) -> TahapMusrenbang | None:
    return (TahapMusrenbang.objects.filter(siklus_id=tahap.siklus_id, urutan__lt=tahap.urutan)
            .order_by("-urutan").first())


def kriteria(tahap: TahapMusrenbang) -> list[KriteriaPenilaian]:
    return list(tahap.kriteria.order_by("urutan", "kode"))


def pagu_untuk(siklus: SiklusMusrenbang, wilayah_kode: str, tingkat: str) -> Decimal:
    """The ceiling of a village or kecamatan: its own, else the cycle's default (0 = none)."""
    row = PaguIndikatif.objects.filter(siklus=siklus, wilayah_id=wilayah_kode).values_list("jumlah", flat=True).first()
    if row is not None:
        return row
    return siklus.pagu_desa_bawaan if tingkat == "desa" else siklus.pagu_kecamatan_bawaan if tingkat == "kecamatan" \
        else Decimal(0)


def usulan_di_tahap(tahap: TahapMusrenbang, wilayah_kode: str, unit_id=None) -> QuerySet:
    """The proposals before an office at a stage:
    - village stage: the village's own proposals still in play (ideas, drafts, sent);
    - later stages: proposals of villages under `wilayah_kode` that the previous stage passed
      on (decision "diteruskan" and within its ceiling) in a list that office sent; at the
      Forum Perangkat Daerah only those mapped to the agency `unit_id`."""
    if tahap.jenis == JenisTahap.DESA:
        return Usulan.objects.filter(siklus_id=tahap.siklus_id, owner_id=wilayah_kode, status__in=STATUS_DI_DESA)
    sebelum = tahap_sebelum(tahap)
    if sebelum is None:
        return Usulan.objects.none()
    lolos = RevisiUsulan.objects.filter(usulan=OuterRef("pk"), tahap=sebelum, keputusan=Keputusan.DIUSULKAN,
                                        masuk_pagu=True)
    terkirim = DaftarUsulan.objects.filter(tahap=sebelum, status=StatusDaftar.DIKIRIM,
                                           wilayah_id=OuterRef("_kantor_sebelum"))
    qs = Usulan.objects.filter(siklus_id=tahap.siklus_id)
    if wilayah_kode.count(".") < 3:  # kecamatan or kabupaten: the villages under it
        qs = qs.filter(owner_id__gt=wilayah_kode + ".", owner_id__lt=wilayah_kode + "/")
    else:
        qs = qs.filter(owner_id=wilayah_kode)
    qs = qs.filter(Exists(lolos))
    # The office that sent the previous stage's list: the village for the kecamatan stage,
    # the kecamatan for the Forum PD, the kabupaten from then on.
    from django.db.models.functions import Left

    if sebelum.jenis == JenisTahap.DESA:
        qs = qs.annotate(_kantor_sebelum=Left("owner_id", 13))
    elif sebelum.jenis == JenisTahap.KECAMATAN:
        qs = qs.annotate(_kantor_sebelum=Left("owner_id", 8))
    else:
        qs = qs.annotate(_kantor_sebelum=Left("owner_id", 5))
    qs = qs.filter(Exists(terkirim))
    if tahap.jenis == JenisTahap.FORUM_PD and unit_id is not None:
        # The agency the kecamatan mapped it to, else the one the village named.
        dipetakan = RevisiUsulan.objects.filter(usulan=OuterRef("pk"), tahap=sebelum, perangkat_daerah__isnull=False)
        qs = qs.filter(Exists(dipetakan.filter(perangkat_daerah_id=unit_id))
                       | (Q(perangkat_daerah_id=unit_id) & ~Exists(dipetakan)))
    return qs


def revisi_terakhir(usulan: Usulan, sebelum_urutan: int | None = None) -> RevisiUsulan | None:
    """The latest stage's record of a proposal (before stage `sebelum_urutan` if given)."""
    qs = usulan.revisi.select_related("tahap")
    if sebelum_urutan is not None:
        qs = qs.filter(tahap__urutan__lt=sebelum_urutan)
    return qs.order_by("-tahap__urutan").first()
