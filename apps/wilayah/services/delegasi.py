"""Delegation while an official is away: for a period, someone of the same unit acts for a
position (dispositions and review steps addressed to it reach them; see
`selectors.jabatan_dipegang` and `selectors.pemegang_jabatan`).

Who may delegate: whoever may change the position (the unit's managers, by the grants in
izin.py), or the official holding the position today, delegating their own. A delegation is
owned by the office of the position's unit. It is never deleted: it is cancelled (`dicabut`),
so the record of who acted for whom stays.
"""
from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.akun.models import Keanggotaan
from apps.akun.scope import allows, ensure_allowed
from apps.sinkron import journal

from ..models import Delegasi, Jabatan, Pejabat
from ..selectors import delegasi_aktif_q, pejabat_aktif_q

MAKS_HARI = 90
MAKS_ALASAN = 200


def _pemegang(user, jabatan: Jabatan, hari: datetime.date) -> bool:
    """Whether `user` holds the position on `hari` (definitif, Plt or Plh; not by delegation:
    a delegate does not pass the position on)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan=jabatan, pengguna=user).exists()


def _di_unit(pengguna, jabatan: Jabatan, hari: datetime.date) -> bool:
    """Whether `pengguna` works in the position's unit: an active membership there, or an
    official serving in one of its positions."""
    if Keanggotaan.objects.filter(pengguna=pengguna, unit_id=jabatan.unit_id, aktif=True).exists():
        return True
    return Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan__unit_id=jabatan.unit_id,
                                  pengguna=pengguna).exists()


def _tgl(d: datetime.date) -> str:
    return d.strftime("%d-%m-%Y")


def _periksa(*, jabatan: Jabatan, kepada, mulai, selesai, alasan: str, hari: datetime.date) -> str:
    if not isinstance(mulai, datetime.date):
        raise ValidationError({"mulai": "Tanggal mulai wajib diisi."})
    if not isinstance(selesai, datetime.date):
        raise ValidationError({"selesai": "Tanggal selesai wajib diisi."})
    if selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    if selesai < hari:
        raise ValidationError({"selesai": f"Tanggal selesai ({_tgl(selesai)}) sudah lewat."})
    if (selesai - mulai).days + 1 > MAKS_HARI:
        raise ValidationError({"selesai": f"Delegasi paling lama {MAKS_HARI} hari "
                                          f"(sekarang {(selesai - mulai).days + 1} hari)."})
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError({"alasan": "Alasan delegasi wajib diisi (mis. cuti tahunan, perjalanan dinas)."})
    if len(alasan) > MAKS_ALASAN:
        raise ValidationError({"alasan": f"Alasan terlalu panjang (paling banyak {MAKS_ALASAN} karakter)."})
    if kepada is None:
        raise ValidationError({"kepada": "Pilih pegawai yang menerima delegasi."})
    if not kepada.is_active:
        raise ValidationError({"kepada": f"Akun {kepada} tidak aktif."})
    if not _di_unit(kepada, jabatan, hari):
        raise ValidationError({"kepada": f"{kepada} tidak bekerja di {jabatan.unit.nama}; delegasi hanya kepada "
                                         "pegawai atau pejabat unit yang sama."})
    if _pemegang(kepada, jabatan, hari):
        raise ValidationError({"kepada": f"{kepada} sudah memegang jabatan {jabatan.nama}."})
    bentrok = (Delegasi.objects.filter(jabatan=jabatan, dicabut__isnull=True, mulai__lte=selesai, selesai__gte=mulai)
               .select_related("kepada").first())
    if bentrok is not None:
        raise ValidationError({"mulai": f"Jabatan {jabatan.nama} sudah didelegasikan kepada {bentrok.kepada} "
                                        f"pada {_tgl(bentrok.mulai)} s.d. {_tgl(bentrok.selesai)}. "
                                        "Cabut delegasi itu lebih dulu atau pilih tanggal lain."})
    return alasan


def _dalam_masa_jabatan(user, jabatan: Jabatan, selesai: datetime.date, hari: datetime.date) -> None:
    """A holder passes on only the authority they have: a Plt or Plh (or an official whose
    end date is recorded) may not delegate past the end of their own term."""
    akhir = list(Pejabat.objects.filter(pejabat_aktif_q(hari=hari), jabatan=jabatan, pengguna=user)
                 .values_list("selesai", flat=True))
    if not akhir or None in akhir:
        return
    batas = max(akhir)
    if selesai > batas:
        raise ValidationError({"selesai": f"Masa jabatan Anda sebagai {jabatan.nama} berakhir {_tgl(batas)}; "
                                          "delegasi tidak boleh melewati tanggal itu."})


def boleh_delegasikan(user, jabatan: Jabatan, hari: datetime.date | None = None) -> bool:
    """Whether `user` may delegate `jabatan`: a manager of the position, or its holder today."""
    hari = hari or timezone.localdate()
    return allows(user, "change", jabatan) or _pemegang(user, jabatan, hari)


def buat_delegasi(*, user, jabatan: Jabatan, kepada, mulai: datetime.date, selesai: datetime.date,
                  alasan: str) -> Delegasi:
    """Let `kepada` act for `jabatan` from `mulai` to `selesai` (inclusive, at most 90 days)."""
    hari = timezone.localdate()
    pengelola = allows(user, "change", jabatan)
    if not pengelola and not _pemegang(user, jabatan, hari):
        raise PermissionDenied("Hanya pengelola jabatan ini atau pemegangnya yang dapat mendelegasikannya.")
    alasan = _periksa(jabatan=jabatan, kepada=kepada, mulai=mulai, selesai=selesai, alasan=alasan, hari=hari)
    if not pengelola:
        _dalam_masa_jabatan(user, jabatan, selesai, hari)
    d = Delegasi(jabatan=jabatan, kepada=kepada, mulai=mulai, selesai=selesai, alasan=alasan, dibuat_oleh=user,
                 owner_id=jabatan.owner_id)
    with transaction.atomic():
        journal.begin()
        # Re-checked under the journal lock: two delegations of one position may not overlap.
        if Delegasi.objects.filter(jabatan=jabatan, dicabut__isnull=True, mulai__lte=selesai,
                                   selesai__gte=mulai).exists():
            raise ValidationError({"mulai": f"Jabatan {jabatan.nama} baru saja didelegasikan pada masa itu."})
        d.save(force_insert=True)
        if pengelola:
            ensure_allowed(user, "add", d)
    _beri_tahu(d)
    return d


def _beri_tahu(d: Delegasi) -> None:
    from apps.akun import notifikasi

    notifikasi.kirim(d.kepada, f"Anda menerima delegasi jabatan {d.jabatan.nama}",
                     f"{_tgl(d.mulai)} s.d. {_tgl(d.selesai)}: {d.alasan}", d.get_absolute_url())


def cabut_delegasi(*, user, delegasi: Delegasi) -> Delegasi:
    """Cancel a delegation (the official came back early, or it was a mistake). Allowed to the
    managers of the position, its holder, and whoever made the delegation."""
    hari = timezone.localdate()
    jabatan = delegasi.jabatan
    pengelola = allows(user, "change", delegasi)
    if not (pengelola or delegasi.dibuat_oleh_id == getattr(user, "pk", None) or _pemegang(user, jabatan, hari)):
        raise PermissionDenied("Hanya pengelola jabatan, pemegangnya atau pembuat delegasi yang dapat mencabutnya.")
    if delegasi.dicabut is not None:
        raise ValidationError({"dicabut": "Delegasi ini sudah dicabut."})
    if delegasi.selesai < hari:
        raise ValidationError({"dicabut": f"Delegasi ini sudah berakhir pada {_tgl(delegasi.selesai)}."})
    with transaction.atomic():
        journal.begin()
        delegasi.dicabut = timezone.now()
        delegasi.save(update_fields=["dicabut", "updated_at"])
        if pengelola:
            ensure_allowed(user, "change", delegasi)
    return delegasi


def delegasi_aktif(jabatan_ids, hari: datetime.date | None = None) -> dict:
    """jabatan id -> its delegation in force on `hari` (one query)."""
    qs = Delegasi.objects.filter(delegasi_aktif_q(hari=hari), jabatan_id__in=list(jabatan_ids))
    return {d.jabatan_id: d for d in qs.select_related("kepada")}
